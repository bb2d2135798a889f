"""Issue 19, points 1, 6, 7, 8: a repository, or a run racing an editor, cannot make
``--fix``/``--add-noqa`` write outside the project or lose anyone's bytes.

Each test is named after the attack; each fails on commit 285a9fe (see
docs/hostile-inputs.md, "Untrusted repository")."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import run_cli, write_tree

# A pattern rule from the repository's own config: it matches the whole file and its safe
# fix replaces it with bytes the repository chose (which parse as Mojo: no rollback).
WHOLE_FILE_RULE = """
[[pattern-rules]]
code = "EVL001"
name = "evil"
query = "(module) @match"
message = "rewrite"
fix = "var owned = 1\\n"
fix-applicability = "safe"
"""
NAN = "fn main():\n    var n = 0.0 / 0.0\n"


def test_fix_through_a_committed_symlink_cannot_rewrite_a_file_outside_the_checkout(
        tmp_path: Path) -> None:
    outside = tmp_path / "home"
    write_tree(outside, {"profile": "var safe = 2\n", "lib/helper.mojo": NAN})
    repo = write_tree(tmp_path / "repo", {".git/HEAD": "", "mojolint.toml": WHOLE_FILE_RULE})
    (repo / "start.mojo").symlink_to(outside / "profile")
    (repo / "vendored").symlink_to(outside / "lib")  # a symlinked folder, built-in fixes
    (repo / "hook.mojo").symlink_to(repo / ".git" / "HEAD")  # git runs what is in .git
    result = run_cli(["check", "--no-cache", "--fix", "."], repo)
    assert (outside / "profile").read_text() == "var safe = 2\n"
    assert (outside / "lib" / "helper.mojo").read_text() == NAN
    assert (repo / ".git" / "HEAD").read_text() == ""
    assert "Traceback" not in result.stderr
    for explicit in ("start.mojo", "vendored/helper.mojo"):
        run_cli(["check", "--no-cache", "--fix", explicit], repo)
        run_cli(["check", "--no-cache", "--add-noqa", explicit], repo)
    assert (outside / "profile").read_text() == "var safe = 2\n"
    assert (outside / "lib" / "helper.mojo").read_text() == NAN


def _edit_during_the_write(monkeypatch: pytest.MonkeyPatch, path: Path, edit: bytes) -> None:
    """An editor saves ``path`` once the writer has synced its temporary file, that is in
    the window between mojolint's read and its rename."""
    real_fsync = os.fsync
    done: list[bool] = []

    def fsync_then_edit(fd: int) -> None:
        real_fsync(fd)
        if not done:
            done.append(True)
            path.write_bytes(edit)

    monkeypatch.setattr(os, "fsync", fsync_then_edit)


def test_an_edit_saved_while_fix_writes_the_file_is_not_lost(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"a.mojo": NAN})
    edit = b"fn main():\n    var n = 0.0 / 0.0  # the user's edit\n"
    _edit_during_the_write(monkeypatch, tmp_path / "a.mojo", edit)
    result = run_cli(["check", "--no-cache", "--fix"], tmp_path)
    assert (tmp_path / "a.mojo").read_bytes() == edit
    assert "a.mojo: changed on disk" in result.stderr
    assert result.exit_code != 0


@pytest.mark.parametrize("attack", ["edit-mid-run", "symlink", "read-only"])
def test_add_noqa_loses_an_edit_replaces_a_symlink_or_rewrites_a_read_only_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, attack: str) -> None:
    write_tree(tmp_path, {"real.mojo": NAN})
    target = tmp_path / "real.mojo"
    if attack == "edit-mid-run":
        edit = NAN.encode() + b"# saved by the editor\n"
        _edit_during_the_write(monkeypatch, target, edit)
        result = run_cli(["check", "--no-cache", "--add-noqa", "real.mojo"], tmp_path)
        assert target.read_bytes() == edit
        assert "real.mojo: changed on disk" in result.stderr
    elif attack == "symlink":
        (tmp_path / "link.mojo").symlink_to("real.mojo")
        run_cli(["check", "--no-cache", "--add-noqa", "link.mojo"], tmp_path)
        assert (tmp_path / "link.mojo").is_symlink()
        assert "# noqa" in target.read_text()
    else:
        target.chmod(0o444)
        result = run_cli(["check", "--no-cache", "--add-noqa"], tmp_path)
        assert target.read_text() == NAN
        assert "real.mojo: file is read-only" in result.stderr
        assert result.exit_code != 0


@pytest.mark.parametrize("attack", ["hard-link", "other-owner", "report-umask"])
def test_fix_splits_hard_links_steals_ownership_or_writes_reports_ignoring_the_umask(
        tmp_path: Path, attack: str) -> None:
    write_tree(tmp_path, {"a.mojo": NAN})
    source = tmp_path / "a.mojo"
    if attack == "hard-link":
        elsewhere = tmp_path / "keep"
        elsewhere.mkdir()
        os.link(source, elsewhere / "copy.txt")
        result = run_cli(["check", "--no-cache", "--fix"], tmp_path)
        assert source.stat().st_ino == (elsewhere / "copy.txt").stat().st_ino
        assert source.read_text() == (elsewhere / "copy.txt").read_text() == NAN
        assert "a.mojo: has 2 hard links" in result.stderr
    elif attack == "other-owner":
        if os.geteuid() != 0:
            pytest.skip("only root can hand a file to another user")
        os.chown(source, 4242, 4343)
        run_cli(["check", "--no-cache", "--fix"], tmp_path)
        assert "FloatLiteral.nan" in source.read_text()
        info = source.stat()
        assert (info.st_uid, info.st_gid) == (4242, 4343)
    else:
        previous = os.umask(0o022)
        try:
            run_cli(["check", "--no-cache", "-o", "report.txt"], tmp_path)
        finally:
            os.umask(previous)
        assert stat.S_IMODE((tmp_path / "report.txt").stat().st_mode) == 0o644
