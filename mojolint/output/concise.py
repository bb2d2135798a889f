"""``concise``: one line per diagnostic, ``path:line:col: CODE [*] message``, then a summary."""

from __future__ import annotations

from typing import TextIO

from mojolint.diagnostics import Diagnostic
from mojolint.output._common import sorted_diagnostics, will_fix
from mojolint.output._terminal import LineWriter, Paint, print_summary, printable
from mojolint.report import FileReport, Report


def header_line(file: FileReport, diagnostic: Diagnostic, paint: Paint) -> str:
    """``path:line:col: CODE [*] message``, styled with ``paint`` (a :class:`LineWriter`'s
    ``paint`` or ``mark``; shared with the ``full`` format)."""
    colon = paint(":", "cyan")
    fixable = paint("[*]", "cyan") + " " if will_fix(file, diagnostic) else ""
    return (f"{paint(printable(file.display_path), 'bold')}{colon}{diagnostic.start.line}"
            f"{colon}{diagnostic.start.column}{colon} {paint(diagnostic.code, 'bold red')} "
            f"{fixable}{printable(diagnostic.message)}")


def write(report: Report, stream: TextIO, *, color: bool, summary: bool = True) -> None:
    writer = LineWriter(stream, color=color)
    for file, diagnostic in sorted_diagnostics(report):
        line = header_line(file, diagnostic, writer.paint)
        # A tab (in a path or message) is expanded by rich, which needs the pieces.
        writer.text(line if "\t" not in line else header_line(file, diagnostic, writer.mark))
    if summary:
        print_summary(writer, report)
