"""The compilers prove TS004's origin rule: an untracked pointer outlives its owner, a
tracked one keeps it alive.

Each program makes an owner whose destructor prints "destroyed" and scribbles -1 over the
buffer, takes a pointer into it, and reads through the pointer after the owner's last use.
Through a pointer of untracked origin (a struct field declared ``MutExternalOrigin`` on
0.26.1, ``MutUntrackedOrigin`` on 1.2) the destructor has run before the read, which reads
freed memory; through a tracked pointer (``UnsafePointer(to=x)``, a field of ``MutAnyOrigin``
on 0.26.1) the read comes first. mojolint's TS004 flags exactly the first kind.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.compiler

UNTRACKED = """\
{imports}

struct Owner:
    var data: UnsafePointer[Int, {origin}]

    {fn} __init__(out self):
        self.data = alloc[Int](4)
        for i in range(4):
            self.data[i] = 7

    {fn} {destructor}(deinit self):
        print("destroyed")
        for i in range(4):
            self.data[i] = -1


{fn} main():
    var owner = Owner()
    var p = owner.data
    print("read", p[0])
"""

TRACKED_TO = """\
struct Owner:
    var value: Int

    {fn} __init__(out self):
        self.value = 7

    {fn} {destructor}(deinit self):
        print("destroyed")
        self.value = -1


{fn} main():
    var owner = Owner()
    var p = UnsafePointer(to=owner.value)
    print("read", p[])
"""

RELEASES = {
    "0.26.1": {"imports": "from memory import UnsafePointer, alloc", "fn": "fn",
               "destructor": "__del__", "origin": "MutExternalOrigin"},
    "1.2.0": {"imports": "from std.memory import alloc", "fn": "def",
              "destructor": "__deinit__", "origin": "MutUntrackedOrigin"},
}


def run(mojo: Path, source: str, tmp_path: Path, name: str) -> list[str]:
    program = tmp_path / f"{name}.mojo"
    program.write_text(source)
    done = subprocess.run([str(mojo), "run", str(program)], capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return [line for line in done.stdout.splitlines() if line.strip()]


def ts004_lines(source: str, tmp_path: Path, target: str) -> list[int]:
    program = tmp_path / "linted.mojo"
    program.write_text(source)
    done = subprocess.run([sys.executable, "-m", "mojolint", "check", "--isolated",
                           "--no-cache", "--select", "TS004", "--target-version", target,
                           "--output-format", "concise", str(program)],
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    return [int(line.split(":")[1]) for line in done.stdout.splitlines()
            if ": TS004 " in line]


@pytest.mark.parametrize("release", sorted(RELEASES))
def test_an_untracked_pointer_reads_after_the_destructor(
        release: str, toolchain: Callable[[str], Path], tmp_path: Path) -> None:
    source = UNTRACKED.format(**RELEASES[release])
    assert run(toolchain(release), source, tmp_path, "untracked") == ["destroyed", "read -1"]
    target = "1.2" if release.startswith("1.") else "26.1"
    assert ts004_lines(source, tmp_path, target) == [len(source.splitlines())]


@pytest.mark.parametrize("release", sorted(RELEASES))
def test_a_tracked_pointer_keeps_its_owner_alive(
        release: str, toolchain: Callable[[str], Path], tmp_path: Path) -> None:
    source = TRACKED_TO.format(**RELEASES[release])
    assert run(toolchain(release), source, tmp_path, "tracked") == ["read 7", "destroyed"]
    target = "1.2" if release.startswith("1.") else "26.1"
    assert ts004_lines(source, tmp_path, target) == []


def test_an_any_origin_field_keeps_its_owner_alive_before_1_2(
        toolchain: Callable[[str], Path], tmp_path: Path) -> None:
    source = UNTRACKED.format(**{**RELEASES["0.26.1"], "origin": "origin=MutAnyOrigin"})
    assert run(toolchain("0.26.1"), source, tmp_path, "any") == ["read 7", "destroyed"]
    assert ts004_lines(source, tmp_path, "26.1") == []
    # From 1.2 such a field does not compile: every pointer field is untracked there.
    on_12 = UNTRACKED.format(**{**RELEASES["1.2.0"], "origin": "MutAnyOrigin"})
    program = tmp_path / "any12.mojo"
    program.write_text(on_12)
    done = subprocess.run([str(toolchain("1.2.0")), "build", str(program), "-o",
                           str(tmp_path / "any12")], capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode != 0 and "AnyOrigin" in done.stderr
    assert ts004_lines(on_12, tmp_path, "1.2") == [len(on_12.splitlines())]


# The incident's exact shape (../shared/docs/tensor-safety.md): a tensor struct whose buffer
# field is declared as ProjectOdyssey's ExTensor declares it, at HEAD and at ba12f57c alike
# (`var _data: UnsafePointer[UInt8, origin=MutAnyOrigin]`, shared/core/extensor.mojo:78), a
# destructor that scribbles -1 over the buffer and frees it, then `var p =
# t._data.bitcast[Float32]()` written and read through after t's last use.
INCIDENT = """\
{imports}


struct Tensor:
    var _data: UnsafePointer[UInt8, {origin}]
    var _numel: Int

    {fn} __init__(out self, numel: Int):
        self._data = alloc[UInt8](numel * 4)
        self._numel = numel
        var p = self._data.bitcast[Float32]()
        for i in range(numel):
            p[i] = 7.0

    {fn} {destructor}(deinit self):
        var p = self._data.bitcast[Float32]()
        for i in range(self._numel):
            p[i] = -1.0
        print("destroyed")
        self._data.{free}()


{fn} main():
    var t = Tensor(4)
    var p = t._data.bitcast[Float32]()
    for i in range(4):
        p[i] = p[i] + 1.0
    print("read", p[0])
"""


def test_the_incident_shape_keeps_the_tensor_alive_on_0_26_1(
        toolchain: Callable[[str], Path], tmp_path: Path) -> None:
    # ProjectOdyssey's declaration on its pinned release: the bitcast pointer keeps its
    # MutAnyOrigin, which keeps `t` alive until the pointer's last use. Not a use after free;
    # TS004 follows the field's declaration (in another file there) and says nothing.
    source = INCIDENT.format(**{**RELEASES["0.26.1"], "origin": "origin=MutAnyOrigin",
                                "free": "free"})
    assert run(toolchain("0.26.1"), source, tmp_path, "incident") == ["read 8.0", "destroyed"]
    assert ts004_lines(source, tmp_path, "26.1") == []


def test_the_incident_shape_is_a_use_after_free_from_1_2(
        toolchain: Callable[[str], Path], tmp_path: Path) -> None:
    # 1.2 refuses the AnyOrigin field; the replacement it accepts (UP023's) is
    # MutUntrackedOrigin, and then `t` is destroyed before the pointer is written and read.
    source = INCIDENT.format(**{**RELEASES["1.2.0"], "origin": "MutUntrackedOrigin",
                                "free": "unsafe_free"})
    output = run(toolchain("1.2.0"), source, tmp_path, "incident12")
    assert output[0] == "destroyed" and output[1].startswith("read ")
    assert output[1] != "read 8.0"  # the write and the read went to freed memory
    first_write = source.splitlines().index("        p[i] = p[i] + 1.0") + 1
    assert ts004_lines(source, tmp_path, "1.2") == [first_write]
