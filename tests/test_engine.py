"""The engine: files that cannot be linted, crashing rules, syntax errors, positions."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import Run, concise_lines, run_cli, write_tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mojolint.diagnostics import Diagnostic
from mojolint.engine import lint_source
from mojolint.registry import Registry, get_registry
from mojolint.rule import Context, Rule
from mojolint.settings import Settings

BROKEN = "fn main(:\n    pass\n"


def check(tmp_path: Path, *args: str) -> Run:
    return run_cli(["check", "--no-cache", "--output-format", "concise", *args], tmp_path)


def test_binary_and_non_utf8_files_get_mj001_and_the_run_goes_on(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "bin.mojo": b"\x7fELF\x00\x00\x01",
        "latin1.mojo": "# café\n".encode("latin-1"),
        "z.mojo": BROKEN,
    })
    result = check(tmp_path)
    assert result.exit_code == 1
    lines = concise_lines(result.stdout)
    assert lines[:2] == [
        "bin.mojo:1:1: MJ001 binary file (contains NUL bytes); not linted",
        "latin1.mojo:1:1: MJ001 not valid UTF-8 (byte 0xe9 at offset 5); not linted",
    ]
    assert lines[2].startswith("z.mojo:1:")
    assert "MJ002 syntax error" in lines[2]


def test_the_full_format_shows_no_garbage_for_a_binary_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {"bin.mojo": b"\x00\x01\x02garbage\xff"})
    result = run_cli(["check", "--no-cache"], tmp_path)
    assert "MJ001" in result.stdout
    assert "garbage" not in result.stdout


def test_a_named_pipe_given_explicitly_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.mojo")
    write_tree(tmp_path, {"a.mojo": BROKEN})
    result = check(tmp_path, "pipe.mojo", "a.mojo")
    lines = concise_lines(result.stdout)
    assert lines[0].startswith("a.mojo:1:")
    assert lines[1:] == ["pipe.mojo:1:1: MJ001 not a regular file; not linted"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_file_gets_mj001(tmp_path: Path) -> None:
    write_tree(tmp_path, {"secret.mojo": BROKEN})
    (tmp_path / "secret.mojo").chmod(0)
    result = check(tmp_path)
    assert concise_lines(result.stdout) == [
        "secret.mojo:1:1: MJ001 cannot read file: Permission denied"
    ]


def test_syntax_error_reports_the_first_bad_line(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": "fn ok():\n    pass\n\nfn bad(x: Int:\n    pass\n"
                                    "fn worse((((:\n"})
    lines = concise_lines(check(tmp_path).stdout)
    assert len(lines) == 1
    assert lines[0].startswith("a.mojo:4:")
    assert "MJ002 syntax error" in lines[0]


def test_syntax_error_underlines_only_the_first_line_of_the_error(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": "fn f():\n    return g(1\n\n\nfn main():\n    f()\n"})
    result = run_cli(["check", "--no-cache", "--output-format", "json"], tmp_path)
    [item] = json.loads(result.stdout)
    assert item["code"] == "MJ002"
    assert item["location"]["row"] == item["end_location"]["row"] == 2


class Boom(Rule):
    """## What it does
    Crashes.

    ## Why is this bad?
    It is a test.

    ## Example
    Any file.
    """

    code = "ZZ001"
    name = "boom"
    summary = "Always raises"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        yield ctx.report((0, 2), "partial finding that must not survive the crash")
        raise ZeroDivisionError("division by zero")


class LastStatement(Rule):
    """## What it does
    Flags the last top-level node.

    ## Why is this bad?
    It is a test.

    ## Example
    Any file.
    """

    code = "ZZ002"
    name = "last-statement"
    summary = "Reports the last top-level node"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        yield ctx.report(ctx.tree.root_node.children[-1], "last statement")


def test_crashing_rule_becomes_mj003_and_other_rules_still_run(tmp_path: Path) -> None:
    registry = Registry()
    for rule_cls in (*get_registry().classes.values(), Boom, LastStatement):
        registry.add(rule_cls, "test")
    source = b"fn main():\n    pass  # noqa: MJ003\n"
    diagnostics = lint_source(source, tmp_path / "k.mojo", Settings(root=tmp_path),
                              display_path="k.mojo", registry=registry)
    by_code = {d.code: d.message for d in diagnostics}
    assert by_code["MJ003"] == ("internal error: rule ZZ001 (boom) failed on k.mojo: "
                                "ZeroDivisionError: division by zero")
    assert by_code["ZZ002"] == "last statement"
    assert "ZZ001" not in by_code
    # An internal error cannot be silenced, so that noqa is itself unused.
    assert by_code["MJ100"] == "Unused `noqa` directive (unused: `MJ003`)"


def test_report_positions_count_characters_not_bytes(tmp_path: Path) -> None:
    registry = Registry()
    registry.add(LastStatement, "test")
    source = "pass\ns = '🔥é'; x = 1\n".encode()
    [diagnostic] = lint_source(source, None, Settings(root=tmp_path), registry=registry)
    assert (diagnostic.start.line, diagnostic.start.column) == (2, 11)  # bytes would say 15
    assert (diagnostic.end.line, diagnostic.end.column) == (2, 16)
    assert diagnostic.start.offset == len("pass\ns = '🔥é'; ".encode())


SNIPPETS = ["fn ", "def ", "main", "(", ")", ":", "\n", "    ", "# noqa", "# noqa: MJ100",
            "# mojolint: noqa", ", MJ002", '"', '"""', "'", "é", "🔥", "\r\n", "\t", "x = 1",
            "print(", "struct ", "var ", "[", "]", "\\", "\x00"]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SNIPPETS) | st.text(max_size=5), max_size=40))
def test_any_input_gives_diagnostics_with_valid_positions_never_a_crash(
        tmp_path: Path, parts: list[str]) -> None:
    source = "".join(parts).encode("utf-8", "surrogatepass")
    diagnostics = lint_source(source, None, Settings(root=tmp_path))
    assert all(d.code != "MJ003" for d in diagnostics)
    line_count = source.count(b"\n") + 1
    for diagnostic in diagnostics:
        for position in (diagnostic.start, diagnostic.end):
            assert 1 <= position.line <= line_count
            assert 0 <= position.offset <= len(source)
            assert position.column >= 1
        assert diagnostic.start.offset <= diagnostic.end.offset
        for edit in diagnostic.fix.edits if diagnostic.fix else ():
            assert 0 <= edit.start <= edit.end <= len(source)


def test_a_parallel_run_leaves_the_callers_garbage_collector_as_it_was(tmp_path: Path) -> None:
    # The engine hides what it built from the collector while its workers run (gc.freeze):
    # an embedding program must get its collector back unchanged, the run its diagnostics.
    import gc

    from mojolint.engine import PARALLEL_THRESHOLD

    write_tree(tmp_path, {f"m{i:03}.mojo": "fn main(:\n" if i % 2 else "fn f():\n    pass\n"
                          for i in range(PARALLEL_THRESHOLD + 6)})
    assert gc.get_freeze_count() == 0
    result = run_cli(["check", "--no-cache", "--isolated", "--output-format", "concise"],
                     tmp_path)
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
    assert len(concise_lines(result.stdout)) == (PARALLEL_THRESHOLD + 6) // 2
    gc.freeze()  # a caller that froze its own objects keeps them frozen
    try:
        frozen = gc.get_freeze_count()
        again = run_cli(["check", "--no-cache", "--isolated", "--output-format", "concise"],
                        tmp_path)
        assert gc.get_freeze_count() == frozen
        assert again.stdout == result.stdout
    finally:
        gc.unfreeze()


def test_a_cached_run_leaves_the_callers_garbage_collector_as_it_was(tmp_path: Path) -> None:
    # `check` pauses the collector while the cache serves files and the report is printed,
    # and freezes what it made only when the process ends with the command (the `mojolint`
    # program): a program that runs the command in-process gets its collector back.
    import gc

    write_tree(tmp_path, {f"m{i:03}.mojo": "fn main(:\n" for i in range(30)})
    first = run_cli(["check", "--isolated", "--output-format", "concise"], tmp_path)
    assert gc.get_freeze_count() == 0
    second = run_cli(["check", "--isolated", "--output-format", "concise"], tmp_path)
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
    assert second.stdout == first.stdout
    assert len(concise_lines(second.stdout)) == 30


def test_a_worker_collects_each_files_garbage_before_it_freezes_what_outlives_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A worker hides what outlives each file (modules it imported) from the collector's
    # passes (gc.freeze): the file's own cyclic garbage (its semantic model) must be gone
    # first, or a long run's workers would keep every file's model to their end.
    import gc

    from mojolint import engine

    path = tmp_path / "small.mojo"
    path.write_text("fn f(x: Int) -> Int:\n    var y = x + 1\n    return y\n")
    settings = Settings(root=tmp_path)
    expected = lint_source(path.read_bytes(), path, settings)
    job = engine._Job(0, path.read_bytes(), path, "small.mojo", settings)
    monkeypatch.setattr(engine, "_in_worker", True)
    assert gc.get_freeze_count() == 0
    gc.collect()
    try:
        index, diagnostics, fixed, _ = engine._lint_job(job)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    # Nothing the file left behind was frozen: a full pass now finds no garbage.
    assert gc.collect() == 0
    assert (index, diagnostics, fixed) == (0, expected, None)
