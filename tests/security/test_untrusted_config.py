"""Issue 19, points 4, 5, 16 (and 12's `extend`): what a repository writes in its config,
file names or committed folders cannot forge CI workflow commands, get code imported, or
crash the run.

Each test is named after the attack and fails on commit 285a9fe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT, run_cli, write_tree

NAN = "fn main():\n    var n = 0.0 / 0.0\n"


def _workflow_commands(text: str) -> list[str]:
    """Lines GitHub Actions would run as workflow commands."""
    return [line for line in text.splitlines() if line.lstrip().startswith("::")]


@pytest.mark.parametrize("where", ["config-key", "file-name"])
def test_a_newline_in_a_config_key_or_file_name_cannot_forge_a_workflow_command(
        tmp_path: Path, where: str) -> None:
    forged = "x\n::add-mask::mojolint\n::error file=a.mojo::forged"
    if where == "config-key":
        write_tree(tmp_path, {"mojolint.toml": f'"{forged.encode("unicode_escape").decode()}"'
                                               ' = 1\n', "a.mojo": NAN})
        result = run_cli(["check", "--no-cache"], tmp_path)
    else:
        name = f"{forged.replace('/', '_')}.mojo"
        write_tree(tmp_path, {name: NAN})
        (tmp_path / name).chmod(0o444)
        result = run_cli(["check", "--no-cache", "--fix", "--output-format", "github"],
                         tmp_path)
    assert result.exit_code != 0
    assert _workflow_commands(result.stderr) == []
    assert "\\n::add-mask::" in result.stderr


def test_python_m_mojolint_does_not_import_a_plugin_committed_in_the_checkout(
        tmp_path: Path) -> None:
    marker = tmp_path / "imported"
    write_tree(tmp_path / "repo", {
        "a.mojo": NAN,
        "evilplugin.py": f"open({str(marker)!r}, 'w').write('pwned')\n",
        "evilplugin-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: evilplugin\n"
                                              "Version: 1.0\n",
        "evilplugin-1.0.dist-info/entry_points.txt":
            "[mojolint.rules]\nEVL = evilplugin:Rule\n",
    })
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if "PYTHONPATH" in os.environ:  # keep a checkout under test importable, nothing else
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    completed = subprocess.run([sys.executable, "-m", "mojolint", "check", "--no-cache", "."],
                               cwd=tmp_path / "repo", capture_output=True, env=env,
                               check=False, timeout=120)
    assert not marker.exists()
    assert b"NU004" in completed.stdout
    assert REPO_ROOT.exists()


@pytest.mark.parametrize(("config", "key"), [
    ('extend = "base\\u0000.toml"\n', "extend"),
    ('exclude = ["[z-a]"]\n', "exclude"),
    ('[per-file-ignores]\n"[z-a].mojo" = ["TS008"]\n', "per-file-ignores"),
])
def test_a_nul_byte_or_a_reversed_glob_range_in_config_cannot_crash_the_run(
        tmp_path: Path, config: str, key: str) -> None:
    write_tree(tmp_path, {"mojolint.toml": config, "a.mojo": NAN})
    result = run_cli(["check", "--no-cache"], tmp_path)
    assert result.exit_code == 2
    assert "internal error" not in result.stderr
    assert result.stderr.startswith("mojolint: error: mojolint.toml: ")
    assert f"'{key}'" in result.stderr


@pytest.mark.parametrize("special", ["fifo", "device"])
def test_extend_pointing_at_a_fifo_or_a_device_cannot_block_the_run(
        tmp_path: Path, special: str) -> None:
    if special == "fifo":
        os.mkfifo(tmp_path / "base.toml")
        target = "base.toml"
    else:
        target = "/dev/zero"
    write_tree(tmp_path / "repo", {"mojolint.toml": f'extend = "{target}"\n', "a.mojo": NAN})
    if special == "fifo":
        (tmp_path / "repo" / "base.toml").symlink_to(tmp_path / "base.toml")
    completed = subprocess.run([sys.executable, "-m", "mojolint", "check", "--no-cache"],
                               cwd=tmp_path / "repo", capture_output=True, check=False,
                               timeout=60)
    assert completed.returncode == 2
    assert b"not a regular file" in completed.stderr
