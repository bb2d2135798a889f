"""TS001: a typed accessor (``_get_float64``...) on a tensor whose dtype is another one."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.semantics.tree import call_arguments, text
from mojolint.tensor_api import DTYPE_SCALARS, TensorApi
from mojolint.tensor_rules import (
    FACT_QUERIES,
    AccessorOptions,
    api_of,
    facts_of,
    mentions,
)

CALLS = "(call function: (attribute object: (identifier) attribute: (identifier))) @call"


class MismatchedAccessor(Rule):
    """## What it does
    Flags a typed accessor, such as `t._get_float64(i)` or `t._set_float64(i, v)`, called on
    a tensor whose dtype the linter knows to be another one, for example a tensor created by
    `full(shape, 1.5, DType.float32)`. The dtype comes from the constructor's `DType`
    argument (or a variable holding one), `*_like(x)`, casts with a literal dtype, copies,
    and is narrowed inside `if t._dtype == DType.x:`, `if t.dtype() == DType.x:`, and
    `comptime`/`@parameter if` branches. Function parameters have an unknown dtype unless
    narrowed, so they are never flagged. Only dtypes that have a native accessor in the
    configured API are flagged (a float16 tensor has no `_get_float16`, so reading it with
    `_get_float32` is the only way).

    The message says where the dtype came from: "test_data is float32 (created by
    full(..., DType.float32) at line 330)".

    ## Why is this bad?
    The accessor converts on every access (widening, or worse, narrowing on writes), hides
    the tensor's real element type from the reader, and in ProjectOdyssey was one of the
    patterns around its CI-only crashes. The native accessor says what the data is.

    ## Example
    ```mojo
    var t = full(shape, 1.5, DType.float32)
    var x = t._get_float64(0)
    var y = t._get_float64(1) * 2.0
    t._set_float64(2, 0.5)
    ```

    ## Use instead
    ```mojo
    var t = full(shape, 1.5, DType.float32)
    var x = t._get_float32(0)
    var y = Float64(t._get_float32(1)) * 2.0
    t._set_float32(2, 0.5)
    ```

    ## Fix safety
    A diagnostic carries one fix; which one depends on where the value goes:

    - a read used inside a larger expression, or passed on, is fixed by keeping its type:
      `Float64(t._get_float32(1))`. This is **safe**: the value and its type are unchanged.
    - a read that is the whole initial value of an untyped `var x = ...` is fixed to the
      native accessor alone, `var x = t._get_float32(0)`, as the project itself did. This is
      **unsafe**: `x` becomes a `Float32`, which can change precision or fail to type-check
      downstream (the project then needed `Float64(rel_error)`). It is applied only with
      `--fix --unsafe-fixes`.
    - a read already wrapped in the accessor's scalar type, `Float64(t._get_float64(i))`,
      and a write of a literal, `t._set_float64(i, 0.5)`, are fixed to the native accessor
      alone, safely.
    - any other write keeps the conversion explicit: `t._set_float32(i, Float32(v))`, safe.

    With `prefer-native-accessor = true` every fix is the native accessor alone (unsafe
    unless one of the safe cases above applies).

    ## Options
    The tensor API is read from the shared `[tool.mojolint.tensor-api]` table (defaults:
    ProjectOdyssey's `ExTensor`/`AnyTensor`; `mojolint config tensor-api` lists its keys):
    the accessor names (`getter-prefix`, `setter-prefix`, `getter-dtypes`,
    `setter-dtypes`) and the dtype inference (`tensor-types`, `constructors`,
    `like-suffix`, `cast-functions`, `cast-methods`, `conversion-methods`,
    `copy-methods`, `dtype-field`, `dtype-method`). The same keys under
    `[tool.mojolint.rules.TS001]` are deprecated (still read, with a warning).
    """

    code = "TS001"
    name = "mismatched-accessor"
    summary = "Typed accessor that does not match the tensor's dtype"
    fix_availability = "always"
    options_type = AccessorOptions
    reads_tensor_api = True
    uses_semantic = True  # the tensor analysis reads names from ctx.semantic
    tags = ("tensor-safety",)
    queries = (CALLS, *FACT_QUERIES)
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        api = api_of(ctx)
        if not mentions(ctx.source, api.getter_prefix, api.setter_prefix):
            return  # no accessor call in the file
        facts = facts_of(ctx)
        for call in ctx.captures(CALLS).get("call", []):
            function = call.child_by_field_name("function")
            assert function is not None  # the query requires it
            receiver = function.child_by_field_name("object")
            method = function.child_by_field_name("attribute")
            if receiver is None or method is None:
                continue
            accessor = api.accessor_dtype(ctx.text(method))
            if accessor is None:
                continue
            scope = facts.function_at(call)
            if scope is None:
                continue
            kind, used = accessor
            name = ctx.text(receiver)
            fact = scope.dtype_of(name, call)
            actual = fact.known if fact is not None else None
            if fact is None or actual is None or actual == used:
                continue
            if not api.has_accessor(kind, actual):
                continue
            native = api.accessor_name(kind, actual)
            message = (f"`{ctx.text(method)}` on {name}, but {fact.describe(name)}; "
                       f"use `{native}`")
            fix = _fix(ctx, api, call, method, kind, used, actual)
            yield ctx.report(call, message, fix=fix)


def _fix(ctx: Context, api: TensorApi, call: Node, method: Node, kind: str, used: str,
         actual: str) -> Fix:
    native = api.accessor_name(kind, actual)
    rename = Edit(method.start_byte, method.end_byte, native)
    prefer_native = bool(getattr(ctx.options, "prefer_native_accessor", False))
    if kind == "set":
        return _setter_fix(call, rename, native, actual, prefer_native)
    if _wrapped_in(call, DTYPE_SCALARS[used], ctx):
        return Fix(f"Use `{native}`", (rename,), Applicability.SAFE)
    if prefer_native or _untyped_var_value(call):
        return Fix(f"Use `{native}` (the value becomes {DTYPE_SCALARS[actual]})", (rename,),
                   Applicability.UNSAFE)
    scalar = DTYPE_SCALARS[used]
    return Fix(f"Use `{native}` and convert to {scalar}",
               (Edit(call.start_byte, call.start_byte, f"{scalar}("), rename,
                Edit(call.end_byte, call.end_byte, ")")), Applicability.SAFE)


def _setter_fix(call: Node, rename: Edit, native: str, actual: str, prefer_native: bool
                ) -> Fix:
    positional, _ = call_arguments(call)
    value = positional[1] if len(positional) > 1 else None
    literal = value.named_children[-1] if value is not None and \
        value.type == "unary_operator" and value.named_children else value
    # An integer literal fits any native setter; a float literal only a float one.
    fits = {"integer"} if actual.startswith(("int", "uint")) else {"integer", "float"}
    if value is None or literal is None or literal.type in fits:
        return Fix(f"Use `{native}`", (rename,), Applicability.SAFE)
    if prefer_native:
        return Fix(f"Use `{native}`", (rename,), Applicability.UNSAFE)
    scalar = DTYPE_SCALARS[actual]
    return Fix(f"Use `{native}` and convert the value to {scalar}",
               (rename, Edit(value.start_byte, value.start_byte, f"{scalar}("),
                Edit(value.end_byte, value.end_byte, ")")), Applicability.SAFE)


def _wrapped_in(call: Node, scalar: str, ctx: Context) -> bool:
    """True for ``Float64(t._get_float64(i))``: the type is restored by the wrapper."""
    arguments = call.parent
    outer = arguments.parent if arguments is not None else None
    if outer is None or outer.type != "call" or arguments is None \
            or len(arguments.named_children) != 1:
        return False
    function = outer.child_by_field_name("function")
    return function is not None and text(function, ctx.source) == scalar


def _untyped_var_value(call: Node) -> bool:
    """True for ``var x = t._get_float64(i)`` (x takes whatever type the value has)."""
    parent = call.parent
    return (parent is not None and parent.type == "variable_declaration"
            and parent.child_by_field_name("value") == call
            and parent.child_by_field_name("type") is None)
