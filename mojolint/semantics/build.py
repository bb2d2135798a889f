"""Build :class:`FunctionFacts` for every function of a file with a few compiled queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node, Tree

from mojolint.semantics.function import Assignment, Binding, FunctionFacts
from mojolint.semantics.tree import SCOPE_TYPES, ancestors, captures, statement_of, text
from mojolint.tensor_api import TensorApi

FUNCTIONS = "(function_definition) @fn"
IDENTIFIERS = "(identifier) @id"
DECLARATIONS = "(variable_declaration name: (identifier) @name) @decl"
ASSIGNMENTS = "(assignment left: (identifier) @name) @assign"
FOR_TARGETS = "(for_statement left: (identifier) @name)"
PARAMETER_TYPES = ("typed_parameter", "typed_default_parameter", "convention_parameter",
                   "default_parameter")


@dataclass
class FileFacts:
    """The facts of every function in one file."""

    functions: list[FunctionFacts] = field(default_factory=list)
    _by_id: dict[int, FunctionFacts] = field(default_factory=dict)

    def function_at(self, node: Node) -> FunctionFacts | None:
        """The innermost function whose body holds ``node``."""
        for parent in ancestors(node):
            if parent.type == "function_definition":
                return self._by_id.get(parent.id)
            if parent.type in SCOPE_TYPES:
                return None
        return None


def _owner(node: Node) -> Node | None:
    """The innermost function around ``node``; None when a class or trait comes first."""
    for parent in ancestors(node):
        if parent.type == "function_definition":
            return parent
        if parent.type in SCOPE_TYPES:
            return None
    return None


def analyze(tree: Tree, source: bytes, api: TensorApi) -> FileFacts:
    root = tree.root_node
    result = FileFacts()
    for fn in captures(FUNCTIONS, root).get("fn", []):
        facts = FunctionFacts(node=fn, source=source, api=api)
        _add_parameters(facts, fn)
        result.functions.append(facts)
        result._by_id[fn.id] = facts
    for decl in captures(DECLARATIONS, root).get("decl", []):
        scope = _facts_for(result, decl)
        name_node = decl.child_by_field_name("name")
        if scope is None or name_node is None:
            continue
        keyword = decl.child_by_field_name("keyword")
        kind = "ref" if keyword is not None and keyword.type == "ref" else "var"
        name = text(name_node, source)
        type_node = decl.child_by_field_name("type")
        scope.bindings.setdefault(name, Binding(
            name, kind, name_node, text(type_node, source) if type_node else None))
        scope.assignments.setdefault(name, []).append(
            Assignment(name, name_node, decl.child_by_field_name("value"), decl))
    for assign in captures(ASSIGNMENTS, root).get("assign", []):
        scope = _facts_for(result, assign)
        left = assign.child_by_field_name("left")
        if scope is None or left is None:
            continue
        name = text(left, source)
        scope.bindings.setdefault(name, Binding(name, "var", left))
        scope.assignments.setdefault(name, []).append(
            Assignment(name, left, assign.child_by_field_name("right"), statement_of(assign)))
    for target in captures(FOR_TARGETS, root).get("name", []):
        scope = _facts_for(result, target)
        if scope is not None:
            scope.bindings.setdefault(text(target, source), Binding(text(target, source),
                                                                    "loop", target))
    for identifier in captures(IDENTIFIERS, root).get("id", []):
        scope = _facts_for(result, identifier)
        if scope is not None and _is_read(identifier):
            scope.uses.setdefault(text(identifier, source), []).append(identifier)
    for facts in result.functions:
        for assignments in facts.assignments.values():
            assignments.sort(key=lambda a: a.statement.start_byte)
    return result


def _facts_for(result: FileFacts, node: Node) -> FunctionFacts | None:
    owner = _owner(node)
    return None if owner is None else result._by_id.get(owner.id)


def _add_parameters(facts: FunctionFacts, fn: Node) -> None:
    parameters = fn.child_by_field_name("parameters")
    if parameters is None:
        return
    for parameter in parameters.named_children:
        if parameter.type not in PARAMETER_TYPES:
            continue
        name = parameter.child_by_field_name("name")
        if name is None:
            continue
        type_node = parameter.child_by_field_name("type")
        convention = parameter.child_by_field_name("convention")
        facts.bindings[text(name, facts.source)] = Binding(
            text(name, facts.source), "param", name,
            text(type_node, facts.source) if type_node else None,
            text(convention, facts.source) if convention else None)


def _is_read(identifier: Node) -> bool:
    """True when an identifier reads a name (not a field, keyword, declaration or target)."""
    parent = identifier.parent
    if parent is None:
        return False
    if parent.type == "attribute" and parent.child_by_field_name("attribute") == identifier:
        return False
    if parent.type == "keyword_argument" and parent.child_by_field_name("name") == identifier:
        return False
    if parent.type in ("variable_declaration", "function_definition", "typed_parameter",
                       "typed_default_parameter", "convention_parameter", "default_parameter"):
        return parent.child_by_field_name("name") != identifier
    if parent.type == "assignment" and parent.child_by_field_name("left") == identifier:
        return False
    return not (parent.type == "for_statement"
                and parent.child_by_field_name("left") == identifier)
