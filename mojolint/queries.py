"""One walk of each file's tree for the whole-file patterns of every enabled rule.

A tree-sitter query costs about the same whatever it asks for: most of its time goes to
visiting every node of the tree (on ProjectOdyssey one whole-file query takes a third of the
time of parsing the file). Rules therefore declare the patterns they match over the whole
file (``Rule.queries``); the engine compiles the enabled rules' patterns into one query, runs
it once per file, and hands each rule the matches of its own patterns, exactly as a query of
its own would have given them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node, Query

Match = tuple[int, dict[str, list["Node"]]]


class QueryBatch:
    """Several patterns compiled as one query; remembers which pattern indexes are whose."""

    def __init__(self, patterns: tuple[str, ...]) -> None:
        from bisect import bisect_right

        from mojolint.parser import compile_query

        self.patterns = patterns
        # Each pattern's text starts at a known byte of the joined text; the compiled query
        # says where each of its patterns starts, so none is compiled on its own (compiling
        # is a fifth of a one-file run).
        starts, offset = [], 0
        for pattern in patterns:
            starts.append(offset)
            offset += len(pattern.encode()) + 1
        self.query: Query = compile_query("\n".join(patterns))
        # pattern index in the batch -> (the pattern text, its index in its own query)
        self.owner: list[tuple[str, int]] = []
        first: dict[str, int] = {}
        for index in range(self.query.pattern_count):
            pattern = patterns[bisect_right(starts, self.query.start_byte_for_pattern(index)) - 1]
            first.setdefault(pattern, index)
            self.owner.append((pattern, index - first[pattern]))


@lru_cache(maxsize=32)
def batch_of(patterns: tuple[str, ...]) -> QueryBatch | None:
    """The batch of ``patterns`` (compiled once per set), or None when one pattern is not
    worth a batch or the patterns cannot be joined."""
    if len(patterns) < 2:
        return None
    try:
        return QueryBatch(patterns)
    except Exception:  # e.g. a plugin's pattern that only compiles on its own
        return None


def batch_for(pattern_lists: Iterable[Iterable[str]]) -> QueryBatch | None:
    """The batch of every pattern in ``pattern_lists`` (each once, first seen first)."""
    return batch_of(tuple(dict.fromkeys(p for patterns in pattern_lists for p in patterns)))


class FileQueries:
    """The batch's matches over one file, taken on the first request and shared after."""

    def __init__(self, batch: QueryBatch | None, root: Node) -> None:
        self._batch = batch
        self._root = root
        # Each pattern's matches as the batch's cursor gave them: (index in the batch, match).
        self._by_pattern: dict[str, list[tuple[int, dict[str, list[Node]]]]] | None = None
        self._captures: dict[str, dict[str, list[Node]]] = {}  # several rules ask

    def release(self) -> None:
        """Let go of the matches taken so far, when the file is done: nothing else refers
        to them, so reference counting frees them at once. Left here, they were freed
        only by the cyclic collector's next pass, which had to visit every one of them
        first (the file's semantic model, a cycle, refers to this object through
        ``Context.captures``). A later request takes them again."""
        self._by_pattern = None
        self._captures = {}

    def matches(self, pattern: str) -> list[Match] | None:
        """What ``QueryCursor(pattern).matches(root)`` gives, or None when ``pattern`` is not
        in the batch (the caller runs it on its own)."""
        found = self._matches_by_pattern().get(pattern)
        if found is None:
            return None
        assert self._batch is not None
        # The pattern's own indexes for the batch's; the same capture dicts: rules that
        # share a pattern read them, and none writes to them (copying them was a tenth of
        # the batch's cost).
        owner = self._batch.owner
        return [(owner[index][1], match) for index, match in found]

    def captures(self, pattern: str) -> dict[str, list[Node]] | None:
        """What ``QueryCursor(pattern).captures(root)`` gives, in source order (outer nodes
        before the nodes inside them), or None when ``pattern`` is not in the batch."""
        captured = self._captures.get(pattern)
        if captured is None:
            found = self._matches_by_pattern().get(pattern)
            if found is None:
                return None
            merged: dict[str, list[Node]] = {}
            for _, match in found:
                for name, nodes in match.items():
                    bucket = merged.get(name)
                    if bucket is None:
                        merged[name] = list(nodes)  # a copy: the match's list is shared
                    else:
                        bucket.extend(nodes)
            # A node captured by two matches counts once (nodes of one tree are equal and hash
            # alike when they are the same node): dict.fromkeys keeps the first of each.
            captured = self._captures[pattern] = {
                name: _in_source_order(list(dict.fromkeys(nodes)))
                for name, nodes in merged.items()}
        return {name: list(nodes) for name, nodes in captured.items()}

    def _matches_by_pattern(self) -> dict[str, list[tuple[int, dict[str, list[Node]]]]]:
        if self._by_pattern is None:
            self._by_pattern = {}
            if self._batch is not None:
                self._by_pattern = {pattern: [] for pattern in self._batch.patterns}
                self._collect(self._batch)
        return self._by_pattern

    def _collect(self, batch: QueryBatch) -> None:
        from tree_sitter import QueryCursor

        assert self._by_pattern is not None
        by_pattern = self._by_pattern
        # The list each batch index's matches go to, and the cursor's own (index, match)
        # tuples kept as they are: no object made per match.
        add = [by_pattern[pattern].append for pattern, _ in batch.owner]
        for found in QueryCursor(batch.query).matches(self._root):
            add[found[0]](found)


_start_byte = attrgetter("start_byte")
_end_byte = attrgetter("end_byte")


def _in_source_order(nodes: list[Node]) -> list[Node]:
    """``nodes`` sorted by start byte, the outer of two nodes that start together first
    (by end byte, descending), nodes of the same span kept in the order given. Two stable
    sorts on C-level keys: a third of the time of one sort on a Python key function."""
    if len(nodes) > 1:
        nodes.sort(key=_end_byte, reverse=True)  # reverse=True keeps ties in order too
        nodes.sort(key=_start_byte)
    return nodes
