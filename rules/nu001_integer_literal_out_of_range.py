"""NU001: an integer literal that does not fit the integer type it is given to."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Diagnostic
from mojolint.numbers import (
    IntType,
    declared_int_type,
    int_literal,
    int_type_of,
    is_decimal_literal,
)
from mojolint.rule import Context, Rule
from mojolint.semantics.tree import call_arguments

TYPED_VALUES = """
[(variable_declaration type: (type) value: [(integer) (unary_operator)]) @site
 (comptime_declaration type: (type) value: [(integer) (unary_operator)]) @site
 (typed_default_parameter type: (type) value: [(integer) (unary_operator)]) @site]
"""
CONSTRUCTORS = """
(call function: [(identifier) (subscript)]
      arguments: (argument_list [(integer) (unary_operator)])) @call
"""
ASSIGNMENTS = "(assignment left: (identifier) right: [(integer) (unary_operator)]) @site"


def wrapped(value: int, kind: IntType) -> int:
    """What ``value`` becomes in ``kind``: its low bits, read with the type's sign."""
    low_bits = value & ((1 << kind.bits) - 1)
    if kind.signed and low_bits >= 1 << (kind.bits - 1):
        return low_bits - (1 << kind.bits)
    return low_bits


class IntegerLiteralOutOfRange(Rule):
    """## What it does
    Flags an integer literal given to an integer type it does not fit: `var a: UInt8 = 300`,
    `UInt8(300)`, `Int8(200)`, `UInt32(-1)`, `var n: Int = 10000000000000000000000`,
    `SIMD[DType.uint8, 4](1, 2, 300, 4)`, a parameter default `x: UInt8 = 300`, and
    `a = 300` where `a` is declared `UInt8` in the same function. The types known are
    `Int8` ... `UInt256`, `Int`, `UInt`, `Byte`, and `Scalar[DType.x]`/`SIMD[DType.x, N]`
    with an integer `DType`.

    A literal written in hexadecimal, octal or binary that fits the unsigned type of the
    same width is left alone when given to a signed type: `Int32(0xFFFFFFFF)` is the usual
    way to write a bit pattern, and it means -1. Literals in strings, comments and
    docstrings, names whose type is not written, and values that are not literals are left
    alone too.

    ## Why is this bad?
    Mojo accepts the literal and silently keeps its low bits: with the 1.2 compiler,
    `var a: UInt8 = 300` compiles without a warning and `a` is 44; `Int8(200)` is -56;
    `UInt8(-1)` is 255. The value the code computes with is not the one written.

    ## Example
    ```mojo
    var level: UInt8 = 300
    var offset = Int8(200)
    ```

    ## Use instead
    ```mojo
    var level: UInt16 = 300
    var offset = Int16(200)
    ```
    or, when the wrap-around is meant, say so: `UInt8(300 % 256)`, `UInt8.MAX`.

    ## Fix safety
    There is no fix: whether the type or the value is wrong is the author's call.

    ## Options
    None.
    """

    code = "NU001"
    name = "integer-literal-out-of-range"
    summary = "Integer literal out of range for its declared type (it silently wraps)"
    fix_availability = "none"
    tags = ("numbers", "correctness")
    uses_semantic = True  # the declared type of an assigned name
    queries = (TYPED_VALUES, CONSTRUCTORS, ASSIGNMENTS)
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        source = ctx.source
        for site in ctx.captures(TYPED_VALUES).get("site", []):
            kind = int_type_of(site.child_by_field_name("type"), source)
            value = site.child_by_field_name("value")
            if kind is not None and value is not None:
                yield from self._literal(ctx, value, kind)
        for call in ctx.captures(CONSTRUCTORS).get("call", []):
            kind = int_type_of(call.child_by_field_name("function"), source)
            if kind is None:
                continue
            positional, keywords = call_arguments(call)
            if keywords:
                continue
            for argument in positional:
                yield from self._literal(ctx, argument, kind)
        for site in ctx.captures(ASSIGNMENTS).get("site", []):
            target = site.child_by_field_name("left")
            value = site.child_by_field_name("right")
            if target is None or value is None:
                continue
            kind = declared_int_type(ctx.semantic, target, source)
            if kind is not None:
                yield from self._literal(ctx, value, kind)

    def _literal(self, ctx: Context, node: Node, kind: IntType) -> Iterable[Diagnostic]:
        value = int_literal(node, ctx.source)
        if value is None or kind.low <= value <= kind.high:
            return
        if value == -1 and not kind.signed:
            return  # UInt8(-1): the all-ones idiom, the type's MAX
        if _asserted(node):
            return  # assert_equal(UInt8(256), UInt8(0)): a test of the wrap-around itself
        if kind.signed and value >= 0 and value < (1 << kind.bits) \
                and not is_decimal_literal(node, ctx.source):
            return  # Int32(0xFFFFFFFF): a bit pattern, meant as -1
        yield ctx.report(node, f"`{ctx.text(node)}` is out of range for `{kind.spelling}` "
                               f"({kind.low} to {kind.high}); it silently becomes "
                               f"`{wrapped(value, kind)}`")


def _asserted(node: Node) -> bool:
    """Whether ``node`` is inside the arguments of an ``assert_*`` call."""
    current = node.parent
    while current is not None and current.type not in ("block", "module"):
        if current.type == "call":
            function = current.child_by_field_name("function")
            if function is not None and function.type == "identifier" and \
                    (function.text or b"").startswith(b"assert_"):
                return True
        current = current.parent
    return False
