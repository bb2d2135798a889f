"""UP028: `InlineArray`, renamed `Array` in Mojo 1.0 (the old name removed in 1.1)."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.semantics.tree import declares

NAMES = '((identifier) @name (#match? @name "^(InlineArray|inline_array)$"))'

class InlineArray(Rule):
    """## What it does
    Flags the `InlineArray` type and renames it `Array`; an import of it is renamed too,
    and so is the module it came from (`collections.inline_array` → `collections.array`).

    A file that defines its own `InlineArray`, an attribute of another value
    (`m.InlineArray`), strings and comments are left alone.

    ## Why is this bad?
    Mojo 1.0 added `Array`, the same fixed-size array under a new name, next to
    `InlineArray` (1.0 accepts both without a warning); Mojo 1.1 removed `InlineArray`:
    `use of unknown declaration 'InlineArray'` (or `package 'collections' does not contain
    'InlineArray'` for an import).

    ## Example
    ```mojo
    def corners() -> InlineArray[Int, 4]:
        return InlineArray[Int, 4](fill=0)
    ```

    ## Use instead
    ```mojo
    def corners() -> Array[Int, 4]:
        return Array[Int, 4](fill=0)
    ```

    ## Fix safety
    The fix is **safe**: the type was renamed; its parameters, constructors and methods are
    the same.

    Renamed in 1.0; the old name removed in 1.1.

    ## Options
    None.
    """

    code = "UP028"
    name = "inline-array"
    summary = "`InlineArray` is renamed `Array` (Mojo 1.0; removed in 1.1)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (NAMES,)
    since_version = "1.0"
    removed_in = "1.1"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        nodes = ctx.captures(NAMES).get("name", [])
        types = [node for node in nodes if ctx.text(node) == "InlineArray"]
        if not types or any(declares(node) for node in types):
            return
        for node in nodes:
            parent = node.parent
            if ctx.text(node) == "inline_array":
                # a module path segment: `from collections.inline_array import InlineArray`
                if parent is None or parent.type != "dotted_name" or not _in_import(parent):
                    continue
                fix = Fix("Replace with `array`", (Edit(node.start_byte, node.end_byte, "array"),),
                          Applicability.SAFE)
                yield ctx.report(node, "module `inline_array` was renamed; use `array`", fix=fix)
                continue
            if parent is not None and parent.type == "attribute" \
                    and parent.child_by_field_name("attribute") == node:
                continue
            if parent is not None and parent.type == "dotted_name" and not _in_import(parent):
                continue
            fix = Fix("Replace with `Array`", (Edit(node.start_byte, node.end_byte, "Array"),),
                      Applicability.SAFE)
            yield ctx.report(node, "`InlineArray` was renamed; use `Array`", fix=fix)



def _in_import(node: Node) -> bool:
    current: Node | None = node
    while current is not None and current.type in ("dotted_name", "aliased_import"):
        current = current.parent
    return current is not None and current.type in ("import_from_statement", "import_statement")
