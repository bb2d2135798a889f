"""IM003: an import or a function bound again in the same scope before anything used it."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Fix
from mojolint.imports import ImportedName, imported_names, name_removals, statement_removal
from mojolint.rule import Context, Rule
from mojolint.semantics.model import Binding, BindingKind, ScopeKind
from mojolint.semantics.tree import contains

if TYPE_CHECKING:
    from mojolint.incremental import FileShape


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
    uses_semantic = True

    def edit_can_change(self, before: Node, after: Node, shape: FileShape) -> bool:
        """A definition matters if it holds a scope of its own that imports or defines a
        function (a function in a function), or names what the file imports or binds
        twice (when the edit only renamed an identifier: if it was or is such a name)."""
        from mojolint.incremental import code_words

        words = code_words(before) | code_words(after)
        if b"import" in words or _nests_functions(before) or _nests_functions(after):
            return True
        relevant = shape.imported | shape.bound_twice
        if shape.renamed is not None:  # only one identifier's text changed
            return not relevant.isdisjoint(shape.renamed)
        return not relevant.isdisjoint(words)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        model = ctx.semantic
        # Only a scope that imports or defines a function can bind one of those names
        # twice; the names of the others are not bound for nothing.
        repeated = [
            bindings for scope in model.scopes
            if scope.kind in (ScopeKind.MODULE, ScopeKind.FUNCTION) and (
                scope.holds_imports or any(child.kind is ScopeKind.FUNCTION
                                           and child.definition is not None
                                           for child in scope.children))
            for bindings in scope.bindings.values()
            if len(bindings) > 1 and any(b.kind in _SHADOWED for b in bindings)
        ]
        if not repeated:
            return
        names = {bindings[0].name for bindings in repeated}
        reads: dict[str, list[int]] = {}
        for reference in model.references_named(names):
            reads.setdefault(reference.name, []).append(reference.node.start_byte)
        for bindings in repeated:
            for previous, current in itertools.pairwise(bindings):
                if (previous.kind not in _SHADOWED or not _dominates(previous, current)
                        or _used_between(reads, previous, current)):
                    continue
                diagnostic = _diagnose(ctx, previous, current)
                if diagnostic is not None:
                    yield diagnostic


_SHADOWED = (BindingKind.IMPORT, BindingKind.FUNCTION)
_FUNCTIONS = "(function_definition) @function"


def _nests_functions(definition: Node) -> bool:
    """Whether a function is defined inside a function under ``definition``."""
    from tree_sitter import QueryCursor

    from mojolint.parser import compile_query

    found = QueryCursor(compile_query(_FUNCTIONS)).captures(definition).get("function", [])
    for function in found:
        parent = function.parent
        while parent is not None and parent != definition:
            if parent.type == "function_definition":
                return True
            parent = parent.parent
    return False


def _dominates(previous: Binding, current: Binding) -> bool:
    """True when ``current`` sits in the block that holds ``previous`` (so not in the other
    branch of an `if`: `comptime if A: from a import f` / `else: from b import f`)."""
    statement = previous.statement
    while statement.parent is not None and statement.parent.type not in ("block", "module"):
        statement = statement.parent
    block = statement.parent
    return block is not None and contains(block, current.node)


def _effect(binding: Binding) -> int:
    """Where a binding takes effect: after its statement (an import, a whole function), or
    at its name (a loop variable)."""
    return binding.node.start_byte if binding.kind is BindingKind.LOOP_VARIABLE \
        else binding.statement.end_byte


def _used_between(reads: dict[str, list[int]], previous: Binding, current: Binding) -> bool:
    """A read after ``previous``'s name and before ``current`` takes effect (a function's
    own body counts: it may call itself). Reads in other functions count too."""
    low, high = previous.node.end_byte, _effect(current)
    return any(low <= position < high for position in reads.get(previous.name, ()))


def _line(node: Node) -> int:
    return node.start_point[0] + 1


def _imported(binding: Binding) -> ImportedName | None:
    for name in imported_names(binding.statement):
        if name.node.start_byte <= binding.node.start_byte \
                and binding.node.end_byte <= name.node.end_byte:
            return name
    return None


def _diagnose(ctx: Context, previous: Binding, current: Binding) -> Diagnostic | None:
    if current.kind is BindingKind.LOOP_VARIABLE:
        what = "import" if previous.kind is BindingKind.IMPORT else "function"
        return ctx.report(current.node, f"loop variable `{current.name}` shadows the {what} "
                                        f"on line {_line(previous.node)}, unused until here")
    if previous.kind is not BindingKind.IMPORT or current.kind is not BindingKind.IMPORT:
        return None  # overloads, or redefinitions the compiler rejects
    first, second = _imported(previous), _imported(current)
    if first is None or second is None or first.qualified != second.qualified:
        return None  # two different things under one name: the compiler says it is ambiguous
    statement = current.statement
    names = imported_names(statement)
    others = [name for name in names if name.node.id != second.node.id]
    edits = statement_removal(statement, ctx.source) if not others else \
        name_removals(names, [second])
    fix = None if edits is None else Fix(f"Remove the second import of `{current.name}`",
                                         edits, Applicability.SAFE)
    return ctx.report(second.node, f"`{current.name}` imported again; the import on line "
                                   f"{_line(previous.node)} is unused until here", fix=fix)
