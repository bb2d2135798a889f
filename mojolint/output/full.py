"""``full``: each diagnostic with its source excerpt, the span marked, the fix and notes.

Example (without colour)::

    src/model.mojo:3:5: MJ001 [*] Unused variable `café`
      |
    3 | var café = naïve(x)
      |     ^^^^
      |
      = help: Remove the variable
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from mojolint.diagnostics import Applicability, Diagnostic
from mojolint.output._common import sorted_diagnostics
from mojolint.output._source import SourceText, source_text_of
from mojolint.output._terminal import (
    LineWriter,
    Piece,
    char_cells,
    expand_tabs,
    print_summary,
    printable,
)
from mojolint.output.concise import header_pieces
from mojolint.report import Report

# A line longer than this is shown as a window around its marked span, so one flagged
# line of minified or generated code cannot flood the terminal.
_MAX_LINE_CHARS = 240
_CONTEXT_CHARS = 60
_ELLIPSIS = "…"

# Long spans show their first and last lines only; the middle adds nothing to read.
_MAX_EXCERPT_LINES = 8
_HEAD_LINES = 3
_TAIL_LINES = 3


@dataclass(frozen=True)
class _MarkedLine:
    """One source line of an excerpt and the character range on it to underline."""

    number: int
    text: str
    # 1-based character columns, end exclusive; None when nothing on the line is marked.
    start_column: int | None
    end_column: int | None


def write(report: Report, stream: TextIO, *, color: bool, show_source: bool = True,
          summary: bool = True) -> None:
    """Each diagnostic and a blank line after it; without ``summary`` (--quiet), no closing
    summary and no blank line before it."""
    writer = LineWriter(stream, color=color)
    sources: dict[str, SourceText | None] = {}
    shown = 0
    for file, diagnostic in sorted_diagnostics(report):
        if shown:
            writer.line()
        shown += 1
        if file.display_path not in sources:
            sources[file.display_path] = source_text_of(file.source)
        writer.line(header_pieces(file, diagnostic))
        source = sources[file.display_path]
        excerpt = _excerpt(source, diagnostic) if show_source and source else []
        _print_body(writer, excerpt, diagnostic)
    if summary:
        if shown:
            writer.line()
        print_summary(writer, report)


def _print_body(writer: LineWriter, excerpt: list[_MarkedLine], diagnostic: Diagnostic) -> None:
    footer = _footer(diagnostic)
    if not excerpt and not footer:
        return
    gutter_width = max((len(str(line.number)) for line in excerpt), default=1)
    blank_gutter: list[Piece] = [" " * (gutter_width + 1), ("|", "blue")]
    writer.line(blank_gutter)
    for line in excerpt:
        for row in _render_marked_line(line, gutter_width):
            writer.line(row)
    if excerpt:
        writer.line(blank_gutter)
    for kind, message, style in footer:
        writer.line([" " * (gutter_width + 1), ("=", "blue"), " ", (kind, style), ": ",
                     printable(message)])


def _footer(diagnostic: Diagnostic) -> list[tuple[str, str, str]]:
    """(kind, message, style) lines after the excerpt: the fix as a hint, then notes."""
    lines: list[tuple[str, str, str]] = []
    fix = diagnostic.fix
    if fix is not None and fix.title:
        unsafe = " (unsafe)" if fix.applicability is Applicability.UNSAFE else ""
        lines.append(("help", fix.title + unsafe, "bold cyan"))
    lines.extend(("note", note, "bold") for note in diagnostic.notes)
    return lines


def _excerpt(source: SourceText, diagnostic: Diagnostic) -> list[_MarkedLine]:
    start, end = diagnostic.start, diagnostic.end
    last_line = end.line
    # A span ending at column 1 ends with the previous line's newline: don't show the next.
    if last_line > start.line and end.column == 1:
        last_line -= 1
    lines: list[_MarkedLine] = []
    for number in range(start.line, max(start.line, last_line) + 1):
        text = source.line(number)
        if text is None:
            break
        first = start.column if number == start.line else _first_non_blank(text)
        stop = end.column if number == end.line else len(text) + 1
        lines.append(_clip(_MarkedLine(number, text, first, stop if first is not None else None)))
    return _shorten(lines)


def _clip(line: _MarkedLine) -> _MarkedLine:
    """The part of a very long line around its marked span, with ellipses where cut."""
    if len(line.text) <= _MAX_LINE_CHARS:
        return line
    first = line.start_column or 1
    stop = max(line.end_column or first, first + 1)
    begin = max(1, first - _CONTEXT_CHARS)  # 1-based column of the first character kept
    end = min(len(line.text) + 1, stop + _CONTEXT_CHARS, begin + _MAX_LINE_CHARS)
    prefix = _ELLIPSIS if begin > 1 else ""
    suffix = _ELLIPSIS if end <= len(line.text) else ""
    shift = begin - 1 - len(prefix)
    start_column = line.start_column - shift if line.start_column is not None else None
    end_column = (min(line.end_column, end) - shift) if line.end_column is not None else None
    return _MarkedLine(line.number, prefix + line.text[begin - 1 : end - 1] + suffix,
                       start_column, end_column)


def _first_non_blank(text: str) -> int | None:
    stripped = text.lstrip()
    return len(text) - len(stripped) + 1 if stripped else None


def _shorten(lines: list[_MarkedLine]) -> list[_MarkedLine]:
    if len(lines) <= _MAX_EXCERPT_LINES:
        return lines
    return [*lines[:_HEAD_LINES], _MarkedLine(0, "", None, None), *lines[-_TAIL_LINES:]]


def _render_marked_line(line: _MarkedLine, gutter_width: int) -> list[list[Piece]]:
    if line.number == 0:  # the gap left by _shorten
        return [[("...".rjust(gutter_width + 1), "blue")]]
    number = str(line.number).rjust(gutter_width) + " "
    rows: list[list[Piece]] = [
        [(number, "blue"), ("|", "blue"), " ", printable(expand_tabs(line.text))]
    ]
    if line.start_column is not None and line.end_column is not None:
        padding, carets = _caret_span(line.text, line.start_column, line.end_column)
        rows.append([" " * (gutter_width + 1), ("|", "blue"), " ", " " * padding,
                     ("^" * carets, "bold red")])
    return rows


def _caret_span(text: str, start_column: int, end_column: int) -> tuple[int, int]:
    """Cells before the span and cells under it, counting tabs and wide characters.

    Columns are characters, but a terminal shows a tab as up to TAB_WIDTH cells and a CJK
    character or emoji as two, so the carets are placed by display cells.
    """
    length = len(text)
    if text.isascii() and "\t" not in text and 1 <= start_column <= end_column:
        # One cell per character: the loop below reduces to arithmetic.
        if end_column <= length:
            return start_column - 1, max(1, end_column - start_column)
        padding = start_column - 1 if start_column <= length else length
        return padding, max(1, length - padding)
    cells = 0
    padding = 0
    for index, char in enumerate(text, start=1):
        if index == start_column:
            padding = cells
        if index == end_column:
            break
        cells += char_cells(char, cells)
    else:
        # The span starts (or ends) past the last character, e.g. a missing newline at EOF.
        if start_column > len(text):
            padding = cells
    return padding, max(1, cells - padding)
