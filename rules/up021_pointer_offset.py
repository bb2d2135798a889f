"""UP021: pointer arithmetic `p + i` and positional `p[i]`, spelled `unsafe_offset` in 1.0."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.pointer_types import is_pointer
from mojolint.rule import Context, Rule

# Fields are read in Python: a pattern naming a binary operator's or a subscript's children
# grows with the square of a long `a + b + c ...` or `x[0][0][0]...` chain
# (tests/security/test_time_and_memory.py).
ARITHMETIC = "(binary_operator) @expr"
AUGMENTED = """
(augmented_assignment left: (_) @pointer operator: ["+=" "-="] @operator right: (_) @offset)
@expr
"""
INDEXING = "(subscript) @expr"
SIMPLE = frozenset({"identifier", "integer", "attribute", "call", "subscript",
                    "parenthesized_expression"})


class PointerOffset(Rule):
    """## What it does
    Flags pointer arithmetic (`p + i`, `p - i`, `p += i`) and positional indexing (`p[i]`)
    and rewrites them with `unsafe_offset`: `p.unsafe_offset(i)`, `p.unsafe_offset(-i)`,
    `p = p.unsafe_offset(i)`, `p[unsafe_offset=i]`.

    ## Why is this bad?
    Mojo 1.0 deprecated the pointer operators that move without any check:
    `'__add__' is deprecated, use 'unsafe_offset' instead` (also `__sub__`, `__iadd__`,
    `__isub__`) and ``positional `__getitem__` is deprecated, use `unsafe_offset=` instead``
    (1.0, 1.1 and 1.2 warn). `p[]` is not affected.

    ## Example
    ```mojo
    def second(p: Pointer[Int, MutUntrackedOrigin]) -> Int:
        var q = p + 1
        return q[] + p[1]
    ```

    ## Use instead
    ```mojo
    def second(p: Pointer[Int, MutUntrackedOrigin]) -> Int:
        var q = p.unsafe_offset(1)
        return q[] + p[unsafe_offset=1]
    ```

    ## Fix safety
    The fix is **safe**: `unsafe_offset` is the same operation under its new name. The
    compilers offer no fix-it for these warnings. The rule acts only where the pointer is
    known to be one (see UP020), so `a + b` on numbers and `list[i]` are left alone.

    Deprecated in 1.0; still accepted (with the warning) by 1.2.

    ## Options
    None.
    """

    code = "UP021"
    name = "pointer-offset"
    summary = "pointer `p + i` / `p[i]` are spelled `unsafe_offset` (Mojo 1.0)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (ARITHMETIC, AUGMENTED, INDEXING)
    uses_semantic = True
    since_version = "1.0"
    deprecated_in = "1.0"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        patterns = [(p, ctx.matches(p)) for p in (ARITHMETIC, AUGMENTED, INDEXING)]
        if not any(found for _, found in patterns):
            return
        model = ctx.semantic
        for pattern, found in patterns:
            for _, captures in found:
                if pattern != AUGMENTED:
                    parts = _arithmetic_parts if pattern == ARITHMETIC else _indexing_parts
                    captures = parts(captures["expr"][0])
                    if not captures:
                        continue
                pointer, offset, expr = (captures["pointer"][0], captures["offset"][0],
                                         captures["expr"][0])
                if not is_pointer(model, pointer):
                    continue
                if pattern == INDEXING:
                    diagnostic = self._indexing(ctx, pointer, offset, expr)
                else:
                    minus = ctx.text(captures["operator"][0]).startswith("-")
                    diagnostic = self._arithmetic(ctx, pointer, offset, expr, minus,
                                                  pattern == AUGMENTED)
                if diagnostic is not None:
                    yield diagnostic

    def _arithmetic(self, ctx: Context, pointer: Node, offset: Node, expr: Node,
                    minus: bool, augmented: bool) -> Diagnostic:
        amount = ctx.text(offset)
        if minus:
            amount = f"-{amount}" if offset.type in ("identifier", "integer",
                                                     "parenthesized_expression") \
                else f"-({amount})"
        moved = f"{ctx.text(pointer)}.unsafe_offset({amount})"
        if pointer.type not in SIMPLE:
            moved = f"({ctx.text(pointer)}).unsafe_offset({amount})"
        new = f"{ctx.text(pointer)} = {moved}" if augmented else moved
        fix = Fix("Use `unsafe_offset`", (Edit(expr.start_byte, expr.end_byte, new),),
                  Applicability.SAFE)
        operator = ("-" if minus else "+") + ("=" if augmented else "")
        return ctx.report(expr, f"pointer `{operator}` is deprecated; use `unsafe_offset`",
                          fix=fix)

    def _indexing(self, ctx: Context, pointer: Node, offset: Node,
                  expr: Node) -> Diagnostic | None:
        if offset.type in ("slice", "keyword_argument") or offset.type.startswith("["):
            return None
        arguments = [c for c in expr.children
                     if c.is_named and c.id != pointer.id and c.type != "comment"]
        if len(arguments) != 1:
            return None
        fix = Fix("Use `unsafe_offset=`",
                  (Edit(offset.start_byte, offset.start_byte, "unsafe_offset="),),
                  Applicability.SAFE)
        return ctx.report(expr, "positional pointer indexing is deprecated; use "
                          "`p[unsafe_offset=i]`", fix=fix)


def _arithmetic_parts(expr: Node) -> dict[str, list[Node]]:
    """The captures ARITHMETIC's pattern would give for `p + i` / `p - i`, or none."""
    operator = expr.child_by_field_name("operator")
    left = expr.child_by_field_name("left")
    right = expr.child_by_field_name("right")
    if operator is None or left is None or right is None or operator.type not in ("+", "-"):
        return {}
    return {"pointer": [left], "operator": [operator], "offset": [right], "expr": [expr]}


def _indexing_parts(expr: Node) -> dict[str, list[Node]]:
    """The captures of `(subscript value: (_) @pointer subscript: (_) @offset .)`: the value
    and the last named child, when that child is a subscript."""
    value = expr.child_by_field_name("value")
    if value is None or expr.named_child_count == 0:
        return {}
    last = expr.named_children[-1]
    if all(item.id != last.id for item in expr.children_by_field_name("subscript")):
        return {}
    return {"pointer": [value], "offset": [last], "expr": [expr]}
