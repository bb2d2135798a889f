"""Which files `mojolint check` lints, as ruff finds them; and summaries that never claim a
success that did not happen. Each tree is a real git repository where git matters."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Run, concise_lines, run_cli, write_tree

BROKEN = "fn main(:\n    pass\n"  # MJ002 wherever it is linted
CLEAN = "fn main():\n    print(1)\n"
NO_FILES = "mojolint: warning: No Mojo files found under the given path(s)"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def no_user_git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The developer's own ~/.gitconfig and ~/.config/git/ignore must not change results."""
    home = tmp_path / "_home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    yield


def git_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True, capture_output=True)
    return root


def check(cwd: Path, *args: str) -> Run:
    return run_cli(["check", "--no-cache", "--output-format", "concise", *args], cwd)


def linted(result: Run) -> list[str]:
    return sorted({line.split(":")[0] for line in concise_lines(result.stdout)})


@needs_git
def test_a_folder_named_on_the_command_line_is_linted_though_a_parent_gitignore_lists_it(
        tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo")
    write_tree(repo, {".gitignore": "vendor/\n", "vendor/a.mojo": BROKEN, "main.mojo": CLEAN})
    result = check(repo, "vendor")
    assert result.exit_code == 1
    assert linted(result) == ["vendor/a.mojo"]
    # The walk of the whole repository skips it, as git does.
    assert check(repo).stdout.strip() == "All checks passed!"
    # --force-exclude applies the ignore files to named paths too.
    forced = check(repo, "--force-exclude", "vendor")
    assert linted(forced) == [] and NO_FILES in forced.stderr


@needs_git
def test_a_gitignored_file_named_on_the_command_line_is_linted_unless_force_exclude(
        tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo")
    write_tree(repo, {".gitignore": "*.gen.mojo\n", "a.gen.mojo": BROKEN})
    assert linted(check(repo, "a.gen.mojo")) == ["a.gen.mojo"]
    assert linted(check(repo, "--force-exclude", "a.gen.mojo")) == []


def test_a_folder_without_mojo_files_warns_and_does_not_claim_success(tmp_path: Path) -> None:
    write_tree(tmp_path, {"docs/readme.md": "# hi\n"})
    result = check(tmp_path, "docs")
    assert result.exit_code == 0  # as ruff: nothing to lint is not an error
    assert NO_FILES in result.stderr
    assert "All checks passed!" not in result.stdout


@pytest.mark.parametrize("extra", [["--statistics"], ["--color", "always"], ["--quiet"],
                                   ["--output-format", "full"]])
def test_no_success_claim_in_any_human_output_when_nothing_was_linted(
        tmp_path: Path, extra: list[str]) -> None:
    (tmp_path / "docs").mkdir()
    result = run_cli(["check", "--no-cache", *extra, "docs"], tmp_path)
    assert "All checks passed!" not in result.stdout
    assert NO_FILES in result.stderr
    with_error = run_cli(["check", "--no-cache", *extra, "nope.mojo"], tmp_path)
    assert with_error.exit_code == 2 and "All checks passed!" not in with_error.stdout


def test_after_a_path_error_the_summary_does_not_claim_success(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": CLEAN})
    result = check(tmp_path, "a.mojo", "missing.mojo")
    assert result.exit_code == 2
    assert "mojolint: error: missing.mojo: No such file or directory" in result.stderr
    assert "All checks passed!" not in result.stdout
    only_missing = check(tmp_path, "missing.mojo")
    assert only_missing.exit_code == 2 and "All checks passed!" not in only_missing.stdout


@needs_git
def test_git_info_exclude_is_honoured(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo")
    write_tree(repo, {"local.mojo": BROKEN, "kept.mojo": BROKEN})
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "exclude").write_text("local.mojo\n")
    assert linted(check(repo)) == ["kept.mojo"]


def test_dot_ignore_files_are_honoured_and_beat_gitignore(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        ".ignore": "scratch/\n!keep.gen.mojo\n",
        ".gitignore": "*.gen.mojo\n",
        "scratch/a.mojo": BROKEN,
        "keep.gen.mojo": BROKEN,
        "drop.gen.mojo": BROKEN,
        "main.mojo": BROKEN,
    })
    assert linted(check(tmp_path)) == ["keep.gen.mojo", "main.mojo"]


@needs_git
def test_the_global_git_excludes_file_from_core_excludesfile_is_honoured(
        tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo")
    excludes = tmp_path / "global-ignore"
    excludes.write_text("*.mine.mojo\n")
    gitconfig = Path(os.environ["GIT_CONFIG_GLOBAL"])
    gitconfig.write_text(f"[core]\n\texcludesFile = {excludes}\n")
    write_tree(repo, {"notes.mine.mojo": BROKEN, "a.mojo": BROKEN})
    assert linted(check(repo)) == ["a.mojo"]


@needs_git
def test_the_default_global_excludes_file_is_honoured_when_none_is_configured(
        tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo")
    default = Path(os.environ["XDG_CONFIG_HOME"]) / "git" / "ignore"
    default.parent.mkdir(parents=True)
    default.write_text("scratch_*.mojo\n")
    write_tree(repo, {"scratch_1.mojo": BROKEN, "a.mojo": BROKEN})
    assert linted(check(repo)) == ["a.mojo"]


@needs_git
def test_no_git_on_the_path_still_lints_and_uses_the_default_excludes_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = git_repo(tmp_path / "repo")
    default = Path(os.environ["XDG_CONFIG_HOME"]) / "git" / "ignore"
    default.parent.mkdir(parents=True)
    default.write_text("scratch_*.mojo\n")
    write_tree(repo, {"scratch_1.mojo": BROKEN, "a.mojo": BROKEN})
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-bin"))
    result = check(repo)
    assert linted(result) == ["a.mojo"]
    assert result.stderr == ""


@needs_git
def test_no_respect_gitignore_lints_what_the_ignore_files_skip(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo")
    write_tree(repo, {".gitignore": "gen/\n", ".ignore": "tmp.mojo\n", "gen/a.mojo": BROKEN,
                      "tmp.mojo": BROKEN, "b.mojo": BROKEN})
    (repo / ".git" / "info" / "exclude").write_text("b.mojo\n")
    assert linted(check(repo)) == []
    every = ["b.mojo", "gen/a.mojo", "tmp.mojo"]
    assert linted(check(repo, "--no-respect-gitignore")) == every
    (repo / "mojolint.toml").write_text("respect-gitignore = false\n")
    assert linted(check(repo)) == every
    # The command line beats the config.
    assert linted(check(repo, "--respect-gitignore")) == []


def test_respect_gitignore_must_be_a_boolean(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": 'respect-gitignore = "no"\n', "a.mojo": CLEAN})
    result = check(tmp_path)
    assert result.exit_code == 2
    assert "'respect-gitignore': expected true or false" in result.stderr


def test_include_and_extend_include_choose_more_files(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": BROKEN, "b.mojo.in": BROKEN, "c.txt": BROKEN})
    assert linted(check(tmp_path)) == ["a.mojo"]
    (tmp_path / "mojolint.toml").write_text('extend-include = ["*.mojo.in"]\n')
    assert linted(check(tmp_path)) == ["a.mojo", "b.mojo.in"]
    (tmp_path / "mojolint.toml").write_text('include = ["*.mojo.in"]\n')
    assert linted(check(tmp_path)) == ["b.mojo.in"]


def test_folder_symlinks_are_not_followed_but_file_symlinks_are_linted(tmp_path: Path) -> None:
    outside = write_tree(tmp_path / "outside", {"o.mojo": BROKEN})
    project = write_tree(tmp_path / "project", {"real.mojo": BROKEN})
    os.symlink(outside, project / "linked_dir")
    os.symlink(outside / "o.mojo", project / "linked_file.mojo")
    result = check(project)
    assert linted(result) == ["linked_file.mojo", "real.mojo"]
    verbose = check(project, "-v")
    assert "skipped ./linked_dir: a symlink to a folder" in verbose.stderr


def test_verbose_says_which_config_applies_where_and_why_paths_were_skipped(
        tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "mojolint.toml": 'extend-exclude = ["legacy"]\n',
        "legacy/a.mojo": BROKEN,
        "sub/mojolint.toml": "ignore = []\n",
        "sub/b.mojo": CLEAN,
        ".gitignore": "out.mojo\n",
        "out.mojo": BROKEN,
    })
    result = check(tmp_path, "-v")
    lines = result.stderr.splitlines()
    assert "mojolint: verbose: .: settings from mojolint.toml (the nearest config file)" in lines
    assert ("mojolint: verbose: sub: settings from sub/mojolint.toml (the nearest config file)"
            in [line.replace("./sub", "sub") for line in lines])
    assert any(line.startswith("mojolint: verbose: skipped ./legacy: matches exclude pattern "
                               "'legacy'") for line in lines)
    assert "mojolint: verbose: skipped ./out.mojo: .gitignore: 'out.mojo'" in lines


def test_exclude_and_extend_exclude_on_the_command_line(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": BROKEN, "gen/b.mojo": BROKEN, "build/c.mojo": BROKEN,
                          "x_pb.mojo": BROKEN})
    assert linted(check(tmp_path)) == ["a.mojo", "gen/b.mojo", "x_pb.mojo"]
    # --extend-exclude adds to the defaults (build stays excluded).
    assert linted(check(tmp_path, "--extend-exclude", "gen/,*_pb.mojo")) == ["a.mojo"]
    # --exclude replaces them (build is linted again).
    assert linted(check(tmp_path, "--exclude", "gen")) == ["a.mojo", "build/c.mojo",
                                                           "x_pb.mojo"]


def test_show_files_lists_what_would_be_linted_and_lints_nothing(tmp_path: Path) -> None:
    write_tree(tmp_path, {"b.mojo": BROKEN, "a/c.🔥": BROKEN, "build/x.mojo": BROKEN})
    result = run_cli(["check", "--show-files"], tmp_path)
    assert result.exit_code == 0
    root = os.path.realpath(tmp_path)
    shown = [os.path.realpath(line) for line in result.stdout.splitlines()]
    assert shown == [os.path.join(root, "a", "c.🔥"), os.path.join(root, "b.mojo")]
    assert not (tmp_path / ".mojolint_cache").exists()


def test_show_settings_prints_the_resolved_settings_and_where_they_came_from(
        tmp_path: Path) -> None:
    write_tree(tmp_path, {"pyproject.toml": '[tool.mojolint]\ntarget-version = "25.6"\n'
                                            'ignore = ["MJ100"]\n',
                          "a.mojo": CLEAN})
    result = run_cli(["check", "--show-settings", "--extend-select", "UP"], tmp_path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"Resolved settings for: {os.path.abspath(tmp_path / 'a.mojo')}"
    assert lines[1] == "Settings from: pyproject.toml (the nearest config file)"
    assert 'target-version = "25.6"' in lines
    assert 'ignore = ["MJ100"]' in lines
    assert 'extend-select = ["UP"]' in lines
    assert "respect-gitignore = true" in lines


def test_config_key_value_overrides_every_config_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": 'select = ["MJ"]\n', "a.mojo": BROKEN,
                          "gen/b.mojo": BROKEN})
    shown = run_cli(["check", "--show-settings", "--config", "target-version = '25.6'",
                     "--config", "extend-exclude = ['gen']"], tmp_path)
    assert 'target-version = "25.6"' in shown.stdout.splitlines()
    assert "with --config KEY=VALUE on top" in shown.stdout
    assert linted(check(tmp_path, "--config", "extend-exclude = ['gen']")) == ["a.mojo"]
    # Validated like a config file: a bad key names itself.
    bad = check(tmp_path, "--config", "selct = ['MJ']")
    assert bad.exit_code == 2
    assert "unknown key 'selct'" in bad.stderr and "Traceback" not in bad.stderr


def test_config_still_takes_a_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {"other.toml": 'select = ["UP"]\n', "a.mojo": BROKEN})
    result = run_cli(["check", "--show-settings", "--config", "other.toml"], tmp_path)
    assert "(given by --config)" in result.stdout
    assert 'select = ["UP"]' in result.stdout.splitlines()
    missing = check(tmp_path, "--config", "nope.toml")
    assert missing.exit_code == 2 and "nope.toml: No such file" in missing.stderr


def test_ignore_noqa_reports_what_noqa_comments_hide(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": "fn f() -> Float64:\n    return 0.0 / 0.0  # noqa: TS008\n"})
    assert check(tmp_path, "--select", "TS008").exit_code == 0
    result = check(tmp_path, "--select", "TS008", "--ignore-noqa")
    assert result.exit_code == 1
    # TS008 is NU004 now; selecting and noqa-ing the old code still work.
    assert [line.split()[1] for line in concise_lines(result.stdout)] == ["NU004"]


def test_color_always_and_never(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": BROKEN})
    always = run_cli(["check", "--no-cache", "--color", "always"], tmp_path)
    never = run_cli(["check", "--no-cache", "--color", "never"], tmp_path)
    assert "\x1b[" in always.stdout
    assert "\x1b[" not in never.stdout
    assert "MJ002" in never.stdout


def _obey_permission_bits() -> None:
    """In a child run as root: drop the capabilities that bypass file permissions."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl")


def test_a_file_named_on_the_command_line_that_cannot_be_read_is_mj001(tmp_path: Path) -> None:
    write_tree(tmp_path, {"secret.mojo": CLEAN, "ok.mojo": BROKEN})
    (tmp_path / "secret.mojo").chmod(0o000)
    completed = subprocess.run(
        [sys.executable, "-m", "mojolint", "check", "--no-cache", "--output-format", "concise",
         "secret.mojo", "ok.mojo"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
        check=False, preexec_fn=_obey_permission_bits if os.geteuid() == 0 else None)
    assert completed.returncode == 1
    assert concise_lines(completed.stdout) == [
        "ok.mojo:1:1: MJ002 syntax error: unexpected `fn main(:`",
        "secret.mojo:1:1: MJ001 cannot read file: Permission denied"]
    assert "Usage:" not in completed.stderr


def test_force_exclude_setting_keeps_excluded_files_out_when_named_one_by_one(
        tmp_path: Path) -> None:
    # pre-commit names every changed file; with force-exclude = true the excluded stay out.
    write_tree(tmp_path, {"mojolint.toml": 'extend-exclude = ["gen"]\nforce-exclude = true\n',
                          "gen/a.mojo": BROKEN, "b.mojo": BROKEN})
    result = check(tmp_path, "gen/a.mojo", "b.mojo")
    assert linted(result) == ["b.mojo"]
    stdin = run_cli(["check", "--no-cache", "--stdin-filename", "gen/a.mojo", "-"], tmp_path,
                    stdin=BROKEN.encode())
    assert stdin.exit_code == 0 and "MJ002" not in stdin.stdout


def test_silent_prints_nothing_but_the_exit_status_tells(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": BROKEN})
    result = check(tmp_path, "-s")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")
    empty = check(tmp_path, "--silent", "missing.mojo")
    assert empty.exit_code == 2
    assert empty.stderr == "mojolint: error: missing.mojo: No such file or directory\n"


@needs_git
def test_the_files_linted_are_the_ones_git_does_not_ignore(tmp_path: Path) -> None:
    """git itself is the reference: nested .gitignore files, negations, anchored and
    folder-only patterns, `**`, classes, info/exclude and the global excludes file."""
    repo = git_repo(tmp_path / "repo")
    excludes = tmp_path / "global-ignore"
    excludes.write_text("*.local.mojo\n")
    Path(os.environ["GIT_CONFIG_GLOBAL"]).write_text(f"[core]\n\texcludesFile = {excludes}\n")
    (repo / ".git" / "info" / "exclude").write_text("/scratch/\n")
    write_tree(repo, {
        "mojolint.toml": "exclude = []\n",
        ".gitignore": "*.gen.mojo\n/top_only.mojo\nout/\n**/deep/**/x.mojo\n[abc]_*.mojo\n"
                      "!b_keep.mojo\n",
        "sub/.gitignore": "!keep.gen.mojo\n*.tmp.mojo\n/anchored.mojo\n",
        "sub/inner/.gitignore": "!*.tmp.mojo\n",
        "a.gen.mojo": CLEAN, "top_only.mojo": CLEAN, "sub/top_only.mojo": CLEAN,
        "out/o.mojo": CLEAN, "sub/out/o.mojo": CLEAN, "out.mojo": CLEAN,
        "p/deep/q/x.mojo": CLEAN, "p/deep/x.mojo": CLEAN, "deep/y.mojo": CLEAN,
        "a_1.mojo": CLEAN, "b_keep.mojo": CLEAN, "d_1.mojo": CLEAN,
        "sub/keep.gen.mojo": CLEAN, "sub/drop.gen.mojo": CLEAN, "sub/t.tmp.mojo": CLEAN,
        "sub/inner/t.tmp.mojo": CLEAN, "sub/anchored.mojo": CLEAN,
        "sub/inner/anchored.mojo": CLEAN, "scratch/s.mojo": CLEAN, "sub/scratch/s.mojo": CLEAN,
        "n.local.mojo": CLEAN, "plain.mojo": CLEAN,
    })
    listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=repo,
                            capture_output=True, text=True, check=True).stdout.split()
    by_git = sorted(path for path in listed if path.endswith(".mojo"))
    shown = run_cli(["check", "--show-files"], repo).stdout.splitlines()
    by_mojolint = sorted(os.path.relpath(path, repo) for path in shown)
    assert by_mojolint == by_git
    assert len(by_git) > 8, by_git  # the tree keeps some of each kind


@needs_git
def test_random_ignore_files_agree_with_git(tmp_path: Path) -> None:
    """40 random trees and ignore files (seed 16), each compared with git's own answer."""
    import random

    from mojolint.config import ConfigResolver
    from mojolint.discovery import discover
    from mojolint.registry import get_registry

    names = ["a", "b", "ab", "deep", "x_1", "keep", "gen"]
    patterns = ["a", "/a", "a/", "*.gen.mojo", "!keep.gen.mojo", "b/*", "**/deep", "deep/**",
                "a/**/x_1.mojo", "[ab]*.mojo", "[!a]*.mojo", "?.mojo", "!a.mojo", "x_?.mojo",
                "!deep/", "*b*", "/b/x_1.mojo", "!*/", "gen/", "!gen/keep.mojo", "\\!x.mojo",
                "ab/**/*.mojo", "*", "!*.mojo"]
    rng = random.Random(16)
    for case in range(40):
        repo = git_repo(tmp_path / f"case{case}")
        (repo / "mojolint.toml").write_text("exclude = []\n")
        for _ in range(12):
            depth = rng.randint(0, 3)
            folder = "/".join(rng.choice(names) for _ in range(depth))
            stem = rng.choice([*names, "keep.gen", "a.gen", "!x"])
            write_tree(repo, {f"{folder}/{stem}.mojo".lstrip("/"): CLEAN})
        folders = sorted({str(p.parent.relative_to(repo)) for p in repo.rglob("*.mojo")})
        for folder in rng.sample(folders, min(len(folders), 3)):
            lines = rng.sample(patterns, rng.randint(1, 4))
            (repo / folder / ".gitignore").write_text("\n".join(lines) + "\n")
        listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"],
                                cwd=repo, capture_output=True, text=True, check=True).stdout
        by_git = sorted(p for p in listed.splitlines() if p.endswith(".mojo"))
        found = discover([repo], ConfigResolver(get_registry()))
        by_mojolint = sorted(str(p.relative_to(repo)) for p in found.files)
        ignores = {str(p.relative_to(repo)): p.read_text() for p in repo.rglob(".gitignore")}
        assert by_mojolint == by_git, ignores
