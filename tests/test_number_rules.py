"""NU004 beyond its fixtures' snapshots, and TS008's redirect to NU004 (its warnings go
through the real command line)."""

from __future__ import annotations

from pathlib import Path

from conftest import concise_lines, lint_snippet, run_cli

# NU004 float-division-by-zero (formerly TS008): what it reports and what its fixes write
# on its fixtures is in their snapshots (fixtures/nu004/).


def test_nan_division_at_the_end_of_a_long_chain_is_found(tmp_path: Path) -> None:
    # A left-nested chain thousands of operators deep: the division is still found.
    chain = " + ".join(["1.0"] * 3000)
    lines = lint_snippet(tmp_path, f"var x = {chain} + 1.0 / 0.0\n", select="NU004")
    assert [line.split()[1] for line in lines] == ["NU004"]


# TS008 is NU004's old code: it keeps working wherever a code is written, as in ruff.

NAN_SOURCE = "fn f() -> Float64:\n    return 0.0 / 0.0\n"


def test_selecting_ts008_runs_nu004_with_a_remapping_warning(tmp_path: Path) -> None:
    (tmp_path / "a.mojo").write_text(NAN_SOURCE, encoding="utf-8")
    result = run_cli(["check", "--isolated", "--no-cache", "--select", "TS008",
                      "--output-format", "concise", "a.mojo"], tmp_path)
    assert [line.split()[1] for line in concise_lines(result.stdout)] == ["NU004"]
    assert "mojolint: warning: `TS008` has been remapped to `NU004`." in result.stderr
    assert result.stderr.count("remapped") == 1


def test_ts008_in_config_ignore_and_per_file_ignores_turns_nu004_off(tmp_path: Path) -> None:
    (tmp_path / "a.mojo").write_text(NAN_SOURCE, encoding="utf-8")
    (tmp_path / "b.mojo").write_text(NAN_SOURCE, encoding="utf-8")
    (tmp_path / "mojolint.toml").write_text(
        'select = ["NU"]\n[per-file-ignores]\n"b.mojo" = ["TS008"]\n', encoding="utf-8")
    result = run_cli(["check", "--no-cache", "--output-format", "concise", "."], tmp_path)
    assert [line.split(":")[0] for line in concise_lines(result.stdout)] == ["a.mojo"]
    assert "`TS008` has been remapped to `NU004`" in result.stderr
    (tmp_path / "mojolint.toml").write_text('ignore = ["TS008"]\n', encoding="utf-8")
    result = run_cli(["check", "--no-cache", "--output-format", "concise", "."], tmp_path)
    assert "NU004" not in result.stdout
    assert result.exit_code == 0


def test_noqa_with_the_old_code_still_suppresses_without_mj100(tmp_path: Path) -> None:
    source = "fn f() -> Float64:\n    return 0.0 / 0.0  # noqa: TS008\n"
    assert lint_snippet(tmp_path, source, select="NU004,MJ100") == []


def test_rule_table_under_the_old_code_is_accepted(tmp_path: Path) -> None:
    lines = lint_snippet(tmp_path, NAN_SOURCE, config='select = ["TS008"]\n[rules.TS008]\n')
    assert [line.split()[1] for line in lines] == ["NU004"]
