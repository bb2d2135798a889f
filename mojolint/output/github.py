"""``github``: GitHub Actions workflow commands that annotate the pull request diff.

Format: ``::error title=mojolint (CODE),file=PATH,line=L,col=C,endLine=EL,endColumn=EC::CODE
message``. Values are escaped the way the Actions runner unescapes them: ``%``, CR and LF
everywhere, and ``:`` and ``,`` inside properties, where they would end a value.
"""

from __future__ import annotations

from typing import TextIO

from mojolint.diagnostics import Diagnostic, Severity
from mojolint.output._common import sorted_diagnostics
from mojolint.report import FileReport, Report

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(file: FileReport, diagnostic: Diagnostic) -> str:
    properties = {
        "title": f"mojolint ({diagnostic.code})",
        "file": file.display_path,
        "line": str(diagnostic.start.line),
        "col": str(diagnostic.start.column),
        "endLine": str(diagnostic.end.line),
        "endColumn": str(diagnostic.end.column),
    }
    rendered = ",".join(f"{name}={escape_property(value)}" for name, value in properties.items())
    message = escape_data(f"{diagnostic.code} {diagnostic.message}")
    return f"::{_COMMANDS[diagnostic.severity]} {rendered}::{message}"


def write(report: Report, stream: TextIO) -> None:
    for file, diagnostic in sorted_diagnostics(report):
        stream.write(annotation(file, diagnostic) + "\n")
    # A crashed rule means missing results; say so where CI users will see it.
    for notification in report.notifications:
        title = escape_property("mojolint internal error")
        stream.write(f"::error title={title}::{escape_data(notification)}\n")
