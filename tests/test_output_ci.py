"""CI formats: GitHub Actions annotations and JUnit XML."""

# The Greek alpha in naïve_α is deliberate: non-ASCII columns are what these tests check.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

from test_output_support import model_report

from mojolint.diagnostics import Diagnostic, Position, Severity
from mojolint.output import write_report
from mojolint.report import FileReport, Report

ROOT = Path("/project")


def render(report: Report, fmt: str) -> str:
    stream = io.StringIO()
    write_report(report, fmt, stream, color=True)
    return stream.getvalue()


def one_diagnostic_report(path: str, message: str, severity: Severity) -> Report:
    diagnostic = Diagnostic("MJ003", message, Position(2, 3, 12), Position(2, 8, 17),
                            severity=severity)
    return Report(files=[FileReport(path, None, [diagnostic])], rules={}, root=ROOT)


# --- github --------------------------------------------------------------------------------


def test_github_annotations_carry_level_title_and_span() -> None:
    assert render(model_report(ROOT), "github").splitlines() == [
        "::warning title=mojolint (MJ001),file=src/model.mojo,line=3,col=5,endLine=3,"
        "endColumn=9::MJ001 Local variable `café` is never used",
        "::error title=mojolint (MJ002),file=src/model.mojo,line=3,col=12,endLine=3,"
        "endColumn=19::MJ002 Call to non-ASCII name `naïve_α`",
        "::warning title=mojolint (MJ003),file=src/model.mojo,line=5,col=6,endLine=5,"
        "endColumn=12::MJ003 Local `unused` is never read",
        "::notice title=mojolint (MJ004),file=src/model.mojo,line=6,col=9,endLine=6,"
        "endColumn=20::MJ004 Prefer `[]` over `List[Int]()`",
    ]


def test_github_escapes_data_and_properties() -> None:
    report = one_diagnostic_report("dir,a:b/100%.mojo", "50% done\r\nnext: a, b",
                                   Severity.ERROR)
    (line,) = render(report, "github").splitlines()
    assert line == (
        "::error title=mojolint (MJ003),file=dir%2Ca%3Ab/100%25.mojo,line=2,col=3,endLine=2,"
        "endColumn=8::MJ003 50%25 done%0D%0Anext: a, b"
    )


def test_github_reports_internal_errors_as_annotations() -> None:
    report = model_report(ROOT)
    report.files[0].diagnostics.clear()
    report.notifications.append("rule MJ009 crashed:\nIndexError")
    assert render(report, "github") == (
        "::error title=mojolint internal error::rule MJ009 crashed:%0AIndexError\n"
    )


# --- junit ---------------------------------------------------------------------------------


def test_junit_has_a_suite_per_file_and_counts_failures() -> None:
    root = ET.fromstring(render(model_report(ROOT), "junit"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("5", "4")
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == {"src/model.mojo", "src/clean.mojo"}
    model = suites["src/model.mojo"]
    assert (model.get("tests"), model.get("failures")) == ("4", "4")
    failures = model.findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["MJ001", "MJ002", "MJ003", "MJ004"]
    assert failures[1].get("message") == "Call to non-ASCII name `naïve_α`"
    assert failures[1].text is not None
    assert "help: Rename to `naive_alpha`" in failures[1].text
    clean_cases = suites["src/clean.mojo"].findall("testcase")
    assert len(clean_cases) == 1
    assert clean_cases[0].find("failure") is None
    assert suites["src/clean.mojo"].get("failures") == "0"


def test_junit_escapes_markup_and_drops_characters_xml_cannot_hold() -> None:
    message = 'use <T> & "quotes"\nsecond line \x1b[0m\x00'
    report = one_diagnostic_report("a<&>.mojo", message, Severity.WARNING)
    output = render(report, "junit")
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(output)
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == 'use <T> & "quotes"\nsecond line \ufffd[0m\ufffd'
    assert root.find("testsuite") is not None
    assert root.find("testsuite").get("name") == "a<&>.mojo"  # type: ignore[union-attr]
