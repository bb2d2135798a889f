"""UP002: the `borrowed` argument convention, renamed `read` in 24.6 and `imm` in 1.0."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.versions import is_at_least

CONVENTIONS = '(argument_convention "borrowed" @keyword)'


class BorrowedToRead(Rule):
    """## What it does
    Flags the `borrowed` argument convention — `fn show(borrowed self)`, `fn f(borrowed x:
    Int)` — and rewrites it to the name the target release uses: `read` for targets from
    24.6 up to 26.2, `imm` for 1.0 and later.

    The words in strings, comments and docstrings, a parameter *named* `borrowed` or
    `read`, and conventions already written `read` or `imm` are left alone (`read` → `imm`
    on 1.0 is a separate change).

    ## Why is this bad?
    Mojo 24.6 renamed the convention ("The `inout` and `borrowed` argument conventions
    have been renamed to `mut` and `read`") and Mojo 1.0 renamed it again (`warning: 'read'
    is deprecated; use 'imm'`). No compiler installable today accepts `borrowed`: 0.25.6
    and later stop with `error: expected ')' in argument list`, without naming the keyword.

    ## Example
    ```mojo
    fn total(borrowed values: List[Int]) -> Int:
        return len(values)
    ```

    ## Use instead
    With `target-version` 24.6 to 26.2:
    ```mojo
    fn total(read values: List[Int]) -> Int:
        return len(values)
    ```
    With `target-version` 1.0 or later:
    ```mojo
    def total(imm values: List[Int]) -> Int:
        return len(values)
    ```

    ## Fix safety
    The fix is **safe**: `borrowed`, `read` and `imm` are one convention (an immutable
    reference to the caller's value) under three names, and `borrowed` was already the
    default for `fn` arguments, so only the spelling changes. The fix writes `imm` only
    when the target is 1.0 or later, because releases before 1.0 reject `imm`.

    ## Options
    None. The rule runs when `target-version` is 24.6 or later.
    """

    code = "UP002"
    name = "borrowed-to-read"
    summary = "`borrowed` argument convention (`read` since Mojo 24.6, `imm` since 1.0)"
    default_enabled = False
    fix_availability = "always"
    tags = ("upgrade",)
    queries = (CONVENTIONS,)
    since_version = "24.6"
    deprecated_in = "24.6"
    removed_in = None  # rejected by 0.25.6, the oldest compiler on PyPI; exact release unknown

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        new = "imm" if is_at_least(ctx.target_version, "1.0") else "read"
        for keyword in ctx.captures(CONVENTIONS).get("keyword", []):
            fix = Fix(f"Replace `borrowed` with `{new}`",
                      (Edit(keyword.start_byte, keyword.end_byte, new),))
            yield ctx.report(keyword, f"`borrowed` was renamed `read` in Mojo 24.6 (`imm` "
                                      f"from 1.0); use `{new}`", fix=fix)
