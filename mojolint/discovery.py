"""Which files to lint: walk the given paths, honouring excludes and ``.gitignore``.

A path named on the command line is always linted, even when excluded, unless
``--force-exclude`` is given. Directories are found by walking, and a walk never follows the
same directory twice, so symlink loops end.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pathspec

from mojolint.config import ConfigResolver, Settings, find_git_root

MOJO_SUFFIXES = (".mojo", ".🔥")


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    # One line per path that could not be used, e.g. "x.mojo: No such file or directory".
    errors: list[str] = field(default_factory=list)


def is_mojo_file(name: str) -> bool:
    return name.endswith(MOJO_SUFFIXES)


def _absolute(root: Path | str) -> str:
    """A root's absolute form; roots are few and usually absolute already, so those are
    normalised once (a relative one depends on the working directory: never cached)."""
    return _normalised(root) if os.path.isabs(root) else os.path.abspath(root)


@lru_cache(maxsize=64)
def _normalised(root: Path | str) -> str:
    return os.path.abspath(root)


def relative_to_root(path: Path | str, root: Path | str) -> str:
    """``path`` relative to ``root`` in POSIX form, for matching glob patterns.

    String operations rather than pathlib: this runs for every file and folder of a walk.
    """
    absolute = os.path.abspath(path)
    base = _absolute(root)
    if absolute == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    relative = absolute[len(prefix):] if absolute.startswith(prefix) else absolute.lstrip(os.sep)
    return relative if os.sep == "/" else relative.replace(os.sep, "/")


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def matches_any(relative: str, patterns: Iterable[str], is_dir: bool = False) -> bool:
    """Whether a root-relative path matches any gitignore-style pattern."""
    candidate = relative + "/" if is_dir and not relative.endswith("/") else relative
    return _spec(tuple(patterns)).match_file(candidate)


def is_excluded(path: Path | str, settings: Settings, is_dir: bool) -> bool:
    relative = relative_to_root(path, settings.root)
    if relative in ("", "."):
        return False
    return matches_any(relative, settings.exclude_patterns(), is_dir)


class _GitIgnores:
    """The .gitignore files that apply to a walk, each matched relative to its folder."""

    def __init__(self, layers: tuple[tuple[Path, pathspec.GitIgnoreSpec], ...] = ()) -> None:
        self.layers = layers

    @classmethod
    def above(cls, directory: Path) -> _GitIgnores:
        """Layers from the enclosing git repository's root down to ``directory``'s parent."""
        git_root = find_git_root(directory)
        if git_root is None:
            return cls()
        chain = [directory.parent, *directory.parent.parents] if directory != git_root else []
        ancestors = [d for d in chain if d == git_root or git_root in d.parents]
        layers = cls()
        for ancestor in reversed(ancestors):
            layers = layers.entering(ancestor)
        return layers

    def entering(self, directory: Path) -> _GitIgnores:
        gitignore = directory / ".gitignore"
        if not gitignore.is_file():
            return self
        try:
            lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return self
        return _GitIgnores((*self.layers, (directory, pathspec.GitIgnoreSpec.from_lines(lines))))

    def ignores(self, path: Path | str, is_dir: bool) -> bool:
        for base, spec in self.layers:
            relative = relative_to_root(path, base)
            if spec.match_file(relative + "/" if is_dir else relative):
                return True
        return False


def discover(
    paths: Sequence[Path], resolver: ConfigResolver, *, force_exclude: bool = False
) -> Discovery:
    result = Discovery()
    seen_files: set[str] = set()
    visited_dirs: set[tuple[int, int]] = set()
    for path in paths:
        _discover_one(path, resolver, force_exclude, result, seen_files, visited_dirs)
    return result


def _discover_one(
    path: Path,
    resolver: ConfigResolver,
    force_exclude: bool,
    result: Discovery,
    seen_files: set[str],
    visited_dirs: set[tuple[int, int]],
) -> None:
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as error:
        result.errors.append(f"{path}: {error.strerror or error}")
        return
    if not exists:
        result.errors.append(f"{path}: No such file or directory")
        return
    absolute = Path(os.path.abspath(path))
    gitignores = _GitIgnores.above(absolute)
    if force_exclude and _skipped(absolute, resolver, gitignores, is_dir):
        return
    if not is_dir:
        _add_file(path, result, seen_files)
        return
    _walk(path, resolver, gitignores.entering(absolute), result, seen_files, visited_dirs)


def _skipped(path: Path, resolver: ConfigResolver, gitignores: _GitIgnores, is_dir: bool) -> bool:
    settings = resolver.settings_for_dir(path.parent)
    return is_excluded(path, settings, is_dir) or gitignores.ignores(path, is_dir)


def _add_file(path: Path, result: Discovery, seen_files: set[str], key: str | None = None) -> None:
    key = key if key is not None else os.path.realpath(path)
    if key not in seen_files:
        seen_files.add(key)
        result.files.append(path)


@dataclass
class _Frame:
    """One folder being walked: its remaining entries and what applies inside it."""

    entries: Iterator[os.DirEntry[str]]
    settings: Settings
    gitignores: _GitIgnores


def _enter(
    directory: Path,
    resolver: ConfigResolver,
    gitignores: _GitIgnores,
    result: Discovery,
    visited_dirs: set[tuple[int, int]],
) -> _Frame | None:
    """Open a folder for walking; None when it cannot be read or was walked already."""
    try:
        info = directory.stat()
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as error:
        result.errors.append(f"{directory}: {error.strerror or error}")
        return None
    identity = (info.st_dev, info.st_ino)
    if identity in visited_dirs:
        return None  # reached again through a symlink: a loop or a duplicate
    visited_dirs.add(identity)
    return _Frame(iter(entries), resolver.settings_for_dir(directory), gitignores)


def _walk(
    directory: Path,
    resolver: ConfigResolver,
    gitignores: _GitIgnores,
    result: Discovery,
    seen_files: set[str],
    visited_dirs: set[tuple[int, int]],
) -> None:
    """Depth-first, entries in name order, with an explicit stack: however deep the tree,
    the walk never hits Python's recursion limit."""
    first = _enter(directory, resolver, gitignores, result, visited_dirs)
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
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
            is_link = is_file and entry.is_symlink()
        except OSError:
            continue
        if not is_dir and not (is_file and is_mojo_file(entry.name)):
            continue  # before the pattern matching below, which costs more than this test
        if is_excluded(path, frame.settings, is_dir) or frame.gitignores.ignores(path, is_dir):
            continue
        if is_dir:
            below = frame.gitignores.entering(Path(os.path.abspath(path)))
            inner = _enter(Path(path), resolver, below, result, visited_dirs)
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
            _add_file(Path(path), result, seen_files, key)
