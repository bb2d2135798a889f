"""Pointer origins: does a pointer keep the value it came from alive?

Mojo destroys a value after its last use. A pointer whose type carries an origin that
names a value (``origin_of(x)``, the origin parameter of a method returning
``origin_of(self)``, or ``MutAnyOrigin``, which may alias anything) counts as a use of that
value, so the value lives until the pointer's last use: *tracked*. A pointer whose origin
is external or untracked (``MutExternalOrigin``, ``MutUntrackedOrigin``, a struct field of
such a type, ``unsafe_origin_cast``) does not: reading it after the value's last use reads
freed memory: *untracked*. Mojo 1.2 forbids ``AnyOrigin`` in struct fields, so from 1.2 on
a raw pointer read from a struct field is untracked whatever its declaration says.
``tests/compiler/test_pointer_origins.py`` proves both behaviours with the compilers.

:func:`classify` answers for one pointer-valued expression of a function, from the model's
declared types (fields, method return types, the variable's own declared type) and the
stdlib's pointer-producing calls; an origin that cannot be found is unknown, which counts
as untracked only for the configured data field (a tensor's ``_data``) and for pointers
derived from an untracked one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tree_sitter import Node

from mojolint.semantics.model import Binding, BindingKind, Scope, SemanticModel
from mojolint.semantics.tree import call_arguments, text
from mojolint.semantics.types import TypeExpr, parse_type

POINTER_TYPES = frozenset({"UnsafePointer", "LegacyUnsafePointer", "Pointer", "OpaquePointer",
                           "UnsafeMutPointer", "UnsafeImmutPointer"})
# Methods that return a pointer of their receiver's origin (the stdlib's and tensors').
DERIVING_METHODS = frozenset({"bitcast", "offset", "address_space_cast", "mut_cast",
                              "static_alignment_cast", "as_noalias_ptr"})
UNTRACKED_WORDS = ("External", "Untracked")
# The release from which a struct field may not hold an AnyOrigin pointer.
FIELDS_UNTRACKED_FROM = (1, 2)


@dataclass(frozen=True)
class PointerOrigin:
    """Where a pointer points and whether it keeps that value alive."""

    tracked: bool
    owner: str | None  # the local name it points into (None: nothing local)
    why: str           # for messages: "field `data` is UnsafePointer[Int, MutExternalOrigin]"


def origin_argument(pointer_type: TypeExpr) -> TypeExpr | None:
    """The origin argument of a pointer type (``origin=`` or the second positional)."""
    if pointer_type.base not in POINTER_TYPES:
        return None
    return pointer_type.argument(1, keyword="origin")


def origin_tracks(origin: TypeExpr | None, comptime: Callable[[str], bool]) -> bool | None:
    """True: the origin names a value (or any value); False: external or untracked; None:
    no origin written. ``comptime(name)`` says whether a name is an origin parameter."""
    if origin is None:
        return None
    written = origin.text or origin.name
    if any(word in written for word in UNTRACKED_WORDS):
        return False
    if "AnyOrigin" in written or "origin_of" in written or "StaticConstantOrigin" in written:
        return True
    if comptime(origin.base) or origin.base.endswith("origin") or origin.base.endswith("Origin"):
        return True  # an origin parameter: bound to a value's origin by the caller
    return None


def _release(target_version: str) -> tuple[int, int]:
    parts = target_version.split(".")
    try:
        major, minor = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    except ValueError:
        return (0, 0)
    return (0, major) if major >= 24 else (major, minor)  # "26.1" is 0.26.1


class OriginClassifier:
    """Classifies pointer expressions of one file."""

    def __init__(self, model: SemanticModel, target_version: str, data_field: str,
                 pointer_methods: tuple[str, ...], pointer_constructors: tuple[str, ...]
                 ) -> None:
        self.model = model
        self.source = model.source
        self.fields_untracked = _release(target_version) >= FIELDS_UNTRACKED_FROM
        self.data_field = data_field
        self.pointer_methods = pointer_methods
        self.pointer_constructors = pointer_constructors

    # --- types of locals --------------------------------------------------------------

    def type_of(self, binding: Binding) -> TypeExpr | None:
        """A binding's declared type, else the struct its value constructs (``Buf(...)``)."""
        if binding.type is not None:
            return binding.type
        value = binding.value
        if value is not None and value.type == "call":
            function = value.child_by_field_name("function")
            if function is not None and function.type in ("identifier", "subscript"):
                head = function.child_by_field_name("value") if function.type == \
                    "subscript" else function
                if head is not None and text(head, self.source) in self.model.structs:
                    return TypeExpr(text(head, self.source))
        return None

    def _struct_of(self, name: str, scope: Scope, at: int) -> tuple[Binding | None, str | None]:
        binding = self.model.resolve(name, scope, at)
        if binding is None:
            return None, None
        declared = self.type_of(binding)
        if declared is None:
            return binding, None
        return binding, declared.base if declared.base != "Self" else None

    def declared_origin(self, binding: Binding, found: PointerOrigin) -> PointerOrigin:
        """``found``, unless the variable declares a pointer type with an origin."""
        declared = binding.type
        if declared is None or declared.base not in POINTER_TYPES:
            return found
        tracks = origin_tracks(origin_argument(declared), lambda name: False)
        if tracks is None or tracks == found.tracked:
            return found
        return PointerOrigin(tracks, found.owner, f"`{binding.name}` is declared `{declared}`")

    # --- expressions --------------------------------------------------------------------

    def classify(self, expression: Node, scope: Scope,
                 known: Callable[[str, int], PointerOrigin | None]) -> PointerOrigin | None:
        """The origin of a pointer-valued expression in ``scope``; None when it is not known
        to be a pointer into a local value. ``known(name, at)`` gives the origin of a pointer
        variable bound before ``at``."""
        node = expression
        casts: list[TypeExpr] = []
        for _ in range(32):  # a pointer expression is a short chain; stop on anything odd
            kind = node.type
            if kind == "parenthesized_expression" and node.named_children:
                node = node.named_children[0]
            elif kind == "binary_operator":  # p + n
                left = node.child_by_field_name("left")
                if left is None:
                    return None
                node = left
            elif kind == "identifier":
                found = known(text(node, self.source), expression.start_byte)
                return _cast(found, casts)
            elif kind == "attribute":
                return _cast(self._field(node, scope), casts)
            elif kind == "call":
                function = node.child_by_field_name("function")
                made = self._made_by_call(node, function, scope)
                if made is not None:
                    return _cast(made, casts)
                receiver, method, parameters = _method_parts(function, self.source)
                if receiver is None or method is None:
                    return None
                if method == "unsafe_origin_cast" and parameters is not None:
                    casts.append(parameters)
                elif method not in DERIVING_METHODS:
                    return None
                node = receiver
            else:
                return None
        return None

    def _field(self, attribute: Node, scope: Scope) -> PointerOrigin | None:
        obj = attribute.child_by_field_name("object")
        attr = attribute.child_by_field_name("attribute")
        if obj is None or attr is None or obj.type != "identifier":
            return None
        owner, field_name = text(obj, self.source), text(attr, self.source)
        _, struct_name = self._struct_of(owner, scope, attribute.start_byte)
        struct = self.model.structs.get(struct_name) if struct_name else None
        field = struct.fields.get(field_name) if struct is not None else None
        if field is None or field.type is None:
            if field_name == self.data_field:
                return PointerOrigin(False, owner, f"`{owner}.{field_name}` is a raw pointer "
                                     "field of unknown origin")
            return None
        if field.type.base not in POINTER_TYPES:
            return None
        shown = f"field `{field_name}` of {struct_name} is `{field.type}`"
        if self.fields_untracked:
            return PointerOrigin(False, owner, shown + "; from Mojo 1.2 a pointer in a struct "
                                 "field is untracked")
        assert struct is not None
        tracks = origin_tracks(origin_argument(field.type), struct.parameters.__contains__)
        return PointerOrigin(bool(tracks), owner, shown)

    def _made_by_call(self, call: Node, function: Node | None, scope: Scope
                      ) -> PointerOrigin | None:
        """``UnsafePointer(to=x)`` and ``x.method()`` for a pointer-returning method."""
        if function is None:
            return None
        head = function.child_by_field_name("value") if function.type == "subscript" \
            else function
        if head is not None and head.type == "identifier" and \
                text(head, self.source) in self.pointer_constructors:
            _, keywords = call_arguments(call)
            target = keywords.get("to")
            while target is not None and target.type in ("attribute", "subscript"):
                target = target.child_by_field_name(
                    "object" if target.type == "attribute" else "value")  # to=x.field
            if target is not None and target.type == "identifier":
                name = text(target, self.source)
                return PointerOrigin(True, name, f"`{text(head, self.source)}(to={name})` "
                                     f"carries origin_of({name})")
            return None
        receiver, method, _ = _method_parts(function, self.source)
        if receiver is None or method is None or receiver.type != "identifier":
            return None
        owner = text(receiver, self.source)
        _, struct_name = self._struct_of(owner, scope, call.start_byte)
        struct = self.model.structs.get(struct_name) if struct_name else None
        declared = struct.methods.get(method) if struct is not None else None
        if declared and declared[0].type is not None and declared[0].type.base in POINTER_TYPES:
            returned = declared[0].type
            tracks = origin_tracks(origin_argument(returned), lambda name: name in (
                struct.parameters if struct is not None else {}))
            return PointerOrigin(bool(tracks), owner,
                                 f"{struct_name}.{method}() returns `{returned}`")
        if method in self.pointer_methods:
            # The stdlib's pointer methods return a pointer of origin_of(self).
            return PointerOrigin(True, owner, f"`{owner}.{method}()` carries "
                                 f"origin_of({owner})")
        return None


def _cast(found: PointerOrigin | None, casts: list[TypeExpr]) -> PointerOrigin | None:
    """Apply ``unsafe_origin_cast[O]`` calls met on the way (the outermost wins)."""
    if found is None or not casts:
        return found
    tracks = origin_tracks(casts[0], lambda name: False)
    if tracks is False:
        return PointerOrigin(False, found.owner, f"unsafe_origin_cast[{casts[0]}] drops the "
                             "origin")
    return found


def _method_parts(function: Node | None, source: bytes
                  ) -> tuple[Node | None, str | None, TypeExpr | None]:
    """``(receiver, method, first compile-time argument)`` of ``receiver.method[...]``."""
    parameters = None
    if function is not None and function.type == "subscript":
        argument = function.child_by_field_name("subscript")
        parameters = parse_type(argument, source) if argument is not None else None
        function = function.child_by_field_name("value")
    if function is None or function.type != "attribute":
        return None, None, None
    attr = function.child_by_field_name("attribute")
    receiver = function.child_by_field_name("object")
    return receiver, text(attr, source) if attr is not None else None, parameters


def owned_local(binding: Binding | None) -> bool:
    """True for a value the function owns: a variable (not a parameter, loop variable,
    ``ref`` or ``self``)."""
    if binding is None or binding.kind is not BindingKind.VARIABLE or binding.name == "self":
        return False
    keyword = binding.statement.child_by_field_name("keyword") \
        if binding.statement.type == "variable_declaration" else None
    return keyword is None or keyword.type != "ref"
