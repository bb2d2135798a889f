"""UP016: `@parameter` on a nested function, spelled `@__parameter` from Mojo 1.1."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

CLOSURES = """
(decorated_definition
  (decorator (identifier) @name (#eq? @name "parameter"))
  definition: (function_definition))
"""


class ParameterClosure(Rule):
    """## What it does
    Flags the `@parameter` decorator on a function definition (a compile-time closure) and
    rewrites it as `@__parameter`.

    ## Why is this bad?
    Mojo 1.1 deprecated the decorator on closures: `'@parameter' is deprecated; use
    '@__parameter'` (1.1 and 1.2 print this warning). `@parameter if` and `@parameter for`
    are a different change (UP009).

    ## Example
    ```mojo
    def total() -> Int:
        var count = 0

        @parameter
        def tick():
            count += 1

        run_closure[tick]()
        return count
    ```

    ## Use instead
    ```mojo
    def total() -> Int:
        var count = 0

        @__parameter
        def tick():
            count += 1

        run_closure[tick]()
        return count
    ```

    ## Fix safety
    The fix is **safe**: it renames the decorator and nothing else, and Mojo 1.1 and newer
    read both spellings the same way. It is offered only for targets from 1.1: releases
    before 1.1 do not know `@__parameter` (`use of unknown declaration '__parameter'`).

    Deprecated in 1.1 (still a warning in 1.2).

    ## Options
    None.
    """

    code = "UP016"
    name = "parameter-closure"
    summary = "`@parameter` on a closure is spelled `@__parameter` (Mojo 1.1)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (CLOSURES,)
    since_version = "1.1"
    deprecated_in = "1.1"
    removed_in = None

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in ctx.captures(CLOSURES).get("name", []):
            fix = Fix("Replace with `@__parameter`",
                      (Edit(node.start_byte, node.end_byte, "__parameter"),), Applicability.SAFE)
            yield ctx.report(node, "`@parameter` on a closure is deprecated; use `@__parameter`",
                             fix=fix)
