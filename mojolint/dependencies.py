"""The other files a file's diagnostics depend on, and what the file system said in a run.

The tensor rules read the project files a linted file imports
(:mod:`mojolint.semantics.project`). Every file looked at for that is recorded here with
its stamp (its size and modification time) and every candidate file looked for and not
found with an empty stamp; the engine takes these reads after each file and the cache
stores them with its diagnostics (``Cache.put``). A cached result holds as long as every
one of them is unchanged: a changed or deleted file, or a missing one that appeared (an
import that did not resolve and now would), makes it stale.

Within one run of many files (:func:`one_run`), each path is looked at once per process:
files do not change during a run, and many files import the same few. Outside a run (the
language server, one ``lint_source`` call) every question goes to the file system.

This module imports nothing heavy: a warm run checks dependencies without loading the
parser.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# The files looked at since the last ``take_reads``: path -> [size, mtime] ([] if absent).
_reads: dict[str, list[int]] = {}
# What the file system said during the current run (None outside runs): path -> stamp,
# None when there is no regular file there; and each folder's project root.
_run_stamps: dict[str, tuple[int, int] | None] | None = None
_run_roots: dict[str, Path | None] | None = None


def take_reads() -> dict[str, list[int]]:
    """The files looked at (as dependencies of the file being linted) since the last
    call: a cached result is stale once one of them changes, appears or disappears."""
    reads = dict(_reads)
    _reads.clear()
    return reads


def dependencies_hold(dependencies: dict[str, list[int]]) -> bool:
    """True when every file a result depended on still has the stamp it had, and every
    file it looked for and did not find (an empty stamp) is still absent."""
    for name, stamp in dependencies.items():
        now = file_stamp(name, record=False)
        if (list(now) if now is not None else []) != stamp:
            return False
    return True


@contextmanager
def one_run() -> Iterator[None]:
    """A run of many files: each path is looked at once (forked workers inherit what the
    parent saw). Runs may nest; the inner one starts afresh."""
    global _run_stamps, _run_roots
    outer = _run_stamps, _run_roots
    _run_stamps, _run_roots = {}, {}
    try:
        yield
    finally:
        _run_stamps, _run_roots = outer


def note_read(name: str, info: os.stat_result) -> None:
    """Within a run, take ``info`` (the status of the file at ``name``, looked at *before*
    the run read its bytes) as what the file system says of it for the rest of the run.
    A module built from those bytes is then recorded with a stamp no newer than them: if
    the file is rewritten while the run goes on, even to the same size, the next run sees
    a changed stamp and lints its importers again, instead of trusting results computed
    from the old bytes under the new stamp."""
    if _run_stamps is not None and name not in _run_stamps and stat.S_ISREG(info.st_mode):
        _run_stamps[name] = (info.st_size, info.st_mtime_ns)


def run_roots() -> dict[str, Path | None] | None:
    """The current run's memo of project roots by folder (None outside runs)."""
    return _run_roots


def file_stamp(name: str, *, record: bool = True) -> tuple[int, int] | None:
    """A regular file's (size, mtime), or None when there is none at ``name``; recorded
    with the reads (an absent file as an empty stamp) unless ``record`` is false."""
    memo = _run_stamps
    if memo is not None and name in memo:
        found = memo[name]
    else:
        try:
            info = os.stat(name)
        except (OSError, ValueError):
            found = None
        else:
            found = (info.st_size, info.st_mtime_ns) if stat.S_ISREG(info.st_mode) else None
        if memo is not None:
            memo[name] = found
    if record:
        _reads[name] = list(found) if found is not None else []
    return found
