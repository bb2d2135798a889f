"""The renamed and moved standard-library modules (mojolint.moved_modules), as the rules that
write import paths use them: UP010 (adds `std.`), UP031 (renamed modules) and UP032 (`gpu`
moved to MAX's `max.gpu`). Each must write a path the target release has, alone or together.
The paths are checked against the compilers in
tests/compiler/test_upgrade_removals_compile.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO_ROOT, fix_snippet, lint_snippet

from mojolint.moved_modules import MODULES, gpu_move
from mojolint.versions import TARGET_VERSIONS

FIXTURES = REPO_ROOT / "fixtures"


def fixed(tmp_path: Path, source: str, select: str, target: str, *args: str) -> str:
    return fix_snippet(tmp_path, source, select=select, target_version=target,
                       unsafe="--unsafe-fixes" in args)


def test_up010_alone_writes_the_new_name_of_a_renamed_module(tmp_path: Path) -> None:
    # `std.sys.ffi` does not exist in 26.2: adding `std.` alone gave a broken import.
    source = "from sys.ffi import external_call\n"
    assert fixed(tmp_path, source, "UP010", "26.2", "--unsafe-fixes") == (
        "from std.ffi import external_call\n")
    # The module moved, so the rewrite is unsafe like UP031's: nothing without the flag.
    assert fixed(tmp_path, source, "UP010", "26.2") == source
    lines = lint_snippet(tmp_path, source, select="UP010", target_version="26.2")
    assert len(lines) == 1 and "which Mojo 26.2 renamed: write `std.ffi`" in lines[0]


@pytest.mark.parametrize(("target", "expected"), [("1.1", "from std.hashlib import Hasher\n"),
                                                  ("1.2", "from std.hash import Hasher\n")])
def test_up010_renames_only_from_the_release_that_renamed(
        tmp_path: Path, target: str, expected: str) -> None:
    assert fixed(tmp_path, "from hashlib import Hasher\n", "UP010", target,
                 "--unsafe-fixes") == expected


def test_up010_does_not_fix_what_it_cannot_write(tmp_path: Path) -> None:
    # A dissolved module has no new path; `import sys.ffi` names the module by its path.
    source = "from builtin.math import max\nimport sys.ffi\n"
    assert fixed(tmp_path, source, "UP010", "26.2", "--unsafe-fixes") == source
    lines = lint_snippet(tmp_path, source, select="UP010", target_version="26.2")
    assert len(lines) == 2
    assert "which left the standard library in Mojo 26.2" in lines[0]
    assert "which Mojo 26.2 renamed: write `std.ffi`" in lines[1]


@pytest.mark.parametrize("old", sorted(MODULES))
def test_up010_and_up031_read_one_table(tmp_path: Path, old: str) -> None:
    """For every renamed module, at the release that renamed it and the one before, UP010
    alone and UP031 alone write the same import (or leave it alone), and UP010 never writes
    `std.` in front of a path the release no longer has."""
    gone = MODULES[old]
    source = f"from {old} import x\n"
    before = TARGET_VERSIONS[TARGET_VERSIONS.index(gone.removed_in) - 1]
    up010 = fixed(tmp_path, source, "UP010", gone.removed_in, "--unsafe-fixes")
    up031 = fixed(tmp_path, source, "UP031", gone.removed_in, "--unsafe-fixes")
    assert up010 == up031
    assert up010 == (source if gone.replacement is None
                     else f"from std.{gone.replacement} import x\n")
    if TARGET_VERSIONS.index(before) >= TARGET_VERSIONS.index("26.2"):
        assert fixed(tmp_path, source, "UP010", before) == f"from std.{old} import x\n"
    assert fixed(tmp_path, source, "UP031", before, "--unsafe-fixes") == source


@pytest.mark.parametrize(("source", "target", "expected"), [
    # 1.0's standard library keeps the thread ids: `std.` is right, and safe.
    ("from gpu import thread_idx\n", "1.0", "from std.gpu import thread_idx\n"),
    # ... but not `barrier`, which is MAX's from 1.0.
    ("from gpu import barrier\n", "1.0", "from max.gpu import barrier\n"),
    ("from gpu import barrier, thread_idx\n", "1.2", "from max.gpu import barrier, thread_idx\n"),
    ("from gpu import DeviceContext\n", "1.2", "from max.gpu.host import DeviceContext\n"),
    ("import gpu\n", "1.0", "from std import gpu\n"),
    ("import gpu\n", "1.1", "from max import gpu\n"),
    ("import gpu.host as h\n", "1.2", "import max.gpu.host as h\n"),
    # 1.0 splits these two: one statement cannot hold both, so nothing is written.
    ("from gpu import barrier, thread_idx\n", "1.0", "from gpu import barrier, thread_idx\n"),
    ("from gpu.intrinsics import ldg\n", "1.2", "from gpu.intrinsics import ldg\n"),
])
def test_up010_writes_max_gpu_where_the_standard_library_has_no_gpu(
        tmp_path: Path, source: str, target: str, expected: str) -> None:
    assert fixed(tmp_path, source, "UP010", target, "--unsafe-fixes") == expected
    # UP032 agrees wherever the package moved (it leaves `std.gpu` to UP010 at 1.0).
    both = fixed(tmp_path, source, "UP010,UP032", target, "--unsafe-fixes")
    assert both == expected


def test_up032_fixes_and_reports_by_target(tmp_path: Path) -> None:
    source = ("from std.gpu import thread_idx\nfrom std.gpu import barrier\n"
              "from std.gpu.primitives.warp import shuffle_up\n")
    assert fixed(tmp_path, source, "UP032", "26.2", "--unsafe-fixes") == source
    assert fixed(tmp_path, source, "UP032", "1.0", "--unsafe-fixes") == (
        "from std.gpu import thread_idx\nfrom max.gpu import barrier\n"
        "from std.gpu.primitives.warp import shuffle_up\n")
    assert fixed(tmp_path, source, "UP032", "1.1", "--unsafe-fixes") == (
        "from max.gpu import thread_idx\nfrom max.gpu import barrier\n"
        "from max.gpu.primitives.warp import shuffle_up\n")
    # Unsafe: the new path needs MAX installed.
    assert fixed(tmp_path, source, "UP032", "1.2") == source


def test_up032_leaves_a_projects_own_gpu_package_alone(tmp_path: Path) -> None:
    own = FIXTURES / "up032" / "own_gpu"
    files = {path.relative_to(own).as_posix(): path.read_bytes()
             for path in own.rglob("*.mojo")}
    assert lint_snippet(tmp_path / "own", files, select="UP032", target_version="1.2",
                        paths=["kernel.mojo"]) == []
    # The same file without the package next to it is flagged.
    alone = {"kernel.mojo": files["kernel.mojo"]}
    assert len(lint_snippet(tmp_path / "alone", alone, select="UP032",
                            target_version="1.2")) == 2


def test_up032_leaves_std_gpu_alone_in_a_tree_with_its_own_standard_library(
        tmp_path: Path) -> None:
    repo = {"std/__init__.mojo": "", "std/gpu/__init__.mojo": "",
            "test/gpu/test_ids.mojo": "from std.gpu import barrier\n",
            "kernels/k.mojo": "from std.gpu import barrier\n"}
    assert lint_snippet(tmp_path / "repo", repo, select="UP032", target_version="1.2",
                        paths=["test/gpu/test_ids.mojo", "kernels/k.mojo"]) == []
    # Outside that tree, the same import is flagged.
    other = {"k.mojo": "from std.gpu import barrier\n"}
    assert len(lint_snippet(tmp_path / "other", other, select="UP032",
                            target_version="1.2")) == 1


def test_gpu_move_keeps_what_1_0_kept_and_maps_what_moved_elsewhere() -> None:
    assert gpu_move("", ["thread_idx"], "26.2") is None
    assert gpu_move("", ["thread_idx"], "1.0") is None
    move = gpu_move("", ["DeviceContext", "HostBuffer"], "1.0")
    assert move is not None and move.destination == "host" and move.since == "1.0"
    move = gpu_move("intrinsics", ["ldg"], "1.1")
    assert move is not None and move.destination == "intrinsics" and move.since == "1.1"
    move = gpu_move("intrinsics", ["ldg"], "1.2")
    assert move is not None and move.destination is None and move.missing == ("ldg",)
