"""The pre-commit hooks, run by the real ``pre-commit`` package on a temporary git repository.

``pre-commit try-repo`` clones this repository at its HEAD commit (so it tests what is
committed, as users get it), builds a virtual environment with pip, installs mojolint into
it (compiling the parser) and runs the hooks of ``.pre-commit-hooks.yaml`` on the files of
the temporary repository. It needs git and access to the package index, so it is marked
``install``: ``pytest -m install`` or ``MOJOLINT_INSTALL_TESTS=1`` runs it, as ``.ci/run`` does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT, git, write_tree

# pre-commit builds the hook environment with pip: run with `-m install` (see conftest.py).
pytestmark = pytest.mark.install

BAD = """\
fn fill(shape: List[Int]) raises:
    var weights = full(shape, 2.5, DType.float32)
    weights._set_float64(3, 0.25)
    print(1)  # noqa: TS001
"""
FIXED = """\
fn fill(shape: List[Int]) raises:
    var weights = full(shape, 2.5, DType.float32)
    weights._set_float32(3, 0.25)
    print(1)
"""
STALE_NOQA = "fn main():\n    print(2)  # noqa: TS001\n"


def try_repo(repo: Path, head: str, home: Path) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo`` with every hook of this repository's manifest."""
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO_ROOT), "--ref", head,
         "--all-files", "--color", "never"],
        cwd=repo, capture_output=True, text=True, encoding="utf-8", check=False,
        env={**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"},
        timeout=900,
    )


def hook_status(output: str, name: str) -> str:
    """``Passed`` / ``Failed`` from the status line of the hook called ``name``."""
    for line in output.splitlines():
        if line.startswith(name + ".") or line.startswith(name + " ."):
            return line.rsplit(".", 1)[-1].strip()
    raise AssertionError(f"no status line for {name!r} in:\n{output}")


@pytest.fixture
def head() -> str:
    if not (REPO_ROOT / ".git").exists():
        pytest.fail("pre-commit try-repo needs this checkout to be a git repository")
    committed = git(REPO_ROOT, "ls-tree", "--name-only", "HEAD", ".pre-commit-hooks.yaml")
    assert committed == ".pre-commit-hooks.yaml", "commit .pre-commit-hooks.yaml first"
    return git(REPO_ROOT, "rev-parse", "HEAD")


def test_check_hook_fails_fix_hook_repairs_then_both_pass(tmp_path: Path, head: str) -> None:
    repo = write_tree(tmp_path / "repo", {
        "mojolint.toml": 'extend-exclude = ["generated/"]\n',
        "src/bad.mojo": BAD,
        "src/legacy.🔥": STALE_NOQA,
        # Not Mojo: a named file is always linted, so the hook's `files` must keep it out.
        "tools/script.py": "x = 1  # noqa: TS001\n",
        # Excluded by the config: --force-exclude applies it to the paths pre-commit names.
        "generated/out.mojo": STALE_NOQA,
    })
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "bad Mojo")
    home = tmp_path / "pre-commit-home"

    first = try_repo(repo, head, home)
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    # Hooks run in id order: the check sees the original files, then the fix rewrites them.
    assert hook_status(output, "mojolint") == "Failed", output
    assert "src/bad.mojo:3:5: TS001" in output
    assert "src/bad.mojo:4:15: MJ100" in output
    assert "src/legacy.🔥:2:15: MJ100" in output
    assert "script.py" not in output and "generated/" not in output
    assert hook_status(output, "mojolint (fix)") == "Failed", output
    assert "files were modified by this hook" in output

    assert (repo / "src" / "bad.mojo").read_text(encoding="utf-8") == FIXED
    assert (repo / "src" / "legacy.🔥").read_text(encoding="utf-8") == "fn main():\n    print(2)\n"
    assert (repo / "generated" / "out.mojo").read_text(encoding="utf-8") == STALE_NOQA
    assert (repo / "tools" / "script.py").read_text(encoding="utf-8") == "x = 1  # noqa: TS001\n"

    git(repo, "add", ".")
    second = try_repo(repo, head, home)
    output = second.stdout + second.stderr
    assert second.returncode == 0, output
    assert hook_status(output, "mojolint") == "Passed", output
    assert hook_status(output, "mojolint (fix)") == "Passed", output
