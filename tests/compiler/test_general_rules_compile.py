"""Issue 14: what the compiler says (nothing) about the problems the general rules flag.

Each file in ``general/`` holds a snippet a rule flags, marked ``# expect: CODE`` on the
flagged lines. Each test checks that mojolint flags exactly those lines, that the real 1.2
compiler builds the file without an error and without any diagnostic on a flagged line
(the compiler does not already say it), and, for the rules about wrong values, runs the
program and shows the wrong value (or the crash). The safe fixes (NU004, ST001) are applied
with ``mojolint check --fix`` to snippets and to ST001's fixture, and the fixed files build
again under 1.2 (and print the same); a second run changes nothing.

GP001 needs more than the compiler package: from 1.0 the GPU primitives are `max.gpu`, in
the `max` package, and the 1.2 compiler's own standard library keeps only a private
`std._gpu` (device info and `thread_idx`, no `barrier`). Its 1.2 snippet is built with
`-I` on `max.mojoc` from the `max-mojo-libs` release paired with 1.2.0 (26.7.0: `max-core
26.7.0` requires `mojo-compiler==1.2.0`), downloaded once into the toolchain cache (28 MB;
only when compiler tests are requested, like a release). Its 0.26.1 snippet uses the
`gpu` module of that release's standard library.

Run only these with ``pytest -m compiler tests/compiler/test_general_rules_compile.py``.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from mojolint.dev.toolchains import CompileResult, parse_diagnostics

from .conftest import expectations, flagged, mojolint

pytestmark = pytest.mark.compiler

SOURCES = Path(__file__).resolve().parent / "general"
RELEASE = "1.2.0"


@dataclass(frozen=True)
class Case:
    source: str
    code: str
    # What running the built program shows: a predicate on (stdout, return code), and what
    # it means, for the failure message. None: the file is only built (no `main`).
    shows: Callable[[str, int], bool] | None
    meaning: str
    release: str = RELEASE
    needs_max: bool = False  # built with `-I` on the `max` package's `max.mojoc`


CASES = (
    Case("nu001_wrap.mojo", "NU001", lambda out, rc: out.split() == ["44", "-56", "254"],
         "300 into UInt8 is 44, 200 into Int8 is -56, -2 into UInt8 is 254"),
    # Undefined: garbage that changes from run to run; neither 0 ("all bits shifted out")
    # nor the value unshifted.
    Case("nu002_shift.mojo", "NU002",
         lambda out, rc: rc == 0 and len(out.split()) == 2
         and all(v not in ("0", "1") for v in out.split()),
         "a 32-bit shift by 32 and a 64-bit shift by 64 give neither 0 nor the input"),
    Case("nu003_zero.mojo", "NU003", lambda out, rc: out.split() == ["0", "0"],
         "17 % 0 and 9 // 0 are 0, with no error"),
    Case("nu004_float.mojo", "NU004", lambda out, rc: out.split() == ["nan", "inf"],
         "the divisions make NaN and infinity"),
    Case("nu005_simd.mojo", "NU005", lambda out, rc: out.strip() == "[1, 2]",
         "SIMD[DType.int32, 2](1, 2, 3) silently drops the 3"),
    Case("nu005_short.mojo", "NU005", lambda out, rc: rc != 0 and "[0.5" not in out,
         "SIMD[DType.float32, 4] from 3 elements compiles and then crashes"),
    Case("me001_copy.mojo", "ME001", lambda out, rc: out.strip() == "True",
         "the copy holds the original's pointer, which both destructors free"),
    # Undefined: 1.2 prints 0, not the 42 written before the free; the second free passes
    # unnoticed.
    Case("me002_free.mojo", "ME002", lambda out, rc: out.split()[:1] != ["42"],
         "the read after unsafe_free does not give the 42 written before it"),
    # 64 calls that each leak 1 MiB: the resident memory grows by 64 MiB (65,596 KiB seen).
    Case("me003_leak.mojo", "ME003",
         lambda out, rc: rc == 0 and len(out.split()) == 2 and int(out.split()[1]) >= 60_000,
         "the process keeps the 64 MiB the calls allocated and never freed"),
    # Not a wrong value: the needless copy builds and runs without a word from the compiler.
    Case("pf001_copy.mojo", "PF001", lambda out, rc: out.split() == ["4", "14"],
         "the copy at the last use builds and runs silently"),
    Case("te001_try.mojo", "TE001", lambda out, rc: rc == 0 and "test passed" in out,
         "the test passes although parse_name never raises"),
    Case("st001_traits.mojo", "ST001", lambda out, rc: out.strip() == "3",
         "the redundant conformances build and run like the others"),
    Case("gp001_barrier.mojo", "GP001", None, "", release="0.26.1.0"),
    Case("gp001_barrier_max.mojo", "GP001", None, "", needs_max=True),
)


def build(toolchain: Callable[[str], Path], release: str, path: Path,
          *, executable: bool, include: Path | None = None) -> CompileResult:
    mojo = toolchain(release)
    out = path.with_suffix(".exe" if executable else ".o")
    emit = [] if executable else ["--emit", "object"]
    extra = ["-I", str(include)] if include is not None else []
    proc = subprocess.run([str(mojo), "build", *emit, *extra, str(path), "-o", str(out)],
                          capture_output=True, text=True, cwd=path.parent, check=False,
                          timeout=600)
    text = proc.stderr + proc.stdout
    return CompileResult(path, proc.returncode, parse_diagnostics(text), text)


@pytest.mark.parametrize("case", CASES, ids=[c.source for c in CASES])
def test_flagged_snippet_builds_silently_and_misbehaves(
        case: Case, tmp_path: Path, toolchain: Callable[[str], Path],
        request: pytest.FixtureRequest) -> None:
    path = tmp_path / case.source
    shutil.copyfile(SOURCES / case.source, path)
    expected = expectations(path)
    assert expected, f"{case.source} marks no line with `# expect:`"
    assert flagged(path, case.code, "--target-version", "1.2") == expected

    include = request.getfixturevalue("max_library")(RELEASE) if case.needs_max else None
    result = build(toolchain, case.release, path, executable=case.shows is not None,
                   include=include)
    assert result.ok, f"{case.source} does not build under {case.release}:\n{result.stderr}"
    flagged_lines = {line for line, _ in expected}
    about_it = [d for d in result.diagnostics if d.line in flagged_lines]
    # The compiler's whole output on the flagged lines: nothing.
    assert about_it == [], f"the compiler already reports it: {about_it}"
    if case.shows is None:
        return
    run = subprocess.run([str(path.with_suffix(".exe"))], capture_output=True, text=True,
                         check=False, timeout=120)
    assert case.shows(run.stdout, run.returncode), (
        f"expected: {case.meaning}; got rc={run.returncode} stdout={run.stdout!r}")


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# (file, rule, what the fixed program prints; None: no `main`, only built)
FIX_CASES = ((SOURCES / "nu004_float.mojo", "NU004", ["nan", "inf"]),
             (SOURCES / "st001_traits.mojo", "ST001", ["3"]),
             (FIXTURES / "st001" / "redundant.mojo", "ST001", None),
             # PF001's fix is unsafe; its outputs are checked the same way
             (SOURCES / "pf001_copy.mojo", "PF001", ["4", "14"]),
             (FIXTURES / "pf001" / "last_use.mojo", "PF001", None))


@pytest.mark.parametrize(("original", "code", "output"), FIX_CASES,
                         ids=[f"{c[0].parent.name}/{c[0].name}" for c in FIX_CASES])
def test_safe_fix_output_builds_and_runs_the_same_under_1_2(
        original: Path, code: str, output: list[str] | None, tmp_path: Path,
        toolchain: Callable[[str], Path]) -> None:
    source = original.name
    path = tmp_path / source
    shutil.copyfile(original, path)
    args = ["check", "--isolated", "--no-cache", "--target-version", "1.2", "--select", code,
            "--fix", "--unsafe-fixes", "--output-format", "json", path.name]
    first = mojolint(args, tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    fixed = path.read_text(encoding="utf-8")
    assert fixed != original.read_text(encoding="utf-8")
    again = mojolint(args, tmp_path)
    assert again.returncode == 0 and path.read_text(encoding="utf-8") == fixed
    result = build(toolchain, RELEASE, path, executable=output is not None)
    assert result.ok, result.stderr
    if output is None:
        return
    run = subprocess.run([str(path.with_suffix(".exe"))], capture_output=True, text=True,
                         check=False, timeout=120)
    assert run.stdout.split() == output
