"""`mojolint check --fix` and friends, run through the real command line over tmp_path trees.

The test rules of ``fix_rules.py`` are installed as a plugin distribution (an entry point per
rule), exactly as a user's plugin would be, so worker processes see them too.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from conftest import REPO_ROOT, Run, concise_lines, run_cli, run_subprocess, write_tree
from fix_rules import FIX_RULES

TESTS = REPO_ROOT / "tests"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = tmp_path / "site"
    entry_points = "".join(f"{r.code.lower()} = fix_rules:{r.__name__}\n" for r in FIX_RULES)
    write_tree(site, {
        "tfx-0.1.dist-info/METADATA": "Metadata-Version: 2.1\nName: tfx\nVersion: 0.1\n",
        "tfx-0.1.dist-info/entry_points.txt": "[mojolint.rules]\n" + entry_points,
        "tfx-0.1.dist-info/RECORD": "",
    })
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.syspath_prepend(str(TESTS))
    root = tmp_path / "project"
    root.mkdir()
    return root


def check(project: Path, *args: str, stdin: bytes | None = None) -> Run:
    return run_cli(["check", "--no-cache", "--output-format", "concise", "--select", "TFX00,TFX010",
                    *args], project, stdin=stdin)


SAFE = "fn main():\n    foo()\n"
SAFE_FIXED = "fn main():\n    bar()\n"
UNSAFE = "fn main():\n    risky()\n"


def test_fix_writes_the_file_reports_counts_and_a_second_run_is_clean(project: Path) -> None:
    write_tree(project, {"a.mojo": SAFE + "    suggest()\n"})
    result = check(project, "--fix")
    assert (project / "a.mojo").read_text() == SAFE_FIXED + "    suggest()\n"
    assert concise_lines(result.stdout) == ["a.mojo:3:5: TFX008 `suggest`"]
    assert "Found 2 errors (1 fixed, 1 remaining)." in result.stdout
    assert result.exit_code == 1
    write_tree(project, {"a.mojo": SAFE})
    assert check(project, "--fix").exit_code == 0
    again = check(project)
    assert again.exit_code == 0 and "All checks passed!" in again.stdout


def test_without_fix_nothing_is_written_and_fixable_count_is_shown(project: Path) -> None:
    write_tree(project, {"a.mojo": SAFE})
    result = check(project)
    assert result.exit_code == 1
    assert "[*] 1 fixable with the --fix option." in result.stdout
    assert (project / "a.mojo").read_text() == SAFE


def test_unsafe_fixes_are_hidden_and_counted_until_asked_for(project: Path) -> None:
    write_tree(project, {"a.mojo": UNSAFE})
    hidden = check(project, "--fix")
    assert (project / "a.mojo").read_text() == UNSAFE
    assert "1 hidden fix can be enabled with the --unsafe-fixes option." in hidden.stdout
    assert "hidden fix" in check(project).stdout  # plain runs say so too
    no_unsafe = check(project, "--fix", "--unsafe-fixes", "--no-unsafe-fixes")
    assert (project / "a.mojo").read_text() == UNSAFE and no_unsafe.exit_code == 1
    applied = check(project, "--fix", "--unsafe-fixes")
    assert (project / "a.mojo").read_text() == "fn main():\n    checked()\n"
    assert applied.exit_code == 0
    assert "hidden fix" not in applied.stdout


def test_diff_prints_a_unified_diff_writes_nothing_and_exits_1(project: Path) -> None:
    write_tree(project, {"a.mojo": SAFE})
    result = check(project, "--diff")
    assert result.exit_code == 1
    assert result.stdout == ("--- a/a.mojo\n+++ b/a.mojo\n@@ -1,2 +1,2 @@\n fn main():\n"
                             "-    foo()\n+    bar()\n")
    assert "Would fix 1 error." in result.stderr
    assert (project / "a.mojo").read_text() == SAFE
    write_tree(project, {"a.mojo": SAFE_FIXED + "    suggest()\n"})  # a violation, no fix
    clean = check(project, "--diff")
    assert (clean.exit_code, clean.stdout) == (0, "")


def test_show_fixes_lists_fixes_per_file_and_rule(project: Path) -> None:
    write_tree(project, {"a.mojo": "fn main():\n    foo()\n    foo()\n", "b.mojo": SAFE})
    result = check(project, "--fix", "--show-fixes")
    assert ("Fixed 3 errors:\n- a.mojo:\n    2 x TFX001 (rename-foo)\n- b.mojo:\n"
            "    1 x TFX001 (rename-foo)\n") in result.stdout
    assert "Found 3 errors (3 fixed, 0 remaining)." in result.stdout


def test_fix_only_reports_no_remaining_violations(project: Path) -> None:
    write_tree(project, {"a.mojo": SAFE + "    suggest()\n"})
    result = check(project, "--fix-only")
    assert result.exit_code == 0
    assert "TFX008" not in result.stdout
    assert result.stdout == "Fixed 1 error.\n"
    assert (project / "a.mojo").read_text() == SAFE_FIXED + "    suggest()\n"
    write_tree(project, {"b.mojo": SAFE})
    strict = check(project, "--fix-only", "--exit-non-zero-on-fix")
    assert strict.exit_code == 1
    assert check(project, "--fix-only", "--exit-non-zero-on-fix").exit_code == 0  # now clean


def test_exit_non_zero_on_fix_even_when_nothing_remains(project: Path) -> None:
    write_tree(project, {"a.mojo": SAFE})
    result = check(project, "--fix", "--exit-non-zero-on-fix")
    assert result.exit_code == 1
    assert "Found 1 error (1 fixed, 0 remaining)." in result.stdout
    assert check(project, "--fix", "--exit-non-zero-on-fix").exit_code == 0


def test_fix_on_stdin_writes_only_the_fixed_source_to_stdout(project: Path) -> None:
    source = (SAFE + "    suggest()\n").encode()
    result = check(project, "--fix", "--stdin-filename", "x.mojo", "-", stdin=source)
    assert result.stdout == SAFE_FIXED + "    suggest()\n"
    assert "x.mojo:3:5: TFX008 `suggest`" in result.stderr
    assert result.exit_code == 1
    diff = check(project, "--diff", "--stdin-filename", "x.mojo", stdin=SAFE.encode())
    assert diff.exit_code == 1 and "+    bar()" in diff.stdout
    only = check(project, "--fix-only", "--stdin-filename", "x.mojo", stdin=SAFE.encode())
    assert (only.exit_code, only.stdout, only.stderr) == (0, SAFE_FIXED, "")


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX permissions")
def test_read_only_file_is_reported_in_one_line_and_others_are_fixed(project: Path) -> None:
    write_tree(project, {"a.mojo": SAFE, "b.mojo": SAFE})
    locked = project / "a.mojo"
    locked.chmod(stat.S_IRUSR)
    try:
        result = check(project, "--fix")
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert locked.read_text() == SAFE
    assert (project / "b.mojo").read_text() == SAFE_FIXED
    assert [line for line in result.stderr.splitlines() if "a.mojo" in line] == [
        "mojolint: error: a.mojo: file is read-only; not fixed"]
    assert "Traceback" not in result.stderr
    assert concise_lines(result.stdout) == ["a.mojo:2:5: TFX001 [*] `foo` should be `bar`"]
    assert result.exit_code == 1


def test_crlf_line_endings_survive_fixing(project: Path) -> None:
    write_tree(project, {"a.mojo": b"fn main():\r\n    expand_me()\r\n    foo()\r\n"})
    assert check(project, "--fix").exit_code == 0
    assert (project / "a.mojo").read_bytes() == (
        b"fn main():\r\n    first()\r\nsecond()\r\n    bar()\r\n")


def test_rollback_is_reported_naming_file_and_rule(project: Path) -> None:
    write_tree(project, {"a.mojo": "fn broken():\n    foo()\n"})
    result = check(project, "--fix")
    assert (project / "a.mojo").read_text() == "fn broken():\n    bar()\n"
    rollbacks = [line for line in result.stderr.splitlines() if "rolled back" in line]
    assert rollbacks == ["mojolint: warning: a.mojo: TFX006: fix 'Delete the colon' was "
                         "rolled back because it introduced a syntax error"]
    assert concise_lines(result.stdout) == ["a.mojo:1:4: TFX006 [*] `broken`"]


def test_config_unfixable_and_extend_unsafe_fixes_change_what_fix_does(project: Path) -> None:
    write_tree(project, {"a.mojo": "fn main():\n    foo()\n    twice(3)\n",
                         "mojolint.toml": 'unfixable = ["TFX001"]\n'})
    check(project, "--fix")
    assert (project / "a.mojo").read_text() == "fn main():\n    foo()\n    3 * 2\n"
    write_tree(project, {"a.mojo": SAFE, "mojolint.toml": 'extend-unsafe-fixes = ["TFX00"]\n'})
    result = check(project, "--fix")
    assert (project / "a.mojo").read_text() == SAFE
    assert "1 hidden fix can be enabled with the --unsafe-fixes option." in result.stdout
    write_tree(project, {"mojolint.toml": 'extend-safe-fixes = ["TFX002"]\n',
                         "a.mojo": UNSAFE})
    check(project, "--fix")
    assert (project / "a.mojo").read_text() == "fn main():\n    checked()\n"


def test_fix_selectors_on_the_command_line(project: Path) -> None:
    write_tree(project, {"a.mojo": SAFE})
    check(project, "--fix", "--unfixable", "TFX001")
    assert (project / "a.mojo").read_text() == SAFE
    check(project, "--fix", "--fixable", "TFX005")
    assert (project / "a.mojo").read_text() == SAFE
    bad = check(project, "--fix", "--unfixable", "NOPE")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("mojolint: error: unknown rule selector 'NOPE' in "
                                 "'--unfixable'")


def test_unknown_fix_selector_in_config_is_a_one_line_error(project: Path) -> None:
    write_tree(project, {"a.mojo": SAFE, "mojolint.toml": 'extend-safe-fixes = ["NOPE"]\n'})
    result = check(project, "--fix")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "unknown rule selector 'NOPE' in 'extend-safe-fixes'" in result.stderr


def test_json_output_keeps_the_fix_of_each_remaining_diagnostic(project: Path) -> None:
    write_tree(project, {"a.mojo": UNSAFE + "    foo()\n"})
    result = run_cli(["check", "--no-cache", "--select", "TFX00,TFX010", "--fix", "--output-format",
                      "json"], project)
    found = json.loads(result.stdout)
    assert [d["code"] for d in found] == ["TFX002"]
    assert found[0]["fix"]["applicability"] == "unsafe"
    assert found[0]["fix"]["message"] == "Rename to `checked`"


def test_round_cap_is_reported_and_the_run_goes_on(project: Path) -> None:
    write_tree(project, {"a.mojo": "fn main():\n    countdown150()\n", "b.mojo": SAFE})
    result = check(project, "--fix", "--select", "TFX007,TFX001")
    assert (project / "a.mojo").read_text() == "fn main():\n    countdown50()\n"
    assert (project / "b.mojo").read_text() == SAFE_FIXED
    assert ("mojolint: warning: a.mojo: fixes did not settle after 100 rounds (still fixing: "
            "TFX007)") in result.stderr


def test_fixing_in_worker_processes(tmp_path: Path, project: Path) -> None:
    site = tmp_path / "site"
    write_tree(project, {f"m{i:02}.mojo": SAFE for i in range(40)})
    result = run_subprocess(["check", "--no-cache", "--select", "TFX00,TFX010", "--fix",
                             "--output-format", "concise"], project,
                            env={"PYTHONPATH": os.pathsep.join([str(site), str(TESTS)])})
    assert result.exit_code == 0, result.stderr
    assert "Found 40 errors (40 fixed, 0 remaining)." in result.stdout
    assert all(p.read_text() == SAFE_FIXED for p in project.glob("*.mojo"))


def test_fix_ignores_the_cache(project: Path) -> None:
    write_tree(project, {"a.mojo": SAFE})
    base = ["check", "--select", "TFX00,TFX010", "--output-format", "concise"]
    assert run_cli(base, project).exit_code == 1  # fills the cache
    assert run_cli([*base, "--fix"], project).exit_code == 0
    assert (project / "a.mojo").read_text() == SAFE_FIXED
    assert run_cli(base, project).exit_code == 0


def test_fixable_marker_follows_unsafe_fixes_and_unfixable(tmp_path: Path) -> None:
    # TS001's fix on the whole value of an untyped `var` is unsafe: `[*]` only with
    # --unsafe-fixes, and never for a code listed as unfixable.
    source = ("def f() raises:\n"
              "    var t = full(List[Int](2), 1.0, DType.float32)\n"
              "    var v = t._get_float64(0)\n"
              "    print(v)\n")
    (tmp_path / "a.mojo").write_text(source, encoding="utf-8")
    base = ["check", "--isolated", "--no-cache", "--select", "TS001", "--output-format",
            "concise", "a.mojo"]
    plain = run_cli(base, tmp_path).stdout
    assert "TS001 [*]" not in plain and "1 hidden fix" in plain
    unsafe = run_cli([*base, "--unsafe-fixes"], tmp_path).stdout
    assert "TS001 [*]" in unsafe and "1 fixable with the --fix option" in unsafe
    unfixable = run_cli([*base, "--unsafe-fixes", "--unfixable", "TS001"], tmp_path).stdout
    assert "TS001 [*]" not in unfixable and "fixable with the --fix option" not in unfixable
