"""Issue 19, points 2, 3, 15, 17: what a repository commits (cache entries, symlinks) cannot
hide diagnostics, leak files from outside the checkout, or crash the run; a renamed file is
linted under its new name.

Each test is named after the attack and fails on commit 285a9fe."""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil
from pathlib import Path

import pytest
from conftest import concise_lines, run_cli, write_tree

NAN = "fn main():\n    var n = 0.0 / 0.0\n"


def _forge_empty_entries(cache: Path, attacker_key_home: Path) -> int:
    """Empty the diagnostics of every entry in ``cache`` as an attacker would before
    committing it, signing them with the attacker's own key where entries are signed."""
    key_file = attacker_key_home / "mojolint" / "cache-key"
    forged = 0
    for entry in cache.rglob("*.json"):
        if entry.name == "index.json":
            entry.unlink()
            continue
        data = entry.read_bytes()
        mac, newline, payload = data.partition(b"\n")
        signed = bool(newline) and len(mac) == 64
        body = json.loads(payload if signed else data)
        body["diagnostics"] = []
        new_payload = json.dumps(body).encode()
        if signed and key_file.exists():
            new_mac = hmac.new(key_file.read_bytes(), entry.stem.encode() + b"\0" + new_payload,
                               hashlib.sha256).hexdigest().encode()
            entry.write_bytes(new_mac + b"\n" + new_payload)
        else:
            entry.write_bytes(new_payload)
        forged += 1
    return forged


def test_a_committed_cache_entry_cannot_hide_diagnostics(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    attacker, victim = tmp_path / "attacker", tmp_path / "victim"
    files = {".git/HEAD": "", "a.mojo": NAN}
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "attacker-home"))
    write_tree(attacker, files)
    run_cli(["check", "--output-format", "concise"], attacker)
    assert _forge_empty_entries(attacker / ".mojolint_cache", tmp_path / "attacker-home") > 0
    # The pull request commits the forged folder; CI clones it on another machine.
    write_tree(victim, files)
    shutil.copytree(attacker / ".mojolint_cache", victim / ".mojolint_cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "ci-home"))
    result = run_cli(["check", "--output-format", "concise"], victim)
    assert result.exit_code == 1
    assert [line.split(" ")[1] for line in concise_lines(result.stdout)] == ["NU004"]


def test_a_committed_cache_folder_symlink_cannot_write_outside_the_project(
        tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    repo = write_tree(tmp_path / "repo", {".git/HEAD": "", "a.mojo": NAN})
    (repo / ".mojolint_cache").symlink_to(outside)
    result = run_cli(["check", "--output-format", "concise"], repo)
    assert list(outside.iterdir()) == []
    assert result.exit_code == 1


# A pattern rule whose message is the whole match: what the repository points it at is printed.
LEAK_RULE = """
[[pattern-rules]]
code = "LEK001"
name = "leak"
query = "(module) @match"
message = "{match}"
"""


def test_a_symlink_cannot_print_a_file_from_outside_the_checkout_into_the_log(
        tmp_path: Path) -> None:
    secrets = write_tree(tmp_path / "home", {"credentials": "var token = 271828182845\n"})
    repo = write_tree(tmp_path / "repo", {
        ".git/config": "var extraheader = 314159265358\n", "mojolint.toml": LEAK_RULE})
    (repo / "a.mojo").symlink_to(secrets / "credentials")
    (repo / "b.mojo").symlink_to(repo / ".git" / "config")
    for output in ("concise", "full", "json", "github", "sarif"):
        result = run_cli(["check", "--no-cache", "--output-format", output], repo)
        shown = result.stdout + result.stderr
        assert "271828182845" not in shown and "314159265358" not in shown, output
        assert "outside the project" in shown, output


def test_a_deeply_nested_cache_entry_does_not_crash_the_run(tmp_path: Path) -> None:
    repo = write_tree(tmp_path, {".git/HEAD": "", "a.mojo": NAN})
    run_cli(["check"], repo)
    nested = b"[" * 200_000 + b"]" * 200_000
    for entry in (repo / ".mojolint_cache").rglob("*.json"):
        entry.write_bytes(nested)
    result = run_cli(["check", "--output-format", "concise"], repo)
    assert result.exit_code == 1
    assert "internal error" not in result.stdout + result.stderr
    assert [line.split(" ")[1] for line in concise_lines(result.stdout)] == ["NU004"]


TESTS = "".join(f"fn test_{i}() raises:\n    pass\n\n" for i in range(12))


def test_renaming_a_file_into_a_test_file_cannot_hide_its_diagnostics(tmp_path: Path) -> None:
    repo = write_tree(tmp_path, {".git/HEAD": "", "mojolint.toml": 'select = ["TS006"]\n',
                                 "helpers.mojo": TESTS})
    first = run_cli(["check", "--output-format", "concise"], repo)
    assert first.exit_code == 0
    (repo / "helpers.mojo").rename(repo / "test_helpers.mojo")
    result = run_cli(["check", "--output-format", "concise"], repo)
    assert [line.split(" ")[1] for line in concise_lines(result.stdout)] == ["TS006"]
