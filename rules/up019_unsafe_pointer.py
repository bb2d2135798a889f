"""UP019: the `UnsafePointer` type, deprecated in Mojo 1.0 in favour of `Pointer`."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.semantics.model import BindingKind

NAMES = '((identifier) @name (#eq? @name "UnsafePointer"))'
IMPORTS = frozenset({"import_statement", "import_from_statement", "aliased_import",
                     "dotted_name"})
OWN_KINDS = frozenset({BindingKind.STRUCT, BindingKind.COMPTIME, BindingKind.TRAIT,
                       BindingKind.FUNCTION, BindingKind.VARIABLE, BindingKind.PARAMETER,
                       BindingKind.COMPTIME_PARAMETER})


class UnsafePointerName(Rule):
    """## What it does
    Flags uses of the type `UnsafePointer` and renames them `Pointer`.

    ## Why is this bad?
    Mojo 1.0 merged the pointer types: `'UnsafePointer' is deprecated, use 'Pointer'
    instead` (1.0, 1.1 and 1.2 warn). The unsafe operations moved to methods spelled
    `unsafe_*` (UP020, UP021).

    ## Example
    ```mojo
    def first(p: UnsafePointer[Int, MutUntrackedOrigin]) -> Int:
        return p[]
    ```

    ## Use instead
    ```mojo
    def first(p: Pointer[Int, MutUntrackedOrigin]) -> Int:
        return p[]
    ```

    ## Fix safety
    The fix is **safe**: it replaces the name only, with the same parameters, which is the
    fix-it the 1.x compilers offer (byte for byte). Imports are left as they are (the
    compilers neither warn about nor rewrite `from std.memory import UnsafePointer`, and
    `Pointer` needs no import). A file that defines or binds a name `UnsafePointer` of its
    own (the standard library's own source) is left alone.

    Deprecated in 1.0; still accepted (with the warning) by 1.2.

    ## Options
    None.
    """

    code = "UP019"
    name = "unsafe-pointer"
    summary = "`UnsafePointer` is deprecated; use `Pointer` (Mojo 1.0)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (NAMES,)
    uses_semantic = True
    since_version = "1.0"
    deprecated_in = "1.0"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        found = ctx.captures(NAMES).get("name", [])
        if not found:
            return
        model = ctx.semantic
        if any(b.kind in OWN_KINDS for s in model.scopes
               for b in s.bindings.get("UnsafePointer", [])):
            return
        for node in found:
            parent = node.parent
            if parent is not None and parent.type in IMPORTS:
                continue
            if parent is not None and parent.type == "attribute" \
                    and parent.child_by_field_name("attribute") == node:
                owner = parent.child_by_field_name("object")
                if owner is None or ctx.text(owner) not in ("memory", "std.memory"):
                    continue
            fix = Fix("Replace with `Pointer`",
                      (Edit(node.start_byte, node.end_byte, "Pointer"),), Applicability.SAFE)
            yield ctx.report(node, "`UnsafePointer` is deprecated; use `Pointer`", fix=fix)
