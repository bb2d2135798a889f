"""NU003: integer floor division or remainder by a literal zero."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Diagnostic
from mojolint.numbers import int_literal
from mojolint.rule import Context, Rule

# Operators are checked in Python: a field or operator constraint on binary_operator makes
# tree-sitter's query quadratic on long left-nested chains.
DIVISIONS = "[(binary_operator) (augmented_assignment)] @division"
DIVISION_OPERATORS = frozenset({"//", "%", "//=", "%="})
FLOAT_WORDS = ("Float16", "Float32", "Float64", "BFloat16", "DType.float", "DType.bfloat")


class IntegerDivisionByZero(Rule):
    """## What it does
    Flags `x // 0` and `x % 0` (and `//=`, `%=`) where the divisor is the integer literal
    zero (`0`, `0x0`, `-0`). The dividend may be anything but a float: a float literal or a
    name the function declares with a float type is left alone (that is NU004's ground).
    Divisions by a variable that happens to be zero, `x / 0`, and text in strings, comments
    and docstrings are left alone.

    ## Why is this bad?
    Mojo does not trap on integer division by zero: with the 1.2 compiler, `y // 0` and
    `y % 0` on an `Int32` compile without a warning and evaluate to 0, and `7 // 0` does
    too. The program carries on with a made-up value instead of stopping.

    ## Example
    ```mojo
    fn bucket(hash: Int) -> Int:
        return hash % 0
    ```

    ## Use instead
    ```mojo
    fn bucket(hash: Int, buckets: Int) -> Int:
        return hash % buckets
    ```

    ## Fix safety
    There is no fix: the intended divisor is the author's call.

    ## Options
    None.
    """

    code = "NU003"
    name = "integer-division-by-zero"
    summary = "Integer `//` or `%` by a literal zero (evaluates to 0, no error)"
    fix_availability = "none"
    tags = ("numbers", "correctness")
    uses_semantic = True  # the declared type of the dividend, to leave floats alone
    queries = (DIVISIONS,)
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        source = ctx.source
        if b"//" not in source and b"%" not in source:
            return
        for division in ctx.captures(DIVISIONS).get("division", []):
            operator = division.child_by_field_name("operator")
            if operator is None or ctx.text(operator) not in DIVISION_OPERATORS:
                continue
            left = division.child_by_field_name("left")
            right = division.child_by_field_name("right")
            if left is None or right is None or right.type not in ("integer", "unary_operator"):
                continue
            if int_literal(right, source) != 0 or _is_float(ctx, left):
                continue
            yield ctx.report(division, f"`{ctx.text(division)}` divides by zero: Mojo gives "
                                       "0 for integers, without an error")


def _is_float(ctx: Context, node: Node) -> bool:
    """A float literal, or a name whose declarations (the semantic model's) give it a float
    type."""
    if node.type == "unary_operator":
        argument = node.child_by_field_name("argument")
        return argument is not None and argument.type == "float"
    if node.type == "float":
        return True
    if node.type != "identifier":
        return False
    name = ctx.text(node)
    model = ctx.semantic
    binding = model.resolve(name, model.scope_at(node), at=node.start_byte)
    if binding is None:
        return False
    return any(b.type is not None and any(w in b.type.text for w in FLOAT_WORDS)
               for b in binding.scope.bindings.get(name, []))
