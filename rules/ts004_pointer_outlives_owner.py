"""TS004: a pointer with an untracked origin used after the last use of its owner."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.semantics import FunctionFacts
from mojolint.semantics.flow import Paths
from mojolint.semantics.lookup import ProjectLookup
from mojolint.semantics.model import NAME_BINDINGS, Scope, ScopeKind
from mojolint.semantics.origins import OriginClassifier, PointerOrigin, owned_local
from mojolint.semantics.project import index_for
from mojolint.semantics.tree import contains, indentation_of, line_of
from mojolint.tensor_rules import FACT_QUERIES, api_of, declares_pointer, facts_of, mentions

# How many of the owner's uses are tried as "still used after this pointer use" before the
# rule gives up and assumes so (keeps a function of thousands of uses linear).
MAX_OWNER_USES_TRIED = 64
COMPOUND = frozenset({"for_statement", "while_statement", "if_statement", "with_statement",
                      "try_statement"})


@dataclass(frozen=True)
class PointerBinding:
    name: str
    origin: PointerOrigin
    value: Node
    statement: Node
    node: Node  # the identifier the pointer is bound to


class PointerOutlivesOwner(Rule):
    """## What it does
    Flags a raw pointer with an *untracked* origin, taken from a local value, that is used
    after the last use of that value (its owner). Untracked means the pointer's type does not
    tie it to the owner: a struct field declared `UnsafePointer[T, MutExternalOrigin]` (or
    `MutUntrackedOrigin`, or with no origin), a method declared to return such a pointer,
    `p.unsafe_origin_cast[MutExternalOrigin]()`, a tensor's data field whose declaration is not
    in the file (`t._data`), and pointers derived from those (`p.bitcast[T]()`, `p + n`,
    `p.offset(n)`). From Mojo 1.2 on (`target-version = "1.2"`), every pointer read from a
    struct field is untracked, since 1.2 forbids `AnyOrigin` in struct fields.

    Pointers whose origin is tracked are left alone: `x.unsafe_ptr()`, `UnsafePointer(to=x)`,
    a method returning `origin_of(self)`, a field declared with `MutAnyOrigin` before 1.2:
    they keep `x` alive until their own last use. Only values the function owns (its `var`s)
    are checked: arguments are kept alive by the caller. Last use follows branches: a use of
    the owner in the `else` arm does not keep it alive for a pointer use in the `if` arm, and
    a `return` or `raise` ends a path; a use inside a loop counts until the loop's end.

    ## Why is this bad?
    Mojo destroys a value right after its last use (ASAP destruction), not at the end of
    the scope. A pointer with an untracked origin does not count as a use of the value it
    came from, so once the owner's last use has passed, its destructor may already have freed
    the buffer and every read or write through the pointer is a use after free. The compilers
    show it (tests/compiler/test_pointer_origins.py): through an untracked pointer the program
    reads what the destructor left; through a tracked one, the value is still alive.
    ProjectOdyssey's CI-only crashes came from this pattern: `var p =
    t._data.bitcast[Float32]()` followed by a loop writing `p[i]`.

    ## Example
    ```mojo
    struct Buffer:
        var data: UnsafePointer[Float32, MutExternalOrigin]
        ...

    fn first(n: Int) -> Float32:
        var buffer = Buffer(n)
        var p = buffer.data
        return p[0]
    ```

    ## Use instead
    ```mojo
    fn first(n: Int) -> Float32:
        var buffer = Buffer(n)
        var p = buffer.data
        var value = p[0]
        _ = buffer
        return value
    ```
    or, better, the value's own accessors, which keep it alive.

    ## Fix safety
    The fix inserts `_ = owner` on its own line after the statement that holds the
    pointer's last use, in the block where the owner was declared and with that block's
    indentation. It only extends the owner's life, so it is safe. There is no fix when the
    last pointer use is a `return` (the line after it would never run) or lies outside the
    owner's block.

    ## Options
    None of its own. It reads the shared `[tool.mojolint.tensor-api]` table (defaults:
    ProjectOdyssey's `ExTensor`/`AnyTensor`; `mojolint config tensor-api` lists its keys):
    `data-field` (a field of unknown declaration that holds a raw pointer),
    `pointer-methods` (methods that return a tracked pointer into their receiver when the
    project does not declare them), `pointer-constructors` (`T(to=x)`). The same keys under
    `[tool.mojolint.rules.TS004]` are deprecated (still read, with a warning).
    """

    code = "TS004"
    name = "pointer-outlives-owner"
    summary = "Raw pointer with an untracked origin used after the last use of its owner"
    fix_availability = "sometimes"
    reads_tensor_api = True
    tags = ("tensor-safety", "memory")
    queries = FACT_QUERIES
    uses_semantic = True
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        api = api_of(ctx)
        if not mentions(ctx.source, api.data_field, "Pointer", "unsafe_origin_cast"):
            return  # no untracked pointer can be made without one of these words
        if not _may_bind_untracked(ctx, api.data_field):
            return  # most files: no binding whose value could be an untracked pointer
        model = ctx.semantic
        classifier = OriginClassifier(model, ctx.target_version, api.data_field,
                                      api.pointer_methods, api.pointer_constructors,
                                      ProjectLookup(model, ctx.path, index_for(ctx.path)),
                                      api.tensor_types)
        facts = facts_of(ctx)
        for scope in model.function_scopes():
            pointers = _pointers(scope, classifier)
            if not pointers:
                continue
            function = facts.function_of(scope.node)
            if function is None:
                continue
            by_owner: dict[str, list[PointerBinding]] = {}
            for pointer in pointers:
                if pointer.origin.tracked or pointer.origin.owner is None:
                    continue
                by_owner.setdefault(pointer.origin.owner, []).append(pointer)
            for owner, owned in by_owner.items():
                diagnostic = _check_owner(ctx, scope, function, owner, owned)
                if diagnostic is not None:
                    yield diagnostic


def _may_bind_untracked(ctx: Context, data_field: str) -> bool:
    """True when some ``var x = v`` / ``x = v`` of the file could bind an untracked pointer
    (read from the bytes of ``v``, before the semantic model is built)."""
    source = ctx.source
    words = (data_field.encode(), b"unsafe_origin_cast")
    declared = declares_pointer(source)
    found = ctx.captures(NAME_BINDINGS)
    for statement in (*found.get("decl", []), *found.get("assign", [])):
        start, end = statement.start_byte, statement.end_byte
        if any(source.find(word, start, end) >= 0 for word in words):
            return True
        if declared and source.find(b".", start, end) >= 0:
            return True
    return False


def _pointers(scope: Scope, classifier: OriginClassifier) -> list[PointerBinding]:
    """The scope's variables bound to pointer expressions that may point into one of its own
    ``var``s (:meth:`OriginClassifier.local_pointers`), in source order: the only ones
    :func:`_check_owner` can report on."""
    found: list[PointerBinding] = []
    for binding, origin in classifier.local_pointers(scope):
        assert binding.value is not None
        found.append(PointerBinding(binding.name, origin, binding.value, binding.statement,
                                    binding.node))
    return found


def _pointer_uses(function: FunctionFacts, pointer: PointerBinding,
                  closures: dict[str, Scope]) -> list[Node]:
    """Uses of the pointer after it is made and before it is assigned again. A nested
    closure that reads the pointer (``@parameter fn body(i: Int): p[i] = 0``) uses it where
    the closure is called or passed on (``vectorize[body](n)``): those count too."""
    statement = pointer.statement
    later = [a.statement.start_byte for a in function.assignments.get(pointer.name, [])
             if a.statement.start_byte > statement.start_byte]
    stop = min(later, default=function.node.end_byte)
    uses = [use for use in function.uses_after(pointer.name, statement.end_byte)
            if use.start_byte < stop]
    for name, closure in closures.items():
        if closure.node.start_byte < statement.end_byte:
            continue  # defined before the pointer: it reads an earlier value of the name
        uses.extend(use for use in function.uses_after(name, closure.node.end_byte)
                    if use.start_byte < stop)
    return sorted(uses, key=lambda use: use.start_byte)


def _closures_reading(ctx: Context, scope: Scope, name: str) -> dict[str, Scope]:
    """The closures nested in ``scope`` (by name) that read ``name`` of ``scope``."""
    found: dict[str, Scope] = {}
    for child in scope.children:
        if child.kind is not ScopeKind.FUNCTION or child.name is None:
            continue
        if any(b.name == name and b.scope is scope for b in ctx.semantic.captured(child)):
            found[child.name] = child
    return found


def _check_owner(ctx: Context, scope: Scope, function: FunctionFacts, owner_name: str,
                 pointers: list[PointerBinding]) -> Diagnostic | None:
    """One diagnostic per owner: at the first late pointer use, fixed after the last."""
    owner = ctx.semantic.resolve(owner_name, scope, pointers[0].statement.start_byte)
    if not owned_local(owner) or owner is None or owner.scope is not scope:
        return None
    owner_uses = function.uses.get(owner_name, [])
    if not owner_uses:
        return None
    paths = Paths(function.skeleton)
    starts = [use.start_byte for use in owner_uses]
    late: list[tuple[Node, PointerBinding]] = []
    closures: dict[str, dict[str, Scope]] = {}
    for pointer in pointers:
        if pointer.name not in closures:
            closures[pointer.name] = _closures_reading(ctx, scope, pointer.name) \
                if scope.children else {}
        for use in _pointer_uses(function, pointer, closures[pointer.name]):
            if not _owner_still_used(paths, use, owner_uses, starts, owner.node):
                late.append((use, pointer))
    if not late:
        return None
    first_late, pointer = min(late, key=lambda item: item[0].start_byte)
    last = max((use for use, _ in late), key=lambda u: u.end_byte)
    before = [u for u in owner_uses if u.end_byte <= first_late.start_byte]
    owner_use = max(before or owner_uses, key=lambda u: u.end_byte)
    used = ctx.text(first_late)
    through = closures.get(pointer.name, {}).get(used) if used != pointer.name else None
    this_use = f"use of `{pointer.name}`" if through is None else (
        f"use of closure `{used}`, which uses `{pointer.name}` (line "
        f"{line_of(through.node)}),")
    message = (f"`{pointer.name}` points into `{owner_name}` (taken at line "
               f"{line_of(pointer.statement)}; untracked origin: {pointer.origin.why}), but "
               f"the last use of `{owner_name}` before it is at line {line_of(owner_use)}; "
               f"Mojo destroys a value right after its last use (ASAP destruction), so this "
               f"{this_use} may touch freed memory")
    return ctx.report(first_late, message,
                      fix=_keep_alive_fix(ctx, function, owner.statement, last, owner_name))


def _owner_still_used(paths: Paths, use: Node, owner_uses: list[Node], starts: list[int],
                      declared: Node) -> bool:
    """True when the owner is used in the pointer use's statement, or a path from the
    pointer use reaches a use of the owner (``owner_uses`` in source order, ``starts``
    their start bytes)."""
    statement = paths.skeleton.statement_of(use)
    # Owner uses before the statement matter only when a loop around both brings control
    # back to them: start from the outermost such loop, else from the statement.
    first = statement.start_byte
    for loop in paths.skeleton.loops_around(use):
        if not contains(loop, declared):
            first = min(first, loop.start_byte)
    lo = bisect_left(starts, first)
    for tried, owner_use in enumerate(owner_uses[lo:lo + MAX_OWNER_USES_TRIED + 1]):
        if statement.type not in COMPOUND and contains(statement, owner_use):
            return True  # `consume(owner, p[0])`: the owner lives through the statement
        if tried == MAX_OWNER_USES_TRIED or paths.reaches(use, owner_use, declared):
            return True
    return False


def _keep_alive_fix(ctx: Context, function: FunctionFacts, owner_statement: Node,
                    last_use: Node, owner: str) -> Fix | None:
    """Insert ``_ = owner`` after the statement of the owner's block that holds the use."""
    skeleton = function.skeleton
    block = skeleton.block_of(owner_statement)
    if block is None:
        return None
    statement = skeleton.statement_in(block, last_use)
    if statement is None or Paths(skeleton).exits_after(last_use, block):
        return None  # past the owner's block, or a return or raise comes first
    line_end = ctx.source.find(b"\n", statement.end_byte)
    indent = indentation_of(statement, ctx.source)
    if line_end < 0:
        edit = Edit(len(ctx.source), len(ctx.source), f"\n{indent}_ = {owner}\n")
    else:
        edit = Edit(line_end + 1, line_end + 1, f"{indent}_ = {owner}\n")
    return Fix(f"Keep `{owner}` alive with `_ = {owner}`", (edit,), Applicability.SAFE)
