"""Issue 14: the import rules and ST002 flag what Mojo 1.2 itself says nothing about, and
their safe fixes keep code compiling.

Each ``sources/general/<code>.mojo`` is a small program the rule flags on the lines marked
``# expect: CODE``. The tests type-check it with the real 1.2 compiler (it must compile,
with no error or warning on a flagged line: the compiler does not already report the
problem), run mojolint on it, and for fixable rules run ``--fix`` on a copy, type-check the
result and run ``--fix`` again to see that nothing changes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mojolint.dev.toolchains import CompileResult, typecheck

from .conftest import SOURCES, expectations, fix, flagged, new_warnings

pytestmark = pytest.mark.compiler

RELEASE = "1.2.0"
GENERAL = SOURCES / "general"
# code -> whether its fix is applied by --fix (safe) on the source
CASES = {"IM001": True, "IM002": True, "IM003": True, "ST002": False}


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CompileResult]:
    folder = tmp_path_factory.mktemp("general")
    copies = []
    for code in CASES:
        copy = folder / f"{code.lower()}.mojo"
        shutil.copy(GENERAL / copy.name, copy)
        copies.append(copy)
    results = typecheck(RELEASE, copies)
    return {path.stem.upper(): result for path, result in results.items()}


@pytest.mark.parametrize("code", sorted(CASES))
def test_compiler_is_silent_where_the_rule_reports(
        code: str, compiled: dict[str, CompileResult]) -> None:
    source = GENERAL / f"{code.lower()}.mojo"
    result = compiled[code]
    assert result.ok, [str(d) for d in result.errors]
    expected = expectations(source, unsafe=False)
    assert expected, f"{source.name} has no expect comments"
    assert flagged(source, code) == expected
    lines = {line for line, _ in expected}
    said = [str(d) for d in result.diagnostics if d.line in lines]
    assert said == [], f"the compiler already reports: {said}"


@pytest.mark.parametrize("code", sorted(code for code, safe in CASES.items() if safe))
def test_safe_fix_keeps_code_compiling_and_settles(
        code: str, compiled: dict[str, CompileResult], tmp_path: Path) -> None:
    copy = tmp_path / f"{code.lower()}.mojo"
    shutil.copy(GENERAL / copy.name, copy)
    original = copy.read_text(encoding="utf-8")
    fixed, remaining = fix(copy, code, unsafe=False)
    assert fixed != original
    assert remaining == [] or code == "IM003"  # IM003's loop shadowing has no fix
    after = typecheck(RELEASE, [copy])[copy.resolve()]
    assert after.ok, [str(d) for d in after.errors]
    assert new_warnings(compiled[code], after) == []
    again, _ = fix(copy, code, unsafe=False)
    assert again == fixed
