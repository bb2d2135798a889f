"""Subcommands and behaviours ruff users expect: -V, version, config, linter, clean, --watch
and a reader that closes the pipe early."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import run_cli, write_tree

from mojolint import __version__
from mojolint.config import ALLOWED_KEYS
from mojolint.settings_schema import SETTINGS
from mojolint.tensor_api import TENSOR_API_KEYS

BROKEN = "fn main(:\n    pass\n"
CLEAN = "fn main():\n    print(1)\n"


def test_short_version_flag_and_version_subcommand(tmp_path: Path) -> None:
    assert run_cli(["-V"], tmp_path).stdout == f"mojolint {__version__}\n"
    assert run_cli(["version"], tmp_path).stdout == f"mojolint {__version__}\n"


def test_config_lists_every_setting_the_config_reader_accepts(tmp_path: Path) -> None:
    assert sorted(s.key for s in SETTINGS if "." not in s.key) == sorted(ALLOWED_KEYS)
    # Keys of a table setting have their own rows (`mojolint config tensor-api.tensor-types`).
    assert sorted(s.key for s in SETTINGS if "." in s.key) == sorted(
        f"tensor-api.{key}" for key in TENSOR_API_KEYS)
    result = run_cli(["config"], tmp_path)
    assert result.exit_code == 0
    listed = [line.split(":")[0] for line in result.stdout.splitlines()
              if not line.startswith(" ")]
    assert listed == [s.key for s in SETTINGS]
    assert "type: boolean; default: true" in result.stdout


def test_config_key_prints_type_default_doc_and_example(tmp_path: Path) -> None:
    result = run_cli(["config", "extend-exclude"], tmp_path)
    assert result.exit_code == 0
    assert "Type: list of gitignore-style patterns" in result.stdout
    assert "Default value: []" in result.stdout
    assert 'extend-exclude = ["generated/", "*_pb.mojo"]' in result.stdout
    exclude = run_cli(["config", "exclude"], tmp_path)
    assert '".mojolint_cache"' in exclude.stdout  # the default comes from the code
    unknown = run_cli(["config", "selct"], tmp_path)
    assert unknown.exit_code == 2
    assert "unknown setting 'selct'" in unknown.stderr


def test_every_example_in_the_settings_schema_is_a_valid_config(tmp_path: Path) -> None:
    for item in SETTINGS:
        if item.key == "extend":
            continue  # names a file that does not exist here
        body = item.example.replace("[tool.mojolint.", "[")
        write_tree(tmp_path, {"mojolint.toml": body + "\n", "a.mojo": CLEAN})
        result = run_cli(["check", "--no-cache", "--show-settings"], tmp_path)
        assert result.exit_code == 0, (item.key, result.stderr)


def test_linter_lists_the_rule_groups_with_their_rule_counts(tmp_path: Path) -> None:
    result = run_cli(["linter"], tmp_path)
    assert result.exit_code == 0
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert {"MJ", "TS", "UP"} <= set(rows)
    listed = run_cli(["rules", "--json"], tmp_path).stdout
    import json

    count = sum(1 for rule in json.loads(listed) if rule["code"].startswith("UP"))
    assert rows["UP"].split()[1] == str(count)


def test_clean_removes_every_cache_folder_and_never_follows_a_symlinked_one(
        tmp_path: Path) -> None:
    project = write_tree(tmp_path / "project", {"a.mojo": CLEAN, "sub/b.mojo": CLEAN})
    assert run_cli(["check"], project).exit_code == 0
    (project / "sub" / ".mojolint_cache").mkdir()
    precious = write_tree(tmp_path / "precious", {"keep.txt": "mine\n"})
    (project / "nested").mkdir()
    os.symlink(precious, project / "nested" / ".mojolint_cache")
    result = run_cli(["clean"], project)
    assert result.exit_code == 0
    assert not (project / ".mojolint_cache").exists()
    assert not (project / "sub" / ".mojolint_cache").exists()
    assert not os.path.lexists(project / "nested" / ".mojolint_cache")
    assert (precious / "keep.txt").read_text() == "mine\n"  # the link went, not its target
    assert (project / "a.mojo").exists()
    assert run_cli(["clean"], project).stdout == "No .mojolint_cache folder found.\n"


def test_a_reader_that_closes_the_pipe_early_ends_the_run_quietly(tmp_path: Path) -> None:
    files = {f"m{i}.mojo": "fn f(inout x: Int):\n    pass\n" for i in range(40)}
    write_tree(tmp_path, files)
    process = subprocess.Popen(
        [sys.executable, "-m", "mojolint", "check", "--no-cache", "--select", "UP001",
         "--diff", "."], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line is written
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0
    assert "Traceback" not in stderr
    assert "internal error" not in stderr
    assert "BrokenPipe" not in stderr


def test_the_shell_pipe_into_head_prints_one_line_and_no_error(tmp_path: Path) -> None:
    files = {f"m{i:03}.mojo": "fn f(inout x: Int):\n    pass\n" * 50 for i in range(200)}
    write_tree(tmp_path, files)
    command = (f"'{sys.executable}' -m mojolint check --no-cache --select UP001 --diff . "
               "| head -1")
    completed = subprocess.run(["sh", "-c", command], cwd=tmp_path, capture_output=True,
                               timeout=300, check=False)
    assert completed.stdout.decode().startswith("--- ")
    assert completed.stdout.count(b"\n") == 1
    assert completed.stderr.decode() == ""


def _reader(stream: object, lines: queue.Queue[str]) -> None:
    for raw in iter(stream.readline, b""):  # type: ignore[attr-defined]
        lines.put(raw.decode())


def _wait_for(lines: queue.Queue[str], needle: str, seen: list[str], deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if needle in line:
            return True
    return False


def test_watch_lints_again_when_a_file_changes(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": CLEAN})
    process = subprocess.Popen(
        [sys.executable, "-m", "mojolint", "check", "--watch", "--no-cache",
         "--output-format", "concise", "."],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 120  # a bound on a hang, not a speed target
        assert _wait_for(lines, "All checks passed!", seen, deadline), seen
        time.sleep(0.5)  # let the watcher settle before the edit
        (tmp_path / "a.mojo").write_text(BROKEN)
        assert _wait_for(lines, "a.mojo:1:1: MJ002", seen, deadline), seen
        assert any("File change detected" in line for line in seen)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_every_check_option_has_help_text_and_a_readme_row() -> None:
    from conftest import REPO_ROOT

    from mojolint.cli import check

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    coming_from_ruff = readme.index("## Coming from ruff")
    rows = [line for line in readme[:coming_from_ruff].splitlines() if line.startswith("| `")]
    for param in check.params:
        if param.name == "paths":
            continue
        assert getattr(param, "help", None), param.name
        longest = max(param.opts, key=len)
        row = [r for r in rows if f"`{longest}" in r or f", {longest}" in r or f"/ `{longest}"
               in r]
        assert row, f"no README table row for {longest}"


def test_short_flags_as_ruff_spells_them(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": BROKEN})
    result = run_cli(["check", "-n", "-e", "--output-format", "concise"], tmp_path)
    assert result.exit_code == 0 and "MJ002" in result.stdout
    assert not (tmp_path / ".mojolint_cache").exists()


def test_version_verbose_names_the_versions_and_says_which_hot_path_modules_are_compiled(
        tmp_path: Path) -> None:
    from mojolint.compiled import MYPYC_MODULES, compiled_modules

    result = run_cli(["version", "--verbose"], tmp_path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"mojolint {__version__}"
    assert [line.split(":")[0] for line in lines[1:4]] == ["python", "tree-sitter", "grammar"]
    compiled = compiled_modules()
    if compiled:  # an install built with mypyc (CI's)
        assert f"hot path: compiled with mypyc ({len(compiled)} of {len(MYPYC_MODULES)} " \
               "modules)" in lines
    else:  # an editable or MOJOLINT_NO_MYPYC install
        assert lines[4].startswith(f"hot path: pure Python (none of its {len(MYPYC_MODULES)}")
