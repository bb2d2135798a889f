"""UP023: struct fields whose type exposes `AnyOrigin`, rejected from Mojo 1.0."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.semantics.model import BindingKind

STRUCTS = "(struct_definition) @struct"
REPLACEMENTS = {"MutAnyOrigin": "MutUntrackedOrigin", "ImmutAnyOrigin": "ImmUntrackedOrigin",
                "ImmAnyOrigin": "ImmUntrackedOrigin"}
ANY = frozenset({*REPLACEMENTS, "AnyOrigin"})


def _identifiers(node: Node) -> Iterator[Node]:
    if node.type == "identifier":
        yield node
    for child in node.named_children:
        yield from _identifiers(child)


class AnyOriginField(Rule):
    """## What it does
    Flags struct fields whose declared type names `MutAnyOrigin` or `ImmutAnyOrigin` (a
    pointer that may point anywhere) and rewrites the origin as `MutUntrackedOrigin` /
    `ImmUntrackedOrigin`.

    ## Why is this bad?
    From Mojo 1.0 a field may not hold a value whose origin is "any": `struct fields cannot
    expose AnyOrigin in their type` (an error in 1.0, 1.1 and 1.2; 0.26.2 accepted it
    without a warning). Memory a struct allocates itself has an untracked origin:
    `alloc` returns `Pointer[T, MutUntrackedOrigin]` from 1.0.

    ## Example
    ```mojo
    struct Buffer:
        var data: UnsafePointer[Float32, MutAnyOrigin]
    ```

    ## Use instead
    ```mojo
    struct Buffer:
        var data: UnsafePointer[Float32, MutUntrackedOrigin]
    ```

    ## Fix safety
    The fix is **unsafe**: an untracked origin no longer keeps alive the values the pointer
    was taken from, so a field that points into another value (rather than into memory the
    struct allocated) now needs that value kept alive by hand, or an origin parameter on
    the struct; and a pointer with a tracked origin assigned to the field may stop
    converting. A bare `AnyOrigin[...]` is reported without a fix.

    Removed (an error, without a deprecation period) in 1.0.

    ## Options
    None.
    """

    code = "UP023"
    name = "any-origin-field"
    summary = "struct fields cannot expose `AnyOrigin` in their type (Mojo 1.0)"
    fix_availability = "sometimes"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (STRUCTS,)
    uses_semantic = True
    since_version = "1.0"
    removed_in = "1.0"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if not ctx.captures(STRUCTS).get("struct"):
            return
        model = ctx.semantic
        for struct in model.structs.values():
            for field in struct.fields.values():
                if field.kind != BindingKind.FIELD or field.type is None or not any(
                        field.type.mentions(name) for name in ANY):
                    continue
                type_node = field.statement.child_by_field_name("type")
                if type_node is None:
                    continue
                names = [n for n in _identifiers(type_node) if ctx.text(n) in ANY]
                if not names:
                    continue
                fix = None
                if all(ctx.text(n) in REPLACEMENTS for n in names):
                    fix = Fix("Use an untracked origin", tuple(
                        Edit(n.start_byte, n.end_byte, REPLACEMENTS[ctx.text(n)])
                        for n in names), Applicability.UNSAFE)
                yield ctx.report(names[0], f"struct field `{field.name}` exposes "
                                 f"`{ctx.text(names[0])}`; fields cannot since Mojo 1.0",
                                 fix=fix)
