"""NU001-NU003, NU005, TE001, ST001, GP001, ME001-ME003, PF001: fixtures and fixes through the real
command line (NU004 and the TS008 redirect: tests/test_number_rules.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO_ROOT, concise_lines, run_cli

FIXTURES = REPO_ROOT / "fixtures"
# (code, fixture with hits, lines flagged)
HITS = (
    ("NU001", "out_of_range.mojo", [1, 4, 9, 10, 11, 12, 13, 14, 15, 16]),
    ("NU002", "shifts.mojo", [2, 9, 10, 11, 12, 13]),
    ("NU003", "divisions.mojo", [2, 6, 8, 9, 10]),
    ("NU005", "widths.mojo", [2, 6, 7]),
    ("TE001", "expected_errors.mojo", [13, 22, 31]),
    ("ST001", "redundant.mojo", [1, 5, 11, 12, 17, 23]),
    ("GP001", "divergent.mojo", [8, 17, 24, 27, 36]),
    ("ME001", "double_free.mojo", [4, 17, 25]),
    ("ME002", "use_after_free.mojo", [8, 14, 22, 28, 34, 40, 48, 54, 66]),
    ("ME003", "leaks.mojo", [6, 15, 23, 25]),
    ("PF001", "last_use.mojo", [5, 12, 18, 26, 33, 43]),
)


def check(path: Path, code: str, *extra: str) -> list[str]:
    result = run_cli(["check", "--no-cache", "--isolated", "--select", code,
                      "--target-version", "1.2", "--output-format", "concise", *extra,
                      path.name], path.parent)
    assert "Traceback" not in result.stderr
    return concise_lines(result.stdout)


def copy_fixture(tmp_path: Path, code: str, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(FIXTURES / code.lower() / name, target)
    return target


@pytest.mark.parametrize(("code", "name", "lines"), HITS, ids=[h[0] for h in HITS])
def test_rule_flags_its_fixture_lines_and_leaves_lookalikes_alone(
        tmp_path: Path, code: str, name: str, lines: list[int]) -> None:
    found = check(copy_fixture(tmp_path, code, name), code)
    assert [int(line.split(":")[1]) for line in found] == lines
    assert all(f" {code} " in line for line in found)
    assert check(copy_fixture(tmp_path, code, "lookalikes.mojo"), code) == []


def test_nu001_says_what_the_literal_becomes(tmp_path: Path) -> None:
    (tmp_path / "a.mojo").write_text("def f():\n    var a: UInt8 = 300\n", encoding="utf-8")
    assert check(tmp_path / "a.mojo", "NU001") == [
        "a.mojo:2:20: NU001 `300` is out of range for `UInt8` (0 to 255); it silently "
        "becomes `44`"]


def test_st001_fix_removes_the_redundant_names_and_a_second_run_changes_nothing(
        tmp_path: Path) -> None:
    path = copy_fixture(tmp_path, "ST001", "redundant.mojo")
    check(path, "ST001", "--fix")
    fixed = path.read_text(encoding="utf-8")
    assert fixed.startswith("struct Point(Copyable):\n")
    assert "struct Handle(ImplicitlyCopyable):" in fixed
    assert "struct Pixel(\n    ImplicitlyCopyable,\n):" in fixed
    assert "trait Shape(Copyable):" in fixed
    assert check(path, "ST001", "--fix") == []
    assert path.read_text(encoding="utf-8") == fixed


def test_st001_only_for_targets_where_copyable_implies_movable(tmp_path: Path) -> None:
    path = copy_fixture(tmp_path, "ST001", "redundant.mojo")
    result = run_cli(["check", "--no-cache", "--isolated", "--select", "ST001",
                      "--target-version", "25.7", "--output-format", "concise", path.name],
                     tmp_path)
    assert concise_lines(result.stdout) == []


def test_te001_unsafe_fix_rewrites_the_exact_shape_into_assert_raises(tmp_path: Path) -> None:
    path = tmp_path / "test_names.mojo"
    path.write_text(
        "from testing import assert_equal\n\n\n"
        "def test_rejects_empty_name():\n"
        "    try:\n"
        "        _ = parse_name(\"\")\n"
        "        raise Error(\"expected an error\")\n"
        "    except:\n"
        "        pass\n"
        "    assert_equal(1, 1)\n", encoding="utf-8")
    check(path, "TE001", "--fix")  # the fix is unsafe: nothing changes without the flag
    assert "try:" in path.read_text(encoding="utf-8")
    assert check(path, "TE001", "--fix", "--unsafe-fixes") == []
    assert path.read_text(encoding="utf-8") == (
        "from testing import assert_equal, assert_raises\n\n\n"
        "def test_rejects_empty_name():\n"
        "    with assert_raises():\n"
        "        _ = parse_name(\"\")\n"
        "    assert_equal(1, 1)\n")


def test_te001_has_no_fix_when_the_except_does_more_than_pass(tmp_path: Path) -> None:
    path = copy_fixture(tmp_path, "TE001", "expected_errors.mojo")
    before = path.read_text(encoding="utf-8")
    lines = check(path, "TE001", "--fix", "--unsafe-fixes")
    after = path.read_text(encoding="utf-8")
    # The first test has the exact shape and is rewritten; the other two keep their `try`.
    assert "with assert_raises():" in after and after.count("try:") == 2
    assert after != before and len(lines) == 2


def test_gp001_names_the_thread_dependent_value(tmp_path: Path) -> None:
    path = copy_fixture(tmp_path, "GP001", "divergent.mojo")
    lines = check(path, "GP001")
    assert "under a condition on `tid`, which differs between threads" in lines[0]
    assert "after a `return` taken only by threads where `offset >= n`" in lines[1]


def test_me002_says_how_the_pointer_is_used_and_where_it_was_freed(tmp_path: Path) -> None:
    lines = check(copy_fixture(tmp_path, "ME002", "use_after_free.mojo"), "ME002")
    assert "`p` is read after it was freed on line 7" in lines[0]
    assert "`cells` is freed again after it was freed on line 19" in lines[2]
    # the loop's next pass writes through the pointer freed at the end of this one
    assert "`p` is written after it was freed on line 41" in lines[5]


def test_pf001_unsafe_fix_moves_with_caret_and_a_second_run_changes_nothing(
        tmp_path: Path) -> None:
    path = copy_fixture(tmp_path, "PF001", "last_use.mojo")
    assert check(path, "PF001", "--fix") != []  # unsafe: not applied by --fix alone
    assert "values.copy()" in path.read_text(encoding="utf-8")
    assert check(path, "PF001", "--fix", "--unsafe-fixes") == []
    fixed = path.read_text(encoding="utf-8")
    assert ".copy()" not in fixed
    assert "var result = values^" in fixed and "into.append(item^)" in fixed
    check(path, "PF001", "--fix", "--unsafe-fixes")
    assert path.read_text(encoding="utf-8") == fixed


def test_me003_leaves_a_file_that_frees_nothing_alone(tmp_path: Path) -> None:
    path = copy_fixture(tmp_path, "ME003", "frees_nothing.mojo")
    assert check(path, "ME003") == []
    path.write_text(path.read_text(encoding="utf-8") + "    table.unsafe_free()\n",
                    encoding="utf-8")
    assert check(path, "ME003") == []  # freed now
    path.write_text(path.read_text(encoding="utf-8").replace("table.unsafe_free()",
                                                             "other.unsafe_free()"),
                    encoding="utf-8")
    lines = check(path, "ME003")
    assert len(lines) == 1 and "`table` holds memory from `unsafe_alloc[Int]`" in lines[0]
