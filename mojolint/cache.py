"""A content-addressed cache of each file's diagnostics in ``.mojolint_cache/``.

The key hashes the file's bytes with everything that can change its diagnostics: the
effective settings, the enabled rules (and which code implements them) and the mojolint
version. An entry is therefore never stale; it is only unused. Entries are written
atomically, so concurrent runs may share the directory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from mojolint import __version__
from mojolint.diagnostics import Diagnostic
from mojolint.fileio import write_atomic

CACHE_DIR_NAME = ".mojolint_cache"


class Cache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.entries = directory / __version__
        self._prepared = False

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

    def get(self, key: str) -> list[Diagnostic] | None:
        try:
            data = json.loads(self._entry(key).read_text(encoding="utf-8"))
            return [Diagnostic.from_dict(item) for item in data["diagnostics"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or unreadable entries are just misses

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        entry = self._entry(key)
        payload = json.dumps({"diagnostics": [d.to_dict() for d in diagnostics]})
        # A read-only checkout must still lint: failing to cache is not an error.
        with contextlib.suppress(OSError):
            self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(entry, payload.encode("utf-8"))

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
