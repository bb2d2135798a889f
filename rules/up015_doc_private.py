"""UP015: the `@doc_private` decorator, renamed `@doc_hidden` in Mojo 26.2 and removed in 1.0."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

DECORATORS = '(decorator (identifier) @name (#eq? @name "doc_private"))'


class DocPrivate(Rule):
    """## What it does
    Flags the `@doc_private` decorator and rewrites it as `@doc_hidden`.

    ## Why is this bad?
    Mojo 26.2 renamed the decorator that hides a declaration from generated documentation:
    `use @doc_hidden instead of @doc_private`. Mojo 1.0 no longer knows the old name
    (`use of unknown declaration 'doc_private'`).

    ## Example
    ```mojo
    @doc_private
    def _helper() -> Int:
        return 1
    ```

    ## Use instead
    ```mojo
    @doc_hidden
    def _helper() -> Int:
        return 1
    ```

    ## Fix safety
    The fix is **safe**: it only renames the decorator, which affects documentation and
    nothing the program does.

    Deprecated in 26.2; removed in 1.0.

    ## Options
    None.
    """

    code = "UP015"
    name = "doc-private"
    summary = "`@doc_private` is renamed `@doc_hidden` (Mojo 26.2; removed in 1.0)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (DECORATORS,)
    since_version = "26.2"
    deprecated_in = "26.2"
    removed_in = "1.0"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in ctx.captures(DECORATORS).get("name", []):
            fix = Fix("Replace with `@doc_hidden`",
                      (Edit(node.start_byte, node.end_byte, "doc_hidden"),), Applicability.SAFE)
            yield ctx.report(node, "`@doc_private` is deprecated; use `@doc_hidden`", fix=fix)
