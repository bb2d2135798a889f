"""TS007: ``List[T](n)`` taken for a list of length n, then written by index."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Diagnostic
from mojolint.rule import Context, Rule
from mojolint.semantics.model import NAME_BINDINGS
from mojolint.semantics.tree import call_arguments, enclosing_function, line_of

INDEX_WRITES = """
[(assignment left: (subscript value: (identifier) @list) @target)
 (augmented_assignment left: (subscript value: (identifier) @list) @target)]
"""
REBINDINGS = """
[(assignment left: (identifier) @name)
 (augmented_assignment left: (identifier) @name)
 (variable_declaration name: (identifier) @name)]
"""
GROWING_CALLS = """
(call function: (attribute object: (identifier) @name attribute: (identifier) @method))
"""
GROWING_METHODS = frozenset({"append", "extend", "insert", "resize", "__iadd__"})
INT_TYPES = frozenset({"Int", "UInt", "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16",
                       "UInt32", "UInt64"})
INT_FUNCTIONS = frozenset({"len", "Int", "UInt"})
INT_METHODS = frozenset({"numel", "dim", "rank", "size", "__len__"})
INT_OPERATORS = frozenset({"+", "-", "*", "//", "%"})


class ListLengthConfusion(Rule):
    """## What it does
    Flags `var xs = List[T](n)` — one positional argument that is an integer (a literal,
    `len(...)`, arithmetic on an integer, or a variable declared as `Int`) — when the same
    function later writes `xs[i] = ...` (or `xs[i] += ...`) at an index other than a
    literal `0`. Lists built with `capacity=`, `length=`, several elements, an empty
    `List[T]()`, or a copy of another list (`List[Int](coords)`) are not flagged, nor is a
    list that the function grows (`append`, `extend`, `insert`, `resize`) or rebinds.

    ## Why is this bad?
    The positional constructor takes the list's *elements*: `List[Int](3)` is the
    one-element list `[3]`, not three slots. Writing `xs[1]` or `xs[i]` then goes past the
    end of the list, which Mojo does not check in release builds: it corrupts the heap and
    crashes somewhere else later (one of ProjectOdyssey's CI-only crashes came from
    `List[Int](ndim - 1)` followed by index writes in `squeeze`).

    ## Example
    ```mojo
    fn transpose_shape(ndim: Int) -> List[Int]:
        var shape = List[Int](ndim)
        for i in range(ndim):
            shape[i] = ndim - i
        return shape^
    ```

    ## Use instead
    ```mojo
    fn transpose_shape(ndim: Int) -> List[Int]:
        var shape = List[Int](capacity=ndim)
        for i in range(ndim):
            shape.append(ndim - i)
        return shape^
    ```
    or, on Mojo versions that have it, `List[Int](length=ndim, fill=0)` before the writes.

    ## Target versions
    Mojo 26.1 (`mojo` 0.26.1) removed the positional-elements constructor for a single
    non-literal integer: `List[Int](n)` is "no matching function in initialization" there
    (checked with the 0.25.7, 0.26.1 and 1.2.0 compilers). The compiler reports it itself
    from then on, so the rule runs only when `target-version` is older than 26.1.

    ## Fix safety
    There is no fix: whether the list should be pre-filled (`length=n, fill=...`, and with
    what) or built by appending (`capacity=n`) depends on the code around it, and the
    writes may need to change too.

    ## Options
    None.
    """

    code = "TS007"
    name = "list-length-confusion"
    summary = "`List[T](n)` makes a one-element list, then is written by index"
    tags = ("tensor-safety", "memory")
    # 0.26.1 rejects `List[Int](n)` (0.25.7 accepts it): runs only for older targets.
    removed_in = "26.1"
    queries = (NAME_BINDINGS,)  # its `var` declarations, shared with the tensor analysis

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if b"List" not in ctx.source:
            return  # every finding is a `List(...)` call
        for declaration in ctx.captures(NAME_BINDINGS).get("decl", []):
            if ctx.source.find(b"List", declaration.start_byte, declaration.end_byte) < 0:
                continue
            name_node = declaration.child_by_field_name("name")
            call = declaration.child_by_field_name("value")
            if name_node is None or call is None or call.type != "call":
                continue
            argument = _single_argument(ctx, call)  # first: it rules out most calls cheaply
            function = enclosing_function(declaration) if argument is not None else None
            if function is None or argument is None:
                continue
            if not _is_int(ctx, argument, function, depth=0):
                continue
            name = ctx.text(name_node)
            if _grown_or_rebound(ctx, function, name, declaration):
                continue
            writes = _index_writes(ctx, function, name, declaration)
            if not writes:
                continue
            constructor = ctx.text(call)
            size = ctx.text(argument)
            first = writes[0]
            index = first.child_by_field_name("subscript")
            verb = "writes" if index is not None and index.type == "integer" else "can write"
            write = f"{ctx.text(first)} {_operator(ctx, first)} ..."
            message = (f"`{constructor}` makes a one-element list holding `{size}`, not "
                       f"`{size}` elements; `{write}` at line {line_of(first)} {verb} "
                       "past its end")
            element = ctx.text(call.child_by_field_name("function") or call)
            notes = (f"to make `{size}` elements, use `{element}(capacity={size})` and append, "
                     f"or `{element}(length={size}, fill=...)`",)
            yield ctx.report(call, message, notes=notes)


def _single_argument(ctx: Context, call: Node) -> Node | None:
    """The argument of ``List[T](x)`` / ``List(x)``: exactly one, positional."""
    function = call.child_by_field_name("function")
    if function is None:
        return None
    if function.type == "subscript":
        function = function.child_by_field_name("value")
    if function is None or function.type != "identifier" or ctx.text(function) != "List":
        return None
    positional, keywords = call_arguments(call)
    if len(positional) != 1 or keywords:
        return None
    return positional[0]


def _is_int(ctx: Context, node: Node, function: Node, depth: int) -> bool:
    """True when ``node`` is plainly an integer (so it cannot be a list being copied)."""
    if depth > 4:
        return False
    if node.type == "integer":
        return True
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        inner = node.named_children[0]
        return _is_int(ctx, inner, function, depth + 1)
    if node.type == "binary_operator":
        operator = node.child_by_field_name("operator")
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if operator is None or left is None or right is None:
            return False
        if ctx.text(operator) not in INT_OPERATORS:
            return False
        return _is_int(ctx, left, function, depth + 1) or \
            _is_int(ctx, right, function, depth + 1)
    if node.type == "call":
        callee = node.child_by_field_name("function")
        if callee is None:
            return False
        if callee.type == "identifier":
            return ctx.text(callee) in INT_FUNCTIONS
        method = callee.child_by_field_name("attribute") if callee.type == "attribute" else None
        return method is not None and ctx.text(method) in INT_METHODS
    if node.type == "identifier":
        return _int_variable(ctx, ctx.text(node), function, node, depth)
    return False


def _int_variable(ctx: Context, name: str, function: Node, use: Node, depth: int) -> bool:
    """True when ``name`` is a parameter or local of ``function`` declared as an integer."""
    parameters = function.child_by_field_name("parameters")
    for parameter in parameters.named_children if parameters is not None else []:
        declared = parameter.child_by_field_name("name")
        if declared is not None and ctx.text(declared) == name:
            kind = parameter.child_by_field_name("type")
            return kind is not None and ctx.text(kind) in INT_TYPES
    body = function.child_by_field_name("body")
    if body is None:
        return False
    matches = ctx.matches("(variable_declaration name: (identifier) @name) @decl", body)
    for _, match in matches:
        declaration = match["decl"][0]
        if ctx.text(match["name"][0]) != name or declaration.start_byte > use.start_byte:
            continue
        kind = declaration.child_by_field_name("type")
        if kind is not None:
            return ctx.text(kind) in INT_TYPES
        value = declaration.child_by_field_name("value")
        return value is not None and _is_int(ctx, value, function, depth + 1)
    for loop in ctx.captures("(for_statement left: (identifier) @var right: (call) @range)",
                             body).get("range", []):
        variable = loop.parent.child_by_field_name("left") if loop.parent else None
        callee = loop.child_by_field_name("function")
        if variable is not None and ctx.text(variable) == name and callee is not None \
                and ctx.text(callee) == "range":
            return True
    return False


def _grown_or_rebound(ctx: Context, function: Node, name: str, declaration: Node) -> bool:
    body = function.child_by_field_name("body")
    if body is None:
        return True
    for node in ctx.captures(REBINDINGS, body).get("name", []):
        if ctx.text(node) == name and node.parent is not None \
                and node.parent.id != declaration.id:
            return True
    for _, match in ctx.matches(GROWING_CALLS, body):
        if ctx.text(match["name"][0]) == name and \
                ctx.text(match["method"][0]) in GROWING_METHODS:
            return True
    return False


def _index_writes(ctx: Context, function: Node, name: str, declaration: Node) -> list[Node]:
    """``name[i] = ...`` after ``declaration``, except writes to a literal index 0."""
    body = function.child_by_field_name("body")
    writes: list[Node] = []
    for _, match in ctx.matches(INDEX_WRITES, body) if body is not None else []:
        target, listed = match["target"][0], match["list"][0]
        if ctx.text(listed) != name or target.start_byte < declaration.end_byte:
            continue
        index = target.child_by_field_name("subscript")
        if index is not None and index.type == "integer" and ctx.text(index) == "0":
            continue
        writes.append(target)
    return sorted(writes, key=lambda node: node.start_byte)


def _operator(ctx: Context, target: Node) -> str:
    """``=`` or the augmented operator (``+=``) of the assignment whose target is given."""
    assignment = target.parent
    operator = assignment.child_by_field_name("operator") if assignment is not None else None
    return ctx.text(operator) if operator is not None else "="
