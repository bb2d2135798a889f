"""ME001: a copyable struct whose destructor frees a pointer its synthesized copy shares."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Diagnostic
from mojolint.rule import Context, Rule

COPYABLE = frozenset({"Copyable", "ImplicitlyCopyable"})
DESTRUCTORS = frozenset({"__del__", "__deinit__"})
FREE_METHODS = frozenset({"free", "unsafe_free"})
FREE_FUNCTIONS = frozenset({"free", "unsafe_free", "dealloc"})


class CopyDoubleFree(Rule):
    """## What it does
    Flags a struct that can be copied with the compiler's synthesized copy — it conforms to
    `Copyable` or `ImplicitlyCopyable`, or is decorated `@value` — whose destructor
    (`__del__` or `__deinit__`) frees one of its own fields (`self.data.free()`,
    `self.data.unsafe_free()`, `free(self.data)`), while the struct defines no copy of its
    own: no `__copyinit__`, no `__init__(out self, *, copy: Self)` and no `copy` method.

    Structs that define their copy, that are not copyable, or whose destructor frees
    something other than a field of `self` are left alone, as is text in strings, comments
    and docstrings.

    ## Why is this bad?
    The synthesized copy copies the pointer, not what it points to: the original and the
    copy own the same buffer, and each frees it when destroyed. With the 1.2 compiler such
    a struct compiles without a warning; a copy then frees the buffer a second time (a
    double free: heap corruption that crashes later, somewhere else), and writes through
    one show up in the other.

    ## Example
    ```mojo
    struct Buffer(Copyable):
        var data: UnsafePointer[Float32, MutExternalOrigin]

        fn __del__(deinit self):
            self.data.free()
    ```

    ## Use instead
    Make the struct move-only (`Movable`), or give it a copy that allocates its own buffer:
    ```mojo
    struct Buffer(Copyable):
        var data: UnsafePointer[Float32, MutExternalOrigin]
        var size: Int

        fn __init__(out self, *, copy: Self):
            self.size = copy.size
            self.data = alloc[Float32](copy.size)
            memcpy(dest=self.data, src=copy.data, count=copy.size)

        fn __del__(deinit self):
            self.data.free()
    ```

    ## Fix safety
    There is no fix: move-only or deep copy is a design choice.

    ## Options
    None.
    """

    code = "ME001"
    name = "copy-double-free"
    summary = "Copyable struct frees a pointer field in its destructor but has no copy of its own"
    fix_availability = "none"
    tags = ("memory", "correctness")
    uses_semantic = True  # the structs' fields, methods and conformances
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if b"free" not in ctx.source and b"dealloc" not in ctx.source:
            return
        for struct in ctx.semantic.structs.values():
            how = _copyable(ctx, struct.scope.node, struct.conformances)
            if how is None:
                continue
            methods = [(name, b.statement) for name, found in struct.methods.items()
                       for b in found]
            if any(_is_copy(ctx, method, name) for name, method in methods):
                continue
            for method_name, method in methods:
                if method_name not in DESTRUCTORS or method.type != "function_definition":
                    continue
                freed = _freed_fields(ctx, method, set(struct.fields))
                if freed:
                    yield ctx.report(struct.binding.node,
                                     f"`{struct.name}` is {how} and its destructor frees "
                                     f"`self.{freed}`, but its copy is the synthesized "
                                     f"field-wise one: every copy shares `{freed}` and "
                                     "frees it again")
                    break


def _copyable(ctx: Context, struct: Node, conformances: tuple[str, ...]) -> str | None:
    for trait in conformances:
        if trait in COPYABLE:
            return f"`{trait}`"
    parent = struct.parent
    if parent is not None and parent.type == "decorated_definition":
        for decorator in parent.named_children:
            if decorator.type == "decorator" and ctx.text(decorator).strip() == "@value":
                return "`@value`"
    return None


def _is_copy(ctx: Context, method: Node, name: str) -> bool:
    """`__copyinit__`, a `copy` method, or `__init__(out self, *, copy: Self)`."""
    if name in ("__copyinit__", "copy"):
        return True
    if name != "__init__":
        return False
    parameters = method.child_by_field_name("parameters")
    for parameter in parameters.named_children if parameters else ():
        parameter_name = parameter.child_by_field_name("name")
        if parameter_name is not None and ctx.text(parameter_name) in ("copy", "other") \
                and "Self" in ctx.text(parameter):
            return True
    return False


def _freed_fields(ctx: Context, method: Node, fields: set[str]) -> str | None:
    """The first field of ``self`` the method frees."""
    stack = [method.child_by_field_name("body")]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        if node.type == "call":
            callee = node.child_by_field_name("function")
            freed = _freed_by(ctx, node, callee) if callee is not None else None
            if freed in fields:
                return freed
        stack.extend(reversed(node.named_children))
    return None


def _freed_by(ctx: Context, call: Node, callee: Node) -> str | None:
    if callee.type == "attribute":  # self.data.free()
        method = callee.child_by_field_name("attribute")
        owner = callee.child_by_field_name("object")
        if method is not None and owner is not None and ctx.text(method) in FREE_METHODS:
            return _self_field(ctx, owner)
        return None
    if ctx.text(callee) in FREE_FUNCTIONS:  # free(self.data)
        arguments = call.child_by_field_name("arguments")
        named = arguments.named_children if arguments is not None else []
        return _self_field(ctx, named[0]) if len(named) == 1 else None
    return None


def _self_field(ctx: Context, node: Node) -> str | None:
    if node.type != "attribute":
        return None
    owner, field = node.child_by_field_name("object"), node.child_by_field_name("attribute")
    if owner is None or field is None or ctx.text(owner) != "self":
        return None
    return ctx.text(field)
