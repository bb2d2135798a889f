"""UP033: the `__type_of(x)` operator, renamed `type_of(x)` in Mojo 25.7."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Diagnostic
from mojolint.renames import renamed_calls
from mojolint.rule import Context, Rule

CALLS = '((identifier) @name (#eq? @name "__type_of"))'


class TypeOf(Rule):
    """## What it does
    Flags the `__type_of(...)` operator and rewrites it as `type_of(...)`.

    ## Why is this bad?
    Mojo 25.7 renamed the operator that names the type of a value, together with
    `__origin_of` (UP017). From 25.7 on the old name is unknown (`use of unknown
    declaration '__type_of'; did you mean 'type_of'?`); 25.6 does not know the new one, so
    no release accepts both and none warns. The 2024 standard library uses it 74 times in
    the places the 1.2 compiler reports after an upgrade.

    ## Example
    ```mojo
    def twice(x: Int) -> Int:
        var y: __type_of(x) = x
        return x + y
    ```

    ## Use instead
    ```mojo
    def twice(x: Int) -> Int:
        var y: type_of(x) = x
        return x + y
    ```

    ## Fix safety
    The fix is **safe**: only the operator's name changed in 25.7 (with no deprecation
    period); `type_of(x)` names the same type `__type_of(x)` did. A function of the
    project's own that is called `__type_of` would be renamed too; none of the corpora has
    one.

    ## Options
    None.
    """

    code = "UP033"
    name = "type-of"
    summary = "`__type_of(x)` is renamed `type_of(x)` (Mojo 25.7)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (CALLS,)
    since_version = "25.7"
    removed_in = "25.7"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        return renamed_calls(ctx, CALLS, "__type_of", "type_of")
