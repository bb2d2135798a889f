"""ME003: an allocation that is neither freed, stored, returned nor passed on (a leak)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tree_sitter import Node

from mojolint.diagnostics import Diagnostic
from mojolint.rule import Context, Rule
from mojolint.semantics.model import BindingKind, Scope, ScopeKind, SemanticModel

if TYPE_CHECKING:
    from mojolint.incremental import FileShape

ALLOCATORS = frozenset({"alloc", "unsafe_alloc"})
FREE_METHODS = frozenset({"free", "unsafe_free"})
# Methods that read or write through the pointer and keep no copy of it.
ACCESS_METHODS = frozenset({"load", "store", "unsafe_load", "unsafe_store", "strided_load",
                            "strided_store", "init_pointee_copy", "init_pointee_move",
                            "unsafe_write", "unsafe_write_move_from", "gather", "scatter",
                            "unsafe_gather", "unsafe_scatter"})
# Functions that write or read through a pointer argument and keep no copy of it.
MEMORY_FUNCTIONS = frozenset({"memset", "memset_zero", "memcpy", "memmove", "memcmp",
                              "unsafe_memcmp"})


class LeakedAllocation(Rule):
    """## What it does
    Flags a heap allocation by element count — `unsafe_alloc[T](n)` (Mojo 1.x),
    `alloc[T](n)` (0.26 and older) or `UnsafePointer[T].alloc(n)` — whose pointer the
    function never frees (`p.free()`, `p.unsafe_free()`), stores (in a field, a container,
    another variable), returns, or passes to a call (other than `memset`, `memset_zero`,
    `memcpy`, `memmove` and `memcmp`, which only write or read through it), and whose result
    is not captured by a nested function. A pointer used only through `p[i]`, `p.load()`,
    `p.store()` and the like is a leak when the function returns.

    A file that frees nothing at all (no `free()`, `unsafe_free()` or `dealloc(`) is left
    alone: its author leaves the memory to the end of the process (a test or a script), and
    one flagged allocation among many unfreed ones is noise.

    The `Layout`-based `alloc(Layout[T](...))` of Mojo 1.x is left alone: it returns an
    `Allocation`, and the compiler rejects one that is not destroyed on every path. Text in
    strings, comments and docstrings is not code.

    ## Why is this bad?
    The memory is never given back: each call of the function loses it, and a loop or a
    long-running program grows until it runs out. The compiler does not track the pointer
    returned by `unsafe_alloc`, so it says nothing.

    ## Example
    ```mojo
    from std.memory.alloc import unsafe_alloc

    def checksum(data: List[UInt8]) -> Int:
        var scratch = unsafe_alloc[Int](len(data))
        var total = 0
        for i in range(len(data)):
            scratch[i] = Int(data[i])
            total += scratch[i]
        return total
    ```

    ## Use instead
    ```mojo
    from std.memory.alloc import unsafe_alloc

    def checksum(data: List[UInt8]) -> Int:
        var scratch = unsafe_alloc[Int](len(data))
        var total = 0
        for i in range(len(data)):
            scratch[i] = Int(data[i])
            total += scratch[i]
        scratch.unsafe_free()
        return total
    ```

    ## Fix safety
    There is no fix: where the memory should be freed is for a person to decide.

    ## Options
    None.
    """

    code = "ME003"
    name = "leaked-allocation"
    summary = "Allocation never freed, stored, returned or passed on"
    fix_availability = "none"
    tags = ("memory", "correctness")
    uses_semantic = True

    def edit_can_change(self, before: Node, after: Node, shape: FileShape) -> bool:
        """A function's leaks are its own, but whether the file frees anything is the
        file's: a definition matters if it allocates or its edit changes whether it frees."""
        old, new = before.text or b"", after.text or b""
        return b"alloc" in old or b"alloc" in new or _frees(old) != _frees(new)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if b"alloc" not in ctx.source:
            return
        if not _frees(ctx.source):
            return  # a file that frees nothing leaves its memory to the end of the process
        model = ctx.semantic
        for scope in model.function_scopes():
            # Every allocation's callee is spelled with `alloc`: a function without the
            # word allocates nothing (and its names need not be bound).
            if scope.kind is ScopeKind.FUNCTION and ctx.source.find(
                    b"alloc", scope.node.start_byte, scope.node.end_byte) >= 0:
                yield from _check_function(ctx, model, scope)


def _frees(source: bytes) -> bool:
    return b"free()" in source or b"dealloc(" in source


def _check_function(ctx: Context, model: SemanticModel,
                    scope: Scope) -> Iterable[Diagnostic]:
    for name, bindings in scope.bindings.items():
        allocated = [b for b in bindings if b.kind is BindingKind.VARIABLE
                     and b.value is not None and _allocation(ctx, b.value)]
        if not allocated or any(b.kind is not BindingKind.VARIABLE for b in bindings):
            continue
        own = {id(b) for b in bindings}
        references = [r for r in model.references_named((name,), within=scope.node)
                      if id(r.binding) in own]
        if any(r.scope is not scope or _keeps(ctx, r.node) for r in references):
            continue
        for binding in allocated:
            yield ctx.report(binding.node,
                             f"`{name}` holds memory from `{_callee_text(ctx, binding.value)}`"
                             " that is never freed, stored, returned or passed on (a leak)")


def _allocation(ctx: Context, value: Node) -> bool:
    """``alloc[T](n)``, ``unsafe_alloc[T](n)``, ``UnsafePointer[T].alloc(n)``."""
    if value.type != "call":
        return False
    callee = value.child_by_field_name("function")
    if callee is None:
        return False
    if callee.type == "subscript":  # alloc[Int](n)
        head = callee.child_by_field_name("value")
        return head is not None and head.type == "identifier" and ctx.text(head) in ALLOCATORS
    if callee.type == "attribute":  # UnsafePointer[Int].alloc(n)
        method = callee.child_by_field_name("attribute")
        owner = callee.child_by_field_name("object")
        return (method is not None and ctx.text(method) == "alloc" and owner is not None
                and "Pointer" in ctx.text(owner))
    return False  # alloc(layout): an Allocation, checked by the compiler


def _callee_text(ctx: Context, value: Node | None) -> str:
    callee = value.child_by_field_name("function") if value is not None else None
    return ctx.text(callee) if callee is not None else "alloc"


def _keeps(ctx: Context, reference: Node) -> bool:
    """Does this read free, store, return or pass on the pointer (anything but an access
    through it)?"""
    parent = reference.parent
    if parent is None:
        return True
    if parent.type == "subscript" and parent.child_by_field_name("value") == reference:
        return False  # p[i], p[]
    if parent.type == "attribute" and parent.child_by_field_name("object") == reference:
        method = parent.child_by_field_name("attribute")
        call = parent.parent
        if call is not None and call.type == "subscript":  # p.load[width=4](i)
            call = call.parent
        if method is None or call is None or call.type != "call":
            return True
        name = ctx.text(method)
        if name in FREE_METHODS:
            return True  # freed
        return name not in ACCESS_METHODS
    call = None
    if parent.type == "argument_list":
        call = parent.parent
    elif parent.type == "keyword_argument" and parent.parent is not None:
        call = parent.parent.parent
    if call is not None:
        callee = call.child_by_field_name("function")
        # passed on, unless to a function that only writes or reads through it
        return callee is None or ctx.text(callee).split("[")[0] not in MEMORY_FUNCTIONS
    # compared (`p == q`, `not p`) is not kept; anything else (stored, returned...) is
    return parent.type not in ("comparison_operator", "not_operator", "boolean_operator")
