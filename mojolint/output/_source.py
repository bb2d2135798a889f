"""Source text as output formats need it: lines by number and byte offsets as positions.

Diagnostics carry 1-based lines and character (code point) columns, but fix edits only carry
byte offsets, so formats that show edit locations (JSON, SARIF) convert them here.
"""

from __future__ import annotations

from mojolint.lineindex import LineIndex


class SourceText:
    """A file's bytes, decoded once, with lookups by line number and by byte offset."""

    def __init__(self, source: bytes) -> None:
        self._bytes = source
        # Undecodable bytes become U+FFFD so one bad byte never hides a whole excerpt.
        text = source.decode("utf-8", errors="replace")
        self._lines = text.split("\n")
        if "\r" in text:  # most files have none: no pass over every line for them
            self._lines = [line.removesuffix("\r") for line in self._lines]
        # Line starts are found on the first offset lookup: the text formats only ask for
        # lines, and finding every newline cost them more than the rest.
        self._index: LineIndex | None = None

    def line(self, number: int) -> str | None:
        """The text of 1-based line ``number`` without its line ending, or None if absent."""
        if 1 <= number <= len(self._lines):
            return self._lines[number - 1]
        return None

    def position_of_offset(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, character column) of a 0-based byte offset."""
        if self._index is None:
            self._index = LineIndex(self._bytes)
        position = self._index.position(offset)
        return position.line, position.column


def source_text_of(source: bytes | None) -> SourceText | None:
    return SourceText(source) if source is not None else None
