"""UP031: imports of standard-library modules that were renamed or dissolved (26.2-1.2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.imports import dotted_path, is_local_module
from mojolint.rule import Context, Rule
from mojolint.versions import is_at_least

IMPORTS = "[(import_statement) (import_from_statement)] @import"


@dataclass(frozen=True)
class Gone:
    removed_in: str
    replacement: str | None  # the module's new path in `std`, when it was renamed
    advice: str


#: Checked with the compilers (PyPI's 0.26.1, 0.26.2, 1.0.0, 1.1.0 and 1.2.0): from
#: ``removed_in`` on, `from OLD import ...` fails (with or without `std.`) and `NEW` works.
MODULES: dict[str, Gone] = {
    "sys.ffi": Gone("26.2", "ffi", "it is `std.ffi` from 26.2"),
    "os.atomic": Gone("1.0", "atomic", "it is `std.atomic` from 1.0"),
    "memory.arc": Gone("1.0", "memory.arc_pointer", "it is `std.memory.arc_pointer` from 1.0"),
    "hashlib": Gone("1.2", "hash", "it is `std.hash` from 1.2"),
    "builtin.math": Gone("26.2", None, "its functions are builtins (`abs`, `min`, `max`, "
                                       "`pow`, `round`, `divmod`) or in `std.math`"),
}
# Not listed: `gpu` (PyPI's 1.1 and 1.2 compilers have no `std.gpu`, but Modular's
# documentation says only `gpu.host` and `gpu.compute` moved to MAX's `max.gpu` so far and the
# rest is still in the standard library of the full toolchain), `layout` and `buffer` (never
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
    next to the file or above it) is left alone, and so are relative imports. `gpu`,
    `layout` and `buffer` are not flagged: whether they import depends on the toolchain
    the project installs (MAX ships them), not on the release.

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
                old, gone, std = found
                written = ctx.text(dotted)
                if gone.replacement is None:
                    yield ctx.report(dotted, f"module `{old}` is gone from the standard library "
                                             f"in Mojo {gone.removed_in}; {gone.advice}")
                    continue
                message = f"module `{old}` was renamed in Mojo {gone.removed_in}; {gone.advice}"
                if plain_import and dotted.parent is not None \
                        and dotted.parent.type == "import_statement":
                    yield ctx.report(dotted, message)  # `import a.b`: the file names the path
                    continue
                rest = written.split(".")[len(old.split(".")) + (1 if std else 0):]
                new = ".".join([*(["std"] if std else []), *gone.replacement.split("."), *rest])
                fix = Fix(f"Import from `{new}`", (Edit(dotted.start_byte, dotted.end_byte, new),),
                          Applicability.UNSAFE)
                yield ctx.report(dotted, message, fix=fix)


def _gone(ctx: Context, dotted: Node, folder: Path | None) -> tuple[str, Gone, bool] | None:
    """(module as the table names it, its entry, written with `std.`) for a dropped module."""
    parts = ctx.text(dotted).replace(" ", "").split(".")
    std = parts[0] == "std"
    if std:
        parts = parts[1:]
    if not parts:
        return None
    for size in (2, 1):
        old = ".".join(parts[:size])
        gone = MODULES.get(old)
        if gone is None or len(parts) < size or not is_at_least(ctx.target_version,
                                                                  gone.removed_in):
            continue
        if not std and folder is not None and is_local_module(folder, parts[0]):
            return None
        return old, gone, std
    return None
