"""UP017: the `__origin_of(x)` operator, renamed `origin_of(x)` in Mojo 25.7."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Diagnostic
from mojolint.renames import renamed_calls
from mojolint.rule import Context, Rule

CALLS = '((identifier) @name (#eq? @name "__origin_of"))'


class OriginOf(Rule):
    """## What it does
    Flags the `__origin_of(...)` operator and rewrites it as `origin_of(...)`.

    ## Why is this bad?
    Mojo 25.7 renamed the operator that names the origin of a value. From 25.7 on the old
    name is unknown (`use of unknown declaration '__origin_of'; did you mean
    'origin_of'?`); 25.6 does not know the new one, so there was no release that accepted
    both and no deprecation warning.

    ## Example
    ```mojo
    def first_word(s: String) -> StringSlice[__origin_of(s)]:
        return s[byte=0:1]
    ```

    ## Use instead
    ```mojo
    def first_word(s: String) -> StringSlice[origin_of(s)]:
        return s[byte=0:1]
    ```

    ## Fix safety
    The fix is **safe**: the operator was renamed, its arguments and meaning are the same.

    Renamed (removed without a deprecation) in 25.7.

    ## Options
    None.
    """

    code = "UP017"
    name = "origin-of"
    summary = "`__origin_of(x)` is renamed `origin_of(x)` (Mojo 25.7)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (CALLS,)
    since_version = "25.7"
    removed_in = "25.7"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        return renamed_calls(ctx, CALLS, "__origin_of", "origin_of")
