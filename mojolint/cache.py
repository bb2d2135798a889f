"""A content-addressed cache of each file's diagnostics in ``.mojolint_cache/``.

The key hashes the file's bytes with everything that can change its diagnostics: the
effective settings, the enabled rules (and which code implements them) and the mojolint
version. An entry is therefore never stale; it is only unused. Entries are written
atomically, so concurrent runs may share the directory.

Beside the entries, ``index.json`` holds, for each linted file path, its latest key and
diagnostics, so a warm run reads one file instead of one per source file. The index is only
a shortcut: a key it lacks is looked up in the entries, and it is rewritten (merged with what
is on disk, atomically) only after a run that used something it did not hold. Two runs
writing it at once lose nothing but speed: the next run falls back to the entries.

An index entry may also hold the file's stamp: its size, modification and change times,
inode and a digest of the settings it was linted under. A file whose stamp is unchanged is
not even read (as ruff and git do). A stamp is only recorded for a file whose times were more
than two seconds old when it was read, so a write that lands in the same clock tick as the
read it follows (same size, same times) cannot go unnoticed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from mojolint import __version__
from mojolint.diagnostics import Diagnostic
from mojolint.fileio import write_atomic

CACHE_DIR_NAME = ".mojolint_cache"
INDEX_NAME = "index.json"

# An index entry: a file path's latest [key, raw diagnostics] or [key, raw diagnostics, stamp].
_IndexEntry = list[Any]
# A file is trusted by its stamp only when its times were at least this old when read.
RACY_NANOSECONDS = 2_000_000_000


def stamp_of(info: os.stat_result, settings_digest: str, now_ns: int) -> list[Any] | None:
    """What identifies a file's state without reading it, or None when its times are too
    recent to tell a later write in the same clock tick apart."""
    if now_ns - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_NANOSECONDS:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, settings_digest]


def settings_digest(fingerprint: str) -> str:
    return hashlib.sha256(fingerprint.encode()).hexdigest()[:32]


class Cache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.entries = directory / __version__
        self._prepared = False
        self._index: dict[str, _IndexEntry] | None = None
        # What this run used that the index did not hold: path -> [key, raw diagnostics].
        self._unindexed: dict[str, _IndexEntry] = {}
        self.now_ns = time.time_ns()

    @staticmethod
    def key(source: bytes, fingerprint: str) -> str:
        digest = hashlib.sha256()
        digest.update(__version__.encode())
        digest.update(b"\0")
        digest.update(fingerprint.encode())
        digest.update(b"\0")
        digest.update(source)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.entries / key[:2] / f"{key}.json"

    def _index_path(self) -> Path:
        return self.entries / INDEX_NAME

    def _read_index(self) -> dict[str, _IndexEntry]:
        try:
            data = json.loads(self._index_path().read_bytes())
        except (OSError, ValueError):
            return {}  # missing or unreadable: every lookup falls back to the entries
        if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
            return {}
        return {path: entry for path, entry in data["files"].items()
                if isinstance(entry, list) and len(entry) in (2, 3)
                and isinstance(entry[0], str)}

    def _indexed(self, path: str) -> _IndexEntry | None:
        if self._index is None:
            self._index = self._read_index()
        return self._index.get(path)

    def get_by_stamp(self, path: str, stamp: list[Any] | None) -> list[Diagnostic] | None:
        """The diagnostics of ``path`` when the index holds them under this very stamp."""
        if stamp is None:
            return None
        indexed = self._indexed(path)
        if indexed is None or len(indexed) != 3 or indexed[2] != stamp:
            return None
        return self._decode(indexed[1], path)

    def get(self, key: str, path: str | None = None, stamp: list[Any] | None = None
            ) -> list[Diagnostic] | None:
        """The diagnostics cached under ``key``; ``path`` (the file's absolute path) lets the
        index answer without reading the entry, and ``stamp`` is recorded with it."""
        raw: Any = None
        indexed = self._indexed(path) if path is not None else None
        if indexed is not None and indexed[0] == key:
            raw = indexed[1]
            if path is not None and stamp is not None and indexed[2:] != [stamp]:
                self._unindexed[path] = [key, raw, stamp]
        try:
            if raw is None:
                raw = json.loads(self._entry(key).read_text(encoding="utf-8"))["diagnostics"]
                if path is not None:
                    self._unindexed[path] = [key, raw, *([stamp] if stamp else [])]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._unindexed.pop(path or "", None)
            return None  # missing or unreadable entries are just misses
        return self._decode(raw, path)

    def _decode(self, raw: Any, path: str | None) -> list[Diagnostic] | None:
        try:
            return [Diagnostic.from_dict(item) for item in raw]
        except (ValueError, KeyError, TypeError, AttributeError):
            self._unindexed.pop(path or "", None)
            return None

    def put(self, key: str, diagnostics: list[Diagnostic], path: str | None = None,
            stamp: list[Any] | None = None) -> None:
        entry = self._entry(key)
        raw = [d.to_dict() for d in diagnostics]
        payload = json.dumps({"diagnostics": raw})
        # A read-only checkout must still lint: failing to cache is not an error.
        with contextlib.suppress(OSError):
            self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(entry, payload.encode("utf-8"))
            if path is not None:
                self._unindexed[path] = [key, raw, *([stamp] if stamp else [])]

    def flush(self) -> None:
        """Record in the index what this run used that it did not hold."""
        if not self._unindexed:
            return
        # Merge with the index as it is now: another run may have written it meanwhile.
        files = self._read_index()
        files.update(self._unindexed)
        payload = json.dumps({"files": files}, separators=(",", ":"))
        with contextlib.suppress(OSError):
            self._prepare()
            self.entries.mkdir(parents=True, exist_ok=True)
            write_atomic(self._index_path(), payload.encode("utf-8"))
            self._index = files
            self._unindexed = {}

    def _prepare(self) -> None:
        if self._prepared:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        marker = self.directory / ".gitignore"
        if not marker.exists():
            write_atomic(marker, b"# Created by mojolint; safe to delete.\n*\n")
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():
            write_atomic(tag, b"Signature: 8a477f597d28d172789f06886806bc55\n")
        self._prepared = True
