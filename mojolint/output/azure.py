"""``azure``: Azure Pipelines logging commands that attach issues to the build.

Format: ``##vso[task.logissue type=error;sourcepath=PATH;linenumber=L;columnnumber=C;
code=CODE;]message``. The agent unescapes properties and message alike: ``%`` is written
``%AZP25``, CR ``%0D``, LF ``%0A``, ``;`` (which ends a property) ``%3B`` and ``]`` (which ends
the property list) ``%5D``. ``type`` is ``error`` or ``warning`` only, so infos are warnings.
"""

from __future__ import annotations

from typing import TextIO

from mojolint.diagnostics import Severity
from mojolint.output._common import sorted_diagnostics
from mojolint.report import Report

_ESCAPES = (("%", "%AZP25"), ("\r", "%0D"), ("\n", "%0A"), (";", "%3B"), ("]", "%5D"))


def escape(text: str) -> str:
    for raw, escaped in _ESCAPES:  # `%` first: the other escapes add `%`
        text = text.replace(raw, escaped)
    return text


def write(report: Report, stream: TextIO) -> None:
    for file, diagnostic in sorted_diagnostics(report):
        kind = "error" if diagnostic.severity is Severity.ERROR else "warning"
        properties = (
            ("type", kind),
            ("sourcepath", file.display_path),
            ("linenumber", str(diagnostic.start.line)),
            ("columnnumber", str(diagnostic.start.column)),
            ("code", diagnostic.code),
        )
        rendered = "".join(f"{name}={escape(value)};" for name, value in properties)
        stream.write(f"##vso[task.logissue {rendered}]{escape(diagnostic.message)}\n")
    # A crashed rule means missing results; say so where the pipeline shows it.
    for notification in report.notifications:
        stream.write(f"##vso[task.logissue type=error;]{escape(notification)}\n")
