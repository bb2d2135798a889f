"""UP027: the `CollectionElement` trait, replaced by `Copyable & Movable` (gone by 25.6)."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.imports import imported_names, name_removals, statement_removal
from mojolint.rule import Context, Rule
from mojolint.semantics.tree import declares
from mojolint.versions import is_at_least

NAMES = '((identifier) @name (#eq? @name "CollectionElement"))'
OLD = "CollectionElement"

class CollectionElement(Rule):
    """## What it does
    Flags the `CollectionElement` trait and spells out what it stood for: `Copyable &
    Movable` in a parameter's bound (`[T: CollectionElement]` → `[T: Copyable & Movable]`),
    `Copyable, Movable` in a conformance list (`struct Row(CollectionElement):` → `struct
    Row(Copyable, Movable):`). From Mojo 1.0 on `Copyable` implies `Movable`, and 1.0 warns
    `redundant trait composition: 'Copyable' already implies 'Movable'`, so for a 1.0 or
    later target the fix writes `Copyable` alone. An import of `CollectionElement` (from
    `collections` or `builtin.value`) is removed.

    A file that defines its own `CollectionElement` is left alone, and so are strings,
    comments and longer names such as `WritableCollectionElement`.

    ## Why is this bad?
    The standard library dropped the named composition once trait compositions could be
    written (`Copyable & Movable`). Every release on PyPI (25.6 on) says `use of unknown
    declaration 'CollectionElement'`.

    ## Example
    ```mojo
    from collections import CollectionElement

    struct Row(CollectionElement):
        var cells: List[Int]

    def first[T: CollectionElement](items: List[T]) -> T:
        return items[0].copy()
    ```

    ## Use instead
    ```mojo
    struct Row(Copyable, Movable):
        var cells: List[Int]

    def first[T: Copyable & Movable](items: List[T]) -> T:
        return items[0].copy()
    ```

    ## Fix safety
    The fix is **unsafe**. It writes the composition the trait was defined as, but what
    `Copyable` means moved since: it no longer lets the compiler copy a value implicitly
    (that is `ImplicitlyCopyable`), so code that copied a `T` or a `Row` implicitly
    (`var x = items[0]`) needs `.copy()` after the fix. A use inside an attribute
    (`value.CollectionElement`) is reported without a fix.

    The rule runs for targets from 25.6, the oldest release whose compiler mojolint can run
    (the trait was removed before it).

    ## Options
    None.
    """

    code = "UP027"
    name = "collection-element"
    summary = "`CollectionElement` is `Copyable & Movable` (removed before Mojo 25.6)"
    fix_availability = "sometimes"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (NAMES,)
    since_version = "25.6"
    removed_in = "25.6"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        nodes = ctx.captures(NAMES).get("name", [])
        if not nodes or any(declares(node) for node in nodes):
            return
        modern = is_at_least(ctx.target_version, "1.0")
        composed = "Copyable" if modern else "Copyable & Movable"
        listed = "Copyable" if modern else "Copyable, Movable"
        seen_statements: set[int] = set()
        for node in nodes:
            parent = node.parent
            statement = _import_statement(node)
            if statement is not None:
                if statement.id in seen_statements:
                    continue
                seen_statements.add(statement.id)
                fix = _import_fix(ctx, statement)
                yield ctx.report(node, "`CollectionElement` no longer exists; remove the import",
                                 fix=fix)
                continue
            if parent is not None and parent.type == "attribute":
                yield ctx.report(node, f"`CollectionElement` no longer exists; use `{composed}`")
                continue
            in_list = parent is not None and parent.type == "conformance_list"
            text = listed if in_list else composed
            edits = [Edit(node.start_byte, node.end_byte, text)]
            if parent is not None and in_list:
                present = {ctx.text(c) for c in parent.named_children if c.type == "identifier"}
                if all(trait in present for trait in listed.split(", ")):
                    edits = [_list_removal(parent, node)]
            fix = Fix(f"Replace with `{text}`", tuple(edits), Applicability.UNSAFE)
            yield ctx.report(node, f"`CollectionElement` no longer exists; use `{text}`", fix=fix)



def _import_statement(node: Node) -> Node | None:
    current: Node | None = node.parent
    while current is not None and current.type in ("dotted_name", "aliased_import"):
        current = current.parent
    if current is not None and current.type == "import_from_statement":
        return current
    return None


def _import_fix(ctx: Context, statement: Node) -> Fix | None:
    names = imported_names(statement)
    gone = [name for name in names if name.member == OLD]
    if not gone:
        return None
    if len(gone) == len(names):
        edits = statement_removal(statement, ctx.source)
        if edits is None:
            return None
    else:
        edits = name_removals(names, gone)
    return Fix("Remove the import of `CollectionElement`", edits, Applicability.UNSAFE)


def _list_removal(conformances: Node, node: Node) -> Edit:
    """Delete ``node`` and a comma from a conformance list that already names the traits."""
    elements = [c for c in conformances.named_children if c.type != "comment"]
    index = elements.index(node)
    if index + 1 < len(elements):
        return Edit(node.start_byte, elements[index + 1].start_byte, "")
    return Edit(elements[index - 1].end_byte, node.end_byte, "")
