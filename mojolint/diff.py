"""Unified diffs of a file's bytes before and after fixing, as git prints them
(``check --diff``, and the fix diffs of rule snapshots)."""

from __future__ import annotations

import difflib


def _lines(text: str) -> list[str]:
    # Split on LF only (keeping CR): str.splitlines would also split on \x0c, \u2028 ...
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1] + "\n\\ No newline at end of file\n")
    return lines


def unified_diff(path_label: str, old: bytes, new: bytes) -> str:
    """A unified diff from ``old`` to ``new`` (empty when they are equal), like git's."""
    if old == new:
        return ""
    before = _lines(old.decode("utf-8", errors="replace"))
    after = _lines(new.decode("utf-8", errors="replace"))
    return "".join(difflib.unified_diff(before, after, f"a/{path_label}", f"b/{path_label}"))


__all__ = ["unified_diff"]
