"""NU002: a shift by a literal count at least the bit width of the shifted integer."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Diagnostic
from mojolint.numbers import expression_int_type, int_literal
from mojolint.rule import Context, Rule

# Operators are checked in Python: a field or operator constraint on binary_operator makes
# tree-sitter's query quadratic on long left-nested chains.
SHIFTS = "[(binary_operator) (augmented_assignment)] @shift"
SHIFT_OPERATORS = frozenset({"<<", ">>", "<<=", ">>="})


class ShiftPastBitWidth(Rule):
    """## What it does
    Flags `x << n` and `x >> n` (and `<<=`, `>>=`) where `n` is an integer literal at least
    the bit width of `x`'s type, when that type is written: `x` declared in the same
    function (`var x: UInt32`, a parameter `x: UInt32`, `var x = UInt32(...)`) or a
    constructor call (`UInt32(v) << 32`). `Int` and `UInt` are 64 bits wide; `SIMD[DType.x,
    N]` shifts each element by its own width. Shifts of integer literals (`1 << 40`, which
    Mojo evaluates exactly at compile time), counts that are not literals, and names whose
    type is not written in the function are left alone.

    ## Why is this bad?
    A shift by the full width or more has no defined result. Mojo compiles it without a
    warning and the value depends on the optimizer: with the 1.2 compiler,
    `UInt32(1) << 33` printed 2738867664 in one run, and `Int(1) << 64` printed 0. Code that
    means "all bits shifted out" or "the next word" gets neither.

    ## Example
    ```mojo
    fn high_word(x: UInt32) -> UInt32:
        return x >> 32
    ```

    ## Use instead
    ```mojo
    fn high_word(x: UInt64) -> UInt32:
        return UInt32(x >> 32)
    ```

    ## Fix safety
    There is no fix: the intended width or count is the author's call.

    ## Options
    None.
    """

    code = "NU002"
    name = "shift-past-bit-width"
    summary = "Shift by a literal count at least the bit width of the shifted integer"
    fix_availability = "none"
    tags = ("numbers", "correctness")
    uses_semantic = True  # the declared type of the shifted name
    queries = (SHIFTS,)
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        source = ctx.source
        if b"<<" not in source and b">>" not in source:
            return
        for shift in ctx.captures(SHIFTS).get("shift", []):
            operator = shift.child_by_field_name("operator")
            if operator is None or ctx.text(operator) not in SHIFT_OPERATORS:
                continue
            left = shift.child_by_field_name("left")
            right = shift.child_by_field_name("right")
            count = int_literal(right, source)
            if left is None or right is None or count is None:
                continue
            kind = expression_int_type(left, source, ctx.semantic)
            if kind is None or count < kind.bits:
                continue
            yield ctx.report(shift, f"`{ctx.text(shift)}` shifts a {kind.bits}-bit "
                                    f"`{kind.spelling}` by {count}: the result is undefined "
                                    f"(the compiler says nothing and the value is garbage)")

