"""Declared types as parsed type expressions (``UnsafePointer[Float32, MutExternalOrigin]``).

A :class:`TypeExpr` keeps the head name (``UnsafePointer``, ``List``, ``Self``, dotted names
as written: ``memory.UnsafePointer``) and its bracketed arguments, each parsed the same way
(keyword arguments keep their keyword: ``origin=MutExternalOrigin``). Nothing is resolved:
it is what the source says, made easy to ask about.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from mojolint.semantics.tree import text


@dataclass(frozen=True)
class TypeExpr:
    """One type expression: ``name[arguments...]``."""

    name: str
    arguments: tuple[TypeExpr, ...] = ()
    keyword: str | None = None  # ``origin`` in ``UnsafePointer[T, origin=O]``
    text: str = ""

    @property
    def base(self) -> str:
        """The last component of the head name (``UnsafePointer`` for ``m.UnsafePointer``)."""
        return self.name.rsplit(".", 1)[-1]

    def argument(self, index: int, keyword: str | None = None) -> TypeExpr | None:
        """The argument named ``keyword``, else the ``index``-th positional one."""
        if keyword is not None:
            for argument in self.arguments:
                if argument.keyword == keyword:
                    return argument
        positional = [a for a in self.arguments if a.keyword is None]
        return positional[index] if 0 <= index < len(positional) else None

    def mentions(self, name: str) -> bool:
        """True when ``name`` is this type's head or any argument's, at any depth."""
        stack: list[TypeExpr] = [self]
        while stack:
            current = stack.pop()
            if current.base == name or current.name == name:
                return True
            stack.extend(current.arguments)
        return False

    def __str__(self) -> str:
        return self.text or self.name


def parse_type(node: Node | None, source: bytes) -> TypeExpr | None:
    """The type expression of a ``type`` node (or of the expression inside it)."""
    if node is None:
        return None
    root = _expr(node, source)
    return root


def _expr(node: Node, source: bytes, keyword: str | None = None) -> TypeExpr:
    # Iterative over the (usually shallow) argument tree: a pathological type of thousands
    # of nested brackets must not overflow Python's stack.
    written = text(node, source)
    while node.type in ("type", "parenthesized_expression") and node.named_child_count == 1:
        child = node.named_children[0]
        node = child
    if node.type == "keyword_argument":
        name_node = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if value is not None:
            return _expr(value, source, text(name_node, source) if name_node else None)
    if node.type != "subscript":
        return TypeExpr(text(node, source), (), keyword, written)
    # Flatten `A[B[C[...]]]` without recursion depth proportional to the nesting.
    chain: list[tuple[Node, str | None]] = []
    current: Node | None = node
    current_keyword = keyword
    while current is not None and current.type == "subscript":
        chain.append((current, current_keyword))
        inside = current.children_by_field_name("subscript")
        # Descend only through a single nested subscript argument; others are built apart.
        nested = [a for a in inside if a.type == "subscript"]
        current = nested[0] if len(inside) == 1 and nested else None
        current_keyword = None
    built: TypeExpr | None = None
    for subscript, kw in reversed(chain):
        value = subscript.child_by_field_name("value")
        head = text(value, source) if value is not None else ""
        arguments_nodes = subscript.children_by_field_name("subscript")
        if built is not None and len(arguments_nodes) == 1:
            parsed: tuple[TypeExpr, ...] = (built,)
        else:
            parsed = tuple(_expr(a, source) if a.type != "subscript" else _shallow(a, source)
                              for a in arguments_nodes)
        built = TypeExpr(head, parsed, kw, text(subscript, source))
    assert built is not None
    return built


def _shallow(node: Node, source: bytes) -> TypeExpr:
    value = node.child_by_field_name("value")
    arguments = tuple(TypeExpr(text(a, source), (), None, text(a, source))
                      for a in node.children_by_field_name("subscript"))
    return TypeExpr(text(value, source) if value is not None else "", arguments, None,
                    text(node, source))
