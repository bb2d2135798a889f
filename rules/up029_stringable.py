"""UP029: the `Stringable` trait, deprecated for `Writable` in 26.2 and removed in 1.0."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.semantics.tree import declares

NAMES = '((identifier) @name (#eq? @name "Stringable"))'

class Stringable(Rule):
    """## What it does
    Flags the `Stringable` trait: in a conformance list, a parameter's bound or an import.
    Where a conformance list already names `Writable`, the fix removes `Stringable` from it.

    ## Why is this bad?
    Mojo 26.2 deprecated it (`warning: Stringable is being deprecated in favor of
    Writable`), and 1.0 removed it (`use of unknown declaration 'Stringable'`). A
    `Writable` type has a `write_to(self, mut writer: Some[Writer])` method; `String(x)`
    builds a string from any `Writable` value.

    ## Example
    ```mojo
    struct Point(Stringable):
        var x: Int

        def __str__(self) -> String:
            return String(self.x)
    ```

    ## Use instead
    ```mojo
    struct Point(Writable):
        var x: Int

        def write_to(self, mut writer: Some[Writer]):
            writer.write(self.x)
    ```

    ## Fix safety
    Only a conformance list that already names `Writable` is fixed, and the fix is
    **unsafe**: the type already has `write_to` and `String(x)` uses it, but a generic
    call that still requires `T: Stringable` (legal up to 26.2) stops accepting the type
    until its bound is moved to `Writable` too. Everywhere else the move is a
    rewrite of `__str__` into `write_to` (and of `T: Stringable` bounds with their
    `str(x)` calls), which is the author's; the rule reports it without a fix. A file that
    defines its own `Stringable`, strings, comments and longer names (`StringableRaising`)
    are left alone.

    Deprecated in 26.2; removed in 1.0.

    ## Options
    None.
    """

    code = "UP029"
    name = "stringable"
    summary = "`Stringable` is `Writable` (deprecated in Mojo 26.2; removed in 1.0)"
    fix_availability = "sometimes"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (NAMES,)
    since_version = "26.2"
    deprecated_in = "26.2"
    removed_in = "1.0"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        nodes = ctx.captures(NAMES).get("name", [])
        if not nodes or any(declares(node) for node in nodes):
            return
        for node in nodes:
            parent = node.parent
            if parent is not None and parent.type == "attribute" \
                    and parent.child_by_field_name("attribute") == node:
                continue
            fix = None
            if parent is not None and parent.type == "conformance_list":
                elements = [c for c in parent.named_children if c.type != "comment"]
                if any(c.type == "identifier" and ctx.text(c) == "Writable" for c in elements):
                    fix = Fix("Remove `Stringable` (the type is `Writable`)",
                              (_list_removal(elements, node),), Applicability.UNSAFE)
            yield ctx.report(node, "`Stringable` is deprecated (removed in Mojo 1.0); "
                                   "implement `Writable` (`write_to`) instead", fix=fix)



def _list_removal(elements: list[Node], node: Node) -> Edit:
    index = next(i for i, element in enumerate(elements) if element.id == node.id)
    if index + 1 < len(elements):
        return Edit(node.start_byte, elements[index + 1].start_byte, "")
    return Edit(elements[index - 1].end_byte, node.end_byte, "")
