"""The pointer upgrade rules (UP019-UP021) beyond their fixtures' snapshots: which names
they follow to a pointer and which receivers they leave alone."""

from __future__ import annotations

from pathlib import Path

from conftest import lint_snippet


def pointers(tmp_path: Path, source: str, select: str = "UP020,UP021") -> list[str]:
    return lint_snippet(tmp_path, source, select=select, target_version="1.2")


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
