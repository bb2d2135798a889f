"""``pylint``: ``path:line: [CODE] message``, the line format of pylint's ``parseable``
output that editors and CI log parsers (Jenkins' warnings plugin, for one) read.

One diagnostic is one line: control characters in paths and messages (which come from the
linted files) are shown as visible symbols, so a newline in a message cannot start a line
that a parser would read as another diagnostic.
"""

from __future__ import annotations

from typing import TextIO

from mojolint.output._common import sorted_diagnostics
from mojolint.output._terminal import printable
from mojolint.report import Report


def write(report: Report, stream: TextIO) -> None:
    for file, diagnostic in sorted_diagnostics(report):
        stream.write(f"{_one_line(file.display_path)}:{diagnostic.start.line}: "
                     f"[{diagnostic.code}] {_one_line(diagnostic.message)}\n")


def _one_line(text: str) -> str:
    return printable(text).replace("\t", " ")
