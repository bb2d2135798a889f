"""``mojolint check`` parsed without click (mojolint.commands.quick) gives the command the
values click gives it, or leaves the command line to click."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from conftest import write_tree
from hypothesis import given, settings
from hypothesis import strategies as st

from mojolint.commands.check_command import check
from mojolint.commands.quick import DEFAULTS, parse_check


def click_values(argv: list[str]) -> dict[str, object]:
    context = check.make_context("check", list(argv))
    return dict(context.params)


def test_every_option_of_the_click_declaration_is_known() -> None:
    assert set(DEFAULTS) == {parameter.name for parameter in check.params}
    assert parse_check([]) == click_values([])


COMMAND_LINES = [
    ["."],
    ["--isolated", "--exit-zero", "/tmp/corpus"],
    ["src", "--select", "TS001,TS002", "--select=MJ", "tests", "-q"],
    ["--output-format", "json", "--output-format=sarif", "-e", "-n", "-s", "-v", "-w"],
    ["--ignore", "MJ100", "--extend-select", "UP", "--target-version", "26.1"],
    ["--config", "select = ['TS']", "--config", "pyproject.toml", "--isolated"],
    ["--exclude", "a,b", "--extend-exclude", "gen/", "--force-exclude", "x.mojo"],
    ["--respect-gitignore", "--no-respect-gitignore"],
    ["--no-respect-gitignore", "--respect-gitignore", "--ignore-noqa"],
    ["--color", "always", "--statistics", "--show-files"],
    ["--color=never", "--show-settings", "--unsafe-fixes", "--no-unsafe-fixes"],
    ["--fix", "--diff", "--show-fixes", "--fix-only", "--exit-non-zero-on-fix"],
    ["--fixable", "ALL", "--unfixable", "MJ100", "--extend-safe-fixes", "UP",
     "--extend-unsafe-fixes", "TS"],
    ["-o", "out/report.json", "--output-file=other.txt", "--cache-dir", "cache/here"],
    ["--stdin-filename", "x.mojo", "--select="],
    ["--target-version", "0.26.1", "--stdin-filename=-x.mojo"],
]


@pytest.mark.parametrize("argv", COMMAND_LINES, ids=lambda argv: " ".join(argv))
def test_the_values_are_clicks(argv: list[str], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert parse_check(argv) == click_values(argv)


LEFT_TO_CLICK = [
    ["--help"], ["-h"], ["--add-noqa"], ["--add-noqa=why"], ["-qe"], ["-oout.txt"],
    ["-o=out.txt"], ["--", "x"], ["-"], ["--select"], ["--select", "--quiet"],
    ["--output-format", "nope"], ["--color", "sometimes"], ["--quiet=1"], ["--unknown"],
    ["--output-file", "."],  # a folder: click's own error message
]


@pytest.mark.parametrize("argv", LEFT_TO_CLICK, ids=lambda argv: " ".join(argv))
def test_what_it_is_not_sure_of_is_left_to_click(argv: list[str]) -> None:
    assert parse_check(argv) is None


def test_a_cache_dir_that_is_a_file_is_left_to_click(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    assert parse_check(["--cache-dir", str(tmp_path / "file")]) is None
    assert parse_check(["--cache-dir", str(tmp_path)]) == click_values(
        ["--cache-dir", str(tmp_path)])


def test_python_m_mojolint_check_replays_without_importing_click(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": "fn main(:\n    pass\n", "b.mojo": "fn f():\n    pass\n"})
    # The files just written count as old enough to be trusted by their stamp.
    helper = ("import sys, runpy\nimport mojolint.cache\nmojolint.cache.RACY_NANOSECONDS = 0\n"
              "sys.argv = ['mojolint', *sys.argv[1:]]\n"
              "try:\n    runpy.run_module('mojolint', run_name='__main__')\n"
              "finally:\n    print('click' in sys.modules, file=sys.stderr)\n")
    runs = []
    for argv in (["check", "--output-format", "concise"],  # records the report
                 ["check", "--output-format=concise"],  # replays it
                 ["check", "--output-format", "concise", "--", "."]):  # `--` is click's
        completed = subprocess.run([sys.executable, "-c", helper, *argv], cwd=tmp_path,
                                   capture_output=True, text=True, check=False)
        runs.append((completed.returncode, completed.stdout,
                     completed.stderr.splitlines()[-1]))
    recorded, replayed, with_click = runs
    assert replayed[2] == "False"
    assert with_click[2] == "True"
    assert recorded[:2] == replayed[:2] == with_click[:2]
    assert replayed[0] == 1 and "a.mojo:1:" in replayed[1]


def test_python_m_mojolint_check_prints_without_importing_click(tmp_path: Path) -> None:
    # A cold run writes its report straight to stdout's buffer: the same bytes click.echo
    # writes (non-ASCII source in the excerpt included), without importing click.
    write_tree(tmp_path, {"a.mojo": "fn main(:  # café\n    pass\n",
                          "b.mojo": "fn f():\n    pass\n"})
    helper = ("import sys, runpy\nsys.argv = ['mojolint', *sys.argv[1:]]\n"
              "try:\n    runpy.run_module('mojolint', run_name='__main__')\n"
              "finally:\n    print('click' in sys.modules, file=sys.stderr)\n")
    runs = []
    for argv in (["check", "--no-cache"], ["check", "--no-cache", "--", "."]):
        completed = subprocess.run([sys.executable, "-c", helper, *argv], cwd=tmp_path,
                                   capture_output=True, check=False,
                                   env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        runs.append((completed.returncode, completed.stdout,
                     completed.stderr.decode().splitlines()[-1]))
    direct, with_click = runs
    assert direct[2] == "False"
    assert with_click[2] == "True"
    assert direct[:2] == with_click[:2]
    assert direct[0] == 1 and "café".encode() in direct[1]


# Any command line: the quick parser gives click's values or leaves it to click, never
# something else (a hand-written list of command lines misses the odd combination).
_TOKENS = st.sampled_from([
    ".", "src", "x.mojo", "-", "--", "-q", "-e", "-n", "-s", "-v", "-w", "-o", "-qe", "-h",
    "--quiet", "--quiet=1", "--select", "--select=TS", "--select=", "TS001,MJ", "--ignore",
    "--config", "select = ['TS']", "--output-format", "--output-format=json", "json", "nope",
    "--color", "--color=always", "always", "--target-version", "26.1", "--output-file",
    "--output-file=out.txt", "out.txt", "--cache-dir", "cache", "--stdin-filename",
    "--fix", "--diff", "--no-respect-gitignore", "--respect-gitignore", "--add-noqa",
    "--add-noqa=why", "--unknown", "--unsafe-fixes", "--no-unsafe-fixes", "--isolated",
    "--exclude", "--extend-exclude", "a,b", "--statistics", "-o=out.txt", "-oout.txt",
])


@given(argv=st.lists(_TOKENS, max_size=8))
@settings(max_examples=1000, deadline=None)
def test_any_command_line_parses_as_click_or_goes_to_click(argv: list[str]) -> None:
    quick = parse_check(argv)
    if quick is None:
        return
    try:
        expected = click_values(argv)
    except (click.exceptions.Exit, click.UsageError) as error:
        raise AssertionError(f"click refuses {argv} ({error}), the quick parser ran it") from error
    assert quick == expected
