"""NU005: a SIMD literal with a different number of elements than its width."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Diagnostic
from mojolint.numbers import int_literal
from mojolint.rule import Context, Rule
from mojolint.semantics.tree import call_arguments

SIMD_CALLS = ("(call function: (subscript value: (identifier) @simd) "
              "arguments: (argument_list)) @call")


class SimdLiteralWidth(Rule):
    """## What it does
    Flags `SIMD[dtype, N](e1, e2, ...)` with two or more elements when their number is not
    `N` and `N` is an integer literal: `SIMD[DType.float32, 4](1, 2, 3)`. One argument is a
    splat (every element gets it) and is left alone, as are widths that are not literals
    (`SIMD[dtype, width](...)`), keyword arguments, `*` unpacking, and text in strings,
    comments and docstrings.

    ## Why is this bad?
    With the 1.2 compiler neither case is an error or a warning. Too few elements crash at
    run time (`SIMD[DType.float32, 4](1, 2, 3)` compiles, then "execution crashed"); too
    many are dropped without a word (`SIMD[DType.int32, 2](1, 2, 3)` is `[1, 2]`).

    ## Example
    ```mojo
    var weights = SIMD[DType.float32, 4](0.5, 0.25, 0.25)
    ```

    ## Use instead
    ```mojo
    var weights = SIMD[DType.float32, 4](0.5, 0.25, 0.25, 0.0)
    ```

    ## Fix safety
    There is no fix: the missing (or extra) element is the author's call.

    ## Options
    None.
    """

    code = "NU005"
    name = "simd-literal-width"
    summary = "SIMD literal with a different number of elements than its width"
    fix_availability = "none"
    tags = ("numbers", "correctness")
    queries = (SIMD_CALLS,)
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if b"SIMD" not in ctx.source:
            return
        for _, match in ctx.matches(SIMD_CALLS):
            simd = match.get("simd", [])
            calls = match.get("call", [])
            if not simd or not calls or ctx.text(simd[0]) != "SIMD":
                continue
            call = calls[0]
            function = call.child_by_field_name("function")
            parameters = function.children_by_field_name("subscript") if function else []
            if len(parameters) != 2:
                continue
            width = int_literal(parameters[1], ctx.source)
            positional, keywords = call_arguments(call)
            if width is None or keywords or len(positional) < 2:
                continue
            if any(a.type in ("list_splat", "dictionary_splat") for a in positional):
                continue
            if len(positional) == width:
                continue
            effect = ("crashes at run time" if len(positional) < width
                      else f"drops the last {len(positional) - width}")
            yield ctx.report(call, f"`SIMD[..., {width}]` built from {len(positional)} "
                                   f"elements: the compiler accepts it and it {effect}")
