"""`mojolint check`: discovery, stdin, exit codes and the options that shape a run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import Run, concise_lines, run_cli, write_tree

from mojolint import __version__
from mojolint.output import FORMATS

CLEAN = "fn main():\n    print(1)\n"
BROKEN = "fn main(:\n    pass\n"  # MJ002
STALE_NOQA = "fn main():\n    print(1)  # noqa\n"  # MJ100


def codes_by_file(output: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in concise_lines(output):
        path, _line, _col, rest = line.split(":", 3)
        found.setdefault(path, []).append(rest.split()[0])
    return found


def check(tmp_path: Path, *args: str, stdin: bytes | None = None) -> Run:
    return run_cli(["check", "--no-cache", "--output-format", "concise", *args], tmp_path,
                   stdin=stdin)


def test_finds_mojo_and_fire_files_recursively_and_nothing_else(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "a.mojo": BROKEN,
        "pkg/deep/b.🔥": BROKEN,
        "notes.txt": BROKEN,
        "script.py": BROKEN,
    })
    result = check(tmp_path)
    assert result.exit_code == 1
    assert codes_by_file(result.stdout) == {"a.mojo": ["MJ002"], "pkg/deep/b.🔥": ["MJ002"]}


def test_clean_tree_exits_zero_and_says_so(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": CLEAN})
    result = check(tmp_path)
    assert result.exit_code == 0
    assert "All checks passed!" in result.stdout


def test_gitignored_files_and_directories_are_skipped(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        ".gitignore": "generated/\nscratch_*.mojo\n",
        "generated/a.mojo": BROKEN,
        "scratch_1.mojo": BROKEN,
        "sub/.gitignore": "local.mojo\n",
        "sub/local.mojo": BROKEN,
        "sub/kept.mojo": BROKEN,
    })
    result = check(tmp_path)
    assert codes_by_file(result.stdout) == {"sub/kept.mojo": ["MJ002"]}


def test_gitignore_of_the_repository_applies_when_linting_a_subdirectory(tmp_path: Path) -> None:
    write_tree(tmp_path, {".git/HEAD": "", ".gitignore": "*.gen.mojo\n",
                          "src/x.gen.mojo": BROKEN, "src/y.mojo": BROKEN})
    result = check(tmp_path / "src")
    assert codes_by_file(result.stdout) == {"y.mojo": ["MJ002"]}


def test_exclude_and_extend_exclude_from_config(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "mojolint.toml": 'extend-exclude = ["vendor", "*_pb.mojo"]\n',
        "vendor/v.mojo": BROKEN,
        "api_pb.mojo": BROKEN,
        "build/b.mojo": BROKEN,  # excluded by default
        "main.mojo": BROKEN,
    })
    assert codes_by_file(check(tmp_path).stdout) == {"main.mojo": ["MJ002"]}
    (tmp_path / "mojolint.toml").write_text('exclude = ["vendor"]\n')
    # `exclude` replaces the defaults, so build/ is linted again.
    assert set(codes_by_file(check(tmp_path).stdout)) == {"main.mojo", "api_pb.mojo",
                                                          "build/b.mojo"}


def test_explicit_paths_are_linted_even_when_excluded_unless_force_exclude(
        tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": 'extend-exclude = ["gen.mojo"]\n', "gen.mojo": BROKEN})
    assert codes_by_file(check(tmp_path, "gen.mojo").stdout) == {"gen.mojo": ["MJ002"]}
    forced = check(tmp_path, "--force-exclude", "gen.mojo")
    assert forced.exit_code == 0
    assert concise_lines(forced.stdout) == []


def test_stdin_with_stdin_filename_uses_that_name_and_its_config(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pkg/mojolint.toml": 'ignore = ["MJ002"]\n'})
    result = check(tmp_path, "-", "--stdin-filename", "src/k.mojo", stdin=BROKEN.encode())
    assert codes_by_file(result.stdout) == {"src/k.mojo": ["MJ002"]}
    ignored = check(tmp_path, "-", "--stdin-filename", "pkg/k.mojo", stdin=BROKEN.encode())
    assert ignored.exit_code == 0


def test_stdin_without_a_filename_is_shown_as_dash(tmp_path: Path) -> None:
    result = check(tmp_path, "-", stdin=BROKEN.encode())
    assert result.exit_code == 1
    assert codes_by_file(result.stdout) == {"-": ["MJ002"]}
    assert check(tmp_path, "-", stdin=CLEAN.encode()).exit_code == 0


def test_binary_stdin_is_mj001_without_a_garbled_excerpt(tmp_path: Path) -> None:
    result = run_cli(["check", "--no-cache", "-"], tmp_path, stdin=b"\x00\x01secret\xff")
    assert result.exit_code == 1
    assert "-:1:1: MJ001 binary file (contains NUL bytes); not linted" in result.stdout
    assert "secret" not in result.stdout


def test_stdin_force_exclude_skips_an_excluded_stdin_filename(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": 'extend-exclude = ["gen"]\n'})
    result = check(tmp_path, "-", "--stdin-filename", "gen/x.mojo", "--force-exclude",
                   stdin=BROKEN.encode())
    assert result.exit_code == 0
    assert concise_lines(result.stdout) == []


def test_missing_path_is_one_error_line_and_the_rest_still_runs(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": BROKEN})
    result = check(tmp_path, "nope.mojo", "a.mojo")
    assert result.exit_code == 2
    assert result.stderr.strip() == "mojolint: error: nope.mojo: No such file or directory"
    assert codes_by_file(result.stdout) == {"a.mojo": ["MJ002"]}


def test_missing_path_is_a_tool_notification_in_sarif(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": CLEAN})
    result = run_cli(["check", "--no-cache", "--output-format", "sarif", "gone.mojo", "a.mojo"],
                     tmp_path)
    invocation = json.loads(result.stdout)["runs"][0]["invocations"][0]
    assert invocation["exitCode"] == 2
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == [
        "gone.mojo: No such file or directory"]


def test_directory_named_like_a_mojo_file_is_walked_not_read(tmp_path: Path) -> None:
    write_tree(tmp_path, {"odd.mojo/inner.mojo": BROKEN})
    result = check(tmp_path)
    assert codes_by_file(result.stdout) == {"odd.mojo/inner.mojo": ["MJ002"]}
    assert "MJ001" not in result.stdout


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    write_tree(tmp_path, {"src/a.mojo": BROKEN})
    os.symlink(tmp_path / "src", tmp_path / "src" / "loop")
    result = check(tmp_path)
    assert codes_by_file(result.stdout) == {"src/a.mojo": ["MJ002"]}


def test_exit_zero_turns_violations_into_success_but_not_errors(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": BROKEN})
    assert check(tmp_path, "--exit-zero").exit_code == 0
    assert check(tmp_path, "--exit-zero", "missing.mojo", "a.mojo").exit_code == 2


def test_select_ignore_and_extend_select_on_the_command_line(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": BROKEN, "b.mojo": STALE_NOQA})
    everything = codes_by_file(check(tmp_path).stdout)
    assert everything == {"a.mojo": ["MJ002"], "b.mojo": ["MJ100"]}
    assert codes_by_file(check(tmp_path, "--select", "MJ1").stdout) == {"b.mojo": ["MJ100"]}
    assert codes_by_file(check(tmp_path, "--ignore", "MJ002").stdout) == {"b.mojo": ["MJ100"]}
    narrowed = check(tmp_path, "--select", "MJ002", "--extend-select", "MJ100")
    assert codes_by_file(narrowed.stdout) == everything
    assert check(tmp_path, "--select", "ALL", "--ignore", "MJ").exit_code == 0


def test_unknown_selector_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": CLEAN})
    result = check(tmp_path, "--select", "ZZ9")
    assert result.exit_code == 2
    assert result.stderr.startswith("mojolint: error: unknown rule selector 'ZZ9' in '--select'")
    assert "Traceback" not in result.stderr


def test_target_version_option_accepts_listed_versions_only(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": CLEAN})
    assert check(tmp_path, "--target-version", "25.4").exit_code == 0
    assert check(tmp_path, "--target-version", "0.26.1").exit_code == 0  # PyPI spelling
    assert check(tmp_path, "--target-version", "1.2.0").exit_code == 0
    bad = check(tmp_path, "--target-version", "3.0")
    assert bad.exit_code == 2
    assert "invalid value '3.0' for '--target-version'; allowed: 24.6" in bad.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_output_format_reports_the_violation(tmp_path: Path, fmt: str) -> None:
    write_tree(tmp_path, {"a.mojo": BROKEN})
    result = run_cli(["check", "--no-cache", "--output-format", fmt], tmp_path)
    assert result.exit_code == 1
    assert "MJ002" in result.stdout
    if fmt == "json":
        [item] = json.loads(result.stdout)
        assert item["code"] == "MJ002"
    elif fmt == "json-lines":
        assert json.loads(result.stdout.splitlines()[0])["code"] == "MJ002"
    elif fmt == "sarif":
        sarif = json.loads(result.stdout)
        assert sarif["runs"][0]["results"][0]["ruleId"] == "MJ002"
        rule_ids = [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]]
        assert rule_ids == ["MJ002"]
    elif fmt == "github":
        assert result.stdout.startswith("::error")
    elif fmt == "junit":
        assert result.stdout.lstrip().startswith("<?xml")
    elif fmt == "gitlab":
        assert [i["check_name"] for i in json.loads(result.stdout)] == ["MJ002"]
    elif fmt == "rdjson":
        diagnostics = json.loads(result.stdout)["diagnostics"]
        assert [d["code"]["value"] for d in diagnostics] == ["MJ002"]
    elif fmt == "azure":
        assert result.stdout.startswith("##vso[task.logissue type=")
    elif fmt == "pylint":
        assert result.stdout.startswith("a.mojo:")
    elif fmt == "grouped":
        assert result.stdout.startswith("a.mojo:\n")


def test_output_file_receives_the_report_in_utf8(tmp_path: Path) -> None:
    write_tree(tmp_path, {"é🔥.mojo": BROKEN})
    result = run_cli(["check", "--no-cache", "--output-format", "json", "--output-file",
                      "out/report.json"], tmp_path)
    assert result.exit_code == 1
    assert result.stdout == ""
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert data[0]["filename"].endswith("é🔥.mojo")


def test_unwritable_output_file_is_a_one_line_error(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": BROKEN, "taken": "a file, not a folder"})
    result = check(tmp_path, "--output-file", "taken/report.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("mojolint: error: taken/report.txt: cannot write:")


def test_a_bug_in_mojolint_is_reported_in_one_line(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import mojolint.discovery

    def broken_discover(*args: object, **kwargs: object) -> None:
        raise RuntimeError("walked off a cliff")

    monkeypatch.setattr(mojolint.discovery, "discover", broken_discover)
    write_tree(tmp_path, {"a.mojo": CLEAN})
    result = check(tmp_path)
    assert result.exit_code == 2
    assert result.stderr == "mojolint: error: internal error: RuntimeError: walked off a cliff\n"


def test_statistics_counts_per_rule(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": BROKEN, "b.mojo": BROKEN, "c.mojo": STALE_NOQA})
    result = check(tmp_path, "--statistics")
    lines = [line.split() for line in result.stdout.splitlines() if "MJ" in line]
    counts = {parts[1]: int(parts[0]) for parts in lines}
    assert counts == {"MJ002": 2, "MJ100": 1}
    assert "a.mojo" not in result.stdout


def test_quiet_prints_diagnostics_without_the_summary(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": BROKEN})
    loud = check(tmp_path)
    quiet = check(tmp_path, "--quiet")
    assert "Found 1 error." in loud.stdout
    assert "Found" not in quiet.stdout
    assert concise_lines(quiet.stdout) == concise_lines(loud.stdout) != []
    clean = tmp_path / "clean"
    write_tree(clean, {"ok.mojo": CLEAN})
    assert check(clean, "--quiet").stdout == ""


def test_version_flag() -> None:
    result = run_cli(["--version"], Path.cwd())
    assert result.exit_code == 0
    assert result.stdout.strip() == f"mojolint {__version__}"


def test_installed_version_is_the_one_the_package_reports() -> None:
    from importlib.metadata import version

    assert version("mojolint") == __version__
