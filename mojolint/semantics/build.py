"""Build :class:`FunctionFacts` for the functions of a file, lazily and with few queries.

``analyze`` runs one query that finds the file's scopes (functions, structs, traits,
extensions) and indexes them by byte range; nothing else is computed up front. A function's
bindings and assignments are collected by one query over that function the first time a
rule asks for them, and its uses (every identifier that reads a name) by another query the
first time they are asked for. Most functions of most files are never asked about.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from tree_sitter import Node, Tree

from mojolint.parser import LANGUAGE
from mojolint.semantics.function import NAME_BINDINGS, FunctionFacts
from mojolint.semantics.tree import SCOPE_TYPES, ancestors
from mojolint.tensor_api import TensorApi

# The scope types this grammar has (a query naming an unknown type does not compile).
_KNOWN_SCOPES = sorted(t for t in SCOPE_TYPES if LANGUAGE.id_for_node_kind(t, True) is not None)
SCOPES = "[" + " ".join(f"({t})" for t in _KNOWN_SCOPES) + "] @scope"
# The keyword token every scope node of the grammar holds as a direct child
# (grammar/grammar.js: function_definition, struct_definition, trait_definition,
# extension_definition). Finding these words in the bytes and asking the tree what each
# one is costs a fraction of a query over every node; a tree with errors uses the query.
SCOPE_KEYWORDS = re.compile(rb"(?<!\w)(?:fn|def|__mlir_region|struct|trait|__extension)(?!\w)")


Captures = Callable[[str], dict[str, list[Node]]]


class CapturesByRange:
    """One whole-file query's captures, handed out by the node they lie in (each function's
    share of one walk, instead of a walk of each function)."""

    def __init__(self, captures: Callable[[], dict[str, list[Node]]]) -> None:
        self._captures = captures
        self._sorted: dict[str, tuple[list[int], list[Node]]] | None = None

    def within(self, node: Node) -> dict[str, list[Node]]:
        if self._sorted is None:
            self._sorted = {}
            for name, nodes in self._captures().items():
                ordered = sorted(nodes, key=lambda n: (n.start_byte, -n.end_byte))
                self._sorted[name] = ([n.start_byte for n in ordered], ordered)
        start, end = node.start_byte, node.end_byte
        found: dict[str, list[Node]] = {}
        for name, (starts, nodes) in self._sorted.items():
            inside = nodes[bisect_left(starts, start):bisect_left(starts, end)]
            found[name] = [n for n in inside if n.end_byte <= end]
        return found


@dataclass
class FileFacts:
    """The facts of every function in one file."""

    functions: list[FunctionFacts] = field(default_factory=list)
    _by_id: dict[int, FunctionFacts] = field(default_factory=dict)
    # Every scope node sorted by (start, -end), its start and end bytes, the index of the
    # innermost scope around it (-1: none), and its facts (None for a struct, trait...).
    _scopes: list[Node] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _ends: list[int] = field(default_factory=list)
    _parents: list[int] = field(default_factory=list)
    _facts: list[FunctionFacts | None] = field(default_factory=list)

    def function_at(self, node: Node) -> FunctionFacts | None:
        """The innermost function whose body holds ``node``; None when a struct, trait or
        extension comes first, or when ``node`` is outside every function."""
        if not self._scopes:
            return None
        start, end = node.start_byte, node.end_byte
        index = bisect_right(self._starts, start) - 1
        while index >= 0 and self._ends[index] < end:
            index = self._parents[index]
        if index >= 0 and (start == end or start == self._starts[index]
                           or end == self._ends[index]):
            # Touching a scope's edge: the scope itself, a zero-width (missing) node, or a
            # first or last token; only the tree's parent links tell these apart.
            return self._function_by_ancestors(node)
        return None if index < 0 else self._facts[index]

    def _function_by_ancestors(self, node: Node) -> FunctionFacts | None:
        for parent in ancestors(node):
            if parent.type == "function_definition":
                return self._by_id.get(parent.id)
            if parent.type in SCOPE_TYPES:
                return None
        return None


def analyze(tree: Tree, source: bytes, api: TensorApi, captures: Captures | None = None
            ) -> FileFacts:
    """The file's scopes and, per function, the facts the rules ask for (found lazily).
    ``captures`` gives the whole file's captures of SCOPES and NAME_BINDINGS when the caller
    has them at hand (the engine's shared query); without it each is a query of its own."""
    from tree_sitter import QueryCursor

    from mojolint.parser import compile_query

    result = FileFacts()
    root = tree.root_node
    bindings_in = None
    if captures is not None:
        found = captures(SCOPES).get("scope", [])
        bindings_in = CapturesByRange(lambda: captures(NAME_BINDINGS)).within
    elif root.has_error:
        found = QueryCursor(compile_query(SCOPES)).captures(root).get("scope", [])
    else:
        found = _scopes_by_keyword(root, source)
    if not found:
        return result
    scopes = sorted(found, key=lambda n: (n.start_byte, -n.end_byte))
    result._scopes = scopes
    result._starts = [n.start_byte for n in scopes]
    result._ends = [n.end_byte for n in scopes]
    stack: list[int] = []
    nested: set[int] = set()
    for index, scope in enumerate(scopes):
        while stack and result._ends[stack[-1]] < scope.end_byte:
            stack.pop()
        parent = stack[-1] if stack else -1
        result._parents.append(parent)
        if parent >= 0:
            nested.add(parent)
        stack.append(index)
    for index, scope in enumerate(scopes):
        if scope.type != "function_definition":
            result._facts.append(None)
            continue
        facts = FunctionFacts(node=scope, source=source, api=api,
                              _file=result if index in nested else None,
                              _bindings_in=bindings_in)
        result._facts.append(facts)
        result._by_id[scope.id] = facts
    result.functions = [facts for facts in result._facts if facts is not None]
    return result


def _scopes_by_keyword(root: Node, source: bytes) -> list[Node]:
    """Every scope node of an error-free tree, found from its keyword in the bytes (words in
    comments, strings or other nodes are asked about and left out)."""
    found: dict[int, Node] = {}
    for match in SCOPE_KEYWORDS.finditer(source):
        token = root.descendant_for_byte_range(match.start(), match.end())
        parent = token.parent if token is not None else None
        if parent is not None and parent.type in SCOPE_TYPES and \
                token is not None and token.type == match.group().decode():
            found[parent.id] = parent
    return list(found.values())
