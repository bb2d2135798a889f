"""Rule groups: the letters of a code say what a rule is about (``mojolint linter``)."""

from __future__ import annotations

import re

# Prefix -> what its rules check. Codes are two letters and three digits (like ruff's).
GROUPS: dict[str, str] = {
    "MJ": "mojolint itself: unreadable files, syntax errors, crashes, unused noqa",
    "TS": "tensor safety: accessors, bitcasts and pointers that corrupt memory",
    "UP": "upgrade: syntax that newer Mojo releases changed or removed",
    "IM": "imports",
    "ME": "memory: use after free, leaks",
    "NU": "numbers: overflow, NaN, lossy conversions",
    "TE": "tests",
    "ST": "style",
    "PF": "performance",
    "GP": "GPU kernels",
}

_PREFIX = re.compile(r"[A-Z]+")


def prefix_of(code: str) -> str:
    found = _PREFIX.match(code)
    return found.group(0) if found else code
