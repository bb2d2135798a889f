"""UP001-UP007 against the real compilers: the old forms and what the fixes write.

For each rule, ``upgrade_conventions/<code>_*.mojo`` uses the old form. Where some release on PyPI
still accepts it (`owned` until 0.26.1, `alias` until 1.0) the file compiles, or only
warns, under the oldest one, 0.25.6; the forms removed before 0.25.6 (`inout`, `borrowed`,
`let`, `@value`) are shown to be rejected there instead. Then ``mojolint check --fix
--unsafe-fixes --target-version T`` rewrites a copy, and the result compiles under release
T with no warning at all. Finally, where the compiler offers its own fix-its for the same
diagnostics (`--experimental-export-fixit`, 0.26.1 and later), the edits are the same bytes.

Run only these with ``pytest -m compiler tests/compiler/test_upgrade_conventions_compile.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mojolint.dev.toolchains import export_fixits, typecheck

from .conftest import UpgradeCase as Case
from .conftest import (
    check_fixed_output_compiles,
    check_old_forms_compile,
    fix_edits,
    overlaps,
    target_releases,
)

pytestmark = pytest.mark.compiler

SOURCES = Path(__file__).resolve().parent / "upgrade_conventions"
OLDEST = "0.25.6"

# (source, the rule, OLDEST when it accepts the old form (None when it rejects it), the
# deprecation message it prints then, (target-version, PyPI release proving the output))
CASES = (
    Case("up001_inout.mojo", "UP001", None, None, (("25.6", "0.25.6"), ("1.2", "1.2.0"))),
    Case("up002_borrowed.mojo", "UP002", None, None,
         (("25.6", "0.25.6"), ("1.0", "1.0.0"), ("1.2", "1.2.0"))),
    Case("up003_owned.mojo", "UP003", OLDEST, "'owned' has been deprecated",
         (("25.6", "0.25.6"), ("26.2", "0.26.2"))),
    Case("up004_let.mojo", "UP004", None, None, (("25.6", "0.25.6"), ("1.2", "1.2.0"))),
    Case("up005_alias.mojo", "UP005", OLDEST, None, (("26.1", "0.26.1"), ("1.2", "1.2.0"))),
    Case("up006_value.mojo", "UP006", None, None, (("25.6", "0.25.6"), ("1.2", "1.2.0"))),
    Case("up007_inout_self.mojo", "UP007", None, None,
         (("25.6", "0.25.6"), ("26.1", "0.26.1"))),
    Case("up007_mut_self.mojo", "UP007", None, None, (("25.6", "0.25.6"), ("26.1", "0.26.1"))),
)


def test_old_forms_under_the_oldest_release_on_pypi() -> None:
    check_old_forms_compile(SOURCES, CASES, OLDEST)
    # Removed before 0.25.6: no installable compiler accepts the old form.
    rejected = [SOURCES / case.source for case in CASES if case.old_release is None]
    for path, result in typecheck(OLDEST, rejected).items():
        assert not result.ok, f"{path.name}: {OLDEST} unexpectedly accepts the old form"


def test_owned_only_warns_and_alias_warns_under_0_26_1() -> None:
    results = typecheck("0.26.1", [SOURCES / "up003_owned.mojo", SOURCES / "up005_alias.mojo"])
    messages = {path.name: [w.message for w in result.warnings]
                for path, result in results.items() if result.ok}
    assert set(messages) == {"up003_owned.mojo", "up005_alias.mojo"}
    assert messages["up003_owned.mojo"] and all(
        "'owned' has been deprecated" in m for m in messages["up003_owned.mojo"])
    assert len(messages["up005_alias.mojo"]) == 5 and all(
        "'alias' is deprecated" in m for m in messages["up005_alias.mojo"])


@pytest.mark.parametrize("release", target_releases(CASES))
def test_fixed_output_compiles_without_warnings_under_the_target_release(
        tmp_path: Path, release: str) -> None:
    check_fixed_output_compiles(tmp_path, SOURCES, CASES, release)


@pytest.mark.parametrize(("code", "source", "release", "target"), [
    ("UP003", "up003_owned.mojo", "0.26.1", "26.1"),
    ("UP005", "up005_alias.mojo", "0.26.1", "26.1"),
    ("UP005", "up005_alias.mojo", "0.26.2", "26.2"),
    ("UP005", "up005_alias.mojo", "1.0.0", "1.0"),
])
def test_fixes_equal_the_compilers_own_fixits(
        tmp_path: Path, code: str, source: str, release: str, target: str) -> None:
    path = tmp_path / source
    shutil.copyfile(SOURCES / source, path)
    ours = fix_edits(tmp_path, source, code, target)
    theirs = [f for f in export_fixits(release, path) if f.file.resolve() == path.resolve()]
    assert ours, f"{code} offers no fix on {source}"
    # Every fix-it of the compiler that touches the bytes one of ours edits is ours exactly.
    same_place = {(f.offset, f.length, f.replacement) for f in theirs
                  if any(overlaps(f, edit) for edit in ours)}
    assert same_place == {edit.key for edit in ours}, (
        f"mojolint {sorted(e.key for e in ours)} vs mojo {release} {theirs}")
