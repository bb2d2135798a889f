"""``rdjson``: reviewdog's Diagnostic Format as one JSON object (``reviewdog -f=rdjson``).

``{"source": ..., "severity": ..., "diagnostics": [...]}``, each diagnostic with its message,
``location`` (path and range), ``severity``, ``code`` and, when it has a fix, ``suggestions``
(the fix's edits, which reviewdog can post as suggested changes).

reviewdog counts columns in UTF-8 bytes from 1 and range ends are exclusive; the report's
byte offsets give exactly that. When a file's bytes were not read (an unreadable file) the
range holds lines only, which reviewdog reads as whole lines.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from mojolint.diagnostics import Diagnostic, Position, Severity
from mojolint.lineindex import LineIndex
from mojolint.output._common import sorted_diagnostics
from mojolint.output.sarif import INFORMATION_URI
from mojolint.report import Report

JsonObject = dict[str, Any]

_SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def diagnostic_result(report: Report) -> JsonObject:
    indexes: dict[str, LineIndex | None] = {}
    diagnostics: list[JsonObject] = []
    for file, diagnostic in sorted_diagnostics(report):
        if file.display_path not in indexes:
            indexes[file.display_path] = (LineIndex(file.source) if file.source is not None
                                          else None)
        diagnostics.append(_diagnostic(file.display_path, indexes[file.display_path],
                                       diagnostic))
    return {
        "source": {"name": "mojolint", "url": INFORMATION_URI},
        "severity": "WARNING",
        "diagnostics": diagnostics,
    }


def write(report: Report, stream: TextIO) -> None:
    json.dump(diagnostic_result(report), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def _diagnostic(path: str, index: LineIndex | None, diagnostic: Diagnostic) -> JsonObject:
    obj: JsonObject = {
        "message": diagnostic.message,
        "location": {"path": path, "range": _range(index, diagnostic.start, diagnostic.end)},
        "severity": _SEVERITIES[diagnostic.severity],
        "code": {"value": diagnostic.code},
    }
    if diagnostic.fix is not None and index is not None:
        obj["suggestions"] = [
            {"range": {"start": _byte_position(index, edit.start),
                       "end": _byte_position(index, edit.end)},
             "text": edit.content}
            for edit in diagnostic.fix.edits
        ]
    return obj


def _range(index: LineIndex | None, start: Position, end: Position) -> JsonObject:
    if index is None:
        return {"start": {"line": start.line}, "end": {"line": end.line}}
    return {"start": _byte_position(index, start.offset),
            "end": _byte_position(index, end.offset)}


def _byte_position(index: LineIndex, offset: int) -> JsonObject:
    offset = max(0, min(offset, len(index.source)))
    line = index.line_of(offset)
    return {"line": line + 1, "column": offset - index.line_starts[line] + 1}
