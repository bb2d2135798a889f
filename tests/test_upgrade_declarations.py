"""Upgrade rules on declarations: `@value` (UP006), `@parameter if` (UP009), implicit
declarations (UP018) and `constrained` (UP034), for what the fixtures' snapshots cannot
show: special cases."""

from __future__ import annotations

from pathlib import Path

from conftest import fix_snippet, lint_snippet


def test_up006_fix_is_unsafe_and_respects_existing_conformances(tmp_path: Path) -> None:
    source = ("@value\nstruct A(Movable & Copyable):\n    var x: Int\n\n\n"
              "@value\nstruct B[T: AnyType, n: Int](Writable, Movable,):\n    var x: Int\n")
    assert fix_snippet(tmp_path, source, select="UP006") == source  # unsafe: not by --fix
    assert fix_snippet(tmp_path, source, select="UP006", unsafe=True) == (
        "@fieldwise_init\nstruct A(Movable & Copyable):\n    var x: Int\n\n\n"
        "@fieldwise_init\nstruct B[T: AnyType, n: Int](Writable, Movable, Copyable,):\n"
        "    var x: Int\n")


def test_up006_keeps_a_hand_written_fieldwise_init_and_adds_the_decorator_otherwise(
        tmp_path: Path) -> None:
    own = ("@value\nstruct A:\n    var x: Int\n    var s: List[ Int ]\n\n"
           "    fn __init__(out self, a: Int, b: List[Int]):\n        self.x = a\n"
           "        self.s = b\n")
    assert fix_snippet(tmp_path, own, select="UP006", unsafe=True) == own.replace(
        "@value\nstruct A:", "struct A(Copyable, Movable):")
    other = own.replace("b: List[Int]", "b: List[Int], c: Int")
    assert fix_snippet(tmp_path, other, select="UP006", unsafe=True) == other.replace(
        "@value\nstruct A:", "@fieldwise_init\nstruct A(Copyable, Movable):")


def test_up006_on_a_nested_struct_keeps_indentation_when_deleting_value(
        tmp_path: Path) -> None:
    source = "fn f():\n    @fieldwise_init\n    @value\n    struct L:\n        var x: Int\n"
    assert fix_snippet(tmp_path, source, select="UP006", unsafe=True) == (
        "fn f():\n    @fieldwise_init\n    struct L(Copyable, Movable):\n        var x: Int\n")


def test_up009_fix_keeps_else_branches_and_leaves_decorated_closures(tmp_path: Path) -> None:
    source = ("def f[n: Int]() -> Int:\n"
              "    @parameter\n    if n == 1:\n        return 1\n"
              "    elif n == 2:\n        return 2\n    else:\n        return 3\n\n"
              "def g():\n    @parameter\n    @always_inline\n    def h():\n        pass\n")
    assert fix_snippet(tmp_path, source, select="UP009", target_version="26.2") == (
        "def f[n: Int]() -> Int:\n    comptime if n == 1:\n        return 1\n"
        "    elif n == 2:\n        return 2\n    else:\n        return 3\n\n"
        "def g():\n    @parameter\n    @always_inline\n    def h():\n        pass\n")


def test_up018_a_name_living_on_after_its_block_gets_no_fix(tmp_path: Path) -> None:
    source = ("def f(c: Bool) -> Int:\n    while c:\n        n = 1\n        break\n"
              "    return n\n")
    assert lint_snippet(tmp_path, source, select="UP018", target_version="1.2") == [
        "a.mojo:3:9: UP018 implicit declaration of `n`, first assigned inside a nested block "
        "and used outside it; declare it before the block with its type (`var name: T`)"]
    inside = "def f(c: Bool) -> Int:\n    while c:\n        n = 1\n        return n\n    return 0\n"
    assert lint_snippet(tmp_path, inside, select="UP018", target_version="1.2") == [
        "a.mojo:3:9: UP018 [*] implicit declaration of `n`; declare it with `var`"]


def test_up018_later_assignments_and_outer_names_are_not_declarations(tmp_path: Path) -> None:
    source = ("var counter = 0\n\n\ndef f(x: Int) -> Int:\n    y = x\n    y = y + 1\n"
              "    x = 2\n    counter = 1\n    def g() -> Int:\n        y = 3\n        return y\n"
              "    return y + g()\n")
    assert lint_snippet(tmp_path, source, select="UP018", target_version="1.2") == [
        "a.mojo:5:5: UP018 [*] implicit declaration of `y`; declare it with `var`"]


def test_up034_leaves_a_module_that_defines_its_own_constrained(tmp_path: Path) -> None:
    # The 2024 standard library defined `constrained` itself: its calls are to that function.
    own = ('fn constrained[cond: Bool, msg: StringLiteral = "failed"]():\n    pass\n\n\n'
           'fn tile[width: Int]() -> Int:\n    constrained[width > 0, "positive"]()\n'
           '    return width\n')
    assert lint_snippet(tmp_path, own, select="UP034", target_version="1.2") == []
    elsewhere = own.split("\n\n\n", 1)[1]
    assert fix_snippet(tmp_path, elsewhere, select="UP034", target_version="1.2") == (
        'fn tile[width: Int]() -> Int:\n    comptime assert width > 0, "positive"\n'
        '    return width\n')
