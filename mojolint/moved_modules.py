"""Standard-library modules that later releases renamed, dissolved or moved to MAX.

One table for every rule that writes an import path: UP010 (qualifies imports with `std.`),
UP031 (renamed standard-library modules) and UP032 (`gpu` moved to `max.gpu`), so that
none of them writes a path the target release no longer has. Every entry was checked with
the compilers from PyPI (0.26.1, 0.26.2, 1.0.0, 1.1.0, 1.2.0) and, for `max.gpu`, with the
`max.mojoc` of the `max-mojo-libs` release paired with each (26.5.0 with 1.0.0, 26.6.0 with
1.1.0, 26.7.0 with 1.2.0): tests/compiler/test_upgrade_removals_compile.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mojolint.versions import is_at_least


@dataclass(frozen=True)
class Gone:
    removed_in: str
    replacement: str | None  # the module's new path in `std`, when it was renamed
    advice: str


#: From ``removed_in`` on, `from OLD import ...` fails (with or without `std.`) and `NEW`
#: works. Keys are paths under `std`.
MODULES: dict[str, Gone] = {
    "sys.ffi": Gone("26.2", "ffi", "it is `std.ffi` from 26.2"),
    "os.atomic": Gone("1.0", "atomic", "it is `std.atomic` from 1.0"),
    "memory.arc": Gone("1.0", "memory.arc_pointer", "it is `std.memory.arc_pointer` from 1.0"),
    "hashlib": Gone("1.2", "hash", "it is `std.hash` from 1.2"),
    "builtin.math": Gone("26.2", None, "its functions are builtins (`abs`, `min`, `max`, "
                                       "`pow`, `round`, `divmod`) or in `std.math`"),
}


def renamed_module(parts: Sequence[str], target: str) -> tuple[str, Gone] | None:
    """The module of MODULES that the import path ``parts`` (without `std.`) names or lies
    in, when ``target`` no longer has it: (its key, its entry)."""
    for size in (2, 1):
        if len(parts) < size:
            continue
        old = ".".join(parts[:size])
        gone = MODULES.get(old)
        if gone is not None and is_at_least(target, gone.removed_in):
            return old, gone
    return None


def renamed_path(parts: Sequence[str], old: str, gone: Gone) -> str | None:
    """The `std.` path that replaces ``parts`` (without `std.`), or None when dissolved."""
    if gone.replacement is None:
        return None
    rest = list(parts[len(old.split(".")):])
    return ".".join(["std", *gone.replacement.split("."), *rest])


# --- `gpu` -> `max.gpu` ---------------------------------------------------------------------
# 1.0's `std.gpu` keeps only the device-side basics (thread ids, intrinsics, warp
# primitives, target info); everything else is MAX's `max.gpu` (max-mojo-libs 26.5.0), which
# in turn lacks what 1.0's standard library keeps. 1.1's standard library has no `gpu` at
# all (only a private `_gpu`), and MAX 26.6/26.7's `max.gpu` holds the whole package.

GPU_SPLIT_IN = "1.0"
GPU_GONE_IN = "1.1"

#: What 1.0's `std.gpu` still holds: module path under `gpu` -> the names kept there (None:
#: all of them). Packages list their kept names; a name of another module moved to MAX.
GPU_KEPT_IN_1_0: dict[str, frozenset[str] | None] = {
    "": frozenset({
        "MAX_THREADS_PER_BLOCK_METADATA", "WARP_SIZE", "block_dim", "block_id_in_cluster",
        "block_idx", "cluster_dim", "cluster_idx", "global_idx", "grid_dim", "lane_id",
        "sm_id", "thread_idx", "warp_id", "_utils", "globals", "host", "intrinsics",
        "primitives",
    }),
    "_utils": None,
    "globals": None,
    "host": frozenset({"get_gpu_target", "info"}),
    "host.info": None,
    "intrinsics": None,
    "primitives": frozenset({"id", "warp", "warp_id"}),
    "primitives.id": None,
    "primitives.warp": None,
}

#: Names that 0.26.2's `std.gpu` exports from one path and `max.gpu` from another:
#: (path, name) -> its path under `max.gpu`.
GPU_ELSEWHERE: dict[tuple[str, str], str] = {
    ("", "DeviceContext"): "host",
    ("", "DeviceBuffer"): "host",
    ("", "HostBuffer"): "host",
}

#: Names (or, with None, whole modules) of 0.26.2's `std.gpu` that `max.gpu` does not have
#: at the same path from the release given, and that were found nowhere else.
GPU_MISSING: dict[tuple[str, str | None], str] = {
    ("host._device_context_hal", None): "1.0",
    ("host.info", "Vendor"): "1.0",
    ("compute.mma_util", "load_matrix_a_amd"): "1.2",
    ("compute.mma_util", "load_matrix_b_amd"): "1.2",
    ("host.info", "_get_empty_target"): "1.2",
    ("host.info", "_get_h100_target"): "1.2",
    ("intrinsics", "ldg"): "1.2",
    ("intrinsics", "mulhi"): "1.2",
    ("intrinsics", "mulwide"): "1.2",
}


@dataclass(frozen=True)
class GpuMove:
    """Where the names of one import from `gpu.<path>` are at a target release."""

    path: str  # the module path under `gpu` ("" for the package itself)
    moved: tuple[str, ...]  # names (or "" for the module itself) that are in `max.gpu`
    stays: tuple[str, ...]  # names still in the standard library's `gpu` (1.0 only)
    missing: tuple[str, ...]  # names that neither has at the target
    destination: str | None  # the one `max.gpu` path all of them moved to, else None
    since: str  # the release that took the moved names out of the standard library
    # The module itself (`import gpu.host`, `from gpu.host import *`) of a package that 1.0
    # split: its import still works, but some of what the file uses from it moved.
    split: bool = False


def max_gpu_path(path: str) -> str:
    """The `max.gpu` module for the module path ``path`` under `gpu`."""
    return f"max.gpu.{path}" if path else "max.gpu"


def _kept_in_1_0(path: str, name: str | None) -> bool:
    if path not in GPU_KEPT_IN_1_0:
        return False
    kept = GPU_KEPT_IN_1_0[path]
    return kept is None or name is None or name in kept


def _missing(path: str, name: str | None, target: str) -> bool:
    for key in ((path, None), (path, name)):
        release = GPU_MISSING.get(key)
        if release is not None and is_at_least(target, release):
            return True
    return False


def gpu_move(path: str, names: Sequence[str] | None, target: str) -> GpuMove | None:
    """Where an import from `gpu.<path>` goes at ``target``: ``names`` are the imported
    names (None for the module itself: `import gpu.x` or `from gpu.x import *`). None when
    the standard library still has all of it."""
    if not is_at_least(target, GPU_SPLIT_IN):
        return None
    split_only = not is_at_least(target, GPU_GONE_IN)
    if names is None and split_only and GPU_KEPT_IN_1_0.get(path) is not None:
        return GpuMove(path, (), ("",), (), None, GPU_SPLIT_IN, split=True)
    moved: list[str] = []
    stays: list[str] = []
    missing: list[str] = []
    destinations: set[str] = set()
    early = False  # some moved name left the standard library in 1.0 already
    for name in names if names is not None else [None]:
        label = name or ""
        if _missing(path, name, target):
            missing.append(label)
        elif _kept_in_1_0(path, name):
            if split_only:
                stays.append(label)
                continue
            moved.append(label)
            destinations.add(path)
        else:
            early = True
            moved.append(label)
            destinations.add(GPU_ELSEWHERE.get((path, name), path) if name else path)
    if not moved and not missing:
        return None
    clean = not stays and not missing and len(destinations) == 1
    return GpuMove(path, tuple(moved), tuple(stays), tuple(missing),
                   destinations.pop() if clean else None,
                   GPU_SPLIT_IN if early or not moved else GPU_GONE_IN)
