"""ME002: a pointer read, written or freed again after it was freed."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Diagnostic
from mojolint.rule import Context, Rule
from mojolint.semantics.flow import Skeleton
from mojolint.semantics.model import Binding, BindingKind, Scope, ScopeKind, SemanticModel
from mojolint.semantics.reach import Reach
from mojolint.semantics.tree import method_call_without_arguments

FREE_METHODS = frozenset({"free", "unsafe_free"})
POINTER_TYPES = ("Pointer",)  # UnsafePointer, LegacyUnsafePointer, Pointer, OpaquePointer
ALLOCATORS = frozenset({"alloc", "unsafe_alloc"})
_POINTER_KINDS = (BindingKind.VARIABLE, BindingKind.PARAMETER)


class UseAfterFree(Rule):
    """## What it does
    Flags a pointer that is dereferenced (`p[i]`, `p[]`), used through a method
    (`p.load()`, `p.store()`, `p.unsafe_offset(i)`), passed to a call, or freed again
    after `p.free()` (`p.unsafe_free()` in Mojo 1.x, where `free` is deprecated), on a path
    of the same function where `p` is not given a new value in between.

    Only local variables and arguments whose type or value is a pointer (a declared
    `...Pointer[...]` type, or the result of `alloc`/`unsafe_alloc`/`T.alloc`) are
    followed. The path is followed per branch: a use in the other arm of the `if` that
    freed the pointer, after a `return`, `raise` or `break` that ends the freeing path, or
    after a reassignment (`p = unsafe_alloc[Int](n)`) is not flagged; inside a loop, a use
    before the free is flagged when the next pass reaches it with the freed pointer. A
    reassignment inside a branch between the free and the use counts as a reassignment (the
    rule does not guess which branch runs). Text in strings, comments and docstrings is not
    code, and fields (`self.data.free()`) are not followed.

    ## Why is this bad?
    After `free`, the memory belongs to the allocator again: reads give whatever it holds
    now, writes corrupt other allocations, and a second `free` corrupts the heap. The 1.2
    compiler reports none of this for pointers (its checks cover `Allocation` values freed
    with `dealloc(allocation^)`, not `unsafe_free`), and the program usually goes on with a
    wrong value and fails later, somewhere else.

    ## Example
    ```mojo
    from std.memory.alloc import unsafe_alloc

    def total(n: Int) -> Int:
        var p = unsafe_alloc[Int](n)
        for i in range(n):
            p[i] = i
        p.unsafe_free()
        return p[n - 1]
    ```

    ## Use instead
    ```mojo
    from std.memory.alloc import unsafe_alloc

    def total(n: Int) -> Int:
        var p = unsafe_alloc[Int](n)
        for i in range(n):
            p[i] = i
        var last = p[n - 1]
        p.unsafe_free()
        return last
    ```

    ## Fix safety
    There is no fix: where the free belongs is for a person to decide.

    ## Options
    None.
    """

    code = "ME002"
    name = "use-after-free"
    summary = "Pointer used or freed again after `free()`"
    fix_availability = "none"
    tags = ("memory", "correctness")
    uses_semantic = True
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if b"free" not in ctx.source:
            return
        freed = _freed_names(ctx)
        if not freed:
            return
        model = ctx.semantic
        for scope in model.function_scopes():
            if scope.kind is not ScopeKind.FUNCTION:
                continue
            start, end = scope.node.start_byte, scope.node.end_byte
            names = {name for at, name in freed if start <= at < end}
            if names:
                yield from _check_function(ctx, model, scope, names)


def _freed_names(ctx: Context) -> list[tuple[int, str]]:
    """Where the file writes ``x.free`` or ``x.unsafe_free``, and the name ``x``: only those
    names, in the functions that hold them, can be freed and then used."""
    found: list[tuple[int, str]] = []
    source, root = ctx.source, ctx.tree.root_node
    at = source.find(b"free")
    while at >= 0:
        for method in FREE_METHODS:
            start = at + 4 - len(method)
            if start < 0 or source[start:at + 4] != method.encode():
                continue
            node = root.named_descendant_for_byte_range(start, at + 4)
            attribute = node.parent if node is not None else None
            if node is None or attribute is None or attribute.type != "attribute" \
                    or node.start_byte != start or node.end_byte != at + 4 \
                    or attribute.child_by_field_name("attribute") != node:
                continue
            receiver = attribute.child_by_field_name("object")
            if receiver is not None and receiver.type == "identifier":
                found.append((receiver.start_byte, ctx.text(receiver)))
        at = source.find(b"free", at + 1)
    return found


def _check_function(ctx: Context, model: SemanticModel, scope: Scope,
                    freed: set[str]) -> Iterable[Diagnostic]:
    reach: Reach | None = None
    reported: set[int] = set()
    for name, bindings in scope.bindings.items():
        if name not in freed or not any(b.kind in _POINTER_KINDS for b in bindings):
            continue
        if not any(_is_pointer(ctx, b) for b in bindings):
            continue
        # Every read of the name in the function, whichever binding it resolves to (a read
        # after a reassignment in a branch may still see the freed value): the
        # reassignments are the kills that end a path.
        own = {id(b) for b in bindings}
        references = [r.node for r in model.references_named((name,), within=scope.node)
                      if r.scope is scope and id(r.binding) in own]
        frees = [(r, call) for r in references if (call := _freed_at(ctx, r)) is not None]
        if not frees:
            continue
        if reach is None:
            reach = Reach(Skeleton(scope.node))
        kills = [b.statement for b in bindings if b.kind is BindingKind.VARIABLE]
        for free, free_call in frees:
            for use in references:
                if use.id == free.id or use.id in reported:
                    continue
                how = _use(ctx, use)
                if how is None or not reach.may_reach(free_call, use, kills=kills):
                    continue
                reported.add(use.id)
                line = free.start_point[0] + 1
                yield ctx.report(_reported_node(use),
                                 f"`{name}` is {how} after it was freed on line {line}, "
                                 "with no new value in between (use after free)")


def _is_pointer(ctx: Context, binding: Binding) -> bool:
    declared = binding.type
    if declared is not None and any(declared.mentions(t) or declared.base.endswith(t)
                                    for t in POINTER_TYPES):
        return True
    value = binding.value
    if value is None or value.type != "call":
        return False
    callee = value.child_by_field_name("function")
    if callee is not None and callee.type == "subscript":  # alloc[Int](n)
        callee = callee.child_by_field_name("value")
    if callee is None:
        return False
    if callee.type == "identifier":
        return ctx.text(callee) in ALLOCATORS
    if callee.type == "attribute":  # UnsafePointer[Int].alloc(n)
        method = callee.child_by_field_name("attribute")
        owner = callee.child_by_field_name("object")
        return (method is not None and ctx.text(method) in ALLOCATORS and owner is not None
                and "Pointer" in ctx.text(owner))
    return False


def _freed_at(ctx: Context, reference: Node) -> Node | None:
    """The call ``reference.free()`` / ``reference.unsafe_free()`` (None: not a free)."""
    return method_call_without_arguments(reference, ctx.source, FREE_METHODS)


def _use(ctx: Context, reference: Node) -> str | None:
    """How ``reference`` uses the pointer's memory, or None (compared, copied, kept alive)."""
    parent = reference.parent
    if parent is None:
        return None
    if parent.type == "subscript" and parent.child_by_field_name("value") == reference:
        grand = parent.parent
        if grand is not None and grand.type in ("assignment", "augmented_assignment") \
                and grand.child_by_field_name("left") == parent:
            return "written"
        return "read"
    if parent.type == "attribute" and parent.child_by_field_name("object") == reference:
        if _freed_at(ctx, reference) is not None:
            return "freed again"
        return "used"
    if parent.type == "keyword_argument":
        parent = parent.parent
    if parent is not None and parent.type == "argument_list":
        return "passed on"
    return None


def _reported_node(use: Node) -> Node:
    parent = use.parent
    return parent if parent is not None and parent.type in ("subscript", "attribute") else use
