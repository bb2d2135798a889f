"""UP032: imports of the standard library's `gpu`, which moved to MAX's `max.gpu` (1.0-1.1)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.imports import dotted_path, imported_names, is_local_module, is_wildcard
from mojolint.moved_modules import GpuMove, gpu_move, max_gpu_path
from mojolint.rule import Context, Rule

IMPORTS = "[(import_statement) (import_from_statement)] @import"


class GpuToMax(Rule):
    """## What it does
    Flags imports of the standard library's `gpu` package (`from gpu import ...`, `from
    std.gpu.host import ...`, `import gpu`) that the target release no longer has, and
    imports them from MAX's `max.gpu` instead, at the same path.

    | Target | What the standard library's `gpu` still has | Flagged |
    | --- | --- | --- |
    | up to 26.2 | the whole package | nothing |
    | 1.0 | the device basics (below) | imports of anything else |
    | 1.1 on | nothing (only a private `_gpu`) | every import |

    1.0 keeps the thread ids (`thread_idx`, `block_idx`, `block_dim`, `grid_dim`,
    `global_idx`, `lane_id`, `warp_id`, `WARP_SIZE`, ...), `intrinsics`, `globals`,
    `host.info`, `host.get_gpu_target`, `primitives.id` and `primitives.warp`; `barrier`,
    `memory`, `sync`, `compute`, `host.DeviceContext` and the rest are MAX's from 1.0.

    A few names are not at the same path in `max.gpu`: `DeviceContext`, `DeviceBuffer` and
    `HostBuffer`, which 0.26.2 also exported from `gpu` itself, are imported from
    `max.gpu.host`; names `max.gpu` does not have at all (`intrinsics.ldg`, `mulhi`,
    `mulwide`, `compute.mma_util.load_matrix_a_amd`/`_b_amd` and two private `host.info`
    helpers from 1.2, `host.info.Vendor` and the private `host._device_context_hal` from 1.0)
    are reported without a fix.

    A project's own `gpu` package (a `gpu.mojo` or `gpu/__init__.mojo` next to the file or
    above it) is left alone, like UP010 and UP031 leave a module of the standard library's
    name; so are `std.gpu` imports in a tree that holds its own standard library (a `std/`
    package above the file, as in Modular's repository).

    ## Why is this bad?
    The import fails: from 1.0 `package 'gpu' does not contain 'barrier'` or `unable to
    locate module 'memory'`, from 1.1 `unable to locate module 'gpu'`. MAX ships the
    package as `max.gpu` (max-mojo-libs 26.5 with Mojo 1.0, 26.6 with 1.1, 26.7 with 1.2).

    ## Example
    ```mojo
    from std.gpu import barrier, thread_idx
    from std.gpu.host import DeviceContext
    import std.gpu.primitives.warp as warp
    ```

    ## Use instead
    ```mojo
    from max.gpu import barrier, thread_idx
    from max.gpu.host import DeviceContext
    import max.gpu.primitives.warp as warp
    ```

    ## Fix safety
    The fix is **unsafe**:

    - The new import needs MAX: a project that installs only the `mojo` package (PyPI's
      `mojo`, conda's `mojo`) cannot build `max.gpu`; add `max` (or `modular`) to its
      dependencies first.
    - Each of the 291 (module, name) pairs that the corpora (Modular's repository, mojo-rl)
      import from `gpu` was checked with the compilers of 1.0, 1.1 and 1.2 and their MAX:
      it is where the fix sends it, or it is one of the missing names above (three more
      exist in no release). A name outside them may have moved elsewhere.

    An import that the fix cannot write as one statement is reported without a fix: at
    1.0, one that mixes names still in the standard library with names that moved; one
    that mixes `gpu` and `gpu.host` names; `import std.gpu...` without `as`, whose file
    names the package through `std`; several modules in one `import` statement.

    ## Options
    None. Reported from 1.0 for the parts of `gpu` that 1.0 dropped, from 1.1 for all of it.
    """

    code = "UP032"
    name = "gpu-moved-to-max"
    summary = "the standard library's `gpu` moved to MAX's `max.gpu` (Mojo 1.0-1.1)"
    fix_availability = "sometimes"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (IMPORTS,)
    since_version = "1.0"
    removed_in = "1.0"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        folder = ctx.path.parent.resolve() if ctx.path is not None else None
        for statement in ctx.captures(IMPORTS).get("import", []):
            if statement.type == "import_from_statement":
                yield from self._from_import(ctx, statement, folder)
                continue
            names = statement.children_by_field_name("name")
            for name in names:
                dotted = dotted_path(name)
                written = ctx.text(dotted).replace(" ", "")
                path = _gpu_path(written, folder)
                if path is None:
                    continue
                move = gpu_move(path, None, ctx.target_version)
                if move is None:
                    continue
                fix = None
                if move.destination is not None and len(names) == 1:
                    fix = _import_fix(statement, name, dotted, written, move.destination)
                yield ctx.report(dotted, _message(written, move), fix=fix)

    def _from_import(self, ctx: Context, statement: Node,
                     folder: Path | None) -> Iterable[Diagnostic]:
        module = statement.child_by_field_name("module_name")
        if module is None or module.type != "dotted_name":
            return  # relative import
        written = ctx.text(module).replace(" ", "")
        if written == "std":
            yield from self._from_std_import_gpu(ctx, statement, module, folder)
            return
        path = _gpu_path(written, folder)
        if path is None:
            return
        names = None if is_wildcard(statement) else [
            name.member or "" for name in imported_names(statement)]
        move = gpu_move(path, names, ctx.target_version)
        if move is None:
            return
        fix = None
        if move.destination is not None:
            new = max_gpu_path(move.destination)
            fix = Fix(f"Import from `{new}`", (Edit(module.start_byte, module.end_byte, new),),
                      Applicability.UNSAFE)
        yield ctx.report(module, _message(written, move), fix=fix)


    def _from_std_import_gpu(self, ctx: Context, statement: Node, module: Node,
                             folder: Path | None) -> Iterable[Diagnostic]:
        """`from std import gpu`: the package itself, as `import gpu` binds it."""
        names = imported_names(statement)
        gpu = [name for name in names if name.member == "gpu"]
        if not gpu or (folder is not None and is_local_module(folder, "std")):
            return
        move = gpu_move("", None, ctx.target_version)
        if move is None:
            return
        fix = None
        if move.destination is not None and len(names) == 1:
            fix = Fix("Import from `max`", (Edit(module.start_byte, module.end_byte, "max"),),
                      Applicability.UNSAFE)
        yield ctx.report(gpu[0].node, _message("std.gpu", move), fix=fix)


def _gpu_path(written: str, folder: Path | None) -> str | None:
    """The module path under `gpu` of an import of the standard library's `gpu` (`""` for
    the package), or None for anything else, a project's own `gpu` included."""
    parts = written.split(".")
    std = parts[0] == "std"
    if std:
        parts = parts[1:]
    if not parts or parts[0] != "gpu":
        return None
    if folder is not None and is_local_module(folder, "std" if std else "gpu"):
        return None  # the project's own `gpu`, or its own standard library
    return ".".join(parts[1:])


def _message(written: str, move: GpuMove) -> str:
    if move.split:
        return (f"Mojo 1.0 split `{written}` between the standard library and MAX's "
                f"`{max_gpu_path(move.path)}`: import each name this file uses from where it is")
    if move.missing:
        listed = ", ".join(f"`{name}`" for name in move.missing if name) or f"`{written}`"
        return (f"{listed}: neither the standard library nor MAX's `{max_gpu_path(move.path)}` "
                "has it at the target release; find its replacement")
    if move.stays:
        moved = ", ".join(f"`{name}`" for name in move.moved)
        stays = ", ".join(f"`{name}`" for name in move.stays)
        return (f"{moved} left `{written}` for MAX's `max.gpu` in Mojo {move.since}, while "
                f"{stays} stays in the standard library until 1.1: split the import")
    if move.destination is None:
        return (f"`{written}` left the standard library for MAX's `max.gpu` in Mojo "
                f"{move.since}, its names in different modules: import each from its own")
    new = max_gpu_path(move.destination)
    if move.destination != move.path:
        names = ", ".join(f"`{name}`" for name in move.moved)
        return f"`{written}` left the standard library in Mojo {move.since}: MAX has {names} " \
               f"in `{new}`"
    return f"`{written}` left the standard library in Mojo {move.since}: MAX has it as `{new}`"


def _import_fix(statement: Node, name: Node, dotted: Node, written: str, destination: str
                ) -> Fix | None:
    """`import gpu.x` binds `x` (and `import gpu`, `gpu`): `from max.gpu import x` keeps the
    binding; `import ... as a` keeps its alias. `import std.gpu...` binds `std`: no fix."""
    new = max_gpu_path(destination)
    if name.type == "aliased_import":
        return Fix(f"Import `{new}`", (Edit(dotted.start_byte, dotted.end_byte, new),),
                   Applicability.UNSAFE)
    if written.startswith("std."):
        return None
    package, _, last = new.rpartition(".")
    replacement = f"from {package} import {last}"
    return Fix(f"Write `{replacement}`",
               (Edit(statement.start_byte, statement.end_byte, replacement),),
               Applicability.UNSAFE)
