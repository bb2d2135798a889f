"""The generic semantic model of one file: scopes, bindings, references, declared types.

Built by the engine from the file's one shared walk (:data:`SEMANTIC_QUERIES` are added to
the batch when an enabled rule sets ``uses_semantic``) and offered to rules as
``ctx.semantic``. ruff's ``ruff_python_semantic`` is the pattern: no rule or domain
knowledge lives here (tensor dtypes, origins and the rest are layers on top).

- :class:`Scope`: the module, each struct, trait and extension, each function, and each
  nested function (a closure: ``Scope.is_closure``), with its parent and its bindings.
- :class:`Binding`: a name bound in a scope, with a :class:`BindingKind`, the identifier
  that names it, its declared type as a :class:`~mojolint.semantics.types.TypeExpr`, the
  parameter's convention, the assigned value and the import path.
- :class:`Reference`: an identifier that reads a name, resolved to the binding it reads
  (the latest binding of the name in the nearest enclosing scope that binds it; struct
  scopes only lend their compile-time parameters and ``comptime`` members to methods).
  References are found on the first request (one more walk of the file), since most runs
  never ask for them.

Names are bound per function (as Python does), not per block: a ``var`` inside an ``if``
counts as the function's. Everything is linear in the file's size (sorted starts and a
stack, no walks up the tree per node).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from enum import Enum

from tree_sitter import Node, Tree

from mojolint.parser import LANGUAGE
from mojolint.semantics.tree import ancestors, innermost_span, text
from mojolint.semantics.types import TypeExpr, parse_type


class BindingKind(Enum):
    VARIABLE = "variable"          # var/ref/let declarations, assignments, walrus, with/except
    PARAMETER = "parameter"        # a function's run-time parameter (``convention`` set)
    COMPTIME_PARAMETER = "comptime-parameter"  # ``[dtype: DType]`` of a function or struct
    IMPORT = "import"
    FUNCTION = "function"
    STRUCT = "struct"
    TRAIT = "trait"
    FIELD = "field"                # ``var x: T`` in a struct body
    LOOP_VARIABLE = "loop-variable"
    COMPTIME = "comptime"          # ``comptime X = ...`` and ``alias X = ...``


class ScopeKind(Enum):
    MODULE = "module"
    STRUCT = "struct"
    TRAIT = "trait"
    EXTENSION = "extension"
    FUNCTION = "function"
    LAMBDA = "lambda"


_SCOPE_KINDS = {
    "function_definition": ScopeKind.FUNCTION,
    "struct_definition": ScopeKind.STRUCT,
    "trait_definition": ScopeKind.TRAIT,
    "extension_definition": ScopeKind.EXTENSION,
    "lambda": ScopeKind.LAMBDA,
}
_FUNCTION_LIKE = (ScopeKind.FUNCTION, ScopeKind.LAMBDA)
# The statements that bind a variable to a value (the others bind loop variables,
# compile-time names, imports): as ``Scope._pending`` names them.
_VALUE_STATEMENTS = frozenset({"decl", "assign", "as"})
_DEFINITION_KINDS = {ScopeKind.FUNCTION: BindingKind.FUNCTION,
                     ScopeKind.STRUCT: BindingKind.STRUCT, ScopeKind.TRAIT: BindingKind.TRAIT}
_PARAMETER_TYPES = frozenset({"typed_parameter", "typed_default_parameter",
                              "convention_parameter", "default_parameter"})

# The scope types this grammar has (a query naming an unknown type does not compile).
_KNOWN_SCOPES = sorted(t for t in _SCOPE_KINDS if LANGUAGE.id_for_node_kind(t, True) is not None)
SCOPES = "[" + " ".join(f"({t})" for t in _KNOWN_SCOPES) + "] @scope"
# The whole-file patterns the model is built from (part of the file's one walk).
# Single-name declarations and assignments (most bindings of a file) are the tensor
# analysis' pattern too, so a run that has both matches them once.
NAME_BINDINGS = """
(variable_declaration name: (identifier)) @decl
(assignment left: (identifier)) @assign
(for_statement left: (identifier) @for_name)
"""
SEMANTIC_QUERIES: tuple[str, ...] = (
    SCOPES,
    NAME_BINDINGS,
    "(variable_declaration name: [(pattern_list) (tuple_pattern) (list_pattern)]) @decl\n"
    "(assignment left: [(pattern_list) (tuple_pattern) (list_pattern)]) @assign\n"
    "(for_statement) @for\n(comptime_declaration) @comptime\n(import_statement) @import\n"
    "(import_from_statement) @import\n(as_pattern_target) @as\n(named_expression) @walrus",
)
# Every identifier, for references: added to the walk only for rules that set
# ``uses_references`` (it doubles the walk's cost); otherwise found by a walk of its own
# when references are first asked for.
REFERENCES_QUERY = "(identifier) @id"


@dataclass(frozen=True, slots=True)
class UnparsedType:
    """A declared type's node, parsed when :attr:`Binding.type` is first read."""

    node: Node
    source: bytes


def _start(binding: Binding) -> int:
    return binding.node.start_byte


def _unparsed(node: Node | None, source: bytes) -> UnparsedType | None:
    return UnparsedType(node, source) if node is not None else None


@dataclass(eq=False, slots=True)
class Binding:
    """A name bound in a scope."""

    name: str
    kind: BindingKind
    node: Node                       # the identifier that names it (or the import's node)
    scope: Scope
    statement: Node                  # the declaring statement, definition or parameter
    # The declared type (a function's is its return type): see :attr:`type`.
    declared: TypeExpr | UnparsedType | None = field(default=None, repr=False)
    convention: str | None = None    # parameters: ``mut``, ``owned``, ``out``, ``read``...
    value: Node | None = None        # the assigned expression, when there is one
    import_path: str | None = None   # imports: ``collections.List``, ``.utils.helper``
    defines: Scope | None = None     # functions, structs, traits: the scope they open
    references: list[Reference] = field(default_factory=list, repr=False)

    @property
    def type(self) -> TypeExpr | None:
        """The declared type (a function's is its return type), parsed on the first look:
        most bindings' types are never asked for."""
        declared = self.declared
        if isinstance(declared, UnparsedType):
            declared = self.declared = parse_type(declared.node, declared.source)
        return declared

    @property
    def start(self) -> int:
        return self.node.start_byte

    def __repr__(self) -> str:
        return f"Binding({self.name!r}, {self.kind.value}, line {self.node.start_point[0] + 1})"


@dataclass(eq=False, slots=True)
class Reference:
    """An identifier that reads a name, and the binding it resolves to (None: a builtin or
    a name from nowhere)."""

    node: Node
    scope: Scope
    binding: Binding | None

    @property
    def name(self) -> str:
        return self.node.text.decode() if self.node.text is not None else ""


@dataclass(eq=False)
class Scope:
    kind: ScopeKind
    node: Node
    parent: Scope | None
    name: str | None = None
    children: list[Scope] = field(default_factory=list, repr=False)
    _bindings: dict[str, list[Binding]] = field(default_factory=dict, repr=False)
    definition: Binding | None = field(default=None, repr=False)  # the binding naming it
    capturing: bool = False  # a ``capturing`` clause or a capture list
    holds_imports: bool = False  # an import statement binds names here
    # Statements that bind names here, bound on the first look at ``bindings`` (most
    # scopes of most files are never looked at): (kind of statement, node), in the order
    # the model found them, and the model that binds them.
    _pending: list[tuple[str, Node]] = field(default_factory=list, repr=False)
    _model: SemanticModel | None = field(default=None, repr=False)

    @property
    def bindings(self) -> dict[str, list[Binding]]:
        """The names bound in this scope, each with its bindings in source order."""
        if self._pending:
            self._bind_pending()
        return self._bindings

    def _bind_pending(self) -> None:
        pending, self._pending = self._pending, []
        assert self._model is not None
        self._model._bind_statements(self, pending)
        for bindings in self._bindings.values():
            if len(bindings) > 1:
                bindings.sort(key=_start)

    @property
    def return_type(self) -> TypeExpr | None:
        """A function's declared return type."""
        return self.definition.type if self.definition is not None else None

    @property
    def is_closure(self) -> bool:
        """A function nested in a function (``@parameter fn f() capturing``)."""
        return self.kind in _FUNCTION_LIKE and self.function_parent is not None

    @property
    def function_parent(self) -> Scope | None:
        """The function this scope is nested in (None past a struct, trait or module)."""
        parent = self.parent
        if parent is not None and parent.kind in _FUNCTION_LIKE:
            return parent
        return None

    def lookup(self, name: str, before: int | None = None) -> Binding | None:
        """This scope's binding of ``name``: the latest one starting before ``before``,
        else the first one."""
        if self._pending:
            self._bind_pending()
        found = self._bindings.get(name)
        if not found:
            return None
        if before is None:
            return found[-1]
        best = found[0]
        for binding in found:
            if binding.start < before:
                best = binding
            else:
                break
        return best

    def all_bindings(self) -> Iterator[Binding]:
        for bindings in self.bindings.values():
            yield from bindings

    def may_bind_value(self, test: Callable[[Node], bool]) -> bool:
        """False when no variable of this scope is bound to a value whose statement
        (``var x = v``, ``x = v``, ``(x := v)``) passes ``test``: True when one may be.
        Asked of the statements themselves while the names are not bound yet, so a rule
        that needs a scope's bindings only where some statement passes a test of its bytes
        binds no other scope."""
        if self._pending:
            return any(kind in _VALUE_STATEMENTS and test(node) for kind, node in self._pending)
        for bindings in self._bindings.values():
            for binding in bindings:
                if binding.kind is BindingKind.VARIABLE and binding.value is not None and \
                        test(binding.statement):
                    return True
        return False


@dataclass(eq=False)
class StructInfo:
    """A struct's fields, methods, conformances and destructor."""

    binding: Binding
    scope: Scope
    fields: dict[str, Binding]
    methods: dict[str, list[Binding]]
    conformances: tuple[str, ...]
    parameters: dict[str, Binding]

    @property
    def name(self) -> str:
        return self.binding.name

    @property
    def destructor(self) -> Binding | None:
        found = self.methods.get("__del__")
        return found[0] if found else None


Captures = Callable[[str], dict[str, list[Node]]]


class SemanticModel:
    """Scopes, bindings and references of one file. Build with :meth:`build`."""

    def __init__(self, tree: Tree, source: bytes) -> None:
        self.tree = tree
        self.source = source
        self.module = Scope(ScopeKind.MODULE, tree.root_node, None)
        self.scopes: list[Scope] = [self.module]  # source order (module first)
        self.structs: dict[str, StructInfo] = {}
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._parents: list[int] = []
        self._sorted: list[Scope] = []
        self._by_node: dict[int, Scope] = {}
        self._references: list[Reference] | None = None
        self._captures: Captures | None = None
        self._identifier_list: list[Node] | None = None
        self._identifier_starts: list[int] = []

    # --- building ----------------------------------------------------------------------

    @classmethod
    def build(cls, tree: Tree, source: bytes, captures: Captures) -> SemanticModel:
        """The model of ``tree``; ``captures(pattern)`` gives the whole-file captures of
        each of :data:`SEMANTIC_QUERIES` (``Context.captures``: from the shared walk)."""
        model = cls(tree, source)
        model._captures = captures
        scopes_found = captures(SEMANTIC_QUERIES[0]).get("scope", [])
        model._add_scopes(scopes_found)
        single, rest = captures(SEMANTIC_QUERIES[1]), captures(SEMANTIC_QUERIES[2])
        found = {name: [*single.get(name, []), *rest.get(name, [])]
                 for name in ("decl", "assign")}
        found.update((name, nodes) for name, nodes in rest.items() if name not in found)
        model._defer_statement_bindings(found)
        for scope in model.scopes:
            for bindings_of in scope._bindings.values():
                if len(bindings_of) > 1:
                    bindings_of.sort(key=_start)
        model._collect_structs()
        return model

    def _add_scopes(self, found: list[Node]) -> None:
        ordered = sorted(found, key=lambda n: (n.start_byte, -n.end_byte))
        stack: list[int] = []
        source = self.source
        for index, node in enumerate(ordered):
            while stack and self._ends[stack[-1]] < node.end_byte:
                stack.pop()
            parent_index = stack[-1] if stack else -1
            parent = self._sorted[parent_index] if parent_index >= 0 else self.module
            kind = _SCOPE_KINDS[node.type]
            name_node = node.child_by_field_name("name")
            scope = Scope(kind, node, parent,
                          text(name_node, source) if name_node is not None else None)
            parent.children.append(scope)
            self._sorted.append(scope)
            self._starts.append(node.start_byte)
            self._ends.append(node.end_byte)
            self._parents.append(parent_index)
            self._by_node[node.id] = scope
            self.scopes.append(scope)
            stack.append(index)
            self._add_definition(scope, name_node)
            if kind in _FUNCTION_LIKE:
                self._add_parameters(scope)
            if kind in (ScopeKind.STRUCT, ScopeKind.EXTENSION, ScopeKind.TRAIT):
                self._add_type_parameters(scope, scope)

    def _add_definition(self, scope: Scope, name_node: Node | None) -> None:
        kind = _DEFINITION_KINDS.get(scope.kind)
        if kind is None or name_node is None or name_node.type != "identifier":
            return
        assert scope.parent is not None
        declared = None
        if kind == BindingKind.FUNCTION:
            declared = _unparsed(scope.node.child_by_field_name("return_type"), self.source)
            effect = scope.node.children_by_field_name("effect")
            scope.capturing = any(e.type in ("capturing_clause", "capture_list") for e in effect)
        binding = Binding(text(name_node, self.source), kind, name_node, scope.parent,
                          scope.node, declared, defines=scope)
        scope.definition = binding
        self._bind(binding)

    def _add_parameters(self, scope: Scope) -> None:
        source = self.source
        parameters = scope.node.child_by_field_name("parameters")
        self._add_type_parameters(scope, scope)
        if parameters is None:
            return
        struct = self._enclosing_type(scope)
        for parameter in parameters.named_children:
            if parameter.type == "identifier":  # `self` without a type or convention
                name_node: Node | None = parameter
                type_node = convention_node = None
            elif parameter.type in _PARAMETER_TYPES:
                name_node = parameter.child_by_field_name("name")
                type_node = parameter.child_by_field_name("type")
                convention_node = parameter.child_by_field_name("convention")
            else:
                continue
            if name_node is None or name_node.type != "identifier":
                continue
            name = text(name_node, source)
            declared: TypeExpr | UnparsedType | None = _unparsed(type_node, source)
            if declared is None and name == "self" and struct is not None:
                declared = TypeExpr(struct, (), None, struct)
            self._bind(Binding(
                name, BindingKind.PARAMETER, name_node, scope, parameter, declared,
                text(convention_node, source) if convention_node is not None else None,
                value=parameter.child_by_field_name("value")))

    def _add_type_parameters(self, owner: Scope, scope: Scope) -> None:
        parameters = owner.node.child_by_field_name("type_parameters")
        if parameters is None:
            return
        for parameter in parameters.named_children:
            name_node = parameter if parameter.type == "identifier" else \
                parameter.child_by_field_name("name")
            if name_node is None or name_node.type != "identifier":
                continue
            self._bind(Binding(text(name_node, self.source), BindingKind.COMPTIME_PARAMETER,
                               name_node, scope, parameter,
                               _unparsed(parameter.child_by_field_name("type"), self.source),
                               value=parameter.child_by_field_name("value")))

    def _enclosing_type(self, scope: Scope) -> str | None:
        parent = scope.parent
        if parent is not None and parent.kind in (ScopeKind.STRUCT, ScopeKind.EXTENSION):
            return parent.name
        return None

    def _defer_statement_bindings(self, found: dict[str, list[Node]]) -> None:
        """Hand each binding statement to its scope, which binds its names when first
        looked at (:attr:`Scope.bindings`)."""
        for kind in ("decl", "assign", "for", "comptime", "import"):
            for node in found.get(kind, []):
                scope = self.scope_at(node)
                scope._pending.append((kind, node))
                scope._model = self
                if kind == "import":
                    scope.holds_imports = True
        for node in found.get("as", []) + found.get("walrus", []):
            scope = self.scope_at(node)
            scope._pending.append(("as", node))
            scope._model = self

    def _bind_statements(self, scope: Scope, pending: list[tuple[str, Node]]) -> None:
        """Bind the names of ``scope``'s statements (in the order they were found)."""
        source = self.source
        for kind, node in pending:
            if kind == "decl":
                decl = node
                binding_kind = BindingKind.FIELD if scope.kind in (ScopeKind.STRUCT,
                                                                   ScopeKind.TRAIT) \
                    else BindingKind.VARIABLE
                declared = _unparsed(decl.child_by_field_name("type"), source)
                names = _names(decl.child_by_field_name("name"))
                # An unpacked value (`var a, b = f()`) is no one name's value.
                value = decl.child_by_field_name("value") if len(names) == 1 else None
                for name_node in names:
                    self._bind(Binding(text(name_node, source), binding_kind, name_node, scope,
                                       decl, declared, value=value))
            elif kind == "assign":
                assign = node
                declared = _unparsed(assign.child_by_field_name("type"), source)
                names = _names(assign.child_by_field_name("left"))
                value = assign.child_by_field_name("right") if len(names) == 1 else None
                statement = assign.parent if assign.parent is not None else assign
                for name_node in names:
                    self._bind(Binding(text(name_node, source), BindingKind.VARIABLE,
                                       name_node, scope, statement, declared, value=value))
            elif kind == "for":
                loop = node
                for name_node in _names(loop.child_by_field_name("left")):
                    self._bind(Binding(text(name_node, source), BindingKind.LOOP_VARIABLE,
                                       name_node, scope, loop,
                                       value=loop.child_by_field_name("right")))
            elif kind == "comptime":
                declaration = node
                declared = _unparsed(declaration.child_by_field_name("type"), source)
                for name_node in _names(declaration.child_by_field_name("name")):
                    self._bind(Binding(text(name_node, source), BindingKind.COMPTIME,
                                       name_node, scope, declaration, declared,
                                       value=declaration.child_by_field_name("value")))
            elif kind == "import":
                self._add_import(node, scope)
            else:
                target = node
                walrus = target.type == "named_expression"
                named = target.child_by_field_name("name") if walrus else (
                    target.named_children[0] if target.named_child_count else None)
                if named is not None and named.type == "identifier":
                    value = target.child_by_field_name("value") if walrus else None
                    self._bind(Binding(text(named, source), BindingKind.VARIABLE, named,
                                       scope, target, value=value))

    def _add_import(self, statement: Node, scope: Scope) -> None:
        source = self.source
        module = statement.child_by_field_name("module_name")
        prefix = "" if module is None else text(module, source)
        if prefix and prefix.strip("."):
            prefix += "."  # `from .a import b` -> `.a.b`; `from . import b` -> `.b`
        for name in statement.children_by_field_name("name"):
            if name.type == "aliased_import":
                dotted = name.child_by_field_name("name")
                alias = name.child_by_field_name("alias")
                if dotted is None or alias is None:
                    continue
                path = prefix + text(dotted, source)
                self._bind(Binding(text(alias, source), BindingKind.IMPORT, alias, scope,
                                   statement, import_path=path))
            elif name.type == "dotted_name":
                parts = [p for p in name.named_children if p.type == "identifier"]
                if not parts:
                    continue
                # `import a.b` binds `a`; `from m import a` binds `a`.
                bound = parts[-1] if module is not None else parts[0]
                self._bind(Binding(text(bound, source), BindingKind.IMPORT, bound, scope,
                                   statement, import_path=prefix + text(name, source)))
            elif name.type == "relative_import":
                self._bind(Binding(text(name, source), BindingKind.IMPORT, name, scope,
                                   statement, import_path=text(name, source)))

    def _bind(self, binding: Binding) -> None:
        binding.scope._bindings.setdefault(binding.name, []).append(binding)

    def _collect_structs(self) -> None:
        source = self.source
        for scope in self.scopes:
            if scope.kind != ScopeKind.STRUCT or scope.definition is None:
                continue
            conformances_node = scope.node.child_by_field_name("conformances")
            conformances = tuple(text(c, source) for c in conformances_node.named_children) \
                if conformances_node is not None else ()
            fields: dict[str, Binding] = {}
            methods: dict[str, list[Binding]] = {}
            parameters: dict[str, Binding] = {}
            for binding in scope.all_bindings():
                if binding.kind == BindingKind.FIELD:
                    fields.setdefault(binding.name, binding)
                elif binding.kind == BindingKind.FUNCTION:
                    methods.setdefault(binding.name, []).append(binding)
                elif binding.kind == BindingKind.COMPTIME_PARAMETER:
                    parameters.setdefault(binding.name, binding)
            self.structs.setdefault(scope.definition.name, StructInfo(
                scope.definition, scope, fields, methods, conformances, parameters))

    # --- asking ------------------------------------------------------------------------

    def scope_at(self, node: Node) -> Scope:
        """The innermost scope whose node holds ``node`` (a scope's own node: that scope)."""
        found = self._by_node.get(node.id)
        if found is not None:
            return found
        if not self._sorted:
            return self.module
        index, on_edge = innermost_span(self._starts, self._ends, self._parents, node)
        if on_edge:
            for parent in ancestors(node):
                scope = self._by_node.get(parent.id)
                if scope is not None:
                    return scope
            return self.module
        return self.module if index < 0 else self._sorted[index]

    def scope_of(self, definition: Node) -> Scope | None:
        """The scope a definition node (function, struct, trait, extension) opens."""
        return self._by_node.get(definition.id)

    def import_bindings(self) -> list[Binding]:
        """Every import's bindings, scope by scope, as the scopes' :meth:`Scope.all_bindings`
        give them, without binding the names of the scopes that import nothing."""
        return [binding for scope in self.scopes if scope.holds_imports
                for binding in scope.all_bindings() if binding.kind is BindingKind.IMPORT]

    def function_scopes(self) -> list[Scope]:
        return [s for s in self.scopes if s.kind in _FUNCTION_LIKE]

    def resolve(self, name: str, scope: Scope, at: int | None = None) -> Binding | None:
        """The binding ``name`` reads in ``scope`` (at byte ``at``): the scope's own, then
        the enclosing functions' (a closure's captures), then the compile-time parameters
        and ``comptime`` members of enclosing structs, then the module's."""
        current: Scope | None = scope
        while current is not None:
            binding = current.lookup(name, at if current is scope else None)
            if binding is not None and (
                    current.kind not in (ScopeKind.STRUCT, ScopeKind.EXTENSION,
                                         ScopeKind.TRAIT)
                    or binding.kind in (BindingKind.COMPTIME_PARAMETER, BindingKind.COMPTIME)):
                return binding
            current = current.parent
        return None

    def binding_of(self, identifier: Node) -> Binding | None:
        """The binding an identifier reads (or, for a binding's own name, that binding)."""
        scope = self.scope_at(identifier)
        name = text(identifier, self.source)
        for binding in scope.bindings.get(name, []):
            if binding.node.id == identifier.id:
                return binding
        return self.resolve(name, scope, identifier.start_byte)

    @property
    def references(self) -> list[Reference]:
        """Every read of a name in the file, resolved (found on the first request)."""
        if self._references is None:
            self._references = self._collect_references()
        return self._references

    def references_to(self, binding: Binding) -> list[Reference]:
        self.references  # noqa: B018 - resolves every reference once
        return binding.references

    def unresolved(self) -> list[Reference]:
        return [r for r in self.references if r.binding is None]

    def references_named(self, names: Collection[str],
                         within: Node | None = None) -> list[Reference]:
        """The reads of ``names`` only (inside ``within``'s bytes when given), in source
        order, resolved as :attr:`references` resolves them (the same list, filtered), but
        found without a walk of every identifier (see :meth:`iter_references_named`). For
        rules that follow a few names (a file's imports, a function's pointers). The
        bindings' ``references`` are left as they are."""
        return list(self.iter_references_named(names, within))

    def iter_references_named(self, names: Collection[str],
                              within: Node | None = None) -> Iterator[Reference]:
        """:meth:`references_named`, one at a time: a rule that stops at the first read it
        is looking for does not pay for the others. Each occurrence of a name's bytes (one
        scan of the source for all of them) is looked up in the tree, and only an
        identifier spanning exactly those bytes counts."""
        wanted = frozenset(name for name in names if name)
        start, end = (within.start_byte, within.end_byte) if within is not None \
            else (0, len(self.source))
        if self._references is not None:
            yield from (r for r in self._references
                        if r.name in wanted and start <= r.node.start_byte < end)
            return
        if not wanted:
            return
        source, root = self.source, self.tree.root_node
        each = [_occurrences(source, name, start, end) for name in wanted]
        for first, size in each[0] if len(each) == 1 else heapq.merge(*each):
            last = first + size
            identifier = root.named_descendant_for_byte_range(first, last)
            if identifier is None or identifier.type != "identifier" \
                    or identifier.start_byte != first or identifier.end_byte != last \
                    or not is_read(identifier):
                continue
            scope = self._innermost_at(first)
            name = text(identifier, source)
            if self._declares(scope, name, identifier):
                continue
            yield Reference(identifier, scope, self.resolve(name, scope, first))

    def _declares(self, scope: Scope, name: str, identifier: Node) -> bool:
        """Whether ``identifier`` (in ``scope``) is the name of a binding rather than a
        read. A binding's identifier lies inside its scope's node (a function's or a
        struct's name inside the node of the scope it opens, whose parent binds it), so
        only the scopes around it are looked at, not every binding of the file."""
        current: Scope | None = scope
        while current is not None:
            for binding in current.bindings.get(name, ()):
                if binding.node.id == identifier.id:
                    return True
            current = current.parent
        return False

    def references_in(self, scope: Scope) -> list[Reference]:
        """The reads whose innermost scope is ``scope``, in source order: the same as
        ``[r for r in self.references if r.scope is scope]``, but when the file's
        references are not collected yet, only the identifiers inside ``scope``'s node are
        resolved (the tensor analysis asks about a few functions of a file, and resolving
        every name of the file cost more than the rest of it). The bindings'
        ``references`` are left as they are."""
        if self._references is not None:
            return [r for r in self._references if r.scope is scope]
        node = scope.node
        start, end = node.start_byte, node.end_byte
        if self._identifier_list is not None:
            first = bisect_left(self._identifier_starts, start)
            last = bisect_left(self._identifier_starts, end, first)
            identifiers = self._identifier_list[first:last]
        else:  # the scope's own identifiers: a walk of its node, not of the file
            from mojolint.semantics.tree import captures

            identifiers = captures(REFERENCES_QUERY, node).get("id", [])
            identifiers.sort(key=lambda n: n.start_byte)
        # A name can only be declared in this scope itself (its statements, parameters and
        # compile-time parameters) or, for the scope's own name, in the scopes around it.
        declared = {b.node.id for b in scope.all_bindings()}
        outer = scope.parent
        while outer is not None:
            declared.update(b.node.id for b in outer.all_bindings()
                            if start <= b.node.start_byte < end)
            outer = outer.parent
        source = self.source
        references: list[Reference] = []
        for identifier in identifiers:
            at = identifier.start_byte
            if self._innermost_at(at) is not scope or identifier.id in declared or \
                    not is_read(identifier):
                continue
            references.append(Reference(identifier, scope,
                                        self.resolve(text(identifier, source), scope, at)))
        return references

    def _identifiers(self) -> list[Node]:
        """Every identifier of the file in source order (from the shared walk when it has
        them, else from a walk of their own), found once."""
        if self._identifier_list is None:
            if self._captures is not None:
                found = list(self._captures(REFERENCES_QUERY).get("id", []))
            else:
                from mojolint.semantics.tree import captures

                found = captures(REFERENCES_QUERY, self.tree.root_node).get("id", [])
            found.sort(key=lambda n: n.start_byte)
            self._identifier_list = found
            self._identifier_starts = [n.start_byte for n in found]
        return self._identifier_list

    def _declared_ids(self) -> set[int]:
        return {b.node.id for s in self.scopes for b in s.all_bindings()}

    def _innermost_at(self, start: int) -> Scope:
        """The innermost scope whose node holds byte ``start`` (start <= byte < end), as
        the walk of :meth:`_collect_references` finds it."""
        index = bisect_right(self._starts, start) - 1
        while index >= 0 and self._ends[index] <= start:
            index = self._parents[index]
        return self.module if index < 0 else self._sorted[index]

    def captured(self, closure: Scope) -> list[Binding]:
        """The bindings of enclosing functions that ``closure`` (or a scope nested in it)
        reads: its captures."""
        seen: dict[int, Binding] = {}
        start, end = closure.node.start_byte, closure.node.end_byte
        for reference in self.references:
            binding = reference.binding
            if binding is None or not start <= reference.node.start_byte < end:
                continue
            owner = binding.scope
            if owner.kind in _FUNCTION_LIKE and not (
                    start <= owner.node.start_byte and owner.node.end_byte <= end):
                seen.setdefault(id(binding), binding)
        return list(seen.values())

    def _collect_references(self) -> list[Reference]:
        found = self._identifiers()
        declared = self._declared_ids()
        references: list[Reference] = []
        # Scopes in source order with a stack: each identifier's innermost scope without a
        # search per identifier.
        order = self._sorted
        stack: list[Scope] = [self.module]
        next_scope = 0
        for identifier in found:
            start = identifier.start_byte
            while next_scope < len(order) and order[next_scope].node.start_byte <= start:
                candidate = order[next_scope]
                next_scope += 1
                while len(stack) > 1 and stack[-1].node.end_byte <= candidate.node.start_byte:
                    stack.pop()
                stack.append(candidate)
            while len(stack) > 1 and stack[-1].node.end_byte <= start:
                stack.pop()
            if identifier.id in declared or not is_read(identifier):
                continue
            scope = stack[-1]
            binding = self.resolve(text(identifier, self.source), scope, start)
            reference = Reference(identifier, scope, binding)
            references.append(reference)
            if binding is not None:
                binding.references.append(reference)
        return references


def _names(target: Node | None) -> list[Node]:
    """The identifiers a binding target names (``a``, ``a, b``, ``(a, b)``, ``[a, b]``)."""
    if target is None:
        return []
    found: list[Node] = []
    stack = [target]
    while stack:
        node = stack.pop()
        if node.type == "identifier":
            found.append(node)
        elif node.type in ("pattern_list", "tuple_pattern", "list_pattern", "pattern",
                           "parenthesized_expression", "expression_list", "tuple",
                           "binding_pattern"):
            stack.extend(reversed(node.named_children))
    return found


_NAME_FIELD_PARENTS = frozenset({"variable_declaration", "function_definition",
                                 "struct_definition", "trait_definition", "comptime_declaration",
                                 *_PARAMETER_TYPES})


def is_read(identifier: Node) -> bool:
    """True when an identifier reads a name: not an attribute after a dot, a keyword
    argument's name, a declared name, an assignment or loop target, or an import's name."""
    parent = identifier.parent
    if parent is None:
        return False
    kind = parent.type
    if kind == "attribute":
        return parent.child_by_field_name("attribute") != identifier
    if kind == "keyword_argument":
        return parent.child_by_field_name("name") != identifier
    if kind in _NAME_FIELD_PARENTS:
        return parent.child_by_field_name("name") != identifier
    if kind in ("assignment", "for_statement"):
        return parent.child_by_field_name("left") != identifier
    return kind not in ("dotted_name", "aliased_import", "relative_import",
                        "as_pattern_target", "capture", "argument_convention")



# Bytes that continue an identifier: a name followed by one of them is part of a longer
# identifier (an identifier token takes every one of them), so it is not looked up.
_IDENTIFIER_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def _occurrences(source: bytes, name: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Where ``name`` may be an identifier in ``source[start:end]``: every start of its
    bytes (overlapping ones too), except those followed by a byte that would make the
    identifier longer (a backtick name ends at its backtick)."""
    needle = name.encode()
    size = len(needle)
    closed = name.endswith("`")
    at = source.find(needle, start, end)
    while at >= 0:
        after = at + size
        if closed or after >= len(source) or source[after] not in _IDENTIFIER_BYTES:
            yield at, size
        at = source.find(needle, at + 1, end)
