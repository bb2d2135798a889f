"""A/B of mojolint's CPU time between installs: cold and warm, variants alternating.

    python bench/ab_cpu.py --variant before=/work/venvs/base285/bin/python \\
        --variant after=/work/venvs/me/bin/python [--corpus DIR ...] [--rounds 3] \\
        [--select MJ,TS001,...] [--select-for before=MJ,...,TS008] [--warm]

Each corpus is copied once as ``bench/run.py`` copies it (its Mojo files and project
markers). Each round runs every variant once, in turn, so that a change in the machine's
load falls on all of them alike; the best of the rounds counts. A run is
``python -m mojolint check --isolated --exit-zero [--select ...] --no-cache`` (cold) or,
with ``--warm``, the same without ``--no-cache`` after one run that fills the cache (warm,
nothing changed). CPU seconds are user+sys of the process and its workers (getrusage of
the children around each subprocess); wall seconds are printed too, and the load average
before and after. The machine is shared: CPU seconds are the figure to compare.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from run import _child_env, copy_corpus  # noqa: E402  (a sibling script, not a package)

LIKE_FOR_LIKE = "MJ,TS001,TS002,TS003,TS004,TS007,NU004"


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(CPU seconds of the command and its children, wall seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=_child_env(), stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description=__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    cli.add_argument("--variant", action="append", required=True, metavar="NAME=PYTHON",
                     help="a name and the interpreter whose mojolint is measured")
    cli.add_argument("--corpus", action="append", type=Path, metavar="DIR",
                     help="corpus folders (default: ProjectOdyssey and rcghpge/modular)")
    cli.add_argument("--rounds", type=int, default=3,
                     help="rounds of every variant, alternating; the best counts (default: 3)")
    cli.add_argument("--select", default=LIKE_FOR_LIKE,
                     help="rules to run ('' for the default set); default: 285a9fe's set")
    cli.add_argument("--select-for", action="append", default=[], metavar="NAME=RULES",
                     help="another --select for one variant (285a9fe calls NU004 TS008)")
    cli.add_argument("--warm", action="store_true", help="warm runs instead of cold ones")
    options = cli.parse_args(argv)
    variants = [tuple(v.split("=", 1)) for v in options.variant]
    corpora = options.corpus or [Path("/work/corpora/mvillmow+ProjectOdyssey"),
                                 Path("/work/corpora/rcghpge+modular")]
    chosen = dict(v.split("=", 1) for v in options.select_for)
    print(f"load before: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="mojolint-ab-") as tmp:
        for source in corpora:
            label = source.name
            # One copy per variant: each keeps its own cache (.mojolint_cache/ in the copy).
            copies = {name: copy_corpus(source, Path(tmp) / name / label, label)
                      for name, _ in variants}
            first_copy = copies[variants[0][0]]
            print(f"{label}: {len(first_copy.files)} files, {first_copy.lines} lines",
                  flush=True)
            results: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in variants}
            for round_ in range(options.rounds):
                for name, python in variants:
                    root = copies[name].root
                    rules = chosen.get(name, options.select)
                    select = ["--select", rules] if rules else []
                    cmd = [python, "-m", "mojolint", "check", "--isolated", "--exit-zero",
                           *select, "."]
                    if options.warm:
                        shutil.rmtree(root / ".mojolint_cache", ignore_errors=True)
                        subprocess.run(cmd, cwd=root, env=_child_env(),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       check=True)
                        figures = timed(cmd, root)
                    else:
                        figures = timed([*cmd, "--no-cache"], root)
                    results[name].append(figures)
                    print(f"  round {round_ + 1} {name}: cpu {figures[0]:.2f} s, "
                          f"wall {figures[1]:.2f} s, load {os.getloadavg()[0]:.1f}",
                          flush=True)
            first = min(c for c, _ in results[variants[0][0]])
            for name, _ in variants:
                cpu = min(c for c, _ in results[name])
                wall = min(w for _, w in results[name])
                print(f"{label} {'warm' if options.warm else 'cold'} {name}: best CPU "
                      f"{cpu:.2f} s ({(cpu / first - 1) * 100:+.0f}%), best wall {wall:.2f} s",
                      flush=True)
    print(f"load after: {os.getloadavg()}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
