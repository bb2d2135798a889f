"""A content-addressed cache of each file's diagnostics in ``.mojolint_cache/``.

The key hashes the file's bytes with everything that can change its diagnostics: the
effective settings, the enabled rules (and which code implements them) and the mojolint
version. An entry is therefore never stale; it is only unused, except that a file's
diagnostics may depend on other files of its project (the tensor rules read the files it
imports): such an entry lists them with their size and modification time, and is a miss
once one of them changed. Entries are written
atomically, so concurrent runs may share the directory.

Diagnostics are stored as flat rows (:meth:`Diagnostic.to_row`): half the bytes of their
dictionary form, and a warm run's largest cost after printing is reading them back. A row of
another shape (an entry an earlier mojolint wrote) is a miss like any unreadable entry.

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

The repository being linted is untrusted (CI lints pull requests), and so is anything
committed under its cache folder. Every entry and the index therefore carry an HMAC-SHA256
made with a random key kept outside the repository, in the user's cache folder
(``~/.cache/mojolint/cache-key``): an entry this machine did not write never matches, and a
malformed, forged or deeply nested one is a miss. The entry key also covers the file's path
relative to the project root, since some diagnostics depend on it (TS006 on test files).
The cache folder is created with a ``.gitignore`` of ``*``; one that is a symlink, or that
resolves outside the project, is not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mojolint import __version__
from mojolint.diagnostics import Diagnostic
from mojolint.fileio import write_atomic

if TYPE_CHECKING:
    from mojolint.registry import Registry
    from mojolint.settings import Settings

CACHE_DIR_NAME = ".mojolint_cache"
INDEX_NAME = "index.json"
CACHE_DIR_ENV = "MOJOLINT_CACHE_DIR"
KEY_FILE_NAME = "cache-key"
_KEY_BYTES = 32

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


def settings_fingerprint(settings: Settings, rules: Sequence[str], registry: Registry) -> str:
    """The cache key's part for ``settings`` and the fingerprints of the rules they enable
    (``RuleInfo.fingerprint``, which is ``Rule.fingerprint()``)."""
    return json.dumps(
        {
            "settings": settings.fingerprint(),
            "rules": list(rules),
            "origins": registry.origins,
        },
        sort_keys=True,
        default=str,
    )


def user_cache_dir() -> Path:
    """The user's cache folder for mojolint (outside any repository), as platformdirs has it."""
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "mojolint"


def load_secret(folder: Path | None = None) -> bytes | None:
    """This user's cache key, created on first use; None when it cannot be had safely
    (then nothing is cached: an entry that cannot be authenticated cannot be trusted)."""
    folder = folder or user_cache_dir()
    path = folder / KEY_FILE_NAME
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(os.urandom(_KEY_BYTES).hex().encode())
                handle.flush()
                os.fsync(handle.fileno())
        fd = os.open(path, os.O_RDONLY | nofollow | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or (
                    hasattr(os, "getuid") and info.st_uid != os.getuid()):
                return None
            secret = handle.read(4 * _KEY_BYTES)
    except OSError:
        return None
    return secret if len(secret) == 2 * _KEY_BYTES else None


def cache_dir_problem(directory: Path, root: Path) -> str | None:
    """Why ``directory`` must not hold the cache of the project at ``root``, or None.

    Only for the default and ``cache-dir`` from config (the repository's choice): a symlink,
    or a place that resolves outside the project, would let the repository write elsewhere.
    """
    from mojolint.fileio import inside

    absolute = os.path.abspath(directory)
    for candidate in (absolute, *_ancestors_below(absolute, os.path.abspath(root))):
        if os.path.islink(candidate):
            return f"{candidate}: the cache folder is a symbolic link; not used"
    if not inside(os.path.realpath(absolute), os.path.realpath(root)):
        return f"{absolute}: the cache folder is outside the project; not used"
    return None


def _ancestors_below(path: str, root: str) -> list[str]:
    found = []
    parent = os.path.dirname(path)
    while parent.startswith(root.rstrip(os.sep) + os.sep):
        found.append(parent)
        parent = os.path.dirname(parent)
    return found


def _signed(secret: bytes, name: str, payload: bytes) -> bytes:
    mac = hmac.new(secret, name.encode() + b"\0" + payload, hashlib.sha256).hexdigest()
    return mac.encode() + b"\n" + payload


def _authentic(secret: bytes, name: str, data: bytes) -> bytes:
    """The payload of a file this machine signed; raises ValueError otherwise."""
    mac, _, payload = data.partition(b"\n")
    expected = hmac.new(secret, name.encode() + b"\0" + payload, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac, expected.encode()):
        raise ValueError("not written by this machine")
    return payload


def _verified(secret: bytes, name: str, data: bytes) -> Any:
    """The JSON value of an entry this machine signed; raises ValueError otherwise."""
    payload = _authentic(secret, name, data)
    try:
        return json.loads(payload)
    except RecursionError:  # absurdly nested: a miss like any other bad entry
        raise ValueError("too deeply nested") from None


class Cache:
    def __init__(self, directory: Path, secret: bytes | None = None) -> None:
        self.directory = directory
        # Without a key nothing can be authenticated: every lookup misses and nothing is
        # written. Tests and callers may pass one; the default is this user's.
        self.secret = secret if secret is not None else load_secret()
        self.entries = directory / __version__
        self._prepared = False
        self._index: dict[str, _IndexEntry] | None = None
        # What this run used that the index did not hold: path -> [key, raw diagnostics].
        self._unindexed: dict[str, _IndexEntry] = {}
        # The other files each served or stored path's diagnostics depend on (for the
        # replay of the report, mojolint.replay).
        self.dependencies: dict[str, dict[str, list[int]]] = {}
        self.now_ns = time.time_ns()

    @staticmethod
    def key(source: bytes, fingerprint: str, relative_path: str = "") -> str:
        """The entry's name: the version, settings, rules, the file's path relative to the
        project root (diagnostics may depend on it) and its bytes."""
        digest = hashlib.sha256()
        digest.update(__version__.encode())
        digest.update(b"\0")
        digest.update(fingerprint.encode())
        digest.update(b"\0")
        digest.update(relative_path.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        digest.update(source)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.entries / key[:2] / f"{key}.json"

    def _index_path(self) -> Path:
        return self.entries / INDEX_NAME

    def _read_index(self) -> dict[str, _IndexEntry]:
        if self.secret is None:
            return {}
        try:
            data = _verified(self.secret, INDEX_NAME, self._index_path().read_bytes())
        except (OSError, ValueError):
            return {}  # missing, unreadable or forged: every lookup falls back to the entries
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
                if self.secret is None:
                    return None
                entry = _verified(self.secret, key, self._entry(key).read_bytes())
                raw = entry["diagnostics"]
                if path is not None:
                    self._unindexed[path] = [key, raw, *([stamp] if stamp else [])]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._unindexed.pop(path or "", None)
            return None  # missing or unreadable entries are just misses
        return self._decode(raw, path)

    def _decode(self, raw: Any, path: str | None) -> list[Diagnostic] | None:
        try:
            if isinstance(raw, dict):  # diagnostics that depend on other files
                from mojolint.dependencies import dependencies_hold

                if not dependencies_hold(raw["dependencies"]):
                    self._unindexed.pop(path or "", None)
                    return None  # one of those files changed: stale
                if path is not None:
                    self.dependencies[path] = raw["dependencies"]
                raw = raw["diagnostics"]
            return [Diagnostic.from_row(item) for item in raw]
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            self._unindexed.pop(path or "", None)
            return None

    def put(self, key: str, diagnostics: list[Diagnostic], path: str | None = None,
            stamp: list[Any] | None = None,
            dependencies: dict[str, list[int]] | None = None) -> None:
        """Cache a file's diagnostics; ``dependencies`` are the other files (path ->
        [size, mtime]) they were computed from: a change in one of them makes them stale."""
        if self.secret is None:
            return
        entry = self._entry(key)
        raw: Any = [d.to_row() for d in diagnostics]
        if dependencies:
            raw = {"diagnostics": raw, "dependencies": dependencies}
            if path is not None:
                self.dependencies[path] = dependencies
        payload = json.dumps({"diagnostics": raw}).encode("utf-8")
        # A read-only checkout must still lint: failing to cache is not an error.
        with contextlib.suppress(OSError):
            self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(entry, _signed(self.secret, key, payload))
            if path is not None:
                self._unindexed[path] = [key, raw, *([stamp] if stamp else [])]

    def flush(self) -> None:
        """Record in the index what this run used that it did not hold."""
        if not self._unindexed or self.secret is None:
            return
        # Merge with the index as it is now: another run may have written it meanwhile.
        files = self._read_index()
        files.update(self._unindexed)
        payload = json.dumps({"files": files}, separators=(",", ":")).encode("utf-8")
        with contextlib.suppress(OSError):
            self._prepare()
            self.entries.mkdir(parents=True, exist_ok=True)
            write_atomic(self._index_path(), _signed(self.secret, INDEX_NAME, payload))
            self._index = files
            self._unindexed = {}

    def _prepare(self) -> None:
        if self._prepared:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        marker = self.directory / ".gitignore"
        if not os.path.lexists(marker):
            write_atomic(marker, b"# Created by mojolint; safe to delete.\n*\n")
        tag = self.directory / "CACHEDIR.TAG"
        if not os.path.lexists(tag):
            write_atomic(tag, b"Signature: 8a477f597d28d172789f06886806bc55\n")
        self._prepared = True


def cache_directory(root: Path, configured: str | None, config_dir: Path | None, *,
                    chosen: Path | None = None) -> tuple[Path | None, str | None]:
    """Where the cache of the project at ``root`` goes, or None and why not.

    ``--cache-dir`` (``chosen``) or else ``MOJOLINT_CACHE_DIR`` (the user's choice) may
    name any folder. The default
    (``.mojolint_cache`` at the root) and ``cache-dir`` from config (relative to the config
    file's folder) are the repository's choice: they must stay inside the project and not
    be, or lie under, a symlink.
    """
    users_choice = chosen or os.environ.get(CACHE_DIR_ENV)
    if users_choice:
        return Path(os.path.abspath(users_choice)), None
    base = config_dir if configured and config_dir is not None else root
    directory = Path(os.path.abspath(base / (configured or CACHE_DIR_NAME)))
    problem = cache_dir_problem(directory, root)
    return (None, problem) if problem else (directory, None)
