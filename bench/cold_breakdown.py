"""Where one cold ``mojolint check`` run spends its time, per process (parent and workers).

    python bench/cold_breakdown.py [DIR] [--select CODES] [--rounds 3] [--startup]

Runs ``mojolint check --isolated --exit-zero --no-cache DIR`` in this process (the report
goes to /dev/null) with timers wrapped around the engine's steps, and prints, for the
parent and each worker: CPU seconds (``time.process_time``) by step, exclusive of the steps
nested in it (the parse of an imported module counts under ``index: parse``, not under the
rule that asked for it), and the wall-clock timeline (when each worker took its first job
and finished its last, how long it sat idle while the other still worked). The cyclic
garbage collector's passes are timed through ``gc.callbacks`` and taken out of whatever step
they interrupted. Interpreter start and imports are measured apart, in fresh subprocesses
(``python -c 'import mojolint.cli'`` and ``python -m mojolint --version``), since this
process has imported everything by the time the run starts.

The timers cost CPU of their own (a few per cent); the proportions are what it is for. With
``--rounds N`` the run is repeated N times in fresh subprocesses and the round with the least
total CPU is printed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_STACK: list[list[Any]] = []  # [name, cpu at start, cpu of nested steps]
_TOTALS: dict[str, list[float]] = {}  # name -> [exclusive cpu, calls]
_JOBS: list[tuple[float, float, int]] = []  # (wall start, wall end, bytes) per job
_EPOCH = 0.0
_OUT = ""


def _add(name: str, own: float, calls: int = 1) -> None:
    entry = _TOTALS.setdefault(name, [0.0, 0])
    entry[0] += own
    entry[1] += calls


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        label = name
        if any(frame[0].startswith("index") for frame in _STACK) and not name.startswith("index"):
            label = "index: " + name
        start = time.process_time()
        _STACK.append([label, start, 0.0])
        try:
            return function(*args, **kwargs)
        finally:
            frame = _STACK.pop()
            spent = time.process_time() - start
            _add(label, spent - frame[2])
            if _STACK:
                _STACK[-1][2] += spent

    return wrapper


_IDLE_RULES: dict[str, list[float]] = {}  # code -> [cpu on files it reported nothing on, files]


def _timed_rule(code: str, check: Callable[..., Any]) -> Callable[..., Any]:
    """A rule's check, timed; its time on files where it reports nothing is kept apart
    (what a pre-filter that knew the rule cannot fire there would save)."""
    def consume(context: Any) -> list[Any]:
        return list(check(context))  # a generator: time its consumption, not its creation

    timed_consume = timed(f"rule {code}", consume)

    def wrapper(context: Any) -> list[Any]:
        before = _TOTALS.get(f"rule {code}", [0.0])[0]
        found: list[Any] = timed_consume(context)
        if not found:
            entry = _IDLE_RULES.setdefault(code, [0.0, 0])
            entry[0] += _TOTALS[f"rule {code}"][0] - before
            entry[1] += 1
        return found

    return wrapper


_GC_START = [0.0]


def _gc_callback(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _GC_START[0] = time.process_time()
        return
    spent = time.process_time() - _GC_START[0]
    _add(f"gc (generation {info['generation']})", spent)
    if _STACK:
        _STACK[-1][2] += spent


def _dump(role: str) -> None:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    record = {
        "role": role, "pid": os.getpid(), "cpu": time.process_time(),
        "user": usage.ru_utime, "sys": usage.ru_stime,
        "totals": _TOTALS, "jobs": _JOBS, "idle_rules": _IDLE_RULES, "end": time.time() - _EPOCH,
    }
    Path(_OUT, f"{role}-{os.getpid()}.json").write_text(json.dumps(record))


_NOTES: list[str] = []


def _compiled(module: object) -> bool:
    """Whether ``module`` is a compiled extension (mypyc): its functions call each other
    directly, so patching its names would time nothing."""
    return str(getattr(module, "__file__", "")).endswith((".so", ".pyd"))


def _patch(owner: object, name: str, value: object) -> None:
    """Replace ``owner.name`` (the engine's own names, which mypy rightly refuses to let
    a plain assignment replace)."""
    setattr(owner, name, value)


def install() -> None:
    """Wrap the engine's steps with timers (before the run; the workers inherit them)."""
    from multiprocessing import util

    import mojolint.semantics as semantics
    from mojolint import engine, queries
    from mojolint import parser as mojo_parser
    from mojolint import rule as rule_module
    from mojolint.semantics import build, project

    _patch(mojo_parser, "parse", timed("parse", mojo_parser.parse))
    _patch(queries.FileQueries, "_collect", timed("query walk", queries.FileQueries._collect))
    _patch(queries.FileQueries, "captures",
            timed("walk: captures merge", queries.FileQueries.captures))
    _patch(queries.QueryBatch, "__init__", timed("query compile", queries.QueryBatch.__init__))
    # The model of a linted file, built on the first read of ctx.semantic (rule.py is never
    # compiled; the model's class may be, and a compiled class takes no patches).
    semantic = rule_module.Context.__dict__["semantic"]
    _patch(rule_module.Context, "semantic", property(timed("semantic model", semantic.fget)))
    _patch(semantics, "analyze", timed("tensor facts", build.analyze))
    if _compiled(project):
        _NOTES.append("mojolint.semantics is compiled (mypyc): the project index is not timed "
                      "apart (its parses and walks count under parse and query walk, its "
                      "models under the rule that asked)")
    else:
        _patch(project.ProjectIndex, "_parse", timed("index", project.ProjectIndex._parse))
    _patch(engine, "lint_source", timed("engine (lint_source own)", engine.lint_source))

    real_run_rules = engine._run_rules

    def run_rules(rules: Any, context: Any) -> Any:
        for rule in rules:
            if not getattr(rule, "_bench_timed", False):
                rule.check = _timed_rule(rule.code, rule.check)
                rule._bench_timed = True
        return real_run_rules(rules, context)

    _patch(engine, "_run_rules", run_rules)

    real_job = engine._lint_job

    def lint_job(job: Any) -> Any:
        start = time.time() - _EPOCH
        try:
            return real_job(job)
        finally:
            _JOBS.append((start, time.time() - _EPOCH, len(job.source)))

    # Sent to the workers by reference: the name must find this wrapper.
    lint_job.__module__, lint_job.__qualname__ = "mojolint.engine", "_lint_job"
    _patch(engine, "_lint_job", lint_job)

    def start_worker() -> None:
        _TOTALS.clear()
        _JOBS.clear()
        _IDLE_RULES.clear()
        _TOTALS["worker start (before its first job)"] = [time.process_time(), 1]

    real_init = engine._init_worker

    def init_worker(search_path: list[str]) -> None:  # a spawned worker (not on Linux)
        real_init(search_path)
        start_worker()
        util.Finalize(None, _dump, args=("worker",), exitpriority=0)

    _patch(engine, "_init_worker", init_worker)
    try:
        from mojolint import forked
    except ImportError:  # an install from before fb6c474: a ProcessPoolExecutor's workers
        pass
    else:
        real_become = engine._become_worker

        def become_worker() -> None:  # a forked worker
            real_become()
            start_worker()

        _patch(engine, "_become_worker", become_worker)
        real_work = forked._work

        def work(jobs: Any, do: Any, offers: list[int], results: int, stream: bool) -> None:
            real_work(jobs, do, offers, results, stream)
            # The worker that lints while the parent loads the most-imported modules sends
            # its results at the end (stream false): "early", a column of its own.
            _dump("worker" if stream else "early")

        _patch(forked, "_work", work)
    real_fix_paths = engine.fix_paths

    def fix_paths(*args: Any, **kwargs: Any) -> Any:
        _add("start-up and discovery (before fix_paths)", time.process_time() - _START[0])
        start = time.process_time()
        _STACK.append(["fix_paths (prepare, pool, collect)", start, 0.0])
        _MARKS["fix_paths"] = time.time() - _EPOCH
        try:
            return real_fix_paths(*args, **kwargs)
        finally:
            frame = _STACK.pop()
            _add(frame[0], time.process_time() - start - frame[2])
            _MARKS["fix_paths done"] = time.time() - _EPOCH

    from mojolint.commands import check as check_module  # noqa: F401  (imports engine)

    _patch(engine, "fix_paths", fix_paths)
    gc.callbacks.append(_gc_callback)


_START = [0.0]
_MARKS: dict[str, float] = {}


def one_run(folder: Path, select: str | None, out: str) -> None:
    """The instrumented run (in a fresh subprocess); writes parent-*.json and worker-*.json."""
    global _EPOCH, _OUT
    _OUT = out
    from mojolint.cli import cli

    install()
    args = ["check", "--isolated", "--exit-zero", "--no-cache", "."]
    if select is not None:
        args[1:1] = ["--select", select]
    os.chdir(folder)
    devnull = os.open(os.devnull, os.O_WRONLY)
    saved = os.dup(1)
    os.dup2(devnull, 1)
    _EPOCH = time.time()
    _START[0] = time.process_time()
    _add("interpreter and imports (parent, before the run)", _START[0])
    try:
        cli(args, standalone_mode=False)
    except SystemExit:
        pass
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
    _add("output (after fix_paths)", 0.0, 0)
    _TOTALS["output (after fix_paths)"][0] = time.process_time() - sum(
        v[0] for k, v in _TOTALS.items() if k != "output (after fix_paths)")
    record_marks: dict[str, Any] = dict(_MARKS, end=time.time() - _EPOCH, notes=_NOTES)
    Path(out, "marks.json").write_text(json.dumps(record_marks))
    _dump("parent")


def _startup(python: str) -> dict[str, float]:
    """CPU seconds of a bare interpreter, of importing the CLI, of ``--version``."""
    found: dict[str, float] = {}
    for label, code in (("python -c pass", ["-c", "pass"]),
                        ("import mojolint.cli", ["-c", "import mojolint.cli"]),
                        ("import the engine's lint path",
                         ["-c", "import mojolint.cli, mojolint.engine, mojolint.parser, "
                                "mojolint.semantics.project, tree_sitter"])):
        best = None
        for _ in range(5):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([python, *code], check=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            best = cpu if best is None else min(best, cpu)
        assert best is not None
        found[label] = best
    return found


def _report(out: Path) -> tuple[float, str]:
    records = [json.loads(p.read_text()) for p in sorted(out.glob("*-*.json"))]
    marks = json.loads((out / "marks.json").read_text())
    parent = next(r for r in records if r["role"] == "parent")
    workers = [r for r in records if r["role"] == "worker"]
    early = [r for r in records if r["role"] == "early"]  # at most one
    others = [*workers, *early]
    labels = [*(f"worker {i + 1}" for i in range(len(workers))), *("early" for _ in early)]
    total = parent["cpu"] + sum(w["cpu"] for w in others)
    lines = [f"total CPU {total:.3f} s (parent {parent['cpu']:.3f}, workers "
             + ", ".join(f"{w['cpu']:.3f}" for w in workers)
             + "".join(f", early {w['cpu']:.3f}" for w in early)
             + f"); wall {marks['end']:.3f} s", ""]
    names = sorted({k for r in records for k in r["totals"]},
                   key=lambda k: -sum(r["totals"].get(k, [0])[0] for r in records))
    header = "| step | parent | " + " | ".join(labels)
    lines.append(header + " | all | share |")
    lines.append("| --- " * (3 + len(others)) + "| --- |")
    for name in names:
        cells = [r["totals"].get(name, [0.0, 0]) for r in [parent, *others]]
        whole = sum(c[0] for c in cells)
        if whole < 0.0005:
            continue
        lines.append(f"| {name} | " + " | ".join(f"{c[0]:.3f}" for c in cells)
                     + f" | {whole:.3f} | {100 * whole / total:.0f}% |")
    unaccounted = [r["cpu"] - sum(v[0] for v in r["totals"].values()) for r in [parent, *others]]
    lines.append("| not in any step | " + " | ".join(f"{u:.3f}" for u in unaccounted)
                 + f" | {sum(unaccounted):.3f} | {100 * sum(unaccounted) / total:.0f}% |")
    lines.extend(f"note: {note}" for note in marks.get("notes", []))
    lines.append("")
    lines.append(f"timeline (wall s from the run's start): fix_paths {marks['fix_paths']:.3f}, "
                 f"its end {marks['fix_paths done']:.3f}, exit {marks['end']:.3f}")
    if parent["jobs"]:
        start, end, _size = parent["jobs"][0]
        lines.append(f"  parent's own job(s): {len(parent['jobs'])}, {start:.3f}-{end:.3f}")
    for label, w in zip(labels, others, strict=True):
        jobs = w["jobs"]
        if not jobs:
            lines.append(f"  {label}: no jobs")
            continue
        busy = sum(e - s for s, e, _ in jobs)
        first, last = jobs[0][0], jobs[-1][1]
        lines.append(f"  {label}: {len(jobs)} jobs, {sum(j[2] for j in jobs) / 1e6:.2f} MB, "
                     f"first {first:.3f}, last done {last:.3f}, busy {busy:.3f} s wall, "
                     f"CPU {w['cpu']:.3f}")
    lines.append("")
    lines.append("| rule | CPU s | of it on files where it reported nothing | such files |")
    lines.append("| --- | --- | --- | --- |")
    rule_names = [n for n in names if n.startswith("rule ")]
    for name in rule_names:
        code = name[5:]
        spent = sum(r["totals"].get(name, [0.0])[0] for r in records)
        idle = sum(r["idle_rules"].get(code, [0.0, 0])[0] for r in records)
        files = sum(r["idle_rules"].get(code, [0.0, 0])[1] for r in records)
        if spent >= 0.002:
            lines.append(f"| {code} | {spent:.3f} | {idle:.3f} | {files} |")
    ends = [w["jobs"][-1][1] for w in workers if w["jobs"]]
    if len(ends) > 1:
        lines.append(f"  one worker idle at the end for {max(ends) - min(ends):.3f} s")
    return total, "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description=__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    cli.add_argument("folder", type=Path, nargs="?",
                     default=Path("/work/corpora/mvillmow+ProjectOdyssey"),
                     help="the Mojo project to lint (default: %(default)s)")
    cli.add_argument("--select", default=None, help="rules (default: the default set)")
    cli.add_argument("--rounds", type=int, default=1, help="runs; the least total CPU shown")
    cli.add_argument("--startup", action="store_true",
                     help="also measure interpreter start and imports (fresh subprocesses)")
    cli.add_argument("--one-run", metavar="OUT", help=argparse.SUPPRESS)
    args = cli.parse_args(argv)
    if args.one_run:
        one_run(args.folder.resolve(), args.select, args.one_run)
        return 0
    best: tuple[float, str] | None = None
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as out:
            command = [sys.executable, __file__, str(args.folder), "--one-run", out]
            if args.select is not None:
                command += ["--select", args.select]
            subprocess.run(command, check=True)
            found = _report(Path(out))
        print(f"round: {found[0]:.3f} CPU-s", file=sys.stderr)
        if best is None or found[0] < best[0]:
            best = found
    assert best is not None
    print(f"load average: {os.getloadavg()}")
    print(best[1])
    if args.startup:
        print()
        for label, cpu in _startup(sys.executable).items():
            print(f"start-up, fresh process, best of 5: {label}: {cpu:.3f} CPU-s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
