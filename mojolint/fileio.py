"""Writing files so that nobody ever sees half of one, and nothing is lost or misplaced.

Two writers:

- :func:`write_atomic` writes a file mojolint owns (a report, a cache entry): a temporary
  beside it, synced, then renamed over it. A new file gets the mode the umask allows, an
  existing one keeps its mode.
- :func:`replace_checked` rewrites a user's source file (``--fix``, ``--add-noqa``). Besides
  being atomic it refuses, with a reason, whatever would lose or misplace data: a file whose
  real location is outside the project (a committed symlink pointing at ``~/.bashrc``), one
  inside a version-control folder, a hard-linked file (replacing it would split the links),
  a read-only file, a file it cannot give back to its owner, and a file that changed since
  it was read. That last check is made again after the temporary is complete and synced,
  just before the rename (compare-and-swap), so an editor's save during the run is kept.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

# Folders whose files are never written through a symlink: git runs what is in .git/hooks.
_VCS_FOLDERS = frozenset({".git", ".hg", ".svn"})


class WriteRefused(Exception):
    """A write mojolint will not make; ``str()`` says why (without the file's name)."""

    def __init__(self, status: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def current_umask() -> int:
    """The process' umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _unlink_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    A reader sees the old bytes or the new ones, never a mix; a crash leaves the old file.
    An existing file keeps its permission bits; a new one gets ``0o666`` less the umask, as
    any program's new file does (not the ``0o600`` of a temporary).
    """
    import tempfile  # only to write: it imports random, shutil, bz2 and lzma (3 ms)

    directory = path.parent
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            try:
                mode = path.stat().st_mode & 0o7777
            except FileNotFoundError:
                mode = 0o666 & ~current_umask()
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        _unlink_quietly(temporary)
        raise


def inside(real: str, root: str) -> bool:
    """Whether the resolved path ``real`` lies in the resolved folder ``root``."""
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def outside_reason(path: Path | str, root: Path | str | None,
                   real_folders: dict[str, str] | None = None) -> str | None:
    """Why ``path`` must not be read or written on behalf of the project, or None.

    A path reached without any symlink is what the user named: always fine. One whose real
    location differs must resolve inside ``root`` and outside its version-control folders.
    ``real_folders`` caches each folder's real path across calls (a run asks for every file).
    """
    if root is None:
        return None
    absolute = os.path.abspath(path)
    folder, name = os.path.split(absolute)
    if os.path.islink(absolute):
        real = os.path.realpath(absolute)
    else:
        if real_folders is None:
            real_folders = {}
        real_folder = real_folders.get(folder)
        if real_folder is None:
            real_folder = real_folders[folder] = os.path.realpath(folder)
        real = os.path.join(real_folder, name)
    if real == absolute:
        return None
    real_root = os.path.realpath(root)
    if not inside(real, real_root):
        return "a symbolic link to a file outside the project"
    relative = os.path.relpath(real, real_root).split(os.sep)
    if _VCS_FOLDERS.intersection(relative[:-1]):
        return "a symbolic link into a version-control folder"
    return None


def _is_read_only(info: os.stat_result, path: Path) -> bool:
    # Root may write anywhere, so the permission bits, not access(), say what the owner meant.
    return not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or \
        not os.access(path, os.W_OK)


def _open_regular(path: str) -> tuple[int, os.stat_result]:
    """Open ``path`` for reading without following a final symlink or blocking on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if getattr(error, "errno", None) == 40:  # ELOOP: the final component is a symlink
            raise WriteRefused("changed-on-disk",
                               "replaced by a symbolic link since it was read; "
                               "not overwritten") from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise WriteRefused("refused", "not a regular file; not written")
    return fd, info


def _read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino, a.st_size, a.st_mtime_ns) == \
        (b.st_dev, b.st_ino, b.st_size, b.st_mtime_ns)


def replace_checked(path: Path, expected: bytes, data: bytes, *,
                    root: Path | str | None = None) -> None:
    """Replace the file at ``path``, which held ``expected`` when read, with ``data``.

    Raises :class:`WriteRefused` for a write that would lose or misplace data (see the
    module's docstring) and ``OSError`` when the file system fails; the file is then left
    as it was and no temporary remains. A symlink stays a symlink: its target is replaced.
    """
    reason = outside_reason(path, root)
    if reason is not None:
        raise WriteRefused("refused", f"{reason}; not written")
    target = Path(os.path.realpath(path))
    fd, before = _open_regular(str(target))
    try:
        if _read_all(fd) != expected:
            raise WriteRefused("changed-on-disk",
                               "changed on disk since it was read; not overwritten")
        if _is_read_only(before, target):
            raise WriteRefused("read-only", "file is read-only; not fixed")
        if before.st_nlink > 1:
            raise WriteRefused("refused",
                               f"has {before.st_nlink} hard links; not written (replacing "
                               "it would split them)")
    finally:
        os.close(fd)
    _remove_stale(target)
    import tempfile  # only to write: it imports random, shutil, bz2 and lzma (3 ms)

    temp_fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                          suffix=".tmp")
    try:
        with os.fdopen(temp_fd, "wb") as handle:
            mine = os.fstat(handle.fileno())
            if (mine.st_uid, mine.st_gid) != (before.st_uid, before.st_gid):
                try:
                    os.fchown(handle.fileno(), before.st_uid, before.st_gid)
                except OSError:
                    raise WriteRefused(
                        "refused", f"owned by another user (uid {before.st_uid}); not written "
                        "(rewriting it would change its owner)") from None
            os.fchmod(handle.fileno(), before.st_mode & 0o7777)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # Compare and swap: the file must still be what was read, now that the new bytes
        # are safely on disk (an editor may have saved while they were written).
        fd, now = _open_regular(str(target))
        try:
            unchanged = _same_file(before, now) and _read_all(fd) == expected
        finally:
            os.close(fd)
        if not unchanged:
            raise WriteRefused("changed-on-disk",
                               "changed on disk while fixes were written; not overwritten")
        os.replace(temporary, target)
    except BaseException:
        _unlink_quietly(temporary)
        raise
    _sync_directory(target.parent)


def _remove_stale(target: Path) -> None:
    remove_stale_temporaries(target)


# --- rewriting a source file with its fixes --------------------------------------------------


WriteStatus = Literal["written", "unchanged", "changed-on-disk", "read-only", "refused",
                      "failed"]


@dataclass(frozen=True)
class WriteOutcome:
    status: WriteStatus
    path: Path
    # One line for the user, naming the file, when nothing was written.
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("written", "unchanged")


# ``write_atomic`` names its temporary ``.<name>.<8 random characters>.tmp`` (mkstemp).
_TEMPORARY_TAIL = re.compile(r"[A-Za-z0-9_]{8}\.tmp")
# A temporary this old belongs to a run that was killed (SIGKILL, power loss), not to a
# writer still at work: writing one source file never takes minutes.
STALE_TEMPORARY_SECONDS = 600.0


def remove_stale_temporaries(target: Path, *, older_than: float = STALE_TEMPORARY_SECONDS
                             ) -> list[Path]:
    """Delete temporaries that a killed earlier run left beside ``target``; which ones."""
    prefix, now, removed = f".{target.name}.", time.time(), []
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            name = entry.name
            if not (name.startswith(prefix) and _TEMPORARY_TAIL.fullmatch(name[len(prefix):])):
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime >= older_than:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


# Signals that end a run politely. Held back while one file is written: Python raises
# KeyboardInterrupt where it pleases (even just after the temporary file was created, before
# anyone knows its name), and SIGTERM would kill outright; both would leave a temporary.
_DEFERRED_SIGNALS = frozenset(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Deliver Ctrl-C/SIGTERM after the block: writing one file takes milliseconds."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: nothing to block with
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_fixed(path: Path, original: bytes, fixed: bytes, *, root: Path | None = None,
                shown: str | None = None) -> WriteOutcome:
    """Replace ``path``'s bytes ``original`` with ``fixed`` atomically; never raises.
    Messages name the file as ``shown`` (its display path), else as ``path``.

    Refuses (one line naming the file) when the file changed since it was read (checked
    again once the new bytes are synced, just before the rename), is read-only, hard-linked,
    owned by someone it cannot be given back to, or, reached through a symlink, lies outside
    ``root`` or in a version-control folder. A symlink stays a symlink: its target is the
    file that is replaced.
    """
    if fixed == original:
        return WriteOutcome("unchanged", path)
    try:
        with _signals_deferred():
            replace_checked(path, original, fixed, root=root)
    except WriteRefused as refused:
        status = cast(WriteStatus, refused.status)
        return WriteOutcome(status, path, f"{shown or path}: {refused.reason}")
    except OSError as error:
        reason = error.strerror or str(error)
        return WriteOutcome("failed", path, f"{shown or path}: cannot write fixes: {reason}")
    return WriteOutcome("written", path)
