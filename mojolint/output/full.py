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

from typing import NamedTuple, TextIO

from mojolint.diagnostics import Applicability, Diagnostic
from mojolint.output._common import sorted_diagnostics
from mojolint.output._source import SourceText, source_text_of
from mojolint.output._terminal import (
    LineWriter,
    Paint,
    char_cells,
    expand_tabs,
    print_summary,
    printable,
)
from mojolint.output.concise import header_line
from mojolint.report import FileReport, Report

# A line longer than this is shown as a window around its marked span, so one flagged
# line of minified or generated code cannot flood the terminal.
_MAX_LINE_CHARS = 240
_CONTEXT_CHARS = 60
_ELLIPSIS = "…"

# Long spans show their first and last lines only; the middle adds nothing to read.
_MAX_EXCERPT_LINES = 8
_HEAD_LINES = 3
_TAIL_LINES = 3


class _MarkedLine(NamedTuple):
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
            writer.text("")
        shown += 1
        if file.display_path not in sources:
            sources[file.display_path] = source_text_of(file.source)
        source = sources[file.display_path]
        excerpt = _excerpt(source, diagnostic) if show_source and source else []
        block = _block(file, diagnostic, excerpt, writer.paint)
        if "\t" in block:  # in a path or message: rich expands it, from the pieces
            for line in _block(file, diagnostic, excerpt, writer.mark).split("\n"):
                writer.text(line)
        else:
            writer.text(block)
    if summary:
        if shown:
            writer.text("")
        print_summary(writer, report)


def _block(file: FileReport, diagnostic: Diagnostic, excerpt: list[_MarkedLine],
           paint: Paint) -> str:
    """The diagnostic's lines: its header, the excerpt and the footer."""
    lines = [header_line(file, diagnostic, paint)]
    footer = _footer(diagnostic)
    if not excerpt and not footer:
        return lines[0]
    gutter_width = max([len(str(line.number)) for line in excerpt], default=1)
    margin = " " * (gutter_width + 1)
    bar = paint("|", "blue")
    blank_gutter = margin + bar
    lines.append(blank_gutter)
    for line in excerpt:
        if line.number == 0:  # the gap left by _shorten
            lines.append(paint("...".rjust(gutter_width + 1), "blue"))
            continue
        number = paint(str(line.number).rjust(gutter_width) + " ", "blue")
        lines.append(f"{number}{bar} {printable(expand_tabs(line.text))}")
        if line.start_column is not None and line.end_column is not None:
            padding, carets = _caret_span(line.text, line.start_column, line.end_column)
            lines.append(f"{margin}{bar} {' ' * padding}{paint('^' * carets, 'bold red')}")
    if excerpt:
        lines.append(blank_gutter)
    if footer:
        equals = paint("=", "blue")
        for kind, message, style in footer:
            lines.append(f"{margin}{equals} {paint(kind, style)}: {printable(message)}")
    return "\n".join(lines)


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
    texts = source.lines(start.line, max(start.line, last_line), near=start.offset)
    for number, text in enumerate(texts, start.line):
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
