"""GP001: `barrier()` reached only by the threads a thread-index condition lets through."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Diagnostic
from mojolint.rule import Context, Rule

FUNCTIONS = "(function_definition) @function"
# The per-thread values of Mojo's `gpu` module: the thread's index in its block, in the
# grid, in its warp, and its warp's index. `block_idx`, `block_dim` and `grid_dim` are the
# same for every thread of a block, so a condition on them does not diverge.
THREAD_SOURCES = frozenset({"thread_idx", "global_idx", "lane_id", "warp_id"})
BRANCHES = frozenset({"if_statement", "elif_clause", "else_clause", "while_statement",
                      "for_statement", "conditional_expression"})
EXITS = frozenset({"return_statement", "raise_statement"})


class DivergentBarrier(Rule):
    """## What it does
    Flags a `barrier()` call that only some threads of a block can reach: one inside an
    `if`/`elif`/`else`, `while` or `for` whose condition (or iterable) depends on the
    thread — `thread_idx`, `global_idx`, `lane_id()`, `warp_id()`, or a name the function
    computes from them (`var tid = thread_idx.x`, `var row = tid // 16`, followed through
    any number of assignments) — and one after an `if` on such a condition that returns
    early. Conditions on `block_idx`, `block_dim`, `grid_dim` or parameters are the same for
    every thread of a block and are left alone, as are barriers after a thread-dependent
    `if` that does not exit, and text in strings, comments and docstrings.

    ## Why is this bad?
    `barrier()` waits until every thread of the block has reached it. When some threads
    skip it, the others wait for them forever (a hang) or, on hardware that counts
    arrivals, pair up with a later barrier and read shared memory before it is written.
    The compiler accepts the code without a warning.

    ## Example
    ```mojo
    fn reduce_kernel(out_ptr: UnsafePointer[Float32], n: Int):
        var tid = thread_idx.x
        if tid < n:
            shared[tid] = load(tid)
            barrier()
    ```

    ## Use instead
    ```mojo
    fn reduce_kernel(out_ptr: UnsafePointer[Float32], n: Int):
        var tid = thread_idx.x
        if tid < n:
            shared[tid] = load(tid)
        barrier()
    ```

    ## Fix safety
    There is no fix: where the barrier belongs depends on the algorithm.

    ## Options
    None.
    """

    code = "GP001"
    name = "divergent-barrier"
    summary = "`barrier()` under a condition that depends on the thread index"
    fix_availability = "none"
    tags = ("gpu", "correctness")
    uses_semantic = True  # the function's bindings, for values computed from thread_idx
    queries = (FUNCTIONS,)
    definition_local = True  # re-run per edited definition (Rule.definition_local)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if b"barrier" not in ctx.source:
            return
        by_function = _barrier_calls(ctx)
        if not by_function:
            return
        for function in ctx.captures(FUNCTIONS).get("function", []):
            barriers = by_function.get(function.id)
            if not barriers:
                continue
            tainted = _thread_values(ctx, function)
            for call in barriers:
                reason = _divergence(ctx, call, function, tainted)
                if reason is not None:
                    yield ctx.report(call, f"`barrier()` {reason}: threads that skip it "
                                           "leave the others waiting (a divergent barrier)")


CALLEES = (b"barrier", b"gpu.barrier")


def _barrier_calls(ctx: Context) -> dict[int, list[Node]]:
    """The calls `barrier()` and `gpu.barrier()` by the function whose body holds them (not
    in a function nested in it), found from the bytes of the word rather than by a walk of
    every node."""
    found: dict[int, list[Node]] = {}
    source, root = ctx.source, ctx.tree.root_node
    at = source.find(b"barrier")
    while at >= 0:
        for callee in CALLEES:
            start = at + len(b"barrier") - len(callee)
            if start < 0 or source[start:at] != callee[:-len(b"barrier")]:
                continue
            call = _call_of(root, start, at + len(b"barrier"))
            function = _owner(call) if call is not None else None
            if call is not None and function is not None:
                found.setdefault(function.id, []).append(call)
        at = source.find(b"barrier", at + 1)
    return found


def _call_of(root: Node, start: int, end: int) -> Node | None:
    """The call whose callee spans exactly ``start:end``, or None."""
    node = root.named_descendant_for_byte_range(start, end)
    while node is not None and node.start_byte == start and node.end_byte == end:
        parent = node.parent
        if parent is not None and parent.type == "call" \
                and parent.child_by_field_name("function") == node:
            return parent
        node = parent
    return None


def _owner(call: Node) -> Node | None:
    """The function whose body holds ``call`` outside any function nested in it."""
    child, node = call, call.parent
    while node is not None and node.type != "function_definition":
        child, node = node, node.parent
    if node is None or node.child_by_field_name("body") != child:
        return None
    return node


def _names_in(ctx: Context, node: Node) -> set[str]:
    names = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "identifier":
            names.add(ctx.text(current))
        elif current.type == "attribute":  # `thread_idx.x`: the object, not the member
            owner = current.child_by_field_name("object")
            if owner is not None:
                stack.append(owner)
            continue
        stack.extend(current.named_children)
    return names


def _thread_values(ctx: Context, function: Node) -> set[str]:
    """Names the function computes from the thread's index, followed to a fixed point
    through the semantic model's bindings of the function (declarations, assignments,
    loop variables). A name the function binds itself (`var global_idx = ...`) is one of
    its variables, not the `gpu` function of that name."""
    scope = ctx.semantic.scope_of(function)
    if scope is None:
        return set()
    flows = [(b.name, b.value) for b in scope.all_bindings() if b.value is not None]
    tainted = set(THREAD_SOURCES) - set(scope.bindings)
    sources = {id(v): _names_in(ctx, v) for _, v in flows}
    changed = True
    while changed:
        changed = False
        for name, value in flows:
            if name not in tainted and sources[id(value)] & tainted:
                tainted.add(name)
                changed = True
    return tainted


def _condition(branch: Node) -> Node | None:
    if branch.type in ("if_statement", "elif_clause", "while_statement"):
        return branch.child_by_field_name("condition")
    if branch.type == "for_statement":
        return branch.child_by_field_name("right")
    if branch.type == "conditional_expression":
        named = branch.named_children
        return named[1] if len(named) == 3 else None
    return None


def _divergence(ctx: Context, call: Node, function: Node, tainted: set[str]) -> str | None:
    """Why only some threads reach ``call``, or None."""
    child = call
    node = call.parent
    while node is not None and node.id != function.id:
        if node.type in BRANCHES:
            conditions = [_condition(node)]
            if node.type in ("else_clause", "elif_clause") and node.parent is not None:
                # an `else` (or later `elif`) runs when the earlier conditions were false
                siblings = node.parent.named_children
                conditions = [node.parent.child_by_field_name("condition")] + [
                    _condition(s) for s in siblings
                    if s.type == "elif_clause" and s.start_byte <= node.start_byte]
            inside = [c for c in conditions if c is not None]
            if not any(c.start_byte <= child.start_byte < c.end_byte for c in inside):
                for condition in inside:
                    names = _names_in(ctx, condition) & tainted
                    if names:
                        return (f"is under a condition on `{sorted(names)[0]}`, which "
                                "differs between threads")
        if node.type in ("block", "module"):
            exit_reason = _early_exit(ctx, node, child, tainted)
            if exit_reason is not None:
                return exit_reason
        child = node
        node = node.parent
    return None


def _early_exit(ctx: Context, block: Node, child: Node, tainted: set[str]) -> str | None:
    """An earlier statement of ``block``: `if <thread condition>: return`."""
    for statement in block.named_children:
        if statement.start_byte >= child.start_byte:
            return None
        if statement.type != "if_statement":
            continue
        condition = statement.child_by_field_name("condition")
        consequence = statement.child_by_field_name("consequence")
        if condition is None or consequence is None:
            continue
        names = _names_in(ctx, condition) & tainted
        if names and any(s.type in EXITS for s in consequence.named_children):
            return (f"comes after a `return` taken only by threads where "
                    f"`{ctx.text(condition)}`")
    return None
