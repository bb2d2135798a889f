"""UP001: the `inout` argument convention, renamed `mut` in Mojo 24.6."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.conventions import convention_site
from mojolint.diagnostics import Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

CONVENTIONS = '(argument_convention "inout" @keyword)'
# Constructors take `out self` since 24.6, not `mut self`: UP007 rewrites those.
CONSTRUCTORS = frozenset({"__init__", "__copyinit__", "__moveinit__"})


class InoutToMut(Rule):
    """## What it does
    Flags the `inout` argument convention — `fn grow(inout self)`, `fn swap(inout a: Int,
    inout b: Int)`, `fn (inout Int) -> None` — and rewrites it to `mut`, the name Mojo 24.6
    gave it.

    The `self` of a constructor (`__init__`, `__copyinit__`, `__moveinit__`) is left to
    UP007, which rewrites it to `out self`: `mut self` would not compile there. The word
    `inout` in strings, comments and docstrings, and a parameter or variable *named* `inout`
    or `mut`, are left alone.

    ## Why is this bad?
    Mojo 24.6 renamed the convention ("The `inout` and `borrowed` argument conventions have
    been renamed to `mut` and `read`"), and no compiler installable today accepts the old
    spelling: 0.25.6 and every later release stop at `inout` with `error: expected ')' in
    argument list`, a message that does not even name the keyword. A project pinned to an
    older Mojo cannot move forward until every `inout` is rewritten.

    ## Example
    ```mojo
    fn increment(inout counter: Int):
        counter += 1
    ```

    ## Use instead
    ```mojo
    fn increment(mut counter: Int):
        counter += 1
    ```

    ## Fix safety
    The fix is **safe**: `mut` is the same convention under its new name (a mutable
    reference to the caller's value), so only the spelling changes.

    ## Options
    None. The rule runs when `target-version` is 24.6 or later.
    """

    code = "UP001"
    name = "inout-to-mut"
    summary = "`inout` argument convention (renamed `mut` in Mojo 24.6)"
    default_enabled = False
    fix_availability = "always"
    tags = ("upgrade",)
    queries = (CONVENTIONS,)
    since_version = "24.6"
    deprecated_in = "24.6"
    removed_in = None  # rejected by 0.25.6, the oldest compiler on PyPI; exact release unknown

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for keyword in ctx.captures(CONVENTIONS).get("keyword", []):
            if is_constructor_self(ctx, keyword):
                continue
            fix = Fix("Replace `inout` with `mut`",
                      (Edit(keyword.start_byte, keyword.end_byte, "mut"),))
            yield ctx.report(keyword, "`inout` was renamed `mut` in Mojo 24.6; no current "
                                      "compiler accepts it", fix=fix)


def is_constructor_self(ctx: Context, keyword: Node) -> bool:
    """True for the `inout` of a constructor's first parameter named `self` (UP007's)."""
    site = convention_site(keyword, ctx.source)
    return (site is not None and site.function_name in CONSTRUCTORS
            and site.parameter_name == "self" and site.position == 0)
