"""UP034: `constrained[cond, msg]()`, written `comptime assert cond, msg` since Mojo 26.2."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.semantics.tree import declares

NAMES = '((identifier) @name (#eq? @name "constrained"))'

class Constrained(Rule):
    """## What it does
    Flags the `constrained[cond, msg]()` call and rewrites it as the `comptime assert cond,
    msg` statement.

    ## Why is this bad?
    Mojo 26.2 added the `comptime assert` statement and deprecated the `constrained`
    function (`warning: Use `comptime assert` instead`); 1.0 removed it (`use of unknown
    declaration 'constrained'`). The 2024 standard library calls it 68 times in the places
    the 1.2 compiler reports after an upgrade.

    ## Example
    ```mojo
    def tile[width: Int]() -> Int:
        constrained[width > 0, "width must be positive"]()
        return width * 2
    ```

    ## Use instead
    ```mojo
    def tile[width: Int]() -> Int:
        comptime assert width > 0, "width must be positive"
        return width * 2
    ```

    ## Fix safety
    The fix is **safe**: both check the condition at compile time, with the same message,
    when the function is instantiated. The fix is offered for a call that is a statement of
    its own with one or two positional parameters; a condition or message that spans lines
    is wrapped in parentheses. A call used inside an expression, with keyword parameters or
    with a comment between its brackets, is reported without a fix. A file that defines its
    own `constrained` is left alone.

    ## Options
    None. The rule runs when `target-version` is 26.2 or later (no earlier release knows
    `comptime assert`).
    """

    code = "UP034"
    name = "constrained"
    summary = "`constrained[cond, msg]()` is written `comptime assert cond, msg` (Mojo 26.2; " \
              "removed in 1.0)"
    fix_availability = "sometimes"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (NAMES,)
    since_version = "26.2"
    deprecated_in = "26.2"
    removed_in = "1.0"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        names = ctx.captures(NAMES).get("name", [])
        if not names or any(declares(node) for node in names):
            return
        for node in names:
            subscript = node.parent
            if subscript is None or subscript.type != "subscript" \
                    or subscript.child_by_field_name("value") != node:
                continue
            call = subscript.parent
            if call is None or call.type != "call" or call.child_by_field_name("function") \
                    != subscript:
                continue
            yield ctx.report(node, "`constrained` was removed in Mojo 1.0; use `comptime assert`",
                             fix=_fix(ctx, subscript, call))


def _fix(ctx: Context, subscript: Node, call: Node) -> Fix | None:
    statement = call.parent
    arguments = call.child_by_field_name("arguments")
    if statement is None or statement.type != "expression_statement" \
            or statement.named_child_count != 1 or arguments is None \
            or arguments.named_child_count != 0:
        return None
    if any(child.type == "comment" for child in subscript.children):
        return None  # the statement would lose it
    parameters = subscript.children_by_field_name("subscript")
    if not 1 <= len(parameters) <= 2 or any(p.type == "keyword_argument" for p in parameters):
        return None
    parts = [_one_line_safe(ctx.text(p)) for p in parameters]
    return Fix("Replace with `comptime assert`",
               (Edit(statement.start_byte, statement.end_byte,
                     "comptime assert " + ", ".join(parts)),), Applicability.SAFE)


def _one_line_safe(text: str) -> str:
    """Text that was inside the brackets, where it could span lines: outside them it needs
    parentheses to do the same."""
    return f"({text})" if "\n" in text else text

