"""UP008-UP016 against the real compilers: the old forms and what the fixes write.

For each rule, ``upgrade2/<code>_*.mojo`` uses the old form and type-checks (cleanly, or with
only the deprecation warning the rule answers) under the newest release on PyPI that still
accepts it: `fn`, implicit `std` imports and `@doc_private` under 0.26.2, `__copyinit__` with
`existing` and the implicitly raising `def` under 0.26.1, `@parameter if/for` and `read`
under 1.0.0, `__del__` and `@parameter` closures under 1.2.0. ``all_26_1.mojo`` holds every
one of them in a 0.26.1 module, upgraded with every UP rule (UP001-UP007 too). Then
``mojolint check --fix --unsafe-fixes --target-version T`` rewrites a copy, and the result
compiles under release T with no warning at all, while the unfixed file does not compile
cleanly under the newest target. Files are checked in one batch per release.

Run only these with ``pytest -m compiler tests/compiler/test_upgrade_functions_compile.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from mojolint.dev.toolchains import CompileResult, typecheck

pytestmark = pytest.mark.compiler

SOURCES = Path(__file__).resolve().parent / "upgrade2"


@dataclass(frozen=True)
class Case:
    source: str
    # The rules the fix runs: the case's own, plus UP008 where the target no longer has `fn`.
    select: str
    # The newest release on PyPI that accepts the old form, and the text every warning it
    # prints there contains (None: it must print no warning at all).
    old_release: str
    old_warning: str | None
    # (target-version, PyPI release that proves the fixed output)
    targets: tuple[tuple[str, str], ...]


ALL_TARGETS = (("26.2", "0.26.2"), ("1.0", "1.0.0"), ("1.1", "1.1.0"), ("1.2", "1.2.0"))
CASES = (
    # The closure in up008_fn.mojo is `@parameter`, which 1.1 deprecates: UP016 for 1.2.
    Case("up008_fn.mojo", "UP008,UP016", "0.26.2", None, ALL_TARGETS),
    Case("up009_parameter.mojo", "UP009", "1.0.0", "is deprecated; use 'comptime", ALL_TARGETS),
    Case("up010_imports.mojo", "UP010", "0.26.2",
         "Implicit standard library imports are deprecated", ALL_TARGETS),
    Case("up011_ctors.mojo", "UP008,UP011", "0.26.1", None, ALL_TARGETS),
    Case("up012_del.mojo", "UP012", "1.2.0", "'__del__' is deprecated; use '__deinit__'",
         (("1.0", "1.0.0"), ("1.2", "1.2.0"))),
    Case("up013_read.mojo", "UP013", "1.0.0", "'read' is deprecated; use 'imm'",
         (("1.0", "1.0.0"), ("1.2", "1.2.0"))),
    Case("up014_raises.mojo", "UP008,UP014", "0.26.1", None, ALL_TARGETS),
    Case("up015_doc.mojo", "UP015", "0.26.2", "use @doc_hidden instead of @doc_private",
         ALL_TARGETS),
    Case("up016_closure.mojo", "UP016", "1.2.0", "'@parameter' is deprecated; use '@__parameter'",
         (("1.1", "1.1.0"), ("1.2", "1.2.0"))),
    # Every rule together, and UP001-UP007 too: a 0.26.1 module upgraded in one run.
    Case("all_26_1.mojo", "UP", "0.26.1", None, ALL_TARGETS),
)
OLD_RELEASES = sorted({case.old_release for case in CASES})
TARGET_RELEASES = sorted({release for case in CASES for _, release in case.targets})


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
    run = mojolint(folder, "check", "--isolated", "--no-cache", "--select", case.select,
                   "--fix", "--unsafe-fixes", "--target-version", target, case.source)
    assert run.returncode == 0, run.stdout + run.stderr  # everything fixed, nothing left
    assert path.read_bytes() != (SOURCES / case.source).read_bytes()
    return path


def describe(result: CompileResult) -> str:
    return "\n".join(str(d) for d in result.diagnostics) or result.stderr


@pytest.mark.parametrize("release", OLD_RELEASES)
def test_old_forms_compile_under_the_newest_release_that_accepts_them(release: str) -> None:
    cases = [case for case in CASES if case.old_release == release]
    results = typecheck(release, [SOURCES / case.source for case in cases])
    for case in cases:
        result = results[(SOURCES / case.source).resolve()]
        assert result.ok, f"{case.source} under {release}:\n{describe(result)}"
        if case.old_warning is None:
            assert not result.warnings, describe(result)
        else:
            assert result.warnings, f"{case.source}: {release} no longer warns"
            assert all(case.old_warning in w.message for w in result.warnings), describe(result)


def test_old_forms_do_not_compile_cleanly_under_the_newest_target() -> None:
    newest = {case.source: case.targets[-1][1] for case in CASES}
    for release in sorted(set(newest.values())):
        sources = [SOURCES / source for source, r in newest.items() if r == release]
        for path, result in typecheck(release, sources).items():
            assert not result.ok or result.warnings, f"{path.name} is already clean on {release}"


@pytest.mark.parametrize("release", TARGET_RELEASES)
def test_fixed_output_compiles_without_warnings_under_the_target_release(
        tmp_path: Path, release: str) -> None:
    fixed = {f"{case.source} for {target}": fixed_copy(tmp_path, case, target)
             for case in CASES for target, proof in case.targets if proof == release}
    assert fixed
    results = typecheck(release, list(fixed.values()))
    for name, path in fixed.items():
        result = results[path.resolve()]
        assert result.ok and not result.warnings, (
            f"{name}, checked by {release}:\n{path.read_text(encoding='utf-8')}\n"
            f"{describe(result)}")
