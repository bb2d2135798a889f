"""Build :class:`FunctionFacts` for the functions of a file, lazily and with few queries.

``analyze`` takes the file's scopes (functions, structs, traits, extensions) from the
file's shared query (mojolint.queries) and indexes them by byte range; nothing else is
computed up front. A function's bindings and assignments are read from the file's semantic
model (``ctx.semantic``: its scope's bindings) the first time a rule asks for them, and its
uses from the model's references in that scope. The analysis runs no query of its own for
names. Most functions of most files are never asked about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tree_sitter import Node

from mojolint.semantics.function import FunctionFacts
from mojolint.semantics.model import SCOPES, SemanticModel
from mojolint.semantics.tree import SCOPE_TYPES, ancestors, innermost_span
from mojolint.tensor_api import TensorApi

if TYPE_CHECKING:
    from mojolint.semantics.interproc import Interprocedural

Captures = Callable[[str], dict[str, list[Node]]]


class UsesByScope:
    """The model's references to one name in one function's scope (found when a rule first
    asks about that name there: only the identifiers spelled like it are looked up and
    resolved, not every identifier of the function, let alone of the file)."""

    def __init__(self, semantic: Callable[[], SemanticModel]) -> None:
        self._semantic = semantic

    def named(self, function: Node, name: str) -> list[Node]:
        model = self._semantic()
        scope = model.scope_of(function)
        if scope is None:
            return []
        return [reference.node for reference in model.iter_references_named((name,), function)
                if reference.scope is scope]  # in source order


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

    def function_of(self, definition: Node) -> FunctionFacts | None:
        """The facts of a ``function_definition`` node."""
        return self._by_id.get(definition.id)

    def function_at(self, node: Node) -> FunctionFacts | None:
        """The innermost function whose body holds ``node``; None when a struct, trait or
        extension comes first, or when ``node`` is outside every function."""
        if not self._scopes:
            return None
        index, on_edge = innermost_span(self._starts, self._ends, self._parents, node)
        if on_edge:
            return self._function_by_ancestors(node)
        return None if index < 0 else self._facts[index]

    def _function_by_ancestors(self, node: Node) -> FunctionFacts | None:
        for parent in ancestors(node):
            if parent.type == "function_definition":
                return self._by_id.get(parent.id)
            if parent.type in SCOPE_TYPES:
                return None
        return None


def analyze(source: bytes, api: TensorApi, captures: Captures,
            semantic: Callable[[], SemanticModel],
            calls: Callable[[], Interprocedural | None] | None = None) -> FileFacts:
    """The file's scopes and, per function, the facts the rules ask for (found lazily).
    ``captures`` gives the whole file's captures of SCOPES (``Context.captures``: from the
    file's one shared walk when the rules declared it); ``semantic`` the file's model."""
    result = FileFacts()
    found = captures(SCOPES).get("scope", [])
    uses_in = UsesByScope(semantic).named
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
        parent_index = result._parents[index]
        # A closure sees the tensors of the function it is nested in (its captures).
        enclosing = result._facts[parent_index] if parent_index >= 0 else None
        facts = FunctionFacts(node=scope, source=source, api=api, _semantic=semantic,
                              _uses_in=uses_in, _calls=calls, enclosing=enclosing)
        result._facts.append(facts)
        result._by_id[scope.id] = facts
    result.functions = [facts for facts in result._facts if facts is not None]
    return result
