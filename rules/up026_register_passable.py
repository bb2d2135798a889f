"""UP026: the `@register_passable` decorator, replaced by the `RegisterPassable` traits in 26.2."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.conformances import add_traits
from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

DECORATED = "(decorated_definition definition: (struct_definition)) @decorated"


class RegisterPassable(Rule):
    """## What it does
    Flags `@register_passable` on a struct and rewrites it the way the compiler's message
    asks: the decorator is removed and the struct conforms to `RegisterPassable`
    (`@register_passable("trivial")`: `TrivialRegisterPassable`) instead, added after the
    traits it already lists or as a new list (`struct P:` → `struct P(RegisterPassable):`).

    ## Why is this bad?
    Mojo 26.2 removed the decorator without a deprecation release: `error: decorator
    @register_passable("trivial") is removed, conform to TrivialRegisterPassable trait
    instead` (and `... conform to RegisterPassable trait instead`). 26.1 does not know the
    traits, so a project moves from one form to the other when it moves to 26.2.

    ## Example
    ```mojo
    @fieldwise_init
    @register_passable("trivial")
    struct Pair:
        var a: Int
        var b: Int
    ```

    ## Use instead
    ```mojo
    @fieldwise_init
    struct Pair(TrivialRegisterPassable):
        var a: Int
        var b: Int
    ```

    ## Fix safety
    The fix is **safe**: the trait is the decorator's replacement, and the struct keeps its
    copy behaviour (a trivial struct is still implicitly copyable; a non-trivial one is
    copyable exactly when it says `Copyable`, as before; checked with 26.1 and 1.2). A
    decorator with another argument than `"trivial"` is reported without a fix.

    Removed (without a deprecation) in 26.2.

    ## Options
    None.
    """

    code = "UP026"
    name = "register-passable"
    summary = "`@register_passable` is the `RegisterPassable` trait (Mojo 26.2)"
    fix_availability = "sometimes"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (DECORATED,)
    since_version = "26.2"
    removed_in = "26.2"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for decorated in ctx.captures(DECORATED).get("decorated", []):
            struct = decorated.child_by_field_name("definition")
            if struct is None:
                continue
            decorators = [child for child in decorated.children if child.type == "decorator"]
            for decorator in decorators:
                trait = _replacement(ctx, decorator)
                if trait is None:
                    continue
                fix = None
                if trait:
                    edits = [_remove(decorator), *add_traits(struct, [trait], ctx.source)]
                    fix = Fix(f"Remove the decorator and conform to `{trait}`", tuple(edits),
                              Applicability.SAFE)
                    message = (f"`@register_passable` was removed in Mojo 26.2; conform to "
                               f"`{trait}`")
                else:
                    message = ("`@register_passable` was removed in Mojo 26.2; conform to "
                               "`RegisterPassable` or `TrivialRegisterPassable`")
                yield ctx.report(decorator, message, fix=fix)


def _replacement(ctx: Context, decorator: Node) -> str | None:
    """The trait for `@register_passable` / `@register_passable("trivial")`, "" for another
    argument, None when the decorator is something else."""
    expressions = [child for child in decorator.named_children if child.type != "comment"]
    if len(expressions) != 1:
        return None
    expression = expressions[0]
    if expression.type == "identifier":
        return "RegisterPassable" if ctx.text(expression) == "register_passable" else None
    if expression.type != "call":
        return None
    function = expression.child_by_field_name("function")
    if function is None or function.type != "identifier" \
            or ctx.text(function) != "register_passable":
        return None
    arguments = expression.child_by_field_name("arguments")
    values = ([a for a in arguments.named_children if a.type != "comment"]
              if arguments is not None else [])
    if len(values) == 1 and values[0].type == "string" \
            and ctx.text(values[0]).strip("\"'") == "trivial":
        return "TrivialRegisterPassable"
    return ""


def _remove(decorator: Node) -> Edit:
    """Delete the decorator and its line break (up to what follows it)."""
    following = decorator.next_sibling
    end = following.start_byte if following is not None else decorator.end_byte
    return Edit(decorator.start_byte, end, "")
