"""`mojolint rule`, `mojolint rules`, the progress bar and parallel runs."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import concise_lines, run_cli, run_subprocess, write_tree

from mojolint.commands.printer import PROGRESS_THRESHOLD
from mojolint.registry import get_registry


def test_rule_prints_the_page_of_a_rule(tmp_path: Path) -> None:
    result = run_cli(["rule", "MJ100"], tmp_path)
    assert result.exit_code == 0
    assert result.stdout.startswith("# unused-noqa (MJ100)")
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead",
                    "## Fix safety", "## Options"):
        assert section in result.stdout
    assert "Severity: warning. A fix is always available." in result.stdout


def test_rule_page_says_whether_a_fix_is_sometimes_or_always_available(tmp_path: Path) -> None:
    registry = get_registry()
    for code in registry.codes():
        page = run_cli(["rule", code], tmp_path).stdout
        expected = {"none": "No fix is available.",
                    "sometimes": "A fix is sometimes available.",
                    "always": "A fix is always available."}[registry.classes[code].fix_availability]
        assert expected in page.split("\n\n", 3)[2], code


def test_rule_page_shows_the_release_status_from_the_rule_attributes(tmp_path: Path) -> None:
    page = run_cli(["rule", "UP001"], tmp_path).stdout
    assert "\n\nApplies from Mojo 24.6; Deprecated in Mojo 24.6.\n\n" in page
    assert "Removed in" not in page.split("## What it does")[0]


def test_core_rule_behaviour_is_declared_on_the_rule_classes() -> None:
    registry = get_registry()
    assert registry.codes_where(lambda rule: rule.always_on) == {"MJ001", "MJ003"}
    assert registry.codes_where(lambda rule: not rule.suppressible) == {"MJ003", "MJ004"}
    assert registry.codes_where(lambda rule: not rule.noqa_addable) == {
        "MJ001", "MJ002", "MJ003", "MJ100"}
    assert registry.codes_where(lambda rule: rule.reports_crash) == {"MJ003"}


def test_every_builtin_rule_page_has_all_sections(tmp_path: Path) -> None:
    for code in get_registry().codes():
        page = run_cli(["rule", code], tmp_path).stdout
        for section in ("## What it does", "## Why is this bad?", "## Example",
                        "## Use instead", "## Fix safety", "## Options"):
            assert section in page, f"{code} page lacks {section}"


def test_rule_with_unknown_code_is_an_error(tmp_path: Path) -> None:
    result = run_cli(["rule", "XX123"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "mojolint: error: unknown rule code 'XX123'; run `mojolint rules` to list them"
    )


def test_rules_table_lists_every_builtin_rule(tmp_path: Path) -> None:
    result = run_cli(["rules"], tmp_path)
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    assert rows[0].split()[:2] == ["CODE", "NAME"]
    listed = [row.split()[0] for row in rows[1:]]
    assert listed == get_registry().codes()
    assert any(row.split()[:2] == ["MJ100", "unused-noqa"] for row in rows)


def test_rules_json_describes_each_rule(tmp_path: Path) -> None:
    result = run_cli(["rules", "--json"], tmp_path)
    rules = {item["code"]: item for item in json.loads(result.stdout)}
    assert rules["MJ002"]["name"] == "syntax-error"
    assert rules["MJ002"]["severity"] == "error"
    assert rules["MJ100"]["fix_availability"] == "always"
    assert rules["MJ100"]["origin"] == "mojolint"


def _many_files(root: Path, count: int) -> None:
    write_tree(root, {f"m{i:03}.mojo": "fn main(:\n" if i % 3 == 0 else "fn f():\n    pass\n"
                      for i in range(count)})


def test_progress_bar_appears_on_a_terminal_only(tmp_path: Path) -> None:
    _many_files(tmp_path, 60)
    command = [sys.executable, "-m", "mojolint", "check", "--no-cache", "--output-format",
               "concise"]
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=follower,
                               env={**os.environ, "COLUMNS": "80", "TERM": "xterm"})
    os.close(follower)
    terminal_output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        terminal_output += chunk
    stdout, _ = process.communicate()
    os.close(leader)
    assert b"Linting" in terminal_output
    assert len(concise_lines(stdout.decode())) == 20
    piped = run_subprocess(["check", "--no-cache", "--output-format", "concise"], tmp_path)
    assert "Linting" not in piped.stderr


def test_progress_bar_counts_the_files_from_the_threshold_on_and_quiet_hides_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # stderr counts as a terminal (for rich too)
    monkeypatch.setenv("COLUMNS", "80")
    args = ["check", "--no-cache", "--output-format", "concise"]
    _many_files(tmp_path / "many", PROGRESS_THRESHOLD)
    shown = run_cli(args, tmp_path / "many")
    assert "Linting" in shown.stderr
    assert f"{PROGRESS_THRESHOLD}/{PROGRESS_THRESHOLD}" in shown.stderr
    assert len(concise_lines(shown.stdout)) == 17  # the report is the same as without a bar
    assert "Linting" not in run_cli([*args, "--quiet"], tmp_path / "many").stderr
    _many_files(tmp_path / "few", PROGRESS_THRESHOLD - 1)
    assert "Linting" not in run_cli(args, tmp_path / "few").stderr


def test_parallel_run_matches_a_serial_run(tmp_path: Path) -> None:
    _many_files(tmp_path, 90)  # above the threshold: linted by worker processes
    parallel = run_subprocess(["check", "--no-cache", "--output-format", "concise"], tmp_path)
    serial_lines = []
    for name in sorted(p.name for p in tmp_path.glob("*.mojo")):
        one = run_cli(["check", "--no-cache", "--output-format", "concise", name], tmp_path)
        serial_lines.extend(concise_lines(one.stdout))
    assert parallel.exit_code == 1
    assert sorted(concise_lines(parallel.stdout)) == sorted(serial_lines)
    assert len(serial_lines) == 30


def test_bundled_examples_show_the_documented_diagnostics() -> None:
    from conftest import REPO_ROOT

    result = run_cli(["check", "--no-cache", "--output-format", "concise", "examples/"],
                     REPO_ROOT)
    assert result.exit_code == 1
    found = sorted({(line.split(":")[0], line.split()[1]) for line in
                    concise_lines(result.stdout)})
    assert found == [("examples/suppressions.mojo", "EX001"),
                     ("examples/suppressions.mojo", "MJ100"),
                     ("examples/tensors.mojo", "TS001"),
                     ("examples/tensors.mojo", "TS002"),
                     ("examples/tensors.mojo", "TS004"),
                     ("examples/unfinished.mojo", "MJ002")]


def test_each_option_is_on_its_rule_page_once_from_the_options_dataclass(
        tmp_path: Path) -> None:
    import dataclasses
    import inspect

    registry = get_registry()
    with_options = [code for code in registry.codes() if registry.options_type(code)]
    assert {"IM001", "MJ100", "TS006"} <= set(with_options)
    for code in with_options:
        options_type = registry.options_type(code)
        assert options_type is not None
        page = run_cli(["rule", code], tmp_path).stdout
        options = page.split("## Options", 1)[1]
        docstring = inspect.getdoc(registry.classes[code]) or ""
        for field in dataclasses.fields(options_type):
            key = field.name.replace("_", "-")
            assert options.count(f"- `{key}` (") == 1, (code, key)
            assert f"- `{key}`" not in docstring, f"{code} lists `{key}` by hand"
            assert str(field.metadata.get("doc", "")) in options, (code, key)
        assert f"Set them in `[tool.mojolint.rules.{code}]`." in options
