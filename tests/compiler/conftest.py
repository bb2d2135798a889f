"""Fixtures for tests that run the real Mojo compiler (marked ``compiler``).

Each release is installed from PyPI into the toolchain cache (see ``mojolint.dev.toolchains``)
only when the run asks for these tests (``pytest -m compiler`` or ``MOJOLINT_COMPILER_TESTS=1``,
which ``.ci/run`` sets); otherwise a test whose release is not cached is skipped (see
``tests/conftest.py``). ``pytest -m "not compiler"`` leaves them all out.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import compiler_tests_requested

from mojolint.dev.toolchains import (
    CompileResult,
    FixIt,
    cache_dir,
    ensure_max_library,
    ensure_toolchain,
    max_library_dir,
    normalize_version,
    typecheck,
)

SOURCES = Path(__file__).resolve().parent / "sources"
# ``# expect: CODE ...`` marks a line the rules must flag (and, in a fix test, ``--fix``
# must fix); ``# expect-unsafe: CODE`` one fixed only with ``--unsafe-fixes``.
EXPECT = re.compile(r"#\s*expect(?P<unsafe>-unsafe)?:\s*(?P<codes>(?:[A-Z]+[0-9]+\s*)+)$")

#: The release issue 5's proof is checked with.
PROOF_RELEASE = "0.26.1.0"


@pytest.fixture(scope="session")
def toolchain() -> Callable[[str], Path]:
    """``toolchain(version)`` → the ``mojo`` binary of that release, installed once."""
    installed: dict[str, Path] = {}

    def get(version: str) -> Path:
        pin = normalize_version(version)
        if pin not in installed:
            installed[pin] = ensure_toolchain(pin)
        return installed[pin]

    return get


@pytest.fixture(scope="session")
def mojo_26_1(toolchain: Callable[[str], Path]) -> str:
    """The 0.26.1 release, installed; its version string for ``typecheck``."""
    toolchain(PROOF_RELEASE)
    return PROOF_RELEASE


@pytest.fixture(scope="session")
def max_library(request: pytest.FixtureRequest,
                toolchain: Callable[[str], Path]) -> Callable[[str], Path]:
    """``max_library(release)`` -> the folder of the `max.mojoc` of the max-mojo-libs
    release paired with that release (for ``-I``), downloaded once (25-28 MB) when compiler
    tests are requested; otherwise the test is skipped when it is not cached."""
    def get(release: str) -> Path:
        folder = max_library_dir(release)
        if (folder / "max.mojoc").is_file():
            return folder
        if not compiler_tests_requested(request.config):
            pytest.skip(f"needs {folder.name}, not in {cache_dir()}; `pytest -m compiler` or "
                        "MOJOLINT_COMPILER_TESTS=1 downloads it (25-28 MB)")
        toolchain(release)
        return ensure_max_library(release)
    return get


def describe(result: CompileResult) -> str:
    """What the compiler said: its diagnostics, or its stderr when it printed none."""
    return "\n".join(str(d) for d in result.diagnostics) or result.stderr


# --- running mojolint on compiled sources -------------------------------------------------


def expectations(path: Path, *, unsafe: bool = False) -> list[tuple[int, str]]:
    """(line, code) of every ``expect`` (or, with ``unsafe``, ``expect-unsafe``) comment,
    sorted."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = EXPECT.search(line)
        if m and bool(m["unsafe"]) == unsafe:
            found += [(number, code) for code in m["codes"].split()]
    return sorted(found)


def mojolint(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``mojolint ARGS`` in a separate process; run it outside the checkout, so the installed
    package (with its parser) is imported."""
    return subprocess.run([sys.executable, "-m", "mojolint", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


def flagged(path: Path, select: str, *extra: str) -> list[tuple[int, str]]:
    """(line, code) of what ``mojolint check --select SELECT EXTRA`` reports on ``path``,
    sorted."""
    run = mojolint(["check", "--isolated", "--no-cache", *extra, "--select", select,
                    "--output-format", "json", path.name], path.parent)
    assert run.returncode in (0, 1), run.stderr
    return sorted((d["location"]["row"], d["code"]) for d in json.loads(run.stdout))


def fix(path: Path, select: str, *, unsafe: bool) -> tuple[str, list[tuple[int, str]]]:
    """Run ``mojolint check --fix`` on ``path``: the text it wrote, and (line, code) of what
    it still reports afterwards."""
    args = ["check", "--isolated", "--no-cache", "--select", select, "--fix",
            "--output-format", "json", path.name]
    run = mojolint([*args, "--unsafe-fixes"] if unsafe else args, path.parent)
    assert run.returncode in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    remaining = sorted((d["location"]["row"], d["code"]) for d in json.loads(run.stdout))
    return path.read_text(encoding="utf-8"), remaining


def new_warnings(before: CompileResult, after: CompileResult) -> list[str]:
    """Warnings of the fixed file that the original did not have (by message)."""
    old = Counter(d.message for d in before.warnings)
    new = Counter(d.message for d in after.warnings)
    return sorted((new - old).elements())


# --- the upgrade rules' proofs: old forms, fixed output, the compilers' fix-its -----------


@dataclass(frozen=True)
class UpgradeCase:
    """A source written in an old dialect, and the releases that prove its upgrade."""

    source: str
    select: str  # the rules the fix runs
    old_release: str | None  # a PyPI release that accepts the old form (None: none does)
    old_warning: str | None  # what every warning it prints there contains (None: no warning)
    targets: tuple[tuple[str, str], ...]  # (target-version, PyPI release proving the output)


def old_releases(cases: Sequence[UpgradeCase]) -> list[str]:
    return sorted({case.old_release for case in cases if case.old_release is not None})


def target_releases(cases: Sequence[UpgradeCase]) -> list[str]:
    return sorted({release for case in cases for _, release in case.targets})


def check_old_forms_compile(sources: Path, cases: Sequence[UpgradeCase], release: str
                            ) -> None:
    """The cases whose ``old_release`` is ``release`` compile there, with no warning or only
    warnings that contain their ``old_warning``."""
    chosen = [case for case in cases if case.old_release == release]
    results = typecheck(release, [sources / case.source for case in chosen])
    for case in chosen:
        result = results[(sources / case.source).resolve()]
        assert result.ok, f"{case.source} under {release}:\n{describe(result)}"
        if case.old_warning is None:
            assert not result.warnings, describe(result)
        else:
            assert result.warnings, f"{case.source}: {release} no longer warns"
            assert all(case.old_warning in w.message for w in result.warnings), describe(result)


def check_old_forms_unclean_under_newest_target(sources: Path, cases: Sequence[UpgradeCase]
                                                ) -> None:
    """Each source fails to compile, or warns, under the release of its newest target."""
    newest = {case.source: case.targets[-1][1] for case in cases}
    for release in sorted(set(newest.values())):
        paths = [sources / source for source, r in newest.items() if r == release]
        for path, result in typecheck(release, paths).items():
            assert not result.ok or result.warnings, f"{path.name} is already clean on {release}"


def fixed_copy(tmp_path: Path, sources: Path, case: UpgradeCase, target: str) -> Path:
    """A copy of the case's source after ``--fix --unsafe-fixes`` for ``target``, which must
    fix everything it reports."""
    folder = tmp_path / f"{Path(case.source).stem}-{target}"
    folder.mkdir()
    path = folder / case.source
    shutil.copyfile(sources / case.source, path)
    run = mojolint(["check", "--isolated", "--no-cache", "--select", case.select, "--fix",
                    "--unsafe-fixes", "--target-version", target, case.source], folder)
    assert run.returncode == 0, run.stdout + run.stderr  # everything fixed, nothing left
    assert path.read_bytes() != (sources / case.source).read_bytes()
    return path


def check_fixed_output_compiles(tmp_path: Path, sources: Path, cases: Sequence[UpgradeCase],
                                release: str) -> None:
    """Every case fixed for a target that ``release`` proves compiles there, warning-free."""
    fixed = {f"{case.source} for {target}": fixed_copy(tmp_path, sources, case, target)
             for case in cases for target, proof in case.targets if proof == release}
    assert fixed
    results = typecheck(release, list(fixed.values()))
    for name, path in fixed.items():
        result = results[path.resolve()]
        assert result.ok and not result.warnings, (
            f"{name}, checked by {release}:\n{path.read_text(encoding='utf-8')}\n"
            f"{describe(result)}")


@dataclass(frozen=True)
class Edit:
    offset: int
    length: int
    text: str
    code: str  # the rule whose fix this edit belongs to

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.offset, self.length, self.text)


def fix_edits(folder: Path, name: str, select: str, target: str) -> list[Edit]:
    """Every edit of every fix of the ``select`` rules that mojolint offers on
    ``folder/name`` for ``target`` (from its JSON output)."""
    run = mojolint(["check", "--isolated", "--no-cache", "--select", select,
                    "--target-version", target, "--output-format", "json", name], folder)
    assert run.returncode in (0, 1), run.stderr
    lines = (folder / name).read_bytes().splitlines(keepends=True)

    def offset(place: dict[str, int]) -> int:  # 1-based row, 1-based column in characters
        before = b"".join(lines[: place["row"] - 1])
        text = lines[place["row"] - 1].decode("utf-8") if place["row"] <= len(lines) else ""
        return len(before) + len(text[: place["column"] - 1].encode("utf-8"))

    edits = []
    for diagnostic in json.loads(run.stdout):
        for edit in (diagnostic["fix"] or {}).get("edits", []):
            start, end = offset(edit["location"]), offset(edit["end_location"])
            edits.append(Edit(start, end - start, edit["content"], diagnostic["code"]))
    return edits


def overlaps(fixit: FixIt, edit: Edit) -> bool:
    """The two touch a common byte (an insertion counts as touching the byte after it)."""
    return (fixit.offset < edit.offset + max(edit.length, 1)
            and edit.offset < fixit.offset + max(fixit.length, 1))


class UpgradeProofs:
    """The three proofs of a table of upgrade cases, for a test class that sets ``SOURCES``
    (the folder of the cases' sources) and ``CASES``: each old form compiles under its
    ``old_release``, no old form compiles cleanly under its newest target, and each fixed
    output compiles without a warning under the release that proves its target.
    ``pytest_generate_tests`` gives ``old_release`` and ``target_release`` their values."""

    SOURCES: ClassVar[Path]
    CASES: ClassVar[tuple[UpgradeCase, ...]]

    def test_old_forms_compile_under_the_newest_release_that_accepts_them(
            self, old_release: str) -> None:
        check_old_forms_compile(self.SOURCES, self.CASES, old_release)

    def test_old_forms_do_not_compile_cleanly_under_the_newest_target(self) -> None:
        check_old_forms_unclean_under_newest_target(self.SOURCES, self.CASES)

    def test_fixed_output_compiles_without_warnings_under_the_target_release(
            self, tmp_path: Path, target_release: str) -> None:
        check_fixed_output_compiles(tmp_path, self.SOURCES, self.CASES, target_release)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """An :class:`UpgradeProofs` class's tests run once per release of its cases."""
    cases = getattr(metafunc.cls, "CASES", None)
    if cases is None:
        return
    if "old_release" in metafunc.fixturenames:
        metafunc.parametrize("old_release", old_releases(cases))
    if "target_release" in metafunc.fixturenames:
        metafunc.parametrize("target_release", target_releases(cases))
