"""UP035: `sizeof`, `bitwidthof`, `simdwidthof`, `alignof` from `sys`, renamed in Mojo 25.6."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.imports import dotted_path, imported_names
from mojolint.rule import Context, Rule
from mojolint.semantics.model import Binding, SemanticModel

IMPORTS = "[(import_statement) (import_from_statement)] @import"
RENAMED = {"sizeof": "size_of", "bitwidthof": "bit_width_of", "simdwidthof": "simd_width_of",
           "alignof": "align_of"}
# Where the old names lived (`sys.info`) and how a file reaches it (`sys` re-exports them).
MODULES = frozenset({"sys", "sys.info", "std.sys", "std.sys.info"})


class SysSizeFunctions(Rule):
    """## What it does
    Flags `sizeof`, `bitwidthof`, `simdwidthof` and `alignof` imported from `sys` (or
    `sys.info`), or called as `sys.sizeof`, and rewrites them, at the import and at every
    use, to `size_of`, `bit_width_of`, `simd_width_of` and `align_of`.

    ## Why is this bad?
    Mojo 25.6 added the new names and deprecated the old ones (`warning: Use
    `sys.size_of()` instead.`); 25.7 removed them (`package 'sys' does not contain
    'sizeof'`). The 2024 standard library imports them 31 times in the places the 1.2
    compiler reports after an upgrade.

    ## Example
    ```mojo
    from sys import sizeof, simdwidthof

    def lanes() -> Int:
        return simdwidthof[DType.float32]() * sizeof[Float32]()
    ```

    ## Use instead
    ```mojo
    from sys import size_of, simd_width_of

    def lanes() -> Int:
        return simd_width_of[DType.float32]() * size_of[Float32]()
    ```

    ## Fix safety
    The fix is **safe**: the functions were renamed, their parameters and results are the
    same. Only names that come from `sys` are touched: a project's own `sizeof`, a C
    function of that name in a string, and comments are left alone. With `from sys import
    sizeof as sz` only the imported name changes; `sz` stays.

    ## Options
    None. The rule runs when `target-version` is 25.6 or later (no earlier release has the
    new names).
    """

    code = "UP035"
    name = "sys-size-functions"
    summary = "`sizeof`/`bitwidthof`/`simdwidthof`/`alignof` are renamed `size_of`/" \
              "`bit_width_of`/`simd_width_of`/`align_of` (Mojo 25.6; removed in 25.7)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (IMPORTS,)
    uses_semantic = True
    since_version = "25.6"
    deprecated_in = "25.6"
    removed_in = "25.7"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if not ctx.captures(IMPORTS).get("import"):
            return
        model = ctx.semantic
        for binding in model.import_bindings():
            path = binding.import_path or ""
            module, _, member = path.rpartition(".")
            if module in MODULES and member in RENAMED:
                yield from _imported_function(ctx, model, binding, member)
            elif path in MODULES:
                yield from _through_the_module(ctx, model, binding)


def _imported_function(ctx: Context, model: SemanticModel, binding: Binding,
                       old: str) -> Iterable[Diagnostic]:
    """`from sys import sizeof [as x]`: the imported name, and each use when not aliased."""
    member = _imported_member(binding, old)
    if member is None:
        return
    new = RENAMED[old]
    yield _report(ctx, member, old, new)
    if binding.name != old:
        return  # aliased: the file's own name stays
    for reference in model.references_named([old]):
        if reference.binding is binding:
            yield _report(ctx, reference.node, old, new)


def _through_the_module(ctx: Context, model: SemanticModel,
                        binding: Binding) -> Iterable[Diagnostic]:
    """`import sys` and `sys.sizeof[...]`: the attribute."""
    for reference in model.references_named([binding.name]):
        attribute = reference.node.parent
        if reference.binding is not binding or attribute is None \
                or attribute.type != "attribute":
            continue
        name = attribute.child_by_field_name("attribute")
        old = ctx.text(name) if name is not None else ""
        if name is not None and old in RENAMED:
            yield _report(ctx, name, old, RENAMED[old])


def _imported_member(binding: Binding, old: str) -> Node | None:
    """The identifier ``old`` in the import statement that made ``binding``."""
    for name in imported_names(binding.statement):
        if name.member == old and name.binding == binding.name:
            parts = dotted_path(name.node).named_children
            return parts[-1] if parts else None
    return None


def _report(ctx: Context, node: Node, old: str, new: str) -> Diagnostic:
    fix = Fix(f"Replace with `{new}`", (Edit(node.start_byte, node.end_byte, new),),
              Applicability.SAFE)
    return ctx.report(node, f"`{old}` was renamed `{new}` in Mojo 25.6", fix=fix)
