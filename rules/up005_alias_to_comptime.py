"""UP005: `alias` declarations, written `comptime` since Mojo 25.7."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

DECLARATIONS = "(comptime_declaration keyword: _ @keyword)"


class AliasToComptime(Rule):
    """## What it does
    Flags `alias` declarations — `alias N = 4`, `alias Vec[T: AnyType] = List[T]`, a
    trait's `alias size: Int` — at file, struct, trait and function scope, and rewrites the
    keyword to `comptime`.

    The word `alias` in strings, comments and docstrings, a variable or keyword argument
    *named* `alias`, and declarations already written `comptime` are left alone.

    ## Why is this bad?
    Mojo 25.7 accepts `comptime` declarations; 26.1 deprecates `alias` (`warning: 'alias'
    is deprecated, use 'comptime' instead`) and 1.1 removes it. After the removal the
    compiler no longer recognises the keyword at all: an `alias` at file scope reads
    `error: expressions must not appear at file scope`, which does not say what to change.

    ## Example
    ```mojo
    alias WIDTH = 8

    struct Buffer:
        alias Element = Float32
    ```

    ## Use instead
    ```mojo
    comptime WIDTH = 8

    struct Buffer:
        comptime Element = Float32
    ```

    ## Fix safety
    The fix is **safe**: `comptime` is the same declaration under its new keyword. It is
    the edit the compiler's own fix-it makes (0.26.1 and later), byte for byte.

    ## Options
    None. The rule runs when `target-version` is 25.7 or later; older releases reject
    `comptime`.
    """

    code = "UP005"
    name = "alias-to-comptime"
    summary = "`alias` declaration (`comptime` since Mojo 25.7; removed in 1.1)"
    default_enabled = False
    fix_availability = "always"
    tags = ("upgrade",)
    queries = (DECLARATIONS,)
    since_version = "25.7"
    deprecated_in = "26.1"
    removed_in = "1.1"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for keyword in ctx.captures(DECLARATIONS).get("keyword", []):
            if keyword.type != "alias":
                continue
            fix = Fix("Replace `alias` with `comptime`",
                      (Edit(keyword.start_byte, keyword.end_byte, "comptime"),))
            yield ctx.report(keyword, "`alias` is deprecated from Mojo 26.1 and removed in 1.1; "
                                      "use `comptime`", fix=fix)
