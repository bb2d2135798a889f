"""The README's installation snippets, run as a Mojo team would run them.

* Every snippet pins the same mojolint revision, a commit that exists in this repository's
  history and has the pre-commit hooks and the GitHub Action.
The tests that install with pip are marked ``install`` (``pytest -m install`` or
``MOJOLINT_INSTALL_TESTS=1``; ``.ci/run`` sets it):

* ``pip install "git+URL@REV"``: pip resolves that revision of this repository (the URL
  pointed at this clone) and reads the package (``--dry-run``: the full install with a build
  is what tests/test_action.py does).
* The pre-commit snippet runs with the real pre-commit at the README's revision (the
  repository URL pointed at this clone), which builds the hook environment with pip.
* The ``repo: local`` snippet for pixi projects runs with the real pre-commit, its entry
  without ``pixi run`` (the same command, from this test's environment).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]
from conftest import REPO_ROOT, git, write_tree
from packaging.requirements import Requirement

URL = "https://github.com/mojolint/mojolint"
BAD = """\
fn fill(shape: List[Int]) raises:
    var weights = full(shape, 2.5, DType.float32)
    weights._set_float64(3, 0.25)
"""
FIXED = BAD.replace("_set_float64", "_set_float32")


def readme() -> str:
    return (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    text = readme()
    heading = f"\n### {title}\n"
    start = text.index(heading) + len(heading)
    following = re.search(r"^#{2,4} ", text[start:], flags=re.MULTILINE)
    return text[start:start + following.start()] if following else text[start:]


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def readme_rev() -> str:
    text = readme()
    pinned = re.findall(r"mojolint/mojolint@([\w./-]+)", text)
    pinned += re.findall(r"^\s*rev: (\S+)", text, flags=re.MULTILINE)
    assert pinned, "README pins no mojolint revision"
    assert len(set(pinned)) == 1, f"README pins different revisions: {sorted(set(pinned))}"
    return str(pinned[0])


def pre_commit(repo: Path, home: Path, env: dict[str, str] | None = None
               ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo, capture_output=True, text=True, encoding="utf-8", check=False,
        env={**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never",
             **(env or {})},
        timeout=900)


def bad_repo(root: Path, config: dict[str, Any]) -> Path:
    repo = write_tree(root, {"src/bad.mojo": BAD, "tools/script.py": "x = 1\n",
                             ".pre-commit-config.yaml": yaml.safe_dump(config)})
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "bad Mojo")
    return repo


@pytest.fixture(scope="module")
def rev() -> str:
    if not (REPO_ROOT / ".git").exists():
        pytest.fail("these tests read revisions from this checkout: it must be a git clone")
    return readme_rev()


def test_readme_pins_one_commit_with_the_hooks_and_the_action(rev: str) -> None:
    assert git(REPO_ROOT, "cat-file", "-t", rev) == "commit"
    ancestor = subprocess.run(["git", "merge-base", "--is-ancestor", rev, "HEAD"],
                              cwd=REPO_ROOT, check=False)
    assert ancestor.returncode == 0, f"{rev} is not in this branch's history"
    files = git(REPO_ROOT, "ls-tree", "--name-only", rev).splitlines()
    assert {"action.yml", ".pre-commit-hooks.yaml", "pyproject.toml"} <= set(files)


@pytest.mark.install
def test_pip_install_from_git_resolves_the_pinned_revision(rev: str, tmp_path: Path) -> None:
    commands = re.findall(r'pip install "(git\+[^"]+)"', readme())
    assert commands and set(commands) == {f"git+{URL}@{rev}"}
    local = commands[0].replace(URL, f"file://{REPO_ROOT}")
    run = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--ignore-installed",
         "--quiet", "--report", str(tmp_path / "report.json"), local],
        capture_output=True, text=True, check=False, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    [item] = report["install"]
    assert item["metadata"]["name"] == "mojolint"
    assert item["download_info"]["vcs_info"]["commit_id"].startswith(rev)


@pytest.mark.install
def test_pre_commit_snippet_runs_at_the_pinned_revision(rev: str, tmp_path: Path) -> None:
    [snippet] = blocks(section("pre-commit"), "yaml")
    config = yaml.safe_load(snippet)
    [entry] = config["repos"]
    assert (entry["repo"], entry["rev"]) == (URL, rev)
    assert [hook["id"] for hook in entry["hooks"]] == ["mojolint-fix", "mojolint"]
    entry["repo"] = str(REPO_ROOT)  # the same repository, without the network
    repo = bad_repo(tmp_path / "repo", config)

    run = pre_commit(repo, tmp_path / "home")
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "files were modified by this hook" in output
    assert (repo / "src" / "bad.mojo").read_text(encoding="utf-8") == FIXED
    assert "script.py" not in output


def test_pixi_local_hook_runs_its_entry(tmp_path: Path) -> None:
    text = section("pre-commit in a pixi project")
    [commands] = blocks(text, "sh")
    add = commands.splitlines()[0]
    assert add.startswith("pixi add --pypi ")
    requirement = Requirement(add.removeprefix("pixi add --pypi ").strip('"'))
    assert requirement.name == "mojolint"
    assert requirement.url == f"git+{URL}@{readme_rev()}"

    [snippet] = blocks(text, "yaml")
    config = yaml.safe_load(snippet)
    [hook] = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "local"
    assert hook["entry"].startswith("pixi run ")
    # What `pixi run` would start, found on PATH as pixi's environment would provide it.
    hook["entry"] = hook["entry"].removeprefix("pixi run ")
    repo = bad_repo(tmp_path / "repo", config)
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])

    run = pre_commit(repo, tmp_path / "home", env={"PATH": path})
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "src/bad.mojo:3:5: TS001" in output
    assert "script.py" not in output
    git(repo, "rm", "-q", "src/bad.mojo")
    write_tree(repo, {"src/good.mojo": FIXED})
    git(repo, "add", ".")
    assert pre_commit(repo, tmp_path / "home", env={"PATH": path}).returncode == 0
