"""The formats read by other tools: gitlab, rdjson, azure, pylint, and ruff's grouped text.

Each is checked against what its consumer publishes: GitLab's code quality fields and
reviewdog's rdjson schema (both written as JSON schemas in tests/schemas/ from the published
documents), the Azure Pipelines agent's escaping rules, pylint's line format, ruff's layout.
"""

# The Greek alpha in naïve_α is deliberate: non-ASCII columns are what these tests check.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli, write_tree
from test_output_support import MODEL_SOURCE, model_report

from mojolint.diagnostics import Diagnostic, Position, Severity
from mojolint.output import FORMATS, TABLE, write_report
from mojolint.report import FileReport, Report

ROOT = Path("/project")
SCHEMAS = Path(__file__).resolve().parent / "schemas"


def render(report: Report, fmt: str, *, color: bool = False) -> str:
    stream = io.StringIO()
    write_report(report, fmt, stream, color=color)
    return stream.getvalue()


def validate(instance: Any, schema_name: str) -> None:
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

    schema = json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = sorted(Draft202012Validator(schema).iter_errors(instance), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def one_diagnostic_report(path: str, message: str, severity: Severity = Severity.ERROR,
                          source: bytes | None = None) -> Report:
    diagnostic = Diagnostic("MJ003", message, Position(2, 3, 12), Position(2, 8, 17),
                            severity=severity)
    return Report(files=[FileReport(path, None, [diagnostic], source=source)], rules={},
                  root=ROOT)


# --- the table -----------------------------------------------------------------------------


def test_the_command_line_offers_exactly_the_formats_of_the_table(tmp_path: Path) -> None:
    result = run_cli(["check", "--output-format", "nope"], tmp_path)
    assert result.exit_code == 2
    for name in FORMATS:
        assert f"'{name}'" in result.stderr
    assert {fmt.name for fmt in TABLE} >= {"gitlab", "rdjson", "pylint", "azure", "grouped"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_of_the_table_writes_a_report(fmt: str) -> None:
    output = render(model_report(ROOT), fmt)
    assert "MJ002" in output


# --- gitlab --------------------------------------------------------------------------------


def test_gitlab_report_has_the_fields_gitlab_reads() -> None:
    issues = json.loads(render(model_report(ROOT), "gitlab"))
    validate(issues, "gitlab-codequality.schema.json")
    assert [(i["check_name"], i["severity"], i["location"]["lines"]["begin"]) for i in issues] \
        == [("MJ001", "minor", 3), ("MJ002", "major", 3), ("MJ003", "minor", 5),
            ("MJ004", "info", 6)]
    assert issues[1]["description"] == "MJ002: Call to non-ASCII name `naïve_α`"
    assert {i["location"]["path"] for i in issues} == {"src/model.mojo"}
    assert len({i["fingerprint"] for i in issues}) == 4


def test_gitlab_fingerprints_survive_lines_added_above_and_stay_unique() -> None:
    before = json.loads(render(model_report(ROOT), "gitlab"))
    shifted = model_report(ROOT, "# a new first line\n" + MODEL_SOURCE, line_shift=1)
    after = json.loads(render(shifted, "gitlab"))
    assert [i["location"]["lines"]["begin"] for i in after] == [4, 4, 6, 7]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    # The same finding twice in a file: two issues, two fingerprints (GitLab keeps one per
    # fingerprint).
    twice = model_report(ROOT)
    first = twice.files[0].diagnostics[2]
    twice.files[0].diagnostics.append(Diagnostic(
        first.code, first.message, Position(6, 2, 60), Position(6, 8, 66)))
    issues = json.loads(render(twice, "gitlab"))
    validate(issues, "gitlab-codequality.schema.json")
    assert len({i["fingerprint"] for i in issues}) == 5


def test_gitlab_paths_are_relative_to_the_ci_project_dir(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"pkg/sub/a.mojo": "fn f():\n    print(1)  # noqa: TS001\n"})
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))
    result = run_cli(["check", "--no-cache", "--output-format", "gitlab", "."],
                     tmp_path / "pkg")
    assert result.exit_code == 1, result.stderr
    issues = json.loads(result.stdout)
    validate(issues, "gitlab-codequality.schema.json")
    assert [(i["location"]["path"], i["check_name"]) for i in issues] == [
        ("pkg/sub/a.mojo", "MJ100")]


def test_gitlab_report_of_a_clean_run_is_an_empty_array() -> None:
    report = model_report(ROOT)
    report.files[0].diagnostics.clear()
    assert json.loads(render(report, "gitlab")) == []


# --- rdjson --------------------------------------------------------------------------------


def test_rdjson_is_valid_against_reviewdogs_schema_with_byte_columns() -> None:
    result = json.loads(render(model_report(ROOT), "rdjson"))
    validate(result, "rdjson.schema.json")
    assert result["source"]["name"] == "mojolint"
    first, alpha, unused, listing = result["diagnostics"]
    assert first["code"] == {"value": "MJ001"}
    assert first["severity"] == "WARNING"
    # "var café = naïve_α(x)": café starts at byte 5; naïve_α (7 characters, 9 bytes) at
    # character 12 but byte 13, because é before it takes two bytes.
    assert first["location"] == {"path": "src/model.mojo", "range": {
        "start": {"line": 3, "column": 5}, "end": {"line": 3, "column": 10}}}
    assert alpha["severity"] == "ERROR"
    assert alpha["location"]["range"] == {"start": {"line": 3, "column": 13},
                                          "end": {"line": 3, "column": 22}}
    assert alpha["suggestions"] == [{"range": {"start": {"line": 3, "column": 13},
                                               "end": {"line": 3, "column": 22}},
                                     "text": "naive_alpha"}]
    assert first["suggestions"] == [{"range": {"start": {"line": 3, "column": 5},
                                               "end": {"line": 3, "column": 5}},
                                     "text": "_"}]
    assert "suggestions" not in unused
    assert listing["severity"] == "INFO"


def test_rdjson_suggestions_rebuild_the_fixed_line() -> None:
    """Applying a suggestion's byte range to the source gives what the fix writes."""
    result = json.loads(render(model_report(ROOT), "rdjson"))
    line = MODEL_SOURCE.split("\n")[2].encode()
    suggestion = result["diagnostics"][1]["suggestions"][0]
    start = suggestion["range"]["start"]["column"] - 1
    end = suggestion["range"]["end"]["column"] - 1
    fixed = line[:start] + suggestion["text"].encode() + line[end:]
    assert fixed.decode() == "var café = naive_alpha(x)"


def test_rdjson_without_the_source_gives_whole_lines() -> None:
    report = one_diagnostic_report("a.mojo", "cannot read")
    result = json.loads(render(report, "rdjson"))
    validate(result, "rdjson.schema.json")
    assert result["diagnostics"][0]["location"]["range"] == {"start": {"line": 2},
                                                             "end": {"line": 2}}


# --- azure ---------------------------------------------------------------------------------


def agent_parse(line: str) -> tuple[str, dict[str, str], str]:
    """Read a logging command as the Azure Pipelines agent does: properties up to the first
    ``]``, split on ``;`` then the first ``=``; then unescape ``%3B %0D %0A %5D`` and
    ``%AZP25`` last (agent's CommandStringConvertor)."""

    def unescape(text: str) -> str:
        for raw, escaped in ((";", "%3B"), ("\r", "%0D"), ("\n", "%0A"), ("]", "%5D")):
            text = text.replace(escaped, raw)
        return text.replace("%AZP25", "%")

    assert line.startswith("##vso[")
    body = line[len("##vso["):]
    end = body.index("]")
    command, _, properties = body[:end].partition(" ")
    parsed = {}
    for item in properties.split(";"):
        if item:
            name, _, value = item.partition("=")
            parsed[name] = unescape(value)
    return command, parsed, unescape(body[end + 1:])


def test_azure_logs_one_issue_per_diagnostic() -> None:
    lines = render(model_report(ROOT), "azure").splitlines()
    assert lines[:2] == [
        "##vso[task.logissue type=warning;sourcepath=src/model.mojo;linenumber=3;"
        "columnnumber=5;code=MJ001;]Local variable `café` is never used",
        "##vso[task.logissue type=error;sourcepath=src/model.mojo;linenumber=3;"
        "columnnumber=12;code=MJ002;]Call to non-ASCII name `naïve_α`",
    ]
    # Azure knows errors and warnings only.
    assert agent_parse(lines[3])[1]["type"] == "warning"


def test_azure_escapes_what_the_agent_would_read_as_syntax() -> None:
    path = "odd;dir]/100%.mojo"
    message = "50% done;\r\nnext] x %0A stays literal"
    (line,) = render(one_diagnostic_report(path, message), "azure").splitlines()
    assert line == (
        "##vso[task.logissue type=error;sourcepath=odd%3Bdir%5D/100%AZP25.mojo;linenumber=2;"
        "columnnumber=3;code=MJ003;]50%AZP25 done%3B%0D%0Anext%5D x %AZP250A stays literal"
    )
    command, properties, data = agent_parse(line)
    assert command == "task.logissue"
    assert properties == {"type": "error", "sourcepath": path, "linenumber": "2",
                          "columnnumber": "3", "code": "MJ003"}
    assert data == message


def test_azure_reports_internal_errors() -> None:
    report = model_report(ROOT)
    report.files[0].diagnostics.clear()
    report.notifications.append("rule MJ009 crashed:\nIndexError")
    assert render(report, "azure") == (
        "##vso[task.logissue type=error;]rule MJ009 crashed:%0AIndexError\n")


# --- pylint --------------------------------------------------------------------------------


def test_pylint_lines() -> None:
    assert render(model_report(ROOT), "pylint").splitlines() == [
        "src/model.mojo:3: [MJ001] Local variable `café` is never used",
        "src/model.mojo:3: [MJ002] Call to non-ASCII name `naïve_α`",
        "src/model.mojo:5: [MJ003] Local `unused` is never read",
        "src/model.mojo:6: [MJ004] Prefer `[]` over `List[Int]()`",
    ]


def test_pylint_keeps_each_diagnostic_on_one_line() -> None:
    report = one_diagnostic_report("a\nb.mojo", "first\nsrc/x.mojo:1: [MJ999] forged\x1b[31m")
    output = render(report, "pylint")
    assert output.count("\n") == 1
    assert "\x1b" not in output
    assert output.startswith("a␊b.mojo:2: [MJ003] first␊src/x.mojo:1: [MJ999] forged␛[31m")


# --- grouped -------------------------------------------------------------------------------


def test_grouped_lists_diagnostics_under_each_file_then_the_summary() -> None:
    report = model_report(ROOT)
    other = FileReport("src/a.mojo", ROOT / "src" / "a.mojo", [Diagnostic(
        "MJ003", "Local `x` is never read", Position(12, 7, 200), Position(12, 8, 201))])
    report.files.append(other)
    assert render(report, "grouped") == (
        "src/a.mojo:\n"
        "  12:7 MJ003 Local `x` is never read\n"
        "\n"
        "src/model.mojo:\n"
        "  3:5  MJ001 [*] Local variable `café` is never used\n"
        "  3:12 MJ002 Call to non-ASCII name `naïve_α`\n"
        "  5:6  MJ003 Local `unused` is never read\n"
        "  6:9  MJ004 Prefer `[]` over `List[Int]()`\n"
        "\n"
        "Found 5 errors.\n"
        "[*] 1 fixable with the --fix option.\n"
        "1 hidden fix can be enabled with the --unsafe-fixes option.\n"
    )


def test_grouped_right_aligns_rows_and_colours_only_on_request() -> None:
    report = one_diagnostic_report("a.mojo", "late")
    report.files[0].diagnostics.insert(0, Diagnostic(
        "MJ001", "early", Position(1, 10, 9), Position(1, 11, 10)))
    plain = render(report, "grouped")
    assert plain.splitlines()[1:3] == ["  1:10 MJ001 early", "  2:3  MJ003 late"]
    assert "\x1b[" not in plain
    assert "\x1b[" in render(report, "grouped", color=True)


def test_grouped_quiet_drops_the_summary(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": "fn f():\n    print(1)  # noqa: TS001\n"})
    loud = run_cli(["check", "--no-cache", "--output-format", "grouped"], tmp_path)
    quiet = run_cli(["check", "--no-cache", "--output-format", "grouped", "-q"], tmp_path)
    assert loud.stdout.startswith("a.mojo:\n  2:15 MJ100 ")
    assert "Found 1 error." in loud.stdout
    assert quiet.exit_code == 1
    assert quiet.stdout == loud.stdout.split("\n\n")[0] + "\n"


def test_readme_documents_every_format() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Output formats\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1].strip() for line in section.splitlines()
            if line.startswith("| `")]
    assert rows == [f"`{name}`" for name in FORMATS]
