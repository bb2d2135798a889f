"""Issue 19 point 14: one folder that cannot be entered ended the whole run ("internal error:
PermissionError" reading its `.gitignore`, exit 2, no diagnostics). The old test faked the
listing; this one uses real permissions. Root reads everything, so when the tests run as
root the child process gives up the two capabilities that let it ignore permission bits."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

NAN = "fn f() -> Float64:\n    return 0.0 / 0.0\n"  # one finding of the NaN rule
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def _obey_permission_bits() -> None:
    """In the child, before exec: drop the capabilities that bypass file permissions."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_without_privileges(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    preexec = _obey_permission_bits if os.geteuid() == 0 else None
    return subprocess.run([sys.executable, "-m", "mojolint", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=120, check=False, preexec_fn=preexec)


@pytest.fixture
def locked_tree(tmp_path: Path) -> Iterator[Path]:
    files = {"a.mojo": NAN, "locked/b.mojo": NAN, "listable/c.mojo": NAN,
             "listable/.gitignore": "x\n", "ok/d.mojo": NAN}
    for relative, text in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (tmp_path / "locked").chmod(0o000)  # cannot be listed
    (tmp_path / "listable").chmod(0o644)  # can be listed, nothing in it can be opened
    yield tmp_path
    for name in ("locked", "listable"):
        (tmp_path / name).chmod(0o755)


def test_unreadable_folders_are_one_warning_each_and_the_rest_is_linted(
        locked_tree: Path) -> None:
    probe = run_without_privileges(["--version"], locked_tree)
    assert probe.returncode == 0, probe.stderr
    result = run_without_privileges(
        ["check", "--no-cache", "--select", "ALL", "--output-format", "concise"], locked_tree)
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    linted = sorted({line.split(":")[0] for line in result.stdout.splitlines()
                     if line.count(":") >= 3})
    assert linted == ["a.mojo", "ok/d.mojo"]
    assert result.returncode == 1  # the findings; the skipped folders are warnings
    warnings = result.stderr.splitlines()
    assert "mojolint: warning: locked: cannot read folder: Permission denied; skipped" in (
        warnings)
    assert any(line.startswith("mojolint: warning: listable") for line in warnings)
    assert len(warnings) == 2, warnings
    assert "All checks passed!" not in result.stdout


def test_an_unreadable_file_named_on_the_command_line_is_mj001_and_the_run_goes_on(
        tmp_path: Path) -> None:
    # Issue 16: a named file that could not be read got click's three-line usage error.
    for name in ("secret.mojo", "open.mojo"):
        (tmp_path / name).write_text(NAN)
    (tmp_path / "secret.mojo").chmod(0o000)
    try:
        result = run_without_privileges(
            ["check", "--no-cache", "--select", "ALL", "--output-format", "concise",
             "secret.mojo", "open.mojo"], tmp_path)
    finally:
        (tmp_path / "secret.mojo").chmod(0o644)
    assert "Usage:" not in result.stderr and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert "secret.mojo:1:1: MJ001 cannot read file: Permission denied" in lines
    assert any(line.startswith("open.mojo:2:") for line in lines)
    assert result.returncode == 1
