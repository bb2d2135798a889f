"""``json``, ``json-lines`` and ``--statistics`` as JSON."""

# The Greek alpha in naïve_α is deliberate: non-ASCII columns are what these tests check.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from test_output_support import model_report

from mojolint.output import write_report
from mojolint.report import Report

ROOT = Path("/project")


def render(report: Report, fmt: str, *, statistics: bool = False) -> str:
    stream = io.StringIO()
    write_report(report, fmt, stream, color=True, statistics=statistics)
    return stream.getvalue()


def test_json_has_every_field_for_each_diagnostic_in_file_and_position_order() -> None:
    objects: list[dict[str, Any]] = json.loads(render(model_report(ROOT), "json"))
    assert [(o["code"], o["location"]["row"], o["location"]["column"]) for o in objects] == [
        ("MJ001", 3, 5), ("MJ002", 3, 12), ("MJ003", 5, 6), ("MJ004", 6, 9),
    ]
    first = objects[0]
    assert first == {
        "code": "MJ001",
        "name": "unused-variable",
        "message": "Local variable `café` is never used",
        "severity": "warning",
        "filename": "src/model.mojo",
        "location": {"row": 3, "column": 5},
        "end_location": {"row": 3, "column": 9},
        "fix": {
            "message": "Prefix it with an underscore",
            "applicability": "safe",
            "edits": [{"content": "_", "location": {"row": 3, "column": 5},
                       "end_location": {"row": 3, "column": 5}}],
        },
        "noqa_row": 3,
        "url": None,
        "notes": [],
    }


def test_json_edit_locations_are_character_columns_on_non_ascii_lines() -> None:
    objects = json.loads(render(model_report(ROOT), "json"))
    rename = objects[1]["fix"]
    assert rename["applicability"] == "unsafe"
    # The edit's byte offsets cover "naïve_α" (9 bytes); the columns count 7 characters.
    assert rename["edits"][0]["location"] == {"row": 3, "column": 12}
    assert rename["edits"][0]["end_location"] == {"row": 3, "column": 19}
    assert objects[1]["notes"] == ["the name was defined in another module"]
    assert objects[2]["fix"] is None
    assert objects[3]["severity"] == "info"


def test_json_edit_locations_are_null_when_the_source_was_not_read() -> None:
    report = model_report(ROOT)
    report.files[0].source = None
    edit = json.loads(render(report, "json"))[0]["fix"]["edits"][0]
    assert edit == {"content": "_", "location": None, "end_location": None}


def test_json_is_plain_json_without_ansi_and_keeps_non_ascii_readable() -> None:
    output = render(model_report(ROOT), "json")
    assert "\x1b" not in output
    assert "naïve_α" in output


def test_json_for_a_clean_run_is_an_empty_array() -> None:
    report = model_report(ROOT)
    report.files[0].diagnostics.clear()
    assert json.loads(render(report, "json")) == []


def test_json_lines_has_one_object_per_line_matching_json() -> None:
    report = model_report(ROOT)
    lines = render(report, "json-lines").splitlines()
    assert [json.loads(line) for line in lines] == json.loads(render(report, "json"))


def test_statistics_as_json() -> None:
    report = model_report(ROOT)
    report.files[0].diagnostics.append(report.files[0].diagnostics[0])
    stats = json.loads(render(report, "json", statistics=True))
    assert stats[0] == {"code": "MJ001", "name": "unused-variable", "count": 2,
                        "fixable": True, "fixable_count": 2}
    assert {s["code"] for s in stats} == {"MJ001", "MJ002", "MJ003", "MJ004"}
    assert all(s["count"] == 1 and not s["fixable"] for s in stats[1:])
