"""UP024: `*_` / `**_` unbinding parameters, spelled `...` from Mojo 26.1 (removed in 26.2)."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

# The parent is checked in Python: `(subscript [...])` keeps a partial match open in every
# subscript of a `p[0][0][0]...` chain, quadratic in its length (tests/security).
SPLATS = """
([(list_splat (identifier) @name) (dictionary_splat (identifier) @name)] @splat
 (#eq? @name "_"))
"""


class UnboundParameters(Rule):
    """## What it does
    Flags `*_` and `**_` in a parameter list (`SIMD[dtype, *_]`, `Span[T, **_]`) and writes
    `...`, the spelling that leaves the remaining parameters unbound.

    ## Why is this bad?
    Mojo 26.1 accepts both spellings; 26.2 rejects the old one: `'*_' not supported on
    parameter list, using '...' instead` (and the same for `**_`). Releases before 26.1 do
    not know `...` there (`unexpected token in expression`).

    ## Example
    ```mojo
    def total(x: SIMD[DType.float32, *_]) -> Float32:
        return x.reduce_add()
    ```

    ## Use instead
    ```mojo
    def total(x: SIMD[DType.float32, ...]) -> Float32:
        return x.reduce_add()
    ```

    ## Fix safety
    The fix is **safe**: both spellings leave every remaining parameter unbound (the
    compiler's own message names `...` as what it reads `*_` as). Only `_` is rewritten:
    `*args` and `*_` in call arguments are left alone.

    Replaced in 26.1; removed (an error) in 26.2.

    ## Options
    None.
    """

    code = "UP024"
    name = "unbound-parameters"
    summary = "`*_` / `**_` in a parameter list is spelled `...` (Mojo 26.1; removed in 26.2)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (SPLATS,)
    since_version = "26.1"
    removed_in = "26.2"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in ctx.captures(SPLATS).get("splat", []):
            if node.parent is None or node.parent.type != "subscript":
                continue
            old = ctx.text(node)
            fix = Fix("Replace with `...`", (Edit(node.start_byte, node.end_byte, "..."),),
                      Applicability.SAFE)
            yield ctx.report(node, f"`{old}` is no longer supported in a parameter list; "
                             "use `...`", fix=fix)
