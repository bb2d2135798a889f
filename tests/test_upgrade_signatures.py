"""Upgrade rules on function signatures: argument conventions (UP001, UP002, UP003, UP007),
function types (UP008), constructor arguments (UP011) and `raises` (UP014), for what the
fixtures' snapshots cannot show: the target release and special cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import fix_snippet, lint_snippet


@pytest.mark.parametrize(("target", "new"), [
    ("24.6", "read"), ("26.2", "read"), ("0.26.2", "read"), ("1.0", "imm"), ("1.2.0", "imm")])
def test_up002_writes_the_name_of_the_target_release(
        tmp_path: Path, target: str, new: str) -> None:
    source = "fn f(borrowed x: Int, y: Int) -> Int:\n    return x\n"
    assert lint_snippet(tmp_path, source, select="UP002", target_version=target) == [
        f"a.mojo:1:6: UP002 [*] `borrowed` was renamed `read` in Mojo 24.6 (`imm` from 1.0); "
        f"use `{new}`"]
    assert fix_snippet(tmp_path, source, select="UP002", target_version=target) == (
        f"fn f({new} x: Int, y: Int) -> Int:\n    return x\n")


@pytest.mark.parametrize(("target", "destructor"), [("25.5", "var"), ("25.6", "deinit"),
                                                     ("1.2", "deinit")])
def test_up003_destructor_self_becomes_deinit_once_the_target_has_it(
        tmp_path: Path, target: str, destructor: str) -> None:
    source = ("struct S:\n"
              "    fn __del__(owned self):\n        pass\n"
              "    fn __moveinit__(out self, owned other: Self):\n        pass\n"
              "    fn take(owned self, owned other: Self):\n        pass\n")
    assert fix_snippet(tmp_path, source, select="UP003", target_version=target) == (
        "struct S:\n"
        f"    fn __del__({destructor} self):\n        pass\n"
        f"    fn __moveinit__(out self, {destructor} other: Self):\n        pass\n"
        "    fn take(var self, var other: Self):\n        pass\n")


def test_up001_and_up007_split_inout_self_between_them(tmp_path: Path) -> None:
    source = ("struct S:\n"
              "    fn __init__(inout self, inout n: Int):\n        pass\n"
              "    fn __copyinit__(inout self, existing: Self):\n        pass\n"
              "    fn grow(inout self):\n        pass\n")
    lines = lint_snippet(tmp_path, source, select="UP001,UP007", target_version="24.6")
    assert [line.split()[1] for line in lines] == ["UP007", "UP001", "UP007", "UP001"]
    assert fix_snippet(tmp_path, source, select="UP001,UP007") == (
        "struct S:\n"
        "    fn __init__(out self, mut n: Int):\n        pass\n"
        "    fn __copyinit__(out self, existing: Self):\n        pass\n"
        "    fn grow(mut self):\n        pass\n")
    # UP001 alone never turns a constructor's self into `mut self`, which would not compile.
    assert "__init__(inout self, mut n: Int)" in fix_snippet(tmp_path, source, select="UP001")


@pytest.mark.parametrize(("target", "written"), [
    ("26.2", "def (Int) raises -> Int"), ("0.26.2.0", "def (Int) raises -> Int"),
    ("1.0", "def (Int) raises thin -> Int"), ("1.2", "def (Int) raises thin -> Int")])
def test_up008_marks_function_types_thin_only_for_targets_that_know_thin(
        tmp_path: Path, target: str, written: str) -> None:
    source = "fn apply(f: fn (Int) raises -> Int, g: fn () capturing -> None):\n    pass\n"
    assert fix_snippet(tmp_path, source, select="UP008", target_version=target) == (
        f"def apply(f: {written}, g: def () capturing -> None):\n    pass\n")


@pytest.mark.parametrize(("target", "name"), [("26.2", "take"), ("1.0", "move"),
                                              ("1.2.0", "move")])
def test_up011_names_the_move_argument_for_the_target(
        tmp_path: Path, target: str, name: str) -> None:
    source = ("struct S:\n    var x: Int\n"
              "    fn __moveinit__(out self, deinit other: Self):\n"
              "        self.x = other.x + other.x\n")
    assert fix_snippet(tmp_path, source, select="UP011", target_version=target) == (
        "struct S:\n    var x: Int\n"
        f"    fn __init__(out self, *, deinit {name}: Self):\n"
        f"        self.x = {name}.x + {name}.x\n")


def test_up011_fix_is_unsafe_when_the_old_method_is_called_by_name(tmp_path: Path) -> None:
    source = ("struct S:\n    var x: Int\n"
              "    fn __copyinit__(out self, existing: Self):\n        self.x = existing.x\n"
              "    fn clone(self) -> Self:\n        return Self.__copyinit__(self)\n")
    assert fix_snippet(tmp_path, source, select="UP011", target_version="26.2") == source
    assert "fn __init__(out self, *, copy: Self):\n        self.x = copy.x\n" in fix_snippet(
        tmp_path, source, select="UP011", target_version="26.2", unsafe=True)


def test_up014_follows_raising_calls_within_the_file_and_respects_try(tmp_path: Path) -> None:
    source = ("def a() -> Int:\n    return b()\n\n"
              "def b() -> Int:\n    return c()\n\n"
              "def c() -> Int:\n    raise Error('x')\n\n"
              "def d() -> Int:\n    try:\n        return c()\n"
              "    except e:\n        return 0\n\n"
              "def e() -> Int:\n    try:\n        return 1\n"
              "    finally:\n        raise Error('y')\n")
    lines = lint_snippet(tmp_path, source, select="UP014", target_version="1.2")
    assert [line.split(" UP014 ")[1].split("`")[1] for line in lines] == [
        "def a", "def b", "def c", "def e"]
    # The fix is unsafe: plain --fix leaves the file alone.
    assert fix_snippet(tmp_path, source, select="UP014", target_version="1.2") == source
