"""UP010: a standard-library import without the `std.` prefix (deprecated 26.2, removed 1.0)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.imports import (
    STDLIB_PACKAGES,
    dotted_path,
    imported_names,
    is_local_module,
    is_wildcard,
)
from mojolint.moved_modules import gpu_move, max_gpu_path, renamed_module, renamed_path
from mojolint.rule import Context, Rule

IMPORTS = "[(import_statement) (import_from_statement)] @import"


class ImplicitStdImport(Rule):
    """## What it does
    Flags imports of standard-library packages written without the `std.` prefix
    (`from collections import List`, `import math`) and qualifies them.

    ## Why is this bad?
    Mojo 26.2 deprecated implicit standard-library imports:
    `Implicit standard library imports are deprecated and will be removed in a future
    release; fully qualify with 'std.' instead`. Mojo 1.0 removed them, and the import fails
    with `unable to locate module 'collections'`.

    ## Example
    ```mojo
    from collections import List
    import math
    import os.path
    import math as m
    ```

    ## Use instead
    ```mojo
    from std.collections import List
    from std import math
    from std.os import path
    import std.math as m
    ```

    ## Fix safety
    The fix keeps every name the import binds:

    - `from X import a` becomes `from std.X import a`.
    - `import X` binds `X`, but `import std.X` binds only `std` (the compiler's own fix-it
      writes that, and `X.f()` then fails with `use of unknown declaration 'X'`), so the fix
      writes `from std import X`. Likewise `import X.Y`, which binds `Y` up to 0.26.1,
      becomes `from std.X import Y`.
    - `import X as A` becomes `import std.X as A`.
    - A statement importing several modules, `import math, os`, is fixed only when all of
      them are standard-library packages without `as`.

    It is **safe**, except when a module of the same name (`X.mojo`, or a package
    `X/__init__.mojo`) sits in the file's folder or one of its parents: then the import may
    mean the project's own module, and the fix is **unsafe**. Relative imports
    (`from .x import y`) and imports of packages that are not in the standard library are
    never flagged.

    A module that the target release renamed or moved gets its new path instead of `std.`
    in front of the old one, from the table UP031 and UP032 read (`mojolint.moved_modules`):
    `from sys.ffi import ...` becomes `from std.ffi import ...` from 26.2, `from gpu import
    ...` becomes `from max.gpu import ...` where the target's standard library no longer
    has the names (1.0 for `barrier`, 1.1 for all of `gpu`). Those fixes are **unsafe**,
    like UP031's and UP032's (`max.gpu` needs MAX installed). A module with no single new
    path (the dissolved `builtin.math`, `gpu` names that went different ways, a plain
    `import sys.ffi`) is reported without a fix.

    Deprecated in 26.2; removed in 1.0.

    ## Options
    None.
    """

    code = "UP010"
    name = "implicit-std-import"
    summary = "standard-library import without `std.` (deprecated in Mojo 26.2; removed in 1.0)"
    fix_availability = "sometimes"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (IMPORTS,)
    since_version = "26.2"
    deprecated_in = "26.2"
    removed_in = "1.0"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        folder = ctx.path.parent.resolve() if ctx.path is not None else None
        for statement in ctx.captures(IMPORTS).get("import", []):
            if statement.type == "import_from_statement":
                module = statement.child_by_field_name("module_name")
                if module is None or module.type != "dotted_name":
                    continue  # relative import
                top = _top(ctx, module)
                if top not in STDLIB_PACKAGES:
                    continue
                yield self._from_import(ctx, statement, module, folder)
                continue
            names = statement.children_by_field_name("name")
            tops = [_top(ctx, dotted_path(name)) for name in names]
            std_names = [name for name, top in zip(names, tops, strict=True)
                         if top in STDLIB_PACKAGES]
            if not std_names:
                continue
            moved = [note for name in names if (note := _moved(
                ctx, ctx.text(dotted_path(name)), None, folder)) is not None]
            fix = _import_fix(ctx, statement, names, tops, folder) if not moved else None
            if len(moved) == 1 and len(names) == 1 and moved[0].prefix is not None:
                fix = _import_fix(ctx, statement, names, tops, folder, moved[0].prefix)
            for name in std_names:
                dotted = ctx.text(dotted_path(name))
                note = _moved(ctx, dotted, None, folder)
                message = f", {note.message}" if note is not None else "; qualify it with `std.`"
                yield ctx.report(name, f"implicit standard-library import of `{dotted}`{message}",
                                 fix=fix)

    def _from_import(self, ctx: Context, statement: Node, module: Node,
                     folder: Path | None) -> Diagnostic:
        written = ctx.text(module)
        names = [name.member or "" for name in imported_names(statement)]
        note = _moved(ctx, written, None if is_wildcard(statement) else names, folder)
        message = f"implicit standard-library import of `{written}`"
        if note is None:
            fix = Fix(f"Import from `std.{written}`",
                      (Edit(module.start_byte, module.start_byte, "std."),),
                      _applicability(folder, [_top(ctx, module)]))
            return ctx.report(module, message + f"; write `std.{written}`", fix=fix)
        moved_fix = None
        if note.path is not None:
            moved_fix = Fix(f"Import from `{note.path}`",
                            (Edit(module.start_byte, module.end_byte, note.path),),
                            Applicability.UNSAFE)
        return ctx.report(module, f"{message}, {note.message}", fix=moved_fix)


@dataclass(frozen=True)
class _Moved:
    """A module the target no longer has under `std.` (mojolint.moved_modules)."""

    message: str  # what the diagnostic says after "implicit standard-library import of X,"
    path: str | None  # the path that replaces the written one in a `from` import, if any
    prefix: str | None  # for `import X...`: the package to write instead of `std`, if any


def _moved(ctx: Context, written: str, names: list[str] | None,
           folder: Path | None) -> _Moved | None:
    """What replaces `std.<written>` when the target has no such module: a module UP031
    renames (`sys.ffi`) or `gpu`, which moved to MAX (UP032). ``names``: the names a `from`
    import takes (None for `import X` and `from X import *`)."""
    parts = written.replace(" ", "").split(".")
    found = renamed_module(parts, ctx.target_version)
    if found is not None:
        old, gone = found
        new = renamed_path(parts, old, gone)
        if new is None:
            return _Moved(f"which left the standard library in Mojo {gone.removed_in}: "
                          f"{gone.advice} (UP031)", None, None)
        return _Moved(f"which Mojo {gone.removed_in} renamed: write `{new}`", new, None)
    if parts[0] != "gpu" or (folder is not None and is_local_module(folder, "gpu")):
        return None
    path = ".".join(parts[1:])
    move = gpu_move(path, names, ctx.target_version)
    if move is None or move.split:
        return None  # `std.` is right for the import itself (UP032 reports the split)
    if move.destination is None:
        return _Moved(f"which left the standard library in Mojo {move.since}, not all of it "
                      "for one `max.gpu` module (UP032)", None, None)
    new = max_gpu_path(move.destination)
    prefix = "max" if names is None and move.destination == path else None
    return _Moved(f"which left the standard library for MAX in Mojo {move.since}: write "
                  f"`{new}`", new, prefix)


def _top(ctx: Context, dotted: Node) -> str:
    first = dotted.named_children[0] if dotted.named_children else dotted
    return ctx.text(first)


def _import_fix(ctx: Context, statement: Node, names: list[Node], tops: list[str],
                folder: Path | None, root: str = "std") -> Fix | None:
    """The rewrite of an `import ...` statement, or None when it cannot keep the bindings.
    ``root`` is the package written in front (`max` for `gpu`, which moved to MAX)."""
    applicability = _applicability(folder, tops) if root == "std" else Applicability.UNSAFE
    if len(names) > 1:
        simple = all(name.type == "dotted_name" and len(name.named_children) == 1
                     for name in names)
        if not simple or any(top not in STDLIB_PACKAGES for top in tops):
            return None
        listed = ", ".join(ctx.text(name) for name in names)
        return Fix(f"Write `from {root} import {listed}`",
                   (Edit(statement.start_byte, statement.end_byte,
                         f"from {root} import {listed}"),), applicability)
    name = names[0]
    if name.type == "aliased_import":
        dotted = dotted_path(name)
        return Fix(f"Import `{root}.{ctx.text(dotted)}`",
                   (Edit(dotted.start_byte, dotted.start_byte, f"{root}."),), applicability)
    parts = [ctx.text(part) for part in name.named_children]
    package = ".".join([root, *parts[:-1]])
    replacement = f"from {package} import {parts[-1]}"
    return Fix(f"Write `{replacement}`",
               (Edit(statement.start_byte, statement.end_byte, replacement),), applicability)


def _applicability(folder: Path | None, tops: list[str]) -> Applicability:
    if folder is not None and any(is_local_module(folder, top) for top in tops):
        return Applicability.UNSAFE
    return Applicability.SAFE
