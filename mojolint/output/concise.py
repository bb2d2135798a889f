"""``concise``: one line per diagnostic, ``path:line:col: CODE [*] message``, then a summary."""

from __future__ import annotations

from typing import TextIO

from rich.text import Text

from mojolint.diagnostics import Diagnostic
from mojolint.output._common import has_safe_fix, sorted_diagnostics
from mojolint.output._terminal import make_console, print_summary, printable
from mojolint.report import FileReport, Report


def diagnostic_header(file: FileReport, diagnostic: Diagnostic) -> Text:
    """``path:line:col: CODE [*] message``, styled; shared with the ``full`` format."""
    header = Text.assemble(
        (printable(file.display_path), "bold"),
        (":", "cyan"),
        str(diagnostic.start.line),
        (":", "cyan"),
        str(diagnostic.start.column),
        (":", "cyan"),
        " ",
        (diagnostic.code, "bold red"),
        " ",
    )
    if has_safe_fix(diagnostic):
        header.append("[*]", style="cyan")
        header.append(" ")
    header.append(printable(diagnostic.message))
    return header


def write(report: Report, stream: TextIO, *, color: bool) -> None:
    console = make_console(stream, color=color)
    for file, diagnostic in sorted_diagnostics(report):
        console.print(diagnostic_header(file, diagnostic), soft_wrap=True)
    print_summary(console, report)
