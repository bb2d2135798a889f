"""``grouped``: diagnostics under their file's name, as ruff's ``grouped`` format prints them.

Example (without colour)::

    src/model.mojo:
       3:5  MJ001 [*] Local variable `café` is never used
      12:17 TS001 `_set_float64` on a float32 tensor

    Found 2 errors.

Rows are right-aligned and columns left-aligned within each file, so messages line up.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from mojolint.output._common import sorted_diagnostics, will_fix
from mojolint.output._terminal import LineWriter, Piece, print_summary, printable
from mojolint.report import Report


def write(report: Report, stream: TextIO, *, color: bool, summary: bool = True) -> None:
    """Each file's diagnostics and a blank line after them; without ``summary`` (--quiet),
    no closing summary and no blank line before it."""
    writer = LineWriter(stream, color=color)
    groups = 0
    for _, items in groupby(sorted_diagnostics(report), key=lambda item: item[0].display_path):
        if groups:
            writer.line()
        groups += 1
        group = list(items)
        file = group[0][0]
        writer.line([(printable(file.display_path), "bold underline"), ":"])
        row_width = max(len(str(d.start.line)) for _, d in group)
        column_width = max(len(str(d.start.column)) for _, d in group)
        for item_file, diagnostic in group:
            pieces: list[Piece] = [
                "  ",
                str(diagnostic.start.line).rjust(row_width),
                (":", "cyan"),
                str(diagnostic.start.column).ljust(column_width),
                " ",
                (diagnostic.code, "bold red"),
                " ",
            ]
            if will_fix(item_file, diagnostic):
                pieces += [("[*]", "cyan"), " "]
            pieces.append(printable(diagnostic.message))
            writer.line(pieces)
    if summary:
        if groups:
            writer.line()
        print_summary(writer, report)
