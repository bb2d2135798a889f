"""Shared helpers: build fixture trees in tmp_path, lint snippets in-process, and run the
real command line."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from tree_sitter import Tree

import mojolint.parser
from mojolint.cli import cli
from mojolint.config import ConfigResolver
from mojolint.engine import fix_paths
from mojolint.fixes import FixPolicy
from mojolint.output import concise
from mojolint.registry import get_registry
from mojolint.settings import Overrides, Settings

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Set to 1 to run the tests marked ``compiler`` even when they must download a Mojo release.
COMPILER_TESTS_ENV = "MOJOLINT_COMPILER_TESTS"


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Create ``files`` (relative path → text or bytes) under ``root``; return ``root``."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def git(cwd: Path, *args: str) -> str:
    """``git ARGS`` in ``cwd`` as a test user (name, e-mail, no signing): its stdout,
    stripped; fails the test when git does."""
    completed = subprocess.run(
        ["git", "-c", "user.name=mojolint tests", "-c", "user.email=tests@example.invalid",
         "-c", "commit.gpgsign=false", *args],
        cwd=cwd, capture_output=True, text=True, check=True)
    return completed.stdout.strip()


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bytes]]:
    """Every source the real parser is asked to parse during the test."""
    calls: list[bytes] = []
    real_parse = mojolint.parser.parse

    def counting_parse(source: bytes) -> Tree:
        calls.append(source)
        return real_parse(source)

    monkeypatch.setattr(mojolint.parser, "parse", counting_parse)
    yield calls


def run_cli(args: list[str], cwd: Path, stdin: bytes | None = None) -> Run:
    """Run ``mojolint ARGS`` in-process (click's runner) with ``cwd`` as working directory."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, args, input=stdin, catch_exceptions=False)
    finally:
        os.chdir(previous)
    return Run(result.exit_code, result.stdout, result.stderr)


def run_subprocess(args: list[str], cwd: Path, env: Mapping[str, str] | None = None,
                   stdin: bytes | None = None) -> Run:
    """Run ``python -m mojolint ARGS`` as a separate process."""
    completed = subprocess.run(
        [sys.executable, "-m", "mojolint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return Run(completed.returncode, completed.stdout.decode(), completed.stderr.decode())


@pytest.fixture
def lint(tmp_path: Path) -> Iterator[object]:
    """``lint(files, *args)``: write a tree into tmp_path and run ``mojolint check``."""

    def run(files: Mapping[str, str | bytes], *args: str) -> Run:
        write_tree(tmp_path, files)
        return run_cli(["check", "--no-cache", *args], tmp_path)

    yield run


@pytest.fixture(autouse=True)
def fresh_registry() -> Iterator[None]:
    """Each test sees the plugins installed at that moment, not a previous test's."""
    get_registry.cache_clear()
    yield
    get_registry.cache_clear()


def concise_lines(output: str) -> list[str]:
    """Diagnostic lines of ``--output-format concise`` (no summary)."""
    return [line for line in output.splitlines() if line and line[0] not in " [" and
            ":" in line and not line.startswith(("Found", "All checks"))]


# --- tests that download: marked `compiler` or `install` ------------------------------------
# `compiler` tests run the real Mojo compiler, each release a ~700 MB install from PyPI. A plain
# `pytest` runs those whose releases are already in the toolchain cache and skips the others
# at the moment they would download; `pytest -m compiler` or MOJOLINT_COMPILER_TESTS=1 runs
# them all, downloading what is missing.
# `install` tests build mojolint into fresh environments with pip (pre-commit's hook
# environment, the GitHub Action's install step): they fetch its dependencies from the
# package index and compile the parser each time. They run with `pytest -m install` or
# MOJOLINT_INSTALL_TESTS=1. .ci/run sets both variables.

#: Set to 1 to run the tests marked ``install``.
INSTALL_TESTS_ENV = "MOJOLINT_INSTALL_TESTS"
_RUNNING: dict[str, pytest.Item] = {}


def requested(config: pytest.Config, marker: str, variable: str) -> bool:
    """Whether this run asked for the tests marked ``marker``: the environment variable, or
    a ``-m`` expression that selects the marker (``-m compiler``, not ``-m "not compiler"``)."""
    if os.environ.get(variable, "").strip() not in ("", "0"):
        return True
    markexpr = str(config.getoption("markexpr", "") or "")
    return re.search(rf"(?<!not )\b{marker}\b", markexpr) is not None


def compiler_tests_requested(config: pytest.Config) -> bool:
    return requested(config, "compiler", COMPILER_TESTS_ENV)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if requested(config, "install", INSTALL_TESTS_ENV):
        return
    skip = pytest.mark.skip(reason=(
        "builds mojolint with pip from the package index; `pytest -m install` or "
        f"{INSTALL_TESTS_ENV}=1 runs it (.ci/run does)"))
    for item in items:
        if item.get_closest_marker("install") is not None:
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    _RUNNING["item"] = item  # the test whose fixtures may install a compiler
    try:
        return (yield)
    finally:
        _RUNNING.pop("item", None)


@pytest.fixture(scope="session", autouse=True)
def _compiler_downloads_only_on_request(request: pytest.FixtureRequest) -> Iterator[None]:
    """Unless requested, a `compiler` test that would install a release not in the cache is
    skipped instead.

    Session-scoped, so it is in place before the session fixtures of tests/compiler install
    anything; tests not marked `compiler` (the install tests of mojolint.dev.toolchains)
    still reach the real installer.
    """
    if compiler_tests_requested(request.config):
        yield
        return
    from mojolint.dev import toolchains

    install = toolchains._install

    def skip_instead(venv: Path, pin: str, *, quiet: bool) -> None:
        item = _RUNNING.get("item")
        if item is None or item.get_closest_marker("compiler") is None:
            install(venv, pin, quiet=quiet)
            return
        pytest.skip(
            f"needs Mojo {pin}, not in the toolchain cache {toolchains.cache_dir()}; "
            f"`pytest -m compiler` or {COMPILER_TESTS_ENV}=1 downloads it (~700 MB)")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(toolchains, "_install", skip_instead)
        yield


# --- rule behaviour on snippets, in-process ------------------------------------------------
# What a rule reports on its fixtures, and what its fixes write there, is in the fixtures'
# snapshots (tests/test_snapshots.py). What they cannot show (options, target releases,
# several files, one special case) is tested on snippets with these two helpers: they lint
# through the engine the command line uses (config resolution, project-wide analysis, the
# fix rounds), without the command line itself and without changing directory.

Files = str | Mapping[str, str | bytes]


def _lint_tree(root: Path, files: Files, *, select: str | None, target_version: str | None,
               config: str | None, fix: bool, unsafe: bool,
               paths: Sequence[str]) -> tuple[list[str], dict[str, bytes]]:
    tree = {"a.mojo": files} if isinstance(files, str) else dict(files)
    if config is not None:
        tree["mojolint.toml"] = config
    write_tree(root, tree)
    targets = [root / name for name in (paths or sorted(
        name for name in tree if name.endswith((".mojo", ".🔥"))))]
    resolver = ConfigResolver(
        get_registry(), isolated=config is None,
        overrides=Overrides(select=None if select is None else tuple(select.split(",")),
                            target_version=target_version))

    def policy(settings: Settings) -> FixPolicy:
        return FixPolicy.from_settings(settings, unsafe=unsafe)

    report, fixes = fix_paths(targets, resolver, root=root,
                              policy_for=policy if fix else None)
    assert not report.notifications, report.notifications  # no rule crashed
    for file in report.files:
        assert file.path is not None
        file.display_path = file.path.relative_to(root).as_posix()
        file.applies_fix = policy(resolver.settings_for_file(file.path)).applicable
    out = io.StringIO()
    concise.write(report, out, color=False)
    fixed = {item.report.display_path: item.result.fixed for item in fixes}
    return concise_lines(out.getvalue()), fixed


def lint_snippet(root: Path, files: Files, *, select: str | None = None,
                 target_version: str | None = None, config: str | None = None,
                 paths: Sequence[str] = ()) -> list[str]:
    """Concise lines (``a.mojo:1:6: UP002 [*] message``) of linting ``files`` written under
    ``root``: one source (as ``a.mojo``) or relative path → content. ``select`` is a
    comma-separated ``--select``; ``config`` is a mojolint.toml written beside the files (no
    config: built-in defaults, as ``--isolated``); ``paths`` the files to lint (default:
    every Mojo file written)."""
    return _lint_tree(root, files, select=select, target_version=target_version,
                      config=config, fix=False, unsafe=False, paths=paths)[0]


def fix_snippet(root: Path, files: Files, *, select: str | None = None,
                target_version: str | None = None, config: str | None = None,
                unsafe: bool = False, path: str = "a.mojo") -> str:
    """What ``--fix`` (``--unsafe-fixes`` with ``unsafe``) makes of ``path`` among ``files``
    (arguments as for :func:`lint_snippet`); nothing is written back."""
    _, fixed = _lint_tree(root, files, select=select, target_version=target_version,
                          config=config, fix=True, unsafe=unsafe, paths=(path,))
    return fixed[path].decode("utf-8") if path in fixed else (root / path).read_text("utf-8")
