"""NU004: NaN or infinity made by dividing float literals by a zero literal."""

from __future__ import annotations

import math
from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.semantics.tree import call_arguments

# The operator is checked in Python: a field constraint in the query (`operator: "/"`) makes
# tree-sitter's query cursor quadratic on long left-nested chains such as `1 + 1 + ... + 1`
# (a 32,000-term chain took 15-22 s). Keep this pattern free of fields: the test
# tests/security/test_time_and_memory.py compares a 1x and an 8x chain.
BINARY_OPERATORS = "(binary_operator) @division"
NUMBER_TYPES = ("float", "integer")
FLOAT_SCALARS = frozenset({"Float16", "Float32", "Float64", "BFloat16"})


class FloatDivisionByZero(Rule):
    """## What it does
    Flags a number literal divided by a zero float literal — `0.0 / 0.0`, `1.0 / 0.0`,
    `-1.0 / 0.0` — written to produce NaN or an infinity, and the same division written
    with float scalars, `Float64(0.0) / Float64(0.0)` or `Float32(1.0) / 0.0`. Both
    operands must be literals (an optional leading `-` is allowed), bare or wrapped in
    `Float16`/`Float32`/`Float64`/`BFloat16`; `x / 0.0` with a variable, `0.0 / 2.0`, and
    text inside strings, comments and docstrings are left alone.

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
    operands' signs, so `1.0 / -0.0` is negative infinity), wrapped in the operands' scalar
    type when they had one: `Float64(0.0) / Float64(0.0)` becomes
    `Float64(FloatLiteral.nan)`, so the expression keeps its type. The replacement is a
    single attribute access or call, so operator precedence around it cannot change.
    `FloatLiteral.nan`, `.infinity` and `.negative_infinity` are documented members of
    `FloatLiteral` in the Mojo standard library.

    - Literal divisions and the infinities are fixed **safely**: the value and its type
      are unchanged.
    - A NaN made by a scalar division (`Float64(0.0) / Float64(0.0)`) is fixed
      **unsafely** (`--unsafe-fixes`): a NaN computed at run time takes its sign bit from
      the hardware (x86 produces a negative NaN), which `FloatLiteral.nan` need not match.
      It is still NaN; only code that inspects the bits or prints the sign can tell.

    ## Options
    None.
    """

    code = "NU004"
    name = "float-division-by-zero"
    summary = "NaN or infinity made by dividing a float literal by zero"
    fix_availability = "always"
    tags = ("numbers", "readability")
    queries = (BINARY_OPERATORS,)
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if b"/" not in ctx.source:
            return
        for division in ctx.captures(BINARY_OPERATORS).get("division", []):
            operator = division.child_by_field_name("operator")
            if operator is None or operator.type != "/":
                continue
            left = division.child_by_field_name("left")
            right = division.child_by_field_name("right")
            if left is None or right is None:
                continue
            numerator = _operand(ctx, left, NUMBER_TYPES)
            denominator = _operand(ctx, right, ("float",))
            if numerator is None or denominator is None or denominator[0] != 0.0:
                continue
            scalars = {numerator[1], denominator[1]} - {None}
            if len(scalars) > 1:
                continue  # Float32(1.0) / Float64(0.0) does not compile; not ours to fix
            scalar = scalars.pop() if scalars else None
            name, meaning = _named_value(numerator[0], denominator[0])
            replacement = name if scalar is None else f"{scalar}({name})"
            # A runtime NaN's sign bit is the hardware's choice; FloatLiteral.nan's is not.
            unsafe = scalar is not None and meaning == "NaN"
            fix = Fix(f"Replace with `{replacement}`",
                      (Edit(division.start_byte, division.end_byte, replacement),),
                      Applicability.UNSAFE if unsafe else Applicability.SAFE)
            yield ctx.report(division, f"`{ctx.text(division)}` makes {meaning} by division "
                                       f"by zero; use `{replacement}`", fix=fix)


def _operand(ctx: Context, node: Node, types: tuple[str, ...]) -> tuple[float, str | None] | None:
    """A literal operand's value, and the float scalar type wrapping it (``Float64(1.0)``)."""
    if node.type == "call":
        function = node.child_by_field_name("function")
        if function is None or ctx.text(function) not in FLOAT_SCALARS:
            return None
        positional, keywords = call_arguments(node)
        if len(positional) != 1 or keywords:
            return None
        value = _literal_value(ctx, positional[0], NUMBER_TYPES)
        return None if value is None else (value, ctx.text(function))
    value = _literal_value(ctx, node, types)
    return None if value is None else (value, None)


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
