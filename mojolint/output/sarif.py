"""``sarif``: a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers.

Choices that matter to consumers:

* Columns are code points (``run.columnKind = "unicodeCodePoints"``), which is what the
  diagnostics already count, and ``endColumn`` is exclusive as SARIF defines it.
* File URIs are relative to the project root through ``%SRCROOT%`` so the log is portable
  between machines and checkouts.
* ``primaryLocationLineHash`` hashes the rule code and the flagged text, not line numbers,
  so alerts keep their identity when unrelated lines are added above them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

import mojolint
from mojolint.diagnostics import Diagnostic, Edit, Fix, Severity
from mojolint.output._common import sorted_diagnostics
from mojolint.output._source import SourceText, source_text_of
from mojolint.paths import inside_root
from mojolint.report import FileReport, Report, RuleDoc

SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/mojolint/mojolint"
SRCROOT = "%SRCROOT%"
# GitHub code scanning rejects runs with more results than this.
MAX_RESULTS_PER_RUN = 25_000

JsonObject = dict[str, Any]

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def write(report: Report, stream: TextIO) -> None:
    json.dump(sarif_log(report), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def sarif_log(report: Report) -> JsonObject:
    rules, rule_index = _rule_descriptors(report)
    results = _results(report, rule_index)
    notifications = [_notification(message, "error") for message in report.notifications]
    if len(results) > MAX_RESULTS_PER_RUN:
        dropped = len(results) - MAX_RESULTS_PER_RUN
        results = results[:MAX_RESULTS_PER_RUN]
        notifications.append(_notification(
            f"{dropped} results were left out: GitHub code scanning accepts at most "
            f"{MAX_RESULTS_PER_RUN} results per run.",
            "warning",
        ))
    invocation: JsonObject = {
        "executionSuccessful": report.exit_code < 2,
        "exitCode": report.exit_code,
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: JsonObject = {
        "tool": {"driver": {
            "name": "mojolint",
            "version": mojolint.__version__,
            "informationUri": INFORMATION_URI,
            "rules": rules,
        }},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(report.root)}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}


# --- rules -------------------------------------------------------------------------------


def _rule_descriptors(report: Report) -> tuple[list[JsonObject], dict[str, int]]:
    """Every rule of the run in code order, plus codes that fired without a rule page.

    Results point at their rule by index, so an unknown code (say, a syntax error the
    engine reports itself) still gets a minimal descriptor rather than a dangling index.
    """
    descriptors = [_rule_descriptor(report.rules[code]) for code in sorted(report.rules)]
    unknown = sorted({d.code for _, d in report.diagnostics()} - set(report.rules))
    descriptors.extend({"id": code, "shortDescription": {"text": code}} for code in unknown)
    index = {descriptor["id"]: position for position, descriptor in enumerate(descriptors)}
    return descriptors, index


def _rule_descriptor(rule: RuleDoc) -> JsonObject:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _first_paragraph(rule.documentation) or rule.summary},
        "help": {"text": rule.documentation or rule.summary,
                 "markdown": rule.documentation or rule.summary},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"tags": list(rule.tags), "fixable": rule.fixable},
    }


def _first_paragraph(markdown: str) -> str:
    """The first prose paragraph of a rule page (headings skipped), joined onto one line."""
    for paragraph in re.split(r"\n\s*\n", markdown):
        prose = [line for line in paragraph.splitlines() if not line.lstrip().startswith("#")]
        text = " ".join(" ".join(prose).split())
        if text and not text.startswith("```"):
            return text
    return ""


# --- results -----------------------------------------------------------------------------


def _results(report: Report, rule_index: dict[str, int]) -> list[JsonObject]:
    results: list[JsonObject] = []
    sources: dict[str, SourceText | None] = {}
    # How often each (file, code, flagged text) was seen, for fingerprints of repeated lines.
    occurrences: dict[tuple[str, str, str], int] = {}
    for file, diagnostic in sorted_diagnostics(report):
        if file.display_path not in sources:
            sources[file.display_path] = source_text_of(file.source)
        source = sources[file.display_path]
        flagged = _flagged_text(source, diagnostic)
        key = (file.display_path, diagnostic.code, flagged)
        occurrences[key] = occurrences.get(key, 0) + 1
        artifact = _artifact_location(file, report.root)
        result: JsonObject = {
            "ruleId": diagnostic.code,
            "ruleIndex": rule_index[diagnostic.code],
            "level": _LEVELS[diagnostic.severity],
            "message": {"text": diagnostic.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": artifact,
                "region": _diagnostic_region(diagnostic),
            }}],
            "partialFingerprints": {
                "primaryLocationLineHash": _line_hash(diagnostic.code, flagged, occurrences[key]),
            },
        }
        if diagnostic.fix is not None and source is not None:
            result["fixes"] = [_fix(diagnostic.fix, artifact, source)]
        if diagnostic.notes:
            result["properties"] = {"notes": list(diagnostic.notes)}
        results.append(result)
    return results


def _diagnostic_region(diagnostic: Diagnostic) -> JsonObject:
    start, end = diagnostic.start, diagnostic.end
    return _region(start.line, start.column, end.line, end.column)


def _region(start_line: int, start_column: int, end_line: int, end_column: int) -> JsonObject:
    # The schema requires every value >= 1; clamp rather than emit an invalid log.
    return {
        "startLine": max(1, start_line),
        "startColumn": max(1, start_column),
        "endLine": max(1, start_line, end_line),
        "endColumn": max(1, end_column),
    }


def _flagged_text(source: SourceText | None, diagnostic: Diagnostic) -> str:
    """The flagged line(s) with whitespace normalised, so re-indenting keeps the identity."""
    if source is None:
        return diagnostic.message
    last = diagnostic.end.line
    if last > diagnostic.start.line and diagnostic.end.column == 1:
        last -= 1  # the span ends with a newline; the next line is not flagged
    lines = (source.line(n) or "" for n in range(diagnostic.start.line, last + 1))
    return "\n".join(" ".join(line.split()) for line in lines)


def _line_hash(code: str, flagged_text: str, occurrence: int) -> str:
    digest = hashlib.sha256(f"{code}\0{flagged_text}".encode()).hexdigest()[:16]
    return f"{digest}:{occurrence}"


def _fix(fix: Fix, artifact: JsonObject, source: SourceText) -> JsonObject:
    return {
        "description": {"text": fix.title},
        "artifactChanges": [{
            "artifactLocation": artifact,
            "replacements": [_replacement(edit, source) for edit in fix.edits],
        }],
        "properties": {"applicability": fix.applicability.value},
    }


def _replacement(edit: Edit, source: SourceText) -> JsonObject:
    # A line/column region, not charOffset: it is read in the run's columnKind like results.
    start_line, start_column = source.position_of_offset(edit.start)
    end_line, end_column = source.position_of_offset(edit.end)
    replacement: JsonObject = {
        "deletedRegion": _region(start_line, start_column, end_line, end_column),
    }
    if edit.content:
        replacement["insertedContent"] = {"text": edit.content}
    return replacement


# --- locations and notifications ---------------------------------------------------------


def _artifact_location(file: FileReport, root: Path) -> JsonObject:
    relative = _relative_to_root(file, root)
    if relative is not None:
        # Quote the bytes the OS uses: names that are not UTF-8 survive as %XX escapes.
        return {"uri": quote(os.fsencode(relative.as_posix())), "uriBaseId": SRCROOT}
    outside = file.path.absolute() if file.path is not None else PurePath(file.display_path)
    return {"uri": outside.as_uri()}


def _relative_to_root(file: FileReport, root: Path) -> PurePath | None:
    if file.path is None:
        # Standard input: the display path (e.g. --stdin-filename) is the best name we have.
        display = PurePath(file.display_path)
        return None if display.is_absolute() else display
    return inside_root(file.path, root)


def _directory_uri(root: Path) -> str:
    uri = root.absolute().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _notification(message: str, level: str) -> JsonObject:
    return {"level": level, "message": {"text": message}}
