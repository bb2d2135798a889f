"""Raw buffer reinterpretation: ``t._data.bitcast[T]()`` and element access through it.

TS002 (raw bitcast access) and TS003 (bitcast dtype mismatch) share this: where each
bitcast of a tensor's data field is, which element type it reinterprets the buffer as, and
which subscripts read or write through it — directly (``t._data.bitcast[T]()[i]``) or
through a pointer variable bound from it in the same function (``var p = ...; p[i]``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from tree_sitter import Node, Tree

from mojolint.semantics.build import FileFacts
from mojolint.semantics.dtypes import scalar_dtype
from mojolint.semantics.function import FunctionFacts
from mojolint.semantics.tree import ancestors, text
from mojolint.tensor_api import TensorApi, api_key


class FileView(Protocol):
    """What the analysis reads of a file (``mojolint.rule.Context`` is one)."""

    @property
    def tree(self) -> Tree: ...
    @property
    def source(self) -> bytes: ...
    @property
    def captures(self) -> Callable[..., dict[str, list[Node]]]: ...

BITCASTS = """
(call
  function: (subscript
    value: (attribute
      object: (attribute object: (_) @tensor attribute: (identifier) @field)
      attribute: (identifier) @method)
    subscript: (_) @type)
  arguments: (argument_list) @arguments) @call
"""


@dataclass(frozen=True)
class Bitcast:
    """One ``<tensor>.<data_field>.bitcast[T]()`` expression."""

    call: Node
    tensor: Node  # the receiver expression (a name, or an attribute chain such as self.m)
    type_node: Node  # T
    dtype: str | None  # the dtype T stands for, when T names one (Float32, Scalar[DType.x])


@dataclass(frozen=True)
class Access:
    """A subscript that reads or writes an element through a bitcast pointer."""

    subscript: Node  # the `p[i]` (or `t._data.bitcast[T]()[i]`) node
    bitcast: Bitcast
    pointer: str | None  # the pointer variable, None for a direct access
    kind: str  # "read", "write" (`p[i] = v`) or "update" (`p[i] += v`)
    statement: Node | None  # the assignment for writes and updates
    method: str | None = None  # `load`, `store`...: a SIMD access (`subscript` is the call)


# Pointer methods that read or write elements (SIMD vectors or scalars).
ACCESS_METHODS = {"load": "read", "unsafe_load": "read", "store": "write",
                  "unsafe_store": "write"}


def tensor_name(bitcast: Bitcast, source: bytes) -> str | None:
    """The receiver's name when it is a plain name (``t`` in ``t._data``)."""
    return text(bitcast.tensor, source) if bitcast.tensor.type == "identifier" else None


# The last file's bitcasts (TS002 and TS003 both ask); the source is kept in the entry so
# its identity cannot be reused while the entry lives.
_last: list[tuple[bytes, int, tuple[object, ...], list[Bitcast]]] = []


def bitcasts(ctx: FileView, api: TensorApi) -> list[Bitcast]:
    """Every ``X.<data_field>.bitcast[T]()`` call of the file without arguments (rules that
    call this declare ``BITCASTS`` in their ``queries``)."""
    root, source = ctx.tree.root_node, ctx.source
    if b"bitcast" not in source or api.data_field.encode() not in source:
        return []  # the query below needs both names in the code
    key = api_key(api)
    for cached_source, root_id, cached_key, cached in _last:
        if cached_source is source and root_id == root.id and cached_key == key:
            return list(cached)
    found = _bitcasts(ctx.captures(BITCASTS).get("call", []), source, api)
    _last[:] = [(source, root.id, key, found)]
    return list(found)


def _bitcasts(calls: list[Node], source: bytes, api: TensorApi) -> list[Bitcast]:
    found: list[Bitcast] = []
    for call in calls:
        function = call.child_by_field_name("function")
        arguments = call.child_by_field_name("arguments")
        if function is None or arguments is None or arguments.named_child_count:
            continue
        method = function.child_by_field_name("value")
        type_node = function.child_by_field_name("subscript")
        if method is None or type_node is None:
            continue
        data = method.child_by_field_name("object")
        name = method.child_by_field_name("attribute")
        if data is None or name is None or text(name, source) != "bitcast":
            continue
        tensor = data.child_by_field_name("object")
        field = data.child_by_field_name("attribute")
        if tensor is None or field is None or text(field, source) != api.data_field:
            continue
        found.append(Bitcast(call, tensor, type_node, scalar_dtype(type_node)))
    return found


def _access_kind(subscript: Node) -> tuple[str, Node | None]:
    parent = subscript.parent
    if parent is not None and parent.child_by_field_name("left") == subscript:
        if parent.type == "assignment":
            return "write", parent
        if parent.type == "augmented_assignment":
            return "update", parent
    return "read", None


def _method_access(node: Node, source: bytes) -> tuple[Node, str] | None:
    """``(call, method)`` when ``node`` is the pointer of a one-element access method,
    ``node.load(i)`` or ``node.store(i, v)`` (the same access as ``node[i]``)."""
    attribute = node.parent
    if attribute is None or attribute.type != "attribute" or \
            attribute.child_by_field_name("object") != node:
        return None
    method = attribute.child_by_field_name("attribute")
    if method is None or text(method, source) not in ACCESS_METHODS:
        return None
    call = attribute.parent
    if call is None or call.type != "call":
        return None  # `p.load[width=4](i)`: a vector access, deliberate SIMD code
    name = text(method, source)
    if ACCESS_METHODS[name] == "write":
        # `p.store(i, v)` stores a vector when v is one: only a visibly scalar value counts.
        arguments = call.child_by_field_name("arguments")
        values = [a for a in arguments.named_children if a.type != "comment"] \
            if arguments is not None else []
        if len(values) != 2 or not _scalar_value(values[1]):
            return None
    return call, name


def _scalar_value(node: Node) -> bool:
    """A number literal (possibly negated) or a scalar conversion such as ``Float32(x)``."""
    if node.type == "unary_operator":
        operand = node.child_by_field_name("argument")
        node = operand if operand is not None else node
    if node.type in ("integer", "float"):
        return True
    if node.type == "call":
        function = node.child_by_field_name("function")
        return function is not None and scalar_dtype(function) is not None
    return False


def _subscripted(node: Node) -> Node | None:
    """The subscript node when ``node`` is the value being indexed (``node[i]``)."""
    parent = node.parent
    if parent is not None and parent.type == "subscript" \
            and parent.child_by_field_name("value") == node:
        return parent
    return None


def pointer_binding(bitcast: Bitcast) -> tuple[Node, Node] | None:
    """``(name, statement)`` when the bitcast is the whole value of ``var p = ...``/``p = ...``."""
    parent = bitcast.call.parent
    if parent is None:
        return None
    if parent.type == "variable_declaration" and parent.child_by_field_name("value") == \
            bitcast.call:
        name = parent.child_by_field_name("name")
        return (name, parent) if name is not None and name.type == "identifier" else None
    if parent.type == "assignment" and parent.child_by_field_name("right") == bitcast.call:
        name = parent.child_by_field_name("left")
        statement = parent.parent if parent.parent is not None and \
            parent.parent.type == "expression_statement" else parent
        return (name, statement) if name is not None and name.type == "identifier" else None
    return None


def pointer_uses(scope: FunctionFacts, name: str, statement: Node) -> list[Node]:
    """Reads of pointer ``name`` after ``statement`` and before it is assigned again."""
    later = [a.statement.start_byte for a in scope.assignments.get(name, [])
             if a.statement.start_byte > statement.start_byte]
    stop = min(later, default=scope.node.end_byte)
    return [use for use in scope.uses_after(name, statement.end_byte) if use.start_byte < stop]


def accesses(bitcast: Bitcast, facts: FileFacts, source: bytes) -> list[Access]:
    """Element reads and writes through one bitcast, directly or via its pointer variable."""
    found: list[Access] = []
    direct = _subscripted(bitcast.call)
    if direct is not None:
        kind, statement = _access_kind(direct)
        found.append(Access(direct, bitcast, None, kind, statement))
        return found
    simd = _method_access(bitcast.call, source)
    if simd is not None:
        found.append(Access(simd[0], bitcast, None, ACCESS_METHODS[simd[1]], None, simd[1]))
        return found
    binding = pointer_binding(bitcast)
    scope = facts.function_at(bitcast.call)
    if binding is None or scope is None:
        return found
    name_node, statement = binding
    name = text(name_node, source)
    for use in pointer_uses(scope, name, statement):
        subscript = _subscripted(use)
        if subscript is not None:
            kind, assignment = _access_kind(subscript)
            found.append(Access(subscript, bitcast, name, kind, assignment))
            continue
        simd = _method_access(use, source)
        if simd is not None:
            found.append(Access(simd[0], bitcast, name, ACCESS_METHODS[simd[1]], None,
                                simd[1]))
    return found


def inside_struct_named(node: Node, names: tuple[str, ...], source: bytes) -> bool:
    """True when ``node`` is inside the definition of a struct called one of ``names``."""
    for parent in ancestors(node):
        if parent.type in ("struct_definition", "extension_definition"):
            name = parent.child_by_field_name("name")
            return name is not None and text(name, source) in names
    return False
