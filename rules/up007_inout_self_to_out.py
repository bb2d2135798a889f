"""UP007: `inout self` (or `mut self`) in a constructor, written `out self` since Mojo 24.6."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

FUNCTIONS = "(function_definition name: (identifier) @name parameters: (parameters) @parameters)"
CONSTRUCTORS = frozenset({"__init__", "__copyinit__", "__moveinit__"})


class InoutSelfToOut(Rule):
    """## What it does
    Flags `inout self` as the first parameter of a constructor — `__init__`,
    `__copyinit__` or `__moveinit__` — and rewrites it to `out self`. `mut self` there
    (what UP001's rename of `inout` gives, and what code of the 24.6 transition wrote,
    the 2024 standard library included) is flagged and rewritten the same way.

    Other `inout` parameters, including `inout self` in ordinary methods, are UP001's
    (`inout` → `mut`); UP001 leaves constructors' `self` to this rule, so the two never
    offer competing fixes. Constructors that already take `out self`, a parameter *named*
    `out`, and the words in strings, comments and docstrings are left alone.

    ## Why is this bad?
    Before 24.6 a constructor declared its `self` `inout`, although `self` is not
    initialised on entry. Mojo 24.6 added the `out` convention for exactly this ("A new
    `out` convention has been added for the `self` argument in constructors and for named
    results"). Every compiler on PyPI (0.25.6 and later) rejects `inout` with `error:
    expected ')' in argument list`; and rewriting it to `mut` (UP001's fix for other
    parameters) would not compile, because a constructor's `self` must be `out`: every
    compiler on PyPI rejects `fn __init__(mut self)` with `error: __init__ method must
    return Self type with 'out' argument`.

    ## Example
    ```mojo
    struct Point:
        var x: Int

        fn __init__(inout self, x: Int):
            self.x = x
    ```

    ## Use instead
    ```mojo
    struct Point:
        var x: Int

        fn __init__(out self, x: Int):
            self.x = x
    ```

    ## Fix safety
    The fix is **safe**: `inout self` (or `mut self`) in a constructor always meant "the
    value being initialised", which is what `out self` says; the body and every caller stay as they
    are.

    ## Options
    None. The rule runs when `target-version` is 24.6 or later.
    """

    code = "UP007"
    name = "inout-self-to-out"
    summary = "`inout self` or `mut self` in a constructor (written `out self` since Mojo 24.6)"
    default_enabled = False
    fix_availability = "always"
    tags = ("upgrade",)
    queries = (FUNCTIONS,)
    since_version = "24.6"
    deprecated_in = "24.6"
    removed_in = None  # rejected by 0.25.6, the oldest compiler on PyPI; exact release unknown

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for _, match in ctx.matches(FUNCTIONS):
            name, parameters = match["name"][0], match["parameters"][0]
            named = [p for p in parameters.named_children if p.type != "comment"]
            if ctx.text(name) not in CONSTRUCTORS or not named:
                continue
            keyword = _inout_or_mut_self(ctx, named[0])
            if keyword is None:
                continue
            written = ctx.text(keyword)
            fix = Fix(f"Replace `{written} self` with `out self`",
                      (Edit(keyword.start_byte, keyword.end_byte, "out"),))
            yield ctx.report(keyword, f"`{written} self` in `{ctx.text(name)}` is written "
                                      "`out self` since Mojo 24.6", fix=fix)


def _inout_or_mut_self(ctx: Context, parameter: Node) -> Node | None:
    """The convention keyword of ``parameter`` when it is `inout self` or `mut self`."""
    convention = parameter.child_by_field_name("convention")
    own_name = parameter.child_by_field_name("name")
    if convention is None or own_name is None or ctx.text(own_name) != "self":
        return None
    keyword = convention.children[0] if convention.children else None
    return keyword if keyword is not None and keyword.type in ("inout", "mut") else None
