"""README's rule tables are generated from the registry and must match it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO_ROOT

from mojolint.dev import rules_table
from mojolint.registry import get_registry

README = REPO_ROOT / "README.md"


def test_readme_rule_tables_are_up_to_date() -> None:
    current = README.read_text(encoding="utf-8")
    if rules_table.render_readme(current, get_registry()) != current:
        pytest.fail(f"README's rule tables are stale: run `{rules_table.UPDATE_COMMAND}` "
                    "from the repository root and review the diff")


def test_every_builtin_rule_is_in_a_readme_table() -> None:
    current = README.read_text(encoding="utf-8")
    tables = "".join(match["body"] for match in rules_table.MARKER.finditer(current))
    for code in get_registry().codes():
        rule = get_registry().instance(code)
        assert f"| {code} | {rule.name} |" in tables, f"{code} is missing from README"


def test_a_stale_table_is_reported_and_update_rewrites_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    original = README.read_text(encoding="utf-8")
    stale = original.replace("| MJ100 | unused-noqa |", "| MJ100 | old-name |")
    assert stale != original
    readme.write_text(stale, encoding="utf-8")
    assert rules_table.main(["--readme", str(readme)]) == 1
    assert rules_table.UPDATE_COMMAND in capsys.readouterr().out
    assert rules_table.main(["--readme", str(readme), "--update"]) == 0
    assert readme.read_text(encoding="utf-8") == original
    assert rules_table.main(["--readme", str(readme)]) == 0


def test_a_rule_group_without_a_table_is_a_clear_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    without_ts = README.read_text(encoding="utf-8").replace("<!-- rules-table: TS -->",
                                                           "<!-- not a table -->")
    readme.write_text(without_ts, encoding="utf-8")
    assert rules_table.main(["--readme", str(readme)]) == 2
    err = capsys.readouterr().err
    assert "no README table lists the rule group(s) TS" in err
    assert "Traceback" not in err
