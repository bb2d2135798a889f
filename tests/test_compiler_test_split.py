"""Which tests a plain ``pytest`` runs: those marked ``compiler`` download a Mojo release
(~700 MB) only when asked to, and otherwise run only if their release is already cached;
those marked ``install`` (pip builds of mojolint) run only when asked to."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (
    COMPILER_TESTS_ENV,
    INSTALL_TESTS_ENV,
    REPO_ROOT,
    compiler_tests_requested,
    requested,
)

# A compiler test that needs Mojo 0.26.1 and nothing else.
ONE_COMPILER_TEST = "tests/compiler/test_toolchains.py::test_export_fixits_gives_byte_offsets"


def run_pytest(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run pytest on test paths relative to the repository, from ``cwd`` outside it:
    ``python -m`` puts the current folder first on ``sys.path``, and from the checkout that
    would import the source ``mojolint/`` (which has no compiled parser) instead of the
    installed package."""
    clean = {k: v for k, v in os.environ.items()
             if k not in (COMPILER_TESTS_ENV, INSTALL_TESTS_ENV, "MOJOLINT_TOOLCHAINS",
                          "MOJO_TOOLCHAINS")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs",
         "-c", str(REPO_ROOT / "pyproject.toml"), "--rootdir", str(REPO_ROOT),
         *(str(REPO_ROOT / arg) for arg in args)],
        cwd=cwd, env={**clean, **env}, capture_output=True, text=True, check=False,
        timeout=300)


def test_plain_pytest_skips_a_compiler_test_whose_release_is_not_cached(
        tmp_path: Path) -> None:
    empty = tmp_path / "toolchains"
    run = run_pytest(ONE_COMPILER_TEST, env={"MOJOLINT_TOOLCHAINS": str(empty)}, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 skipped" in run.stdout
    assert (f"needs Mojo 0.26.1.0, not in the toolchain cache {empty}; `pytest -m compiler` "
            f"or {COMPILER_TESTS_ENV}=1 downloads it") in run.stdout
    # Nothing was installed.
    assert not any(p.name.startswith("0.26.1.0") for p in empty.glob("*"))


def test_requested_compiler_tests_try_to_install(tmp_path: Path) -> None:
    """With the variable set, the test goes on to install; a cache that cannot be created
    (a file is in the way) makes that fail at once, without a download."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    run = run_pytest(ONE_COMPILER_TEST, env={"MOJOLINT_TOOLCHAINS": str(blocked / "cache"),
                                             COMPILER_TESTS_ENV: "1"}, cwd=tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "cannot create the toolchain cache" in run.stdout
    assert "skipped" not in run.stdout


class _Config:
    def __init__(self, markexpr: str) -> None:
        self.markexpr = markexpr

    def getoption(self, name: str, default: object = None) -> object:
        return self.markexpr if name == "markexpr" else default


@pytest.mark.parametrize(("markexpr", "env", "requested"), [
    ("", "", False),
    ("not compiler", "", False),
    ("compiler", "", True),
    ("compiler and not slow", "", True),
    ("not compiler", "1", True),
    ("", "0", False),
])
def test_what_counts_as_asking_for_the_compiler_tests(
        markexpr: str, env: str, requested: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(COMPILER_TESTS_ENV, env)
    assert compiler_tests_requested(_Config(markexpr)) is requested  # type: ignore[arg-type]


def test_plain_pytest_skips_the_install_tests_and_says_how_to_run_them(tmp_path: Path) -> None:
    run = run_pytest("tests/test_pre_commit.py", env={}, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 skipped" in run.stdout
    assert f"`pytest -m install` or {INSTALL_TESTS_ENV}=1 runs it" in run.stdout


@pytest.mark.parametrize(("markexpr", "env", "expected"), [
    ("", "", False), ("install", "", True), ("not install", "", False), ("", "1", True),
])
def test_what_counts_as_asking_for_the_install_tests(
        markexpr: str, env: str, expected: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(INSTALL_TESTS_ENV, env)
    assert requested(_Config(markexpr), "install", INSTALL_TESTS_ENV) is expected  # type: ignore[arg-type]
