"""TS004: a raw pointer into a local value used after that value's last use."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.semantics import FunctionFacts
from mojolint.semantics.function import NAME_BINDINGS
from mojolint.semantics.tree import (
    ancestors,
    call_arguments,
    contains,
    indentation_of,
    line_of,
    text,
)
from mojolint.tensor_api import TensorApi
from mojolint.tensor_rules import FACT_QUERIES, TensorOptions, api_of, facts_of, mentions


@dataclass(frozen=True)
class PointerBinding:
    name: str
    owner: str
    value: Node
    statement: Node


class PointerOutlivesOwner(Rule):
    """## What it does
    Flags a raw pointer taken from a local value — `t._data`, `t._data.bitcast[T]()`,
    `x.unsafe_ptr()`, `UnsafePointer(to=x)`, the configured pointer methods, and pointers
    derived from those (`p.bitcast[T]()`, `p + n`, `p.offset(n)`) — that is used after the
    last use of the value it points into (its owner). A use inside a loop counts until the
    end of the loop, since the next iteration comes back to it. Only values the function
    owns (its `var`s) are checked: arguments are kept alive by the caller.

    ## Why is this bad?
    Mojo destroys a value right after its last use (ASAP destruction), not at the end of
    the scope. A raw pointer does not count as a use of the value it came from, so once
    the owner's last use has passed its buffer may already be freed and every read or write
    through the pointer is a use after free. ProjectOdyssey's CI-only crashes came from
    exactly this: `var p = t._data.bitcast[Float32]()` followed by a loop writing `p[i]`.

    ## Example
    ```mojo
    fn fill(n: Int) raises -> Float32:
        var t = zeros(shape, DType.float32)
        var p = t._data.bitcast[Float32]()
        for i in range(n):
            p[i] = 1.0
        return p[0]
    ```

    ## Use instead
    ```mojo
    fn fill(n: Int) raises -> Float32:
        var t = zeros(shape, DType.float32)
        var p = t._data.bitcast[Float32]()
        for i in range(n):
            p[i] = 1.0
        var first = p[0]
        _ = t
        return first
    ```
    or, better, the tensor's own accessors (`t._set_float32(i, v)`), which keep `t` alive.

    ## Fix safety
    The fix inserts `_ = owner` on its own line after the statement that holds the
    pointer's last use, in the block where the owner was declared and with that block's
    indentation. It only extends the owner's life, so it is safe. There is no fix when the
    last pointer use is a `return` (the line after it would never run) or lies outside the
    owner's block.

    ## Options
    The tensor API (defaults: ProjectOdyssey's `ExTensor`/`AnyTensor`): `data-field`,
    `pointer-methods`, `pointer-constructors` are the ones this rule reads; see
    `mojolint/tensor_api.py` for all of them.
    """

    code = "TS004"
    name = "pointer-outlives-owner"
    summary = "Raw pointer used after the last use of the value it points into"
    fix_availability = "sometimes"
    options_type = TensorOptions
    tags = ("tensor-safety", "memory")
    queries = FACT_QUERIES  # bindings come from the analysis' NAME_BINDINGS

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        api = api_of(ctx)
        if not mentions(ctx.source, api.data_field, *api.pointer_methods,
                        *api.pointer_constructors):
            return  # every pointer binding starts from one of these names
        facts = facts_of(ctx)
        pointers_by_function: dict[int, list[PointerBinding]] = {}
        # A binding makes a pointer only if its value names a pointer source of the API or
        # a pointer bound before it: most bindings are ruled out by their bytes alone.
        sources = _any_word((api.data_field, *api.pointer_methods, *api.pointer_constructors))
        pointer_names: set[bytes] = set()

        def may_make_pointer(node: Node) -> bool:
            start, end = node.start_byte, node.end_byte
            return sources.search(ctx.source, start, end) is not None or \
                any(ctx.source.find(name, start, end) >= 0 for name in pointer_names)

        for statement in _bindings(ctx):
            if not may_make_pointer(statement):
                continue
            is_declaration = statement.type == "variable_declaration"
            name = statement.child_by_field_name("name" if is_declaration else "left")
            value = statement.child_by_field_name("value" if is_declaration else "right")
            if name is None or value is None or not may_make_pointer(value):
                continue
            scope = facts.function_at(statement)
            if scope is None:
                continue
            known = pointers_by_function.setdefault(scope.node.id, [])
            owner = pointer_owner(value, api, ctx.source, known, statement)
            if owner is not None:
                known.append(PointerBinding(ctx.text(name), owner, value, statement))
                pointer_names.add(ctx.text(name).encode())
        for scope in facts.functions:
            by_owner: dict[str, list[PointerBinding]] = {}
            for pointer in pointers_by_function.get(scope.node.id, []):
                by_owner.setdefault(pointer.owner, []).append(pointer)
            for owner, pointers in by_owner.items():
                diagnostic = _check_owner(ctx, scope, owner, pointers)
                if diagnostic is not None:
                    yield diagnostic


def _bindings(ctx: Context) -> list[Node]:
    """``var x = ...`` and ``x = ...`` statements of the file, in source order (the matches
    of the analysis' NAME_BINDINGS, which the file's one walk has found already)."""
    found = ctx.captures(NAME_BINDINGS)
    return sorted([*found.get("decl", []), *found.get("assign", [])],
                  key=lambda node: node.start_byte)


@lru_cache(maxsize=16)
def _any_word(words: tuple[str, ...]) -> re.Pattern[bytes]:
    return re.compile(b"|".join(re.escape(word.encode()) for word in words))


def _root_statement(node: Node) -> Node:
    """The whole statement of an ``assignment`` (its expression_statement)."""
    if node.type == "assignment" and node.parent is not None \
            and node.parent.type == "expression_statement":
        return node.parent
    return node


def pointer_owner(value: Node, api: TensorApi, source: bytes, known: list[PointerBinding],
                  statement: Node) -> str | None:
    """The local name a pointer expression points into, or None."""
    node = value
    for _ in range(16):  # a pointer expression is a short chain; stop on anything odd
        if node.type == "parenthesized_expression" and node.named_children:
            node = node.named_children[0]
        elif node.type == "binary_operator":
            left = node.child_by_field_name("left")
            if left is None:
                return None
            node = left
        elif node.type == "identifier":
            name = text(node, source)
            for pointer in reversed(known):
                if pointer.name == name and pointer.statement.start_byte < statement.start_byte:
                    return pointer.owner
            return None
        elif node.type == "attribute":
            obj, attr = node.child_by_field_name("object"), node.child_by_field_name("attribute")
            if obj is None or attr is None:
                return None
            if text(attr, source) == api.data_field and obj.type == "identifier":
                return text(obj, source)
            return None
        elif node.type == "call":
            owner = _call_owner(node, api, source)
            if owner is not None:
                return owner
            function = node.child_by_field_name("function")
            receiver = _method_receiver(function, ("bitcast", "offset"), source)
            if receiver is None:
                return None
            node = receiver
        else:
            return None
    return None


def _method_receiver(function: Node | None, methods: tuple[str, ...], source: bytes
                     ) -> Node | None:
    """``p`` for the callee ``p.bitcast[T]`` or ``p.offset``."""
    if function is not None and function.type == "subscript":
        function = function.child_by_field_name("value")
    if function is None or function.type != "attribute":
        return None
    attr = function.child_by_field_name("attribute")
    if attr is None or text(attr, source) not in methods:
        return None
    return function.child_by_field_name("object")


def _call_owner(call: Node, api: TensorApi, source: bytes) -> str | None:
    """Owner of ``x.unsafe_ptr()`` or ``UnsafePointer(to=x)``."""
    function = call.child_by_field_name("function")
    receiver = _method_receiver(function, api.pointer_methods, source)
    if receiver is not None:
        return text(receiver, source) if receiver.type == "identifier" else None
    if function is not None and function.type == "subscript":
        function = function.child_by_field_name("value")
    if function is not None and text(function, source) in api.pointer_constructors:
        _, keywords = call_arguments(call)
        target = keywords.get("to")
        if target is not None and target.type == "identifier":
            return text(target, source)
    return None


def _pointer_uses(scope: FunctionFacts, pointer: PointerBinding) -> list[Node]:
    """Uses of the pointer after it is made and before it is assigned again."""
    statement = _root_statement(pointer.statement)
    later = [a.statement.start_byte for a in scope.assignments.get(pointer.name, [])
             if a.statement.start_byte > statement.start_byte]
    stop = min(later, default=scope.node.end_byte)
    return [use for use in scope.uses_after(pointer.name, statement.end_byte)
            if use.start_byte < stop]


def _check_owner(ctx: Context, scope: FunctionFacts, owner_name: str,
                 pointers: list[PointerBinding]) -> Diagnostic | None:
    """One diagnostic per owner: at the first late pointer use, fixed after the last."""
    owner = scope.bindings.get(owner_name)
    if owner is None or owner.kind != "var" or owner_name == "self":
        return None
    owner_end = scope.last_use_end(owner_name)
    late: list[tuple[Node, PointerBinding]] = []
    for pointer in pointers:
        binding = scope.bindings.get(pointer.name)
        late.extend((use, pointer) for use in _pointer_uses(scope, pointer)
                    if scope.use_end(use, binding) > owner_end)
    if not late:
        return None
    first_late, pointer = min(late, key=lambda item: item[0].start_byte)
    last = max((use for use, _ in late), key=lambda u: u.end_byte)
    owner_use = max(scope.uses.get(owner_name, []), key=lambda u: u.end_byte)
    message = (f"`{pointer.name}` points into `{owner_name}` (taken at line "
               f"{line_of(pointer.statement)}), but the last use of `{owner_name}` is at "
               f"line {line_of(owner_use)}; Mojo destroys a value right after its last use "
               f"(ASAP destruction), so this use of `{pointer.name}` may touch freed memory")
    return ctx.report(first_late, message,
                      fix=_keep_alive_fix(ctx, owner.node, last, owner_name))


def _keep_alive_fix(ctx: Context, owner_decl: Node, last_use: Node, owner: str) -> Fix | None:
    """Insert ``_ = owner`` after the statement of the owner's block that holds the use."""
    block = _root_statement(owner_decl.parent) if owner_decl.parent else None
    block = block.parent if block is not None else None
    if block is None or not contains(block, last_use):
        return None
    statement = last_use
    for parent in ancestors(last_use):
        if parent.parent is not None and parent.parent.id == block.id:
            statement = parent
            break
        statement = parent
    if statement.parent is None or statement.parent.id != block.id:
        return None
    if statement.type in ("return_statement", "raise_statement"):
        return None
    line_end = ctx.source.find(b"\n", statement.end_byte)
    indent = indentation_of(statement, ctx.source)
    if line_end < 0:
        edit = Edit(len(ctx.source), len(ctx.source), f"\n{indent}_ = {owner}\n")
    else:
        edit = Edit(line_end + 1, line_end + 1, f"{indent}_ = {owner}\n")
    return Fix(f"Keep `{owner}` alive with `_ = {owner}`", (edit,), Applicability.SAFE)
