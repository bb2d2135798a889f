"""Issue 5: the safe fixes of the tensor-safety rules keep code compiling.

The Mojo files in ``sources/`` define a small ProjectOdyssey-shaped tensor type
(``odyssey_tensor.mojo``) and functions the rules flag. Each test type-checks a copy with the
real compiler (``mojo==0.26.1.0`` from PyPI, cached), runs ``mojolint check --fix`` on it as a
user would, checks the flagged lines were fixed, and type-checks the fixed file again.

A line ending in ``# expect: TS001`` must be flagged (once per listed code) before fixing
and fixed by ``--fix``; ``# expect-unsafe: TS001`` is fixed only with ``--unsafe-fixes``.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from mojolint.dev.toolchains import CompileResult, typecheck

from .conftest import SOURCES, expectations, fix, flagged, mojolint, new_warnings

pytestmark = pytest.mark.compiler

BREAKS = "# breaks-with-unsafe-fixes"
SAFE_CASES = {
    "ts001_safe.mojo": "TS001,TS004",
    "ts004_safe.mojo": "TS001,TS004",
    "ts002_safe.mojo": "TS002",
}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("proof")
    for source in SOURCES.glob("*.mojo"):
        shutil.copy(source, folder / source.name)
    return folder


@pytest.fixture(scope="module")
def originals(mojo_26_1: str, workdir: Path) -> dict[str, CompileResult]:
    """Every source, type-checked unchanged in one batch: all must compile."""
    results = typecheck(mojo_26_1, sorted(workdir.glob("ts*.mojo")))
    return {path.name: result for path, result in results.items()}


@pytest.fixture(scope="module")
def rules_available() -> set[str]:
    run = mojolint(["rules"], Path(sys.prefix))
    return {line.split()[0] for line in run.stdout.splitlines()[1:] if line.strip()}


def fresh_copy(workdir: Path, name: str, tag: str) -> Path:
    """A copy of a case next to the tensor module, so each fix run starts from the original."""
    copy = workdir / f"{Path(name).stem}_{tag}.mojo"
    shutil.copy(workdir / name, copy)
    return copy


def test_every_source_compiles_unchanged(originals: dict[str, CompileResult]) -> None:
    assert sorted(originals) == sorted(p.name for p in SOURCES.glob("ts*.mojo"))
    for name, result in originals.items():
        assert result.ok, (name, [str(d) for d in result.errors])


@pytest.mark.parametrize("unsafe", [False, True], ids=["fix", "unsafe-fixes"])
@pytest.mark.parametrize("name", sorted(SAFE_CASES))
def test_safe_fixes_keep_code_compiling(
    name: str, unsafe: bool, mojo_26_1: str, workdir: Path,
    originals: dict[str, CompileResult], rules_available: set[str],
) -> None:
    select = SAFE_CASES[name]
    missing = set(select.split(",")) - rules_available
    if missing:
        pytest.skip(f"{', '.join(sorted(missing))} not in `mojolint rules` yet")
    assert originals[name].ok
    copy = fresh_copy(workdir, name, "unsafe" if unsafe else "safe")
    original = copy.read_text(encoding="utf-8")
    expected = expectations(copy, unsafe=False)
    assert expected, f"{name} has no expect comments"
    assert flagged(copy, select) == expected

    fixed, remaining = fix(copy, select, unsafe=unsafe)
    assert fixed != original
    assert remaining == []
    # what was flagged is gone, and nothing else changed meaningfully: the same functions
    assert fixed.count("\nfn ") == original.count("\nfn ")

    after = typecheck(mojo_26_1, [copy])[copy.resolve()]
    assert after.ok, [str(d) for d in after.errors]
    assert new_warnings(originals[name], after) == []


def test_unsafe_native_accessor_fix_that_still_compiles(
    mojo_26_1: str, workdir: Path, originals: dict[str, CompileResult]
) -> None:
    name = "ts001_unsafe_compiles.mojo"
    copy = fresh_copy(workdir, name, "check")
    original = copy.read_text(encoding="utf-8")
    expected = expectations(copy, unsafe=True)
    assert len(expected) == 2
    assert flagged(copy, "TS001") == expected
    assert fix(copy, "TS001", unsafe=False) == (original, expected)  # safe mode: untouched

    fixed, remaining = fix(copy, "TS001", unsafe=True)
    assert fixed.count("._get_float32(0)") == 2
    assert remaining == []
    after = typecheck(mojo_26_1, [copy])[copy.resolve()]
    assert originals[name].ok and after.ok, [str(d) for d in after.errors]


def test_unsafe_native_accessor_fix_can_break_downstream_types(
    mojo_26_1: str, workdir: Path, originals: dict[str, CompileResult]
) -> None:
    name = "ts001_unsafe_breaks.mojo"
    copy = fresh_copy(workdir, name, "check")
    original = copy.read_text(encoding="utf-8")
    expected = expectations(copy, unsafe=True)
    assert flagged(copy, "TS001") == expected
    assert fix(copy, "TS001", unsafe=False) == (original, expected)
    assert originals[name].ok

    fixed, remaining = fix(copy, "TS001", unsafe=True)
    assert "var got = t._get_float32(0)" in fixed
    assert remaining == []
    after = typecheck(mojo_26_1, [copy])[copy.resolve()]
    breaking_line = next(n for n, line in enumerate(fixed.splitlines(), 1) if BREAKS in line)
    located = [d for d in after.errors if d.file]
    assert [d.line for d in located] == [breaking_line], [str(d) for d in after.errors]
    assert "cannot be converted from 'Float64' to 'Float32'" in located[0].message


@pytest.fixture(scope="module")
def all_rules_fixed(
    mojo_26_1: str, workdir: Path, rules_available: set[str]
) -> dict[str, tuple[CompileResult, list[tuple[int, str]]]]:
    """Every safe case fixed by TS001, TS002 and TS004 together in one run (their fixes
    interact: TS002 rewrites pointer uses that TS004 extends the owner's life for)."""
    if "TS002" not in rules_available:
        pytest.skip("TS002 not in `mojolint rules` yet")
    copies = [fresh_copy(workdir, name, "all") for name in sorted(SAFE_CASES)]
    before = {copy.name: copy.read_text(encoding="utf-8") for copy in copies}
    run = mojolint(["check", "--isolated", "--no-cache", "--select", "TS001,TS002,TS004",
                    "--fix", "--output-format", "json", *(c.name for c in copies)], workdir)
    assert run.returncode in (0, 1), run.stderr
    for copy in copies:
        assert copy.read_text(encoding="utf-8") != before[copy.name]
    remaining: dict[str, list[tuple[int, str]]] = {copy.name: [] for copy in copies}
    for d in json.loads(run.stdout):
        remaining[Path(d["filename"]).name].append((d["location"]["row"], d["code"]))
    results = typecheck(mojo_26_1, copies)
    return {
        name: (results[copy.resolve()], remaining[copy.name])
        for name, copy in zip(sorted(SAFE_CASES), copies, strict=True)
    }


def test_all_safe_fixes_together_keep_code_compiling(
    all_rules_fixed: dict[str, tuple[CompileResult, list[tuple[int, str]]]]
) -> None:
    for name, (result, remaining) in all_rules_fixed.items():
        assert remaining == [], name
        assert result.ok, (name, [str(d) for d in result.errors])


@pytest.mark.xfail(
    strict=True,
    reason="TS002 rewrites every use of `var p = t._data.bitcast[T]()` to accessors but "
    "keeps the binding, so the compiler warns that `p` is never used",
)
def test_all_safe_fixes_together_add_no_compiler_warnings(
    all_rules_fixed: dict[str, tuple[CompileResult, list[tuple[int, str]]]],
    originals: dict[str, CompileResult],
) -> None:
    for name, (result, _) in all_rules_fixed.items():
        assert new_warnings(originals[name], result) == [], name
