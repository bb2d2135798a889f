"""Per-function facts the tensor-safety rules share: bindings, assignments, uses, dtypes.

The analysis is flow-approximate and deliberately conservative: an assignment counts at a
place when it comes before it in the source and its block encloses that place; assignments
in sibling branches in between are merged in ("one of several"). Loops are handled by
treating a use inside a loop as lasting until the loop's end. Only identifiers in code are
seen: strings, docstrings and comments are separate nodes in the tree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from tree_sitter import Node

from mojolint.semantics.dtypes import DtypeFact, derived, dtype_literal, merge, unknown
from mojolint.semantics.flow import EXITS, FLOW_TYPES, Skeleton
from mojolint.semantics.model import Binding as ModelBinding
from mojolint.semantics.model import BindingKind, Scope, SemanticModel
from mojolint.semantics.tree import (
    ancestors,
    call_arguments,
    contains,
    line_of,
    statement_of,
    text,
)
from mojolint.tensor_api import TensorApi

if TYPE_CHECKING:
    from mojolint.semantics.interproc import Interprocedural


def _assignment_of(binding: ModelBinding) -> Node | None:
    """The ``assignment`` node that binds a variable (``x = v``, ``a, b = v``), else None
    (a declaration, a walrus, a ``with ... as`` or ``except ... as`` target)."""
    node: Node | None = binding.node.parent
    while node is not None and node.type in ("pattern_list", "tuple_pattern", "list_pattern",
                                             "pattern", "parenthesized_expression",
                                             "expression_list", "tuple"):
        node = node.parent
    return node if node is not None and node.type == "assignment" else None


@dataclass
class Binding:
    """A name the function owns or borrows."""

    name: str
    kind: str  # "var" (owned local), "ref" (reference), "param" (argument), "loop"
    node: Node  # the declaring identifier
    type_text: str | None = None
    convention: str | None = None


@dataclass
class Assignment:
    name: str
    target: Node
    value: Node | None
    statement: Node


V = TypeVar("V")


class ByName(Generic[V]):
    """A function's facts about each name, computed when a name is first asked for."""

    __slots__ = ("_found", "_make")

    def __init__(self, make: Callable[[str], V]) -> None:
        self._make = make
        self._found: dict[str, V] = {}

    @overload
    def get(self, name: str) -> V | None: ...

    @overload
    def get(self, name: str, default: V) -> V: ...

    def get(self, name: str, default: V | None = None) -> V | None:
        """The facts of ``name``; ``default`` when there are none (None or empty)."""
        found = self._found.get(name, _MISSING)
        if found is _MISSING:
            found = self._found[name] = self._make(name)
        return found if found else default


_MISSING: Any = object()

# Places a function's blocks around them are found for by walking down from the function
# (a few nodes per level) before its skeleton, a query over the whole function, is built
# instead: a function asked about many places pays for the skeleton once, and then finds
# each place's blocks by bisection.
MAX_DESCENTS = 16

PARAMETER_TYPES = ("typed_parameter", "typed_default_parameter", "convention_parameter",
                   "default_parameter")


@dataclass(eq=False)
class FunctionFacts:
    """Everything the rules need to know about one function's names.

    ``bindings`` and ``assignments`` are read from the semantic model's scope of the
    function the first time either is asked for, ``uses`` from the model's references in
    that scope (a nested function's names and reads are its own, not this one's).
    """

    node: Node
    source: bytes
    api: TensorApi
    # The file's semantic model (``ctx.semantic``), whose scope of this function gives its
    # bindings, and the model's references read in each scope (its uses).
    _semantic: Callable[[], SemanticModel] = field(kw_only=True, repr=False)
    _uses_in: Callable[[Node, str], list[Node]] = field(kw_only=True, repr=False)
    # The file's interprocedural layer (summaries of callees), made on first use.
    _calls: Callable[[], Interprocedural | None] | None = field(default=None, kw_only=True,
                                                                 repr=False)
    # The function this one is nested in (a closure), whose names it may capture.
    enclosing: FunctionFacts | None = field(default=None, kw_only=True, repr=False)
    _bindings: ByName[Binding | None] | None = field(default=None, init=False, repr=False)
    _assignments: ByName[list[Assignment]] | None = field(default=None, init=False,
                                                           repr=False)
    _scope: tuple[Scope | None] | None = field(default=None, init=False, repr=False)
    _uses: ByName[list[Node]] | None = field(default=None, init=False, repr=False)
    _dtypes: dict[tuple[str, int], DtypeFact | None] = field(default_factory=dict, init=False,
                                                             repr=False)
    _skeleton: Skeleton | None = field(default=None, init=False, repr=False)
    _blocks: dict[int, Node | None] = field(default_factory=dict, init=False, repr=False)
    # The statements of the function's body block by node id (found on first use).
    _body: dict[int, Node] | None = field(default=None, init=False, repr=False)
    _assigned: dict[tuple[object, ...], DtypeFact | None] = field(
        default_factory=dict, init=False, repr=False)
    # Per block and guard subject: the first early exit that narrows (see _early_exit_guard).
    _guards: dict[tuple[object, ...], tuple[str, Node, int] | None] = field(
        default_factory=dict, init=False, repr=False)
    _comptime: set[str] | None = field(default=None, init=False, repr=False)
    # Whether the function's text holds `if` or `while` (None: not looked yet): without
    # either there is no condition to narrow a dtype by.
    _conditions: bool | None = field(default=None, init=False, repr=False)
    _descents: int = field(default=0, init=False, repr=False)
    # Per block: its early exits, `if <condition>: ... return/raise/...` without else (the
    # condition and the statement's start), found once for every subject asked about.
    _exits: dict[int, list[tuple[Node, int]]] = field(default_factory=dict, init=False,
                                                       repr=False)

    def __post_init__(self) -> None:
        # Compiled (mypyc), an ``init=False`` field's plain default is never set: the class
        # attribute that pure Python reads it from is not looked at by a native class.
        self._bindings = self._assignments = self._uses = None
        self._scope = None
        self._skeleton = None
        self._body = None
        self._comptime = None
        self._conditions = None
        self._descents = 0

    @property
    def skeleton(self) -> Skeleton:
        """The function's blocks and compound statements (found on first use)."""
        if self._skeleton is None:
            self._skeleton = Skeleton(self.node)
        return self._skeleton

    def around(self, place: Node) -> list[Node]:
        """The blocks and compound statements around ``place`` (the skeleton's node types),
        innermost first, up to and with the function (``Skeleton.enclosing``). Found by
        walking down from the function to ``place`` until the skeleton is built (a place
        outside the function, or more than ``MAX_DESCENTS`` places, build it)."""
        if self._skeleton is None and self._descents < MAX_DESCENTS:
            self._descents += 1
            path: list[Node] = []
            node: Node | None = self.node
            target = place.id
            while node is not None and node.id != target:
                if node.type in FLOW_TYPES:
                    path.append(node)
                node = node.child_with_descendant(place)
            if node is not None:
                path.reverse()
                return path
        return list(self.skeleton.enclosing(place))

    def has_conditions(self) -> bool:
        """Whether the function's text holds ``if`` or ``while`` (the keywords of every
        statement with a condition, ``elif`` included; comments and strings may too)."""
        if self._conditions is None:
            start, end = self.node.start_byte, self.node.end_byte
            self._conditions = self.source.find(b"if", start, end) >= 0 or \
                self.source.find(b"while", start, end) >= 0
        return self._conditions

    def exits_of(self, block: Node) -> list[tuple[Node, int]]:
        """The block's early exits: ``if`` statements without ``elif``/``else`` whose
        consequence ends with ``return``, ``raise``, ``break`` or ``continue``, as their
        condition and the statement's start byte, in order."""
        found = self._exits.get(block.id)
        if found is None:
            found = self._exits[block.id] = []
            for statement in block.named_children:
                start = statement.start_byte
                if statement.type == "decorated_definition":
                    inner = statement.child_by_field_name("definition")
                    statement = inner if inner is not None else statement
                if statement.type != "if_statement" or \
                        statement.child_by_field_name("alternative"):
                    continue
                consequence = statement.child_by_field_name("consequence")
                condition = statement.child_by_field_name("condition")
                if consequence is None or condition is None or \
                        not consequence.named_children:
                    continue
                if consequence.named_children[-1].type in EXITS:
                    found.append((condition, start))
        return found

    @property
    def comptime_names(self) -> set[str]:
        """Compile-time parameters of the function and of the structs around it."""
        if self._comptime is None:
            self._comptime = comptime_parameters(self.node, self.source)
        return self._comptime

    @property
    def bindings(self) -> ByName[Binding | None]:
        """Names the function binds: parameters, ``var``/``ref``, assignments, loop targets
        (``bindings.get(name)``; each name is read from the model when first asked)."""
        if self._bindings is None:
            self._bindings = ByName(self._binding_of)
        return self._bindings

    @property
    def assignments(self) -> ByName[list[Assignment]]:
        """Assignments to each name, in source order (``assignments.get(name, [])``)."""
        if self._assignments is None:
            self._assignments = ByName(self._assignments_of)
        return self._assignments

    @property
    def uses(self) -> ByName[list[Node]]:
        """Identifiers that read each name (not fields, keywords, declarations, targets),
        in source order (``uses.get(name, [])``; each name's found when first asked)."""
        if self._uses is None:
            self._uses = ByName(self._uses_of)
        return self._uses

    def _found(self, name: str) -> list[tuple[int, ModelBinding, Node | None]]:
        """The model's bindings of ``name`` in this function's scope that this layer counts:
        parameters (0), ``var``/``ref`` declarations (1), assignments (2) and loop targets
        (3), in that order and by position within each; the assignment node of each (2)."""
        if self._scope is None:
            self._scope = (self._semantic().scope_of(self.node),)
        scope = self._scope[0]
        ordered: list[tuple[int, ModelBinding, Node | None]] = []
        for found in scope.bindings.get(name, ()) if scope is not None else ():
            if found.kind is BindingKind.PARAMETER:
                if found.statement.type in PARAMETER_TYPES:
                    ordered.append((0, found, None))
            elif found.kind is BindingKind.VARIABLE:
                assigned = _assignment_of(found)
                if found.statement.type == "variable_declaration":
                    ordered.append((1, found, None))
                elif assigned is not None:
                    ordered.append((2, found, assigned))
            elif found.kind is BindingKind.LOOP_VARIABLE:
                ordered.append((3, found, None))
        if len(ordered) > 1:
            ordered.sort(key=lambda item: (item[0], item[1].start))
        return ordered

    def _binding_of(self, name: str) -> Binding | None:
        """The first of the name's bindings (:meth:`_found`) gives its kind and type."""
        found = self._found(name)
        if not found:
            return None
        category, binding, _ = found[0]
        source = self.source
        if category == 0:
            type_node = binding.statement.child_by_field_name("type")
            convention = binding.statement.child_by_field_name("convention")
            return Binding(name, "param", binding.node,
                           text(type_node, source) if type_node else None,
                           text(convention, source) if convention else None)
        if category == 1:
            keyword = binding.statement.child_by_field_name("keyword")
            kind = "ref" if keyword is not None and keyword.type == "ref" else "var"
            type_node = binding.statement.child_by_field_name("type")
            return Binding(name, kind, binding.node,
                           text(type_node, source) if type_node else None)
        return Binding(name, "var" if category == 2 else "loop", binding.node)

    def _assignments_of(self, name: str) -> list[Assignment]:
        assignments: list[Assignment] = []
        for category, found, assigned in self._found(name):
            if category == 1:
                assignments.append(Assignment(name, found.node, found.value, found.statement))
            elif category == 2 and assigned is not None:
                assignments.append(Assignment(name, found.node, found.value,
                                              statement_of(assigned)))
        if len(assignments) > 1:
            assignments.sort(key=lambda a: a.statement.start_byte)
        return assignments

    def _uses_of(self, name: str) -> list[Node]:
        """The model's references to ``name`` whose scope is this function (not a nested
        one)."""
        return self._uses_in(self.node, name)

    # --- assignments and dtypes -------------------------------------------------------

    def reaching(self, name: str, place: Node) -> list[Assignment]:
        """Assignments to ``name`` that may give it its value at ``place``."""
        found: list[Assignment] = []
        for assignment in reversed(self.assignments.get(name, [])):
            if assignment.statement.start_byte >= place.start_byte:
                continue
            if contains(assignment.statement, place):
                continue  # `t = f(t)`: the right side sees the previous value
            found.append(assignment)
            block = self._block_of(assignment.statement)
            if block is None or contains(block, place):
                break  # this one dominates: earlier ones are overwritten
        return found

    def _block_of(self, statement: Node) -> Node | None:
        key = statement.id
        if key not in self._blocks:
            if self._body is None:
                body = self.node.child_by_field_name("body")
                self._body = {child.id: body for child in body.named_children} \
                    if body is not None and body.type == "block" else {}
            # A statement of the function's own body block (most assignments) has that
            # block around it: the skeleton, a query over the whole function, is built
            # only for a statement nested deeper.
            found = self._body.get(key)
            if found is None:
                found = next((n for n in self.around(statement) if n.type == "block"), None)
            self._blocks[key] = found
        return self._blocks[key]

    def dtype_of(self, name: str, place: Node, depth: int = 0) -> DtypeFact | None:
        """The dtype fact of tensor ``name`` at ``place`` (None: not a known tensor)."""
        if depth == 0:  # what rules ask (several rules ask about the same bitcast)
            key = (name, place.id)
            if key not in self._dtypes:
                self._dtypes[key] = self._dtype_of(name, place, 0)
            return self._dtypes[key]
        return self._dtype_of(name, place, depth)

    def _dtype_of(self, name: str, place: Node, depth: int) -> DtypeFact | None:
        fact = self._assigned_dtype(name, place, depth)
        if fact is None:
            return None
        return narrow(self, name, fact, place)

    def _assigned_dtype(self, name: str, place: Node, depth: int) -> DtypeFact | None:
        reaching = self.reaching(name, place)
        # The fact depends on the assignments that reach, not on the place: a function of
        # thousands of reads of one tensor works it out once.
        key = (name, depth, *(a.statement.id for a in reaching))
        if key not in self._assigned:
            self._assigned[key] = self._reaching_dtype(name, reaching, depth)
        return self._assigned[key]

    def _reaching_dtype(self, name: str, reaching: list[Assignment], depth: int
                        ) -> DtypeFact | None:
        if not reaching:
            binding = self.bindings.get(name)
            if binding and binding.kind == "param" and self.is_tensor_type(binding.type_text):
                return unknown(f"parameter of type {binding.type_text} at line "
                               f"{line_of(binding.node)}")
            if binding is None and self.enclosing is not None:
                # A name the closure captures: its fact where the closure is defined.
                outer = self.enclosing.dtype_of(name, self.node, depth + 1)
                if outer is not None:
                    return derived(outer, name, f"captured from the enclosing function; "
                                   f"{outer.describe(name)}")
            return None
        facts = [self.value_dtype(a, depth) for a in reaching]
        if any(f is None for f in facts):
            binding = self.bindings.get(name)
            if binding and self.is_tensor_type(binding.type_text):
                return unknown(f"declared {binding.type_text} at line {line_of(binding.node)}")
            return None
        return merge([f for f in facts if f is not None])

    def is_tensor_type(self, type_text: str | None) -> bool:
        return type_text is not None and type_text.split("[")[0] in self.api.tensor_types

    def value_dtype(self, assignment: Assignment, depth: int) -> DtypeFact | None:
        """The dtype a tensor gets from the value assigned to it."""
        value = assignment.value
        if value is None or depth > 8:
            return None
        where = f"at line {line_of(assignment.statement)}"
        while value.type == "transfer_expression":
            inner = value.child_by_field_name("value")
            if inner is None:
                return None
            value = inner
        if value.type == "identifier":
            source_fact = self.dtype_of(text(value, self.source), value, depth + 1)
            if source_fact is None:
                return None
            return derived(source_fact, text(value, self.source),
                           f"copied from {text(value, self.source)} "
                           f"{where}; {source_fact.describe(text(value, self.source))}")
        if value.type != "call":
            return None
        return self._call_dtype(value, where, depth)

    def _call_dtype(self, call: Node, where: str, depth: int) -> DtypeFact | None:
        found = self._api_call_dtype(call, where, depth)
        if found is None and self._calls is not None:
            calls = self._calls()
            if calls is not None:
                return calls.call_dtype(call, self, where, depth)
        return found

    def _api_call_dtype(self, call: Node, where: str, depth: int) -> DtypeFact | None:
        function = call.child_by_field_name("function")
        if function is None:
            return None
        positional, keywords = call_arguments(call)
        api = self.api
        if function.type == "identifier":
            callee = text(function, self.source)
            if callee in api.constructors:
                argument = keywords.get("dtype")
                index = api.constructors[callee]
                if argument is None and index < len(positional):
                    argument = positional[index]
                return self._dtype_argument(argument, f"created by {callee}(...)", where, depth)
            if callee in api.cast_functions:
                index = api.cast_functions[callee]
                argument = keywords.get("dtype")
                if argument is None and index < len(positional):
                    argument = positional[index]
                return self._dtype_argument(argument, f"cast by {callee}(...)", where, depth)
            if callee.endswith(api.like_suffix) and positional:
                return self._like(positional[0], f"created by {callee}(...)", where, depth)
            return None
        if function.type == "attribute":
            receiver = function.child_by_field_name("object")
            method_node = function.child_by_field_name("attribute")
            if receiver is None or method_node is None:
                return None
            method = text(method_node, self.source)
            if method in api.conversion_methods and self._tensor_expr(receiver, depth):
                dtype = api.conversion_methods[method]
                return DtypeFact(frozenset({dtype}), f"converted by .{method}() {where}")
            if method in api.cast_methods and positional and self._tensor_expr(receiver, depth):
                return self._dtype_argument(positional[0], f"cast by .{method}(...)", where,
                                            depth)
            if method in api.copy_methods:
                return self._like(receiver, f"copied by .{method}()", where, depth)
        return None

    def _tensor_expr(self, node: Node, depth: int) -> bool:
        return node.type == "identifier" and self.dtype_of(
            text(node, self.source), node, depth + 1) is not None

    def _like(self, node: Node, how: str, where: str, depth: int) -> DtypeFact | None:
        if node.type != "identifier":
            return None
        name = text(node, self.source)
        source_fact = self.dtype_of(name, node, depth + 1)
        if source_fact is None:
            return None
        return derived(source_fact, name, f"{how} {where} from {source_fact.describe(name)}")

    def _dtype_argument(self, argument: Node | None, how: str, where: str, depth: int
                        ) -> DtypeFact:
        literal = dtype_literal(argument)
        if argument is None:
            return unknown(f"{how} {where} without a dtype argument")
        shown = text(argument, self.source)
        how = how.replace("...", "..., " + shown)
        if literal is not None:
            return DtypeFact(frozenset({literal}), f"{how} {where}")
        if argument.type == "identifier":
            value = self.dtype_variable(shown, argument)
            if value is not None:
                return DtypeFact(frozenset({value[0]}), f"{how} {where}, {shown} = {value[1]}")
            return unknown(f"{how} {where}", runtime_var=shown)
        tensor = dtype_query_receiver(argument, self.api, self.source)
        if tensor is not None:
            fact = self.dtype_of(tensor, argument, depth + 1)
            if fact is not None:
                return derived(fact, tensor, f"{how} {where} from {fact.describe(tensor)}")
            # `ExTensor(shape, self._dtype)`: not a known tensor, but the same dtype.
            return DtypeFact(None, f"{how} {where}", same_as=frozenset({tensor}))
        return unknown(f"{how} {where}")

    def dtype_variable(self, name: str, place: Node) -> tuple[str, str] | None:
        """``(dtype, "DType.x at line n")`` when a DType variable holds a known literal."""
        reaching = self.reaching(name, place)
        if len(reaching) != 1 or reaching[0].value is None:
            return None
        literal = dtype_literal(reaching[0].value)
        if literal is None:
            return None
        return literal, f"DType.{literal} at line {line_of(reaching[0].statement)}"

    # --- uses and lifetimes -------------------------------------------------------------

    def last_use_end(self, name: str) -> int:
        """Byte offset where the last use of ``name`` ends, a loop's end for uses in loops."""
        binding = self.bindings.get(name)
        return max((self.use_end(use, binding) for use in self.uses.get(name, [])), default=-1)

    def use_end(self, use: Node, binding: Binding | None) -> int:
        """Where a use stops keeping its value alive: the end of the outermost loop around
        it that does not also hold the binding's declaration (later iterations use it)."""
        end = use.end_byte
        for loop in self.skeleton.loops_around(use):
            if binding is None or not contains(loop, binding.node):
                end = max(end, loop.end_byte)
        return end

    def uses_after(self, name: str, offset: int) -> list[Node]:
        return [use for use in self.uses.get(name, []) if use.start_byte >= offset]


# --- narrowing ----------------------------------------------------------------------------


def dtype_query_receiver(node: Node, api: TensorApi, source: bytes) -> str | None:
    """``t`` for the expressions ``t._dtype`` and ``t.dtype()``."""
    if node.type == "call":
        function = node.child_by_field_name("function")
        positional, keywords = call_arguments(node)
        if function is None or positional or keywords:
            return None
        node = function
        wanted = api.dtype_method
    else:
        wanted = api.dtype_field
    if node.type != "attribute":
        return None
    obj, attr = node.child_by_field_name("object"), node.child_by_field_name("attribute")
    if obj is None or attr is None or obj.type != "identifier" or text(attr, source) != wanted:
        return None
    return text(obj, source)


def _comparisons(condition: Node) -> list[Node]:
    """Comparisons joined by ``and`` at the top of a condition (all of them must hold)."""
    found, stack = [], [condition]
    while stack:
        node = stack.pop()
        if node.type == "parenthesized_expression":
            stack.extend(node.named_children)
        elif node.type == "boolean_operator" and node.child_by_field_name("operator") is None:
            operator = next((c for c in node.children if c.type in ("and", "or")), None)
            if operator is not None and operator.type == "and":
                stack.extend(c for c in node.named_children)
        elif node.type == "comparison_operator":
            found.append(node)
    return found


def _compared_dtype(comparison: Node, subject_matches: object) -> tuple[str, str] | None:
    """``(operator, dtype)`` when a comparison tests the subject against a DType literal."""
    operands = comparison.named_children
    if len(operands) != 2:
        return None
    operator = next((c.type for c in comparison.children if not c.is_named), "")
    for subject, other in (operands, operands[::-1]):
        literal = dtype_literal(other)
        if literal is not None and callable(subject_matches) and subject_matches(subject):
            return operator, literal
    return None


def guard_subject(facts: FunctionFacts, name: str, fact: DtypeFact
                  ) -> Callable[[Node], bool]:
    """A predicate: does an expression stand for the dtype of ``name``?

    ``t._dtype`` and ``t.dtype()`` do, for ``name`` and every tensor it copied its dtype
    from; so does the DType variable it was made from, and a local variable assigned from
    one of those (``var dt = t.dtype()``).
    """
    names = fact.same_as | {name}

    def direct(node: Node) -> bool:
        if dtype_query_receiver(node, facts.api, facts.source) in names:
            return True
        return (fact.runtime_var is not None and node.type == "identifier"
                and text(node, facts.source) == fact.runtime_var)

    def matches(node: Node) -> bool:
        if direct(node):
            return True
        if node.type != "identifier":
            return False
        reaching = facts.reaching(text(node, facts.source), node)
        return len(reaching) == 1 and reaching[0].value is not None and \
            _mentions(reaching[0].value, direct)

    return matches


def dispatch_subject(facts: FunctionFacts) -> Callable[[Node], bool]:
    """A predicate: does an expression show the code dispatches on some dtype?

    Any tensor's ``._dtype``/``.dtype()``, a ``DType.x`` literal, or a compile-time parameter
    of the function or its struct (``fn k[dtype: DType](t: ExTensor)``, dispatched by its
    caller). A test of one of those counts as a guard, without telling which dtype the
    tensor has: code that tests ``a.dtype()`` and then reads ``b``'s buffer assumes their
    dtypes agree, which is another bug class than a missing dispatch.
    """
    parameters = facts.comptime_names

    def matches(node: Node) -> bool:
        if node.type == "identifier":
            return text(node, facts.source) in parameters
        return dtype_literal(node) is not None or \
            dtype_query_receiver(node, facts.api, facts.source) is not None

    return matches


def comptime_parameters(function: Node, source: bytes, of_type: str | None = None
                        ) -> set[str]:
    """Names of the compile-time parameters of a function and of the structs around it
    (only those declared ``: <of_type>`` when it is given)."""
    names: set[str] = set()
    owners = [function, *(p for p in ancestors(function)
                          if p.type in ("struct_definition", "extension_definition"))]
    for owner in owners:
        parameters = owner.child_by_field_name("type_parameters")
        if parameters is None:
            continue
        for parameter in parameters.named_children:
            name = parameter.child_by_field_name("name")
            if name is None and parameter.type == "identifier":
                name = parameter
            if name is None or name.type != "identifier":
                continue
            declared = parameter.child_by_field_name("type")
            if of_type is None or (declared is not None and text(declared, source) == of_type):
                names.add(text(name, source))
    return names


def narrow(facts: FunctionFacts, name: str, fact: DtypeFact, place: Node) -> DtypeFact:
    """Apply the dtype guards that hold at ``place``: enclosing ``if`` branches and
    earlier ``if <dtype> != DType.x: raise/return`` statements in enclosing blocks."""
    if not facts.has_conditions():
        return fact  # no `if` (nor `while ... else`) in the function: nothing narrows
    matches = guard_subject(facts, name, fact)
    dispatch = dispatch_subject(facts)

    def either(node: Node) -> bool:
        return matches(node) or dispatch(node)

    guarded = False
    subject = (name, fact.same_as, fact.runtime_var)
    around = facts.around(place)
    for index, parent in enumerate(around):
        condition_owner = around[index + 1] if parent.type == "block" and \
            index + 1 < len(around) else None
        if condition_owner is not None and condition_owner.type in ("if_statement",
                                                                    "elif_clause"):
            consequence = condition_owner.child_by_field_name("consequence")
            condition = condition_owner.child_by_field_name("condition")
            if condition is not None and consequence is not None and \
                    consequence.id == parent.id:
                result = _narrow_by(condition, matches, "==")
                if result is not None:
                    return _narrowed(result, condition, facts.source)
                guarded = guarded or _mentions(condition, either)
        if condition_owner is not None and condition_owner.type == "else_clause":
            owner = around[index + 2] if index + 2 < len(around) else None
            guarded = True if _else_of_guard(owner, either) else guarded
        if parent.type == "block":
            result_node = _early_exit_guard(parent, place, matches, facts, subject)
            if result_node is not None:
                return _narrowed(result_node[0], result_node[1], facts.source,
                                 "after the early exit on")
            guarded = guarded or _early_exit_guard(parent, place, either, facts, subject,
                                                   any_test=True) is not None
    if guarded:
        return DtypeFact(fact.dtypes, fact.origin + "; tested by an enclosing dtype guard",
                         fact.runtime_var, narrowed=True, same_as=fact.same_as)
    return fact


def _narrowed(dtype: str, condition: Node, source: bytes, how: str = "narrowed by"
              ) -> DtypeFact:
    return DtypeFact(frozenset({dtype}), f"{how} `{text(condition, source)}` at line "
                     f"{line_of(condition)}", narrowed=True)


def _narrow_by(condition: Node, matches: object, wanted: str) -> str | None:
    for comparison in _comparisons(condition):
        found = _compared_dtype(comparison, matches)
        if found is not None and found[0] == wanted:
            return found[1]
    return None


def _mentions(condition: Node, matches: object) -> bool:
    stack = [condition]
    while stack:
        node = stack.pop()
        if callable(matches) and matches(node):
            return True
        stack.extend(node.named_children)
    return False


def _else_of_guard(owner: Node | None, matches: object) -> bool:
    condition = owner.child_by_field_name("condition") if owner is not None else None
    return condition is not None and _mentions(condition, matches)


def _early_exit_guard(block: Node, place: Node, matches: object, facts: FunctionFacts,
                      subject: tuple[object, ...], any_test: bool = False
                      ) -> tuple[str, Node] | None:
    """``if t.dtype() != DType.x: raise ...`` before ``place`` in ``block`` narrows to x.

    With ``any_test``, any early exit whose condition mentions the subject is found (its
    dtype is then ``""``): the code after it is guarded without a dtype being known.

    The first such exit of the block is found once per block and subject (``matches``
    depends only on the subject): a place is guarded when that exit comes before it."""
    key = (block.id, any_test, *subject)
    if key not in facts._guards:
        facts._guards[key] = _first_exit_guard(block, matches, facts, any_test)
    found = facts._guards[key]
    if found is None or found[2] >= place.start_byte:
        return None
    return found[0], found[1]


def _first_exit_guard(block: Node, matches: object, facts: FunctionFacts, any_test: bool
                      ) -> tuple[str, Node, int] | None:
    """The block's first early exit on the subject: its dtype, condition and start."""
    for condition, start in facts.exits_of(block):
        if any_test and _mentions(condition, matches):
            return "", condition, start
        dtype = _narrow_by(condition, matches, "!=")
        if dtype is not None:
            return dtype, condition, start
    return None



# --- collecting names ----------------------------------------------------------------------
