"""Python's cyclic garbage collector paused around work that builds many cyclic objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# Whether this process ends when the command it runs is done (the `mojolint` program, not a
# program that calls mojolint's functions or click's test runner): see process_ends().
_one_shot = False


def process_ends_after_command() -> None:
    """Say that this process ends when its command is done (``mojolint.cli.main``)."""
    global _one_shot
    _one_shot = True


def process_ends() -> bool:
    """Whether this process ends when its command is done: then what the command made
    need not be collected (see ``freeze_after``)."""
    return _one_shot


@contextlib.contextmanager
def cyclic_gc_paused(*, collect_after: bool = False, freeze_after: bool = False
                     ) -> Iterator[None]:
    """The cyclic collector off inside the block, back on after (left alone when it was off);
    with ``collect_after``, a pass over the youngest generation (``gc.collect(0)``) at once.

    The rules build many objects that stay alive until the file is done (nodes, the semantic
    model), and the collector's full passes over them made the time superlinear in the file
    (a 32,000-term `+` chain: 0.66 s of CPU with it, 0.14 s without, of which 0.5 s in four
    full collections; bench/hostile_growth.py). Garbage with cycles is collected after the
    file instead of during it; reference counting still frees the rest at once.

    With ``freeze_after``, everything alive at the end is moved out of the collector's
    sight (``gc.freeze()``) instead: for a process about to end, whose objects need no
    collecting. Re-enabling the collector after a long pause otherwise costs a pass over all
    that the pause made, and Python's own collection at exit a pass over everything."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if freeze_after:
            gc.freeze()
        gc.enable()
        if collect_after:
            gc.collect(0)


@contextlib.contextmanager
def cyclic_gc_running() -> Iterator[None]:
    """The cyclic collector on inside the block (e.g. for work that builds and drops many
    cyclic objects, inside a :func:`cyclic_gc_paused` block), as it was after."""
    if gc.isenabled():
        yield
        return
    gc.enable()
    try:
        yield
    finally:
        gc.disable()


def keep_survivors_out_of_sight() -> None:
    """Collect now, then move every object still alive out of the collector's sight
    (``gc.freeze()``). For a worker process between two files: what outlives a file there
    (the modules it imported, parsed and modelled, which the process keeps to its end) was
    otherwise traversed again by every pass over an older generation; the file's own cyclic
    garbage, collected first, is never frozen. Since everything older is frozen already,
    the pass costs what a pass over the youngest generation does. An object frozen here is
    still freed when its last reference goes; only a cycle among such objects would wait
    for the process's end."""
    if not gc.isenabled():
        return
    gc.collect()
    gc.freeze()
