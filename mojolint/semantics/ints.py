"""One answer to "is this expression an integer, and of which type", from the semantic model.

TS002 (is an index visibly an ``Int``, so that the accessor fix is safe) and TS007 (is the
one argument of ``List[T](x)`` an integer, so not a list being copied) both ask it; they
used to answer it each their own way and disagreed (``-i``, ``len(a) + n``, ``t.numel()``,
``UInt(n)``, a ``range`` loop variable over a ``UInt`` bound). :func:`int_type` answers it
once: the integer type an expression visibly has, or None when it is not visibly an integer.
TS002 asks whether that type is ``Int``; TS007 whether there is one.

What is visible:
- an integer literal is an ``Int`` (and takes the other operand's type in arithmetic:
  ``n + 1`` with ``n: UInt32`` is a ``UInt32``);
- ``(e)``, ``-e``, ``+e``, ``~e``: the type of ``e``;
- ``a op b`` for integer operators: the type both sides agree on (an unknown side makes
  the whole unknown: ``x + 1`` may be a float);
- ``len(...)`` and ``x.__len__()``: ``Int``; the size methods of :data:`INT_METHODS`
  (``t.numel()``, ``t.dim()``...): ``Int``; ``Int(x)``, ``UInt8(x)``, ``Scalar[DType.int32](x)``:
  the type constructed;
- a name: the type its declarations in its function give it (``var i: Int``, a parameter
  ``n: UInt``, ``var n = len(a)``), when they all agree. A variable's type is fixed where it
  is declared (``var`` or its first assignment), so later assignments do not change it. A
  loop variable of ``range(...)`` is an ``Int``, unless a bound visibly has another type
  (``range(UInt(n))``: then that type); one of a list of integers (``for i in [0, 9]``)
  has their type.

Nothing here knows rules; it reads :class:`~mojolint.semantics.model.SemanticModel`.
"""

from __future__ import annotations

from tree_sitter import Node

from mojolint.numbers import INT_SCALARS, IntType, int_type_of, int_type_of_expr
from mojolint.semantics.model import Binding, BindingKind, SemanticModel
from mojolint.semantics.tree import text

INT = IntType("Int", *INT_SCALARS["Int"])
INT_OPERATORS = frozenset({"+", "-", "*", "//", "%", "<<", ">>", "&", "|", "^"})
UNARY_OPERATORS = frozenset({"-", "+", "~"})
# Methods that return a size or a count (an ``Int``) on the types these rules meet.
INT_METHODS = frozenset({"__len__", "numel", "dim", "rank", "size", "num_elements"})
INT_FUNCTIONS = frozenset({"len"})
_MAX_DEPTH = 8


def int_type(model: SemanticModel, node: Node, depth: int = 0) -> IntType | None:
    """The integer type ``node`` visibly has, else None (see the module's docstring)."""
    if depth > _MAX_DEPTH:
        return None
    source = model.source
    while node.type == "parenthesized_expression" and node.named_child_count == 1:
        node = node.named_children[0]
    kind = node.type
    if kind == "integer":
        return INT
    if kind == "unary_operator":
        operator = node.child_by_field_name("operator")
        argument = node.child_by_field_name("argument")
        if operator is None or argument is None or text(operator, source) not in \
                UNARY_OPERATORS:
            return None
        return int_type(model, argument, depth + 1)
    if kind == "binary_operator":
        return _binary(model, node, depth)
    if kind == "call":
        return _call(model, node)
    if kind == "identifier":
        return _name(model, node, depth)
    return None


def is_int(model: SemanticModel, node: Node) -> bool:
    """True when ``node`` is visibly an ``Int`` (not another integer width)."""
    found = int_type(model, node)
    return found is not None and found.spelling == "Int"


def _is_literal(node: Node) -> bool:
    while node.type in ("parenthesized_expression", "unary_operator"):
        inner = node.named_children[-1] if node.named_child_count else None
        if inner is None:
            return False
        node = inner
    return node.type == "integer"


def _binary(model: SemanticModel, node: Node, depth: int) -> IntType | None:
    operator = node.child_by_field_name("operator")
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if operator is None or left is None or right is None:
        return None
    if text(operator, model.source) not in INT_OPERATORS:
        return None
    left_type = int_type(model, left, depth + 1)
    right_type = int_type(model, right, depth + 1)
    if left_type is None or right_type is None:
        return None
    if _is_literal(left):
        return right_type  # `1 + n`: the literal takes n's type
    if _is_literal(right) or left_type == right_type:
        return left_type
    return None


def _call(model: SemanticModel, node: Node) -> IntType | None:
    callee = node.child_by_field_name("function")
    if callee is None:
        return None
    if callee.type == "attribute":
        method = callee.child_by_field_name("attribute")
        if method is not None and text(method, model.source) in INT_METHODS:
            return INT
        return None
    if callee.type == "identifier" and text(callee, model.source) in INT_FUNCTIONS:
        return INT
    return int_type_of(callee, model.source)  # `Int(x)`, `UInt8(x)`, `Scalar[DType.int32](x)`


def _name(model: SemanticModel, identifier: Node, depth: int) -> IntType | None:
    binding = model.binding_of(identifier)
    if binding is None:
        return None
    if binding.kind is BindingKind.LOOP_VARIABLE:
        return _loop_variable(model, binding, depth)
    if binding.kind not in (BindingKind.VARIABLE, BindingKind.PARAMETER, BindingKind.COMPTIME,
                            BindingKind.COMPTIME_PARAMETER):
        return None
    found: set[IntType] = set()
    for declaration in _declarations(binding):
        if declaration.type is not None:
            declared = int_type_of_expr(declaration.type)
        elif declaration.value is not None and declaration.kind is not BindingKind.PARAMETER:
            declared = int_type(model, declaration.value, depth + 1)
        else:
            declared = None
        if declared is None:
            return None
        found.add(declared)
    return found.pop() if len(found) == 1 else None


def _declarations(binding: Binding) -> list[Binding]:
    """The bindings of ``binding``'s name in its scope that fix its type: parameters and
    ``var``/``comptime`` declarations, else the first assignment (an implicit declaration)."""
    same = [b for b in binding.scope.bindings.get(binding.name, [])
            if b.kind is not BindingKind.LOOP_VARIABLE]
    declared = [b for b in same if b.kind is not BindingKind.VARIABLE
                or b.statement.type == "variable_declaration"]
    return declared or same[:1]


def _loop_variable(model: SemanticModel, binding: Binding, depth: int) -> IntType | None:
    iterable = binding.value
    if iterable is None or binding.statement.type != "for_statement":
        return None
    left = binding.statement.child_by_field_name("left")
    if left is None or left.type != "identifier":
        return None  # `for a, b in ...`
    if iterable.type in ("list", "tuple"):  # `for i in [0, 10, n]`: the elements' type
        elements = {int_type(model, e, depth + 1) for e in iterable.named_children
                    if e.type != "comment"}
        return elements.pop() if len(elements) == 1 else None
    if iterable.type != "call":
        return None
    function = iterable.child_by_field_name("function")
    arguments = iterable.child_by_field_name("arguments")
    if function is None or arguments is None or text(function, model.source) != "range":
        return None
    bounds: set[IntType] = set()
    for argument in arguments.named_children:
        if argument.type in ("keyword_argument", "comment"):
            continue
        found = int_type(model, argument, depth + 1)
        if found is not None and not _is_literal(argument):
            bounds.add(found)
        elif found is None and _visibly_other(model, argument):
            return None
    if len(bounds) > 1:
        return None
    return bounds.pop() if bounds else INT


def _visibly_other(model: SemanticModel, node: Node) -> bool:
    """A range bound that is visibly not an integer of a known type: a call of another
    type's constructor (``Float64(n)``) or a name declared with a non-integer type."""
    if node.type == "call":
        function = node.child_by_field_name("function")
        name = text(function, model.source) if function is not None else ""
        return name[:1].isupper() and name not in INT_SCALARS
    if node.type == "identifier":
        binding = model.binding_of(node)
        return binding is not None and binding.type is not None and \
            int_type_of_expr(binding.type) is None
    return False
