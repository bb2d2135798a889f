"""NU001-NU003, NU005, TE001, ST001, GP001, ME001-ME003, PF001 beyond their fixtures'
snapshots (which pin what they report and what their fixes write at the default target):
other target releases and a file edited step by step. NU004 and the TS008 redirect:
tests/test_number_rules.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO_ROOT, lint_snippet

FIXTURES = REPO_ROOT / "fixtures"
# code -> its fixture with hits
HITS = {
    "NU001": "out_of_range.mojo",
    "NU002": "shifts.mojo",
    "NU003": "divisions.mojo",
    "NU005": "widths.mojo",
    "TE001": "expected_errors.mojo",
    "ST001": "redundant.mojo",
    "GP001": "divergent.mojo",
    "ME001": "double_free.mojo",
    "ME002": "use_after_free.mojo",
    "ME003": "leaks.mojo",
    "PF001": "last_use.mojo",
}


@pytest.mark.parametrize("code", sorted(HITS))
def test_rule_reports_its_fixtures_for_the_newest_release_as_in_their_snapshots(
        tmp_path: Path, code: str) -> None:
    for name in (HITS[code], "lookalikes.mojo"):
        files = {name: (FIXTURES / code.lower() / name).read_bytes()}
        newest = lint_snippet(tmp_path, files, select=code, target_version="1.2")
        assert newest == lint_snippet(tmp_path, files, select=code), name  # the snapshot's
        assert bool(newest) is (name != "lookalikes.mojo")


def test_st001_only_for_targets_where_copyable_implies_movable(tmp_path: Path) -> None:
    files = {"redundant.mojo": (FIXTURES / "st001" / "redundant.mojo").read_bytes()}
    assert lint_snippet(tmp_path, files, select="ST001", target_version="25.7") == []


def test_me003_leaves_a_file_that_frees_nothing_alone(tmp_path: Path) -> None:
    source = (FIXTURES / "me003" / "frees_nothing.mojo").read_text(encoding="utf-8")
    assert lint_snippet(tmp_path, source, select="ME003", target_version="1.2") == []
    freed = source + "    table.unsafe_free()\n"
    assert lint_snippet(tmp_path, freed, select="ME003", target_version="1.2") == []
    other = freed.replace("table.unsafe_free()", "other.unsafe_free()")
    lines = lint_snippet(tmp_path, other, select="ME003", target_version="1.2")
    assert len(lines) == 1 and "`table` holds memory from `unsafe_alloc[Int]`" in lines[0]
