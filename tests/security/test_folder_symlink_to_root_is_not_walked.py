"""Issue 19 point 18 (the discovery half): folder symlinks were walked, so a committed
`rootfs -> /` walked into /proc, and a link to a folder outside the checkout brought its
files into the run (and, with --fix, rewrote them). Discovery now never follows a folder
symlink inside a walk, as ruff; file symlinks are still linted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BROKEN = "fn main(:\n    pass\n"


def test_a_committed_symlink_to_root_or_outside_the_checkout_is_not_walked(
        tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.mojo").write_text(BROKEN)
    project = tmp_path / "project"
    project.mkdir()
    (project / "own.mojo").write_text(BROKEN)
    os.symlink("/", project / "rootfs")
    os.symlink(outside, project / "escape")
    os.symlink(project, project / "loop")
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        # The timeout bounds a walk of the whole machine; the run takes about a second.
        return subprocess.run(
            [sys.executable, "-m", "mojolint", "check", "--no-cache", "--output-format",
             "concise", *args], cwd=project, capture_output=True, text=True, timeout=120,
            check=False)

    completed = run("--fix")
    linted = [line.split(":")[0] for line in completed.stdout.splitlines()
              if line.count(":") >= 3]
    assert linted == ["own.mojo"]
    assert (outside / "victim.mojo").read_text() == BROKEN
    completed = run("-v")
    for name in ("rootfs", "escape", "loop"):
        assert (f"mojolint: verbose: skipped ./{name}: a symlink to a folder (folder "
                "symlinks are not followed)") in completed.stderr.splitlines()
