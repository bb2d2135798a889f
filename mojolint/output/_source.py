"""Source text as output formats need it: lines by number and byte offsets as positions.

Diagnostics carry 1-based lines and character (code point) columns, but fix edits only carry
byte offsets, so formats that show edit locations (JSON, SARIF) convert them here.
"""

from __future__ import annotations

from mojolint.lineindex import LineIndex


class SourceText:
    """A file's bytes, with lookups by line number and by byte offset.

    Lines are decoded as if the whole file were decoded (undecodable bytes as U+FFFD) and
    split at each ``\\n`` (a ``\\r`` before it dropped); a lookup given a byte offset on the
    line (a diagnostic's) decodes only that line: the ``full`` format shows a few lines of
    each file, and decoding and splitting every file with a diagnostic was a fifth of its
    time.
    """

    def __init__(self, source: bytes) -> None:
        self._bytes = source
        # Every line, decoded: made on the first lookup without a usable offset.
        self._lines: list[str] | None = None
        # A line number and the byte offset its line starts at: a known place to count
        # newlines from, moved to each line found (lookups go mostly forward).
        self._anchor = (1, 0)
        # Line starts are found on the first offset lookup: the text formats only ask for
        # lines, and finding every newline cost them more than the rest.
        self._index: LineIndex | None = None

    def line(self, number: int) -> str | None:
        """The text of 1-based line ``number`` without its line ending, or None if absent."""
        lines = self._all_lines()
        if 1 <= number <= len(lines):
            return lines[number - 1]
        return None

    def lines(self, first: int, last: int, near: int | None = None) -> list[str]:
        """The text of lines ``first`` to ``last`` (1-based, inclusive), as :meth:`line`
        gives them, stopping at the end of the file. ``near`` is a byte offset on line
        ``first``, if known: when it is, only those lines are decoded."""
        start = self._line_start(first, near) if near is not None else None
        if start is None:
            found = []
            for number in range(first, last + 1):
                text = self.line(number)
                if text is None:
                    break
                found.append(text)
            return found
        data = self._bytes
        end = start
        for _ in range(first, last + 1):
            end = data.find(b"\n", end)
            if end < 0:
                end = len(data)
                break
            end += 1
        else:
            end -= 1  # the last line's newline is not part of it
        text = data[start:end].decode("utf-8", errors="replace")
        return [line.removesuffix("\r") for line in text.split("\n")] if last >= first else []

    def _line_start(self, number: int, near: int) -> int | None:
        """The byte offset line ``number`` starts at, when byte ``near`` is on that line (the
        newlines before it are counted to make sure); None otherwise."""
        data = self._bytes
        if self._lines is not None or not 0 <= near <= len(data) or number < 1:
            return None
        start = data.rfind(b"\n", 0, near) + 1
        known_line, known_start = self._anchor
        if start >= known_start:
            line = known_line + data.count(b"\n", known_start, start)
        else:
            line = known_line - data.count(b"\n", start, known_start)
        if line != number:
            return None
        self._anchor = (number, start)
        return start

    def _all_lines(self) -> list[str]:
        if self._lines is None:
            # Undecodable bytes become U+FFFD so one bad byte never hides a whole excerpt.
            text = self._bytes.decode("utf-8", errors="replace")
            self._lines = text.split("\n")
            if "\r" in text:  # most files have none: no pass over every line for them
                self._lines = [line.removesuffix("\r") for line in self._lines]
        return self._lines

    def position_of_offset(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, character column) of a 0-based byte offset."""
        if self._index is None:
            self._index = LineIndex(self._bytes)
        position = self._index.position(offset)
        return position.line, position.column


def source_text_of(source: bytes | None) -> SourceText | None:
    return SourceText(source) if source is not None else None
