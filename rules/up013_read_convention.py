"""UP013: the `read` argument convention, renamed `imm` in Mojo 1.0 and removed in 1.1."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

CONVENTIONS = '((argument_convention) @convention (#eq? @convention "read"))'


class ReadConvention(Rule):
    """## What it does
    Flags arguments declared with the `read` convention and rewrites it as `imm`.

    ## Why is this bad?
    Mojo 1.0 renamed the immutable-reference convention: `'read' is deprecated; use 'imm'`.
    Mojo 1.1 removed `read` (`'read' was removed; use 'imm'`).

    ## Example
    ```mojo
    def total(read values: List[Int]) -> Int:
        return len(values)
    ```

    ## Use instead
    ```mojo
    def total(imm values: List[Int]) -> Int:
        return len(values)
    ```

    ## Fix safety
    The fix is **safe**: `imm` is the same convention under its new name. Only the
    convention keyword is rewritten; a variable or field called `read` (and `read` in
    strings, comments and docstrings) is not a convention and is left alone.

    Deprecated in 1.0; removed in 1.1.

    ## Options
    None.
    """

    code = "UP013"
    name = "read-convention"
    summary = "`read` argument convention is renamed `imm` (Mojo 1.0; removed in 1.1)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (CONVENTIONS,)
    since_version = "1.0"
    deprecated_in = "1.0"
    removed_in = "1.1"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in ctx.captures(CONVENTIONS).get("convention", []):
            fix = Fix("Replace `read` with `imm`", (Edit(node.start_byte, node.end_byte, "imm"),),
                      Applicability.SAFE)
            yield ctx.report(node, "`read` is deprecated; use `imm`", fix=fix)
