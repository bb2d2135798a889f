"""UP008: the `fn` keyword, replaced by `def` in Mojo 26.2 and removed in 1.0."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.versions import is_at_least

FN_KEYWORDS = """
(function_definition keyword: "fn" @keyword)
(function_type keyword: "fn" @type_keyword)
"""
# Function types with these effects are closures, not thin function pointers.
NOT_THIN_EFFECTS = frozenset({"capturing_clause", "escaping_clause", "thin_clause"})


class FnKeyword(Rule):
    """## What it does
    Flags functions declared with `fn` and function types spelled `fn (Int) -> Int`, for
    projects that target Mojo 26.2 or newer, and rewrites them with `def`.

    ## Why is this bad?
    Mojo 26.2 made `def` the one keyword for functions: from 26.2 a `def` no longer raises
    implicitly and its arguments are immutable by default, exactly like `fn`, so `fn` is
    redundant. Mojo 1.0 removed it; its compiler stops with
    `'fn' has been removed; use 'def' instead`.

    ## Example
    ```mojo
    fn scale(x: Int, k: Int) raises -> Int:
        return x * k

    fn apply(f: fn (Int) -> Int, x: Int) -> Int:
        return f(x)
    ```

    ## Use instead
    ```mojo
    def scale(x: Int, k: Int) raises -> Int:
        return x * k

    def apply(f: def (Int) -> Int, x: Int) -> Int:
        return f(x)
    ```
    With target-version 1.0 or newer the function type is written `def (Int) thin -> Int`.

    ## Fix safety
    The fix is **safe**: for a target of 26.2 or newer it is a pure respelling. A `fn`
    without `raises` becomes a `def` without `raises`, which from 26.2 does not raise
    either; `fn ... raises` becomes `def ... raises`. (The old `def` that raised implicitly
    is a different construct; see UP014.)

    A function *type* `fn (Int) -> Int` is a thin function pointer. Mojo 26.2 reads
    `def (Int) -> Int` the same way, but Mojo 1.0 reads `def (Int) -> Int` as a closure type
    that plain functions do not convert to, and spells the thin pointer
    `def (Int) thin -> Int` (the `thin` effect does not exist before 1.0). So with a target
    of 1.0 or newer the fix also adds `thin`, after `raises`, to function types that are
    neither `capturing` nor `escaping`.

    Deprecated in 26.2; removed in 1.0.

    ## Options
    None.
    """

    code = "UP008"
    name = "fn-keyword"
    summary = "`fn` is replaced by `def` (Mojo 26.2; removed in 1.0)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (FN_KEYWORDS,)
    since_version = "26.2"
    deprecated_in = "26.2"
    removed_in = "1.0"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        captures = ctx.captures(FN_KEYWORDS)
        for keyword in captures.get("keyword", []):
            fix = Fix("Replace `fn` with `def`",
                      (Edit(keyword.start_byte, keyword.end_byte, "def"),), Applicability.SAFE)
            yield ctx.report(keyword, "`fn` has been replaced by `def`", fix=fix)
        thin = is_at_least(ctx.target_version, "1.0")
        for keyword in captures.get("type_keyword", []):
            function_type = keyword.parent
            edits = [Edit(keyword.start_byte, keyword.end_byte, "def")]
            title = "Replace `fn` with `def`"
            if thin and function_type is not None:
                anchor = _thin_anchor(function_type)
                if anchor is not None:
                    edits.append(Edit(anchor, anchor, " thin"))
                    title = "Replace `fn` with `def` and mark the type `thin`"
            fix = Fix(title, tuple(edits), Applicability.SAFE)
            yield ctx.report(keyword, "`fn` function type has been replaced by `def`", fix=fix)


def _thin_anchor(function_type: Node) -> int | None:
    """Where ` thin` goes in a function type: after `raises`, else after the parameters."""
    effects = function_type.children_by_field_name("effect")
    if any(effect.type in NOT_THIN_EFFECTS for effect in effects):
        return None
    raises = [effect for effect in effects if effect.type == "raises_clause"]
    if raises:
        return raises[-1].end_byte
    parameters = function_type.child_by_field_name("parameters")
    return None if parameters is None else parameters.end_byte
