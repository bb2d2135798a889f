"""UP006: the `@value` decorator, replaced by `@fieldwise_init` and explicit conformances."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.conformances import add_traits
from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

DECORATED = "(decorated_definition definition: (struct_definition)) @decorated"
TRAITS = ("Copyable", "Movable")


class ValueDecorator(Rule):
    """## What it does
    Flags `@value` on a struct and rewrites it the way the compiler's message asks: the
    decorator becomes `@fieldwise_init`, and `Copyable` and `Movable` are added to the
    struct's conformance list — after the traits it already lists (`struct P(Writable):`
    → `struct P(Writable, Copyable, Movable):`), or as a new list when it has none
    (`struct P:` and `struct P[T: AnyType]:` → `struct P(Copyable, Movable):`,
    `struct P[T: AnyType](Copyable, Movable):`). A trait the list already names is not
    added twice. A struct that already has `@fieldwise_init`, or defines its own
    `__init__(out self, ...)` taking its fields' types in order, just loses `@value`: the
    compiler rejects `@fieldwise_init` next to such an initializer (`error: 'P' has an
    explicitly declared fieldwise initializer`).

    The word `value` in strings, comments and docstrings, other decorators such as
    `@value_semantics` or `@value(x)`, and a variable named `value` are left alone.

    ## Why is this bad?
    Mojo 25.5 deprecated `@value`, and 25.6 removed it: `error: '@value' has been removed,
    please use '@fieldwise_init' and explicit 'Copyable' and 'Movable' conformances
    instead`. From 26.2 on the compiler only says `use of unknown declaration 'value'`.

    ## Example
    ```mojo
    @value
    struct Pair(Writable):
        var first: Int
        var second: Int
    ```

    ## Use instead
    ```mojo
    @fieldwise_init
    struct Pair(Writable, Copyable, Movable):
        var first: Int
        var second: Int
    ```

    ## Fix safety
    The fix is **unsafe**. `@value` synthesised a field-wise `__init__`, `__copyinit__`
    and `__moveinit__` only where the struct did not define them; the replacement always
    declares the conformances. The rule recognises a hand-written field-wise `__init__` by
    the spelling of its parameter types, so one written through another name for a field's
    type (an alias) is missed and the struct gets a conflicting second initializer; a
    struct with a field that is not `Copyable` stops compiling; and a struct that was never
    meant to be copied becomes copyable. Review the struct after the fix.

    ## Options
    None. The rule runs when `target-version` is 25.5 or later (`@fieldwise_init` does
    not exist before).
    """

    code = "UP006"
    name = "value-decorator"
    summary = "`@value` decorator (`@fieldwise_init` plus `Copyable, Movable` since Mojo 25.5)"
    default_enabled = False
    fix_availability = "always"
    tags = ("upgrade",)
    queries = (DECORATED,)
    since_version = "25.5"
    deprecated_in = "25.5"
    removed_in = "25.6"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for decorated in ctx.captures(DECORATED).get("decorated", []):
            struct = decorated.child_by_field_name("definition")
            decorators = [child for child in decorated.children if child.type == "decorator"]
            if struct is None:
                continue
            for decorator in decorators:
                if _decorator_name(ctx, decorator) != "value":
                    continue
                edits = [_decorator_edit(ctx, decorator, decorators, struct),
                         *add_traits(struct, TRAITS, ctx.source)]
                fix = Fix("Replace `@value` with `@fieldwise_init` and `Copyable, Movable`",
                          tuple(edits), Applicability.UNSAFE)
                yield ctx.report(decorator, "`@value` was removed in Mojo 25.6; use "
                                            "`@fieldwise_init` and `Copyable, Movable`", fix=fix)
                break


def _decorator_name(ctx: Context, decorator: Node) -> str | None:
    """``value`` for `@value` (a bare name; `@value(...)` and `@a.value` are not it)."""
    expressions = [child for child in decorator.named_children if child.type != "comment"]
    if len(expressions) != 1 or expressions[0].type != "identifier":
        return None
    return ctx.text(expressions[0])


def _decorator_edit(ctx: Context, decorator: Node, decorators: list[Node],
                    struct: Node) -> Edit:
    """Rename `@value`; delete it when the struct already has `@fieldwise_init` or its own
    field-wise `__init__` (the compiler rejects a second one)."""
    if (any(_decorator_name(ctx, other) == "fieldwise_init" for other in decorators)
            or _declares_fieldwise_init(ctx, struct)):
        following = decorator.next_sibling
        end = following.start_byte if following is not None else decorator.end_byte
        return Edit(decorator.start_byte, end, "")
    name = decorator.named_children[0]
    return Edit(name.start_byte, name.end_byte, "fieldwise_init")


def _declares_fieldwise_init(ctx: Context, struct: Node) -> bool:
    """True when the struct defines `__init__(out self, a: A, b: B)` for its fields `a: A`,
    `b: B`: the parameters after `self` have the fields' types, in order (as written)."""
    body = struct.child_by_field_name("body")
    if body is None:
        return False
    field_types: list[str | None] = []
    initializers: list[Node] = []
    for statement in body.named_children:
        definition = (statement.child_by_field_name("definition")
                      if statement.type == "decorated_definition" else statement)
        if definition is None:
            continue
        if definition.type == "variable_declaration":
            field_type = definition.child_by_field_name("type")
            if field_type is None:
                return False  # a field without a written type: cannot compare
            field_types.append(_spelling(ctx, field_type))
        elif definition.type == "function_definition":
            name = definition.child_by_field_name("name")
            if name is not None and ctx.text(name) == "__init__":
                initializers.append(definition)
    for initializer in initializers:
        parameters = initializer.child_by_field_name("parameters")
        named = ([p for p in parameters.named_children if p.type != "comment"]
                 if parameters is not None else [])
        if not named or named[0].type != "convention_parameter":
            continue  # the first parameter must be `out self`
        types = [p.child_by_field_name("type") if p.type == "typed_parameter" else None
                 for p in named[1:]]
        if [_spelling(ctx, t) if t is not None else None for t in types] == field_types:
            return True
    return False


def _spelling(ctx: Context, node: Node) -> str:
    return "".join(ctx.text(node).split())
