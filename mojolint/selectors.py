"""Rule selectors (``ALL``, a code, a code prefix, or a renamed code): how strongly one
matches a code, and the one message for a selector that names no known rule."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.redirects import redirects

ALL = "ALL"


def match_strength(code: str, selectors: Iterable[str]) -> int:
    """Length of the most specific selector matching ``code``; -1 when none does."""
    best = -1
    for selector in selectors:
        if selector == ALL:
            best = max(best, 0)
        elif code.startswith(selector):
            best = max(best, len(selector))
    return best


def is_known_selector(selector: str, known_codes: Iterable[str]) -> bool:
    return (selector == ALL or selector in redirects()
            or any(code.startswith(selector) for code in known_codes))


def unknown_selector(selectors: Iterable[str], known_codes: Iterable[str],
                     where: str) -> str | None:
    """The message for the first of ``selectors`` that selects no known code (``where``
    names the key or option, e.g. ``'--select'``), or None when all are known."""
    known = sorted(known_codes)
    for selector in selectors:
        if not is_known_selector(selector, known):
            return (f"unknown rule selector '{selector}' in '{where}'; allowed: ALL or a "
                    f"prefix of a known code ({', '.join(known)})")
    return None
