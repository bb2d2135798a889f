"""UP008-UP016 against the compilers' own fix-its (issue 6).

For every release that can export fix-its (``--experimental-export-fixit``: 0.26.1, 0.26.2,
1.0.0, 1.1.0, 1.2.0) and every source in ``upgrade_functions/``, the compiler's fix-its are compared
with the edits of ``mojolint check --select UP --target-version <that release>`` on the same
bytes (one export and one lint per file and release). Every compiler fix-it that touches bytes
one of our edits touches must be that edit exactly, with one documented exception:

* UP010, ``import math`` / ``import os.path`` / ``import sys, random`` (no ``as``): the
  compiler inserts ``std.`` (``import std.math``), which binds only ``std``, so every later
  ``math.sqrt`` fails ("use of unknown declaration 'math'"). UP010 writes
  ``from std import math`` instead. ``test_up010_the_compilers_import_fixit_does_not_compile``
  proves theirs is rejected by 0.26.2 and ours compiles there without a warning.

Compiler fix-its that touch none of our edits belong to diagnostics no UP rule answers; each is
listed in ``UNRELATED`` with the reason, so a new one fails the test. Which rules the compiler
offers fix-its for, per release, is pinned in ``EQUAL`` (recorded in docs/upgrade-rules.md,
section "Compiler fix-its").

Run only these with ``pytest -m compiler tests/compiler/test_upgrade_compiler_fixits.py``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mojolint.dev.toolchains import FixIt, export_fixits, typecheck

from .conftest import Edit, fix_edits, mojolint, overlaps

pytestmark = pytest.mark.compiler

SOURCES = Path(__file__).resolve().parent / "upgrade_functions"
SOURCE_NAMES = sorted(path.name for path in SOURCES.glob("*.mojo"))

#: Each release that exports fix-its, and the --target-version that means that release.
RELEASES = {"0.26.1": "26.1", "0.26.2": "26.2", "1.0.0": "1.0", "1.1.0": "1.1", "1.2.0": "1.2"}

#: Per release, the rules for which the compiler offers a fix-it equal to ours.
EQUAL: dict[str, frozenset[str]] = {
    "0.26.1": frozenset(),
    "0.26.2": frozenset({"UP009", "UP010"}),
    "1.0.0": frozenset({"UP008", "UP009", "UP012", "UP013"}),
    "1.1.0": frozenset({"UP008", "UP012", "UP013", "UP016"}),
    "1.2.0": frozenset({"UP008", "UP012", "UP013", "UP016"}),
}

#: Per release, how many compiler fix-its are the known UP010 difference (see the docstring).
UP010_DIFFERENCES = {"0.26.2": 5}

#: Compiler fix-its that touch none of our edits: (release, source, bytes replaced, replacement).
UNRELATED = {
    # 0.26.1 rejects the non-raising `def __del__` ("cannot define '__del__' as 'def'; 'def'
    # implicitly raises") and proposes replacing the *name* with `fn`: misplaced, and at 26.1
    # no UP rule edits this line (the file is a 1.x file; UP012 targets 1.0 and later).
    ("0.26.1", "up012_del.mojo", "__del__", "fn"),
    # From 1.1 on, `import os.path` without `std.` binds nothing, so `path.exists` is unknown
    # and the compiler suggests the closest name in scope, `math`. UP010 rewrites the import
    # line (`from std.os import path`), which makes `path` known again.
    ("1.1.0", "all_26_1.mojo", "path", "math"),
    ("1.2.0", "all_26_1.mojo", "path", "math"),
}

_IMPORT = re.compile(rb"import\s+([\w.]+(?:\s*,\s*[\w.]+)*)\s*")


def is_known_up010_difference(source: bytes, fixit: FixIt, edit: Edit) -> bool:
    """The compiler inserts `std.` before a module of a plain `import a[.b], ...` statement
    (no `as`) where UP010 rewrites the statement into `from std[.a] import b, ...`."""
    if edit.code != "UP010" or fixit.length != 0 or fixit.replacement != "std.":
        return False
    statement = source[edit.offset: edit.offset + edit.length]
    m = _IMPORT.fullmatch(statement)
    if m is None:
        return False
    modules = [part.strip() for part in m[1].split(b",")]
    starts = {edit.offset + m.start(1) + m[1].index(module) for module in modules}
    if fixit.offset not in starts:
        return False
    leaves = ", ".join(module.rsplit(b".", 1)[-1].decode() for module in modules)
    return edit.text.startswith("from std") and edit.text.endswith(f" import {leaves}")


def apply(source: bytes, fixits: list[FixIt]) -> bytes:
    for fixit in sorted(fixits, key=lambda f: f.offset, reverse=True):
        source = (source[: fixit.offset] + fixit.replacement.encode("utf-8")
                  + source[fixit.offset + fixit.length:])
    return source


@pytest.mark.parametrize("release", sorted(RELEASES))
def test_compiler_fixits_equal_ours(
        tmp_path: Path, toolchain: Callable[[str], Path], release: str) -> None:
    toolchain(release)
    equal: set[str] = set()
    up010_differences = 0
    problems: list[str] = []
    for name in SOURCE_NAMES:
        path = tmp_path / name
        shutil.copyfile(SOURCES / name, path)
        source = path.read_bytes()
        ours = fix_edits(tmp_path, name, "UP", RELEASES[release])
        ours_by_key = {edit.key: edit for edit in ours}
        theirs = [f for f in export_fixits(release, path) if f.file.resolve() == path.resolve()]
        for fixit in theirs:
            touched = [edit for edit in ours if overlaps(fixit, edit)]
            replaced = source[fixit.offset: fixit.offset + fixit.length].decode("utf-8")
            where = f"{name}: mojo {release} replaces {replaced!r} at byte {fixit.offset}" \
                f" with {fixit.replacement!r}"
            same = ours_by_key.get((fixit.offset, fixit.length, fixit.replacement))
            if same is not None:
                equal.add(same.code)
            elif not touched:
                if (release, name, replaced, fixit.replacement) not in UNRELATED:
                    problems.append(f"{where}; no UP rule edits there")
            elif all(is_known_up010_difference(source, fixit, edit) for edit in touched):
                up010_differences += 1
            else:
                problems.append(f"{where}; mojolint writes "
                                f"{[(e.code, e.offset, e.length, e.text) for e in touched]}")
    assert not problems, "\n".join(problems)
    assert equal == EQUAL[release], f"rules with equal fix-its under {release}: {sorted(equal)}"
    assert up010_differences == UP010_DIFFERENCES.get(release, 0)


def test_up010_the_compilers_import_fixit_does_not_compile(tmp_path: Path) -> None:
    name = "up010_imports.mojo"
    for folder in ("theirs", "ours"):
        (tmp_path / folder).mkdir()
        shutil.copyfile(SOURCES / name, tmp_path / folder / name)
    theirs, ours = tmp_path / "theirs" / name, tmp_path / "ours" / name
    fixits = [f for f in export_fixits("0.26.2", theirs) if f.file.resolve() == theirs.resolve()]
    original = theirs.read_bytes()
    assert b"\nimport math\n" in original
    theirs.write_bytes(apply(original, fixits))
    assert b"\nimport std.math\n" in theirs.read_bytes()
    run = mojolint(["check", "--isolated", "--no-cache", "--select", "UP010", "--fix",
                    "--target-version", "26.2", name], ours.parent)
    assert run.returncode == 0, run.stdout + run.stderr
    assert b"\nfrom std import math\n" in ours.read_bytes()

    results = typecheck("0.26.2", [theirs, ours])
    rejected = results[theirs.resolve()]
    assert not rejected.ok
    unknown = {m[1] for d in rejected.errors
               if (m := re.search(r"use of unknown declaration '(\w+)'", d.message))}
    assert unknown == {"math", "sys", "random"}, [str(d) for d in rejected.diagnostics]
    accepted = results[ours.resolve()]
    assert accepted.ok and not accepted.warnings, [str(d) for d in accepted.diagnostics]
