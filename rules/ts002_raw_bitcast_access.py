"""TS002: element reads and writes through ``t._data.bitcast[T]()`` instead of accessors."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.semantics import DtypeFact, FunctionFacts
from mojolint.semantics.bitcast import (
    BITCASTS,
    Access,
    accesses,
    bitcasts,
    inside_struct_named,
    pointer_binding,
    tensor_name,
)
from mojolint.semantics.ints import is_int
from mojolint.semantics.tree import line_of
from mojolint.tensor_api import TensorApi
from mojolint.tensor_rules import FACT_QUERIES, api_of, facts_of

# Expressions whose evaluation has no effects, so an update may evaluate its index twice.
PURE_TYPES = frozenset({"identifier", "integer", "attribute", "binary_operator",
                        "parenthesized_expression", "unary_operator"})


class RawBitcastAccess(Rule):
    """## What it does
    Flags element reads and writes through a tensor's raw buffer, `t._data.bitcast[T]()[i]`
    and `t._data.bitcast[T]()[i] = v`, and the same through a pointer variable bound from
    `t._data.bitcast[T]()` in the same function (`var p = t._data.bitcast[T](); p[i] = v`).
    The message says what the linter knows about the tensor's dtype and where that came
    from. Code inside the tensor type itself (`self._data`, and any method of a struct
    named in `tensor-types`) is where the accessors are implemented and is not flagged.
    One-element loads and stores through such a pointer (`p.load(i)`, `p.unsafe_load(i)`,
    and `p.store(i, v)`, `p.unsafe_store(i, v)` when `v` is visibly a scalar: a number or
    `Float32(x)`) are the same access and are flagged too, without a fix; vector loads and
    stores (`p.load[width=w](i)`, `p.store(i, vector)`) are deliberate SIMD code and are
    not flagged.

    ## Why is this bad?
    The raw pointer skips everything the tensor knows: nothing checks that `T` is the
    tensor's dtype (see TS003), and the pointer does not keep the tensor alive, so with
    Mojo's ASAP destruction a pointer variable used after the tensor's last use reads or
    writes freed memory (see TS004). ProjectOdyssey replaced hundreds of these accesses by
    its accessors after tracing CI-only heap corruption to them.

    ## Example
    ```mojo
    var t = zeros(shape, DType.float32)
    t._data.bitcast[Float32]()[0] = 1.5
    var p = t._data.bitcast[Float32]()
    var x = p[1] * 2.0
    ```

    ## Use instead
    ```mojo
    var t = zeros(shape, DType.float32)
    t._set_float32(0, 1.5)
    var x = t._get_float32(1) * 2.0
    ```

    ## Fix safety
    The fix rewrites a read as the typed getter, `t._get_float32(i)`, a write as the typed
    setter, `t._set_float32(i, v)`, and an update `p[i] += v` as
    `t._set_float32(i, t._get_float32(i) + v)`. It is offered only when the tensor's dtype
    is known and equals `T` and the API has that accessor (by default getters for float64,
    float32 and int64, setters also for int32); then the accessor reads and writes the
    same element with the same type (`Float32` in, `Float32` out), so the fix is **safe**.
    It is **unsafe** when the index is not visibly an `Int` (the accessors take an `Int`,
    a pointer accepts any integer type, so the fixed code might not compile). There is no
    fix for a read bound with `ref` (the accessor returns a copy), for an update whose
    index has effects, through a pointer variable that is assigned more than once, or when
    the tensor is assigned between the pointer and the access.

    ## Options
    None of its own. It reads the shared `[tool.mojolint.tensor-api]` table (defaults:
    ProjectOdyssey's `ExTensor`/`AnyTensor`; `mojolint config tensor-api` lists its keys):
    `data-field`, `getter-prefix`, `setter-prefix`, `getter-dtypes`, `setter-dtypes`,
    `tensor-types` and the dtype-inference keys. The same keys under
    `[tool.mojolint.rules.TS002]` are deprecated (still read, with a warning).
    """

    code = "TS002"
    name = "raw-bitcast-access"
    summary = "Element access through a tensor's raw buffer instead of its accessors"
    fix_availability = "sometimes"
    reads_tensor_api = True
    uses_semantic = True  # the tensor analysis' names and the shared "is an Int" answer
    tags = ("tensor-safety", "memory")
    queries = (BITCASTS, *FACT_QUERIES)
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        api = api_of(ctx)
        found = bitcasts(ctx, api)
        if not found:
            return  # most files: no analysis needed
        facts = facts_of(ctx)
        # Whether each function is a method of a tensor type: no struct is nearer to a
        # bitcast than the innermost function around it, so all its bitcasts share that.
        in_tensor_type: dict[int, bool] = {}
        for bitcast in found:
            shown_tensor = ctx.text(bitcast.tensor)
            if shown_tensor == "self":
                continue
            scope = facts.function_at(bitcast.call)
            if scope is None:
                inside = inside_struct_named(bitcast.call, api.tensor_types, ctx.source)
            else:
                method = in_tensor_type.get(scope.node.id)
                if method is None:
                    method = in_tensor_type[scope.node.id] = inside_struct_named(
                        scope.node, api.tensor_types, ctx.source)
                inside = method
            if inside:
                continue
            name = tensor_name(bitcast, ctx.source)
            fact = scope.dtype_of(name, bitcast.call) if scope and name else None
            shown_type = ctx.text(bitcast.type_node)
            known = (fact.describe(shown_tensor) if fact is not None
                     else f"the dtype of {shown_tensor} is not known here")
            for access in accesses(bitcast, facts, ctx.source):
                fix = None
                if name is not None and scope is not None and fact is not None:
                    fix = _fix(ctx, api, scope, access, name, fact)
                how = {"read": "read", "write": "write", "update": "update"}[access.kind]
                if access.method is not None:
                    how += f" (`.{access.method}`)"
                via = ("" if access.pointer is None else
                       f" through `{access.pointer}` (bound at line "
                       f"{line_of(bitcast.call)})")
                advice = (f"; use `{_accessor_call(fix)}`" if fix is not None
                          else "; use the tensor's accessors")
                message = (f"raw {how}{via} of `{shown_tensor}._data.bitcast[{shown_type}]()`"
                           f"; {known}{advice}")
                yield ctx.report(access.subscript, message, fix=fix)


def _fix(ctx: Context, api: TensorApi, scope: FunctionFacts, access: Access, name: str,
         fact: DtypeFact) -> Fix | None:
    dtype = access.bitcast.dtype
    if dtype is None or fact.known != dtype:
        return None
    index = access.subscript.child_by_field_name("subscript")
    if index is None or access.subscript.named_child_count != 2:
        return None  # p[] or p[i, j]
    if access.pointer is not None and not _pointer_fixable(scope, access, name):
        return None
    getter, setter = api.accessor_name("get", dtype), api.accessor_name("set", dtype)
    shown_index = ctx.text(index)
    if access.kind == "read":
        if not api.has_accessor("get", dtype) or _bound_by_ref(access.subscript):
            return None
        replacement = f"{name}.{getter}({shown_index})"
        target: Node = access.subscript
    else:
        statement = access.statement
        value = statement.child_by_field_name("right") if statement is not None else None
        if statement is None or value is None or value.type in ("assignment",
                                                                 "augmented_assignment"):
            return None
        if statement.parent is None or statement.parent.type != "expression_statement":
            return None
        if not api.has_accessor("set", dtype):
            return None
        shown_value = ctx.text(value)
        if access.kind == "update":
            operator = next((c.type for c in statement.children if not c.is_named), "")
            if not api.has_accessor("get", dtype) or not operator.endswith("=") \
                    or not _pure(index):
                return None
            shown_value = (f"{name}.{getter}({shown_index}) {operator[:-1]} "
                           f"{_parenthesized(value, shown_value)}")
        replacement = f"{name}.{setter}({shown_index}, {shown_value})"
        target = statement
    edit = Edit(target.start_byte, target.end_byte, replacement)
    accessor = getter if access.kind == "read" else setter
    if is_int(ctx.semantic, index):  # the one "is an Int" answer, shared with TS007
        return Fix(f"Use `{name}.{accessor}(...)`", (edit,), Applicability.SAFE)
    return Fix(f"Use `{name}.{accessor}(...)` (the index must be an Int)", (edit,),
               Applicability.UNSAFE)


def _accessor_call(fix: Fix) -> str:
    """``t._get_float32(...)`` from a fix's title, ``Use `t._get_float32(...)```."""
    return fix.title.split("`")[1]


def _pointer_fixable(scope: FunctionFacts, access: Access, name: str) -> bool:
    """The pointer is bound once, and the tensor is not reassigned before the access."""
    binding = pointer_binding(access.bitcast)
    if binding is None or access.pointer is None:
        return False
    pointer = scope.bindings.get(access.pointer)
    if pointer is None or pointer.kind != "var" or \
            len(scope.assignments.get(access.pointer, [])) != 1:
        return False
    start, end = binding[1].end_byte, access.subscript.start_byte
    return not any(start <= a.statement.start_byte < end
                   for a in scope.assignments.get(name, []))


def _bound_by_ref(subscript: Node) -> bool:
    parent = subscript.parent
    if parent is None or parent.type != "variable_declaration":
        return False
    keyword = parent.child_by_field_name("keyword")
    return keyword is not None and keyword.type == "ref"


def _pure(node: Node) -> bool:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.is_named and current.type not in PURE_TYPES:
            return False
        stack.extend(c for c in current.named_children if c.type != "comment")
    return True


def _parenthesized(value: Node, shown: str) -> str:
    simple = ("identifier", "integer", "float", "call", "attribute", "subscript",
              "parenthesized_expression")
    return shown if value.type in simple else f"({shown})"


