"""IM001: an imported name the file never uses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Fix
from mojolint.imports import (
    ImportedName,
    exported_by_package,
    imported_names,
    is_package_init,
    is_reexport_module,
    listed_exports,
    name_removals,
    statement_removal,
    used_names,
)
from mojolint.rule import Context, Rule

IMPORTS = "[(import_statement) (import_from_statement)] @import"


@dataclass(frozen=True)
class UnusedImportOptions:
    exported: tuple[str, ...] = field(default=(), metadata={
        "doc": "Names (`List`) or qualified names (`mypkg.layers.Dense`) imported to be "
               "exported; never reported."})


class UnusedImport(Rule):
    """## What it does
    Flags a name brought in by an import that nothing in the file uses: `from a import b`
    when `b` is never mentioned, `import a.b` when neither `a` nor `b` is, `import a as c`
    when `c` is not. Mentions in strings, comments and docstrings do not count.

    These are not reported:
    - imports in a package's `__init__.mojo`, or in a module made of imports only (a
      prelude), which exist to re-export names;
    - `from a import b as b`, Python's spelling of an explicit re-export;
    - names a module imports that its package's `__init__.mojo` re-exports from it
      (`pkg/layers.mojo` imports `Dense` from `.dense`, and `pkg/__init__.mojo` has `from
      .layers import Dense`, or `from .layers import *`);
    - names listed for export: in a `__all__` list of the file, or in the `exported`
      option;
    - `from a import *`.

    ## Why is this bad?
    An unused import makes the reader look for a use that is not there, makes the file
    depend on a module it does not need (and fail when that module moves or is renamed),
    and hides which dependencies are real. The Mojo compiler says nothing about it. Mojo
    users ask for this check.

    ## Example
    ```mojo
    from std.collections import List, Dict
    from std.math import sqrt


    def total(values: List[Int]) -> Int:
        var sum = 0
        for v in values:
            sum += v
        return sum
    ```

    ## Use instead
    ```mojo
    from std.collections import List


    def total(values: List[Int]) -> Int:
        var sum = 0
        for v in values:
            sum += v
        return sum
    ```

    ## Fix safety
    The fix removes the unused names from the statement, or the whole statement (its
    line) when none of its names is used; a statement left alone in a block becomes
    `pass`. It is **safe**: the removed names are not mentioned anywhere in the file, so no
    code can refer to them. A statement that shares its line with other code (`import a;
    f()`) is reported without a fix.

    ## Options
    - `exported` (a list of strings, default `[]`): names, or qualified names such as
      `mypkg.layers.Dense`, that the file imports in order to export them; they are never
      reported. Set it in `[tool.mojolint.rules.IM001]`.
    """

    code = "IM001"
    name = "unused-import"
    summary = "Imported name is never used"
    fix_availability = "sometimes"
    options_type = UnusedImportOptions
    tags = ("imports",)
    queries = (IMPORTS,)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        statements = ctx.captures(IMPORTS).get("import", [])
        if (not statements or is_package_init(ctx.path)
                or is_reexport_module(ctx.tree.root_node)):
            return
        used = used_names(ctx.tree.root_node)
        exported = set(getattr(ctx.options, "exported", ())) | listed_exports(ctx.tree.root_node)
        from_package = exported_by_package(ctx.path)
        if "*" in from_package:
            return  # the package re-exports everything this module has
        exported |= from_package
        for statement in statements:
            names = imported_names(statement)
            unused = [name for name in names
                      if not _is_used(name, used) and not _is_exported(name, exported)]
            if not unused:
                continue
            fix = _fix(ctx, statement, names, unused)
            for name in unused:
                shown = name.qualified if name.alias is None else \
                    f"{name.qualified} as {name.alias}"
                yield ctx.report(name.node, f"`{shown}` imported but unused", fix=fix)


def _bindings(name: ImportedName) -> set[str]:
    """Names by which the file may refer to the import (`import a.b` may mean `a` or `b`)."""
    if name.alias is not None or name.member is not None:
        return {name.binding}
    parts = name.module.split(".")
    return {parts[0], parts[-1]}


def _is_used(name: ImportedName, used: set[str]) -> bool:
    return bool(_bindings(name) & used)


def _is_exported(name: ImportedName, exported: set[str]) -> bool:
    explicit = name.alias is not None and name.alias == (name.member or name.module)
    return explicit or name.binding in exported or name.qualified in exported


def _fix(ctx: Context, statement: Node, names: list[ImportedName],
         unused: list[ImportedName]) -> Fix | None:
    if len(unused) == len(names):
        edits = statement_removal(statement, ctx.source)
        if edits is None:
            return None
        title = "Remove the import"
    else:
        edits = name_removals(names, unused)
        listed = ", ".join(f"`{name.binding}`" for name in unused)
        title = f"Remove unused import{'s' if len(unused) > 1 else ''}: {listed}"
    return Fix(title, edits, Applicability.SAFE)
