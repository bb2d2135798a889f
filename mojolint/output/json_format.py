"""``json`` and ``json-lines``: one object per diagnostic, in ruff's field layout.

Positions are 1-based rows and 1-based character columns. Fix edits carry byte offsets in
the report; here they become row/column locations, or null when the source was not read.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from mojolint.diagnostics import Diagnostic, Edit, Fix, Position
from mojolint.output._common import rule_name, sorted_diagnostics
from mojolint.output._source import SourceText, source_text_of
from mojolint.report import Report

JsonObject = dict[str, Any]


def diagnostic_objects(report: Report) -> list[JsonObject]:
    sources: dict[str, SourceText | None] = {}
    objects: list[JsonObject] = []
    for file, diagnostic in sorted_diagnostics(report):
        if file.display_path not in sources:
            sources[file.display_path] = source_text_of(file.source)
        objects.append(
            _diagnostic_object(report, file.display_path, sources[file.display_path], diagnostic)
        )
    return objects


def write_json(report: Report, stream: TextIO) -> None:
    json.dump(diagnostic_objects(report), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def write_json_lines(report: Report, stream: TextIO) -> None:
    for obj in diagnostic_objects(report):
        stream.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _diagnostic_object(
    report: Report, filename: str, source: SourceText | None, diagnostic: Diagnostic
) -> JsonObject:
    return {
        "code": diagnostic.code,
        "name": rule_name(report, diagnostic.code),
        "message": diagnostic.message,
        "severity": diagnostic.severity.value,
        "filename": filename,
        "location": _location(diagnostic.start),
        "end_location": _location(diagnostic.end),
        "fix": _fix_object(diagnostic.fix, source) if diagnostic.fix else None,
        # The line a suppression comment for this diagnostic has to go on.
        "noqa_row": diagnostic.start.line,
        "url": None,
        "notes": list(diagnostic.notes),
    }


def _location(position: Position) -> JsonObject:
    return {"row": position.line, "column": position.column}


def _fix_object(fix: Fix, source: SourceText | None) -> JsonObject:
    return {
        "message": fix.title,
        "applicability": fix.applicability.value,
        "edits": [_edit_object(edit, source) for edit in fix.edits],
    }


def _edit_object(edit: Edit, source: SourceText | None) -> JsonObject:
    return {
        "content": edit.content,
        "location": _offset_location(edit.start, source),
        "end_location": _offset_location(edit.end, source),
    }


def _offset_location(offset: int, source: SourceText | None) -> JsonObject | None:
    if source is None:
        return None
    row, column = source.position_of_offset(offset)
    return {"row": row, "column": column}
