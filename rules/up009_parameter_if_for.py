"""UP009: `@parameter if` / `@parameter for`, spelled `comptime if` / `comptime for` from 26.2."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

DECORATED = ("(decorated_definition definition: [(if_statement) (for_statement)] @statement)"
             " @decorated")


class ParameterIfFor(Rule):
    """## What it does
    Flags `@parameter if` and `@parameter for` and rewrites them as `comptime if` and
    `comptime for`. Only a statement whose one decorator is `@parameter` is flagged;
    `@parameter` on a nested function (a compile-time closure) is a different construct and
    is left alone.

    ## Why is this bad?
    Mojo 26.2 introduced `comptime if` / `comptime for` and deprecated the decorator form:
    `'@parameter if' is deprecated, use 'comptime if' instead` (and the same for `for`).
    Mojo 1.1 removed it: `'if' statement does not support decorators; remove the decorator`.

    ## Example
    ```mojo
    @parameter
    if width > 1:
        total += 1

    @parameter
    for i in range(width):
        total += i
    ```

    ## Use instead
    ```mojo
    comptime if width > 1:
        total += 1

    comptime for i in range(width):
        total += i
    ```

    ## Fix safety
    The fix is **safe**: both forms evaluate the condition or unroll the loop at compile
    time, and `elif`/`else` branches keep their meaning. The fix removes the decorator line
    and writes `comptime ` before the keyword. When a comment sits between the decorator and
    the statement the diagnostic has no fix, so the comment is never lost.

    Deprecated in 26.2; removed in 1.1.

    ## Options
    None.
    """

    code = "UP009"
    name = "parameter-if-for"
    summary = "`@parameter if/for` is replaced by `comptime if/for` (Mojo 26.2; removed in 1.1)"
    fix_availability = "sometimes"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (DECORATED,)
    since_version = "26.2"
    deprecated_in = "26.2"
    removed_in = "1.1"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for _, match in ctx.matches(DECORATED):
            decorated = match["decorated"][0]
            statement = match["statement"][0]
            decorators = [c for c in decorated.named_children if c.type == "decorator"]
            if len(decorators) != 1 or ctx.text(decorators[0]).replace(" ", "") != "@parameter":
                continue
            keyword = "if" if statement.type == "if_statement" else "for"
            decorator = decorators[0]
            between = ctx.source[decorator.end_byte:statement.start_byte]
            fix = None
            if not between.strip():
                fix = Fix(f"Replace `@parameter` with `comptime {keyword}`",
                          (Edit(decorator.start_byte, statement.start_byte, "comptime "),),
                          Applicability.SAFE)
            yield ctx.report(decorator, f"`@parameter {keyword}` is deprecated; use "
                                        f"`comptime {keyword}`", fix=fix)
