"""The human-readable formats: ``concise``, ``full`` and the ``--statistics`` table."""

# The Greek alpha in naïve_α is deliberate: non-ASCII columns are what these tests check.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_output_support import MODEL_SOURCE, RULES, model_report, span

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix, Position, Severity
from mojolint.output import FORMATS, write_report
from mojolint.output._source import SourceText
from mojolint.report import FileReport, Report

ROOT = Path("/project")


def render(report: Report, fmt: str, *, color: bool = False, **options: bool) -> str:
    stream = io.StringIO()
    write_report(report, fmt, stream, color=color, **options)
    return stream.getvalue()


def single_file_report(source: str, diagnostics: list[Diagnostic]) -> Report:
    file = FileReport("a.mojo", ROOT / "a.mojo", diagnostics, source.encode())
    return Report(files=[file], rules=dict(RULES), root=ROOT, exit_code=1)


def caret_row_under(output: str, source_row: str) -> str:
    """The line printed right below the excerpt row that ends with ``source_row``."""
    lines = output.splitlines()
    index = next(i for i, line in enumerate(lines) if line.endswith(source_row))
    return lines[index + 1]


# --- concise -------------------------------------------------------------------------------


def test_concise_lists_one_line_per_diagnostic_with_fix_marker_and_summary() -> None:
    assert render(model_report(ROOT), "concise").splitlines() == [
        "src/model.mojo:3:5: MJ001 [*] Local variable `café` is never used",
        "src/model.mojo:3:12: MJ002 Call to non-ASCII name `naïve_α`",
        "src/model.mojo:5:6: MJ003 Local `unused` is never read",
        "src/model.mojo:6:9: MJ004 Prefer `[]` over `List[Int]()`",
        "Found 4 errors.",
        "[*] 1 fixable with the --fix option.",
        "1 hidden fix can be enabled with the --unsafe-fixes option.",
    ]


def test_concise_sorts_by_file_then_position() -> None:
    report = model_report(ROOT)
    report.files.reverse()
    report.files[-1].diagnostics.reverse()
    lines = render(report, "concise").splitlines()
    assert [line.split(": ")[0] for line in lines[:4]] == [
        "src/model.mojo:3:5", "src/model.mojo:3:12", "src/model.mojo:5:6", "src/model.mojo:6:9",
    ]


def test_clean_run_says_all_checks_passed() -> None:
    report = Report(files=[FileReport("a.mojo", ROOT / "a.mojo", source=b"\n")], rules={},
                    root=ROOT)
    assert render(report, "concise") == "All checks passed!\n"
    assert render(report, "full") == "All checks passed!\n"


def test_summary_counts_fixes_applied_and_uses_singular() -> None:
    report = single_file_report("var x = 1\n", [
        Diagnostic("MJ003", "Local `x` is never read", *span("var x = 1\n", 1, "x")),
    ])
    report.files[0].fixes_applied = 2
    assert render(report, "concise").splitlines()[-1] == "Found 3 errors (2 fixed, 1 remaining)."
    report.files[0].fixes_applied = 0
    assert render(report, "concise").splitlines()[-1] == "Found 1 error."


# --- full ----------------------------------------------------------------------------------


def test_full_underlines_exactly_the_flagged_characters_on_a_non_ascii_line() -> None:
    output = render(model_report(ROOT), "full")
    assert "src/model.mojo:3:5: MJ001 [*] Local variable `café` is never used" in output
    excerpt = output.split("\n\n")[0].splitlines()
    assert excerpt[1:5] == [
        "  |",
        "3 | var café = naïve_α(x)",
        "  |     ^^^^",
        "  |",
    ]
    second = output.split("\n\n")[1].splitlines()
    assert second[3] == "  |            ^^^^^^^"  # under naïve_α: 7 characters, 7 carets


def test_full_aligns_carets_on_tab_indented_lines() -> None:
    output = render(model_report(ROOT), "full")
    source_row = "5 |     var unused = 1"  # the tab is shown as spaces up to the tab stop
    assert source_row in output.splitlines()
    caret_row = caret_row_under(output, source_row)
    assert caret_row.index("^") == source_row.index("unused")
    assert caret_row.count("^") == len("unused")


def _tabbed_report(path: str) -> Report:
    """A tab in a path, a message, a fix title and a note (which rich expands), and a
    diagnostic without one."""
    source = "def f():\n    var x\t= 1\n"
    tabbed = Diagnostic("MJ001", "unused\tvariable `x`", Position(2, 9, 17), Position(2, 10, 18),
                        fix=Fix("remove\tit", (Edit(13, 23, ""),), Applicability.UNSAFE),
                        notes=("tab\there",))
    plain = Diagnostic("MJ002", "plain", Position(1, 1, 0), Position(1, 4, 3))
    file = FileReport(path, ROOT / path, [tabbed, plain], source.encode())
    return Report(files=[file], rules={}, root=ROOT)


def test_tabs_in_messages_and_paths_are_expanded_to_tab_stops_of_eight() -> None:
    output = render(_tabbed_report("a.mojo"), "full")
    assert output.splitlines()[6:13] == [
        "a.mojo:2:9: MJ001 unused        variable `x`",
        "  |",
        "2 |     var x   = 1",
        "  |         ^",
        "  |",
        "  = help: remove        it (unsafe)",
        "  = note: tab   here",
    ]
    concise = render(_tabbed_report("dir\tname/a.mojo"), "concise").splitlines()
    assert concise[:2] == ["dir     name/a.mojo:1:1: MJ002 plain",
                           "dir     name/a.mojo:2:9: MJ001 unused   variable `x`"]


def test_tabs_keep_their_colours() -> None:
    output = render(_tabbed_report("a.mojo"), "full", color=True)
    header, _, _, _, _, hint, note = output.split("\n\n")[1].splitlines()
    assert header == ("\x1b[1ma.mojo\x1b[0m\x1b[36m:\x1b[0m2\x1b[36m:\x1b[0m9\x1b[36m:\x1b[0m "
                      "\x1b[1;31mMJ001\x1b[0m unused        variable `x`")
    assert hint == "  \x1b[34m=\x1b[0m \x1b[1;36mhelp\x1b[0m: remove        it (unsafe)"
    assert note == "  \x1b[34m=\x1b[0m \x1b[1mnote\x1b[0m: tab   here"
    concise = render(_tabbed_report("dir\tname/a.mojo"), "concise", color=True).splitlines()
    # rich styles the spaces a tab became apart from the rest of the piece
    assert concise[0] == ("\x1b[1mdir     \x1b[0m\x1b[1mname/a.mojo\x1b[0m\x1b[36m:\x1b[0m1"
                          "\x1b[36m:\x1b[0m1\x1b[36m:\x1b[0m \x1b[1;31mMJ002\x1b[0m plain")


def test_full_gives_wide_characters_two_carets_each() -> None:
    source = "let 名前 = 1\n"
    report = single_file_report(source, [Diagnostic("MJ003", "unused", *span(source, 1, "名前"))])
    caret_row = caret_row_under(render(report, "full"), "1 | let 名前 = 1")
    assert caret_row == "  |     ^^^^"


def test_full_shows_fix_hint_with_unsafe_marker_and_notes() -> None:
    output = render(model_report(ROOT), "full")
    assert "  = help: Prefix it with an underscore\n" in output
    assert "  = help: Rename to `naive_alpha` (unsafe)\n" in output
    assert "  = note: the name was defined in another module\n" in output
    assert output.endswith(
        "Found 4 errors.\n[*] 1 fixable with the --fix option.\n"
        "1 hidden fix can be enabled with the --unsafe-fixes option.\n"
    )


def test_full_marks_every_line_of_a_multi_line_span() -> None:
    source = "fn f():\n    var a = g(\n        1,\n    )\n"
    start, _ = span(source, 2, "g(")
    _, end = span(source, 4, ")")
    report = single_file_report(source, [Diagnostic("MJ003", "call", start, end)])
    lines = render(report, "full").splitlines()
    assert lines[2:8] == [
        "2 |     var a = g(",
        "  |             ^^",
        "3 |         1,",
        "  |         ^^",
        "4 |     )",
        "  |     ^",
    ]


def test_full_without_source_keeps_header_and_hint() -> None:
    output = render(model_report(ROOT), "full", show_source=False)
    assert "var café" not in output
    assert "src/model.mojo:3:5: MJ001 [*] Local variable `café` is never used" in output
    assert "= help: Prefix it with an underscore" in output


def test_no_ansi_without_colour_even_when_the_environment_forces_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    for fmt in ("full", "concise"):
        assert "\x1b" not in render(model_report(ROOT), fmt, color=False)
    assert "\x1b" not in render(model_report(ROOT), "concise", color=False, statistics=True)


def test_ansi_with_colour_even_on_a_dumb_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # The caller already decided (terminal, NO_COLOR, --color); the format must obey it.
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("NO_COLOR", "1")
    output = render(model_report(ROOT), "full", color=True)
    assert "\x1b[" in output
    assert "café" in output


def test_messages_are_not_read_as_rich_markup_and_long_paths_do_not_wrap() -> None:
    source = "var x = 1\n"
    long_path = "deeply/" * 30 + "nested.mojo"
    diagnostic = Diagnostic("MJ003", "[bold]List[Int][/bold] :smile:", *span(source, 1, "x"))
    report = Report(files=[FileReport(long_path, None, [diagnostic], source.encode())],
                    rules=dict(RULES), root=ROOT)
    output = render(report, "full")
    assert f"{long_path}:1:5: MJ003 [bold]List[Int][/bold] :smile:\n" in output


def test_terminal_control_characters_in_source_do_not_reach_the_terminal() -> None:
    source = "var x = \x1b[2J1\n"
    report = single_file_report(source, [Diagnostic("MJ003", "bad \x1b]0;title\x07",
                                                    *span(source, 1, "x"))])
    output = render(report, "full")
    assert "\x1b" not in output
    assert "\x07" not in output
    assert "1 | var x = \u241b[2J1" in output  # shown as the visible ESC symbol


def test_unknown_format_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        render(model_report(ROOT), "xml")
    assert "concise" in FORMATS


# --- statistics ----------------------------------------------------------------------------


def test_statistics_table_is_sorted_by_count_and_marks_fixable_rules() -> None:
    source = MODEL_SOURCE
    report = model_report(ROOT)
    extra = span(source, 1, "Tensor")
    report.files[0].diagnostics += [
        Diagnostic("MJ003", "again", *extra),
        Diagnostic("MJ003", "and again", *extra, severity=Severity.ERROR),
    ]
    lines = render(report, "concise", statistics=True).splitlines()
    assert lines[:4] == [
        "3  MJ003      unused-local",
        "1  MJ001  [*] unused-variable",
        "1  MJ002      non-ascii-call",
        "1  MJ004      prefer-list-literal",
    ]
    assert lines[4] == "Found 6 errors."


def test_statistics_table_says_how_many_when_only_some_are_fixable() -> None:
    report = model_report(ROOT)
    unfixed = report.files[0].diagnostics[0]
    report.files[0].diagnostics.append(
        Diagnostic(unfixed.code, unfixed.message, unfixed.start, unfixed.end)
    )
    first = render(report, "full", statistics=True).splitlines()[0]
    assert first == "2  MJ001  [*] unused-variable (1 fixable)"


def test_position_past_the_end_of_the_line_gets_one_caret() -> None:
    source = "var x = 1"
    end = Position(1, 10, 9)
    report = single_file_report(source, [Diagnostic("MJ003", "no newline at end", end, end)])
    assert caret_row_under(render(report, "full"), "1 | var x = 1") == "  |          ^"


def test_full_shows_a_window_of_a_very_long_line_around_the_span() -> None:
    source = "var data = [" + "1, " * 50_000 + "bad_name, " + "2, " * 50_000 + "]\n"
    start, end = span(source, 1, "bad_name")
    report = single_file_report(
        source, [Diagnostic("MJ001", "Unknown name", start, end, Severity.WARNING)])
    output = render(report, "full")
    assert len(output) < 1_000  # not the 300,000-character line
    row = next(line for line in output.splitlines() if "bad_name" in line)
    assert row.startswith("1 | …1, 1, ") and row.endswith(", 2, 2…")
    carets = caret_row_under(output, row[row.index("|") + 2:])
    assert carets.index("^") == row.index("bad_name") and carets.count("^") == len("bad_name")


# --- source lines ----------------------------------------------------------------------------

_SOURCE_PIECES = [b"a", b"b ", b"\n", b"\r\n", b"\r", b"\xc3\xa9", b"\xf0\x9f\x94\xa5", b"\xff",
                  b"\xe2\x82", b"\t", b"\xef\xbb\xbf"]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(_SOURCE_PIECES), max_size=30), data=st.data())
def test_source_lines_found_by_offset_are_the_lines_of_the_whole_decoded_file(
        pieces: list[bytes], data: st.DataObject) -> None:
    """The excerpt's lines are found from a diagnostic's byte offset without decoding the
    file; whatever the offset (right, wrong, out of range) and the bytes (CRLF, a lone CR,
    invalid or cut UTF-8, a BOM), they are the lines of the whole file decoded and split."""
    source = b"".join(pieces)
    whole = SourceText(source)
    count = source.count(b"\n") + 1
    text = SourceText(source)  # one object for many lookups: it keeps a place to count from
    for _ in range(4):
        first = data.draw(st.integers(0, count + 1))
        last = data.draw(st.integers(first - 1, count + 2))
        near = data.draw(st.integers(-1, len(source) + 1))
        expected = []
        for number in range(first, last + 1):
            line = whole.line(number)
            if line is None:
                break
            expected.append(line)
        assert text.lines(first, last, near=near) == expected
