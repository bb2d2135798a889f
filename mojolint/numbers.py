"""What the NU rules know about Mojo's integer types and literals, read from the tree.

A type is known only when it is written: a scalar name (``UInt8``, ``Int``), ``Scalar[DType.x]``
or ``SIMD[DType.x, N]``. A name's type comes from the semantic model (``ctx.semantic``): its
declarations in its function (``var x: UInt32``, a parameter ``x: UInt32``), and only when
they all agree; anything else is unknown, and the rules say nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from mojolint.semantics.model import BindingKind, SemanticModel
from mojolint.semantics.types import TypeExpr

# Bit width and signedness of Mojo's integer scalar types (Int and UInt are 64-bit on every
# platform Mojo supports).
INT_SCALARS: dict[str, tuple[int, bool]] = {
    "Int8": (8, True), "Int16": (16, True), "Int32": (32, True), "Int64": (64, True),
    "Int128": (128, True), "Int256": (256, True),
    "UInt8": (8, False), "UInt16": (16, False), "UInt32": (32, False), "UInt64": (64, False),
    "UInt128": (128, False), "UInt256": (256, False),
    "Byte": (8, False), "Int": (64, True), "UInt": (64, False),
}
INT_DTYPES: dict[str, tuple[int, bool]] = {
    "int8": (8, True), "int16": (16, True), "int32": (32, True), "int64": (64, True),
    "int128": (128, True), "int256": (256, True),
    "uint8": (8, False), "uint16": (16, False), "uint32": (32, False), "uint64": (64, False),
    "uint128": (128, False), "uint256": (256, False), "index": (64, True),
}


@dataclass(frozen=True)
class IntType:
    """A written integer type: its spelling, bit width and signedness."""

    spelling: str
    bits: int
    signed: bool

    @property
    def low(self) -> int:
        return -(1 << (self.bits - 1)) if self.signed else 0

    @property
    def high(self) -> int:
        return (1 << (self.bits - 1)) - 1 if self.signed else (1 << self.bits) - 1


def node_text(node: Node, source: bytes) -> str:
    return source[node.start_byte:node.end_byte].decode("utf-8", "replace")


def int_type_of(node: Node | None, source: bytes) -> IntType | None:
    """The integer type a type expression (or a constructor's callee) spells, if any."""
    if node is None:
        return None
    if node.type == "type" and node.named_child_count == 1:
        node = node.named_children[0]
    spelling = node_text(node, source)
    if node.type == "identifier":
        found = INT_SCALARS.get(spelling)
        return IntType(spelling, *found) if found else None
    if node.type != "subscript":
        return None
    value = node.child_by_field_name("value")
    subscripts = node.children_by_field_name("subscript")
    if value is None or not subscripts:
        return None
    kind = node_text(value, source)
    if kind not in ("Scalar", "SIMD") or (kind == "Scalar") != (len(subscripts) == 1):
        return None
    dtype = subscripts[0]
    if dtype.type != "attribute":
        return None
    owner, member = dtype.child_by_field_name("object"), dtype.child_by_field_name("attribute")
    if owner is None or member is None or node_text(owner, source) != "DType":
        return None
    found = INT_DTYPES.get(node_text(member, source))
    return IntType(spelling, *found) if found else None


def int_literal(node: Node | None, source: bytes) -> int | None:
    """The value of an integer literal, optionally negated (``-1``, ``0xFF``, ``1_000``)."""
    if node is None:
        return None
    sign = 1
    if node.type == "unary_operator":
        operator = node.child_by_field_name("operator")
        argument = node.child_by_field_name("argument")
        if operator is None or argument is None or node_text(operator, source) != "-":
            return None
        sign, node = -1, argument
    if node.type != "integer":
        return None
    try:
        return sign * int(node_text(node, source).replace("_", ""), 0)
    except ValueError:
        return None


def is_decimal_literal(node: Node, source: bytes) -> bool:
    """Whether an integer literal is written in decimal (not ``0x``/``0o``/``0b``)."""
    literal = node.child_by_field_name("argument") if node.type == "unary_operator" else node
    return literal is not None and not node_text(literal, source).lower().startswith(
        ("0x", "0o", "0b"))


def int_type_of_expr(declared: TypeExpr | None) -> IntType | None:
    """The integer type a parsed declared type (the semantic model's) spells, if any."""
    if declared is None:
        return None
    found = INT_SCALARS.get(declared.base) if not declared.arguments else None
    if found is not None:
        return IntType(declared.text or declared.base, *found)
    if declared.base not in ("Scalar", "SIMD"):
        return None
    if len(declared.arguments) != (1 if declared.base == "Scalar" else 2):
        return None
    dtype = declared.arguments[0].name
    if not dtype.startswith("DType."):
        return None
    found = INT_DTYPES.get(dtype[len("DType."):])
    return IntType(declared.text, *found) if found else None


def declared_int_type(model: SemanticModel, identifier: Node, source: bytes) -> IntType | None:
    """The integer type of the variable or parameter ``identifier`` reads, when every
    declaration of that name in its function writes the same one (``var x: UInt32``, a
    parameter ``x: UInt32``, ``var x = UInt32(...)``); plain reassignments do not count."""
    name = node_text(identifier, source)
    binding = model.resolve(name, model.scope_at(identifier), at=identifier.start_byte)
    if binding is None or binding.kind not in (BindingKind.VARIABLE, BindingKind.PARAMETER):
        return None
    found: set[IntType] = set()
    for other in binding.scope.bindings.get(name, []):
        if other.kind is BindingKind.VARIABLE and other.statement.type != "variable_declaration":
            continue  # `x = 5`: a new value, not a new type
        if other.kind not in (BindingKind.VARIABLE, BindingKind.PARAMETER):
            return None
        kind = int_type_of_expr(other.type)
        if kind is None and other.type is None:
            kind = _constructed_type(other.value, source)
        if kind is None:
            return None
        found.add(kind)
    return found.pop() if len(found) == 1 else None


def _constructed_type(value: Node | None, source: bytes) -> IntType | None:
    """``UInt32(x)``: the type a constructor call makes."""
    if value is None or value.type != "call":
        return None
    return int_type_of(value.child_by_field_name("function"), source)


def expression_int_type(node: Node, source: bytes, model: SemanticModel) -> IntType | None:
    """The integer type of an expression when it is written: a declared name, a
    constructor call (``UInt32(x)``) or a parenthesized one of these."""
    while node.type == "parenthesized_expression" and node.named_child_count == 1:
        node = node.named_children[0]
    if node.type == "identifier":
        return declared_int_type(model, node, source)
    return _constructed_type(node, source)
