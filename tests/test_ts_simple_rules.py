"""TS006 and TS007 beyond their fixtures' snapshots (which pin what they report, with their
notes): file names, options, the default selection and target releases."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO_ROOT, lint_snippet

FIXTURES = REPO_ROOT / "fixtures"


def fixture(folder: str, name: str) -> bytes:
    return (FIXTURES / folder / name).read_bytes()


# TS006 too-many-tests

def test_ts006_same_tests_in_a_non_test_file_name_are_not_counted(tmp_path: Path) -> None:
    files = {"layers_check.mojo": fixture("ts006", "test_many_layers.mojo")}
    assert lint_snippet(tmp_path, files, select="TS006") == []


def test_ts006_max_tests_option(tmp_path: Path) -> None:
    files = {"test_lookalikes.mojo": fixture("ts006", "test_lookalikes.mojo")}
    assert lint_snippet(tmp_path, files, select="TS006",
                        config="[rules.TS006]\nmax-tests = 9\n") == [
        "test_lookalikes.mojo:77:4: TS006 10 test functions in this file (limit 9)"]
    files = {"test_many_layers.mojo": fixture("ts006", "test_many_layers.mojo")}
    assert lint_snippet(tmp_path, files, select="TS006",
                        config="[rules.TS006]\nmax-tests = 14\n") == []


def test_ts006_is_off_by_default(tmp_path: Path) -> None:
    files = {"test_many_layers.mojo": fixture("ts006", "test_many_layers.mojo")}
    assert lint_snippet(tmp_path, files, select="TS006")  # the fixture is one it flags
    assert not [line for line in lint_snippet(tmp_path, files) if " TS006 " in line]


# TS007 list-length-confusion

def test_ts007_runs_only_for_targets_older_than_26_1(tmp_path: Path) -> None:
    # 0.26.1 rejects `List[Int](n)` itself; TS007 answers only for the releases that accept it.
    files = {"positional_size.mojo": fixture("ts007", "positional_size.mojo")}
    assert len(lint_snippet(tmp_path, files, select="TS007", target_version="25.7")) == 5
    assert lint_snippet(tmp_path, files, select="TS007", target_version="26.1") == []
    assert lint_snippet(tmp_path, files, select="TS007") == []  # the default target is 26.1
