"""NU001-NU005 (numbers that are silently wrong): fixtures, diagnostics and fixes through the
real command line, and TS008's redirect to NU004."""

from __future__ import annotations

from pathlib import Path

from conftest import check_concise as check
from conftest import concise_lines, copy_fixture, run_cli

# NU004 float-division-by-zero (formerly TS008)

def test_nu004_flags_each_division_with_its_named_value(tmp_path: Path) -> None:
    lines = check(copy_fixture(tmp_path, "nu004", "nan_and_inf.mojo"), "NU004")
    assert lines[:3] == [
        "nan_and_inf.mojo:6:19: NU004 [*] `0.0 / 0.0` makes NaN by division by zero; "
        "use `FloatLiteral.nan`",
        "nan_and_inf.mojo:7:19: NU004 [*] `1.0 / 0.0` makes infinity by division by zero; "
        "use `FloatLiteral.infinity`",
        "nan_and_inf.mojo:8:19: NU004 [*] `-1.0 / 0.0` makes negative infinity by division "
        "by zero; use `FloatLiteral.negative_infinity`",
    ]
    assert len(lines) == 15
    assert "nan_and_inf.mojo:26:19: NU004 `Float64(0.0) / Float64(0.0)` makes NaN by division " \
        "by zero; use `Float64(FloatLiteral.nan)`" in lines
    assert any("`1.0 / -0.0` makes negative infinity" in line for line in lines)
    assert any("`-2.5 / -0.0` makes infinity" in line for line in lines)


def test_nu004_leaves_lookalikes_alone(tmp_path: Path) -> None:
    assert check(copy_fixture(tmp_path, "nu004", "lookalikes.mojo"), "NU004") == []


def test_nu004_fix_rewrites_to_floatliteral_members(tmp_path: Path) -> None:
    path = tmp_path / "special.mojo"
    path.write_text("fn f() -> Float64:\n"
                    "    var a = Float32(0.0 / 0.0)\n"
                    "    return (1.0 / 0.0) * 2.0 + -1.0 / 0.0\n", encoding="utf-8")
    result = run_cli(["check", "--no-cache", "--select", "NU004", "--fix", path.name],
                     tmp_path)
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8") == (
        "fn f() -> Float64:\n"
        "    var a = Float32(FloatLiteral.nan)\n"
        "    return (FloatLiteral.infinity) * 2.0 + FloatLiteral.negative_infinity\n")


def test_nu004_scalar_nan_fix_needs_unsafe_fixes(tmp_path: Path) -> None:
    path = tmp_path / "scalars.mojo"
    source = ("fn f() -> Float64:\n"
              "    var n = Float64(0.0) / Float64(0.0)\n"
              "    return n + Float64(-1.0) / Float64(0.0)\n")
    path.write_text(source, encoding="utf-8")
    run_cli(["check", "--no-cache", "--select", "NU004", "--fix", path.name], tmp_path)
    assert path.read_text(encoding="utf-8") == source.replace(
        "Float64(-1.0) / Float64(0.0)", "Float64(FloatLiteral.negative_infinity)")
    run_cli(["check", "--no-cache", "--select", "NU004", "--fix", "--unsafe-fixes",
             path.name], tmp_path)
    assert path.read_text(encoding="utf-8") == (
        "fn f() -> Float64:\n"
        "    var n = Float64(FloatLiteral.nan)\n"
        "    return n + Float64(FloatLiteral.negative_infinity)\n")


def test_nan_division_at_the_end_of_a_long_chain_is_found(tmp_path: Path) -> None:
    # A left-nested chain thousands of operators deep: the division is still found.
    chain = " + ".join(["1.0"] * 3000)
    (tmp_path / "chain.mojo").write_text(f"var x = {chain} + 1.0 / 0.0\n", encoding="utf-8")
    result = run_cli(["check", "--isolated", "--no-cache", "--select", "NU004",
                      "--output-format", "concise", "chain.mojo"], tmp_path)
    assert [line.split()[1] for line in concise_lines(result.stdout)] == ["NU004"]


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
    (tmp_path / "a.mojo").write_text(
        "fn f() -> Float64:\n    return 0.0 / 0.0  # noqa: TS008\n", encoding="utf-8")
    result = run_cli(["check", "--isolated", "--no-cache", "--select", "NU004,MJ100",
                      "--output-format", "concise", "a.mojo"], tmp_path)
    assert concise_lines(result.stdout) == []
    assert result.exit_code == 0


def test_rule_table_under_the_old_code_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "a.mojo").write_text(NAN_SOURCE, encoding="utf-8")
    (tmp_path / "mojolint.toml").write_text('select = ["TS008"]\n[rules.TS008]\n',
                                            encoding="utf-8")
    result = run_cli(["check", "--no-cache", "--output-format", "concise", "a.mojo"], tmp_path)
    assert [line.split()[1] for line in concise_lines(result.stdout)] == ["NU004"]
