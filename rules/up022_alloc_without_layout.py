"""UP022: `alloc[T](n)` without a `Layout`, deprecated in Mojo 1.0 (`unsafe_alloc` meanwhile)."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.semantics.model import BindingKind

CALLS = """
(call function: (subscript value: (identifier) @name) arguments: (argument_list) @arguments
 (#eq? @name "alloc"))
"""
IMPORT = "from std.memory.alloc import unsafe_alloc\n"
IMPORTED = '((identifier) @name (#eq? @name "unsafe_alloc"))'


class AllocWithoutLayout(Rule):
    """## What it does
    Flags `alloc[T](count)`, the allocation by element count, and rewrites it as
    `unsafe_alloc[T](count)`, importing `unsafe_alloc` from `std.memory.alloc`.

    ## Why is this bad?
    Mojo 1.0 made `alloc` take a `Layout`: ``\\`alloc\\` without a \\`Layout\\` is deprecated,
    use the \\`Layout\\`-based \\`alloc\\` instead; as a temporary migration step, use
    \\`unsafe_alloc\\` `` (1.0, 1.1 and 1.2 warn).

    ## Example
    ```mojo
    from std.memory import alloc

    def scratch(n: Int) -> Pointer[Float32, MutUntrackedOrigin]:
        return alloc[Float32](n)
    ```

    ## Use instead
    ```mojo
    from std.memory import alloc
    from std.memory.alloc import unsafe_alloc

    def scratch(n: Int) -> Pointer[Float32, MutUntrackedOrigin]:
        return unsafe_alloc[Float32](n)
    ```

    ## Fix safety
    The fix is **safe**: `unsafe_alloc` is the count-based allocation under the name the
    compiler's warning gives for the migration; the program allocates the same memory. It is
    the temporary step: moving to the `Layout`-based `alloc` is a design change left to a
    person. The import goes after the file's first import of `alloc` (or at the top). A call
    with keyword arguments (`alignment=`) or a file that defines its own `alloc` is left
    alone.

    Deprecated in 1.0; still accepted (with the warning) by 1.2.

    ## Options
    None.
    """

    code = "UP022"
    name = "alloc-without-layout"
    summary = "`alloc[T](n)` without a `Layout` is deprecated; `unsafe_alloc` (Mojo 1.0)"
    fix_availability = "sometimes"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (CALLS, IMPORTED)
    uses_semantic = True
    since_version = "1.0"
    deprecated_in = "1.0"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        found = ctx.matches(CALLS)
        if not found:
            return
        model = ctx.semantic
        own = [b for s in model.scopes for b in s.bindings.get("alloc", [])
               if b.kind != BindingKind.IMPORT]
        if own:
            return
        imports = [b for b in model.module.bindings.get("alloc", [])
                   if b.kind == BindingKind.IMPORT]
        has_import = any(n.parent is not None and n.parent.type in (
            "dotted_name", "aliased_import", "import_from_statement")
            for n in ctx.captures(IMPORTED).get("name", []))
        where = 0
        if imports:
            statement = imports[0].statement
            while statement.parent is not None and statement.parent.type != "module":
                statement = statement.parent
            where = statement.end_byte
        for _, captures in found:
            name, arguments = captures["name"][0], captures["arguments"][0]
            fix = None
            if not any(a.type == "keyword_argument" for a in arguments.named_children):
                edits = [Edit(name.start_byte, name.end_byte, "unsafe_alloc")]
                if not has_import:
                    text = ("\n" + IMPORT.rstrip("\n")) if where else IMPORT
                    edits.insert(0, Edit(where, where, text))
                fix = Fix("Use `unsafe_alloc`", tuple(edits), Applicability.SAFE)
            yield ctx.report(name, "`alloc` without a `Layout` is deprecated; use "
                             "`unsafe_alloc` (or a `Layout`)", fix=fix)
