"""Shared helpers: build fixture trees in tmp_path and run the real command line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from mojolint.cli import cli
from mojolint.registry import get_registry

REPO_ROOT = Path(__file__).resolve().parent.parent


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


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


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
