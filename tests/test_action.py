"""The composite GitHub Action (action.yml): its `run:` steps, run here as the runner would.

Each `run:` step is executed with ``bash --noprofile --norc -eo pipefail`` (the runner's
``shell: bash``) in a temporary project, with the variables the runner provides
(``RUNNER_TEMP``, ``GITHUB_PATH``, ``GITHUB_OUTPUT``, ``GITHUB_WORKSPACE``) and the step's
``env:`` after substituting ``${{ github.action_path }}`` and ``${{ inputs.NAME }}``. Lines a
step appends to ``$GITHUB_PATH`` are put in front of ``PATH`` for the steps after it, as the
runner does. The install step really installs the action's checkout (a copy of this working
tree) into a fresh virtual environment with pip, so it builds the parser extension and needs
the package index that pip is configured with: those tests are marked ``install`` (run with
``pytest -m install`` or ``MOJOLINT_INSTALL_TESTS=1``, as ``.ci/run`` does). The upload step
is GitHub's own action, not run here; its wiring is checked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]  # pyyaml: a test dependency (and pre-commit's)
from conftest import REPO_ROOT, write_tree

BAD = """\
fn fill(shape: List[Int]) raises:
    var weights = full(shape, 2.5, DType.float32)
    weights._set_float64(3, 0.25)
"""
CLEAN = "fn main():\n    print(1)\n"
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load_action(root: Path = REPO_ROOT) -> dict[str, Any]:
    action: dict[str, Any] = yaml.safe_load((root / "action.yml").read_text(encoding="utf-8"))
    return action


def step(action: Mapping[str, Any], name: str) -> dict[str, Any]:
    for item in action["runs"]["steps"]:
        if item.get("name") == name:
            return dict(item)
    raise AssertionError(f"no step {name!r} in action.yml")


@dataclass
class Runner:
    """The parts of a GitHub runner the action's shell steps use."""

    action_path: Path
    workspace: Path
    temp: Path

    def __post_init__(self) -> None:
        self.temp.mkdir(parents=True, exist_ok=True)
        self.github_path = self.temp / "github_path"
        self.github_path.touch()
        self.action = load_action(self.action_path)

    def inputs(self, given: Mapping[str, str]) -> dict[str, str]:
        declared = self.action["inputs"]
        unknown = set(given) - set(declared)
        assert not unknown, f"inputs the action does not declare: {unknown}"
        return {name: given.get(name, str(spec.get("default", "")))
                for name, spec in declared.items()}

    def expand(self, value: str, inputs: Mapping[str, str]) -> str:
        def replace(match: re.Match[str]) -> str:
            expression = match.group(1)
            if expression == "github.action_path":
                return str(self.action_path)
            if expression.startswith("inputs."):
                return inputs[expression.removeprefix("inputs.")]
            raise AssertionError(f"expression this test does not emulate: {expression}")

        return _EXPRESSION.sub(replace, value)

    def run_step(self, name: str, given: Mapping[str, str]
                 ) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
        """Run step ``name`` with inputs ``given`` (defaults for the rest); its process and
        the outputs it wrote."""
        item = step(self.action, name)
        assert item["shell"] == "bash"
        script = item["run"]
        # Inputs reach the script through env only: `${{ }}` in a script is injectable.
        assert "${{" not in script, f"step {name!r} interpolates an expression into its script"
        inputs = self.inputs(given)
        output = self.temp / f"output-{name.replace(' ', '-')}"
        output.write_text("")
        added_path = [line for line in self.github_path.read_text().splitlines() if line]
        env = {
            **os.environ,
            "PATH": os.pathsep.join([*reversed(added_path), os.environ["PATH"]]),
            "RUNNER_TEMP": str(self.temp),
            "GITHUB_PATH": str(self.github_path),
            "GITHUB_OUTPUT": str(output),
            "GITHUB_WORKSPACE": str(self.workspace),
            **{key: self.expand(str(value), inputs) for key, value in item.get("env", {}).items()},
        }
        script_file = self.temp / "step.sh"
        script_file.write_text(script, encoding="utf-8")
        completed = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_file)],
            cwd=self.workspace, env=env, capture_output=True, text=True, check=False,
            timeout=900)
        outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if line)
        return completed, outputs


def copy_working_tree(destination: Path) -> Path:
    """The action's checkout: this working tree's files (tracked or new, not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for relative in filter(None, listed):
        source = REPO_ROOT / relative
        if source.is_file():
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
    """A runner whose install step has run (once for this module: it builds the parser)."""
    if not (REPO_ROOT / ".git").exists():
        pytest.fail("the action test copies this checkout's files: it needs git")
    base = tmp_path_factory.mktemp("action")
    runner = Runner(copy_working_tree(base / "action"), base / "workspace", base / "temp")
    runner.workspace.mkdir()
    completed, _ = runner.run_step("Install mojolint", {})
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.strip().splitlines()[-1].startswith("mojolint ")
    yield runner


@pytest.mark.install
def test_lint_step_writes_sarif_annotates_and_fails_on_violations(installed: Runner) -> None:
    write_tree(installed.workspace, {"src/bad.mojo": BAD, "src/ok.mojo": CLEAN,
                                     "notes/other.mojo": BAD})
    completed, outputs = installed.run_step(
        "Lint", {"args": "src --select TS", "sarif-file": "reports/mojolint.sarif"})
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert outputs == {"sarif-file": "reports/mojolint.sarif", "exit-code": "1"}
    sarif = json.loads((installed.workspace / "reports" / "mojolint.sarif").read_text())
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
            for r in results] == [("TS001", "src/bad.mojo")]
    # The log carries the same finding as a pull request annotation.
    assert "file=src/bad.mojo,line=3,col=5" in completed.stdout
    assert "TS001" in completed.stdout


@pytest.mark.install
def test_lint_step_passes_on_clean_code_and_keeps_inputs_as_data(installed: Runner) -> None:
    marker = installed.workspace / "injected"
    write_tree(installed.workspace, {"clean/ok.mojo": CLEAN})
    completed, outputs = installed.run_step(
        "Lint", {"args": "clean", "sarif-file": f"out$(touch {marker}).sarif"})
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert outputs["exit-code"] == "0"
    assert not marker.exists()
    sarif = json.loads((installed.workspace / f"out$(touch {marker}).sarif").read_text())
    assert sarif["runs"][0]["results"] == []


def test_upload_step_uploads_the_written_report_when_asked() -> None:
    action = load_action()
    upload = step(action, "Upload SARIF to code scanning")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert "always()" in upload["if"] and "inputs.upload == 'true'" in upload["if"]
    assert action["inputs"]["upload"]["default"] == "true"
    assert action["runs"]["using"] == "composite"
    assert action["outputs"]["sarif-file"]["value"] == "${{ steps.lint.outputs.sarif-file }}"


@pytest.mark.install
def test_readme_workflow_uses_the_action_with_inputs_it_declares(installed: Runner) -> None:
    from test_install_snippets import blocks, readme_rev, section

    workflow_text, plain_steps = blocks(
        section("GitHub Actions: lint and upload SARIF to code scanning"), "yaml")
    workflow = yaml.safe_load(workflow_text)
    steps = workflow["jobs"]["lint"]["steps"]
    [uses] = [s for s in steps if s.get("uses", "").startswith("mojolint/mojolint@")]
    assert uses["uses"] == f"mojolint/mojolint@{readme_rev()}"
    assert workflow["jobs"]["lint"]["permissions"]["security-events"] == "write"
    given = {name: str(value) for name, value in uses["with"].items()}
    write_tree(installed.workspace, {"readme/bad.mojo": BAD})
    completed, outputs = installed.run_step(
        "Lint", {**given, "args": "readme"})  # this project's files only
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert outputs == {"sarif-file": given["sarif-file"], "exit-code": "1"}
    sarif = json.loads((installed.workspace / given["sarif-file"]).read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["TS001"]
    # The plain-steps variant runs the same command line.
    [lint] = [s["run"] for s in yaml.safe_load(plain_steps) if "mojolint check" in s.get("run", "")]
    assert lint.startswith("mojolint check --output-format sarif --output-file mojolint.sarif")
