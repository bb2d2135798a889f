"""Hostile inputs: odd files, odd trees and odd runs never crash mojolint or lose data.

Each test is one row of ``docs/hostile-inputs.md``; rows already proven elsewhere point at
that test instead. A crash would show as a traceback (the in-process runner re-raises it),
an ``MJ003`` internal error, or ``mojolint: error: internal error`` with status 2.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import Run, concise_lines, run_cli, write_tree

import mojolint.discovery
from mojolint.fixes import count_syntax_errors

NAN = "fn main():\n    var n = 0.0 / 0.0\n"
NAN_FIXED = "fn main():\n    var n = FloatLiteral.nan\n"


def check(tmp_path: Path, *args: str) -> Run:
    return run_cli(["check", "--no-cache", "--isolated", "--output-format", "concise", *args],
                   tmp_path)


def assert_no_crash(result: Run) -> None:
    assert "MJ003" not in result.stdout
    assert "internal error" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


# --- file contents --------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n\n", b"\xef\xbb\xbf\r\n"],
                         ids=["empty", "bom-only", "blank-lines", "bom-crlf"])
def test_empty_and_bom_only_files_pass_and_fix_leaves_them_byte_identical(
        tmp_path: Path, content: bytes) -> None:
    write_tree(tmp_path, {"a.mojo": content})
    result = check(tmp_path, "--select", "ALL", "--fix", "--unsafe-fixes")
    assert_no_crash(result)
    assert (result.exit_code, concise_lines(result.stdout)) == (0, [])
    assert (tmp_path / "a.mojo").read_bytes() == content


def test_mixed_crlf_and_lf_lines_report_true_lines_and_fix_keeps_each_ending(
        tmp_path: Path) -> None:
    source = (b"fn a():\r\n    pass\n\r\nfn b():\n    var n = 0.0 / 0.0\r\n"
              b"fn c():\r\n    var m = 1.0 / 0.0\n")
    write_tree(tmp_path, {"a.mojo": source})
    assert concise_lines(check(tmp_path, "--select", "NU004").stdout) == [
        "a.mojo:5:13: NU004 [*] `0.0 / 0.0` makes NaN by division by zero; "
        "use `FloatLiteral.nan`",
        "a.mojo:7:13: NU004 [*] `1.0 / 0.0` makes infinity by division by zero; "
        "use `FloatLiteral.infinity`",
    ]
    result = check(tmp_path, "--select", "NU004", "--fix")
    assert result.exit_code == 0
    assert (tmp_path / "a.mojo").read_bytes() == (
        b"fn a():\r\n    pass\n\r\nfn b():\n    var n = FloatLiteral.nan\r\n"
        b"fn c():\r\n    var m = FloatLiteral.infinity\n")


def test_tab_indentation_counts_a_tab_as_one_column_and_fix_keeps_tabs(tmp_path: Path) -> None:
    source = "fn main():\n\tif True:\n\t\tvar n = 0.0 / 0.0\n\tpass\n"
    write_tree(tmp_path, {"a.mojo": source})
    [line] = concise_lines(check(tmp_path, "--select", "NU004").stdout)
    assert line.startswith("a.mojo:3:11: NU004")
    assert check(tmp_path, "--select", "NU004", "--fix").exit_code == 0
    assert (tmp_path / "a.mojo").read_text() == source.replace("0.0 / 0.0", "FloatLiteral.nan")


def test_a_20_mb_file_is_linted_to_its_last_line(tmp_path: Path) -> None:
    filler = b"# " + b"x" * 97 + b"\n"
    count = 20 * 1024 * 1024 // len(filler)
    write_tree(tmp_path, {"big.mojo": filler * count + NAN.encode()})
    result = check(tmp_path, "--select", "ALL")
    assert_no_crash(result)
    [line] = concise_lines(result.stdout)
    assert line.startswith(f"big.mojo:{count + 2}:13: NU004")


def nested_parentheses(depth: int) -> bytes:
    return b"fn main():\n    var x = " + b"(" * depth + b"1" + b")" * depth + b"\n" + b"    " \
        + NAN.encode().split(b"\n")[1] + b"\n"


def nested_blocks(depth: int) -> bytes:
    lines = [b"fn main():\n"]
    lines += [b"    " * level + b"if True:\n" for level in range(1, depth + 1)]
    lines.append(b"    " * (depth + 1) + b"var n = 0.0 / 0.0\n")
    return b"".join(lines)


@pytest.mark.parametrize(("source", "line"), [
    (nested_parentheses(10_000), 3),
    (b"var x = " + b"(" * 10_000 + b"\n" + NAN.encode(), 3),  # never closed: also MJ002
    (b"var x = " + b"f(" * 5_000 + b"1" + b")" * 5_000 + b"\n" + NAN.encode(), 3),
    (b"var x = a" + b".b" * 20_000 + b"\n" + NAN.encode(), 3),
    (b"var x = " + b"-" * 20_000 + b"1\n" + NAN.encode(), 3),
    (nested_blocks(2_000), 2_002),
], ids=["10k-parentheses", "10k-unclosed", "5k-calls", "20k-attributes", "20k-unary",
        "2k-blocks"])
def test_deep_nesting_is_linted_and_fixed_without_recursion_errors(
        tmp_path: Path, source: bytes, line: int) -> None:
    write_tree(tmp_path, {"deep.mojo": source})
    result = check(tmp_path, "--select", "ALL")
    assert_no_crash(result)
    codes = [(int(item.split(":")[1]), item.split()[1]) for item in concise_lines(result.stdout)]
    assert (line, "NU004") in codes
    assert any(code == "MJ002" for _, code in codes) == (count_syntax_errors(source) > 0)
    fixed = check(tmp_path, "--select", "ALL", "--fix", "--unsafe-fixes")
    assert_no_crash(fixed)
    after = (tmp_path / "deep.mojo").read_bytes()
    assert b"FloatLiteral.nan" in after
    assert count_syntax_errors(after) <= count_syntax_errors(source)


def test_very_long_lines_report_the_right_column(tmp_path: Path) -> None:
    comment = "# " + "c" * 2_000_000 + "\n"
    string_line = 'var s = "' + "s" * 1_000_000 + '"; var n = 0.0 / 0.0\n'
    write_tree(tmp_path, {"long.mojo": comment + "fn main():\n    " + string_line})
    result = check(tmp_path, "--select", "ALL")
    assert_no_crash(result)
    [line] = concise_lines(result.stdout)
    assert line.startswith(f"long.mojo:3:{4 + string_line.index('0.0 /') + 1}: NU004")


# --- files and folders ----------------------------------------------------------------------


def test_a_folder_tree_deeper_than_the_recursion_limit_is_walked(tmp_path: Path) -> None:
    depth = sys.getrecursionlimit() + 100
    folder = tmp_path
    previous = Path.cwd()
    os.chdir(tmp_path)  # relative mkdir keeps each system call's path short
    try:
        for _ in range(depth):
            os.mkdir("d")
            os.chdir("d")
        Path("a.mojo").write_text(NAN)
    finally:
        os.chdir(previous)
    try:
        result = check(folder)
    finally:
        remove_chain(tmp_path, depth)  # pytest's own clean-up would recurse that deep
    assert_no_crash(result)
    [line] = concise_lines(result.stdout)
    assert line.startswith("d/" * depth + "a.mojo:2:13: NU004")


def remove_chain(top: Path, depth: int) -> None:
    """Delete ``top/d/d/.../d`` (``depth`` folders) and the file at its bottom, bottom-up."""
    previous = Path.cwd()
    os.chdir(top)
    try:
        for _ in range(depth):
            os.chdir("d")
        for name in os.listdir("."):
            os.unlink(name)
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(previous)


def test_a_file_deleted_after_discovery_is_mj001_and_the_others_are_linted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"a.mojo": NAN, "gone.mojo": NAN})
    original = mojolint.discovery.discover

    def discover_then_delete(*args: object, **kwargs: object) -> mojolint.discovery.Discovery:
        found = original(*args, **kwargs)  # type: ignore[arg-type]
        (tmp_path / "gone.mojo").unlink()
        return found

    monkeypatch.setattr(mojolint.discovery, "discover", discover_then_delete)
    result = check(tmp_path, "--select", "NU004")
    assert_no_crash(result)
    assert result.exit_code == 1
    lines = concise_lines(result.stdout)
    assert lines[0].startswith("a.mojo:2:13: NU004")
    assert lines[1:] == ["gone.mojo:1:1: MJ001 cannot read file: No such file or directory"]


def test_a_file_that_cannot_be_read_is_mj001_even_when_running_as_root(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # test_engine.py::test_unreadable_file_gets_mj001 uses chmod, which root ignores.
    write_tree(tmp_path, {"a.mojo": NAN, "secret.mojo": NAN})
    read_bytes = Path.read_bytes

    def refuse_secret(path: Path) -> bytes:
        if path.name == "secret.mojo":
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse_secret)
    result = check(tmp_path, "--select", "NU004")
    assert_no_crash(result)
    lines = concise_lines(result.stdout)
    assert lines[0].startswith("a.mojo:2:13: NU004")
    assert lines[1:] == ["secret.mojo:1:1: MJ001 cannot read file: Permission denied"]


def test_a_folder_that_cannot_be_listed_is_one_warning_line_and_the_rest_is_linted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The real (not faked) case, as an unprivileged user, is in
    # tests/security/test_unreadable_folder_does_not_end_the_run.py.
    write_tree(tmp_path, {"a.mojo": NAN, "locked/b.mojo": NAN})
    scandir = os.scandir

    def refuse_locked(path: str | Path) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_locked)
    result = check(tmp_path, "--select", "NU004")
    assert_no_crash(result)
    assert result.exit_code == 1  # a.mojo's violation; the skipped folder is a warning
    assert [line.split(":")[0] for line in concise_lines(result.stdout)] == ["a.mojo"]
    assert result.stderr.strip() == (
        "mojolint: warning: locked: cannot read folder: Permission denied; skipped")


def run_bytes_out(args: list[str], cwd: Path) -> Run:
    """``python -m mojolint ARGS``, whose output may hold a file name's undecodable bytes."""
    completed = subprocess.run([sys.executable, "-m", "mojolint", *args], cwd=cwd,
                               capture_output=True, check=False)
    return Run(completed.returncode, completed.stdout.decode(errors="replace"),
               completed.stderr.decode(errors="replace"))


def test_non_utf8_file_names_are_reported_by_the_text_and_json_formats(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"caf\xe9.mojo")).write_text(NAN)
    for fmt in ("concise", "full", "json", "json-lines", "github", "junit"):
        # A real process: its standard streams escape what is not UTF-8, like a terminal.
        result = run_bytes_out(["check", "--no-cache", "--isolated", "--output-format", fmt],
                               tmp_path)
        assert_no_crash(result)
        assert result.exit_code == 1, fmt
        assert "NU004" in result.stdout, fmt


def test_non_utf8_file_names_are_reported_in_sarif(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"caf\xe9.mojo")).write_text(NAN)
    result = run_bytes_out(["check", "--no-cache", "--isolated", "--output-format", "sarif"],
                           tmp_path)
    assert result.exit_code == 1
    [located] = json.loads(result.stdout)["runs"][0]["results"][0]["locations"]
    # The name's bytes, percent-encoded: what the file is called on disk.
    assert located["physicalLocation"]["artifactLocation"]["uri"] == "caf%E9.mojo"


# --- configuration --------------------------------------------------------------------------


def test_invalid_toml_names_the_file_and_the_line(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": 'select = ["TS"]\nignore = [\n  "TS1",\n  oops\n]\n',
                          "a.mojo": NAN})
    result = run_cli(["check", "--no-cache"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "mojolint: error: mojolint.toml: invalid TOML: Invalid value (at line 4, column 3)")


def test_a_config_that_is_not_utf8_names_the_file_and_the_line(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": b'select = ["TS"]\n# caf\xe9\n', "a.mojo": NAN})
    result = run_cli(["check", "--no-cache"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "mojolint: error: mojolint.toml: invalid TOML: not valid UTF-8 (byte 0xe9 at line 2)")


def test_a_config_file_that_cannot_be_read_is_one_error_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"mojolint.toml": 'select = ["TS"]\n', "a.mojo": NAN})
    opener = os.open

    def refuse_config(path: str | Path, *args: int, **kwargs: int) -> int:
        if os.fspath(path).endswith("mojolint.toml"):
            raise PermissionError(13, "Permission denied")
        return opener(path, *args, **kwargs)

    # Root may read anything, so the refusal is simulated where the file is opened.
    monkeypatch.setattr(os, "open", refuse_config)
    result = run_cli(["check", "--no-cache"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip() == "mojolint: error: mojolint.toml: cannot read: Permission denied"


# --- interrupted runs -----------------------------------------------------------------------


def test_ctrl_c_during_fix_leaves_every_file_whole_and_exits_130(tmp_path: Path) -> None:
    """SIGINT lands after the first file was rewritten: each file is fixed or untouched."""
    work = tmp_path / "work"
    names = [f"f{index:03}.mojo" for index in range(300)]
    write_tree(work, dict.fromkeys(names, NAN))
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mojolint", "check", "--no-cache", "--isolated", "--fix", "."],
        cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if any((work / name).read_text() != NAN for name in names):
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    texts = [(work / name).read_text() for name in names]
    assert all(text in (NAN, NAN_FIXED) for text in texts)
    assert NAN_FIXED in texts
    assert sorted(p.name for p in work.iterdir()) == names  # no temporaries left behind
    assert b"Traceback" not in stderr
    if process.returncode != 0:  # the run may have finished before the signal arrived
        assert process.returncode == 130
        assert stderr.decode().strip() == (
            "mojolint: error: interrupted; files not yet written are unchanged")
