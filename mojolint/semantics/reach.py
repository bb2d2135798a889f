"""May control reach one place of a function after another, without passing a reassignment?

The question of the lifetime rules (ME002 use after free, PF001 ``.copy()`` at last use).
It walks outward from the start place over the function's :class:`~mojolint.semantics.flow.
Skeleton`: the statements after it in its block, then after the compound statement holding
that block, and so on up to the function. Per branch: the other arms of an ``if`` and the
``except`` arms of a ``try`` are not on the path (a ``try``'s ``else`` and ``finally`` are);
a ``return`` or ``raise`` ends the path; ``break`` leaves the loop; ``continue`` and the end
of a loop body go back to the loop's head, so a place anywhere in the loop is reached again
(unless the value is declared inside the loop: each pass makes a new one). A ``break`` or
``continue`` inside a branch of a statement on the path opens a second path from there, which
goes on even when the straight one is cut later.

A *kill* is a statement that rebinds the name (``p = alloc(...)``): a path through it no
longer carries the old value. With ``nested_kills`` a compound statement holding a kill
anywhere cuts the path too (the cautious reading for "flag only when every step is
certain"); without it only a statement of the path itself does (the cautious reading for
"is the value certainly not read again").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from tree_sitter import Node

from mojolint.semantics.flow import LOOP_TYPES, Skeleton

_COMPOUND = frozenset({"if_statement", "for_statement", "while_statement", "try_statement",
                       "with_statement", "function_definition", "decorated_definition",
                       "struct_definition"})
_ENDS = frozenset({"return_statement", "raise_statement"})
_TRY_AFTER_BODY = frozenset({"else_clause", "finally_clause"})


def contains(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


class Reach:
    """Reachability questions inside one function (see the module's page)."""

    def __init__(self, skeleton: Skeleton) -> None:
        self.skeleton = skeleton
        self._exits: dict[int, tuple[bool, bool]] = {}

    def may_reach(self, start: Node, target: Node, *, declared: Node | None = None,
                  kills: Sequence[Node] = (), nested_kills: bool = True) -> bool:
        """True when some path runs ``target`` after ``start`` without passing a kill.
        ``declared``: the value's declaring statement (loops around it do not bring the
        same value back)."""
        walk = _Walk(self, target, declared, kills, nested_kills)
        return walk.run(start)

    def nested_exits(self, statement: Node) -> tuple[bool, bool]:
        """Does a compound statement hold a ``break`` / a ``continue`` of the loop around
        it (not of a loop inside it)?"""
        if statement.type in LOOP_TYPES:
            return (False, False)  # its exits are its own
        found = self._exits.get(statement.id)
        if found is None:
            breaks = continues = False
            stack = list(statement.named_children)
            while stack:
                node = stack.pop()
                kind = node.type
                if kind == "break_statement":
                    breaks = True
                elif kind == "continue_statement":
                    continues = True
                elif kind not in LOOP_TYPES and kind not in _SCOPES:
                    stack.extend(node.named_children)
            found = self._exits[statement.id] = (breaks, continues)
        return found


_SCOPES = frozenset({"function_definition", "decorated_definition", "struct_definition",
                     "lambda"})


class _Walk:
    def __init__(self, reach: Reach, target: Node, declared: Node | None,
                 kills: Sequence[Node], nested_kills: bool) -> None:
        self.reach = reach
        self.skeleton = reach.skeleton
        self.target = target
        self.declared = declared
        self.kills = kills
        self.nested_kills = nested_kills
        # Loops (by node id) that a path leaves by a `break` / goes back to by a `continue`
        # nested in a branch of the statements walked so far.
        self.breaks: set[int] = set()
        self.continues: set[int] = set()

    def run(self, start: Node) -> bool:
        if self.skeleton.statement_of(start).type in _ENDS:
            return False  # `return p.copy()`: nothing of the function runs after it
        node = start
        alive = True  # the path straight on from start (not one left by a nested exit)
        leaving: str | None = None  # "break" / "continue": skip up to the loop
        loops = [n for n in self.skeleton.enclosing(start) if n.type in LOOP_TYPES]
        for container in self.skeleton.enclosing(start):
            kind = container.type
            if kind == "function_definition" and container.start_byte < start.start_byte:
                return False
            if kind in LOOP_TYPES:
                loops = loops[1:]
                normal = alive and leaving is None
                back = (alive and leaving == "continue") or container.id in self.continues
                out = (alive and leaving == "break") or container.id in self.breaks
                if (normal or back) and self._back_edge(container, start):
                    return True
                alive, leaving = normal or back or out, None
            elif alive and leaving is None and kind in ("block", "try_statement"):
                loop = loops[0] if loops else None
                found = (self._after(container, node, loop) if kind == "block"
                         else self._after_try(container, node, loop))
                if found is True:
                    return True
                if found is False:
                    alive = False
                else:
                    leaving = found
            if not alive and not self.breaks and not self.continues:
                return False
            node = container
        return False

    def _after(self, block: Node, node: Node, loop: Node | None) -> bool | str | None:
        """Scan the statements of ``block`` after the one holding ``node``: True/False when
        decided, "break"/"continue" when the path leaves for its loop, None: falls off."""
        starts, children = self.skeleton.statements(block)
        statement = self.skeleton.statement_in(block, node)
        if statement is None:
            return None
        index = bisect_right(starts, statement.start_byte) - 1
        return self._scan(children[index + 1:], loop)

    def _after_try(self, statement: Node, node: Node, loop: Node | None
                   ) -> bool | str | None:
        """Scan the clauses of a ``try`` that run after its body (``except``, ``else``,
        ``finally``) past ``node``: the first that decides or leaves (as ``_after``)."""
        for clause in statement.named_children:
            if clause.type in _TRY_AFTER_BODY and clause.start_byte >= node.end_byte:
                body = clause.child_by_field_name("body") or _block_of(clause)
                if body is None:
                    continue
                found = self._scan(self.skeleton.statements(body)[1], loop)
                if found is not None:
                    return found
        return None

    def _scan(self, statements: Sequence[Node], loop: Node | None) -> bool | str | None:
        target = self.target
        for statement in statements:
            if contains(statement, target):
                return not any(
                    contains(statement, kill) and kill.start_byte < target.start_byte
                    and self._cuts(statement) for kill in self.kills)
            if loop is not None and statement.type in _COMPOUND:
                breaks, continues = self.reach.nested_exits(statement)
                if breaks:
                    self.breaks.add(loop.id)
                if continues:
                    self.continues.add(loop.id)
            if any(contains(statement, kill) and self._cuts(statement)
                   for kill in self.kills):
                return False
            if statement.type in _ENDS:
                return False
            if statement.type in ("break_statement", "continue_statement"):
                return statement.type.split("_")[0]
        return None

    def _cuts(self, statement: Node) -> bool:
        return self.nested_kills or statement.type not in _COMPOUND

    def _back_edge(self, loop: Node, start: Node) -> bool:
        """The loop's next pass reaches the target (the value is not made anew each pass)."""
        target = self.target
        if not contains(loop, target):
            return False
        if self.declared is not None and contains(loop, self.declared):
            return False
        for kill in self.kills:
            if not contains(loop, kill):
                continue
            on_path = kill.start_byte >= start.end_byte or kill.start_byte < target.start_byte
            if on_path and (self.nested_kills or _direct_in_loop(loop, kill)):
                return False
        return True


def _block_of(clause: Node) -> Node | None:
    return next((c for c in clause.named_children if c.type == "block"), None)


def _direct_in_loop(loop: Node, kill: Node) -> bool:
    """``kill`` is a statement of the loop's own body (not nested in a branch of it)."""
    body = loop.child_by_field_name("body") or _block_of(loop)
    if body is None:
        return False
    return any(contains(statement, kill) and statement.type not in _COMPOUND
               for statement in body.named_children)
