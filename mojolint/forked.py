"""Worker processes forked from this one (where ``fork`` is safe: Linux), for the engine.

A forked worker inherits the parent's memory: the list of jobs, the parser, the rules and
their compiled queries, the project modules loaded so far. So it is told which job to do
next by the job's place in that list, a 4-byte record on a pipe (:class:`Offers`) that all
workers read (each record is read by one of them: the next job goes to whoever is free),
and sends back each result pickled, on a pipe of its own (:class:`Worker`). The parent
reads every worker's pipe as results come (:func:`results`), so none waits on a full pipe.

Compared to ``concurrent.futures.ProcessPoolExecutor``, nothing is pickled on the way in
(a job's bytes and settings were, and unpickled settings were new objects in each chunk,
whose memoized rule lists and options were made again), no thread runs in the parent, jobs
are handed out one at a time instead of in chunks, and ``multiprocessing`` and
``concurrent.futures`` are not imported (a fiftieth of a cold run, before any worker
started).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import selectors
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

_RECORD = 4  # bytes of a job's place
# Bytes written at once: at most PIPE_BUF, so that a write is never split; a reader never
# sees part of a record (every write holds whole ones).
_BLOCK = 4096


class WorkerDied(Exception):
    """A worker process ended without sending all its results (killed, or crashed)."""


class Offers:
    """Jobs offered to forked workers, by their place in the list the workers inherited.

    The parent writes records without waiting (what does not fit in the pipe waits in
    :attr:`pending` for :meth:`flush`), and may read back what no worker took once it stops
    offering (:meth:`end`), if it kept the pipe's read end.
    """

    def __init__(self) -> None:
        self.read, self.write = os.pipe()
        os.set_blocking(self.write, False)
        self.pending: list[int] = []
        self.written: list[int] = []

    def offer(self, places: Iterable[int]) -> None:
        self.pending.extend(places)
        self.flush()

    def flush(self) -> None:
        """Write what fits in the pipe now."""
        per_write = _BLOCK // _RECORD
        while self.pending:
            block = self.pending[:per_write]
            try:
                written = os.write(self.write, b"".join(
                    place.to_bytes(_RECORD, "little") for place in block)) // _RECORD
            except BlockingIOError:
                return
            self.written.extend(block[:written])
            del self.pending[:written]
            if written < len(block):
                return

    def end(self) -> set[int]:
        """Offer no more (what was not written is not offered): the places the workers
        took. Reads back what is left, so this process must hold the read end."""
        self.close_write()
        left = bytearray()
        while chunk := os.read(self.read, 1 << 16):
            left += chunk
        self.close_read()
        back = {int.from_bytes(left[at:at + _RECORD], "little")
                for at in range(0, len(left), _RECORD)}
        return {place for place in self.written if place not in back}

    def close_write(self) -> None:
        if self.write >= 0:
            os.close(self.write)
            self.write = -1

    def close_read(self) -> None:
        if self.read >= 0:
            os.close(self.read)
            self.read = -1


class Worker:
    """A forked worker: its process id and the read end of the pipe of its results."""

    def __init__(self, pid: int, results: int) -> None:
        self.pid, self.results = pid, results
        self.buffer = bytearray()

    def frames(self) -> Iterator[Any]:
        """The results whole in :attr:`buffer` (each frame: 4-byte length, then a pickled
        list of ``(True, result)`` or ``(False, exception)``); raises a worker's exception."""
        buffer = self.buffer
        while len(buffer) >= 4:
            size = int.from_bytes(buffer[:4], "little")
            if len(buffer) < 4 + size:
                return
            batch = pickle.loads(buffer[4:4 + size])
            del buffer[:4 + size]
            for done, value in batch:
                if not done:
                    raise value
                yield value

    def end(self) -> None:
        """Wait for the process, whose pipe is closed; raise if it did not end well."""
        os.close(self.results)
        self.results = -1
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if status != 0 or self.buffer:
            raise WorkerDied("a worker process ended abruptly")

    def kill(self) -> None:
        """End the process now (the run failed), and release the pipe."""
        if self.results >= 0:
            os.close(self.results)
            self.results = -1
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0


def fork(jobs: Sequence[Any], do: Callable[[Any], Any], offers: Sequence[Offers], *,
         stream: bool = True, start: Callable[[], None] | None = None) -> Worker:
    """Fork a worker that does ``do(jobs[place])`` for each place offered on ``offers``, one
    after the other (each until it is closed and empty), and sends back the results: each
    as soon as it is done with ``stream``, else all at the end (a worker whose results are
    read only later must not wait on a full pipe meanwhile). ``start`` runs first in the
    worker. The worker closes the write end of every pipe of ``offers``."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns
        status = 1
        try:
            os.close(read)
            for pipe in offers:
                pipe.close_write()
            if start is not None:
                start()
            _work(jobs, do, [pipe.read for pipe in offers], write, stream)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return Worker(pid, read)


def _work(jobs: Sequence[Any], do: Callable[[Any], Any], offers: list[int], results: int,
          stream: bool) -> None:
    done: list[tuple[bool, Any]] = []
    for offered in offers:
        while len(record := os.read(offered, _RECORD)) == _RECORD:
            try:
                done.append((True, do(jobs[int.from_bytes(record, "little")])))
            except Exception as error:  # the parent raises it, as a pool's map would
                done.append((False, error))
            if stream or not done[-1][0]:
                _send(results, done)
                done = []
    _send(results, done)


def _send(results: int, batch: list[tuple[bool, Any]]) -> None:
    if not batch:
        return
    try:
        data = pickle.dumps(batch, pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # an exception that does not pickle: its words still go
        data = pickle.dumps([(False, RuntimeError(f"{type(error).__name__}: {error}"))])
    view = memoryview(len(data).to_bytes(4, "little") + data)
    while view:
        view = view[os.write(results, view):]


def results(workers: Sequence[Worker], offers: Offers | None = None) -> Iterator[Any]:
    """Every result of ``workers``, as they come, until every worker has ended; meanwhile
    what ``offers`` could not write yet is written as the workers make room (then its
    write end is closed: the workers end once the pipe is empty)."""
    selector = selectors.DefaultSelector()
    try:
        for worker in workers:
            selector.register(worker.results, selectors.EVENT_READ, worker)
        live = len(workers)
        if offers is not None:
            if offers.pending:
                selector.register(offers.write, selectors.EVENT_WRITE, None)
            else:
                offers.close_write()
        while live:
            for key, _ in selector.select():
                if key.data is None:  # room in the offers' pipe
                    assert offers is not None
                    offers.flush()
                    if not offers.pending:
                        selector.unregister(key.fd)
                        offers.close_write()
                    continue
                worker = key.data
                chunk = os.read(key.fd, 1 << 16)
                if chunk:
                    worker.buffer += chunk
                    yield from worker.frames()
                    continue
                selector.unregister(key.fd)
                live -= 1
                worker.end()
    finally:
        selector.close()
