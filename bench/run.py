"""mojolint's performance benchmark: one command, every figure of issue 8.

    pip install '.[bench]' && python bench/run.py [CORPUS ...] [--synthetic]

Over each corpus folder (with none given, a deterministic synthetic corpus of about 200k
lines written by ``bench/synthetic.py``), one run measures:

- the raw parse of every file with mojolint's grammar, on one core and on all cores (the
  floor: no linter can be faster than parsing the files);
- ``mojolint check`` cold (``--no-cache``), warm (second run, cache filled), ``--fix`` on a
  copy, and the peak memory of each run;
- ast-grep (``ast-grep-cli``) running one pattern rule, ``$T._get_float64($I)``, with this
  grammar compiled into a shared library and loaded as a custom language, next to
  ``mojolint check --select TS001`` (mojolint running one rule);
- the Mojo compiler (``mojo build --emit object``) type-checking a sample of the files.

It prints the ratios against the targets and writes the results between the markers in
``docs/benchmarks.md`` (with the machine, the load and the versions); the rest of that file
is left as it is. Every tool runs as a subprocess from a temporary folder outside the
checkout, on a copy of the corpus' Mojo files.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

import synthetic  # noqa: E402  (a sibling script, not a package)

SUFFIXES = (".mojo", ".🔥")
# mojolint's default excludes: files under these folders are not linted, so not measured.
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".mojolint_cache", ".venv", "venv", ".pixi",
                          ".magic", "__pycache__", "node_modules", "build", "dist"})
# Copied with the Mojo files (the runs pass --isolated, so only their presence counts).
PROJECT_MARKERS = frozenset({"pixi.toml", "mojoproject.toml", "pyproject.toml"})
MARK_START = "<!-- bench:start -->"
MARK_END = "<!-- bench:end -->"
AST_GREP_PATTERN = "$T._get_float64($I)"
# Targets of issue 8.
TARGET_PARSE_RATIO = 2.5
TARGET_LINES_PER_SECOND = 150_000
TARGET_WARM_SHARE = 0.10
TARGET_AST_GREP_RATIO = 2.0
TARGET_MB_PER_MILLION_LINES = 400


class BenchError(Exception):
    """A benchmark step could not run; the message is one line for the user."""


# --- measuring a command -----------------------------------------------------------------


@dataclass
class Run:
    """One timed subprocess run."""

    seconds: float
    peak_sum_mb: float  # the sum of the RSS of the process and its children, sampled
    peak_one_mb: float  # the largest single process (wait4's ru_maxrss)
    returncode: int
    stdout: bytes = b""


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (from /proc/<pid>/task/*/children)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as f:
                    pending.extend(int(child) for child in f.read().split())
    return found


def run_measured(cmd: Sequence[str], cwd: Path, *, check: bool = True) -> Run:
    """Run ``cmd`` with output captured; wall time and peak memory."""
    peak = 0
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        try:
            proc = subprocess.Popen(list(cmd), cwd=cwd, stdout=out, stderr=err,
                                    env=_child_env())
        except OSError as error:
            raise BenchError(f"cannot run {cmd[0]}: {error.strerror or error}") from None
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, sum(_rss_kb(pid) for pid in _tree(proc.pid)))
                done.wait(0.01)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4, not Popen.wait: it also returns the child's resource usage.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read().decode("utf-8", "replace").strip()
    if check and proc.returncode not in (0, 1):
        last = stderr.splitlines()[-1] if stderr else "(no output)"
        raise BenchError(f"{' '.join(cmd[:4])} ... exited with {proc.returncode}: {last}")
    return Run(seconds, peak / 1024, usage.ru_maxrss / 1024, proc.returncode, stdout)


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # the installed package, never the source folder
    # Measure the tool as users run it: with Python's bytecode cache (some shells disable it).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NO_COLOR"] = "1"
    return env


def best(runs: Sequence[Run]) -> Run:
    fastest = min(runs, key=lambda r: r.seconds)
    return Run(fastest.seconds, max(r.peak_sum_mb for r in runs),
               max(r.peak_one_mb for r in runs), fastest.returncode, fastest.stdout)


# --- the corpus --------------------------------------------------------------------------


@dataclass
class Corpus:
    label: str
    root: Path  # a copy holding only the measured Mojo files
    files: list[Path]
    lines: int
    size: int


def copy_corpus(source: Path, dest: Path, label: str) -> Corpus:
    """Copy the Mojo files mojolint would lint under ``source`` into ``dest``."""
    if not source.is_dir():
        raise BenchError(f"{source}: not a folder")
    files: list[Path] = []
    lines = size = 0
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.suffix not in SUFFIXES or any(p in SKIPPED_DIRS for p in relative.parts[:-1]):
            continue
        if not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes()
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        files.append(target)
        lines += data.count(b"\n")
        size += len(data)
    if not files:
        raise BenchError(f"{source}: no .mojo files")
    # The project files that mark a project's root (mojolint.semantics.project): with them
    # the tensor rules read the files a file imports, as they do in the real checkout.
    for marker in sorted(source.rglob("*")):
        relative = marker.relative_to(source)
        if marker.name in PROJECT_MARKERS and marker.is_file() and not marker.is_symlink() \
                and not any(p in SKIPPED_DIRS for p in relative.parts[:-1]):
            (dest / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(marker, dest / relative)
    return Corpus(label, dest, files, lines, size)


# --- the floor: raw parse ----------------------------------------------------------------


def _parse_slice(paths: list[str]) -> float:
    from mojolint.parser import parse

    started = time.perf_counter()
    for path in paths:
        with open(path, "rb") as f:
            parse(f.read())
    return time.perf_counter() - started


def parse_times(corpus: Corpus, cores: int, repeat: int) -> tuple[float, float]:
    """Best seconds to parse every file on one core, and split over ``cores`` processes."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    paths = [str(p) for p in corpus.files]
    one = min(_parse_slice(paths) for _ in range(repeat))
    # Slices balanced by size; the pool is started (and the parser loaded) before timing.
    slices: list[list[str]] = [[] for _ in range(cores)]
    loads = [0] * cores
    for path in sorted(paths, key=lambda p: -os.path.getsize(p)):
        k = loads.index(min(loads))
        slices[k].append(path)
        loads[k] += os.path.getsize(path)
    context = get_context("fork") if sys.platform == "linux" else None
    with ProcessPoolExecutor(cores, mp_context=context) as pool:
        list(pool.map(_parse_slice, [[] for _ in range(cores)]))
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            list(pool.map(_parse_slice, slices))
            times.append(time.perf_counter() - started)
    return one, min(times)


# --- ast-grep ----------------------------------------------------------------------------


def ast_grep_binary() -> Path | None:
    for name in ("ast-grep", "sg"):
        candidate = Path(sys.executable).parent / name
        if candidate.is_file():
            return candidate
        found = shutil.which(name)
        if found and name == "ast-grep":
            return Path(found)
    return None


def build_grammar_library(dest: Path) -> Path:
    """Compile grammar/src/parser.c and scanner.c into a shared library for ast-grep."""
    src = REPO / "grammar" / "src"
    library = dest / "mojo.so"
    compiler = os.environ.get("CC", "cc")
    cmd = [compiler, "-shared", "-fPIC", "-O2", f"-I{src}", str(src / "parser.c"),
           str(src / "scanner.c"), "-o", str(library)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    except OSError as error:
        raise BenchError(f"cannot run the C compiler {compiler}: {error.strerror}") from None
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise BenchError(f"compiling the grammar for ast-grep failed: {last}")
    return library


def ast_grep_project(dest: Path, library: Path) -> Path:
    (dest / "rules").mkdir(parents=True, exist_ok=True)
    (dest / "sgconfig.yml").write_text(
        "ruleDirs: [rules]\n"
        "customLanguages:\n"
        "  mojo:\n"
        f"    libraryPath: {library}\n"
        "    extensions: [mojo]\n"
        "    languageSymbol: tree_sitter_mojo\n"
        "    expandoChar: _\n",
        encoding="utf-8",
    )
    (dest / "rules" / "accessor.yml").write_text(
        "id: float64-accessor\nlanguage: mojo\nseverity: warning\n"
        "message: float64 accessor\n"
        f"rule:\n  pattern: {AST_GREP_PATTERN}\n",
        encoding="utf-8",
    )
    return dest / "sgconfig.yml"


# --- the Mojo compiler -------------------------------------------------------------------


@dataclass
class CompilerResult:
    version: str
    files: int
    lines: int
    seconds: float
    clean: int


def compiler_sample(corpus: Corpus, version: str, sample: int, cores: int) -> CompilerResult:
    from mojolint.dev import toolchains

    rng = random.Random(8)
    chosen = sorted(rng.sample(corpus.files, min(sample, len(corpus.files))))
    lines = sum(p.read_bytes().count(b"\n") for p in chosen)
    try:
        toolchains.ensure_toolchain(version)
        started = time.perf_counter()
        results = toolchains.typecheck(version, chosen, jobs=cores, include=[corpus.root])
        seconds = time.perf_counter() - started
    except toolchains.ToolchainError as error:
        raise BenchError(str(error)) from None
    clean = sum(1 for r in results.values() if r.returncode == 0)
    return CompilerResult(version, len(chosen), lines, seconds, clean)


# --- profile -----------------------------------------------------------------------------


def profile_top(corpus: Corpus, top: int) -> list[tuple[str, float, float]]:
    """(function, self seconds, share) of the slowest functions linting in one process."""
    from pyinstrument import Profiler

    from mojolint.config import ConfigResolver
    from mojolint.engine import lint_source
    from mojolint.registry import get_registry

    resolver = ConfigResolver(get_registry(), isolated=True)
    sources = [(p, p.read_bytes()) for p in corpus.files]
    profiler = Profiler(interval=0.001)
    profiler.start()
    for path, source in sources:
        lint_source(source, path, resolver.settings_for_file(path))
    session = profiler.stop()
    totals: dict[str, float] = {}
    root = session.root_frame()
    pending = [root] if root is not None else []
    while pending:
        frame = pending.pop()
        pending.extend(frame.children)
        if frame.is_synthetic:
            continue
        where = f"{frame.function} ({_short(frame.file_path or '')}:{frame.line_no})"
        totals[where] = totals.get(where, 0.0) + frame.total_self_time
    whole = sum(totals.values()) or 1.0
    ranked = sorted(totals.items(), key=lambda item: -item[1])[:top]
    return [(name, seconds, seconds / whole) for name, seconds in ranked]


def _short(path: str) -> str:
    for marker in ("/mojolint/", "/rules/", "/site-packages/", "/lib/python"):
        if marker in path:
            return path[path.index(marker) + 1:]
    return os.path.basename(path)


# --- one corpus --------------------------------------------------------------------------


@dataclass
class Result:
    corpus: Corpus
    cores: int
    parse_one: float = 0.0
    parse_all: float = 0.0
    cold: Run | None = None
    warm: Run | None = None
    fix: Run | None = None
    one_rule: Run | None = None
    ast_grep: Run | None = None
    ast_grep_matches: int = 0
    compiler: CompilerResult | None = None
    skipped: dict[str, str] = field(default_factory=dict)
    profile: list[tuple[str, float, float]] = field(default_factory=list)


# The interpreter whose mojolint is measured (--python: e.g. an install of an older revision).
MOJOLINT_PYTHON = [sys.executable]


# --select for the cold, warm and --fix runs (empty: the default rules).
SELECT: list[str] = []


def mojolint_cmd(*args: str) -> list[str]:
    return [MOJOLINT_PYTHON[0], "-m", "mojolint", "check", "--isolated", "--exit-zero", *args]


def selected(*args: str) -> list[str]:
    """``mojolint_cmd`` with the rules chosen by --select."""
    return mojolint_cmd(*(["--select", SELECT[0]] if SELECT else []), *args)


def measure(corpus: Corpus, work: Path, options: argparse.Namespace,
            say: Callable[[str], None]) -> Result:
    cores = options.jobs
    result = Result(corpus, cores)
    repeat = options.repeat
    say(f"  parse ({corpus.lines:,} lines)")
    result.parse_one, result.parse_all = parse_times(corpus, cores, repeat)
    target = str(corpus.root)
    say("  mojolint cold")
    result.cold = best([run_measured(selected("--no-cache", target), work)
                        for _ in range(repeat)])
    say("  mojolint warm")
    cache = work / ".mojolint_cache"
    shutil.rmtree(cache, ignore_errors=True)
    run_measured(selected(target), work)  # fills the cache
    result.warm = best([run_measured(selected(target), work) for _ in range(repeat)])
    shutil.rmtree(cache, ignore_errors=True)
    say("  mojolint --fix on a copy")
    fix_copy = work / "fix-copy"
    shutil.rmtree(fix_copy, ignore_errors=True)
    shutil.copytree(corpus.root, fix_copy)
    result.fix = run_measured(selected("--no-cache", "--fix", str(fix_copy)), work)
    shutil.rmtree(fix_copy, ignore_errors=True)
    say("  mojolint one rule (TS001)")
    result.one_rule = best([run_measured(
        mojolint_cmd("--no-cache", "--select", "TS001", target), work) for _ in range(repeat)])
    if options.no_ast_grep:
        result.skipped["ast-grep"] = "--no-ast-grep"
    else:
        binary = ast_grep_binary()
        if binary is None:
            result.skipped["ast-grep"] = "ast-grep not installed (pip install '.[bench]')"
        else:
            say("  ast-grep")
            config = work / "sgconfig.yml"
            cmd = [str(binary), "scan", "-c", str(config), "--custom-languages", "allow",
                   "--report-style", "short", "-j", str(cores), target]
            result.ast_grep = best([run_measured(cmd, work) for _ in range(repeat)])
            result.ast_grep_matches = result.ast_grep.stdout.count(b"[float64-accessor]")
    if options.no_mojo:
        result.skipped["mojo"] = "--no-mojo"
    else:
        say(f"  mojo {options.mojo} on {options.mojo_sample} files")
        try:
            result.compiler = compiler_sample(corpus, options.mojo, options.mojo_sample, cores)
        except BenchError as error:
            result.skipped["mojo"] = str(error)
    if options.profile:
        say("  profile (one process)")
        try:
            result.profile = profile_top(corpus, options.profile)
        except ImportError:
            result.skipped["profile"] = "pyinstrument not installed (pip install '.[bench]')"
    return result


# --- reporting ---------------------------------------------------------------------------


def _rate(lines: int, seconds: float) -> str:
    return f"{lines / seconds:,.0f}" if seconds > 0 else "-"


def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def result_rows(r: Result) -> list[tuple[str, str, str, str, str]]:
    """(what, seconds, lines/s, peak memory, note) rows for one corpus."""
    lines = r.corpus.lines
    rows = [
        ("raw parse, 1 core", f"{r.parse_one:.2f}", _rate(lines, r.parse_one), "", "in process"),
        (f"raw parse, {r.cores} cores (floor)", f"{r.parse_all:.2f}",
         _rate(lines, r.parse_all), "", "in process, pool started"),
    ]

    def add(what: str, run: Run | None, note: str = "") -> None:
        if run is not None:
            rows.append((what, f"{run.seconds:.2f}", _rate(lines, run.seconds),
                         f"{run.peak_sum_mb:.0f} MB (largest process {run.peak_one_mb:.0f} MB)",
                         note))

    add("`mojolint check` cold (`--no-cache`)", r.cold, "all default rules")
    add("`mojolint check` warm (cache)", r.warm)
    add("`mojolint check --fix` (copy)", r.fix)
    add("`mojolint check --select TS001` cold", r.one_rule, "one rule")
    add("ast-grep, one pattern rule", r.ast_grep,
        f"`{AST_GREP_PATTERN}`, {r.ast_grep_matches} matches")
    if r.compiler is not None:
        c = r.compiler
        rows.append((f"`mojo {c.version} build --emit object`, {c.files} files",
                     f"{c.seconds:.2f}", _rate(c.lines, c.seconds), "",
                     f"{c.lines:,} lines, {c.clean} of {c.files} files without errors"))
    return rows


def target_rows(r: Result) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) rows."""
    rows: list[tuple[str, str, str]] = []
    cold = r.cold.seconds if r.cold else 0.0
    if r.cold is None or cold <= 0:
        return rows
    ratio = cold / r.parse_all
    rows.append((f"cold <= {TARGET_PARSE_RATIO}x raw parse on {r.cores} cores",
                 f"{ratio:.1f}x", _verdict(ratio <= TARGET_PARSE_RATIO)))
    rate = r.corpus.lines / cold
    rows.append((f"cold >= {TARGET_LINES_PER_SECOND:,} lines/s", f"{rate:,.0f}",
                 _verdict(rate >= TARGET_LINES_PER_SECOND)))
    if r.warm is not None:
        share = r.warm.seconds / cold
        rows.append((f"warm <= {TARGET_WARM_SHARE:.0%} of cold", f"{share:.0%}",
                     _verdict(share <= TARGET_WARM_SHARE)))
    if r.ast_grep is not None:
        vs = cold / r.ast_grep.seconds
        rows.append((f"cold <= {TARGET_AST_GREP_RATIO:.0f}x ast-grep (one rule)", f"{vs:.1f}x",
                     _verdict(vs <= TARGET_AST_GREP_RATIO)))
    peak = max(run.peak_sum_mb for run in (r.cold, r.warm, r.fix) if run is not None)
    what = f"peak memory < {TARGET_MB_PER_MILLION_LINES} MB for 1M lines"
    if r.corpus.lines >= 900_000:
        rows.append((what, f"{peak:.0f} MB on {r.corpus.lines:,} lines",
                     _verdict(peak < TARGET_MB_PER_MILLION_LINES * r.corpus.lines / 1e6)))
    else:
        rows.append((what, f"{peak:.0f} MB on {r.corpus.lines:,} lines",
                     "needs a corpus of about 1M lines"))
    return rows


def versions(results: Sequence[Result]) -> list[str]:
    import tree_sitter

    from mojolint import __version__

    found = [f"mojolint {__version__}", f"Python {platform.python_version()}"]
    with contextlib.suppress(Exception):
        from importlib.metadata import version

        found.append(f"py-tree-sitter {version('tree-sitter')}")
    del tree_sitter
    binary = ast_grep_binary()
    if binary is not None:
        with contextlib.suppress(OSError):
            out = subprocess.run([str(binary), "--version"], capture_output=True, text=True,
                                 check=False).stdout.strip()
            found.append(out)
    compilers = {r.compiler.version for r in results if r.compiler is not None}
    found.extend(f"mojo {v}" for v in sorted(compilers))
    return found


def machine() -> str:
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    return f"{platform.system()} {platform.release()}, {model}, {os.cpu_count()} cores{memory}"


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def markdown(results: Sequence[Result], load_before: str, load_after: str,
             command: str) -> str:
    out = [MARK_START, "",
           f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')} with `{command}`.", "",
           f"- Machine: {machine()}; mojolint and the parse pool used {results[0].cores} "
           "worker processes.",
           f"- Load average (1, 5, 15 min): {load_before} before, {load_after} after.",
           f"- Versions: {', '.join(versions(results))}; `mojolint check` run by "
           f"`{MOJOLINT_PYTHON[0]}`.",
           "- Times are wall-clock seconds, best of the repeats, each tool run as a subprocess "
           "(start-up included) with its report written to a file; peak memory is the sum of the "
           "RSS of the process and its workers, sampled every 10 ms.", ""]
    for r in results:
        c = r.corpus
        out += [f"### {c.label}: {len(c.files):,} files, {c.lines:,} lines, "
                f"{c.size / 1e6:.1f} MB", "",
                "| Run | Seconds | Lines/s | Peak memory | Note |",
                "| --- | ---: | ---: | --- | --- |"]
        out += [f"| {a} | {b} | {c_} | {d} | {e} |" for a, b, c_, d, e in result_rows(r)]
        out += ["", "| Target | Measured | |", "| --- | --- | --- |"]
        out += [f"| {a} | {b} | {c_} |" for a, b, c_ in target_rows(r)]
        if r.skipped:
            out += ["", "Not measured: " + "; ".join(f"{k}: {v}" for k, v in r.skipped.items())
                    + "."]
        if r.profile:
            out += ["", "Profile of linting every file in one process (self time):", "",
                    "| Function | Self seconds | Share |", "| --- | ---: | ---: |"]
            out += [f"| `{name}` | {seconds:.2f} | {share:.0%} |"
                    for name, seconds, share in r.profile]
        out.append("")
    out.append(MARK_END)
    return "\n".join(out) + "\n"


def write_markdown(path: Path, block: str) -> None:
    """Replace the marked block of ``path`` (or append it, or create the file)."""
    from mojolint.fileio import write_atomic

    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if MARK_START in old and MARK_END in old:
        head, rest = old.split(MARK_START, 1)
        tail = rest.split(MARK_END, 1)[1].lstrip("\n")
        new = head + block + ("\n" + tail if tail else "")
    else:
        new = old.rstrip("\n") + "\n\n" + block
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, new.encode("utf-8"))


def print_result(r: Result) -> None:
    print(f"\n{r.corpus.label}: {len(r.corpus.files):,} files, {r.corpus.lines:,} lines")
    for what, seconds, rate, memory, note in result_rows(r):
        print(f"  {what.replace('`', ''):48s} {seconds:>7s} s {rate:>10s} lines/s  {memory}"
              f"{'  ' + note if note else ''}")
    for target, measured, verdict in target_rows(r):
        print(f"  target: {target:45s} {measured:>12s}  {verdict.replace('*', '')}")
    for name, self_seconds, share in r.profile:
        print(f"  profile: {self_seconds:7.2f} s {share:4.0%}  {name}")
    for what, why in r.skipped.items():
        print(f"  not measured: {what}: {why}")


# --- main --------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    cli = argparse.ArgumentParser(
        description="Benchmark mojolint against the raw parse, ast-grep and the Mojo compiler.")
    cli.add_argument("corpora", nargs="*", type=Path,
                     help="folders of Mojo code (default: the synthetic corpus)")
    cli.add_argument("--synthetic", action="store_true",
                     help="also measure the synthetic corpus when folders are given")
    cli.add_argument("--synthetic-lines", type=int, default=200_000)
    cli.add_argument("--synthetic-mix", choices=sorted(synthetic.MIXES), default="realistic",
                     help="what the synthetic corpus holds (see bench/synthetic.py)")
    cli.add_argument("--repeat", type=int, default=3, help="runs per timing; the best counts")
    cli.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                     help="cores for the parse floor and ast-grep (mojolint uses them all)")
    cli.add_argument("--mojo", default="0.26.1", help="Mojo release for the compiler sample")
    cli.add_argument("--mojo-sample", type=int, default=8, help="files the compiler checks")
    cli.add_argument("--python", default=sys.executable,
                     help="interpreter whose installed mojolint the check runs use (to "
                          "measure another revision; the parse and profile use this one)")
    cli.add_argument("--select", default="", metavar="CODES",
                     help="rules for the cold, warm and --fix runs (default: the default rules)")
    cli.add_argument("--no-mojo", action="store_true", help="skip the Mojo compiler")
    cli.add_argument("--no-ast-grep", action="store_true", help="skip ast-grep")
    cli.add_argument("--profile", type=int, default=15, metavar="N",
                     help="profile linting in one process and list the top N functions "
                          "(0: no profile)")
    cli.add_argument("--markdown", type=Path, default=REPO / "docs" / "benchmarks.md",
                     help="file whose marked block receives the results")
    cli.add_argument("--no-markdown", action="store_true", help="print only")
    args = cli.parse_args(argv)
    if args.repeat < 1 or args.jobs < 1 or args.synthetic_lines < 1:
        cli.error("--repeat, --jobs and --synthetic-lines must be at least 1")
    return args


@contextlib.contextmanager
def _workspace() -> Iterator[Path]:
    # Outside the checkout, so subprocesses import the installed package.
    with tempfile.TemporaryDirectory(prefix="mojolint-bench-") as tmp:
        yield Path(tmp)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_args(argv)
    MOJOLINT_PYTHON[0] = options.python
    SELECT[:] = [options.select] if options.select else []

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    load_before = _load()
    results: list[Result] = []
    try:
        with _workspace() as work:
            if not options.no_ast_grep and ast_grep_binary() is not None:
                ast_grep_project(work, build_grammar_library(work))
            sources: list[tuple[str, Path | None]] = [(str(c), c) for c in options.corpora]
            if not sources or options.synthetic:
                sources.append((f"synthetic ({options.synthetic_lines:,} lines, seed 8, "
                                f"{options.synthetic_mix} mix)", None))
            for number, (label, folder) in enumerate(sources):
                corpus_dir = work / f"corpus{number}"
                if folder is None:
                    generated = work / "generated"
                    synthetic.generate(generated, options.synthetic_lines,
                                       mix=options.synthetic_mix)
                    folder = generated
                say(f"{label}")
                corpus = copy_corpus(folder, corpus_dir, label)
                results.append(measure(corpus, work, options, say))
                print_result(results[-1])
                shutil.rmtree(corpus_dir, ignore_errors=True)
    except BenchError as error:
        print(f"bench: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130
    if not options.no_markdown:
        command = "python bench/run.py " + " ".join(
            a if " " not in a else repr(a) for a in (argv if argv is not None else sys.argv[1:]))
        block = markdown(results, load_before, _load(), command.strip())
        write_markdown(options.markdown, block)
        print(f"\nwrote {options.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
