"""TS003: ``t._data.bitcast[T]()`` where t's dtype is not T, or is not known to be T."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Diagnostic, Severity
from mojolint.rule import Context, Rule
from mojolint.semantics.bitcast import BITCASTS, bitcasts, tensor_name
from mojolint.semantics.function import comptime_parameters
from mojolint.semantics.tree import text
from mojolint.tensor_api import DTYPE_SCALARS
from mojolint.tensor_rules import FACT_QUERIES, api_of, facts_of

# The buffer's own element type: a byte view of any tensor stays inside its buffer.
BYTE_VIEWS = frozenset({"uint8"})


class BitcastDtypeMismatch(Rule):
    """## What it does
    Flags `t._data.bitcast[T]()` — reinterpreting a tensor's raw buffer as elements of
    type `T` — when the tensor's dtype is not `T`:

    - **known to differ**: the tensor was created (or cast, copied, narrowed) with another
      dtype, for example `var t = zeros(shape, DType.float16)` followed by
      `t._data.bitcast[Float32]()`. The message says where the dtype came from: "t is
      float16 (created by zeros(..., DType.float16) at line 4)".
    - **known only at run time and not guarded**: the tensor is a function parameter, or
      was created from a `DType` variable, and no dtype test covers the bitcast.

    A dtype test is an enclosing `if`/`elif` (plain, `comptime` or `@parameter`) whose
    condition reads the tensor's dtype — `t._dtype`, `t.dtype()`, the `DType` variable it
    was made from, a variable assigned from one of those (`var dt = t.dtype()`), or the
    dtype of the tensor it was copied from (`zeros_like(x)`, `ExTensor(s, x.dtype())`) — or
    an earlier early exit (`if t.dtype() != DType.float32: raise ...`) in an enclosing
    block. A test of another tensor's dtype, of a `DType` value, or of a compile-time
    parameter counts as well: the code dispatches on a dtype there, and operands of
    different dtypes are another bug than a missing dispatch.

    Kernels that their callers dispatch to are not flagged: functions with a `DType`
    compile-time parameter (`fn k[dtype: DType](t: ExTensor)`), and functions whose name
    spells the dtype they bitcast to (`_add_simd_float32`, `_update_fp32_from_fp16`).
    `bitcast[Scalar[dtype]]` with a parameter or variable for `dtype` is never flagged,
    nor are byte views (`bitcast[UInt8]`, the buffer's own element type).

    ## Why is this bad?
    The bitcast is not checked: reading a float16 tensor as `Float32` reads two elements
    as one and runs past the end of the buffer at half the index range; writing does the
    same to the heap. ProjectOdyssey fixed several crashes of exactly this shape — raw
    `bitcast[Float32]` reads and writes on tensors whose dtype came from a `dtype`
    argument — by dispatching on the dtype or using the dtype-generic accessors.

    ## Example
    ```mojo
    fn scale(t: ExTensor, factor: Float32):
        var p = t._data.bitcast[Float32]()
        for i in range(t.numel()):
            p[i] *= factor
    ```

    ## Use instead
    ```mojo
    fn scale(t: ExTensor, factor: Float32) raises:
        if t.dtype() != DType.float32:
            raise Error("scale: float32 tensors only")
        var p = t._data.bitcast[Float32]()
        for i in range(t.numel()):
            p[i] *= factor
    ```
    or the tensor's accessors, which convert from whatever the dtype is.

    ## Fix safety
    There is no fix: whether to add a guard, dispatch on the dtype or use an accessor is
    the author's choice.

    ## Options
    None of its own. It reads the shared `[tool.mojolint.tensor-api]` table (defaults:
    ProjectOdyssey's `ExTensor`/`AnyTensor`; `mojolint config tensor-api` lists its keys):
    `data-field` names the buffer field; `tensor-types`, `constructors`, `like-suffix`,
    `cast-functions`, `cast-methods`, `conversion-methods`, `copy-methods`, `dtype-field`
    and `dtype-method` drive the dtype inference. The same keys under
    `[tool.mojolint.rules.TS003]` are deprecated (still read, with a warning).
    """

    code = "TS003"
    name = "bitcast-dtype-mismatch"
    summary = "Raw bitcast of a tensor's buffer to a type that is not (known to be) its dtype"
    severity = Severity.ERROR
    fix_availability = "none"
    reads_tensor_api = True
    uses_semantic = True  # the tensor analysis reads names from ctx.semantic
    tags = ("tensor-safety", "memory")
    queries = (BITCASTS, *FACT_QUERIES)
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        api = api_of(ctx)
        found = bitcasts(ctx, api)
        if not found:
            return  # most files: no analysis needed
        facts = facts_of(ctx)
        for bitcast in found:
            name = tensor_name(bitcast, ctx.source)
            scope = facts.function_at(bitcast.call)
            if name is None or name == "self" or scope is None:
                continue
            if bitcast.dtype in BYTE_VIEWS:
                continue
            fact = scope.dtype_of(name, bitcast.call)
            if fact is None:
                continue
            shown = text(bitcast.type_node, ctx.source)
            if bitcast.dtype is None:
                # bitcast[Scalar[dtype]]: consistent when dtype is what t was made from or a
                # compile-time parameter the caller dispatches on; otherwise unknown.
                continue
            if fact.dtypes is not None and bitcast.dtype not in fact.dtypes:
                yield ctx.report(bitcast.call, f"`bitcast[{shown}]` on {name}, but "
                                 f"{fact.describe(name)}; its buffer does not hold "
                                 f"{DTYPE_SCALARS.get(bitcast.dtype, shown)} elements")
                continue
            if fact.known is not None or fact.narrowed:
                continue
            if comptime_parameters(scope.node, ctx.source, "DType") or \
                    _named_for(scope.node, bitcast.dtype, ctx.source):
                continue  # a kernel its caller dispatches to
            yield ctx.report(bitcast.call, f"`bitcast[{shown}]` on {name}, but "
                             f"{fact.describe(name)} and no dtype test (`if "
                             f"{name}.{api.dtype_field} == DType.{bitcast.dtype}:`) "
                             f"covers this access")


def dtype_spellings(dtype: str) -> set[str]:
    """How function names spell a dtype: ``float32``, ``fp32``, ``f32``; ``int8``, ``i8``."""
    spellings = {dtype}
    for prefix, short in (("bfloat", ("bf",)), ("float", ("fp", "f")), ("uint", ("u",)),
                          ("int", ("i",))):
        if dtype.startswith(prefix):
            bits = dtype[len(prefix):]
            spellings.update(s + bits for s in short)
            break
    return spellings


def _named_for(function: Node, dtype: str, source: bytes) -> bool:
    """True for ``_add_simd_float32`` reading Float32: a kernel specialised by name."""
    name = function.child_by_field_name("name")
    if name is None:
        return False
    words = set(text(name, source).lower().split("_"))
    return bool(words & dtype_spellings(dtype))
