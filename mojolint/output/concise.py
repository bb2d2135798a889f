"""``concise``: one line per diagnostic, ``path:line:col: CODE [*] message``, then a summary."""

from __future__ import annotations

from typing import TextIO

from mojolint.diagnostics import Diagnostic
from mojolint.output._common import sorted_diagnostics, will_fix
from mojolint.output._terminal import LineWriter, Piece, print_summary, printable
from mojolint.report import FileReport, Report


def header_pieces(file: FileReport, diagnostic: Diagnostic) -> list[Piece]:
    """``path:line:col: CODE [*] message`` as styled pieces for a :class:`LineWriter`
    (shared with the ``full`` format)."""
    pieces: list[Piece] = [
        (printable(file.display_path), "bold"),
        (":", "cyan"),
        str(diagnostic.start.line),
        (":", "cyan"),
        str(diagnostic.start.column),
        (":", "cyan"),
        " ",
        (diagnostic.code, "bold red"),
        " ",
    ]
    if will_fix(file, diagnostic):
        pieces += [("[*]", "cyan"), " "]
    pieces.append(printable(diagnostic.message))
    return pieces


def write(report: Report, stream: TextIO, *, color: bool, summary: bool = True) -> None:
    writer = LineWriter(stream, color=color)
    for file, diagnostic in sorted_diagnostics(report):
        writer.line(header_pieces(file, diagnostic))
    if summary:
        print_summary(writer, report)
