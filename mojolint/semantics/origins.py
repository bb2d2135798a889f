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

from mojolint.semantics.lookup import Found, ProjectLookup
from mojolint.semantics.model import Binding, BindingKind, Scope, SemanticModel, StructInfo
from mojolint.semantics.tree import call_arguments, text
from mojolint.semantics.types import TypeExpr, parse_type

POINTER_TYPES = frozenset({"UnsafePointer", "LegacyUnsafePointer", "Pointer", "OpaquePointer",
                           "UnsafeMutPointer", "UnsafeImmutPointer"})
# Methods that return a pointer of their receiver's origin (the stdlib's and tensors').
DERIVING_METHODS = frozenset({"bitcast", "offset", "address_space_cast", "mut_cast",
                              "static_alignment_cast", "as_noalias_ptr"})
UNTRACKED_WORDS = ("External", "Untracked")
# Containers whose single type argument is the type of ``xs[i]``.
CONTAINERS = frozenset({"List", "InlineArray", "Span", "Optional", "Pointer", "UnsafePointer"})
# Expressions whose pointer origin may be an earlier pointer variable's, without a `.`.
_DERIVED_STARTS = frozenset({"identifier", "parenthesized_expression", "binary_operator"})
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
                 pointer_methods: tuple[str, ...], pointer_constructors: tuple[str, ...],
                 lookup: ProjectLookup | None = None, tensor_types: tuple[str, ...] = ()
                 ) -> None:
        self.model = model
        # The tensor types whose data field ``x._data`` is, when x's own type is not found.
        self.tensor_types = tensor_types
        # Structs and functions of the project's other files (the linted file's imports):
        # a field declared there is read from its declaration.
        self.lookup = lookup
        self.source = model.source
        self.fields_untracked = _release(target_version) >= FIELDS_UNTRACKED_FROM
        self.data_field = data_field
        self.pointer_methods = pointer_methods
        self.pointer_constructors = pointer_constructors
        self._constructor_words = tuple(name.encode() for name in pointer_constructors)

    # --- types of locals --------------------------------------------------------------

    def _declared(self, binding: Binding, depth: int = 0
                  ) -> tuple[TypeExpr, Found | None] | None:
        """A binding's declared type, else the struct its value constructs (``Buf(...)``),
        the declared return type of the function or method it calls (``zeros(...) ->
        ExTensor``, ``model.forward(x)``), or the element type of the list it indexes
        (``tensors[i]`` with ``tensors: List[ExTensor]``), with the other file that type is
        written in (None: this file)."""
        if binding.type is not None:
            return binding.type, None
        value = binding.value
        if value is None or depth > 4:
            return None
        if value.type == "subscript":
            return self._element(binding, value, depth)
        if value.type != "call":
            return None
        function = value.child_by_field_name("function")
        if function is not None and function.type == "attribute":
            return self._method_result(binding, function, depth)
        if function is None or function.type not in ("identifier", "subscript"):
            return None
        head = function.child_by_field_name("value") if function.type == "subscript" \
            else function
        if head is None or head.type != "identifier":
            return None
        name = text(head, self.source)
        if name in self.model.structs:
            return TypeExpr(name), None
        if self.lookup is None:
            return None
        found = self.lookup.top_level(name)
        if found is None:
            return None
        if found.binding.kind is BindingKind.STRUCT:
            return TypeExpr(found.binding.name), found
        if found.binding.type is not None:
            return found.binding.type, (found if found.shown else None)
        return None

    def _method_result(self, binding: Binding, function: Node, depth: int
                       ) -> tuple[TypeExpr, Found | None] | None:
        """``obj.method(...)``: the method's declared return type, from obj's struct."""
        receiver = function.child_by_field_name("object")
        method = function.child_by_field_name("attribute")
        if receiver is None or method is None or receiver.type != "identifier":
            return None
        _, struct, home = self._instance_of(text(receiver, self.source), binding.scope,
                                            receiver.start_byte, depth + 1)
        methods = struct.methods.get(text(method, self.source)) if struct is not None else None
        if not methods or methods[0].type is None or methods[0].type.base == "Self":
            return None
        return methods[0].type, home

    def _element(self, binding: Binding, subscript: Node, depth: int
                 ) -> tuple[TypeExpr, Found | None] | None:
        """``xs[i]`` with ``xs`` declared ``List[T]`` (or another one-argument container)."""
        container = subscript.child_by_field_name("value")
        if container is None or container.type != "identifier":
            return None
        owner = self.model.resolve(text(container, self.source), binding.scope,
                                   container.start_byte)
        declared = self._declared(owner, depth + 1) if owner is not None else None
        if declared is None or declared[0].base not in CONTAINERS or \
                len(declared[0].arguments) != 1:
            return None
        return declared[0].arguments[0], declared[1]

    def type_of(self, binding: Binding) -> TypeExpr | None:
        declared = self._declared(binding)
        return declared[0] if declared is not None else None

    def _struct_of(self, name: str, scope: Scope, at: int
                   ) -> tuple[Binding | None, StructInfo | None, str]:
        """The binding ``name`` reads, the struct it is an instance of (declared in this
        file or another file of the project) and that file ("" for this one)."""
        binding, struct, home = self._instance_of(name, scope, at, 0)
        return binding, struct, f"{home.shown}:{home.line()}" if home is not None else ""

    def _instance_of(self, name: str, scope: Scope, at: int, depth: int
                     ) -> tuple[Binding | None, StructInfo | None, Found | None]:
        binding = self.model.resolve(name, scope, at)
        if binding is None:
            return None, None, None
        declared = self._declared(binding, depth)
        if declared is None or declared[0].base == "Self":
            return binding, None, None
        type_expr, home = declared
        struct_name = type_expr.base
        if home is None and struct_name in self.model.structs:
            return binding, self.model.structs[struct_name], None
        if self.lookup is None:
            return binding, None, None
        found = self.lookup.struct(struct_name, home.model, home.path, home.shown) \
            if home is not None else self.lookup.struct(struct_name)
        if found is None:
            return binding, None, None
        info, where = found
        return binding, info, where if where.shown else None

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

    def local_pointers(self, scope: Scope) -> list[tuple[Binding, PointerOrigin]]:
        """The variables of ``scope`` bound to pointer expressions whose origin may name one
        of the scope's own values (``owned_local``), with their origins, in source order:
        what a rule about pointers outliving their owner reports on.

        A binding is classified (types, structs, the project's other files) only when the
        syntax of its value lets its origin name such a value (:meth:`owner_names`):
        directly (``x.data``, ``x.ptr()``) or through the earlier pointer variables it
        derives from (``p.bitcast[T]()``), which are classified too, since the derived one's
        origin is theirs (``known``). Any other binding's origin, whatever the declarations
        it would read say, names no value of this scope; leaving it unclassified drops no
        answer, and which bindings are classified depends on this file's syntax alone."""
        if not scope.may_bind_value(self._may_name_bytes):
            return []  # no value of the scope names anything (and its names stay unbound)
        owned: set[str] = set()
        for name, bound in scope.bindings.items():
            for binding in bound:
                if owned_local(binding):
                    owned.add(name)
                    break
        if not owned:
            return []
        bindings = sorted([b for b in scope.all_bindings()
                           if b.kind is BindingKind.VARIABLE and b.value is not None],
                          key=_binding_start)
        derived_from: list[list[str]] = []
        wanted: list[bool] = []
        names_wanted: set[str] = set()  # names of the earlier wanted bindings
        for binding in bindings:
            value = binding.value
            assert value is not None
            direct, derived = self.owner_names(value) if self._may_name(value) else ([], [])
            derived_from.append(derived)
            may = False
            for name in direct:
                if name in owned:
                    may = True
            for name in derived:
                if name in names_wanted:
                    may = True
            wanted.append(may)
            if may:
                names_wanted.add(binding.name)
        if not names_wanted:
            return []
        # A needed binding's ``known`` reads the earlier bindings of the names it derives
        # from: those are needed too (all of them, whichever one ``known`` settles on).
        needed = list(wanted)
        indices: dict[str, list[int]] = {}
        for index, binding in enumerate(bindings):
            indices.setdefault(binding.name, []).append(index)
        marked_below: dict[str, int] = {}  # name -> its bindings below this index are needed
        for index in range(len(bindings) - 1, -1, -1):
            if not needed[index]:
                continue
            for name in derived_from[index]:
                if marked_below.get(name, -1) >= index:
                    continue
                marked_below[name] = index
                for earlier in indices.get(name, []):
                    if earlier >= index:
                        break
                    needed[earlier] = True
        found: list[tuple[Binding, PointerOrigin]] = []
        by_name: dict[str, list[tuple[int, PointerOrigin]]] = {}

        def known(name: str, at: int) -> PointerOrigin | None:
            for start, origin in reversed(by_name.get(name, [])):
                if start < at:
                    return origin
            return None

        for index, binding in enumerate(bindings):
            value = binding.value
            if not needed[index] or value is None:
                continue
            origin = self.classify(value, scope, known)
            if origin is None:
                continue
            origin = self.declared_origin(binding, origin)
            found.append((binding, origin))
            by_name.setdefault(binding.name, []).append((binding.statement.start_byte, origin))
        return found

    def _may_name(self, value: Node) -> bool:
        """False when :meth:`owner_names` finds no name in ``value`` for sure, seen from its
        bytes and type: every name it finds needs a ``.`` (``x.f``, ``x.m()``), a pointer
        constructor's name or an identifier reached through parentheses or ``+``."""
        return value.type in _DERIVED_STARTS or self._may_name_bytes(value)

    def _may_name_bytes(self, node: Node) -> bool:
        """Whether ``node``'s bytes hold a ``.`` or a pointer constructor's name: without
        one, no expression in it names an owner by itself (a name reached through
        parentheses or ``+`` only carries an earlier pointer variable's origin, and the
        first pointer of a scope needs one)."""
        source, start, end = self.source, node.start_byte, node.end_byte
        if source.find(b".", start, end) >= 0:
            return True
        return any(source.find(word, start, end) >= 0 for word in self._constructor_words)

    def owner_names(self, expression: Node) -> tuple[list[str], list[str]]:
        """Where :meth:`classify`'s answer for ``expression`` can take its owner from, read
        from the syntax alone (no type, struct or project lookup): ``(direct, derived)``,
        the names it may name itself (``x`` of ``x.field``, ``x.method()``,
        ``UnsafePointer(to=x)``) and the pointer variables whose known origin it may carry
        (``p`` of ``p.bitcast[T]()``, ``p + n``). Whatever :meth:`classify` answers, its
        owner is a direct name or the owner of a ``known`` origin of a derived one, so a
        rule that only cares about some owners can leave the other expressions
        unclassified. Follows the same chain as :meth:`classify`."""
        direct: list[str] = []
        derived: list[str] = []
        source = self.source
        node = expression
        for _ in range(32):
            kind = node.type
            if kind == "parenthesized_expression" and node.named_children:
                node = node.named_children[0]
            elif kind == "binary_operator":
                left = node.child_by_field_name("left")
                if left is None:
                    break
                node = left
            elif kind == "identifier":
                derived.append(text(node, source))
                break
            elif kind == "attribute":
                obj = node.child_by_field_name("object")
                if obj is not None and obj.type == "identifier":
                    direct.append(text(obj, source))
                break
            elif kind == "call":
                function = node.child_by_field_name("function")
                if function is None:
                    break
                head = function.child_by_field_name("value") if function.type == "subscript" \
                    else function
                if head is not None and head.type == "identifier" and \
                        text(head, source) in self.pointer_constructors:
                    target = call_arguments(node)[1].get("to")
                    while target is not None and target.type in ("attribute", "subscript"):
                        target = target.child_by_field_name(
                            "object" if target.type == "attribute" else "value")
                    if target is not None and target.type == "identifier":
                        direct.append(text(target, source))
                    break
                receiver, method, parameters = _method_parts(function, source)
                if receiver is None or method is None:
                    break
                if receiver.type == "identifier":
                    direct.append(text(receiver, source))  # x.method(): a pointer into x
                if not (method == "unsafe_origin_cast" and parameters is not None) and \
                        method not in DERIVING_METHODS:
                    break
                node = receiver
            else:
                break
        return direct, derived

    def _field(self, attribute: Node, scope: Scope) -> PointerOrigin | None:
        obj = attribute.child_by_field_name("object")
        attr = attribute.child_by_field_name("attribute")
        if obj is None or attr is None or obj.type != "identifier":
            return None
        owner, field_name = text(obj, self.source), text(attr, self.source)
        _, struct, where = self._struct_of(owner, scope, attribute.start_byte)
        guessed = ""
        if struct is None and field_name == self.data_field:
            struct, where = self._data_type()
            guessed = " (the configured tensor type's; the owner's own type was not found)"
        field = struct.fields.get(field_name) if struct is not None else None
        if field is None or field.type is None:
            if field_name == self.data_field:
                return PointerOrigin(False, owner, f"`{owner}.{field_name}` is a raw pointer "
                                     "field whose declaration was not found, so its origin "
                                     "is unknown")
            return None
        if field.type.base not in POINTER_TYPES:
            return None
        assert struct is not None
        struct_name = struct.name
        if where:  # declared in another file: say where
            where = f"{where.rsplit(':', 1)[0]}:{field.node.start_point[0] + 1}"
        shown = f"field `{field_name}` of {struct_name}{guessed} is `{field.type}`" + \
            (f" ({where})" if where else "")
        if self.fields_untracked:
            return PointerOrigin(False, owner, shown + "; from Mojo 1.2 a pointer in a struct "
                                 "field is untracked")
        assert struct is not None
        tracks = origin_tracks(origin_argument(field.type), struct.parameters.__contains__)
        if not tracks:
            shown += ", an untracked origin type"
        return PointerOrigin(bool(tracks), owner, shown)

    def _data_type(self) -> tuple[StructInfo | None, str]:
        """The first configured tensor type this file can see (declared in it or in a
        project file it imports) that declares the data field."""
        for name in self.tensor_types:
            struct = self.model.structs.get(name)
            if struct is not None and self.data_field in struct.fields:
                return struct, ""
            found = self.lookup.struct(name) if self.lookup is not None else None
            if found is not None and self.data_field in found[0].fields:
                return found[0], f"{found[1].shown}:{found[1].line()}" if found[1].shown else ""
        return None, ""

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
        _, struct, _where = self._struct_of(owner, scope, call.start_byte)
        struct_name = struct.name if struct is not None else None
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


def _binding_start(binding: Binding) -> int:
    return binding.node.start_byte


def owned_local(binding: Binding | None) -> bool:
    """True for a value the function owns: a variable (not a parameter, loop variable,
    ``ref`` or ``self``)."""
    if binding is None or binding.kind is not BindingKind.VARIABLE or binding.name == "self":
        return False
    keyword = binding.statement.child_by_field_name("keyword") \
        if binding.statement.type == "variable_declaration" else None
    return keyword is None or keyword.type != "ref"
