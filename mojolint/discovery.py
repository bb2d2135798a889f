"""Which files to lint: walk the given paths as ruff does.

* A path named on the command line is linted even when an exclude pattern or an ignore file
  of a parent folder would skip it, unless ``--force-exclude`` is given.
* Inside a walk, a file or folder is skipped when it matches ``exclude``/``extend-exclude``
  (relative to its config's folder) or, with ``respect-gitignore`` (the default), a
  ``.ignore`` or ``.gitignore`` of its folder or a parent, ``.git/info/exclude`` or git's
  global excludes file (``core.excludesFile``, else ``~/.config/git/ignore``). The nearest
  ignore file decides, ``.ignore`` before ``.gitignore``; a ``!`` line re-includes.
* Files are linted when their name matches ``include``/``extend-include`` (``*.mojo`` and
  ``*.🔥`` by default).
* Folder symlinks are not followed (a repository could point one at ``/`` or out of the
  checkout); file symlinks are linted once, however many names they have.
* A folder or ignore file that cannot be read is one warning line; the walk goes on.

Every pattern is matched by :mod:`mojolint.globs`, in time linear in the path's length.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mojolint.config import ConfigResolver
from mojolint.globs import Pattern, PatternSet, pattern_set
from mojolint.paths import display_path, find_git_root, relative_to_root
from mojolint.settings import DEFAULT_INCLUDE, Settings

MOJO_SUFFIXES = (".mojo", ".🔥")
IGNORE_FILE_NAMES = (".ignore", ".gitignore")
# An ignore file larger than this is not a real one: warn and skip it.
MAX_IGNORE_FILE_BYTES = 4 * 1024 * 1024

Log = Callable[[str], None]


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    # One line per path named on the command line that could not be used
    # ("x.mojo: No such file or directory"): the run exits 2.
    errors: list[str] = field(default_factory=list)
    # One line per folder or ignore file that could not be read: the walk went on.
    warnings: list[str] = field(default_factory=list)


def is_mojo_file(name: str) -> bool:
    return name.endswith(MOJO_SUFFIXES)


def excluding_pattern(path: Path | str, settings: Settings, is_dir: bool,
                      *, parents: bool = True) -> Pattern | None:
    """The ``exclude``/``extend-exclude`` pattern that skips ``path`` (or, with ``parents``,
    one of its folders below the settings' root), or None."""
    relative = relative_to_root(path, settings.root)
    if relative in ("", "."):
        return None
    patterns = pattern_set(settings.exclude_patterns())
    if parents:
        return patterns.match_or_parents(relative, is_dir)
    decided = patterns.decide(relative, is_dir)
    return decided if decided is not None and not decided.negated else None


def is_excluded(path: Path | str, settings: Settings, is_dir: bool) -> bool:
    return excluding_pattern(path, settings, is_dir) is not None


def is_included(path: Path | str, settings: Settings) -> bool:
    """Whether a file found by walking is one to lint (``include``/``extend-include``)."""
    patterns = settings.include_patterns()
    if patterns == DEFAULT_INCLUDE:
        return is_mojo_file(os.path.basename(path))
    return pattern_set(patterns).match(relative_to_root(path, settings.root))


# --- ignore files -------------------------------------------------------------------------


def read_ignore_file(path: Path, warn: Log) -> list[str] | None:
    """The lines of an ignore file; None when there is none. Never blocks (a FIFO or device
    is not read) and never raises: a file that cannot be read is one warning."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None
    except OSError as error:
        warn(f"{path}: cannot read: {error.strerror or error}; its patterns are not applied")
        return None
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        warn(f"{path}: not a regular file; its patterns are not applied")
        return None
    if info.st_size > MAX_IGNORE_FILE_BYTES:
        warn(f"{path}: larger than {MAX_IGNORE_FILE_BYTES} bytes; its patterns are not applied")
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the stat above
                return None
            data = os.read(fd, MAX_IGNORE_FILE_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as error:
        warn(f"{path}: cannot read: {error.strerror or error}; its patterns are not applied")
        return None
    return data.decode("utf-8", errors="replace").splitlines()


@dataclass(frozen=True)
class _IgnoreFile:
    base: str  # absolute folder the patterns are relative to
    path: Path
    patterns: PatternSet


def _git_excludes_file(git_root: Path) -> Path | None:
    """git's global excludes file: ``core.excludesFile`` if set, else the XDG default."""
    home = os.environ.get("HOME", "")
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    return _git_excludes_file_cached(str(git_root), home, xdg,
                                     os.environ.get("GIT_CONFIG_GLOBAL", ""))


@lru_cache(maxsize=8)
def _git_excludes_file_cached(git_root: str, home: str, xdg: str, _global: str) -> Path | None:
    import subprocess  # only in a git checkout: the import is not free

    configured = None
    try:
        completed = subprocess.run(
            ["git", "-C", git_root, "config", "--get", "core.excludesFile"],
            capture_output=True, stdin=subprocess.DEVNULL, timeout=10, check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
        if completed.returncode == 0:
            configured = completed.stdout.decode("utf-8", errors="replace").strip() or None
    except (OSError, subprocess.SubprocessError):
        configured = None  # no git on this machine: the default location still applies
    if configured:
        expanded = os.path.expanduser(configured) if home else configured
        return Path(expanded) if os.path.isabs(expanded) else Path(git_root) / expanded
    if xdg:
        return Path(xdg) / "git" / "ignore"
    return Path(home) / ".config" / "git" / "ignore" if home else None


class Ignores:
    """The ignore files that apply inside one folder, nearest last."""

    def __init__(self, layers: tuple[_IgnoreFile, ...] = (),
                 repository: tuple[_IgnoreFile, ...] = ()) -> None:
        self.layers = layers
        # .git/info/exclude, then the global excludes file: consulted after every layer.
        self.repository = repository

    @classmethod
    def above(cls, directory: Path, warn: Log) -> Ignores:
        """What applies to ``directory``'s entries from its parents: the ignore files from the
        enclosing git repository's root down to ``directory``'s parent, and the repository's
        excludes files."""
        git_root = find_git_root(directory)
        if git_root is None:
            return cls()
        repository = []
        for path in (git_root / ".git" / "info" / "exclude", _git_excludes_file(git_root)):
            if path is None:
                continue
            lines = read_ignore_file(path, warn)
            if lines:
                repository.append(_IgnoreFile(str(git_root), path, PatternSet(lines)))
        ignores = cls((), tuple(repository))
        chain = [directory.parent, *directory.parent.parents] if directory != git_root else []
        for ancestor in reversed([d for d in chain if d == git_root or git_root in d.parents]):
            ignores = ignores.entering(ancestor, warn)
        return ignores

    def entering(self, directory: Path | str, warn: Log) -> Ignores:
        added = []
        for name in IGNORE_FILE_NAMES:
            path = Path(directory) / name
            lines = read_ignore_file(path, warn)
            if lines:
                patterns = PatternSet(lines)
                if patterns:
                    added.append(_IgnoreFile(os.path.abspath(directory), path, patterns))
        if not added:
            return self
        # Within one folder .ignore wins over .gitignore: it is looked at first (last here).
        return Ignores((*self.layers, *reversed(added)), self.repository)

    def reason(self, path: str, is_dir: bool) -> str | None:
        """Why an ignore file skips ``path`` (the file and the line), or None."""
        for layer in (*reversed(self.layers), *self.repository):
            decided = layer.patterns.decide(relative_to_root(path, layer.base), is_dir)
            if decided is not None:
                return None if decided.negated else f"{layer.path}: '{decided.text}'"
        return None


# --- the walk -----------------------------------------------------------------------------


@dataclass
class Walk:
    """What one run's discovery needs besides the paths."""

    resolver: ConfigResolver
    force_exclude: bool = False
    # None: each folder's settings decide; True/False: --respect-gitignore/--no-...
    respect_gitignore: bool | None = None
    log: Log | None = None  # --verbose: why each folder's settings apply, why a path is skipped
    result: Discovery = field(default_factory=Discovery)
    seen_files: set[str] = field(default_factory=set)
    visited_dirs: set[tuple[int, int]] = field(default_factory=set)
    logged_settings: dict[str, int] = field(default_factory=dict)
    # Ignore files above each named path's folder, read once per folder (pre-commit names
    # hundreds of files in a few folders).
    ignores_above: dict[Path, Ignores] = field(default_factory=dict)  # by folder

    def warn(self, message: str) -> None:
        self.result.warnings.append(message)

    def respects_gitignore(self, settings: Settings) -> bool:
        if self.respect_gitignore is not None:
            return self.respect_gitignore
        return settings.respect_gitignore

    def ignores_for(self, absolute: Path, is_dir: bool, settings: Settings) -> Ignores:
        """What the ignore files above ``absolute`` say (nothing when they are not
        respected). Files of one folder share the answer; a folder has its own (it may be
        a repository's root)."""
        if not self.respects_gitignore(settings):
            return Ignores()
        key = absolute if is_dir else absolute.parent
        cached = self.ignores_above.get(key)
        if cached is None:
            cached = self.ignores_above[key] = Ignores.above(absolute, self.warn)
        return cached

    def skipped(self, path: str, why: str) -> None:
        if self.log is not None:
            self.log(f"skipped {path}: {why}")

    def settings_for(self, directory: Path) -> Settings:
        settings = self.resolver.settings_for_dir(directory)
        if self.log is not None:
            self.log_settings(directory, settings)
        return settings

    def log_settings(self, directory: Path, settings: Settings) -> None:
        assert self.log is not None
        key = os.path.abspath(directory)
        said = self.logged_settings.get(key, self.logged_settings.get(os.path.dirname(key)))
        self.logged_settings[key] = id(settings)
        if said != id(settings):  # said once, for the top folder they apply to
            shown = display_path(Path(key))
            self.log(f"{shown}: settings from {self.resolver.settings_origin(settings)}")


def discover(
    paths: Sequence[Path], resolver: ConfigResolver, *, force_exclude: bool = False,
    respect_gitignore: bool | None = None, log: Log | None = None,
) -> Discovery:
    walk = Walk(resolver, force_exclude, respect_gitignore, log)
    for path in paths:
        _discover_one(path, walk)
    return walk.result


def _discover_one(path: Path, walk: Walk) -> None:
    try:
        is_dir = path.is_dir()
        exists = is_dir or os.path.lexists(path)
    except OSError as error:
        walk.result.errors.append(f"{path}: {error.strerror or error}")
        return
    if not exists:
        walk.result.errors.append(f"{path}: No such file or directory")
        return
    absolute = Path(os.path.abspath(path))
    try:
        settings = walk.settings_for(absolute if is_dir else absolute.parent)
    except OSError as error:
        walk.warn(f"{path}: cannot read folder: {error.strerror or error}; skipped")
        return
    if walk.force_exclude or settings.force_exclude:
        ignores = walk.ignores_for(absolute, is_dir, settings)
        why = _skip_reason(str(absolute), is_dir, settings, ignores, walk, parents=True)
        if why is not None:
            walk.skipped(str(path), why)
            return
    if not is_dir:
        _add_file(path, walk)  # named on the command line: linted whatever its suffix
        return
    _walk(path, walk.ignores_for(absolute, True, settings), walk)


def _skip_reason(path: str, is_dir: bool, settings: Settings, ignores: Ignores, walk: Walk,
                 *, parents: bool = False) -> str | None:
    excluded = excluding_pattern(path, settings, is_dir, parents=parents)
    if excluded is not None:
        where = settings.config_path or "the default exclude list"
        return f"matches exclude pattern '{excluded.text}' ({where})"
    if walk.respects_gitignore(settings):
        return ignores.reason(path, is_dir)
    return None


def _add_file(path: Path, walk: Walk, key: str | None = None) -> None:
    key = key if key is not None else os.path.realpath(path)
    if key not in walk.seen_files:
        walk.seen_files.add(key)
        walk.result.files.append(path)


@dataclass
class _Frame:
    """One folder being walked: its remaining entries and what applies inside it."""

    entries: Iterator[os.DirEntry[str]]
    settings: Settings
    ignores: Ignores


def _enter(directory: Path, ignores: Ignores, walk: Walk) -> _Frame | None:
    """Open a folder for walking; None when it cannot be read or was walked already."""
    try:
        info = directory.stat()
        identity = (info.st_dev, info.st_ino)
        if identity in walk.visited_dirs:
            return None  # named twice on the command line, or inside another named folder
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
        settings = walk.settings_for(directory)
    except OSError as error:
        walk.warn(f"{directory}: cannot read folder: {error.strerror or error}; skipped")
        return None
    walk.visited_dirs.add(identity)
    inner = ignores.entering(directory, walk.warn) if walk.respects_gitignore(settings) else ignores
    return _Frame(iter(entries), settings, inner)


def _walk(directory: Path, ignores: Ignores, walk: Walk) -> None:
    """Depth-first, entries in name order, with an explicit stack: however deep the tree,
    the walk never hits Python's recursion limit."""
    first = _enter(directory, ignores, walk)
    stack = [first] if first is not None else []
    # realpath of each folder, once: a file that is not a symlink resolves to its folder's
    # realpath plus its name, which saves a realpath (an lstat per component) per file.
    real_dirs: dict[str, str] = {}
    while stack:
        frame = stack[-1]
        entry = next(frame.entries, None)
        if entry is None:
            stack.pop()
            continue
        path = entry.path  # a string: a Path is built only for what is kept
        try:
            is_link = entry.is_symlink()
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError:
            continue
        if is_dir and is_link:
            walk.skipped(path, "a symlink to a folder (folder symlinks are not followed)")
            continue
        if not is_dir and not (is_file and is_included(path, frame.settings)):
            continue  # before the pattern matching below, which costs more than this test
        why = _skip_reason(path, is_dir, frame.settings, frame.ignores, walk)
        if why is not None:
            walk.skipped(path, why)
            continue
        if is_dir:
            inner = _enter(Path(path), frame.ignores, walk)
            if inner is not None:
                stack.append(inner)
        else:
            key = None
            if not is_link:
                folder = os.path.dirname(entry.path)
                real = real_dirs.get(folder)
                if real is None:
                    real = real_dirs[folder] = os.path.realpath(folder)
                key = os.path.join(real, entry.name)
            _add_file(Path(path), walk, key)
