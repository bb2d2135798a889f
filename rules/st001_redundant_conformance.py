"""ST001: a trait listed next to a trait that already implies it."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

CONFORMANCES = "(conformance_list) @list"
# What each standard trait implies (transitively closed below), from Mojo 26.1 on: 0.25.7
# still rejects a `Copyable` struct where `Movable` is required; 0.26.1 and 1.2.0 accept it.
IMPLIES: dict[str, frozenset[str]] = {
    "Copyable": frozenset({"Movable"}),
    "ImplicitlyCopyable": frozenset({"Copyable", "Movable"}),
}


class RedundantConformance(Rule):
    """## What it does
    Flags a trait in a struct's or trait's conformance list that another trait of the list
    already implies: `Movable` next to `Copyable` or `ImplicitlyCopyable`, and `Copyable`
    next to `ImplicitlyCopyable`. It runs for `target-version` 26.1 and later, the
    releases where `Copyable` refines `Movable` (0.25.7 still wants both).

    Only the standard names are known; a list that names a trait twice, or a trait of the
    project that happens to be called `Movable`, is judged by name alone (a project that
    defines its own `Copyable` should ignore this rule).

    ## Why is this bad?
    The extra name says nothing the compiler does not already know, and suggests to the
    reader that the struct needed it. Mojo users asked for this check.

    ## Example
    ```mojo
    struct Point(Copyable, Movable):
        var x: Int
    ```

    ## Use instead
    ```mojo
    struct Point(Copyable):
        var x: Int
    ```

    ## Fix safety
    The fix removes the redundant name (and its comma) and is **safe**: the struct conforms
    to exactly the same traits, since the remaining one implies the removed one. There is
    no fix when a comment sits between the name and the next one (it would be removed).

    ## Options
    None.
    """

    code = "ST001"
    name = "redundant-conformance"
    summary = "Trait conformance already implied by another listed trait"
    fix_availability = "sometimes"
    since_version = "26.1"
    tags = ("style",)
    queries = (CONFORMANCES,)
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if b"Copyable" not in ctx.source:
            return
        for conformances in ctx.captures(CONFORMANCES).get("list", []):
            names = [c for c in conformances.named_children if c.type == "identifier"]
            spelled = [ctx.text(n) for n in names]
            for index, node in enumerate(names):
                implied_by = next((other for other in spelled
                                   if spelled[index] in IMPLIES.get(other, ())), None)
                if implied_by is None:
                    continue
                edit = _removal(conformances, names, index)
                fix = None if edit is None else Fix(f"Remove `{spelled[index]}`", (edit,),
                                                    Applicability.SAFE)
                yield ctx.report(node, f"`{spelled[index]}` is redundant: `{implied_by}` "
                                       "already implies it", fix=fix)


def _removal(conformances: Node, names: list[Node], index: int) -> Edit | None:
    """Remove one name of the list with the comma and space that go with it; None when a
    comment sits in that span (it would go too)."""
    node = names[index]
    if index + 1 < len(names):  # `A, B, C` -> remove "B, " up to the next name
        start, end = node.start_byte, names[index + 1].start_byte
    else:  # the last name: remove ", C" from the end of the previous one (never the only
        start, end = names[index - 1].end_byte, node.end_byte  # name: another implies it)
    if any(c.type == "comment" and start <= c.start_byte < end for c in conformances.children):
        return None
    return Edit(start, end, "")
