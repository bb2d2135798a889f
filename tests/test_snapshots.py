"""Rule fixtures under fixtures/<code>/ must match their reviewed .snap files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from mojolint.dev import snapshots
from mojolint.fixes import count_syntax_errors
from mojolint.registry import get_registry

FIXTURES = REPO_ROOT / "fixtures"
# MJ003 (a rule crashed) and MJ004 (a rule ran out of time) need a broken or slow rule,
# not a file: tests/test_engine.py and tests/security/ produce them.
NO_FIXTURE_POSSIBLE = {"MJ003", "MJ004"}
# MJ002 reports syntax errors: its fixtures are made of them.
UNPARSABLE_FIXTURES = {"mj002"}


def test_snapshots_are_up_to_date() -> None:
    stale = snapshots.stale_snapshots(FIXTURES)
    if stale:
        names = ", ".join(str(p.relative_to(REPO_ROOT)) for p in stale)
        pytest.fail(f"stale snapshots: {names}\nrun `{snapshots.UPDATE_COMMAND}` from the "
                    "repository root and review the diff")


def test_fixtures_are_code_the_parser_reads_without_error() -> None:
    # A fixture that does not parse tests error recovery, not the rule.
    for fixture in snapshots.fixture_files(FIXTURES):
        if fixture.parent.name not in UNPARSABLE_FIXTURES:
            assert count_syntax_errors(fixture.read_bytes()) == 0, fixture


@pytest.mark.parametrize(
    "fixture", [path for path in snapshots.fixture_files(FIXTURES)
                if "== `--fix` writes:" in snapshots.snapshot_path(path).read_text("utf-8")],
    ids=lambda path: f"{path.parent.name}/{path.name}")
@pytest.mark.parametrize("unsafe", [False, True], ids=["fix", "unsafe-fixes"])
def test_fixing_a_fixture_keeps_it_parsing_and_a_second_fix_changes_nothing(
        fixture: Path, unsafe: bool) -> None:
    # The snapshot shows what the fixes write; this is what it cannot show.
    source = fixture.read_bytes()
    fixed = snapshots.fix_fixture(fixture, unsafe=unsafe).fixed
    assert count_syntax_errors(fixed) <= count_syntax_errors(source)
    again = snapshots.fix_fixture(fixture, unsafe=unsafe, source=fixed)
    assert again.fixed == fixed, f"a second fix of {fixture.name} still changes it"


def test_every_builtin_rule_has_fixtures_with_snapshots() -> None:
    for code in get_registry().codes():
        if code in NO_FIXTURE_POSSIBLE:
            continue
        fixtures = snapshots.rule_fixtures(FIXTURES / code.lower())
        assert len(fixtures) >= 2, f"rule {code} needs fixtures under fixtures/{code.lower()}/"
        names = [fixture.name for fixture in fixtures]
        if code != "MJ001":  # binary and Latin-1 files have no lookalike to leave alone
            assert "lookalikes.mojo" in names, f"rule {code} has no lookalikes.mojo"
        if code.startswith("UP"):  # upgrade rules: what they flag, and what they leave alone
            assert names == ["hits.mojo", "lookalikes.mojo"], f"fixtures/{code.lower()}/"
        for fixture in fixtures:
            assert snapshots.snapshot_path(fixture).is_file(), f"{fixture} has no snapshot"


def test_fixture_folder_of_an_unknown_rule_is_a_clear_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "zz999").mkdir()
    (tmp_path / "zz999" / "a.mojo").write_text("fn main():\n    pass\n")
    assert snapshots.main(["--fixtures", str(tmp_path)]) == 2
    assert "no installed rule has the code ZZ999" in capsys.readouterr().err


def test_checker_reports_a_stale_snapshot_and_update_repairs_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(FIXTURES / "mj100", tmp_path / "mj100")
    snap = tmp_path / "mj100" / "noqa.mojo.snap"
    snap.write_text(snap.read_text().replace("unknown: `XX999`", "unknown: `XX998`"))
    assert snapshots.main(["--fixtures", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"stale: {snap}" in out
    assert snapshots.UPDATE_COMMAND in out
    assert snapshots.main(["--fixtures", str(tmp_path), "--update"]) == 0
    assert "unknown: `XX999`" in snap.read_text()
    assert snapshots.main(["--fixtures", str(tmp_path)]) == 0
