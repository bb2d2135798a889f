"""Behaviour check for refactors: run two installations of mojolint on the same corpora and
compare what they print and what their fixes write, byte for byte.

    python bench/compare_outputs.py BEFORE_PYTHON AFTER_PYTHON [CORPUS ...]

Each PYTHON is the interpreter of a venv with mojolint installed (e.g. one of main, one of a
branch). For each corpus folder (default: every folder of /work/corpora except
odyssey-ba12f57c) it runs, from inside the folder, ``mojolint check --select ALL
--target-version 1.2 --output-format json --no-cache`` and compares stdout, stderr and the
exit status; then it copies the folder twice under a temporary folder, runs ``--fix
--unsafe-fixes`` in each copy, and compares the output and every file (``diff -r``). The
corpora themselves are never written. Exit status 0 when everything is identical.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CORPORA = Path("/work/corpora")
SKIPPED = {"odyssey-ba12f57c"}
CHECK = ["check", "--select", "ALL", "--target-version", "1.2", "--no-cache"]


def run(python: str, folder: Path, *args: str) -> tuple[int, bytes, bytes]:
    done = subprocess.run([python, "-m", "mojolint", *args], cwd=folder, capture_output=True,
                          check=False)
    return done.returncode, done.stdout, done.stderr


def same(label: str, before: tuple[int, bytes, bytes], after: tuple[int, bytes, bytes]) -> bool:
    if before == after:
        print(f"  {label}: identical (exit {before[0]}, {len(before[1])} bytes of output)")
        return True
    print(f"  {label}: DIFFERENT (exit {before[0]} vs {after[0]}, stdout "
          f"{len(before[1])} vs {len(after[1])} bytes, stderr {before[2][:200]!r} vs "
          f"{after[2][:200]!r})")
    return False


def compare(before: str, after: str, corpus: Path, scratch: Path) -> bool:
    print(corpus.name)
    ok = same("check", run(before, corpus, *CHECK, "--output-format", "json", "."),
              run(after, corpus, *CHECK, "--output-format", "json", "."))
    copies = [scratch / "before" / corpus.name, scratch / "after" / corpus.name]
    outcomes = []
    for python, copy in zip((before, after), copies, strict=True):
        shutil.copytree(corpus, copy, symlinks=True)
        outcomes.append(run(python, copy, *CHECK, "--fix", "--unsafe-fixes", "."))
    ok = same("fix output", outcomes[0], outcomes[1]) and ok
    diff = subprocess.run(["diff", "-rq", "--no-dereference", str(copies[0]), str(copies[1])],
                          capture_output=True, text=True, check=False)
    if diff.returncode == 0:
        print("  fixed files: identical")
    else:
        print("  fixed files: DIFFERENT\n" + diff.stdout[:2000])
        ok = False
    for copy in copies:
        shutil.rmtree(copy)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("corpora", nargs="*", type=Path)
    args = parser.parse_args()
    corpora = args.corpora or sorted(p for p in CORPORA.iterdir()
                                     if p.is_dir() and p.name not in SKIPPED)
    with tempfile.TemporaryDirectory(prefix="compare-outputs-") as scratch:
        results = [compare(args.before, args.after, corpus.resolve(), Path(scratch))
                   for corpus in corpora]
    print("all identical" if all(results) else "DIFFERENCES FOUND")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
