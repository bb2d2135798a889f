"""Replaying the last report when nothing it was made from changed (a fully cached run).

A run that the cache serves whole still rebuilt every diagnostic from the index and
rendered them again: on a 200k-line project that was most of a warm run. After a ``check``
run that printed a report, :meth:`Replay.save` keeps what it printed (the text, the exit
status) beside the cache index, with what it was made from:

- every linted file's stamp (size, modification and change times, inode; only files whose
  times were more than two seconds old, as the index's stamps) and a digest of its whole
  resolved settings and enabled rules (not only what can change diagnostics: ``fixable``
  changes the ``[*]`` markers);
- the other files the diagnostics depend on (the tensor rules' imports), as the cache
  entries record them;
- everything else that shapes the text, in the record's key: the mojolint and Python
  versions, the working folder, the project root, the parsed arguments (format, colour,
  statistics, quiet, fix policy, exit options, paths), whether output goes to a terminal,
  the discovery errors and whether there were warnings, and ``CI_PROJECT_DIR`` (gitlab);
  and, when rendering used rich (colour, tabs), the stamp of rich's ``__init__.py``.

The next run with the same key whose files are the same list with the same stamps, and
whose dependencies hold, prints the same text and exits with the same status, without
reading the index, decoding a diagnostic or importing the output formats. Anything else
is a miss and runs as before. Runs that fix, watch, read standard input or add noqa
comments are never replayed, nor is a run with a file that could not be read. The record
is signed like the cache entries (a repository cannot plant one), one file per key.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mojolint.cache import _authentic, _signed, settings_digest, settings_fingerprint, stamp_of

if TYPE_CHECKING:
    from mojolint.cache import Cache
    from mojolint.config import ConfigResolver
    from mojolint.report import Report

REPLAY_DIR = "replay"
# Records kept (each a whole report): pre-commit names other files on each run, and each
# list of paths is a key of its own. The least recently used go first.
MAX_RECORDS = 16
_RICH_MODULE = "rich"


def _rich_loaded() -> bool:
    return _RICH_MODULE in sys.modules or any(
        name.startswith(_RICH_MODULE + ".") for name in sys.modules)


def _rich_stamp() -> list[Any] | None:
    """The stamp of the rich this interpreter imports (its version shapes colour and tab
    expansion), found without importing it; None when there is none."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(_RICH_MODULE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    try:
        info = os.stat(spec.origin)
    except OSError:
        return None
    return [spec.origin, info.st_size, info.st_mtime_ns]


class Replay:
    """The record of one run's key and file stamps: served if it matches, saved after."""

    def __init__(self, cache: Cache, key: dict[str, Any],
                 stamps: list[list[Any]] | None) -> None:
        self.cache = cache
        self.key = key
        self.name = hashlib.sha256(json.dumps(key, sort_keys=True).encode(
            "utf-8", "surrogatepass")).hexdigest()
        self.stamps = stamps  # None: a file without a trustworthy stamp: never replayed

    @classmethod
    def prepare(cls, cache: Cache, files: Sequence[Path], resolver: ConfigResolver,
                key: dict[str, Any]) -> Replay:
        """Stamp ``files`` (before anything reads them) under the run's ``key``."""
        registry = resolver.registry
        # settings_for_file's objects live as long as the resolver: their ids stay unique.
        # The enabled rules depend on the settings and the per-file ignores that match
        # (what Registry.enabled_infos keys its own memo on): most files share both.
        digests: dict[tuple[int, tuple[str, ...]], str] = {}
        stamps: list[list[Any]] = []
        for path in files:
            absolute = os.path.abspath(path)
            settings = resolver.settings_for_file(absolute)
            which = (id(settings), settings.file_ignores(path))
            digest = digests.get(which)
            if digest is None:
                rules = tuple(info.fingerprint
                              for info in registry.enabled_infos(settings, path))
                fingerprint = settings_fingerprint(settings, rules, registry)
                digest = digests[which] = settings_digest(fingerprint + "\0" + repr(settings))
            try:
                info = os.stat(absolute)
            except OSError:
                return cls(cache, key, None)
            stamp = stamp_of(info, digest, cache.now_ns)
            if stamp is None:
                return cls(cache, key, None)
            stamps.append([absolute, *stamp])
        return cls(cache, key, stamps)

    def _path(self) -> Path:
        return self.cache.entries / REPLAY_DIR / f"{self.name}.bin"

    def load(self) -> tuple[bytes, int] | None:
        """The text (UTF-8, lone surrogates passed) and exit status of the recorded run,
        when it holds for this one."""
        secret = self.cache.secret
        if self.stamps is None or secret is None:
            return None
        try:
            data = self._path().read_bytes()
        except OSError:
            return None
        try:
            head, _, text = _authentic(secret, REPLAY_DIR, data).partition(b"\n")
            record = json.loads(head)
            if record["key"] != self.key or record["files"] != self.stamps:
                return None
            rich = record["rich"]
            if rich is not None and rich != _rich_stamp():
                return None
            from mojolint.dependencies import dependencies_hold

            if not dependencies_hold(record["dependencies"]):
                return None
            status = record["status"]
            if not isinstance(status, int):
                return None
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None
        with contextlib.suppress(OSError):
            os.utime(self._path())  # recently used: the last to be pruned
        return text, status

    def save(self, text: str, status: int, report: Report,
             dependencies: dict[str, dict[str, list[int]]]) -> None:
        """Record what this run printed, unless a file was unreadable or a dependency was
        seen with two stamps (then it could never be replayed)."""
        from mojolint.codes import IO_ERROR

        secret = self.cache.secret
        if self.stamps is None or secret is None:
            return
        if any(d.code == IO_ERROR for f in report.files for d in f.diagnostics):
            return
        merged: dict[str, list[int]] = {}
        for linted in (str(f.path) for f in report.files):
            for name, stamp in dependencies.get(linted, {}).items():
                if merged.setdefault(name, stamp) != stamp:
                    return
        record = {"key": self.key, "files": self.stamps, "dependencies": merged,
                  "rich": _rich_stamp() if _rich_loaded() else None, "status": status}
        if record["rich"] is None and _rich_loaded():
            return
        try:
            head = json.dumps(record, separators=(",", ":")).encode("utf-8", "surrogatepass")
            payload = head + b"\n" + text.encode("utf-8", "surrogatepass")
        except (TypeError, ValueError):
            return
        from mojolint.fileio import write_atomic

        path = self._path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, _signed(secret, REPLAY_DIR, payload))
            _prune(path.parent)
        except OSError:
            pass  # a read-only checkout still lints: failing to record is no error


def _prune(folder: Path) -> None:
    """Keep the :data:`MAX_RECORDS` records used last."""
    found = []
    for entry in os.scandir(folder):
        if entry.name.endswith(".bin"):
            with contextlib.suppress(OSError):
                found.append((entry.stat().st_mtime_ns, entry.path))
    found.sort(reverse=True)
    for _, stale in found[MAX_RECORDS:]:
        with contextlib.suppress(OSError):
            os.unlink(stale)


__all__ = ["Replay"]
