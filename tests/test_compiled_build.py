"""The compiled hot path (mypyc) and its pure-Python fallback, as `pip install` builds them.

Each build goes into one fresh virtual environment, from one copy of the checkout (so that
a later build runs in the build folder an earlier one left, as a developer's would), and
``mojolint version --verbose`` says what was installed:

* ``MOJOLINT_REQUIRE_MYPYC=1``: every module of ``mojolint.compiled.MYPYC_MODULES`` is
  compiled, and linting gives what the pure-Python code gives;
* a C compiler that fails on them (``MOJOLINT_MYPYC_SIMULATE_FAILURE=1``): the install still
  succeeds, as pure Python, and says why; with ``MOJOLINT_REQUIRE_MYPYC=1`` it fails instead;
* ``MOJOLINT_NO_MYPYC=1``: pure Python;
* ``pip install -e``: pure Python, and no compiled module beside the sources.

Marked ``install`` (``pytest -m install`` or ``MOJOLINT_INSTALL_TESTS=1``; ``.ci/run`` sets
it): the builds take a few minutes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from mojolint.compiled import MYPYC_MODULES, module_name

pytestmark = pytest.mark.install

BAD = """\
fn fill(shape: List[Int]) raises:
    var weights = full(shape, 2.5, DType.float32)
    weights._set_float64(3, 0.25)
"""
BUILD_VARIABLES = ("MOJOLINT_NO_MYPYC", "MOJOLINT_REQUIRE_MYPYC",
                   "MOJOLINT_MYPYC_SIMULATE_FAILURE")


class Venv:
    def __init__(self, root: Path) -> None:
        self.root = root
        subprocess.run([sys.executable, "-m", "venv", str(root)], check=True)
        self.python = root / "bin" / "python"

    def pip_install(self, *args: str, env: dict[str, str] | None = None, deps: bool = False
                    ) -> subprocess.CompletedProcess[str]:
        clean = {k: v for k, v in os.environ.items() if k not in BUILD_VARIABLES}
        command = [str(self.python), "-m", "pip", "install", "-v", "--disable-pip-version-check"]
        if not deps:
            command += ["--no-deps", "--force-reinstall"]
        return subprocess.run([*command, *args], capture_output=True, text=True, check=False,
                              env={**clean, **(env or {})}, timeout=1200)

    def mojolint(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.root / "bin" / "mojolint"), *args], cwd=cwd,
                              capture_output=True, text=True, check=False, timeout=300)

    def version(self, tmp: Path) -> str:
        result = self.mojolint("version", "--verbose", cwd=tmp)
        assert result.returncode == 0, result.stderr
        return result.stdout


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the checkout's files (no build folder, no compiled modules, no .git)."""
    target = tmp_path_factory.mktemp("checkout") / "mojolint"
    shutil.copytree(REPO_ROOT, target, ignore=shutil.ignore_patterns(
        ".git", "build", "*.egg-info", "*.so", "__pycache__", ".mypy_cache", ".ruff_cache",
        ".pytest_cache", ".hypothesis", ".mojolint_cache", "node_modules", "dist"))
    return target


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory, checkout: Path) -> Iterator[Venv]:
    env = Venv(tmp_path_factory.mktemp("venv") / "v")
    # The dependencies once; each build below reinstalls mojolint alone.
    result = env.pip_install(str(checkout), deps=True, env={"MOJOLINT_NO_MYPYC": "1"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    yield env


def hot_path_line(version: str) -> str:
    return next(line for line in version.splitlines() if line.startswith("hot path: "))


def lint(venv: Venv, tmp: Path) -> str:
    project = tmp / "project"
    project.mkdir(exist_ok=True)
    (project / "bad.mojo").write_text(BAD, encoding="utf-8")
    result = venv.mojolint("check", "--isolated", "--no-cache", "--output-format", "json",
                           "bad.mojo", cwd=project)
    assert result.returncode == 1, result.stderr
    return result.stdout


def test_required_build_compiles_every_listed_module(venv: Venv, checkout: Path,
                                                     tmp_path: Path) -> None:
    pure = lint(venv, tmp_path)  # the fixture installed pure Python
    assert "pure Python" in hot_path_line(venv.version(tmp_path))

    result = venv.pip_install(str(checkout), env={"MOJOLINT_REQUIRE_MYPYC": "1"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    version = venv.version(tmp_path)
    count = len(MYPYC_MODULES)
    assert hot_path_line(version) == f"hot path: compiled with mypyc ({count} of {count} modules)"
    for path in MYPYC_MODULES:
        assert f"  {module_name(path)}: compiled\n" in version
    assert "TS001" in pure
    assert lint(venv, tmp_path) == pure


def test_failed_compile_falls_back_to_pure_python(venv: Venv, checkout: Path,
                                                  tmp_path: Path) -> None:
    result = venv.pip_install(str(checkout), env={"MOJOLINT_MYPYC_SIMULATE_FAILURE": "1"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "installing the hot path as pure Python" in result.stdout + result.stderr
    assert hot_path_line(venv.version(tmp_path)).startswith("hot path: pure Python")
    assert "TS001" in lint(venv, tmp_path)

    required = venv.pip_install(str(checkout), env={"MOJOLINT_MYPYC_SIMULATE_FAILURE": "1",
                                                    "MOJOLINT_REQUIRE_MYPYC": "1"})
    assert required.returncode != 0
    assert "MOJOLINT_MYPYC_SIMULATE_FAILURE is set" in required.stdout + required.stderr


def test_opting_out_installs_pure_python(venv: Venv, checkout: Path, tmp_path: Path) -> None:
    result = venv.pip_install(str(checkout), env={"MOJOLINT_NO_MYPYC": "1"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert hot_path_line(venv.version(tmp_path)).startswith("hot path: pure Python")


def test_editable_install_is_pure_python(venv: Venv, checkout: Path, tmp_path: Path) -> None:
    result = venv.pip_install("-e", str(checkout))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert hot_path_line(venv.version(tmp_path)).startswith("hot path: pure Python")
    beside_sources = sorted(path.name for path in (checkout / "mojolint").rglob("*.so"))
    assert all(name.startswith("_mojo_parser.") for name in beside_sources), beside_sources
