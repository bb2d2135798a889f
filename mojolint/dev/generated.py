"""Files generated from the code (README's rule tables, ``mojolint/builtin_rules.py``): the
check-or-rewrite step their dev commands share."""

from __future__ import annotations

from pathlib import Path

from mojolint.fileio import write_atomic


def check_or_update(path: Path, current: str, expected: str, *, update: bool,
                    command: str) -> int:
    """0 when ``path`` (whose text is ``current``) already holds ``expected``; with
    ``update`` rewrite it (atomically) and return 0; else say it is stale and return 1."""
    if current == expected:
        return 0
    if update:
        write_atomic(path, expected.encode("utf-8"))
        print(f"updated: {path}")
        return 0
    print(f"stale: {path}; run `{command}` and review the diff")
    return 1
