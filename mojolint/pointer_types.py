"""Whether an expression is a pointer, from what the semantic model knows (issue 15).

The 1.x pointer migrations (UP020-UP022) rewrite method calls and operators that mean
something else on other types (`SIMD.load`, `List[i]`, `a + b`), so they act only where the
receiver is known to be a pointer: a name whose declared type is a pointer type or another
pointer's type (`src: type_of(dest)`), a name assigned a pointer-making call (`alloc[T](n)`,
`UnsafePointer(to=x)`, `x.unsafe_ptr()`, `p.bitcast[T]()` of a pointer), a struct field
declared with a pointer type read through `self`, or such a call itself. Everything else is
unknown, and unknown is not a pointer.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from mojolint.semantics.model import BindingKind, Scope, ScopeKind, SemanticModel
from mojolint.semantics.tree import text

POINTER_TYPES = frozenset({"UnsafePointer", "Pointer", "LegacyUnsafePointer"})
MAKERS = frozenset({"alloc", "unsafe_alloc", "UnsafePointer", "Pointer"})
POINTER_METHODS = frozenset({"unsafe_ptr", "bitcast", "unsafe_bitcast", "address_of",
                             "alloc", "unsafe_offset"})
# A type written as another value's type: `src: type_of(dest)` (`__type_of` before 25.7).
TYPE_OF = re.compile(r"^(?:__)?type_of\((\w+)\)$")


def _head(node: Node) -> Node:
    """``f`` of ``f[...]``: the callee without its compile-time arguments."""
    while node.type == "subscript" and node.child_by_field_name("value") is not None:
        value = node.child_by_field_name("value")
        assert value is not None
        node = value
    return node


def _struct_of(model: SemanticModel, node: Node) -> str | None:
    """The name of the struct ``node`` (``self`` or a name) is a value of, when known."""
    if node.type != "identifier":
        return None
    if text(node, model.source) == "self":
        scope: Scope | None = model.scope_at(node)
        while scope is not None and scope.kind != ScopeKind.STRUCT:
            scope = scope.parent
        return scope.definition.name if scope is not None and scope.definition else None
    binding = model.binding_of(node)
    if binding is None:
        return None
    if binding.type is not None:
        return binding.type.base
    value = binding.value
    if value is not None and value.type == "call":
        function = value.child_by_field_name("function")
        head = _head(function) if function is not None else None
        if head is not None and head.type == "identifier":
            return text(head, model.source)
    return None


def is_pointer(model: SemanticModel, node: Node, depth: int = 0) -> bool:
    if depth > 4:
        return False
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        inner = node.named_children[0]
        return is_pointer(model, inner, depth + 1)
    if node.type == "identifier":
        binding = model.binding_of(node)
        if binding is None:
            return False
        if binding.type is not None:
            same = TYPE_OF.match(binding.type.name)
            if same is None:
                return binding.type.base in POINTER_TYPES
            other = model.resolve(same[1], binding.scope, binding.statement.start_byte)
            return other is not None and other is not binding and other.type is not None \
                and other.type.base in POINTER_TYPES
        if binding.kind == BindingKind.VARIABLE and binding.value is not None \
                and binding.value.id != node.id:
            return is_pointer(model, binding.value, depth + 1)
        return False
    if node.type == "attribute":
        obj, attr = node.child_by_field_name("object"), node.child_by_field_name("attribute")
        if obj is None or attr is None:
            return False
        struct = model.structs.get(_struct_of(model, obj) or "")
        field = struct.fields.get(text(attr, model.source)) if struct else None
        return field is not None and field.type is not None \
            and field.type.base in POINTER_TYPES
    if node.type == "binary_operator":
        left, operator = node.child_by_field_name("left"), node.child_by_field_name("operator")
        return left is not None and operator is not None and operator.type in ("+", "-") \
            and is_pointer(model, left, depth + 1)
    if node.type == "call":
        function = node.child_by_field_name("function")
        if function is None:
            return False
        head = _head(function)
        if head.type == "identifier":
            return text(head, model.source) in MAKERS
        if head.type == "attribute":
            obj, attr = head.child_by_field_name("object"), head.child_by_field_name("attribute")
            if obj is None or attr is None:
                return False
            method = text(attr, model.source)
            if method == "unsafe_ptr":
                return True
            base = _head(obj)
            if method in ("alloc", "address_of") and base.type == "identifier":
                return text(base, model.source) in POINTER_TYPES
            return method in POINTER_METHODS and is_pointer(model, obj, depth + 1)
    return False
