"""``gitlab``: a GitLab code quality report (``artifacts:reports:codequality``).

A JSON array with one object per diagnostic holding the fields GitLab reads: ``description``,
``check_name``, ``fingerprint``, ``severity`` (``info``/``minor``/``major``/``critical``/
``blocker``) and ``location`` (``path`` relative to the repository, ``lines.begin``/``end``).

GitLab tells new findings from fixed ones by fingerprint, so a fingerprint leaves the line
number out (adding a line above a finding must not make it "new") and is made unique within
the report by counting identical findings in order. Paths are relative to
``$CI_PROJECT_DIR`` when that is set (GitLab CI sets it to the clone), else as displayed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, TextIO

from mojolint.diagnostics import Severity
from mojolint.output._common import sorted_diagnostics
from mojolint.report import FileReport, Report

_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def repository_path(file: FileReport, project_dir: str | None) -> str:
    """The file's path as GitLab wants it: relative, forward slashes, no leading ``./``."""
    path = file.display_path
    if project_dir and file.path is not None:
        absolute = Path(os.path.abspath(file.path))
        if absolute.is_relative_to(os.path.abspath(project_dir)):  # else keep what was shown
            path = absolute.relative_to(os.path.abspath(project_dir)).as_posix()
    path = path.replace(os.sep, "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def issues(report: Report, project_dir: str | None = None) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str, str], int] = {}
    objects: list[dict[str, Any]] = []
    for file, diagnostic in sorted_diagnostics(report):
        path = repository_path(file, project_dir)
        key = (path, diagnostic.code, diagnostic.message)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        digest = hashlib.sha256(
            "\0".join((*key, str(occurrence))).encode("utf-8", "surrogatepass")).hexdigest()
        objects.append({
            "description": f"{diagnostic.code}: {diagnostic.message}",
            "check_name": diagnostic.code,
            "fingerprint": digest[:32],
            "severity": _SEVERITIES[diagnostic.severity],
            "location": {
                "path": path,
                "lines": {"begin": diagnostic.start.line, "end": diagnostic.end.line},
            },
        })
    return objects


def write(report: Report, stream: TextIO) -> None:
    json.dump(issues(report, os.environ.get("CI_PROJECT_DIR")), stream, indent=2,
              ensure_ascii=False)
    stream.write("\n")
