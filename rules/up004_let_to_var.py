"""UP004: `let` declarations, deprecated in Mojo 24.1 and gone from the language by 24.4."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

DECLARATIONS = "(variable_declaration keyword: _ @keyword)"


class LetToVar(Rule):
    """## What it does
    Flags `let` declarations — `let x = 1`, `let y: Int` — and rewrites them to `var`.

    The word `let` in strings, comments and docstrings, a variable *named* `let`, and
    `var` declarations are left alone.

    ## Why is this bad?
    Mojo 24.1 deprecated `let` in favour of `var`, and the keyword was gone from the
    language by 24.4. Every compiler installable today (0.25.6 and later) rejects it, so
    code written for early Mojo does not build until each `let` is rewritten.

    ## Example
    ```mojo
    fn area(w: Int, h: Int) -> Int:
        let result = w * h
        return result
    ```

    ## Use instead
    ```mojo
    fn area(w: Int, h: Int) -> Int:
        var result = w * h
        return result
    ```

    ## Fix safety
    The fix is **safe**. A `let` binding was a `var` that could not be reassigned; code
    that compiled with `let` never reassigns it, so the same code with `var` behaves the
    same. Only the compiler's check against later reassignment is lost.

    ## Options
    None. The rule runs for every target-version (24.6, the earliest mojolint knows, is
    already past the removal).
    """

    code = "UP004"
    name = "let-to-var"
    summary = "`let` declaration (deprecated in Mojo 24.1, removed by 24.4)"
    default_enabled = False
    fix_availability = "always"
    tags = ("upgrade",)
    queries = (DECLARATIONS,)
    # Deprecated in 24.1 and removed by 24.4: both are older than every target mojolint
    # knows, so the rule applies to all of them and the page names the real releases.
    since_version = "24.6"
    deprecated_in = None
    removed_in = "24.6"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for keyword in ctx.captures(DECLARATIONS).get("keyword", []):
            if keyword.type != "let":
                continue
            fix = Fix("Replace `let` with `var`",
                      (Edit(keyword.start_byte, keyword.end_byte, "var"),))
            yield ctx.report(keyword, "`let` was deprecated in Mojo 24.1 and removed by 24.4; "
                                      "use `var`", fix=fix)
