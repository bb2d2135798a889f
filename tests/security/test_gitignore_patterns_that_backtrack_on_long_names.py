"""Issue 19 point 12 (globs): a repository's `.gitignore` or `exclude` pattern with many `*`
used to take > 300 s on one 80-character file name (a backtracking regular expression).

Patterns are now matched without backtracking (mojolint/globs.py); bench/glob_scaling.py
prints the growth over 1x/4x/16x names.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from mojolint.globs import PatternSet

HOSTILE = "*a" * 12 + "*b"  # 12 stars before a 'b' the name never has


def test_a_hostile_gitignore_and_exclude_pattern_do_not_hang_the_run(tmp_path: Path) -> None:
    name = "a" * 80
    (tmp_path / ".gitignore").write_text(HOSTILE + "\n" + HOSTILE + "/\n")
    (tmp_path / "mojolint.toml").write_text(
        f'extend-exclude = ["{HOSTILE}", "**/{HOSTILE}/**"]\n'
        f'[per-file-ignores]\n"{HOSTILE}" = ["MJ"]\n')
    (tmp_path / name).mkdir()
    (tmp_path / name / f"{name}.mojo").write_text("fn main(:\n    pass\n")
    # The timeout only bounds a hang (it was > 300 s); the run takes about a second.
    completed = subprocess.run(
        [sys.executable, "-m", "mojolint", "check", "--no-cache", "--output-format", "concise"],
        cwd=tmp_path, capture_output=True, timeout=120, check=False)
    assert completed.returncode == 1, completed.stderr
    assert f"{name}/{name}.mojo:1:1: MJ002" in completed.stdout.decode()


def _time_matches(patterns: PatternSet, name: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeat):
            patterns.match(name)
        best = min(best, time.perf_counter() - start)
    return best


def test_matching_time_grows_linearly_with_the_name(tmp_path: Path) -> None:
    # 1x and 16x names in one run: linear growth is about 16x at most (per-call overhead makes
    # it less); the backtracking matcher grew like n**12 and a quadratic one would be 256x.
    patterns = PatternSet([HOSTILE, "**/" + "*a" * 6 + "*c/**", "a*?[ab]*[!x]*b"])
    short, long = "a" * 80 + "ab", "a" * (80 * 16) + "ab"
    ratio = _time_matches(patterns, long, 200) / _time_matches(patterns, short, 200)
    assert ratio < 64, ratio
