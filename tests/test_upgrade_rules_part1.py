"""UP001-UP007: upgrade rules for argument conventions, declarations and `@value`.

What each rule flags, leaves alone and what its fixes write is in its fixtures' snapshots
(fixtures/<code>/*.snap); these tests cover what a snapshot cannot show: target releases
and the rules together.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO_ROOT, concise_lines, run_cli

from mojolint.registry import get_registry
from mojolint.versions import TARGET_VERSIONS

FIXTURES = REPO_ROOT / "fixtures"
CODES = ("UP001", "UP002", "UP003", "UP004", "UP005", "UP006", "UP007")
# (code, since, deprecated in, removed in), from the release notes in mojo-syntax.md.
RELEASES = [
    ("UP001", "24.6", "24.6", None),
    ("UP002", "24.6", "24.6", None),
    ("UP003", "25.5", "25.5", "26.2"),
    ("UP004", "24.6", None, "24.6"),
    ("UP005", "25.7", "26.1", "1.1"),
    ("UP006", "25.5", "25.5", "25.6"),
    ("UP007", "24.6", "24.6", None),
]


def check(folder: Path, name: str, *args: str) -> list[str]:
    result = run_cli(["check", "--isolated", "--no-cache", "--output-format", "concise",
                      *args, name], folder)
    return concise_lines(result.stdout)


def fix(folder: Path, name: str, *args: str) -> str:
    run_cli(["check", "--isolated", "--no-cache", "--fix", *args, name], folder)
    return (folder / name).read_text(encoding="utf-8")


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("code", "since", "deprecated", "removed"), RELEASES)
def test_rule_knows_its_releases_and_fires_from_since_on(
        tmp_path: Path, code: str, since: str, deprecated: str | None,
        removed: str | None) -> None:
    rule = get_registry().classes[code]
    assert (rule.since_version, rule.deprecated_in, rule.removed_in) == (
        since, deprecated, removed)
    assert not rule.default_enabled
    shutil.copyfile(FIXTURES / code.lower() / "hits.mojo", tmp_path / "hits.mojo")
    index = TARGET_VERSIONS.index(since)
    for target in TARGET_VERSIONS:
        fired = check(tmp_path, "hits.mojo", "--select", code, "--target-version", target)
        assert bool(fired) is (TARGET_VERSIONS.index(target) >= index), target


def test_upgrade_rules_are_off_by_default(tmp_path: Path) -> None:
    write(tmp_path, "old.mojo", "fn f(inout x: Int):\n    let y = x\n")
    assert check(tmp_path, "old.mojo") == []
    assert len(check(tmp_path, "old.mojo", "--select", "UP")) == 2


@pytest.mark.parametrize(("target", "new"), [
    ("24.6", "read"), ("26.2", "read"), ("0.26.2", "read"), ("1.0", "imm"), ("1.2.0", "imm")])
def test_up002_writes_the_name_of_the_target_release(
        tmp_path: Path, target: str, new: str) -> None:
    write(tmp_path, "a.mojo", "fn f(borrowed x: Int, y: Int) -> Int:\n    return x\n")
    assert check(tmp_path, "a.mojo", "--select", "UP002", "--target-version", target) == [
        f"a.mojo:1:6: UP002 [*] `borrowed` was renamed `read` in Mojo 24.6 (`imm` from 1.0); "
        f"use `{new}`"]
    assert fix(tmp_path, "a.mojo", "--select", "UP002", "--target-version", target) == (
        f"fn f({new} x: Int, y: Int) -> Int:\n    return x\n")


@pytest.mark.parametrize(("target", "destructor"), [("25.5", "var"), ("25.6", "deinit"),
                                                     ("1.2", "deinit")])
def test_up003_destructor_self_becomes_deinit_once_the_target_has_it(
        tmp_path: Path, target: str, destructor: str) -> None:
    write(tmp_path, "a.mojo", "struct S:\n"
                              "    fn __del__(owned self):\n        pass\n"
                              "    fn __moveinit__(out self, owned other: Self):\n        pass\n"
                              "    fn take(owned self, owned other: Self):\n        pass\n")
    assert fix(tmp_path, "a.mojo", "--select", "UP003", "--target-version", target) == (
        "struct S:\n"
        f"    fn __del__({destructor} self):\n        pass\n"
        f"    fn __moveinit__(out self, {destructor} other: Self):\n        pass\n"
        "    fn take(var self, var other: Self):\n        pass\n")


def test_up001_and_up007_split_inout_self_between_them(tmp_path: Path) -> None:
    source = ("struct S:\n"
              "    fn __init__(inout self, inout n: Int):\n        pass\n"
              "    fn __copyinit__(inout self, existing: Self):\n        pass\n"
              "    fn grow(inout self):\n        pass\n")
    write(tmp_path, "a.mojo", source)
    lines = check(tmp_path, "a.mojo", "--select", "UP001,UP007", "--target-version", "24.6")
    assert [line.split()[1] for line in lines] == ["UP007", "UP001", "UP007", "UP001"]
    assert fix(tmp_path, "a.mojo", "--select", "UP001,UP007") == (
        "struct S:\n"
        "    fn __init__(out self, mut n: Int):\n        pass\n"
        "    fn __copyinit__(out self, existing: Self):\n        pass\n"
        "    fn grow(mut self):\n        pass\n")
    # UP001 alone never turns a constructor's self into `mut self`, which would not compile.
    write(tmp_path, "a.mojo", source)
    assert "__init__(inout self, mut n: Int)" in fix(tmp_path, "a.mojo", "--select", "UP001")


def test_up006_fix_is_unsafe_and_respects_existing_conformances(tmp_path: Path) -> None:
    source = ("@value\nstruct A(Movable & Copyable):\n    var x: Int\n\n\n"
              "@value\nstruct B[T: AnyType, n: Int](Writable, Movable,):\n    var x: Int\n")
    write(tmp_path, "a.mojo", source)
    assert fix(tmp_path, "a.mojo", "--select", "UP006") == source  # unsafe: not by --fix
    assert fix(tmp_path, "a.mojo", "--select", "UP006", "--unsafe-fixes") == (
        "@fieldwise_init\nstruct A(Movable & Copyable):\n    var x: Int\n\n\n"
        "@fieldwise_init\nstruct B[T: AnyType, n: Int](Writable, Movable, Copyable,):\n"
        "    var x: Int\n")


def test_up006_keeps_a_hand_written_fieldwise_init_and_adds_the_decorator_otherwise(
        tmp_path: Path) -> None:
    own = ("@value\nstruct A:\n    var x: Int\n    var s: List[ Int ]\n\n"
           "    fn __init__(out self, a: Int, b: List[Int]):\n        self.x = a\n"
           "        self.s = b\n")
    write(tmp_path, "a.mojo", own)
    assert fix(tmp_path, "a.mojo", "--select", "UP006", "--unsafe-fixes") == own.replace(
        "@value\nstruct A:", "struct A(Copyable, Movable):")
    other = own.replace("b: List[Int]", "b: List[Int], c: Int")
    write(tmp_path, "a.mojo", other)
    assert fix(tmp_path, "a.mojo", "--select", "UP006", "--unsafe-fixes") == other.replace(
        "@value\nstruct A:", "@fieldwise_init\nstruct A(Copyable, Movable):")


def test_up006_on_a_nested_struct_keeps_indentation_when_deleting_value(
        tmp_path: Path) -> None:
    write(tmp_path, "a.mojo", "fn f():\n    @fieldwise_init\n    @value\n    struct L:\n"
                              "        var x: Int\n")
    assert fix(tmp_path, "a.mojo", "--select", "UP006", "--unsafe-fixes") == (
        "fn f():\n    @fieldwise_init\n    struct L(Copyable, Movable):\n        var x: Int\n")


def test_every_upgrade_fix_together_on_one_file(tmp_path: Path) -> None:
    write(tmp_path, "old.mojo", (
        "alias N = 2\n\n\n@value\nstruct P:\n    var x: Int\n\n"
        "    fn __init__(inout self, borrowed x: Int):\n        self.x = x\n\n"
        "    fn __del__(owned self):\n        pass\n\n"
        "fn f(inout p: P, owned q: P):\n    let y = N\n"))
    # P's own `__init__` is its field-wise one, so `@value` goes without `@fieldwise_init`.
    assert fix(tmp_path, "old.mojo", "--select", ",".join(CODES), "--unsafe-fixes",
               "--target-version", "26.1") == (
        "comptime N = 2\n\n\nstruct P(Copyable, Movable):\n    var x: Int\n\n"
        "    fn __init__(out self, read x: Int):\n        self.x = x\n\n"
        "    fn __del__(deinit self):\n        pass\n\n"
        "fn f(mut p: P, var q: P):\n    var y = N\n")


@pytest.mark.parametrize(("code", "quote"), [
    ("UP003", "'owned' has been deprecated, use 'var' instead"),
    ("UP005", "'alias' is deprecated, use 'comptime' instead"),
    ("UP006", "'@value' has been removed, please use '@fieldwise_init'"),
    ("UP002", "'read' is deprecated; use 'imm'"),
])
def test_rule_page_quotes_the_compiler_message_it_answers(
        tmp_path: Path, code: str, quote: str) -> None:
    result = run_cli(["rule", code], tmp_path)
    assert result.exit_code == 0
    assert quote in " ".join(result.stdout.split())
    assert "## Fix safety" in result.stdout
