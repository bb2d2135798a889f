"""IM003: an import or a function bound again in the same scope before anything used it."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Fix
from mojolint.imports import (
    IMPORT_TYPES,
    ImportedName,
    identifiers,
    imported_names,
    is_reference,
    name_removals,
    statement_removal,
)
from mojolint.rule import Context, Rule
from mojolint.semantics.tree import SCOPE_TYPES, contains

DEFINITIONS = "[(import_statement) (import_from_statement) (function_definition) " \
    "(for_statement)] @definition"


@dataclass(frozen=True)
class _Binding:
    kind: str  # "import", "function" or "loop"
    name: str
    node: Node  # the name's node
    start: int  # where the binding takes effect
    imported: ImportedName | None = None


class RedefinedUnusedName(Rule):
    """## What it does
    Flags a name bound a second time in the same scope (the file, or one function) while
    nothing has used its first binding yet:

    - the same name imported again from the same place, `from std.math import floor`
      twice;
    - an import, or a function defined inside a function, overwritten by a loop variable
      of the same name (`def step()` ... `for step in range(3)`).

    Uses anywhere between the two bindings, even in other functions, count as uses, so a
    name used before it is rebound is never reported. Methods of structs and overloads
    (`def f(x: Int)` and `def f(x: Float64)`) are not redefinitions.

    ## Why is this bad?
    A second import of the same name is dead weight left by a merge or a copy. A loop
    variable that takes the name of an import or a helper function hides it for the rest
    of the function: a later call of the helper calls the loop's integer instead, and the
    helper defined just before is never run. Mojo 1.2 rejects the other redefinitions
    (`invalid redefinition`, `import ... is ambiguous`) but accepts these two silently.

    ## Example
    ```mojo
    from std.math import floor
    from std.math import floor


    def count() -> Int:
        def step() -> Int:
            return 1

        var total = 0
        for step in range(3):
            total += step
        return total
    ```

    ## Use instead
    ```mojo
    from std.math import floor


    def count() -> Int:
        def step() -> Int:
            return 1

        var total = 0
        for i in range(3):
            total += step()
        return total
    ```

    ## Fix safety
    A repeated import of the same name from the same module is removed (the name, or its
    statement when it imports nothing else); the fix is **safe**, the name still means the
    same thing. A loop variable has no fix: which of the two the code meant is for its
    author to say.

    ## Options
    None.
    """

    code = "IM003"
    name = "redefined-unused-name"
    summary = "Name bound again before its first binding was used"
    fix_availability = "sometimes"
    tags = ("imports",)
    queries = (DEFINITIONS,)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        by_scope: dict[tuple[int, str], list[_Binding]] = {}
        for node in ctx.captures(DEFINITIONS).get("definition", []):
            scope = _scope_of(node)
            if scope is None:
                continue
            for binding in _bindings(ctx, node):
                by_scope.setdefault((scope.id, binding.name), []).append(binding)
        repeated = {key: bindings for key, bindings in by_scope.items() if len(bindings) > 1}
        if not repeated:
            return
        references = _references(ctx, {name for _, name in repeated})
        for bindings in repeated.values():
            bindings.sort(key=lambda b: b.start)
            for previous, current in itertools.pairwise(bindings):
                if (previous.kind == "loop" or not _dominates(previous, current)
                        or _used_between(references, previous, current)):
                    continue
                diagnostic = _diagnose(ctx, previous, current)
                if diagnostic is not None:
                    yield diagnostic


def _scope_of(node: Node) -> Node | None:
    """The function or module whose scope ``node`` binds in; None inside a struct."""
    current = node.parent
    while current is not None:
        if current.type in SCOPE_TYPES:
            return current if current.type == "function_definition" else None
        if current.type == "module":
            return current
        current = current.parent
    return None


def _bindings(ctx: Context, node: Node) -> list[_Binding]:
    if node.type in IMPORT_TYPES:
        return [_Binding("import", name.binding, name.node, node.end_byte, name)
                for name in imported_names(node)]
    if node.type == "function_definition":
        name = node.child_by_field_name("name")
        return [] if name is None else [_Binding("function", ctx.text(name), name,
                                                 node.end_byte)]
    left = node.child_by_field_name("left")
    if left is None:
        return []
    targets = [left] if left.type == "identifier" else \
        [child for child in left.named_children if child.type == "identifier"]
    return [_Binding("loop", ctx.text(target), target, target.start_byte) for target in targets]


def _dominates(previous: _Binding, current: _Binding) -> bool:
    """True when ``current`` sits in the block that holds ``previous`` (so not in the other
    branch of an `if`: `comptime if A: from a import f` / `else: from b import f`)."""
    statement = previous.node
    while statement.parent is not None and statement.parent.type not in ("block", "module"):
        statement = statement.parent
    block = statement.parent
    return block is not None and contains(block, current.node)


def _references(ctx: Context, names: set[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for identifier in identifiers(ctx.tree.root_node):
        name = ctx.text(identifier)
        if name in names and is_reference(identifier):
            found.setdefault(name, []).append(identifier.start_byte)
    return found


def _used_between(references: dict[str, list[int]], previous: _Binding,
                  current: _Binding) -> bool:
    """A use after ``previous``'s name and before ``current`` takes effect (a function's own
    body counts: it may call itself)."""
    low = previous.node.end_byte
    return any(low <= position < current.start and position != current.node.start_byte
               for position in references.get(previous.name, ()))


def _line(node: Node) -> int:
    return node.start_point[0] + 1


def _diagnose(ctx: Context, previous: _Binding, current: _Binding) -> Diagnostic | None:
    if current.kind == "loop":
        what = "import" if previous.kind == "import" else "function"
        return ctx.report(current.node, f"loop variable `{current.name}` shadows the {what} "
                                        f"on line {_line(previous.node)}, unused until here")
    if previous.kind != "import" or current.kind != "import":
        return None  # overloads, or redefinitions the compiler rejects
    assert previous.imported is not None and current.imported is not None
    if previous.imported.qualified != current.imported.qualified:
        return None  # two different things under one name: the compiler says it is ambiguous
    statement = current.imported.statement
    names = imported_names(statement)
    others = [name for name in names if name.node.id != current.node.id]
    edits = statement_removal(statement, ctx.source) if not others else \
        name_removals(names, [current.imported])
    fix = None if edits is None else Fix(f"Remove the second import of `{current.name}`",
                                         edits, Applicability.SAFE)
    return ctx.report(current.node, f"`{current.name}` imported again; the import on line "
                                    f"{_line(previous.node)} is unused until here", fix=fix)
