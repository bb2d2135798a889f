"""UP020: pointer `load`/`store`/`bitcast`/`free`, renamed `unsafe_*` in Mojo 1.0."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.pointer_types import is_pointer
from mojolint.rule import Context, Rule

METHODS = ("load", "store", "bitcast", "free")
CALLS = """
(call function: [
  (attribute object: (_) @receiver attribute: (identifier) @method)
  (subscript value: (attribute object: (_) @receiver attribute: (identifier) @method))
] (#any-of? @method "load" "store" "bitcast" "free"))
"""


class PointerUnsafeMethods(Rule):
    """## What it does
    Flags `p.load(...)`, `p.store(...)`, `p.bitcast[T]()` and `p.free()` on a pointer and
    renames the method `unsafe_load`, `unsafe_store`, `unsafe_bitcast`, `unsafe_free`.

    ## Why is this bad?
    Mojo 1.0 deprecated the pointer methods that skip every check in favour of names that
    say so: `'load' is deprecated, use 'unsafe_load' instead` (and the same for `store`,
    `bitcast` and `free`; 1.0, 1.1 and 1.2 warn).

    ## Example
    ```mojo
    def total(p: Pointer[Float32, MutUntrackedOrigin], n: Int) -> Float32:
        var s: Float32 = 0
        for i in range(n):
            s += p.load(i)
        p.free()
        return s
    ```

    ## Use instead
    ```mojo
    def total(p: Pointer[Float32, MutUntrackedOrigin], n: Int) -> Float32:
        var s: Float32 = 0
        for i in range(n):
            s += p.unsafe_load(i)
        p.unsafe_free()
        return s
    ```

    ## Fix safety
    The fix is **safe**: it renames the method, which is the compilers' own fix-it (byte for
    byte). The rule acts only where the receiver is known to be a pointer (a declared
    pointer type, a name assigned from `alloc`, `UnsafePointer(...)`, `.unsafe_ptr()` or a
    pointer's `bitcast`, or a pointer field read through `self`): `SIMD.load` and other
    types' methods of the same names are left alone, and so are pointers whose type the
    rule cannot see (the compiler's warning still names them).

    Deprecated in 1.0; still accepted (with the warning) by 1.2.

    ## Options
    None.
    """

    code = "UP020"
    name = "pointer-unsafe-methods"
    summary = "pointer `load`/`store`/`bitcast`/`free` are spelled `unsafe_*` (Mojo 1.0)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (CALLS,)
    uses_semantic = True
    since_version = "1.0"
    deprecated_in = "1.0"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        found = ctx.matches(CALLS)
        if not found:
            return
        model = ctx.semantic
        for _, captures in found:
            receiver, method = captures["receiver"][0], captures["method"][0]
            if not is_pointer(model, receiver):
                continue
            name = ctx.text(method)
            fix = Fix(f"Replace with `unsafe_{name}`",
                      (Edit(method.start_byte, method.end_byte, f"unsafe_{name}"),),
                      Applicability.SAFE)
            yield ctx.report(method, f"pointer `{name}` is deprecated; use `unsafe_{name}`",
                             fix=fix)
