"""Fixtures for tests that run the real Mojo compiler (marked ``compiler``).

Each release is installed from PyPI into the toolchain cache (see ``mojolint.dev.toolchains``)
only when the run asks for these tests (``pytest -m compiler`` or ``MOJOLINT_COMPILER_TESTS=1``,
which ``.ci/run`` sets); otherwise a test whose release is not cached is skipped (see
``tests/conftest.py``). ``pytest -m "not compiler"`` leaves them all out.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from mojolint.dev.toolchains import CompileResult, ensure_toolchain, normalize_version

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
