"""TS008: NaN or infinity made by dividing float literals by a zero literal."""

from __future__ import annotations

import math
from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

DIVISIONS = "(binary_operator operator: \"/\") @division"
NUMBER_TYPES = ("float", "integer")


class NanByDivision(Rule):
    """## What it does
    Flags a number literal divided by a zero float literal — `0.0 / 0.0`, `1.0 / 0.0`,
    `-1.0 / 0.0` — written to produce NaN or an infinity. Both operands must be literals
    (an optional leading `-` is allowed); `x / 0.0` with a variable, `0.0 / 2.0`, and text
    inside strings, comments and docstrings are left alone.

    ## Why is this bad?
    The reader has to work out what the division yields, and a division by zero looks like
    a bug (ProjectOdyssey's tests used this idiom to build their NaN and Inf inputs). Mojo
    names these values: `FloatLiteral.nan`, `FloatLiteral.infinity` and
    `FloatLiteral.negative_infinity`.

    ## Example
    ```mojo
    var not_a_number = 0.0 / 0.0
    var too_big = 1.0 / 0.0
    var too_small = -1.0 / 0.0
    ```

    ## Use instead
    ```mojo
    var not_a_number = FloatLiteral.nan
    var too_big = FloatLiteral.infinity
    var too_small = FloatLiteral.negative_infinity
    ```

    ## Fix safety
    The fix replaces the division with the named `FloatLiteral` value it evaluates to
    (zero divided by zero is NaN; otherwise the infinity whose sign is the product of the
    operands' signs, so `1.0 / -0.0` is negative infinity). It is safe: both sides are
    compile-time `FloatLiteral` values, so the value and its type are unchanged, and the
    replacement is a single attribute access, so operator precedence around it cannot
    change. `FloatLiteral.nan`, `.infinity` and `.negative_infinity` are documented members
    of `FloatLiteral` in the Mojo standard library.

    ## Options
    None.
    """

    code = "TS008"
    name = "nan-by-division"
    summary = "NaN or infinity made by dividing a float literal by zero"
    fix_availability = "always"
    tags = ("tensor-safety", "readability")

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for division in ctx.captures(DIVISIONS).get("division", []):
            left = division.child_by_field_name("left")
            right = division.child_by_field_name("right")
            if left is None or right is None:
                continue
            numerator = _literal_value(ctx, left, NUMBER_TYPES)
            denominator = _literal_value(ctx, right, ("float",))
            if numerator is None or denominator is None or denominator != 0.0:
                continue
            name, meaning = _named_value(numerator, denominator)
            written = ctx.text(division)
            fix = Fix(f"Replace with `{name}`",
                      (Edit(division.start_byte, division.end_byte, name),),
                      Applicability.SAFE)
            yield ctx.report(division, f"`{written}` makes {meaning} by division by zero; "
                                       f"use `{name}`", fix=fix)


def _literal_value(ctx: Context, node: Node, types: tuple[str, ...]) -> float | None:
    """The value of a number literal, optionally negated, whose type is one of ``types``."""
    sign = 1.0
    if node.type == "unary_operator":
        operator = node.child_by_field_name("operator")
        argument = node.child_by_field_name("argument")
        if operator is None or argument is None or ctx.text(operator) != "-":
            return None
        sign, node = -1.0, argument
    if node.type not in types:
        return None
    try:
        value = float(ctx.text(node).replace("_", ""))
    except ValueError:
        return None
    return sign * value  # -1.0 * 0.0 is -0.0, which keeps the sign of zero


def _named_value(numerator: float, denominator: float) -> tuple[str, str]:
    if numerator == 0.0 or math.isnan(numerator):
        return "FloatLiteral.nan", "NaN"
    negative = (math.copysign(1.0, numerator) * math.copysign(1.0, denominator)) < 0
    if negative:
        return "FloatLiteral.negative_infinity", "negative infinity"
    return "FloatLiteral.infinity", "infinity"
