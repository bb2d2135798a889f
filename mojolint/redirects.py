"""Codes of renamed rules, mapped to their new codes wherever a user writes a code.

The table is :data:`REDIRECTS`. A selection of an old code (``--select
TS008``, ``ignore = ["TS008"]``, ``[rules.TS008]``) applies to the new rule, with a warning
like ruff's ("`TS008` has been remapped to `NU004`"); ``# noqa: TS008`` suppresses the new
code silently.
"""

from __future__ import annotations

from collections.abc import Iterable

# Renamed rules: the old code and the code that replaced it. As in ruff, the old code keeps
# working wherever a code is written (select, ignore, per-file-ignores, fixable, `[rules.OLD]`
# options, noqa comments), with a warning for configuration and command-line selections.
# Here rather than beside BUILTIN_RULES: reading it must not import every rule.
REDIRECTS: dict[str, str] = {
    "TS008": "NU004",  # nan-by-division became float-division-by-zero (issue 14)
}

# Warnings not yet shown to the user; the command line prints and clears them.
_pending: list[str] = []
_warned: set[str] = set()


def redirects() -> dict[str, str]:
    return REDIRECTS


def redirect(code: str, *, warn: bool = True) -> str:
    """The code ``code`` now goes by (itself when it was never renamed)."""
    target = redirects().get(code)
    if target is None:
        return code
    if warn and code not in _warned:
        _warned.add(code)
        _pending.append(f"`{code}` has been remapped to `{target}`.")
    return target


def redirect_all(codes: Iterable[str], *, warn: bool = True) -> tuple[str, ...]:
    return tuple(redirect(code, warn=warn) for code in codes)


def warn_once(message: str) -> None:
    """Queue a warning about the configuration (a deprecated key), once per run."""
    if message not in _warned:
        _warned.add(message)
        _pending.append(message)


def take_warnings() -> list[str]:
    """The remapping warnings since the last call (each old code is warned about once
    between two calls)."""
    taken = list(_pending)
    _pending.clear()
    _warned.clear()
    return taken
