"""UP031: imports of standard-library modules that were renamed or dissolved (26.2-1.2)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.imports import dotted_path, is_local_module
from mojolint.moved_modules import Gone, renamed_module, renamed_path
from mojolint.rule import Context, Rule

IMPORTS = "[(import_statement) (import_from_statement)] @import"


# The table (`MODULES`) lives in mojolint.moved_modules, which UP010 reads too, so that it
# never qualifies a renamed module with `std.` (`std.sys.ffi` fails from 26.2).
# Not listed: `gpu`, which moved to MAX's `max.gpu` (UP032); `layout` and `buffer` (never
# under `std`; PyPI's `mojo` stopped shipping them in 1.0, MAX ships them). Whether those
# imports work depends on how the project installs Mojo, not on the release: a dependency
# question, not a rewrite (docs/upgrade-rules.md, migration guide).


class RemovedStdModule(Rule):
    """## What it does
    Flags imports of standard-library modules that the target release no longer has:

    | Module | Gone in | Now |
    | --- | --- | --- |
    | `sys.ffi` | 26.2 | `ffi` (fixed) |
    | `os.atomic` | 1.0 | `atomic` (fixed) |
    | `memory.arc` | 1.0 | `memory.arc_pointer` (fixed) |
    | `hashlib` | 1.2 | `hash` (fixed) |
    | `builtin.math` | 26.2 | builtins or `math` (reported) |

    Written with or without `std.` (`from sys.ffi import ...`, `from std.sys.ffi import
    ...`, `import os.atomic`). A project's own module of the same name (a `hashlib.mojo`
    next to the file or above it) is left alone, and so are relative imports. The new
    path is always written with `std.` (`from sys.ffi import ...` becomes `from std.ffi
    import ...`): every release that renamed these modules deprecates or rejects the
    implicit form. `gpu` is UP032's (it moved to MAX's `max.gpu`); `layout` and `buffer`
    are not flagged: whether they import depends on the toolchain the project installs
    (MAX ships them), not on the release. UP010, which adds `std.`, reads the same table
    and writes the new path too.

    ## Why is this bad?
    The import fails: `unable to locate module 'ffi'` (`sys.ffi`, 26.2 on), `unable to
    locate module 'atomic'` (1.0 on), `unable to locate module 'hashlib'` (1.2).

    ## Example
    ```mojo
    from std.sys.ffi import external_call
    from std.hashlib import Hasher
    ```

    ## Use instead
    ```mojo
    from std.ffi import external_call
    from std.hash import Hasher
    ```

    ## Fix safety
    The fix for a renamed module is **unsafe**: the module moved, and the names that the
    file imports from it were checked for `external_call`, `Atomic`, `ArcPointer` and
    `Hasher` only; a name that moved elsewhere still fails. `import os.atomic` (without
    `as`) is reported without a fix, because the file names the module by its path. The
    dissolved `builtin.math` is reported without a fix: where each name went is a per-name
    decision.

    ## Options
    None. Each module is reported only for targets from the release that dropped it.
    """

    code = "UP031"
    name = "removed-std-module"
    summary = "standard-library module renamed or dissolved (Mojo 26.2-1.2)"
    fix_availability = "sometimes"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (IMPORTS,)
    since_version = "26.2"
    removed_in = "26.2"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        folder = ctx.path.parent.resolve() if ctx.path is not None else None
        for statement in ctx.captures(IMPORTS).get("import", []):
            if statement.type == "import_from_statement":
                module = statement.child_by_field_name("module_name")
                paths = [module] if module is not None and module.type == "dotted_name" else []
            else:
                paths = [dotted_path(name) for name in statement.children_by_field_name("name")]
            plain_import = statement.type == "import_statement"
            for dotted in paths:
                found = _gone(ctx, dotted, folder)
                if found is None:
                    continue
                old, gone, parts = found
                new = renamed_path(parts, old, gone)
                if new is None:
                    yield ctx.report(dotted, f"module `{old}` is gone from the standard library "
                                             f"in Mojo {gone.removed_in}; {gone.advice}")
                    continue
                message = f"module `{old}` was renamed in Mojo {gone.removed_in}; {gone.advice}"
                if plain_import and dotted.parent is not None \
                        and dotted.parent.type == "import_statement":
                    yield ctx.report(dotted, message)  # `import a.b`: the file names the path
                    continue
                # Always with `std.`: every release that renamed these modules deprecates
                # (26.2) or rejects (1.0 on) the implicit form, so UP010 would add it anyway.
                fix = Fix(f"Import from `{new}`", (Edit(dotted.start_byte, dotted.end_byte, new),),
                          Applicability.UNSAFE)
                yield ctx.report(dotted, message, fix=fix)


def _gone(ctx: Context, dotted: Node, folder: Path | None) -> tuple[str, Gone, list[str]] | None:
    """(module as the table names it, its entry, the path without `std.`) for a dropped
    module; None for anything else, including a project's own module of the same name."""
    parts = ctx.text(dotted).replace(" ", "").split(".")
    std = parts[0] == "std"
    if std:
        parts = parts[1:]
    found = renamed_module(parts, ctx.target_version)
    if found is None:
        return None
    if not std and folder is not None and is_local_module(folder, parts[0]):
        return None
    return found[0], found[1], parts
