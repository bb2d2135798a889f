"""TS007: ``List[T](n)`` taken for a list of length n, then written by index."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Diagnostic
from mojolint.rule import Context, Rule
from mojolint.semantics.ints import int_type
from mojolint.semantics.model import Binding, BindingKind
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
    uses_semantic = True  # its `var` declarations and the shared "is an integer" answer

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if b"List" not in ctx.source:
            return  # every finding is a `List(...)` call
        for binding in _list_declarations(ctx):
            declaration, call = binding.statement, binding.value
            assert call is not None  # _list_declarations keeps calls only
            argument = _single_argument(ctx, call)  # first: it rules out most calls cheaply
            function = enclosing_function(declaration) if argument is not None else None
            if function is None or argument is None:
                continue
            if int_type(ctx.semantic, argument) is None:
                continue  # not visibly an integer: maybe a list being copied
            name = binding.name
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


def _list_declarations(ctx: Context) -> list[Binding]:
    """``var x = <call>`` bindings of the file's functions (one name, a call as value)."""
    found = []
    for scope in ctx.semantic.function_scopes():
        for binding in scope.all_bindings():
            statement, value = binding.statement, binding.value
            if binding.kind is BindingKind.VARIABLE and value is not None and \
                    value.type == "call" and statement.type == "variable_declaration" and \
                    ctx.source.find(b"List", value.start_byte, value.end_byte) >= 0:
                found.append(binding)
    return sorted(found, key=lambda b: b.start)


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
