"""TS006, TS007, TS008: fixtures, snapshots and diagnostics through the real command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO_ROOT, concise_lines, run_cli

from mojolint.dev import snapshots

FIXTURES = REPO_ROOT / "fixtures"


def check(path: Path, code: str, *extra: str) -> list[str]:
    """Concise diagnostic lines of ``mojolint check --select CODE`` run on ``path``."""
    result = run_cli(["check", "--no-cache", "--select", code, "--output-format", "concise",
                      *extra, path.name], path.parent)
    return concise_lines(result.stdout)


def copy_fixture(tmp_path: Path, folder: str, name: str, as_name: str | None = None) -> Path:
    target = tmp_path / (as_name or name)
    shutil.copyfile(FIXTURES / folder / name, target)
    return target


@pytest.mark.parametrize("folder", ["ts008"])
def test_snapshots_are_up_to_date(folder: str) -> None:
    fixtures = snapshots.rule_fixtures(FIXTURES / folder)
    assert len(fixtures) >= 2
    for fixture in fixtures:
        snap = snapshots.snapshot_path(fixture)
        assert snap.read_text(encoding="utf-8") == snapshots.render(fixture), (
            f"{snap} is stale; run `{snapshots.UPDATE_COMMAND}`")


# TS008 nan-by-division

def test_ts008_flags_each_division_with_its_named_value(tmp_path: Path) -> None:
    lines = check(copy_fixture(tmp_path, "ts008", "nan_and_inf.mojo"), "TS008")
    assert lines[:3] == [
        "nan_and_inf.mojo:6:19: TS008 [*] `0.0 / 0.0` makes NaN by division by zero; "
        "use `FloatLiteral.nan`",
        "nan_and_inf.mojo:7:19: TS008 [*] `1.0 / 0.0` makes infinity by division by zero; "
        "use `FloatLiteral.infinity`",
        "nan_and_inf.mojo:8:19: TS008 [*] `-1.0 / 0.0` makes negative infinity by division "
        "by zero; use `FloatLiteral.negative_infinity`",
    ]
    assert len(lines) == 10
    assert any("`1.0 / -0.0` makes negative infinity" in line for line in lines)
    assert any("`-2.5 / -0.0` makes infinity" in line for line in lines)


def test_ts008_leaves_lookalikes_alone(tmp_path: Path) -> None:
    assert check(copy_fixture(tmp_path, "ts008", "lookalikes.mojo"), "TS008") == []


def test_ts008_fix_rewrites_to_floatliteral_members(tmp_path: Path) -> None:
    path = tmp_path / "special.mojo"
    path.write_text("fn f() -> Float64:\n"
                    "    var a = Float32(0.0 / 0.0)\n"
                    "    return (1.0 / 0.0) * 2.0 + -1.0 / 0.0\n", encoding="utf-8")
    result = run_cli(["check", "--no-cache", "--select", "TS008", "--fix", path.name],
                     tmp_path)
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8") == (
        "fn f() -> Float64:\n"
        "    var a = Float32(FloatLiteral.nan)\n"
        "    return (FloatLiteral.infinity) * 2.0 + FloatLiteral.negative_infinity\n")
