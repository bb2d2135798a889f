"""The control-flow skeleton of a function: its blocks and compound statements by range.

tree-sitter's ``Node.parent`` walks down from the root each time it is called, so a walk
up from a node (``ancestors``) costs the square of its depth; and scanning a block's
statements for each place in it costs the square of the block's length. The analysis asks
both questions for every accessor and pointer use, so a function of thousands of reads,
or one read under thousands of nested operators, took minutes. The skeleton answers them
in logarithmic time per place: one query over the function (in C) finds every block and
compound statement, they are nested by their byte ranges once, and each block lists its
statements' starts for a bisection.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from tree_sitter import Node

from mojolint.semantics.tree import captures

LOOP_TYPES = frozenset({"for_statement", "while_statement"})
BRANCH_TYPES = frozenset({"if_statement", "elif_clause", "else_clause", "try_statement",
                          "except_clause", "finally_clause", "with_statement"})
_TYPES = ("block", "if_statement", "elif_clause", "else_clause", "for_statement",
          "while_statement", "try_statement", "except_clause", "finally_clause",
          "with_statement", "function_definition")
SKELETON = "[" + " ".join(f"({t})" for t in _TYPES) + "] @flow"
FLOW_TYPES = frozenset(_TYPES)
EXITS = frozenset({"raise_statement", "return_statement", "continue_statement",
                   "break_statement"})


class Skeleton:
    """Blocks and compound statements of one function (its own node included)."""

    def __init__(self, function: Node) -> None:
        found = captures(SKELETON, function).get("flow", [])
        # A block whose only statement is compound has the same range as that statement;
        # the block is the outer one (no other pair of these types can share a range).
        nodes = sorted({n.id: n for n in [function, *found]}.values(),
                       key=lambda n: (n.start_byte, -n.end_byte, n.type != "block"))
        self.nodes = nodes
        self.starts = [n.start_byte for n in nodes]
        self.ends = [n.end_byte for n in nodes]
        self.parents: list[int] = []
        self._index = {n.id: i for i, n in enumerate(nodes)}
        stack: list[int] = []
        for index, node in enumerate(nodes):
            while stack and self.ends[stack[-1]] < node.end_byte:
                stack.pop()
            self.parents.append(stack[-1] if stack else -1)
            stack.append(index)
        self._statements: dict[int, tuple[list[int], list[Node]]] = {}

    def _innermost(self, node: Node) -> int:
        """Index of the innermost skeleton node holding ``node`` (not ``node`` itself)."""
        own = self._index.get(node.id)
        if own is not None:
            return self.parents[own]
        start, end = node.start_byte, node.end_byte
        index = bisect_right(self.starts, start) - 1
        while index >= 0 and self.ends[index] < end:
            index = self.parents[index]
        return index

    def enclosing(self, node: Node) -> Iterator[Node]:
        """Blocks and compound statements around ``node``, innermost first, up to and with
        the function."""
        index = self._innermost(node)
        while index >= 0:
            yield self.nodes[index]
            index = self.parents[index]

    def parent_of(self, node: Node) -> Node | None:
        """The skeleton node directly around a skeleton node (a block's statement)."""
        index = self._innermost(node)
        return self.nodes[index] if index >= 0 else None

    def block_of(self, node: Node) -> Node | None:
        """The innermost block around ``node``."""
        for around in self.enclosing(node):
            if around.type == "block":
                return around
        return None

    def statements(self, block: Node) -> tuple[list[int], list[Node]]:
        """A block's statements and their start bytes (computed once per block)."""
        found = self._statements.get(block.id)
        if found is None:
            children = [c for c in block.named_children if c.type != "comment"]
            found = self._statements[block.id] = ([c.start_byte for c in children], children)
        return found

    def statement_in(self, block: Node, node: Node) -> Node | None:
        """The statement of ``block`` that holds ``node`` (None when outside it)."""
        starts, children = self.statements(block)
        index = bisect_right(starts, node.start_byte) - 1
        if index < 0 or children[index].end_byte < node.end_byte:
            return None
        return children[index]

    def statement_of(self, node: Node) -> Node:
        """The statement (a direct child of the innermost block) holding ``node``."""
        block = self.block_of(node)
        if block is None:
            return node
        return self.statement_in(block, node) or node

    def loops_around(self, node: Node) -> Iterator[Node]:
        for around in self.enclosing(node):
            if around.type in LOOP_TYPES:
                yield around


def _contains(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


_EXCLUSIVE_IN_TRY = frozenset({"except_clause", "else_clause"})
_FINAL_EXITS = frozenset({"return_statement", "raise_statement"})


class Paths:
    """May control reach one place after another, inside one function? Per branch:
    ``if``/``elif``/``else`` arms exclude each other, as do a ``try``'s ``except`` arms and
    its ``else``; a ``return`` or ``raise`` after a place ends its path; a loop around both
    places brings control back to the earlier one. Conservative: when unsure, it may."""

    def __init__(self, skeleton: Skeleton) -> None:
        self.skeleton = skeleton
        self._exits: dict[int, int] = {}

    def _first_exit(self, block: Node) -> int:
        """End byte of the block's first statement that is a return or raise (-1: none):
        a place before it, or inside it, never gets past it."""
        found = self._exits.get(block.id)
        if found is None:
            found = next((s.end_byte for s in self.skeleton.statements(block)[1]
                          if s.type in _FINAL_EXITS), -1)
            self._exits[block.id] = found
        return found

    def exits_after(self, start: Node, outer: Node) -> bool:
        """True when a ``return`` or ``raise`` ends the path from ``start`` before the end
        of its statement in the block ``outer`` (inside a nested block, or that statement
        itself): code inserted after that statement would not run after ``start``."""
        for node in self.skeleton.enclosing(start):
            if node.id == outer.id:
                break
            if node.type == "block" and self._first_exit(node) > start.start_byte:
                return True
        statement = self.skeleton.statement_in(outer, start)
        return statement is not None and statement.type in _FINAL_EXITS

    def reaches(self, start: Node, target: Node, declared: Node | None = None) -> bool:
        """True when control may reach ``target`` after ``start``. Loops holding
        ``declared`` (the value's declaration) do not count: each pass makes a new value."""
        around = list(self.skeleton.enclosing(start))
        for node in around:
            if node.type in LOOP_TYPES and _contains(node, target) and (
                    declared is None or not _contains(node, declared)):
                return True
        if target.start_byte < start.end_byte:
            return False
        common_index = next((i for i, node in enumerate(around) if _contains(node, target)),
                            len(around))
        for node in around[:common_index]:
            if node.type == "block":
                exit_at = self._first_exit(node)
                if exit_at > start.start_byte:
                    return False  # a return or raise after start ends its path first
        if common_index == 0 or common_index >= len(around):
            return True
        common = around[common_index]
        arm_of_start = around[common_index - 1]
        around_target = list(self.skeleton.enclosing(target))
        index = next((i for i, node in enumerate(around_target) if node.id == common.id), 0)
        arm_of_target = around_target[index - 1] if index > 0 else None
        if arm_of_target is None or arm_of_target.id == arm_of_start.id:
            return True
        if common.type == "if_statement":
            return False  # two arms of one `if`
        if common.type == "try_statement":
            return not (arm_of_start.type in _EXCLUSIVE_IN_TRY and
                        arm_of_target.type in _EXCLUSIVE_IN_TRY)
        return True
