"""TS006, TS007: fixtures, snapshots and diagnostics through the real command line."""

from __future__ import annotations

from pathlib import Path

from conftest import check_concise as check
from conftest import concise_lines, copy_fixture, run_cli

# TS007 runs only for targets older than 26.1 (whose compiler rejects `List[T](n)` itself).
OLD_TARGET = ("--target-version", "25.7")


# TS006 too-many-tests

def test_ts006_reports_once_on_the_first_test_past_the_limit(tmp_path: Path) -> None:
    path = copy_fixture(tmp_path, "ts006", "test_many_layers.mojo")
    assert check(path, "TS006") == [
        "test_many_layers.mojo:46:4: TS006 14 test functions in this file (limit 10)"]


def test_ts006_counts_only_file_scope_tests_in_test_files(tmp_path: Path) -> None:
    assert check(copy_fixture(tmp_path, "ts006", "test_lookalikes.mojo"), "TS006") == []
    assert check(copy_fixture(tmp_path, "ts006", "lookalikes.mojo"), "TS006") == []


def test_ts006_same_tests_in_a_non_test_file_name_are_not_counted(tmp_path: Path) -> None:
    path = copy_fixture(tmp_path, "ts006", "test_many_layers.mojo", "layers_check.mojo")
    assert check(path, "TS006") == []


def test_ts006_max_tests_option(tmp_path: Path) -> None:
    copy_fixture(tmp_path, "ts006", "test_lookalikes.mojo")
    (tmp_path / "mojolint.toml").write_text("[rules.TS006]\nmax-tests = 9\n", encoding="utf-8")
    assert check(tmp_path / "test_lookalikes.mojo", "TS006") == [
        "test_lookalikes.mojo:77:4: TS006 10 test functions in this file (limit 9)"]
    (tmp_path / "mojolint.toml").write_text("[rules.TS006]\nmax-tests = 14\n",
                                            encoding="utf-8")
    copy_fixture(tmp_path, "ts006", "test_many_layers.mojo")
    assert check(tmp_path / "test_many_layers.mojo", "TS006") == []


def test_ts006_is_off_by_default(tmp_path: Path) -> None:
    copy_fixture(tmp_path, "ts006", "test_many_layers.mojo")
    result = run_cli(["check", "--no-cache", "--output-format", "concise",
                      "test_many_layers.mojo"], tmp_path)
    assert not [line for line in concise_lines(result.stdout) if "TS006" in line]


# TS007 list-length-confusion

def test_ts007_flags_positional_size_followed_by_index_writes(tmp_path: Path) -> None:
    lines = check(copy_fixture(tmp_path, "ts007", "positional_size.mojo"), "TS007", *OLD_TARGET)
    assert lines == [
        "positional_size.mojo:2:17: TS007 `List[Int](ndim)` makes a one-element list holding "
        "`ndim`, not `ndim` elements; `shape[i] = ...` at line 4 can write past its end",
        "positional_size.mojo:9:15: TS007 `List[Int](len(dims) - 1)` makes a one-element list "
        "holding `len(dims) - 1`, not `len(dims) - 1` elements; `out[j] = ...` at line 13 can "
        "write past its end",
        "positional_size.mojo:19:17: TS007 `List[Int](3)` makes a one-element list holding "
        "`3`, not `3` elements; `shape[1] = ...` at line 21 writes past its end",
        "positional_size.mojo:28:18: TS007 `List[Float64](rank)` makes a one-element list "
        "holding `rank`, not `rank` elements; `totals[k] += ...` at line 30 can write past "
        "its end",
        "positional_size.mojo:35:17: TS007 `List(count + 1)` makes a one-element list holding "
        "`count + 1`, not `count + 1` elements; `slots[count] = ...` at line 36 can write "
        "past its end",
    ]


def test_ts007_leaves_lookalikes_alone(tmp_path: Path) -> None:
    assert check(copy_fixture(tmp_path, "ts007", "lookalikes.mojo"), "TS007", *OLD_TARGET) == []


def test_ts007_has_no_fix_but_a_note(tmp_path: Path) -> None:
    path = copy_fixture(tmp_path, "ts007", "positional_size.mojo")
    before = path.read_bytes()
    result = run_cli(["check", "--no-cache", "--select", "TS007", *OLD_TARGET, "--fix",
                      "--unsafe-fixes", path.name], tmp_path)
    assert path.read_bytes() == before
    assert "note: to make `3` elements, use `List[Int](capacity=3)` and append, or " \
        "`List[Int](length=3, fill=...)`" in result.stdout


def test_ts007_runs_only_for_targets_older_than_26_1(tmp_path: Path) -> None:
    # 0.26.1 rejects `List[Int](n)` itself; TS007 answers only for the releases that accept it.
    path = copy_fixture(tmp_path, "ts007", "positional_size.mojo")
    assert len(check(path, "TS007", "--target-version", "25.7")) == 5
    assert check(path, "TS007", "--target-version", "26.1") == []
    assert check(path, "TS007") == []  # the default target is 26.1
