"""The whole-corpus run: lint real Mojo code with every rule, then fix a copy of it.

    python bench/corpus_run.py [CORPUS_DIR ...] [--target-version V] [--slowest N]
                               [--jobs N] [--markdown docs/corpus-run.md]

Without folders, every corpus extracted under ``/work/corpora/`` is used (see
``../shared/docs/corpora.md``); ProjectOdyssey's ``.templates/`` (Jinja, not Mojo) is skipped.
Files are found the way ``mojolint check`` finds them (default excludes, ``.gitignore``).

1. **Lint**: each file is linted in-process with ``--select ALL`` at the target version
   (default: the newest, so every upgrade rule fires), timed one by one. Counted: files,
   lines, MJ003 internal errors, exceptions that escaped the engine, files with parse errors.
2. **Fix**: the corpus is copied to a temporary folder and the real command line runs
   ``mojolint check --isolated --no-cache --select ALL --fix --unsafe-fixes`` on the copy.
   For every file the fix changed, parse errors (ERROR/MISSING nodes) before and after are
   compared; MJ003 left in the report and lines saying ``internal error`` are counted.

Prints a summary and, with ``--markdown``, writes it (atomically) as a Markdown page.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from mojolint import __version__
from mojolint.config import ConfigResolver
from mojolint.discovery import discover
from mojolint.fileio import write_atomic
from mojolint.fixes import count_syntax_errors
from mojolint.registry import get_registry
from mojolint.settings import Overrides, Settings
from mojolint.versions import TARGET_VERSIONS

CORPORA = Path("/work/corpora")
# Never measured: kept for independent evaluation (see corpora.md).
FORBIDDEN = "HomericIntelligence+Odyssey"
SKIPPED_FOLDERS = (".templates",)
# What the fixer says on stderr about a fix it did not apply as is (see mojolint/fixes.py).
FIX_WARNINGS = ("rolled back", "has invalid edits", "past the bound", "did not settle")
# Files per command line when fixing (keeps each argument list well under ARG_MAX).
CHUNK = 400


@dataclass(frozen=True)
class Linted:
    relative: str
    lines: int
    seconds: float
    parse_errors: int
    internal_errors: tuple[str, ...]
    codes: tuple[str, ...]


@dataclass
class FixOutcome:
    seconds: float = 0.0
    exit_codes: set[int] = field(default_factory=set)
    files_changed: int = 0
    remaining: Counter[str] = field(default_factory=Counter)
    internal_errors: list[str] = field(default_factory=list)
    # (file, parse errors before, after) for every changed file that got worse.
    parse_errors_added: list[tuple[str, int, int]] = field(default_factory=list)
    rollbacks: int = 0
    # stderr lines of rolled-back, malformed, oversized or unsettled fixes (file: rule: why).
    fix_warnings: list[str] = field(default_factory=list)


@dataclass
class CorpusResult:
    name: str
    linted: list[Linted]
    fix: FixOutcome

    @property
    def lines(self) -> int:
        return sum(item.lines for item in self.linted)

    @property
    def seconds(self) -> float:
        return sum(item.seconds for item in self.linted)


def corpus_files(root: Path, target: str) -> list[Path]:
    """The Mojo files ``mojolint check ROOT`` would lint, minus known non-Mojo folders."""
    resolver = ConfigResolver(get_registry(), isolated=True,
                              overrides=Overrides(select=("ALL",), target_version=target))
    found = discover([root], resolver)
    for message in found.errors:
        print(f"corpus_run: warning: {message}", file=sys.stderr)
    return sorted(p for p in found.files
                  if not any(part in SKIPPED_FOLDERS for part in p.relative_to(root).parts))


_SETTINGS: dict[str, Settings] = {}


def _settings(target: str) -> Settings:
    if target not in _SETTINGS:
        resolver = ConfigResolver(get_registry(), isolated=True,
                                  overrides=Overrides(select=("ALL",), target_version=target))
        _SETTINGS[target] = resolver.settings_for_dir(Path.cwd())
    return _SETTINGS[target]


def lint_one(job: tuple[Path, Path, str]) -> Linted:
    """Lint one file with every rule; an exception escaping the engine counts as a crash."""
    from mojolint.codes import INTERNAL_ERROR
    from mojolint.engine import lint_source

    path, root, target = job
    source = path.read_bytes()
    relative = path.relative_to(root).as_posix()
    lines = source.count(b"\n") + (1 if source and not source.endswith(b"\n") else 0)
    started = time.perf_counter()
    try:
        diagnostics = lint_source(source, path, _settings(target), display_path=relative)
    except Exception as error:  # what the engine should never let through
        seconds = time.perf_counter() - started
        crash = f"{relative}: exception {type(error).__name__}: {error}"
        return Linted(relative, lines, seconds, 0, (crash,), ())
    seconds = time.perf_counter() - started
    crashes = tuple(f"{relative}: {d.message}" for d in diagnostics if d.code == INTERNAL_ERROR)
    codes = tuple(d.code for d in diagnostics)
    return Linted(relative, lines, seconds, count_syntax_errors(source), crashes, codes)


def lint_corpus(root: Path, files: Sequence[Path], target: str, jobs: int) -> list[Linted]:
    work = [(path, root, target) for path in files]
    if jobs < 2:
        return [lint_one(job) for job in work]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(lint_one, work, chunksize=8))


def fix_copy(root: Path, files: Sequence[Path], target: str) -> FixOutcome:
    """Run the real ``--fix --unsafe-fixes`` on a copy of the corpus and compare."""
    outcome = FixOutcome()
    with tempfile.TemporaryDirectory(prefix="corpus-run-") as scratch:
        copy = Path(scratch) / root.name
        shutil.copytree(root, copy, symlinks=True)
        relative = [path.relative_to(root).as_posix() for path in files]
        started = time.perf_counter()
        for start in range(0, len(relative), CHUNK):
            chunk = relative[start:start + CHUNK]
            completed = subprocess.run(
                [sys.executable, "-m", "mojolint", "check", "--isolated", "--no-cache",
                 "--select", "ALL", "--target-version", target, "--fix", "--unsafe-fixes",
                 "--output-format", "json", "--", *chunk],
                cwd=copy, capture_output=True, check=False)
            outcome.exit_codes.add(completed.returncode)
            stderr = completed.stderr.decode(errors="replace")
            outcome.rollbacks += stderr.count("rolled back")
            outcome.fix_warnings += [line for line in stderr.splitlines()
                                     if any(word in line for word in FIX_WARNINGS)]
            outcome.internal_errors += [line for line in stderr.splitlines()
                                        if "internal error" in line or "Traceback" in line]
            try:
                remaining = json.loads(completed.stdout or b"[]")
            except json.JSONDecodeError:
                outcome.internal_errors.append(f"unreadable JSON report (exit "
                                               f"{completed.returncode}): {stderr[-300:]}")
                remaining = []
            for item in remaining:
                outcome.remaining[item["code"]] += 1
                if item["code"] == "MJ003":
                    outcome.internal_errors.append(f"{item['filename']}: {item['message']}")
        outcome.seconds = time.perf_counter() - started
        for name, original in zip(relative, files, strict=True):
            before = original.read_bytes()
            after = (copy / name).read_bytes()
            if after == before:
                continue
            outcome.files_changed += 1
            errors_before, errors_after = count_syntax_errors(before), count_syntax_errors(after)
            if errors_after > errors_before:
                outcome.parse_errors_added.append((name, errors_before, errors_after))
    return outcome


def default_corpora() -> list[Path]:
    return sorted(p for p in CORPORA.iterdir() if p.is_dir() and p.name != FORBIDDEN)


def render(results: Sequence[CorpusResult], target: str, slowest: int,
           commit: str | None = None) -> str:
    linted = [item for result in results for item in result.linted]
    crashes = [c for item in linted for c in item.internal_errors]
    fix_crashes = [c for result in results for c in result.fix.internal_errors]
    added = [(r.name, *a) for r in results for a in r.fix.parse_errors_added]
    out = [
        "# Whole-corpus run\n\n",
        f"Generated by `python bench/corpus_run.py {' '.join(sys.argv[1:])}` (issues 9, 14, "
        "15, 19): the corpora of `../shared/docs/corpora.md` listed below (without "
        "ProjectOdyssey's `.templates/`) linted with `--select ALL` "
        f"at target version {target}, then fixed with `--select ALL --target-version {target} "
        "--fix --unsafe-fixes` on a copy.\n\n",
        f"mojolint {__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs (shared; times are wall-clock), "
        f"commit {commit or _commit()}.\n\n",
        "## Totals\n\n",
        f"- files: {len(linted):,}; lines: {sum(i.lines for i in linted):,}\n",
        f"- internal errors (MJ003 or exceptions) while linting: {len(crashes)}\n",
        f"- internal errors while fixing: {len(fix_crashes)}\n",
        f"- files with parse errors before fixing: "
        f"{sum(1 for i in linted if i.parse_errors)}\n",
        f"- files changed by fixes: {sum(r.fix.files_changed for r in results):,}; "
        f"fixes rolled back: {sum(r.fix.rollbacks for r in results)}\n",
        f"- files where fixing added parse errors: {len(added)}\n\n",
        "## Per corpus\n\n",
        "| corpus | files | lines | lint s (sum of files) | MJ003 | files with parse errors "
        "| fix s | files fixed | fixes rolled back | other fix warnings | parse errors added "
        "| fix exit codes |\n",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n",
    ]
    for result in results:
        crashed = sum(len(i.internal_errors) for i in result.linted)
        bad = sum(1 for i in result.linted if i.parse_errors)
        codes = ", ".join(str(c) for c in sorted(result.fix.exit_codes))
        out.append(f"| {result.name} | {len(result.linted):,} | {result.lines:,} | "
                   f"{result.seconds:.1f} | {crashed} | {bad} | {result.fix.seconds:.1f} | "
                   f"{result.fix.files_changed:,} | {result.fix.rollbacks} | "
                   f"{len(result.fix.fix_warnings) - result.fix.rollbacks} | "
                   f"{len(result.fix.parse_errors_added)} | "
                   f"{codes} |\n")
    out.append("\nLint seconds add up the files' own times (two worker processes run them); "
               "fix seconds are the wall-clock time of the `--fix` command lines. A fix exit "
               "code of 1 means violations remain (rules without fixes); 2 would be an error.\n")
    out += [f"\n## Slowest {slowest} files (lint, all rules)\n\n",
            "| file | lines | seconds |\n|---|---:|---:|\n"]
    by_time = sorted(((r.name, i) for r in results for i in r.linted),
                     key=lambda pair: pair[1].seconds, reverse=True)
    for name, item in by_time[:slowest]:
        out.append(f"| {name}/{item.relative} | {item.lines:,} | {item.seconds:.2f} |\n")
    counts: Counter[str] = Counter(code for i in linted for code in i.codes)
    out += ["\n## Diagnostics before fixing, by code\n\n", "| code | count |\n|---|---:|\n"]
    out += [f"| {code} | {count:,} |\n" for code, count in sorted(counts.items())]
    if crashes or fix_crashes:
        out.append("\n## Internal errors\n\n")
        out += [f"- {line}\n" for line in (*crashes, *fix_crashes)]
    warnings = [f"{r.name}: {line}" for r in results for line in r.fix.fix_warnings]
    if warnings:
        out.append("\n## Fixes rolled back or not applied\n\n")
        out += [f"- {line}\n" for line in warnings]
    if added:
        out.append("\n## Parse errors added by fixes\n\n")
        out += [f"- {name}/{file}: {before} → {after}\n" for name, file, before, after in added]
    return "".join(out)


def _commit() -> str:
    """The commit of the checkout this script runs from (with `+changes` when it is dirty)."""
    here = Path(__file__).resolve().parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=here,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=here, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty.strip() else "")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("corpora", nargs="*", type=Path,
                        help=f"corpus folders (default: every one under {CORPORA})")
    parser.add_argument("--target-version", default=TARGET_VERSIONS[-1],
                        choices=TARGET_VERSIONS)
    parser.add_argument("--slowest", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--markdown", type=Path, help="write the summary to this file")
    parser.add_argument("--no-fix", action="store_true", help="lint only")
    args = parser.parse_args(argv)
    roots = [Path(os.path.abspath(p)) for p in args.corpora] or default_corpora()
    for root in roots:
        if FORBIDDEN in str(root):
            parser.error(f"{root}: kept for independent evaluation; not measured")
        if not root.is_dir():
            parser.error(f"{root}: not a folder")
    commit = _commit()  # the code measured, before anyone moves the checkout
    results = []
    for root in roots:
        files = corpus_files(root, args.target_version)
        started = time.perf_counter()
        linted = lint_corpus(root, files, args.target_version, args.jobs)
        wall = time.perf_counter() - started
        fix = FixOutcome() if args.no_fix else fix_copy(root, files, args.target_version)
        result = CorpusResult(root.name, linted, fix)
        results.append(result)
        print(f"{root.name}: {len(files)} files, {result.lines:,} lines, lint {wall:.1f}s "
              f"wall, MJ003 {sum(len(i.internal_errors) for i in linted)}, fixed "
              f"{fix.files_changed} files in {fix.seconds:.1f}s, parse errors added in "
              f"{len(fix.parse_errors_added)}, rolled back {fix.rollbacks}, fix exit "
              f"{sorted(fix.exit_codes)}", flush=True)
    text = render(results, args.target_version, args.slowest, commit)
    print(text)
    if args.markdown is not None:
        write_atomic(args.markdown, text.encode())
    crashed = any(i.internal_errors for r in results for i in r.linted) or any(
        r.fix.internal_errors or r.fix.parse_errors_added or r.fix.rollbacks for r in results)
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
