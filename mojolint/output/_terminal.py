"""Shared pieces of the human-readable formats: the console, safe text, and the summary."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from mojolint.output._common import will_fix
from mojolint.report import Report

if TYPE_CHECKING:
    from rich.console import Console

# rich (rich.console, rich.style, rich.text, rich.cells) is imported only when a line needs
# it (colour, a tab to expand, a cell width beyond ASCII): importing it cost more than a warm
# run over 2,000 files otherwise.

# Wide enough that rich never wraps a long path or source line; we never pad to it.
_NO_WRAP_WIDTH = 100_000
TAB_WIDTH = 4

# A piece of a styled line: plain text, or (text, rich style definition).
Piece = str | tuple[str, str]

# Bidirectional overrides and isolates reorder what a terminal shows ("Trojan Source").
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def make_console(stream: TextIO, *, color: bool) -> Console:
    """A console that styles only when the caller asked for colour, and never wraps."""
    from rich.console import Console

    return Console(
        file=stream,
        force_terminal=color,
        no_color=not color,
        # Without colour, no colour system at all: rich would otherwise still emit bold.
        color_system="standard" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        width=_NO_WRAP_WIDTH,
    )


def printable(text: str) -> str:
    """Replace characters that would control the terminal, one for one.

    Source lines and messages come from files we do not trust; an ESC byte in them must not
    reach the terminal. Each character maps to exactly one character, so character columns
    stay valid after the replacement.
    """
    # Every character that gets replaced is a control or format character, which makes
    # isprintable() false: most lines need no work.
    if text.isprintable():
        return text
    return "".join(_printable_char(char) for char in text)


def _printable_char(char: str) -> str:
    if char == "\t":
        return char
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture", e.g. ␛ for ESC
    if code == 0x7F:
        return "\u2421"
    if char in _BIDI_CONTROLS or unicodedata.category(char) == "Cc":
        return "\ufffd"
    return char


def char_cells(char: str, cells_before: int) -> int:
    """How many terminal cells ``char`` takes when ``cells_before`` cells precede it."""
    if char == "\t":
        return TAB_WIDTH - cells_before % TAB_WIDTH
    if " " <= char <= "~":
        return 1  # printable ASCII, as rich counts it, without importing rich
    from rich.cells import cell_len

    return cell_len(char)


def expand_tabs(line: str) -> str:
    """The line as displayed: tabs become spaces up to the next tab stop."""
    if "\t" not in line:
        return line  # other characters are kept as they are
    pieces: list[str] = []
    cells = 0
    for char in line:
        width = char_cells(char, cells)
        pieces.append(" " * width if char == "\t" else char)
        cells += width
    return "".join(pieces)


def pluralise(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def summary_lines(report: Report) -> list[list[Piece]]:
    """The closing lines of the text formats: how many, how many fixable, what is hidden."""
    remaining = sum(len(file.diagnostics) for file in report.files)
    fixed = sum(file.fixes_applied for file in report.files)
    if remaining == 0 and fixed == 0:
        return [[("All checks passed!", "bold green")]]
    found = pluralise(remaining + fixed, "error")
    if fixed:
        lines: list[list[Piece]] = [[f"Found {found} ({fixed} fixed, {remaining} remaining)."]]
    else:
        lines = [[f"Found {found}."]]
    fixable = sum(1 for file, diagnostic in report.diagnostics() if will_fix(file, diagnostic))
    if fixable:
        lines.append([("[*]", "cyan"), f" {fixable} fixable with the --fix option."])
    hidden = report.unsafe_fixes_available
    if hidden:
        lines.append([
            f"{pluralise(hidden, 'hidden fix', 'hidden fixes')} can be enabled with the "
            "--unsafe-fixes option."
        ])
    return lines


def _unmarked(line: str) -> list[Piece]:
    """The pieces of a line made with :meth:`LineWriter.mark`."""
    pieces: list[Piece] = []
    for number, part in enumerate(line.split(_MARK)):
        if number % 2:
            style, _, text = part.partition(_STYLE_END)
            pieces.append((text, style))
        elif part:
            pieces.append(part)
    return pieces


def print_summary(writer: LineWriter, report: Report) -> None:
    for line in summary_lines(report):
        writer.line(line)


# Painting text with a style: what a LineWriter's ``paint`` and ``mark`` do.
Paint = Callable[[str, str], str]

# Marks a styled piece in a line made with LineWriter.mark: MARK, style, STYLE_END, text,
# MARK. No painted text holds either character: printable() replaces every control
# character in what comes from files, and codes, numbers and the layout hold none.
_MARK = "\0"
_STYLE_END = "\1"


def _unpainted(text: str, style: str) -> str:
    return text


class LineWriter:
    """Writes lines of styled pieces as ``console.print(Text.assemble(*pieces),
    soft_wrap=True)`` on a :func:`make_console` console would, byte for byte, without
    rich's cost per call (most of the time of the ``full`` format on thousands of
    diagnostics went there). Lines holding a tab, which rich expands itself, go through
    rich.

    A format can also make each line as one string, styling its pieces with :attr:`paint`
    (the text itself without colour, the text between its style's escape codes with
    colour), and write it with :meth:`text`: the same bytes as the line of pieces, for a
    fraction of the cost. A line that holds a tab must go through rich as pieces: made
    with :meth:`mark` instead of :attr:`paint`, :meth:`text` takes it apart again.
    """

    def __init__(self, stream: TextIO, *, color: bool) -> None:
        self._stream = stream
        self._color = color
        self._console: Console | None = None
        self._styles: dict[str, tuple[str, str]] = {}
        self.paint: Paint = self._painted if color else _unpainted

    def _painted(self, text: str, style: str) -> str:
        if not text:
            return text
        prefix, suffix = self._style(style)
        return prefix + text + suffix

    @staticmethod
    def mark(text: str, style: str) -> str:
        """``text`` in ``style``, as :meth:`text` takes it apart into a piece."""
        return f"{_MARK}{style}{_STYLE_END}{text}{_MARK}"

    def text(self, line: str) -> None:
        """Write a line made with :attr:`paint` (or :meth:`mark`) and a newline after it."""
        if _MARK in line:
            self.line(_unmarked(line))
        else:
            self._stream.write(line + "\n")

    def line(self, pieces: Sequence[Piece] = ()) -> None:
        if not self._color:  # the common case when writing to a file or a pipe
            texts = [piece if isinstance(piece, str) else piece[0] for piece in pieces]
            joined = "".join(texts)
            if "\t" in joined:
                self._through_rich(pieces)
            else:
                self._stream.write(joined + "\n")
            return
        parts: list[str] = []
        for piece in pieces:
            text, style = (piece, None) if isinstance(piece, str) else piece
            if "\t" in text:
                self._through_rich(pieces)
                return
            if style is not None and self._color and text:
                prefix, suffix = self._style(style)
                parts.append(prefix + text + suffix)
            else:
                parts.append(text)
        parts.append("\n")
        self._stream.write("".join(parts))

    def _style(self, definition: str) -> tuple[str, str]:
        if definition not in self._styles:
            from rich.color import ColorSystem
            from rich.style import Style

            marked = Style.parse(definition).render("\0", color_system=ColorSystem.STANDARD)
            prefix, _, suffix = marked.partition("\0")
            self._styles[definition] = (prefix, suffix)
        return self._styles[definition]

    def _through_rich(self, pieces: Sequence[Piece]) -> None:
        from rich.text import Text

        if self._console is None:
            self._console = make_console(self._stream, color=self._color)
        self._console.print(Text.assemble(*pieces), soft_wrap=True)
