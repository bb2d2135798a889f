"""UP017 onwards (issue 15): the 1.x removals and the older migrations.

Each fixture folder holds a `mojolint.toml` (the rule and the target release); what the rule
flags, leaves alone and what its fixes write is in the fixtures' snapshots. The releases are
checked against the compilers in tests/compiler/test_upgrade_rules_compile_part3.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_tree
from test_upgrade_rules_part2 import FIXTURES, check

from mojolint.registry import get_registry
from mojolint.versions import TARGET_VERSIONS

# (code, since, deprecated in, removed in)
RELEASES = [
    ("UP017", "25.7", None, "25.7"),
    ("UP018", "1.0", "1.0", "1.1"),
    ("UP019", "1.0", "1.0", None),
    ("UP020", "1.0", "1.0", None),
    ("UP021", "1.0", "1.0", None),
    ("UP022", "1.0", "1.0", None),
    ("UP023", "1.0", None, "1.0"),
    ("UP024", "26.1", None, "26.2"),
    ("UP025", "25.6", None, None),
    ("UP026", "26.2", None, "26.2"),
    ("UP027", "25.6", None, "25.6"),
    ("UP028", "1.0", None, "1.1"),
    ("UP029", "26.2", "26.2", "1.0"),
    ("UP030", "1.0", None, "1.0"),
    ("UP031", "26.2", None, "26.2"),
    ("UP032", "1.0", None, "1.0"),
]
CODES = [code for code, *_ in RELEASES]


@pytest.mark.parametrize(("code", "since", "deprecated", "removed"), RELEASES)
def test_rule_knows_its_releases_and_fires_from_since_on(
        tmp_path: Path, code: str, since: str, deprecated: str | None,
        removed: str | None) -> None:
    rule = get_registry().classes[code]
    assert (rule.since_version, rule.deprecated_in, rule.removed_in) == (
        since, deprecated, removed)
    assert not rule.default_enabled
    (tmp_path / "hits.mojo").write_bytes((FIXTURES / code.lower() / "hits.mojo").read_bytes())
    for target in TARGET_VERSIONS:
        fired = check(tmp_path, "hits.mojo", "--isolated", "--select", code,
                      "--target-version", target)
        assert bool(fired) is (TARGET_VERSIONS.index(target) >= TARGET_VERSIONS.index(since))


def up018(tmp_path: Path, source: str) -> list[str]:
    write_tree(tmp_path, {"a.mojo": source})
    return check(tmp_path, "a.mojo", "--isolated", "--select", "UP018", "--target-version", "1.2")


def test_up018_a_name_living_on_after_its_block_gets_no_fix(tmp_path: Path) -> None:
    source = ("def f(c: Bool) -> Int:\n    while c:\n        n = 1\n        break\n"
              "    return n\n")
    assert up018(tmp_path, source) == [
        "a.mojo:3:9: UP018 implicit declaration of `n`, first assigned inside a nested block "
        "and used outside it; declare it before the block with its type (`var name: T`)"]
    inside = "def f(c: Bool) -> Int:\n    while c:\n        n = 1\n        return n\n    return 0\n"
    assert up018(tmp_path, inside) == [
        "a.mojo:3:9: UP018 [*] implicit declaration of `n`; declare it with `var`"]


def test_up018_later_assignments_and_outer_names_are_not_declarations(tmp_path: Path) -> None:
    source = ("var counter = 0\n\n\ndef f(x: Int) -> Int:\n    y = x\n    y = y + 1\n"
              "    x = 2\n    counter = 1\n    def g() -> Int:\n        y = 3\n        return y\n"
              "    return y + g()\n")
    assert up018(tmp_path, source) == [
        "a.mojo:5:5: UP018 [*] implicit declaration of `y`; declare it with `var`"]


def pointers(tmp_path: Path, source: str, select: str = "UP020,UP021") -> list[str]:
    write_tree(tmp_path, {"a.mojo": source})
    return check(tmp_path, "a.mojo", "--isolated", "--select", select, "--target-version", "1.2")


def test_pointer_rules_follow_names_assigned_from_pointer_making_calls(tmp_path: Path) -> None:
    source = ("def f(mut x: Int, items: List[Int]) -> Int:\n"
              "    var a = alloc[Int](2)\n    var b = UnsafePointer(to=x)\n"
              "    var c = items.unsafe_ptr()\n    var d = a.bitcast[UInt8]()\n"
              "    var e = c + 1\n    a.free()\n    return b[0] + c[1] + Int(d[2]) + e[3]\n")
    found = [line.split(": ", 1)[1] for line in pointers(tmp_path, source)]
    assert sorted(found) == sorted([
        "UP021 [*] pointer `+` is deprecated; use `unsafe_offset`",
        "UP020 [*] pointer `free` is deprecated; use `unsafe_free`",
        "UP020 [*] pointer `bitcast` is deprecated; use `unsafe_bitcast`",
        *["UP021 [*] positional pointer indexing is deprecated; use `p[unsafe_offset=i]`"] * 4,
    ])


def test_pointer_rules_leave_unknown_receivers_alone(tmp_path: Path) -> None:
    source = ("def f(buf: Buffer, n: Int) -> Int:\n    var p = buf.data()\n"
              "    p.store(0, 1)\n    return p[0] + (p + 1)[0]\n")
    assert pointers(tmp_path, source) == []


def test_up019_leaves_a_file_defining_its_own_unsafe_pointer(tmp_path: Path) -> None:
    source = ("struct UnsafePointer[T: AnyType]:\n    var address: Int\n\n\n"
              "def f(p: UnsafePointer[Int]) -> Int:\n    return p.address\n")
    assert pointers(tmp_path, source, "UP019") == []
