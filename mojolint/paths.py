"""How paths are related to a root and shown: root-relative POSIX form (what glob patterns
match), the git root above a folder, and the one display form used in every message."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path, PurePath

from mojolint.globs import pattern_set


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


def inside_root(path: Path, root: Path) -> PurePath | None:
    """``path`` relative to ``root`` when it lies inside it, as given or once symlinks are
    resolved; None when it lies outside (for formats that name files by a base URI)."""
    for candidate, base in ((path.absolute(), root.absolute()), (path.resolve(), root.resolve())):
        try:
            return candidate.relative_to(base)
        except ValueError:
            continue
    return None


def matches_any(relative: str, patterns: Sequence[str], is_dir: bool = False) -> bool:
    """Whether a root-relative path, or a folder above it, matches a gitignore-style
    pattern (so ``tests/`` covers ``tests/a.mojo``)."""
    return pattern_set(tuple(patterns)).match_or_parents(relative, is_dir) is not None


def find_git_root(directory: Path) -> Path | None:
    """The nearest folder at or above ``directory`` that holds ``.git``."""
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def display_path(path: Path | str, absolute: str | None = None, cwd: str | None = None) -> str:
    """How a path is shown in diagnostics and messages: relative to the working directory
    when it is inside it, else as given. ``absolute`` and ``cwd``, when the caller has them,
    save working them out again."""
    absolute = absolute or os.path.abspath(path)
    # What os.path.relpath(absolute) gives for a path inside the working directory, by
    # string operations (relpath's own work was a tenth of a warm run).
    cwd = cwd or os.getcwd()
    if absolute == cwd:
        return "."
    prefix = cwd if cwd.endswith(os.sep) else cwd + os.sep
    relative = absolute[len(prefix):] if absolute.startswith(prefix) else ".."
    return os.path.normpath(str(path)) if relative.startswith("..") else relative
