"""UP010: a standard-library import without the `std.` prefix (deprecated 26.2, removed 1.0)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.imports import STDLIB_PACKAGES, dotted_path
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
                fix: Fix | None = Fix(f"Import from `std.{ctx.text(module)}`",
                          (Edit(module.start_byte, module.start_byte, "std."),),
                          _applicability(folder, [top]))
                yield ctx.report(module, f"implicit standard-library import of "
                                         f"`{ctx.text(module)}`; write `std.{ctx.text(module)}`",
                                 fix=fix)
                continue
            names = statement.children_by_field_name("name")
            tops = [_top(ctx, dotted_path(name)) for name in names]
            std_names = [name for name, top in zip(names, tops, strict=True)
                         if top in STDLIB_PACKAGES]
            if not std_names:
                continue
            fix = _import_fix(ctx, statement, names, tops, folder)
            for name in std_names:
                dotted = ctx.text(dotted_path(name))
                yield ctx.report(name, f"implicit standard-library import of `{dotted}`; "
                                       "qualify it with `std.`", fix=fix)


def _top(ctx: Context, dotted: Node) -> str:
    first = dotted.named_children[0] if dotted.named_children else dotted
    return ctx.text(first)


def _import_fix(ctx: Context, statement: Node, names: list[Node], tops: list[str],
                folder: Path | None) -> Fix | None:
    """The rewrite of an `import ...` statement, or None when it cannot keep the bindings."""
    applicability = _applicability(folder, tops)
    if len(names) > 1:
        simple = all(name.type == "dotted_name" and len(name.named_children) == 1
                     for name in names)
        if not simple or any(top not in STDLIB_PACKAGES for top in tops):
            return None
        listed = ", ".join(ctx.text(name) for name in names)
        return Fix(f"Write `from std import {listed}`",
                   (Edit(statement.start_byte, statement.end_byte, f"from std import {listed}"),),
                   applicability)
    name = names[0]
    if name.type == "aliased_import":
        dotted = dotted_path(name)
        return Fix(f"Import `std.{ctx.text(dotted)}`",
                   (Edit(dotted.start_byte, dotted.start_byte, "std."),), applicability)
    parts = [ctx.text(part) for part in name.named_children]
    package = ".".join(["std", *parts[:-1]])
    replacement = f"from {package} import {parts[-1]}"
    return Fix(f"Write `{replacement}`",
               (Edit(statement.start_byte, statement.end_byte, replacement),), applicability)


def _applicability(folder: Path | None, tops: list[str]) -> Applicability:
    if folder is not None and any(_local_module(folder, top) for top in tops):
        return Applicability.UNSAFE
    return Applicability.SAFE


@functools.lru_cache(maxsize=4096)
def _local_module(folder: Path, name: str) -> bool:
    """True when ``folder`` or a parent holds a module ``name`` that could shadow the stdlib."""
    for directory in (folder, *folder.parents):
        try:
            package = directory / name / "__init__.mojo"
            if (directory / f"{name}.mojo").is_file() or package.is_file():
                return True
        except OSError:
            return False
    return False
