"""Source text as output formats need it: lines by number and byte offsets as positions.

Diagnostics carry 1-based lines and character (code point) columns, but fix edits only carry
byte offsets, so formats that show edit locations (JSON, SARIF) convert them here.
"""

from __future__ import annotations

import bisect


class SourceText:
    """A file's bytes, decoded once, with lookups by line number and by byte offset."""

    def __init__(self, source: bytes) -> None:
        self._bytes = source
        # Undecodable bytes become U+FFFD so one bad byte never hides a whole excerpt.
        self._lines = [
            line.removesuffix("\r")
            for line in source.decode("utf-8", errors="replace").split("\n")
        ]
        # Byte offsets of line starts, found on the first offset lookup: the text formats
        # only ask for lines, and finding every newline cost them more than the rest.
        self._starts: list[int] | None = None

    @property
    def _line_starts(self) -> list[int]:
        if self._starts is None:
            starts = [0]
            newline = self._bytes.find(b"\n")
            while newline != -1:
                starts.append(newline + 1)
                newline = self._bytes.find(b"\n", newline + 1)
            self._starts = starts
        return self._starts

    def line(self, number: int) -> str | None:
        """The text of 1-based line ``number`` without its line ending, or None if absent."""
        if 1 <= number <= len(self._lines):
            return self._lines[number - 1]
        return None

    def position_of_offset(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, character column) of a 0-based byte offset."""
        offset = max(0, min(offset, len(self._bytes)))
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        line_start = self._line_starts[line_index]
        prefix = self._bytes[line_start:offset].decode("utf-8", errors="replace")
        return line_index + 1, len(prefix) + 1


def source_text_of(source: bytes | None) -> SourceText | None:
    return SourceText(source) if source is not None else None
