"""TE001: an "expected an error" test whose own failure is caught by its `except`."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.semantics.tree import enclosing_function

TRIES = "(try_statement) @try"
IMPORTS = "(module (import_from_statement) @import)"


class TestCannotFail(Rule):
    """## What it does
    In a test function (one whose name starts with `test`), flags a `try` whose body ends
    with a statement meant to fail the test when the code before it did not raise —
    `raise Error(...)`, `assert_true(False, ...)` or `assert_false(True, ...)` — and whose
    `except` clauses neither re-raise nor look at the error they caught. Mojo's `except`
    catches every error, so it catches the failure too: the test passes whether the code
    raised or not.

    Outside test functions a `raise` inside a `try` is control flow (leaving a search
    loop, say) and is left alone. An `except e:` that checks the error
    (`assert_true("bad input" in String(e))`) is left alone, as is a `try` whose failure
    statement is not its last, one with only `finally`, and text in strings, comments and
    docstrings.

    ## Why is this bad?
    The test was written to prove that the code raises, and it cannot fail: if the code
    stops raising, the `raise Error("expected an error")` meant to catch that is itself
    caught by the `except`, and the test still passes.

    ## Example
    ```mojo
    def test_rejects_empty_name():
        try:
            parse_name("")
            raise Error("expected an error")
        except:
            pass
    ```

    ## Use instead
    ```mojo
    from testing import assert_raises

    def test_rejects_empty_name():
        with assert_raises():
            parse_name("")
    ```

    ## Fix safety
    Where the shape is exact — one `except` whose body is only `pass`, no `else` or
    `finally`, the failure statement last in the `try`, and a `from testing import ...`
    statement to add `assert_raises` to — the fix rewrites the `try` into `with
    assert_raises():` around the statements before the failure statement. The fix is
    **unsafe**: the test then fails when the code does not raise, which is its point, but
    it may start failing.

    ## Options
    None.
    """

    __test__ = False  # not a pytest test class, despite its name

    code = "TE001"
    name = "test-cannot-fail"
    summary = "Test that can never fail: `except` catches the failure meant to report no error"
    fix_availability = "sometimes"
    tags = ("tests", "correctness")
    queries = (TRIES, IMPORTS)
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if b"except" not in ctx.source:
            return
        for node in ctx.captures(TRIES).get("try", []):
            if not _in_test(ctx, node):
                continue  # outside tests, raise-inside-try is control flow
            body = node.child_by_field_name("body")
            statements = [c for c in body.named_children if c.type != "comment"] if body else []
            if len(statements) < 2 or not _fails(ctx, statements[-1]):
                continue
            handlers = [c for c in node.named_children if c.type == "except_clause"]
            if not handlers or any(_handles_error(ctx, h) for h in handlers):
                continue
            failure = statements[-1]
            fix = _fix(ctx, node, statements, handlers)
            yield ctx.report(failure, f"`{_first_line(ctx, failure)}` is caught by this "
                                      "`try`'s own `except` (Mojo's `except` catches every "
                                      "error): the test passes whether or not the code "
                                      "raises; use `with assert_raises():`", fix=fix)


def _in_test(ctx: Context, node: Node) -> bool:
    """Whether ``node`` is in a function whose name starts with ``test``."""
    function = enclosing_function(node)
    name = function.child_by_field_name("name") if function is not None else None
    return name is not None and ctx.text(name).startswith("test")


def _first_line(ctx: Context, node: Node) -> str:
    return ctx.text(node).split("\n", 1)[0]


def _fails(ctx: Context, statement: Node) -> bool:
    """`raise ...`, `assert_true(False, ...)` or `assert_false(True, ...)`."""
    if statement.type == "raise_statement":
        return statement.named_child_count > 0  # a bare `raise` re-raises; not ours
    if statement.type != "expression_statement" or statement.named_child_count != 1:
        return False
    call = statement.named_children[0]
    if call.type != "call":
        return False
    function = call.child_by_field_name("function")
    arguments = call.child_by_field_name("arguments")
    if function is None or arguments is None or not arguments.named_children:
        return False
    first = arguments.named_children[0]
    name = ctx.text(function)
    return (name == "assert_true" and first.type == "false") or \
        (name == "assert_false" and first.type == "true")


def _handles_error(ctx: Context, handler: Node) -> bool:
    """An except clause that re-raises, or uses the error it bound."""
    bound = handler.child_by_field_name("value")
    name = ctx.text(bound) if bound is not None and bound.type == "identifier" else None
    stack = [c for c in handler.named_children if c.type == "block"]
    while stack:
        current = stack.pop()
        if current.type == "raise_statement":
            return True
        if name is not None and current.type == "identifier" and ctx.text(current) == name:
            return True
        stack.extend(current.named_children)
    return False


def _fix(ctx: Context, node: Node, statements: list[Node], handlers: list[Node]) -> Fix | None:
    """The `with assert_raises():` rewrite, when the shape is exact."""
    if len(handlers) != 1 or any(c.type in ("else_clause", "finally_clause")
                                 for c in node.named_children):
        return None
    handler_body = [c for c in handlers[0].named_children if c.type == "block"]
    if len(handler_body) != 1 or [c.type for c in handler_body[0].named_children] != \
            ["pass_statement"]:
        return None
    body = node.child_by_field_name("body")
    if body is None or any(c.type == "comment" for c in body.named_children):
        return None
    colon = next((c for c in node.children if c.type == ":"), None)
    import_edit = _import_edit(ctx)
    if colon is None or import_edit is False:
        return None
    kept_end = statements[-2].end_byte
    edits = [Edit(node.start_byte, colon.end_byte, "with assert_raises():"),
             Edit(kept_end, node.end_byte, "")]
    if isinstance(import_edit, Edit):
        edits.insert(0, import_edit)
    return Fix("Rewrite as `with assert_raises():`", tuple(edits), Applicability.UNSAFE)


def _import_edit(ctx: Context) -> Edit | bool | None:
    """None when `assert_raises` is imported from `testing`; the edit that adds it to an
    existing `from testing import ...`; False when there is no such statement."""
    for statement in ctx.captures(IMPORTS).get("import", []):
        module = statement.child_by_field_name("module_name")
        if module is None or ctx.text(module) != "testing":
            continue
        names = statement.children_by_field_name("name")
        if any(ctx.text(n) == "assert_raises" for n in names):
            return None
        if not names or any(c.type == "wildcard_import" for c in statement.children):
            continue
        return Edit(names[-1].end_byte, names[-1].end_byte, ", assert_raises")
    return False
