"""UP003: the `owned` argument convention, written `var` (or `deinit`) since Mojo 25.5."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.conventions import convention_site
from mojolint.diagnostics import Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.versions import is_at_least

CONVENTIONS = '(argument_convention "owned" @keyword)'
# Where 25.6 wants `deinit`: the value a destructor or move constructor consumes.
DEINIT_POSITIONS = {"__del__": 0, "__moveinit__": 1}


class OwnedToVar(Rule):
    """## What it does
    Flags the `owned` argument convention and rewrites it the way the compiler's own
    fix-it does: to `var` (`fn consume(owned s: String)` → `fn consume(var s: String)`),
    except for the value a destructor or move constructor consumes — `self` of `__del__`
    and the second parameter of `__moveinit__` — which becomes `deinit` when the target is
    25.6 or later.

    The word `owned` in strings, comments and docstrings, a parameter *named* `owned`, and
    conventions already written `var` or `deinit` are left alone.

    ## Why is this bad?
    Mojo 25.5 replaced `owned` with `var` and 25.6 gave destructors and move constructors
    `deinit`. 0.25.6 to 0.26.1 warn — `warning: 'owned' has been deprecated, use 'var'
    instead` and `warning: 'owned' has been deprecated, use 'deinit' instead` — and 26.2
    removes the keyword: from then on the compiler stops at `error: expected ')' in
    argument list`, which no longer names `owned`.

    ## Example
    ```mojo
    struct Handle:
        var fd: Int

        fn __del__(owned self):
            close(self.fd)

    fn consume(owned s: String) -> String:
        return s^
    ```

    ## Use instead
    ```mojo
    struct Handle:
        var fd: Int

        fn __del__(deinit self):
            close(self.fd)

    fn consume(var s: String) -> String:
        return s^
    ```

    ## Fix safety
    The fix is **safe**: `var` is the `owned` convention under its new name (the callee
    owns the value), and `deinit` is what 25.6 and later require for the value a
    destructor or move constructor consumes. The edits are the ones the compiler's fix-its
    make (0.25.6 to 0.26.1). With `target-version = "25.5"` the destructor's `self`
    becomes `var self`, because `deinit` does not exist before 25.6.

    ## Options
    None. The rule runs when `target-version` is 25.5 or later.
    """

    code = "UP003"
    name = "owned-to-var"
    summary = "`owned` argument convention (`var` or `deinit` since Mojo 25.5; removed in 26.2)"
    default_enabled = False
    fix_availability = "always"
    tags = ("upgrade",)
    queries = (CONVENTIONS,)
    since_version = "25.5"
    deprecated_in = "25.5"
    removed_in = "26.2"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        deinit_allowed = is_at_least(ctx.target_version, "25.6")
        for keyword in ctx.captures(CONVENTIONS).get("keyword", []):
            new = "deinit" if deinit_allowed and _consumed_by_destructor(ctx, keyword) else "var"
            fix = Fix(f"Replace `owned` with `{new}`",
                      (Edit(keyword.start_byte, keyword.end_byte, new),))
            yield ctx.report(keyword, f"`owned` is deprecated from Mojo 25.5 and removed in "
                                      f"26.2; use `{new}`", fix=fix)


def _consumed_by_destructor(ctx: Context, keyword: Node) -> bool:
    """True for `__del__`'s self and `__moveinit__`'s source: 25.6 wants `deinit` there."""
    site = convention_site(keyword, ctx.source)
    return site is not None and DEINIT_POSITIONS.get(site.function_name) == site.position
