"""UP008-UP016: upgrade rules for `fn`, compile-time `if`/`for`, `std.` imports, constructors,
destructors, `read`, implicitly raising `def`s, `@doc_private` and `@parameter` closures.

Each fixture folder holds a `mojolint.toml` (the rule and the target release); what the rule
flags, leaves alone and what its fixes write is in the fixtures' snapshots. These tests
cover what a snapshot cannot show: other target releases and special cases.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO_ROOT, concise_lines, run_cli

from mojolint.registry import get_registry
from mojolint.versions import TARGET_VERSIONS

FIXTURES = REPO_ROOT / "fixtures"
CODES = ("UP008", "UP009", "UP010", "UP011", "UP012", "UP013", "UP014", "UP015", "UP016")
# (code, since, deprecated in, removed in), checked against the real compilers
# (tests/compiler/test_upgrade_rules_compile_part2.py) and mojo-syntax.md.
RELEASES = [
    ("UP008", "26.2", "26.2", "1.0"),
    ("UP009", "26.2", "26.2", "1.1"),
    ("UP010", "26.2", "26.2", "1.0"),
    ("UP011", "26.2", "26.2", "1.0"),
    ("UP012", "1.0", "1.0", None),
    ("UP013", "1.0", "1.0", "1.1"),
    ("UP014", "26.2", None, "26.2"),
    ("UP015", "26.2", "26.2", "1.0"),
    ("UP016", "1.1", "1.1", None),
]


def check(folder: Path, name: str, *args: str) -> list[str]:
    result = run_cli(["check", "--no-cache", "--output-format", "concise", *args, name], folder)
    assert result.exit_code in (0, 1), result.stderr
    return concise_lines(result.stdout)


def fix(folder: Path, name: str, *args: str) -> str:
    result = run_cli(["check", "--no-cache", "--fix", *args, name], folder)
    assert result.exit_code in (0, 1), result.stderr
    return (folder / name).read_text(encoding="utf-8")


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def copy_fixture(code: str, name: str, tmp_path: Path) -> None:
    folder = FIXTURES / code.lower()
    shutil.copyfile(folder / name, tmp_path / name)
    shutil.copyfile(folder / "mojolint.toml", tmp_path / "mojolint.toml")


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
        fired = check(tmp_path, "hits.mojo", "--isolated", "--select", code,
                      "--target-version", target)
        assert bool(fired) is (TARGET_VERSIONS.index(target) >= index), target


@pytest.mark.parametrize(("target", "written"), [
    ("26.2", "def (Int) raises -> Int"), ("0.26.2.0", "def (Int) raises -> Int"),
    ("1.0", "def (Int) raises thin -> Int"), ("1.2", "def (Int) raises thin -> Int")])
def test_up008_marks_function_types_thin_only_for_targets_that_know_thin(
        tmp_path: Path, target: str, written: str) -> None:
    write(tmp_path, "a.mojo", "fn apply(f: fn (Int) raises -> Int, g: fn () capturing -> None):"
                              "\n    pass\n")
    assert fix(tmp_path, "a.mojo", "--isolated", "--select", "UP008",
               "--target-version", target) == (
        f"def apply(f: {written}, g: def () capturing -> None):\n    pass\n")


def test_up009_fix_keeps_else_branches_and_leaves_decorated_closures(tmp_path: Path) -> None:
    write(tmp_path, "a.mojo", "def f[n: Int]() -> Int:\n"
                              "    @parameter\n    if n == 1:\n        return 1\n"
                              "    elif n == 2:\n        return 2\n    else:\n        return 3\n\n"
                              "def g():\n    @parameter\n    @always_inline\n    def h():\n"
                              "        pass\n")
    assert fix(tmp_path, "a.mojo", "--isolated", "--select", "UP009",
               "--target-version", "26.2") == (
        "def f[n: Int]() -> Int:\n    comptime if n == 1:\n        return 1\n"
        "    elif n == 2:\n        return 2\n    else:\n        return 3\n\n"
        "def g():\n    @parameter\n    @always_inline\n    def h():\n        pass\n")


def test_up010_never_writes_import_std_x_which_binds_nothing(tmp_path: Path) -> None:
    # The compiler's own fix-it turns `import math` into `import std.math`, after which
    # `math.sqrt` is an unknown declaration; the rule keeps the name bound.
    write(tmp_path, "a.mojo", "import math\nimport os.path\nimport math as m, sys\n")
    assert fix(tmp_path, "a.mojo", "--isolated", "--select", "UP010",
               "--target-version", "26.2") == (
        "from std import math\nfrom std.os import path\nimport math as m, sys\n")
    lines = check(tmp_path, "a.mojo", "--isolated", "--select", "UP010",
                  "--target-version", "26.2")
    assert [line.split()[0] for line in lines] == ["a.mojo:3:8:", "a.mojo:3:19:"]
    assert all("[*]" not in line for line in lines)  # mixed `as` and plain: no fix


def test_up010_fix_is_unsafe_when_a_local_module_has_the_stdlib_name(tmp_path: Path) -> None:
    write(tmp_path, "a.mojo", "from utils import helper\nfrom math import sqrt\n")
    (tmp_path / "utils").mkdir()
    write(tmp_path / "utils", "__init__.mojo", "")
    args = ("--isolated", "--select", "UP010", "--target-version", "1.0")
    assert fix(tmp_path, "a.mojo", *args) == (
        "from utils import helper\nfrom std.math import sqrt\n")
    assert fix(tmp_path, "a.mojo", *args, "--unsafe-fixes") == (
        "from std.utils import helper\nfrom std.math import sqrt\n")


@pytest.mark.parametrize(("target", "name"), [("26.2", "take"), ("1.0", "move"),
                                              ("1.2.0", "move")])
def test_up011_names_the_move_argument_for_the_target(
        tmp_path: Path, target: str, name: str) -> None:
    write(tmp_path, "a.mojo", "struct S:\n    var x: Int\n"
                              "    fn __moveinit__(out self, deinit other: Self):\n"
                              "        self.x = other.x + other.x\n")
    assert fix(tmp_path, "a.mojo", "--isolated", "--select", "UP011",
               "--target-version", target) == (
        "struct S:\n    var x: Int\n"
        f"    fn __init__(out self, *, deinit {name}: Self):\n"
        f"        self.x = {name}.x + {name}.x\n")


def test_up011_fix_is_unsafe_when_the_old_method_is_called_by_name(tmp_path: Path) -> None:
    source = ("struct S:\n    var x: Int\n"
              "    fn __copyinit__(out self, existing: Self):\n        self.x = existing.x\n"
              "    fn clone(self) -> Self:\n        return Self.__copyinit__(self)\n")
    write(tmp_path, "a.mojo", source)
    args = ("--isolated", "--select", "UP011", "--target-version", "26.2")
    assert fix(tmp_path, "a.mojo", *args) == source
    assert "fn __init__(out self, *, copy: Self):\n        self.x = copy.x\n" in fix(
        tmp_path, "a.mojo", *args, "--unsafe-fixes")


def test_up014_follows_raising_calls_within_the_file_and_respects_try(tmp_path: Path) -> None:
    write(tmp_path, "a.mojo", "def a() -> Int:\n    return b()\n\n"
                              "def b() -> Int:\n    return c()\n\n"
                              "def c() -> Int:\n    raise Error('x')\n\n"
                              "def d() -> Int:\n    try:\n        return c()\n"
                              "    except e:\n        return 0\n\n"
                              "def e() -> Int:\n    try:\n        return 1\n"
                              "    finally:\n        raise Error('y')\n")
    lines = check(tmp_path, "a.mojo", "--isolated", "--select", "UP014",
                  "--target-version", "1.2")
    assert [line.split(" UP014 ")[1].split("`")[1] for line in lines] == [
        "def a", "def b", "def c", "def e"]
    # The fix is unsafe: plain --fix leaves the file alone.
    before = (tmp_path / "a.mojo").read_text()
    assert fix(tmp_path, "a.mojo", "--isolated", "--select", "UP014",
               "--target-version", "1.2") == before


@pytest.mark.parametrize(("code", "quote"), [
    ("UP008", "'fn' has been removed; use 'def' instead"),
    ("UP009", "'@parameter if' is deprecated, use 'comptime if' instead"),
    ("UP010", "Implicit standard library imports are deprecated"),
    ("UP011", "source argument of '__copyinit__' must be named 'copy'"),
    ("UP012", "'__del__' is deprecated; use '__deinit__'"),
    ("UP013", "'read' is deprecated; use 'imm'"),
    ("UP014", "'raise' requires a surrounding 'try' block or the enclosing function to "
              "declare 'raises'"),
    ("UP015", "use @doc_hidden instead of @doc_private"),
    ("UP016", "'@parameter' is deprecated; use '@__parameter'"),
])
def test_rule_page_quotes_the_compiler_message_it_answers(
        tmp_path: Path, code: str, quote: str) -> None:
    result = run_cli(["rule", code], tmp_path)
    assert result.exit_code == 0
    assert quote in " ".join(result.stdout.split())
    assert "## Fix safety" in result.stdout
