"""Small, iterative helpers over the tree-sitter tree (no Python recursion over nodes)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Container, Iterator, Sequence

from tree_sitter import Node

from mojolint.parser import compile_query

LOOP_TYPES = frozenset({"for_statement", "while_statement"})
SCOPE_TYPES = frozenset({"function_definition", "struct_definition", "trait_definition",
                         "extension_definition", "lambda"})


# Statements that give a name a meaning of the file's own: the upgrade rules that rename a
# standard-library name leave a file alone when it declares that name itself.
DECLARATION_TYPES = frozenset({"struct_definition", "trait_definition", "function_definition",
                               "comptime_declaration", "alias_declaration",
                               "variable_declaration"})


def declares(name: Node) -> bool:
    """Whether the identifier ``name`` is the name a struct, trait, function, `comptime`,
    `alias` or `var` declaration declares."""
    parent = name.parent
    return parent is not None and parent.type in DECLARATION_TYPES \
        and parent.child_by_field_name("name") == name


# Patterns the cross-file summaries (interproc) run over one function.
RETURNS = "(return_statement) @r"
FIELD_ASSIGNMENTS = "(assignment left: (attribute) right: (identifier)) @a"  # self.f = arg
SUMMARY_QUERIES = (RETURNS, FIELD_ASSIGNMENTS)


def captures(pattern: str, node: Node) -> dict[str, list[Node]]:
    from tree_sitter import QueryCursor

    return QueryCursor(compile_query(pattern)).captures(node)


def ancestors(node: Node, stop: Node | None = None) -> Iterator[Node]:
    """Parents of ``node`` from the nearest outwards, ending before ``stop``."""
    current = node.parent
    while current is not None and (stop is None or current.id != stop.id):
        yield current
        current = current.parent


def enclosing_function(node: Node) -> Node | None:
    for parent in ancestors(node):
        if parent.type == "function_definition":
            return parent
    return None


def innermost_span(starts: Sequence[int], ends: Sequence[int], parents: Sequence[int],
                   node: Node) -> tuple[int, bool]:
    """Of nested spans (scopes) sorted by start, outer first: the index of the innermost one
    holding ``node`` (-1: none), and whether ``node`` touches that span's edge (the span's
    own node, a first or last token, a zero-width node), where only the tree's parent links
    tell whether it is inside. ``parents[i]`` is the index of the span around span ``i``."""
    start, end = node.start_byte, node.end_byte
    index = bisect_right(starts, start) - 1
    while index >= 0 and ends[index] < end:
        index = parents[index]
    return index, index >= 0 and (start == end or start == starts[index] or end == ends[index])


def contains(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def statement_of(node: Node) -> Node:
    """The statement (a direct child of a block or module) that holds ``node``."""
    current = node
    while current.parent is not None and current.parent.type not in ("block", "module"):
        current = current.parent
    return current


def line_of(node: Node) -> int:
    return node.start_point[0] + 1


def text(node: Node, source: bytes) -> str:
    return source[node.start_byte:node.end_byte].decode("utf-8", "replace")


def method_call_without_arguments(receiver: Node, source: bytes,
                                   methods: Container[str]) -> Node | None:
    """The call ``receiver.m()`` with no arguments, ``m`` one of ``methods``; else None."""
    attribute = receiver.parent
    if attribute is None or attribute.type != "attribute" \
            or attribute.child_by_field_name("object") != receiver:
        return None
    method = attribute.child_by_field_name("attribute")
    call = attribute.parent
    if method is None or text(method, source) not in methods or call is None \
            or call.type != "call" or call.child_by_field_name("function") != attribute:
        return None
    arguments = call.child_by_field_name("arguments")
    if arguments is not None and arguments.named_child_count:
        return None
    return call


def call_arguments(call: Node) -> tuple[list[Node], dict[str, Node]]:
    """Positional and keyword arguments of a ``call`` node."""
    positional: list[Node] = []
    keywords: dict[str, Node] = {}
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return positional, keywords
    for child in arguments.named_children:
        if child.type == "keyword_argument":
            name, value = child.child_by_field_name("name"), child.child_by_field_name("value")
            if name is not None and value is not None and name.text is not None:
                keywords[name.text.decode()] = value
        elif child.type != "comment":
            positional.append(child)
    return positional, keywords


def indentation_of(node: Node, source: bytes) -> str:
    """The whitespace that starts the line of ``node``."""
    line_start = source.rfind(b"\n", 0, node.start_byte) + 1
    end = line_start
    while end < len(source) and source[end:end + 1] in (b" ", b"\t"):
        end += 1
    return source[line_start:end].decode()
