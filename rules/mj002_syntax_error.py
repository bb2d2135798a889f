"""MJ002: the parser could not make sense of part of the file."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tree_sitter import Node

from mojolint.diagnostics import Diagnostic, Severity
from mojolint.rule import Context, Rule

if TYPE_CHECKING:
    from mojolint.incremental import FileShape

_SHOWN_CHARS = 30


class SyntaxError_(Rule):  # trailing underscore: do not shadow the builtin SyntaxError
    """## What it does
    Reports the first place where the file does not parse as Mojo: an unexpected token or
    a missing one (an unclosed bracket, a `def` without its colon).

    ## Why is this bad?
    Code that does not parse does not compile. Rules still run on the rest of the tree, but
    around the error they see a guess, so their findings there may be off.

    ## Example
    ```mojo
    fn main():
        print("unclosed"
    ```

    ## Use instead
    ```mojo
    fn main():
        print("closed")
    ```

    ## Fix safety
    There is no fix.

    ## Options
    This rule has no options. Only the first error of a file is reported, because later
    ones are often echoes of it.
    """

    code = "MJ002"
    name = "syntax-error"
    summary = "File does not parse as Mojo"
    severity = Severity.ERROR
    tags = ("core",)
    noqa_addable = False  # a comment does not mend a broken parse

    def edit_can_change(self, before: Node, after: Node, shape: FileShape) -> bool:
        # The file's first error is elsewhere (or there is none) unless the edited
        # definition has one.
        return before.has_error or after.has_error

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        root = ctx.tree.root_node
        if not root.has_error:
            return
        node = first_bad_node(root)
        if node is None:  # has_error without a bad descendant: report the whole file
            yield ctx.report((0, 0), "syntax error")
            return
        # Error nodes can swallow the rest of the file; underline only their first line.
        _line_start, line_end = ctx.lines.line_span(node.start_point[0] + 1)
        end = max(node.start_byte, min(node.end_byte, line_end))
        yield ctx.report((node.start_byte, end), describe(node, ctx))


def first_bad_node(node: Node) -> Node | None:
    """The earliest ERROR or MISSING node, descending only where errors are."""
    current: Node | None = node
    while current is not None:
        if current.is_error or current.is_missing:
            return current
        current = next((c for c in current.children if c.has_error or c.is_missing), None)
    return None


def describe(node: Node, ctx: Context) -> str:
    if node.is_missing:
        return f"syntax error: missing `{node.type}`"
    text = ctx.text(node).strip().splitlines()
    shown = text[0] if text else ""
    if len(shown) > _SHOWN_CHARS:
        shown = shown[:_SHOWN_CHARS] + "…"
    return f"syntax error: unexpected `{shown}`" if shown else "syntax error"
