"""PF001: `x.copy()` of a local value that is never used again: `x^` would move it."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.semantics.flow import Skeleton
from mojolint.semantics.model import Binding, BindingKind, Scope, ScopeKind, SemanticModel
from mojolint.semantics.reach import Reach
from mojolint.semantics.tree import method_call_without_arguments

_COMPOUND = frozenset({"if_statement", "for_statement", "while_statement", "try_statement",
                       "with_statement", "function_definition", "decorated_definition",
                       "struct_definition", "elif_clause", "else_clause", "except_clause",
                       "finally_clause"})
# Ways to keep a pointer or view into a value: moving it would leave them dangling.
_BORROWING_METHODS = frozenset({"unsafe_ptr", "as_bytes", "as_string_slice", "as_span",
                                "__iter__", "items", "keys", "values"})


class CopyAtLastUse(Rule):
    """## What it does
    Flags `x.copy()` where `x` is a local variable (declared with `var`, or assigned in the
    function) that no path of the function reads again after the copy: the copy is its last
    use, so `x^` can hand the value over instead of duplicating it.

    Arguments (borrowed by default), fields (`self.items.copy()`), loop variables, `ref`
    bindings, values a closure captures, and values something may still point into (a
    `Pointer(to=x)`, `x.unsafe_ptr()`, a span or iterator taken from `x`) are left alone, as
    is a copy inside a loop whose next pass reads `x` again (unless `x` is declared or
    reassigned in that pass). A reassignment of `x` inside a branch after the copy does not
    make the copy the last use: the other branch still reads the old value. Text in strings,
    comments and docstrings is not code.

    ## Why is this bad?
    `.copy()` allocates and duplicates the whole value (a `List`, a `String`, a `Dict`),
    and the original is then destroyed unused. Moving with `^` costs nothing. The compiler
    does not point this out: it warns about a needless `^`, not a needless copy.

    ## Example
    ```mojo
    def build(n: Int) -> List[Int]:
        var values = List[Int]()
        for i in range(n):
            values.append(i)
        var result = values.copy()
        return result^
    ```

    ## Use instead
    ```mojo
    def build(n: Int) -> List[Int]:
        var values = List[Int]()
        for i in range(n):
            values.append(i)
        var result = values^
        return result^
    ```

    ## Fix safety
    The fix replaces `x.copy()` with `x^` and is **unsafe**: `x` is then destroyed where it
    is moved rather than at its last use's end, so a destructor with a side effect runs at
    another time, and a type whose `copy()` does more than copy changes behaviour. A type
    that is not `Movable` does not build after the fix.

    ## Options
    None.
    """

    code = "PF001"
    name = "copy-at-last-use"
    summary = "`.copy()` of a local value at its last use; `^` would move it"
    fix_availability = "always"
    tags = ("performance",)
    uses_semantic = True
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if b".copy()" not in ctx.source:
            return
        copied = _copied_names(ctx)
        if not copied:
            return
        model = ctx.semantic
        for scope in model.function_scopes():
            if scope.kind is not ScopeKind.FUNCTION or _is_test(scope):
                continue
            yield from _check_function(ctx, model, scope, copied)


def _copied_names(ctx: Context) -> set[str]:
    """The names ``x`` of the file's ``x.copy`` (only their bindings can be reported)."""
    names: set[str] = set()
    source, root = ctx.source, ctx.tree.root_node
    at = source.find(b"copy")
    while at >= 0:
        method = root.named_descendant_for_byte_range(at, at + 4)
        attribute = method.parent if method is not None else None
        if method is not None and attribute is not None and attribute.type == "attribute" \
                and method.start_byte == at and method.end_byte == at + 4 \
                and attribute.child_by_field_name("attribute") == method:
            receiver = attribute.child_by_field_name("object")
            if receiver is not None and receiver.type == "identifier":
                names.add(ctx.text(receiver))
        at = source.find(b"copy", at + 1)
    return names


def _check_function(ctx: Context, model: SemanticModel, scope: Scope,
                    copied: set[str]) -> Iterable[Diagnostic]:
    reach: Reach | None = None
    skeleton: Skeleton | None = None
    for name, bindings in scope.bindings.items():
        if name not in copied or any(b.kind is not BindingKind.VARIABLE
                                     or not _owned(ctx, b) for b in bindings):
            continue
        own = {id(b) for b in bindings}
        references = [r for r in model.references_named((name,), within=scope.node)
                      if id(r.binding) in own]
        if any(r.scope is not scope for r in references):
            # Read in a nested function (a closure that captures it, among others).
            continue
        nodes = sorted((r.node for r in references), key=lambda n: n.start_byte)
        copies = [(n, call) for n in nodes if (call := _copy_call(ctx, n)) is not None]
        if not copies or any(_borrowed(ctx, n) for n in nodes):
            continue
        if skeleton is None:
            skeleton = Skeleton(scope.node)
            reach = Reach(skeleton)
        assert reach is not None
        kills = [b.statement for b in bindings]
        for reference, call in copies:
            statement = skeleton.statement_of(call)
            if statement.type in _COMPOUND or any(
                    n.id != reference.id and statement.start_byte <= n.start_byte
                    < statement.end_byte for n in nodes):
                continue
            if _moved_in_other_arm(ctx, skeleton, call, name):
                continue  # `if c: return x.copy() else: return x^`: both chosen on purpose
            if _discarded(ctx, model, scope, call):
                continue  # the copy is made for its own sake (shown, or counted)
            binding = model.binding_of(reference)
            declared = binding.statement if binding is not None else None
            if any(reach.may_reach(call, n, declared=declared, kills=kills, nested_kills=False)
                   for n in nodes):
                continue
            fix = Fix(f"Move `{name}` with `{name}^`",
                      (Edit(call.start_byte, call.end_byte, f"{name}^"),),
                      Applicability.UNSAFE)
            yield ctx.report(call, f"`{name}.copy()` is the last use of `{name}`: "
                                   f"`{name}^` would move it instead of copying", fix=fix)


def _owned(ctx: Context, binding: Binding) -> bool:
    """A `var` declaration or an assignment (not a `ref`/`let` binding, `with`, `except`,
    nor `ref x` in an unpacking: `(var a), (ref b) = pair`)."""
    statement = binding.statement
    if statement.type == "variable_declaration":
        return ctx.text(statement).startswith("var")
    if statement.type != "expression_statement":
        return False
    pattern = binding.node.parent
    return pattern is None or pattern.type != "binding_pattern" \
        or not ctx.text(pattern).startswith("ref")


def _copy_call(ctx: Context, reference: Node) -> Node | None:
    """The call ``reference.copy()`` with no arguments, or None."""
    return method_call_without_arguments(reference, ctx.source, ("copy",))


def _borrowed(ctx: Context, reference: Node) -> bool:
    """Something may keep pointing into the value: `Pointer(to=x)`, `x.unsafe_ptr()`,
    `Span(x)`, `iter(x)`, `for e in x`."""
    parent = reference.parent
    if parent is None:
        return False
    if parent.type == "keyword_argument":
        return True
    if parent.type == "attribute" and parent.child_by_field_name("object") == reference:
        method = parent.child_by_field_name("attribute")
        return method is not None and ctx.text(method) in _BORROWING_METHODS
    if parent.type == "argument_list" and parent.parent is not None:
        callee = parent.parent.child_by_field_name("function")
        return callee is not None and ctx.text(callee).split("[")[0] in (
            "Span", "StringSlice", "Pointer", "UnsafePointer", "iter")
    if parent.type == "for_statement":
        return parent.child_by_field_name("right") == reference
    return False


def _is_test(scope: Scope) -> bool:
    """A test function (`test_*`, `_test_*`): there the copy is often what is tested (copy
    events counted, the copy's independence from the original) and speed does not matter."""
    name = scope.name or ""
    return name.startswith(("test", "_test"))


def _discarded(ctx: Context, model: SemanticModel, scope: Scope, call: Node) -> bool:
    """The copy initialises a name that is only thrown away (`_ = y`, `var _y = y^`) or
    never read: a copy made to show or count copying, not to use the value."""
    parent = call.parent
    if parent is None or parent.type not in ("variable_declaration", "assignment"):
        return False
    name_field = "name" if parent.type == "variable_declaration" else "left"
    target = parent.child_by_field_name(name_field)
    if target is None or target.type != "identifier":
        return False
    binding = model.binding_of(target)
    if binding is None or binding.scope is not scope:
        return False
    for reference in model.references_named((binding.name,), within=scope.node):
        if reference.binding is not binding:
            continue
        node = reference.node
        outer = node.parent
        if outer is not None and outer.type == "transfer_expression":
            outer = outer.parent
        if outer is None or outer.type not in ("assignment", "variable_declaration"):
            return False
        name = outer.child_by_field_name("left" if outer.type == "assignment" else "name")
        if name is None or not ctx.text(name).startswith("_"):
            return False
    return True


def _moved_in_other_arm(ctx: Context, skeleton: Skeleton, call: Node, name: str) -> bool:
    """Another arm of the `if` around the copy moves the same name (`x^`)."""
    arm: Node | None = None
    for around in skeleton.enclosing(call):
        if around.type == "if_statement":
            for other in around.named_children:
                if other.type not in ("block", "elif_clause", "else_clause") or (
                        arm is not None and other.id == arm.id):
                    continue
                if f"{name}^" in ctx.text(other).replace(" ", ""):
                    return True
            return False
        arm = around
    return False
