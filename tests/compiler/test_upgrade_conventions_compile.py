"""UP001-UP007 against the real compilers: the old forms and what the fixes write.

For each rule, ``upgrade/<code>_*.mojo`` uses the old form. Where some release on PyPI
still accepts it (`owned` until 0.26.1, `alias` until 1.0) the file compiles, or only
warns, under the oldest one, 0.25.6; the forms removed before 0.25.6 (`inout`, `borrowed`,
`let`, `@value`) are shown to be rejected there instead. Then ``mojolint check --fix
--unsafe-fixes --target-version T`` rewrites a copy, and the result compiles under release
T with no warning at all. Finally, where the compiler offers its own fix-its for the same
diagnostics (`--experimental-export-fixit`, 0.26.1 and later), the edits are the same bytes.

Run only these with ``pytest -m compiler tests/compiler/test_upgrade_conventions_compile.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from mojolint.dev.toolchains import CompileResult, export_fixits, typecheck

pytestmark = pytest.mark.compiler

SOURCES = Path(__file__).resolve().parent / "upgrade"
OLDEST = "0.25.6"


@dataclass(frozen=True)
class Case:
    code: str
    source: str
    # The deprecation message 0.25.6 prints for the old form; None when 0.25.6 rejects it.
    old_warning: str | None
    # (target-version, PyPI release that proves the fixed output)
    targets: tuple[tuple[str, str], ...]


CASES = (
    Case("UP001", "up001_inout.mojo", None, (("25.6", "0.25.6"), ("1.2", "1.2.0"))),
    Case("UP002", "up002_borrowed.mojo", None,
         (("25.6", "0.25.6"), ("1.0", "1.0.0"), ("1.2", "1.2.0"))),
    Case("UP003", "up003_owned.mojo", "'owned' has been deprecated",
         (("25.6", "0.25.6"), ("26.2", "0.26.2"))),
    Case("UP004", "up004_let.mojo", None, (("25.6", "0.25.6"), ("1.2", "1.2.0"))),
    Case("UP005", "up005_alias.mojo", "", (("26.1", "0.26.1"), ("1.2", "1.2.0"))),
    Case("UP006", "up006_value.mojo", None, (("25.6", "0.25.6"), ("1.2", "1.2.0"))),
    Case("UP007", "up007_inout_self.mojo", None, (("25.6", "0.25.6"), ("26.1", "0.26.1"))),
    Case("UP007", "up007_mut_self.mojo", None, (("25.6", "0.25.6"), ("26.1", "0.26.1"))),
)
RELEASES = sorted({release for case in CASES for _, release in case.targets})


def mojolint(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m mojolint ARGS`` run in ``folder`` (outside the checkout)."""
    return subprocess.run([sys.executable, "-m", "mojolint", *args], cwd=folder,
                          capture_output=True, text=True, env=dict(os.environ), check=False)


def fixed_copy(tmp_path: Path, case: Case, target: str) -> Path:
    """A copy of the case's source after ``--fix --unsafe-fixes`` for ``target``."""
    folder = tmp_path / f"{Path(case.source).stem}-{target}"
    folder.mkdir()
    path = folder / case.source
    shutil.copyfile(SOURCES / case.source, path)
    run = mojolint(folder, "check", "--isolated", "--no-cache", "--select", case.code, "--fix",
                   "--unsafe-fixes", "--target-version", target, case.source)
    assert run.returncode == 0, run.stdout + run.stderr  # everything fixed, nothing left
    assert path.read_bytes() != (SOURCES / case.source).read_bytes()
    return path


def describe(result: CompileResult) -> str:
    return "\n".join(str(d) for d in result.diagnostics) or result.stderr


def test_old_forms_under_the_oldest_release_on_pypi() -> None:
    results = typecheck(OLDEST, [SOURCES / case.source for case in CASES])
    for case in CASES:
        result = results[(SOURCES / case.source).resolve()]
        if case.old_warning is None:
            # Removed before 0.25.6: no installable compiler accepts the old form.
            assert not result.ok, f"{case.code}: {OLDEST} unexpectedly accepts the old form"
        else:
            assert result.ok, f"{case.code} under {OLDEST}:\n{describe(result)}"
            assert all(case.old_warning in w.message for w in result.warnings), describe(result)


def test_owned_only_warns_and_alias_warns_under_0_26_1() -> None:
    results = typecheck("0.26.1", [SOURCES / "up003_owned.mojo", SOURCES / "up005_alias.mojo"])
    messages = {path.name: [w.message for w in result.warnings]
                for path, result in results.items() if result.ok}
    assert set(messages) == {"up003_owned.mojo", "up005_alias.mojo"}
    assert messages["up003_owned.mojo"] and all(
        "'owned' has been deprecated" in m for m in messages["up003_owned.mojo"])
    assert len(messages["up005_alias.mojo"]) == 5 and all(
        "'alias' is deprecated" in m for m in messages["up005_alias.mojo"])


@pytest.mark.parametrize("release", RELEASES)
def test_fixed_output_compiles_without_warnings_under_the_target_release(
        tmp_path: Path, release: str) -> None:
    fixed = {f"{case.code} ({case.source})": fixed_copy(tmp_path, case, target)
             for case in CASES for target, proof in case.targets if proof == release}
    assert fixed
    results = typecheck(release, list(fixed.values()))
    for code, path in fixed.items():
        result = results[path.resolve()]
        assert result.ok and not result.warnings, f"{code} fixed for {release}:\n" \
            f"{path.read_text(encoding='utf-8')}\n{describe(result)}"


def mojolint_edits(folder: Path, name: str, code: str, target: str) -> set[tuple[int, int, str]]:
    """(offset, length, text) of every edit of ``code``'s fixes, as JSON reports them."""
    run = mojolint(folder, "check", "--isolated", "--no-cache", "--select", code,
                   "--target-version", target, "--output-format", "json", name)
    lines = (folder / name).read_bytes().splitlines(keepends=True)

    def offset(place: dict[str, int]) -> int:  # 1-based row, 1-based column in characters
        before = b"".join(lines[: place["row"] - 1])
        text = lines[place["row"] - 1].decode("utf-8") if place["row"] <= len(lines) else ""
        return len(before) + len(text[: place["column"] - 1].encode("utf-8"))

    edits = set()
    for diagnostic in json.loads(run.stdout):
        for edit in diagnostic["fix"]["edits"]:
            start, end = offset(edit["location"]), offset(edit["end_location"])
            edits.add((start, end - start, edit["content"]))
    return edits


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
    ours = mojolint_edits(tmp_path, source, code, target)
    theirs = {(f.offset, f.length, f.replacement) for f in export_fixits(release, path)
              if f.file.resolve() == path.resolve()}
    assert ours, f"{code} offers no fix on {source}"
    # Every fix-it of the compiler that touches the bytes one of ours edits is ours exactly.
    same_place = {f for f in theirs
                  if any(f[0] < o[0] + max(o[1], 1) and o[0] < f[0] + max(f[1], 1)
                         for o in ours)}
    assert same_place == ours, f"mojolint {sorted(ours)} vs mojo {release} {sorted(theirs)}"
