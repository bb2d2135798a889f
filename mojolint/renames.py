"""Operators the standard library renamed, called as `old(...)`: UP017's `__origin_of` and
UP033's `__type_of` share this check and fix (the name itself, only where it is called)."""

from __future__ import annotations

from collections.abc import Iterator

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context


def renamed_calls(ctx: Context, query: str, old: str, new: str) -> Iterator[Diagnostic]:
    """Each ``old`` that ``query`` captures as ``@name`` and that is called, reported with
    the safe rename to ``new``. The parent is checked here rather than in the query: a
    `(call (identifier) ...)` pattern keeps a partial match open in every call of a
    `f(0)(0)(0)...` chain, quadratic in its length (tests/security)."""
    for node in ctx.captures(query).get("name", []):
        if node.parent is None or node.parent.type != "call":
            continue
        fix = Fix(f"Replace with `{new}`", (Edit(node.start_byte, node.end_byte, new),),
                  Applicability.SAFE)
        yield ctx.report(node, f"`{old}` was renamed; use `{new}`", fix=fix)
