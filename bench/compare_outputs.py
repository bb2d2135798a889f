"""Behaviour check for refactors: run two installations of mojolint on the same corpora and
compare what they print and what their fixes write, byte for byte.

    python bench/compare_outputs.py [--keep DIR] [--select CODES] [--ignore CODES]
                                    BEFORE AFTER [CORPUS ...]

Each of BEFORE and AFTER is either the interpreter of a venv with mojolint installed (e.g.
one of main, one of a branch) or a folder of outputs kept by an earlier ``--keep`` run (its
``before`` or ``after`` subfolder), so that a slow side need not run again. For each corpus
folder (default: every folder of /work/corpora except odyssey-ba12f57c) it runs, from inside
the folder, ``mojolint check --select ALL --target-version 1.2 --output-format json
--no-cache`` and compares stdout, stderr and the exit status; then it copies the folder
under a temporary folder, runs ``--fix --unsafe-fixes`` in the copy, and compares the output
and every file the fix changed, added or removed. The corpora themselves are never written.
When the JSON differs, the differences are counted by rule code and kind (added, removed,
changed with the fields that differ). Exit status 0 when everything is identical.

``--keep DIR`` writes each side's outputs to ``DIR/before/CORPUS`` and ``DIR/after/CORPUS``:
``check.stdout``, ``check.stderr``, ``check.exit``, the same three for ``fix``, the files the
fix changed or added under ``fixed/`` (same relative paths) and the ones it removed, one a
line, in ``removed.txt``, and the selection options in ``selection.txt`` (a kept side is
only compared with a run of the same options). ``--select CODES`` replaces ``ALL`` on both
sides' command lines and ``--ignore CODES`` adds ``--ignore CODES`` to them, to leave out rules
whose behaviour changed on purpose (an older version may refuse codes added since: select the
codes both know).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CORPORA = Path("/work/corpora")
SKIPPED = {"odyssey-ba12f57c"}
CHECK = ["check", "--target-version", "1.2", "--no-cache"]
SHOWN = 20  # differing files named per corpus

Output = tuple[int, bytes, bytes]


@dataclass(frozen=True)
class Outcome:
    """What one installation did on one corpus."""

    check: Output
    fix: Output
    changed: dict[str, bytes]  # relative path -> bytes written (changed or added files)
    removed: frozenset[str]


def run(python: str, folder: Path, *args: str) -> Output:
    done = subprocess.run([python, "-m", "mojolint", *args], cwd=folder, capture_output=True,
                          check=False)
    return done.returncode, done.stdout, done.stderr


def _entries(root: Path) -> dict[str, Path]:
    """Every file and symlink under root, by relative path (symlinks are not followed)."""
    found: dict[str, Path] = {}
    for folder, dirs, files in os.walk(root):
        base = Path(folder)
        for name in files + [d for d in dirs if (base / d).is_symlink()]:
            path = base / name
            found[path.relative_to(root).as_posix()] = path
    return found


def _content(path: Path) -> bytes:
    if path.is_symlink():
        return b"symlink -> " + os.fsencode(os.readlink(path))
    return path.read_bytes()


def changes(original: Path, copy: Path) -> tuple[dict[str, bytes], frozenset[str]]:
    """The files of copy that differ from (or are not in) original, and those it lost."""
    before, after = _entries(original), _entries(copy)
    changed = {}
    for rel, path in after.items():
        content = _content(path)
        if rel not in before or _content(before[rel]) != content:
            changed[rel] = content
    return changed, frozenset(set(before) - set(after))


def run_side(python: str, corpus: Path, scratch: Path, extra: list[str]) -> Outcome:
    check = run(python, corpus, *CHECK, *extra, "--output-format", "json", ".")
    copy = scratch / corpus.name
    shutil.copytree(corpus, copy, symlinks=True)
    try:
        fix = run(python, copy, *CHECK, *extra, "--fix", "--unsafe-fixes", ".")
        changed, removed = changes(corpus, copy)
    finally:
        shutil.rmtree(copy)
    return Outcome(check, fix, changed, removed)


def _write_output(folder: Path, name: str, output: Output) -> None:
    (folder / f"{name}.exit").write_text(f"{output[0]}\n", encoding="utf-8")
    (folder / f"{name}.stdout").write_bytes(output[1])
    (folder / f"{name}.stderr").write_bytes(output[2])


def _read_output(folder: Path, name: str) -> Output:
    return (int((folder / f"{name}.exit").read_text(encoding="utf-8")),
            (folder / f"{name}.stdout").read_bytes(), (folder / f"{name}.stderr").read_bytes())


def keep(outcome: Outcome, folder: Path, extra: list[str]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "selection.txt").write_text(" ".join(extra) + "\n", encoding="utf-8")
    _write_output(folder, "check", outcome.check)
    _write_output(folder, "fix", outcome.fix)
    for rel, content in outcome.changed.items():
        target = folder / "fixed" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    (folder / "removed.txt").write_text("".join(f"{rel}\n" for rel in sorted(outcome.removed)),
                                        encoding="utf-8")


def load(folder: Path) -> Outcome:
    fixed = folder / "fixed"
    changed = {rel: path.read_bytes() for rel, path in _entries(fixed).items()}
    removed = (folder / "removed.txt").read_text(encoding="utf-8").splitlines()
    return Outcome(_read_output(folder, "check"), _read_output(folder, "fix"), changed,
                   frozenset(removed))


def same(label: str, before: Output, after: Output) -> bool:
    if before == after:
        print(f"  {label}: identical (exit {before[0]}, {len(before[1])} bytes of output)")
        return True
    print(f"  {label}: DIFFERENT (exit {before[0]} vs {after[0]}, stdout "
          f"{len(before[1])} vs {len(after[1])} bytes, stderr {before[2][:200]!r} vs "
          f"{after[2][:200]!r})")
    return False


def _place(diagnostic: dict[str, Any]) -> tuple[str, str, int, int, int, int]:
    start, end = diagnostic["location"], diagnostic["end_location"]
    return (diagnostic["filename"], diagnostic["code"], start["row"], start["column"],
            end["row"], end["column"])


def json_groups(before: bytes, after: bytes) -> Counter[tuple[str, str]]:
    """How two JSON reports differ, by rule code and kind: a diagnostic added or removed (no
    diagnostic of that code at that place on the other side), or changed (the fields that
    differ, e.g. ``changed: fix,message``), or ``order`` when the same diagnostics are listed
    in another order."""
    old, new = json.loads(before or b"[]"), json.loads(after or b"[]")
    counted_old = Counter(json.dumps(d, sort_keys=True) for d in old)
    counted_new = Counter(json.dumps(d, sort_keys=True) for d in new)
    gone: dict[tuple[str, str, int, int, int, int], list[dict[str, Any]]] = {}
    came: dict[tuple[str, str, int, int, int, int], list[dict[str, Any]]] = {}
    for text in (counted_old - counted_new).elements():
        diagnostic = json.loads(text)
        gone.setdefault(_place(diagnostic), []).append(diagnostic)
    for text in (counted_new - counted_old).elements():
        diagnostic = json.loads(text)
        came.setdefault(_place(diagnostic), []).append(diagnostic)
    groups: Counter[tuple[str, str]] = Counter()
    for place in gone.keys() | came.keys():
        olds, news = gone.get(place, []), came.get(place, [])
        for was, now in zip(olds, news, strict=False):  # the extra ones are counted below
            fields = ",".join(sorted(k for k in was.keys() | now.keys()
                                     if was.get(k) != now.get(k)))
            groups[(place[1], f"changed: {fields}")] += 1
        groups[(place[1], "removed")] += max(0, len(olds) - len(news))
        groups[(place[1], "added")] += max(0, len(news) - len(olds))
    groups = +groups
    if not groups and old != new:
        groups[("*", "order")] = 1
    return groups


def print_json_groups(before: bytes, after: bytes) -> None:
    try:
        groups = json_groups(before, after)
    except (ValueError, KeyError, TypeError):
        return  # not a JSON report (e.g. a crash): the byte counts above say enough
    for (code, kind), count in sorted(groups.items()):
        print(f"    {code} {kind}: {count}")


def same_files(before: Outcome, after: Outcome) -> bool:
    differing = sorted(rel for rel in set(before.changed) | set(after.changed)
                       if before.changed.get(rel) != after.changed.get(rel))
    differing += sorted(before.removed ^ after.removed)
    if not differing:
        print(f"  fixed files: identical ({len(before.changed)} written, "
              f"{len(before.removed)} removed)")
        return True
    print(f"  fixed files: DIFFERENT in {len(differing)} files")
    for rel in differing[:SHOWN]:
        print(f"    {rel}")
    return False


def outcome_of(side: str, corpus: Path, scratch: Path, extra: list[str]) -> Outcome:
    """Run the interpreter side on corpus, or load what a kept folder holds for it."""
    if Path(side).is_dir():
        folder = Path(side) / corpus.name
        kept = (folder / "selection.txt").read_text(encoding="utf-8").strip()
        if kept != " ".join(extra):
            sys.exit(f"compare_outputs: {folder} was run with {kept!r}, not {' '.join(extra)!r}")
        return load(folder)
    return run_side(side, corpus, scratch, extra)


def compare(sides: tuple[str, str], corpus: Path, scratch: Path, extra: list[str],
            kept: Path | None) -> bool:
    print(corpus.name, flush=True)
    before, after = (outcome_of(side, corpus, scratch, extra) for side in sides)
    if kept is not None:
        for name, outcome in (("before", before), ("after", after)):
            keep(outcome, kept / name / corpus.name, extra)
    ok = same("check", before.check, after.check)
    if not ok:
        print_json_groups(before.check[1], after.check[1])
    ok = same("fix output", before.fix, after.fix) and ok
    ok = same_files(before, after) and ok
    sys.stdout.flush()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("before", help="an interpreter, or a folder kept by --keep")
    parser.add_argument("after", help="an interpreter, or a folder kept by --keep")
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="write both sides' outputs to DIR/before and DIR/after")
    parser.add_argument("--select", metavar="CODES", default="ALL",
                        help="select CODES instead of ALL on both sides")
    parser.add_argument("--ignore", metavar="CODES",
                        help="pass --ignore CODES to both sides")
    args = parser.parse_args()
    sides = (args.before, args.after)
    if args.keep is not None and any(Path(side).is_dir() and Path(side).resolve()
                                     .is_relative_to(args.keep.resolve()) for side in sides):
        parser.error("--keep DIR must not hold a side that is read from a kept folder")
    extra = ["--select", args.select] + (["--ignore", args.ignore] if args.ignore else [])
    corpora = args.corpora or sorted(p for p in CORPORA.iterdir()
                                     if p.is_dir() and p.name not in SKIPPED)
    with tempfile.TemporaryDirectory(prefix="compare-outputs-") as scratch:
        results = [compare(sides, corpus.resolve(), Path(scratch), extra, args.keep)
                   for corpus in corpora]
    print("all identical" if all(results) else "DIFFERENCES FOUND")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
