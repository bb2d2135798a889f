"""Turns byte offsets into 1-based line and character columns.

tree-sitter speaks in bytes; people count characters. Keeping the conversion in one place
means a line holding ``🔥`` or ``é`` still gets the column an editor shows.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from itertools import accumulate

from mojolint.diagnostics import Position


class LineIndex:
    """Byte offsets of line starts for one source buffer."""

    def __init__(self, source: bytes) -> None:
        self.source = source

    @cached_property
    def line_starts(self) -> list[int]:
        """Byte offset of each line's first byte (computed on first use: most files of a
        clean project never report anything, so never need it)."""
        # Each line's length plus its "\n", summed: several times faster than a find() loop.
        lengths = (len(line) + 1 for line in self.source.split(b"\n"))
        return list(accumulate(lengths, initial=0))[:-1]

    def line_of(self, offset: int) -> int:
        """0-based line holding byte ``offset``."""
        return bisect_right(self.line_starts, offset) - 1

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.source)))
        line = self.line_of(offset)
        line_start = self.line_starts[line]
        prefix = self.source[line_start:offset]
        column = len(prefix.decode("utf-8", errors="replace")) + 1
        return Position(line=line + 1, column=column, offset=offset)

    def line_span(self, line: int) -> tuple[int, int]:
        """Byte range of 1-based ``line`` without its line break."""
        start = self.line_starts[line - 1]
        has_next = line < len(self.line_starts)
        end = self.line_starts[line] - 1 if has_next else len(self.source)
        if end > start and self.source[end - 1 : end] == b"\r":
            end -= 1
        return start, end
