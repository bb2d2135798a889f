"""Tensor dtypes across functions and files, through summaries (the tensor layer).

No whole-program fixed point: each function gets a summary of the dtype of the tensor it
returns, in terms of what it can see at its ``return`` statements, and each struct
constructor or static factory a summary of the constant dtype values it stores in fields:

- ``DType.float32``: a constant (``return zeros(shape, DType.float32)``);
- ``self.compute_dtype``: a field of the receiver (``return cast_tensor(t, self.f)``, and
  ``return t`` under ``if t.dtype() == self.f:``);
- ``dtype`` or ``t``: the value of a parameter (a ``DType`` argument, or the dtype of a
  tensor argument returned as is).

Every ``return`` of the function must agree, or the summary is unknown. A caller then reads
``cfg.cast_to_compute(x)`` with ``cfg = PrecisionConfig.fp32()`` as: the factory stores
``compute_dtype = DType.float32`` (through ``__init__``'s ``self.compute_dtype =
compute_dtype``), and the method returns the receiver's ``compute_dtype``: float32. Callees
are found in the file or, through its imports, in the project's other files
(:mod:`mojolint.semantics.project`); each fact says where it came from. Summaries are
computed once per function and process; a cycle of calls gives an unknown summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tree_sitter import Node

from mojolint.semantics.dtypes import DtypeFact, dtype_literal
from mojolint.semantics.lookup import ProjectLookup
from mojolint.semantics.model import BindingKind, Scope, ScopeKind, SemanticModel
from mojolint.semantics.project import ProjectIndex
from mojolint.semantics.tree import (
    FIELD_ASSIGNMENTS,
    RETURNS,
    call_arguments,
    captures,
    line_of,
    text,
)
from mojolint.tensor_api import TensorApi

if TYPE_CHECKING:
    from mojolint.semantics.function import FunctionFacts

MAX_DEPTH = 6


@dataclass(frozen=True)
class DtypeSource:
    """What a summary says a dtype is: a constant, a receiver field, or a parameter."""

    kind: str  # "const" | "field" | "param"
    value: str  # the dtype, the field name or the parameter name
    where: str  # "shared/training/precision_config.mojo:317"


@dataclass(frozen=True)
class Place:
    """A function or struct found for a call, and the file it is in."""

    model: SemanticModel
    scope: Scope
    shown: str  # the file as the messages show it
    path: Path | None  # the file, for its imports


class Interprocedural:
    """Dtype facts of calls in one linted file."""

    def __init__(self, model: SemanticModel, path: Path | None, index: ProjectIndex | None,
                 api: TensorApi) -> None:
        self.model = model
        self.path = path
        self.index = index
        self.api = api
        self._shown = path.name if path is not None else "-"
        self._lookup = ProjectLookup(model, path, index)
        self._returns: dict[int, DtypeSource | None] = {}
        self._fields: dict[int, dict[str, DtypeSource]] = {}
        self._busy: set[int] = set()

    # --- finding callees ----------------------------------------------------------------

    def _top_level(self, name: str, model: SemanticModel, shown: str, path: Path | None
                   ) -> Place | None:
        """The module-level function or struct ``name`` of a file, following imports
        (:class:`~mojolint.semantics.lookup.ProjectLookup`, which TS004 asks too)."""
        found = self._lookup.top_level(name, model, path, shown)
        if found is None or found.binding.defines is None:
            return None
        return Place(found.model, found.binding.defines, found.shown, found.path)

    def _struct(self, name: str) -> Place | None:
        found = self._top_level(name, self.model, self._shown, self.path)
        return found if found is not None and found.scope.kind is ScopeKind.STRUCT else None

    @staticmethod
    def _method(struct: Place, name: str) -> Place | None:
        for binding in struct.scope.bindings.get(name, []):
            if binding.kind is BindingKind.FUNCTION and binding.defines is not None:
                return Place(struct.model, binding.defines, struct.shown, struct.path)
        return None

    # --- summaries ----------------------------------------------------------------------

    def returned_dtype(self, function: Place) -> DtypeSource | None:
        """The summary of the dtype a function returns (None: unknown)."""
        key = function.scope.node.id
        if key in self._returns:
            return self._returns[key]
        if key in self._busy:
            return None  # a cycle
        self._busy.add(key)
        try:
            found = self._summarise_returns(function)
        finally:
            self._busy.discard(key)
        self._returns[key] = found
        return found

    def _summarise_returns(self, function: Place) -> DtypeSource | None:
        source = function.model.source
        returns = [r for r in captures(RETURNS, function.scope.node).get("r", [])
                   if function.model.scope_at(r) is function.scope]
        if not returns:
            return None
        found: DtypeSource | None = None
        for statement in returns:
            value = statement.named_children[0] if statement.named_child_count else None
            if value is None:
                return None
            where = f"{function.shown}:{line_of(statement)}"
            summary = self._expression(value, function, where, source, 0)
            if summary is None:
                return None
            if found is not None and (found.kind, found.value) != (summary.kind, summary.value):
                return None
            found = found or summary
        return found

    def _expression(self, value: Node, function: Place, where: str, source: bytes,
                    depth: int) -> DtypeSource | None:
        if depth > MAX_DEPTH:
            return None
        while value.type in ("transfer_expression", "parenthesized_expression") and \
                value.named_child_count:
            value = value.named_children[0]
        if value.type == "identifier":
            name = text(value, source)
            binding = function.model.resolve(name, function.scope, value.start_byte)
            if binding is None:
                return None
            if binding.kind is BindingKind.PARAMETER:
                guard = self._guarded_dtype(value, name, function, where, source)
                return guard or DtypeSource("param", name, where)
            if binding.kind is BindingKind.VARIABLE and binding.value is not None:
                return self._expression(binding.value, function, where, source, depth + 1)
            return None
        if value.type != "call":
            return None
        callee = value.child_by_field_name("function")
        if callee is None or callee.type != "identifier":
            return None
        name = text(callee, source)
        positional, keywords = call_arguments(value)
        index = self.api.constructors.get(name, self.api.cast_functions.get(name))
        if index is not None:
            argument = keywords.get("dtype")
            if argument is None and index < len(positional):
                argument = positional[index]
            return self._dtype_value(argument, function, where, source)
        if name.endswith(self.api.like_suffix) and positional:
            return self._expression(positional[0], function, where, source, depth + 1)
        # Another function's result: its summary, when it is a constant.
        callee_place = self._top_level(name, function.model, function.shown, function.path)
        if callee_place is None or callee_place.scope.kind is not ScopeKind.FUNCTION:
            return None
        summary = self.returned_dtype(callee_place)
        if summary is None or summary.kind != "const":
            return None
        return DtypeSource("const", summary.value, f"{where}, {name} at {summary.where}")

    def _dtype_value(self, node: Node | None, function: Place, where: str, source: bytes
                     ) -> DtypeSource | None:
        """The summary of an expression that is a DType."""
        if node is None:
            return None
        literal = dtype_literal(node)
        if literal is not None:
            return DtypeSource("const", literal, where)
        if node.type == "attribute":
            obj, attr = node.child_by_field_name("object"), node.child_by_field_name("attribute")
            if obj is not None and attr is not None and text(obj, source) == "self":
                return DtypeSource("field", text(attr, source), where)
        if node.type == "identifier":
            name = text(node, source)
            binding = function.model.resolve(name, function.scope, node.start_byte)
            if binding is not None and binding.kind is BindingKind.PARAMETER:
                return DtypeSource("param", name, where)
        return None

    def _guarded_dtype(self, place: Node, name: str, function: Place, where: str,
                       source: bytes) -> DtypeSource | None:
        """``if t.dtype() == <d>:`` around ``place`` (a return of parameter ``t``)."""
        current = place.parent
        for _ in range(32):
            if current is None or current.id == function.scope.node.id:
                return None
            owner = current.parent
            if current.type == "block" and owner is not None and \
                    owner.type in ("if_statement", "elif_clause") and \
                    owner.child_by_field_name("consequence") == current:
                condition = owner.child_by_field_name("condition")
                if condition is not None and condition.type == "comparison_operator" and \
                        len(condition.named_children) == 2 and b"==" in (
                            condition.text or b""):
                    left, right = condition.named_children
                    for subject, other in ((left, right), (right, left)):
                        if self._is_dtype_of(subject, name, source):
                            return self._dtype_value(other, function, where, source)
            current = owner
        return None

    def _is_dtype_of(self, node: Node, name: str, source: bytes) -> bool:
        if node.type == "call" and not call_arguments(node)[0]:
            node = node.child_by_field_name("function") or node
            wanted = self.api.dtype_method
        else:
            wanted = self.api.dtype_field
        if node.type != "attribute":
            return False
        obj, attr = node.child_by_field_name("object"), node.child_by_field_name("attribute")
        return obj is not None and attr is not None and text(obj, source) == name and \
            text(attr, source) == wanted

    def constant_fields(self, struct: Place, call: Node, source: bytes, shown: str
                        ) -> dict[str, DtypeSource]:
        """Fields a constructor call ``S(...)`` sets to a DType literal."""
        init = self._method(struct, "__init__")
        if init is None:
            return {}
        stored = self._init_fields(init)
        parameters = [b for b in sorted(init.scope.all_bindings(), key=lambda b: b.start)
                      if b.kind is BindingKind.PARAMETER and b.name != "self"]
        positional, keywords = call_arguments(call)
        found: dict[str, DtypeSource] = {}
        for field_name, parameter in stored.items():
            argument = keywords.get(parameter)
            if argument is None:
                index = next((i for i, p in enumerate(parameters) if p.name == parameter), -1)
                argument = positional[index] if 0 <= index < len(positional) else None
            literal = dtype_literal(argument)
            if literal is not None and argument is not None:
                found[field_name] = DtypeSource("const", literal, f"{shown}:{line_of(argument)}")
        return found

    def _init_fields(self, init: Place) -> dict[str, str]:
        """``self.f = p`` in ``__init__``: field name -> parameter name."""
        key = init.scope.node.id
        if key in self._fields:
            return {k: v.value for k, v in self._fields[key].items()}
        source = init.model.source
        stored: dict[str, DtypeSource] = {}
        for assign in captures(FIELD_ASSIGNMENTS,
                               init.scope.node).get("a", []):
            left, right = assign.child_by_field_name("left"), assign.child_by_field_name("right")
            obj = left.child_by_field_name("object") if left is not None else None
            attr = left.child_by_field_name("attribute") if left is not None else None
            if obj is None or attr is None or right is None or text(obj, source) != "self":
                continue
            binding = init.model.resolve(text(right, source), init.scope, right.start_byte)
            if binding is not None and binding.kind is BindingKind.PARAMETER:
                stored[text(attr, source)] = DtypeSource("param", binding.name, "")
        self._fields[key] = stored
        return {k: v.value for k, v in stored.items()}

    # --- the caller's side --------------------------------------------------------------

    def receiver_fields(self, binding_value: Node, source: bytes
                        ) -> tuple[Place, dict[str, DtypeSource], str] | None:
        """For ``x = S(...)`` or ``x = S.factory(...)``: the struct, the constant fields
        the value gets, and how it was made (for messages)."""
        if binding_value.type != "call":
            return None
        callee = binding_value.child_by_field_name("function")
        if callee is None:
            return None
        if callee.type == "identifier":
            struct = self._struct(text(callee, source))
            if struct is None:
                return None
            made = f"{text(callee, source)}(...)"
            return struct, self.constant_fields(struct, binding_value, source, self._shown), made
        if callee.type != "attribute":
            return None
        obj, attr = callee.child_by_field_name("object"), callee.child_by_field_name("attribute")
        if obj is None or attr is None or obj.type != "identifier":
            return None
        struct = self._struct(text(obj, source))
        if struct is None:
            return None
        factory = self._method(struct, text(attr, source))
        if factory is None:
            return None
        fields = self._factory_fields(struct, factory)
        return struct, fields, f"{text(obj, source)}.{text(attr, source)}()"

    def _factory_fields(self, struct: Place, factory: Place) -> dict[str, DtypeSource]:
        """The constant fields every ``return S(...)`` of a static factory sets."""
        source = factory.model.source
        struct_name = struct.scope.name or ""
        result: dict[str, DtypeSource] | None = None
        for statement in captures(RETURNS, factory.scope.node).get("r", []):
            value = statement.named_children[0] if statement.named_child_count else None
            callee = value.child_by_field_name("function") if value is not None and \
                value.type == "call" else None
            if value is None or callee is None or text(callee, source) not in (struct_name,
                                                                                 "Self"):
                return {}
            fields = self.constant_fields(struct, value, source, factory.shown)
            result = fields if result is None else {
                k: v for k, v in result.items()
                if k in fields and fields[k].value == v.value}
        return result or {}

    def call_dtype(self, call: Node, facts: FunctionFacts, where: str, depth: int
                   ) -> DtypeFact | None:
        """The dtype fact of the tensor ``call`` returns, from the callee's summary."""
        if depth > MAX_DEPTH:
            return None
        source = facts.source
        callee = call.child_by_field_name("function")
        if callee is None:
            return None
        positional, keywords = call_arguments(call)
        if callee.type == "identifier":
            function = self._top_level(text(callee, source), self.model, self._shown, self.path)
            if function is None or function.scope.kind is not ScopeKind.FUNCTION:
                return None
            summary = self.returned_dtype(function)
            shown = f"{text(callee, source)}(...)"
            return self._apply(summary, {}, shown, "", function, call, positional, keywords,
                               facts, where, depth)
        if callee.type != "attribute":
            return None
        receiver = callee.child_by_field_name("object")
        method_node = callee.child_by_field_name("attribute")
        if receiver is None or method_node is None or receiver.type != "identifier":
            return None
        reaching = facts.reaching(text(receiver, source), call)
        if len(reaching) != 1 or reaching[0].value is None:
            return None
        made = self.receiver_fields(reaching[0].value, source)
        if made is None:
            return None
        struct, fields, how = made
        method = self._method(struct, text(method_node, source))
        if method is None:
            return None
        summary = self.returned_dtype(method)
        shown = f"{text(receiver, source)}.{text(method_node, source)}(...)"
        return self._apply(summary, fields, shown, f"{text(receiver, source)} = {how}", method,
                           call, positional, keywords, facts, where, depth)

    def _apply(self, summary: DtypeSource | None, fields: dict[str, DtypeSource], shown: str,
               receiver: str, function: Place, call: Node, positional: list[Node],
               keywords: dict[str, Node], facts: FunctionFacts, where: str, depth: int
               ) -> DtypeFact | None:
        if summary is None:
            return None
        name = function.scope.name or "the function"
        if summary.kind == "const":
            return DtypeFact(frozenset({summary.value}), f"returned by {shown} {where}: {name} "
                             f"returns DType.{summary.value} ({summary.where})")
        if summary.kind == "field":
            constant = fields.get(summary.value)
            if constant is None:
                return None
            return DtypeFact(frozenset({constant.value}), (
                f"returned by {shown} {where}: {receiver} sets {summary.value} = "
                f"DType.{constant.value} ({constant.where}), and {name} returns a tensor of "
                f"self.{summary.value} ({summary.where})"))
        parameters = [b for b in sorted(function.scope.all_bindings(), key=lambda b: b.start)
                      if b.kind is BindingKind.PARAMETER and b.name != "self"]
        argument = keywords.get(summary.value)
        if argument is None:
            index = next((i for i, p in enumerate(parameters) if p.name == summary.value), -1)
            argument = positional[index] if 0 <= index < len(positional) else None
        if argument is None:
            return None
        literal = dtype_literal(argument)
        if literal is not None:
            return DtypeFact(frozenset({literal}), f"returned by {shown} {where}: {name} "
                             f"returns a tensor of its argument {summary.value} = "
                             f"DType.{literal} ({summary.where})")
        if argument.type == "identifier":
            argument_name = text(argument, facts.source)
            fact = facts.dtype_of(argument_name, argument, depth + 1)
            if fact is not None and fact.known is not None:
                return DtypeFact(fact.dtypes, (
                    f"returned by {shown} {where}: {name} returns a tensor of the dtype of "
                    f"its argument {summary.value} ({summary.where}), and "
                    f"{fact.describe(argument_name)}"))
        return None

