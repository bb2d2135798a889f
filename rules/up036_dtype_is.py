"""UP036: `is` / `is not` against a `DType` member, written `==` / `!=` since Mojo 26.1."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

COMPARISONS = "(comparison_operator) @comparison"
REPLACEMENT = {"is": "==", "is not": "!="}


class DTypeIs(Rule):
    """## What it does
    Flags `is` and `is not` where one side is a member of `DType` (`dtype is
    DType.float32`, `DType.bool is not t`) and rewrites them to `==` and `!=`.

    ## Why is this bad?
    Up to 25.7 `DType` had an `__is__` method that compared the two values, and `dtype is
    DType.float32` was the usual way to branch on a dtype, in `@parameter if` most of all.
    Mojo 26.1 removed it with no deprecation: every later release rejects the comparison
    (`'DType' does not implement the '__is__' method`). `==` and `!=` compare dtypes in
    every release.

    ## Example
    ```mojo
    def kind[dtype: DType]() -> Int:
        comptime if dtype is DType.float32:
            return 1
        return 2
    ```

    ## Use instead
    ```mojo
    def kind[dtype: DType]() -> Int:
        comptime if dtype == DType.float32:
            return 1
        return 2
    ```

    ## Fix safety
    The fix is **safe**: a `DType` member compares only with a `DType`, and for `DType`
    `__is__` was equality. Comparisons whose sides are not spelled `DType.name` (a dtype
    held in a variable on both sides) are left alone: mojolint does not know their type.

    ## Options
    None. The rule runs when `target-version` is 26.1 or later.
    """

    code = "UP036"
    name = "dtype-is"
    summary = "`is` / `is not` against a `DType` member is written `==` / `!=` (Mojo 26.1)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (COMPARISONS,)
    since_version = "26.1"
    removed_in = "26.1"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for comparison in ctx.captures(COMPARISONS).get("comparison", []):
            children = comparison.children
            for index, operator in enumerate(children):
                written = " ".join(operator.text.decode().split()) if operator.text else ""
                if operator.is_named or written not in REPLACEMENT:
                    continue
                left = children[index - 1] if index > 0 else None
                right = children[index + 1] if index + 1 < len(children) else None
                if not (_is_dtype_member(ctx, left) or _is_dtype_member(ctx, right)):
                    continue
                new = REPLACEMENT[written]
                fix = Fix(f"Replace `{written}` with `{new}`",
                          (Edit(operator.start_byte, operator.end_byte, new),),
                          Applicability.SAFE)
                yield ctx.report(operator, f"`DType` has no `{written}` since Mojo 26.1; "
                                           f"use `{new}`", fix=fix)


def _is_dtype_member(ctx: Context, node: Node | None) -> bool:
    """`DType.float32` (or `std.DType.float32`...): an attribute of the name `DType`."""
    if node is None or node.type != "attribute":
        return False
    owner = node.child_by_field_name("object")
    return owner is not None and ctx.text(owner).rsplit(".", 1)[-1] == "DType"
