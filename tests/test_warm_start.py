"""A run the cache serves whole starts cheaply: it imports no rule module, no parser, no
tree-sitter and no rich (issue 18's cache-hit path), and prints what the cold run printed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_tree

# Runs `mojolint check ARGS` in a fresh interpreter, then writes the names of the modules it
# imported to MODULES_FILE. With SETTLED=1 the files just written count as old enough to be
# trusted by their stamp (the cache's racy window is two seconds), so the warm run reads none;
# with SETTLED=0 they never do (else a cold run slower than two seconds would settle them).
HELPER = """
import json, os, sys
import mojolint.cache
mojolint.cache.RACY_NANOSECONDS = 0 if os.environ["SETTLED"] == "1" else 10**18
from mojolint.cli import cli
try:
    cli(["check", *sys.argv[1:]], prog_name="mojolint")
except SystemExit as exit:
    code = exit.code
with open(os.environ["MODULES_FILE"], "w") as out:
    json.dump({"modules": sorted(sys.modules), "code": code}, out)
"""

FILES = {
    "pyproject.toml": "[project]\nname = 'demo'\n",
    "src/util.mojo": "fn helper() -> Int:\n    return 1\n",
    "src/main.mojo": "from util import helper\nfrom math import sqrt\n\n"
                     "fn main():\n    var x = helper()\n    print(x)  # noqa\n",
    "src/broken.mojo": "fn main(:\n    pass\n",
    "src/clean.mojo": "fn g():\n    pass\n",
}

# What only linting a file needs.
HEAVY = ("mojolint.rules", "mojolint.parser", "mojolint._mojo_parser", "mojolint.semantics",
         "mojolint.queries", "mojolint.pattern_rules", "tree_sitter", "rich")


def run(tmp_path: Path, *args: str, settled: bool, terminal: bool = False
        ) -> tuple[str, int, list[str]]:
    """stdout (with stderr after it when ``terminal``: stderr then counts as a terminal),
    the exit status and the modules imported."""
    modules_file = tmp_path.parent / f"{tmp_path.name}-modules.json"
    completed = subprocess.run(
        [sys.executable, "-c", HELPER, *args], cwd=tmp_path, capture_output=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path.parent), "NO_COLOR": "1",
             "SETTLED": "1" if settled else "0", "MODULES_FILE": str(modules_file),
             **({"TTY_COMPATIBLE": "1"} if terminal else {})},
        check=False)
    assert completed.returncode == 0, completed.stderr.decode()
    found = json.loads(modules_file.read_text())
    output = completed.stdout.decode() + (completed.stderr.decode() if terminal else "")
    return output, found["code"], found["modules"]


def heavy(modules: list[str]) -> list[str]:
    return [name for name in modules
            if any(name == prefix or name.startswith(prefix + ".") for prefix in HEAVY)]


@pytest.mark.parametrize("settled", [True, False], ids=["by-stamp", "by-content"])
@pytest.mark.parametrize("output_format", ["full", "concise", "json"])
def test_a_fully_cached_run_imports_no_rule_parser_or_rich(
        tmp_path: Path, settled: bool, output_format: str) -> None:
    write_tree(tmp_path, FILES)
    args = ("--output-format", output_format)
    cold, cold_code, cold_modules = run(tmp_path, *args, settled=settled)
    # The helper sees what a run imports: the cold run needed all of these.
    assert {"mojolint.rules", "mojolint.parser", "tree_sitter"} <= set(cold_modules)
    assert "src/broken.mojo" in cold and "MJ002" in cold and "MJ100" in cold
    warm, warm_code, warm_modules = run(tmp_path, *args, settled=settled)
    assert (warm, warm_code) == (cold, cold_code) == (warm, 1)
    assert heavy(warm_modules) == []
    # Nor, writing nothing, what writing files needs.
    assert "tempfile" not in warm_modules and "tempfile" in cold_modules


def test_a_changed_file_imports_the_rules_again(tmp_path: Path) -> None:
    write_tree(tmp_path, FILES)
    run(tmp_path, settled=True)
    (tmp_path / "src" / "clean.mojo").write_text("fn g():\n    pass  # noqa\n")
    output, _, modules = run(tmp_path, settled=True)
    assert "src/clean.mojo" in output
    assert {"mojolint.rules", "mojolint.parser", "tree_sitter"} <= set(modules)


def test_a_fully_cached_run_on_a_terminal_shows_no_progress_bar(tmp_path: Path) -> None:
    # More files than the progress bar's threshold, stderr taken for a terminal.
    write_tree(tmp_path, {f"m{i:03}.mojo": "fn main(:\n" if i % 3 == 0 else "fn f():\n    pass\n"
                          for i in range(60)})
    cold, _, cold_modules = run(tmp_path, "--output-format", "concise", settled=True,
                                terminal=True)
    assert "Linting" in cold
    assert "rich.progress" in cold_modules
    warm, _, warm_modules = run(tmp_path, "--output-format", "concise", settled=True,
                                terminal=True)
    assert "Linting" not in warm
    assert heavy(warm_modules) == []
    assert warm.splitlines()[:20] == cold.splitlines()[:20]  # the 20 diagnostics
