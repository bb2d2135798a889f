"""The lint engine: parse each file once, run every enabled rule on the shared tree.

``lint_source`` lints bytes; ``fix_paths`` lints files (through the cache, in parallel
when there are enough of them, and computing fixes when asked) and returns a
:class:`~mojolint.report.Report`.
"""

from __future__ import annotations

import gc
import os
import stat
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mojolint.budget import BudgetExceeded, budget_seconds, file_budget
from mojolint.cache import Cache, settings_digest, settings_fingerprint, stamp_of
from mojolint.codes import BUDGET_EXCEEDED, INTERNAL_ERROR, IO_ERROR, UNUSED_NOQA
from mojolint.config import ConfigResolver
from mojolint.dependencies import note_read
from mojolint.diagnostics import Diagnostic, Severity
from mojolint.fileio import outside_reason
from mojolint.fixes import FixPolicy, FixResult, fix_source
from mojolint.gcpause import cyclic_gc_paused, cyclic_gc_running, keep_survivors_out_of_sight
from mojolint.lineindex import LineIndex
from mojolint.noqa import UnusedNoqaOptions, apply_suppressions, parse_directives, unused_noqa
from mojolint.paths import display_path, relative_to_root
from mojolint.registry import Registry, get_registry
from mojolint.report import FileReport, LazyRuleDocs, Report, RuleDoc
from mojolint.rule import Context, Rule, make_diagnostic
from mojolint.settings import Settings

if TYPE_CHECKING:
    from tree_sitter import Tree

    from mojolint.semantics.model import SemanticModel

# Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 24
# A file the import lines of this many files of a parallel run name, and of at least one in
# MOST_IMPORTED_SHARE of its files, is parsed and modelled once in the parent, before forking
# the pool (mojolint.semantics.project.most_imported). On ProjectOdyssey (483 files) that is
# 59 files, which the rules read 62 times; on rcghpge/modular (2,298 files) five importers
# alone would name 34 files, which the rules read 4 times, and add 73 MB to the run's peak
# (all processes).
MOST_IMPORTED = 5
MOST_IMPORTED_SHARE = 100
_BINARY_SNIFF_BYTES = 8192


def file_problem(source: bytes) -> str | None:
    """Why ``source`` cannot be linted as Mojo text, or None when it can."""
    if b"\0" in source[:_BINARY_SNIFF_BYTES]:
        return "binary file (contains NUL bytes); not linted"
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as error:
        return (f"not valid UTF-8 (byte 0x{source[error.start]:02x} at offset {error.start}); "
                "not linted")
    return None


def io_error(message: str) -> Diagnostic:
    lines = LineIndex(b"")
    return make_diagnostic(lines, IO_ERROR, message, 0, 0, Severity.ERROR)


def internal_error(lines: LineIndex, who: str, display_path: str, error: BaseException
                   ) -> Diagnostic:
    message = (f"internal error: {who} failed on {display_path}: "
               f"{type(error).__name__}: {error}")
    return make_diagnostic(lines, INTERNAL_ERROR, message, 0, 0, Severity.ERROR)


def lint_source(
    source: bytes,
    path: Path | None,
    settings: Settings,
    *,
    display_path: str | None = None,
    registry: Registry | None = None,
    dependencies: dict[str, list[int]] | None = None,
    tree: Tree | None = None,
) -> list[Diagnostic]:
    """Every diagnostic for one file's bytes, after ``# noqa`` suppression, sorted.
    ``dependencies`` receives the other project files the rules read (the tensor rules
    read the files a file imports), with their [size, mtime] stamps. ``tree`` is the
    parse of ``source`` when the caller has it already (the language server re-parses
    incrementally after an edit); without it the source is parsed here."""
    from mojolint import parser as mojo_parser  # compiled extension: import only when linting
    from mojolint.dependencies import take_reads

    registry = registry or get_registry()
    shown = display_path or (str(path) if path else "-")
    problem = file_problem(source)
    if problem is not None:
        return [io_error(problem)]
    lines = LineIndex(source)
    # A project file an earlier file imported was parsed and modelled then: reuse both.
    project = sys.modules.get("mojolint.semantics.project") if tree is None and \
        path is not None else None
    reused = project.loaded_module(path, source) if project is not None else None
    try:
        if reused is not None:
            tree = reused.tree
        elif tree is None:
            tree = mojo_parser.parse(source)
    except Exception as error:  # a parser crash must not take the run down
        return [internal_error(lines, "the parser", shown, error)]
    rules = registry.enabled_rules(settings, path)
    diagnostics = lint_tree(source, tree, path, settings, rules, display_path=shown,
                            lines=lines, model=reused.model if reused is not None else None)
    if dependencies is not None:
        own = os.path.abspath(path) if path is not None else ""
        dependencies.update((name, stamp) for name, stamp in take_reads().items()
                            if name != own)
    return finish(diagnostics, tree, source, settings, registry, rules, lines)


def lint_tree(source: bytes, tree: Tree, path: Path | None, settings: Settings,
              rules: Sequence[Rule], *, display_path: str, lines: LineIndex,
              model: SemanticModel | None = None) -> list[Diagnostic]:
    """What ``rules`` report on one parsed file, before ``# noqa`` suppression and
    unsorted (:func:`finish` does both). ``model`` is the file's semantic model when the
    caller has it already."""
    from mojolint.dependencies import take_reads
    from mojolint.queries import FileQueries, batch_for

    batch = batch_for(rule_queries(rules))
    context = Context(tree=tree, source=source, path=path, display_path=display_path,
                      settings=settings, lines=lines, queries=FileQueries(batch, tree.root_node))
    if model is not None:
        context.per_file["semantic"] = model
    take_reads()  # what earlier files read is theirs
    with cyclic_gc_paused():
        diagnostics = _run_rules(rules, context)
        # The file's model and analyses are cyclic garbage from here on: let them go before
        # the collector runs again, so its next pass frees them instead of promoting them
        # to an older generation, whose passes are the costly ones.
        context.per_file.clear()
        _forget_file_analyses()
        if context.queries is not None:
            context.queries.release()
    return diagnostics


def finish(diagnostics: list[Diagnostic], tree: Tree, source: bytes, settings: Settings,
           registry: Registry, rules: Sequence[Rule], lines: LineIndex) -> list[Diagnostic]:
    """The diagnostics ``rules`` (every enabled rule) reported on one file, after ``# noqa``
    suppression (with the unused-noqa diagnostics, when that rule is enabled), sorted."""
    if settings.ignore_noqa:  # --ignore-noqa: every directive is as if it were not there
        return sorted(diagnostics, key=_in_order)
    directives = parse_directives(tree, source)
    if not directives:  # most files: nothing is suppressed, no directive can be unused
        return sorted(diagnostics, key=_in_order)
    kept = apply_suppressions(diagnostics, directives,
                              registry.codes_where(lambda rule: not rule.suppressible))
    enabled = {rule.code for rule in rules}
    if UNUSED_NOQA in enabled:
        kept.extend(_unused_noqa(registry, settings, directives, lines, enabled))
    return sorted(kept, key=_in_order)


def _in_order(diagnostic: Diagnostic) -> tuple[int, str, str]:
    """A file's diagnostics are sorted by offset, then code, then message."""
    return diagnostic.start.offset, diagnostic.code, diagnostic.message


def rule_queries(rules: Sequence[Rule]) -> list[tuple[str, ...]]:
    """The whole-file patterns of ``rules``, with the semantic model's when one reads it."""
    active = [rule for rule in rules if not rule.engine_driven]
    found = [rule.queries for rule in active]
    if any(rule.uses_semantic or rule.uses_references for rule in active):
        from mojolint.semantics.model import REFERENCES_QUERY, SEMANTIC_QUERIES

        found.insert(0, SEMANTIC_QUERIES)
        if any(rule.uses_references for rule in active):
            found.insert(1, (REFERENCES_QUERY,))
    return found


def _forget_file_analyses() -> None:
    """Drop the tensor analyses kept for the file just linted (only if they were made)."""
    semantics = sys.modules.get("mojolint.semantics")
    if semantics is not None:
        semantics._cache.clear()


def _run_rules(rules: Sequence[Rule], context: Context) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    running: list[Rule] = []
    try:
        with file_budget():
            for rule in rules:
                if rule.engine_driven:
                    continue
                running[:] = [rule]
                try:
                    options = context.settings.options_for(rule.code, rule.options_type)
                    # Collect first: a rule that raises half-way reports nothing but the crash.
                    found = list(rule.check(context.for_rule(rule, options)))
                except Exception as error:  # one broken rule must not hide the others'
                    who = f"rule {rule.code} ({rule.name})"
                    diagnostics.append(
                        internal_error(context.lines, who, context.display_path, error))
                else:
                    diagnostics.extend(found)
            running.clear()
    except BudgetExceeded:
        who = f"rule {running[0].code} ({running[0].name})" if running else "the rules"
        diagnostics.append(make_diagnostic(
            context.lines, BUDGET_EXCEEDED,
            f"{who} did not finish on {context.display_path} within {budget_seconds():g} s; "
            "stopped (the rules after it were not run on this file)", 0, 0, Severity.ERROR))
    return diagnostics


def _unused_noqa(
    registry: Registry,
    settings: Settings,
    directives: Sequence[Any],
    lines: LineIndex,
    enabled: set[str],
) -> list[Diagnostic]:
    options: UnusedNoqaOptions = settings.options_for(
        UNUSED_NOQA, registry.options_type(UNUSED_NOQA)
    )
    known = set(registry.codes()) | {p.code for p in settings.pattern_rules}
    found = unused_noqa(directives, lines, enabled, known, options)
    silenced_file_wide = any(
        d.file_level and d.codes is not None and UNUSED_NOQA in d.codes for d in directives
    )
    return [] if silenced_file_wide else found


# --- many files ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    index: int
    source: bytes
    path: Path
    display_path: str
    settings: Settings
    # Set when the run fixes: the worker then lints, fixes and re-lints in one go.
    policy: FixPolicy | None = None


@dataclass
class FileFix:
    """What fixing one file produced; nothing is written yet (the caller decides)."""

    report: FileReport
    original: bytes
    # Diagnostics of the original bytes (what stands if the fixed bytes are not written).
    initial: list[Diagnostic]
    result: FixResult


def fix_paths(
    files: Sequence[Path],
    resolver: ConfigResolver,
    *,
    root: Path,
    cache: Cache | None = None,
    on_progress: Callable[[int], None] | None = None,
    policy_for: Callable[[Settings], FixPolicy] | None = None,
) -> tuple[Report, list[FileFix]]:
    """Lint ``files`` and, with ``policy_for``, compute each file's fixes (in the workers).

    ``on_progress(n)`` is told of each ``n`` files done, and ``on_progress(0)`` once, before
    the first file that the cache could not serve is linted (so a progress display need not
    start for a run the cache serves whole).

    When fixing, the cache is neither read nor written, and each file's report carries the
    diagnostics left after fixing; nothing is written to disk here.
    """
    from mojolint.dependencies import one_run

    with one_run():  # each project file is looked at once, however many files import it
        return _fix_paths(files, resolver, root=root, cache=cache, on_progress=on_progress,
                          policy_for=policy_for)


def _fix_paths(
    files: Sequence[Path],
    resolver: ConfigResolver,
    *,
    root: Path,
    cache: Cache | None,
    on_progress: Callable[[int], None] | None,
    policy_for: Callable[[Settings], FixPolicy] | None,
) -> tuple[Report, list[FileFix]]:
    if policy_for is not None:
        cache = None  # fixing re-lints intermediate versions: none of them belong in the cache
    run = _Run(resolver, root, cache, on_progress, policy_for)
    jobs = [job for job in map(run.prepare, files) if job is not None]
    results: list[_JobResult] = []
    if jobs:
        # The caller may have paused the cyclic collector (`check` does, for the thousands
        # of objects a cached run makes): linting makes cyclic garbage, here and in workers.
        with cyclic_gc_running():
            results = _run_jobs(jobs, on_progress)
    fixes = run.collect(results)
    return run.report(), fixes


class _Run:
    """One ``fix_paths`` run: each file is served by the cache, reported unreadable, or
    becomes a job for the workers; their results go back into the file's report."""

    def __init__(self, resolver: ConfigResolver, root: Path, cache: Cache | None,
                 on_progress: Callable[[int], None] | None,
                 policy_for: Callable[[Settings], FixPolicy] | None) -> None:
        self.resolver, self.registry, self.root, self.cache = (resolver, resolver.registry,
                                                               root, cache)
        self.on_progress, self.policy_for = on_progress, policy_for
        self.reports: list[FileReport] = []
        self.settings_by_file: dict[int, Settings] = {}
        # Cache keys and stamps by file index.
        self.keys: dict[int, str] = {}
        self.stamps: dict[int, list[Any] | None] = {}
        # Settings fingerprints and their digests: most files share settings.
        self.fingerprints: dict[tuple[int, tuple[str, ...]], str] = {}
        self.digests: dict[tuple[int, tuple[str, ...]], str] = {}
        self.unread: list[FileReport] = []  # served by their stamp: read only if shown
        self.real_folders: dict[str, str] = {}
        self.cwd = os.getcwd()
        # Codes of each fixed file's original diagnostics (their rules' pages are reported).
        self.extra_codes: dict[int, set[str]] = {}

    def prepare(self, path: Path) -> _Job | None:
        """Report ``path`` from the cache or as unreadable, or return the job that lints it."""
        index = len(self.reports)
        # Worked out once per file: path arithmetic was most of a warm run's own time.
        absolute = os.path.abspath(path)
        settings = self.resolver.settings_for_file(absolute)
        self.settings_by_file[index] = settings
        report = FileReport(display_path=display_path(path, absolute, self.cwd),
                            path=Path(absolute))
        self.reports.append(report)
        problem, info = _stat(absolute)
        if info is not None:
            outside = outside_reason(absolute, self.root, self.real_folders)
            if outside is not None:  # never print a file the repository points us at
                problem, info = f"{outside}; not linted", None
        fingerprint = ""
        if self.cache is not None and info is not None:
            fingerprint = self._fingerprint(index, path, settings, info)
            if self._served(report, self.cache.get_by_stamp(absolute, self.stamps[index])):
                self.unread.append(report)
                return None
        source = None
        if info is not None:
            problem, source = _read(path)
            if source is not None:
                note_read(absolute, info)  # the stamp of these bytes, for lookups into them
        if source is not None:
            problem = file_problem(source)
        if problem is not None or source is None:
            # Binary or undecodable bytes are no use to anyone as a source excerpt.
            self._served(report, [io_error(problem or "cannot read file")])
            return None
        report.source = source
        if self.cache is not None:
            self.keys[index] = self.cache.key(source, fingerprint,
                                              relative_to_root(absolute, self.root))
            if self._served(report, self.cache.get(self.keys[index], absolute,
                                                   self.stamps[index])):
                return None
        policy = self.policy_for(settings) if self.policy_for is not None else None
        return _Job(index, source, path, report.display_path, settings, policy)

    def _fingerprint(self, index: int, path: Path, settings: Settings,
                     info: os.stat_result) -> str:
        """The fingerprint of the file's settings and rules; sets the file's stamp."""
        assert self.cache is not None
        # The rules' infos, not the rules: a file served by the cache imports no rule.
        rules = self.registry.enabled_infos(settings, path)
        # settings_by_file keeps every settings object alive, so its id stays unique.
        which = (id(settings), tuple(rule.fingerprint for rule in rules))
        if which not in self.fingerprints:
            self.fingerprints[which] = settings_fingerprint(settings, which[1], self.registry)
            self.digests[which] = settings_digest(self.fingerprints[which])
        self.stamps[index] = stamp_of(info, self.digests[which], self.cache.now_ns)
        return self.fingerprints[which]

    def _served(self, report: FileReport, diagnostics: list[Diagnostic] | None) -> bool:
        """Give ``report`` these diagnostics (from the cache, or an I/O error), if any."""
        if diagnostics is None:
            return False
        report.diagnostics = diagnostics
        _advance(self.on_progress)
        return True

    def collect(self, results: Iterable[_JobResult]) -> list[FileFix]:
        """Put the workers' results into the reports (and the cache); the fixes made."""
        fixes: list[FileFix] = []
        for index, diagnostics, fixed, dependencies in results:
            report = self.reports[index]
            if fixed is None:
                report.diagnostics = diagnostics
                if self.cache is not None:
                    self.cache.put(self.keys[index], diagnostics, str(report.path),
                                   self.stamps[index], dependencies)
                continue
            assert report.source is not None
            fixes.append(FileFix(report, report.source, diagnostics, fixed))
            self.extra_codes[index] = {d.code for d in diagnostics}
            report.diagnostics = fixed.remaining
            report.source = fixed.fixed
            report.fixes_applied = fixed.fix_count
        if self.cache is not None:
            self.cache.flush()
        return fixes

    def report(self) -> Report:
        for report in self.unread:
            if report.diagnostics and report.path is not None:
                report.source = _read(report.path)[1]  # for excerpts; None if it vanished
        docs = _rule_docs(self.reports, self.settings_by_file, self.registry, self.extra_codes)
        crashes = [f"{r.display_path}: {d.message}" for r in self.reports
                   for d in r.diagnostics if d.code == INTERNAL_ERROR]
        return Report(files=self.reports, rules=docs, root=self.root, notifications=crashes)


def _stat(path: str) -> tuple[str | None, os.stat_result | None]:
    """A regular file's status, or why it cannot be linted. Never opens the file."""
    try:
        info = os.stat(path)
    except OSError as error:
        return f"cannot read file: {error.strerror or error}", None
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file; not linted", None  # reading could block (pipes, devices)
    return None, info


def _read(path: Path) -> tuple[str | None, bytes | None]:
    """A file's bytes, or why they cannot be had."""
    try:
        return None, path.read_bytes()
    except OSError as error:
        return f"cannot read file: {error.strerror or error}", None


def _advance(on_progress: Callable[[int], None] | None) -> None:
    if on_progress is not None:
        on_progress(1)


# (file index, diagnostics, fixes, the other files the diagnostics depend on)
_JobResult = tuple[int, list[Diagnostic], FixResult | None, dict[str, list[int]]]


def _lint_job(job: _Job) -> _JobResult:
    dependencies: dict[str, list[int]] = {}
    diagnostics = lint_source(job.source, job.path, job.settings, display_path=job.display_path,
                              dependencies=dependencies)
    fixed = None if job.policy is None else fix_job(
        job.source, diagnostics, job.path, job.settings, job.display_path, job.policy)
    if _in_worker:
        keep_survivors_out_of_sight()
    return job.index, diagnostics, fixed, dependencies


def fix_job(source: bytes, diagnostics: list[Diagnostic], path: Path | None,
            settings: Settings, display_path: str, policy: FixPolicy) -> FixResult:
    """Fix one file whose original ``diagnostics`` are known; never raises."""

    def lint(version: bytes) -> list[Diagnostic]:
        if version == source:  # the first round: the original was linted already
            return diagnostics
        return lint_source(version, path, settings, display_path=display_path)

    if not any(d.fix is not None for d in diagnostics):
        return FixResult(fixed=source, remaining=diagnostics,
                         unsafe_available=sum(policy.hidden_unsafe(d) for d in diagnostics))
    try:
        return fix_source(source, lint, policy)
    except Exception as error:  # a bug while fixing must not take the run down
        lines = LineIndex(source)
        crash = internal_error(lines, "the fix engine", display_path, error)
        return FixResult(fixed=source, remaining=[*diagnostics, crash])


# True in a worker process of fix_paths (set by its initializer).
_in_worker = False


def _init_worker(search_path: list[str]) -> None:
    global _in_worker
    # Plugins found through sys.path in the parent must be importable in the worker too.
    sys.path[:] = search_path
    _in_worker = True


def _cpu_count() -> int:
    """Cores this process may run on (the affinity mask, not the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _run_jobs(
    jobs: Sequence[_Job], on_progress: Callable[[int], None] | None
) -> list[_JobResult]:
    if jobs and on_progress is not None:
        on_progress(0)  # the first file the cache could not serve: linting starts
    workers = min(_cpu_count(), len(jobs))
    if len(jobs) < PARALLEL_THRESHOLD or workers < 2:
        results = []
        for job in jobs:
            results.append(_lint_job(job))
            _advance(on_progress)
        return results
    # Largest files first, so no worker is left with a big file at the end; results carry
    # their index, so the order does not matter to the caller.
    ordered = sorted(jobs, key=lambda job: len(job.source), reverse=True)
    if not _can_fork():
        return _run_spawned(ordered, workers, on_progress)
    from mojolint import forked

    results = []
    started: list[forked.Worker] = []
    pipes: list[forked.Offers] = []
    # What the parent builds (modules, rules, compiled queries) lives as long as the workers
    # do: out of the collector's sight, no worker's full pass walks it again. Left alone
    # when the caller froze objects itself (unfreezing after would release those too).
    freezing = gc.get_freeze_count() == 0
    try:
        # Lint one median file here before forking: the workers inherit the loaded parser,
        # rule instances, built options and compiled queries instead of rebuilding them.
        warm = ordered.pop(len(ordered) // 2)
        results.append(_lint_job(warm))
        _advance(on_progress)
        taken: set[int] = set()
        project = sys.modules.get("mojolint.semantics.project")  # imported if used
        if project is not None:
            # The rules read the project: compile the queries reading a module runs, and
            # load the modules many files import, once for every worker. Meanwhile one
            # worker lints files that import none of them: first those without the word
            # `import`, then those the import lines show, as many as it gets to.
            project.compile_queries()
            pipes[:] = [forked.Offers(), forked.Offers()]
            if freezing:
                gc.freeze()  # and again below, with the modules loaded
            early = forked.fork(ordered, _lint_job, pipes, stream=False, start=_become_worker)
            started.append(early)
            pipes[0].offer(i for i, job in enumerate(ordered) if b"import" not in job.source)
            loading, importers = project.most_imported(
                [(job.path, job.source) for job in jobs],
                max(MOST_IMPORTED, len(jobs) // MOST_IMPORTED_SHARE))
            taken = pipes[0].end()
            if loading:
                excluded = importers.union(path for path, _ in loading)
                pipes[1].offer(i for i, job in enumerate(ordered) if i not in taken
                               and Path(os.path.abspath(job.path)) not in excluded)
                project.load_modules(loading)
            taken |= pipes[1].end()
            # Its results before the pool forks (it ends with the job it is on): four
            # processes at once would count a fourth copy of this one's memory in the sum
            # of their resident sizes, the run's peak (bench/run.py).
            for result in forked.results([early]):
                results.append(result)
                _advance(on_progress)
        if freezing:
            gc.freeze()
        rest = [job for i, job in enumerate(ordered) if i not in taken]
        pipes.append(forked.Offers())
        pipes[-1].offer(range(len(rest)))
        pool = [forked.fork(rest, _lint_job, pipes[-1:], start=_become_worker)
                for _ in range(workers)]
        started.extend(pool)
        pipes[-1].close_read()
        for result in forked.results(pool, pipes[-1]):
            results.append(result)
            _advance(on_progress)
        if len(results) != len(jobs):  # cannot be: each job is taken once, by one worker
            raise forked.WorkerDied(f"{len(jobs) - len(results)} files were not linted")
    finally:
        for worker in started:
            worker.kill()
        for pipe in pipes:
            pipe.close_write()
            pipe.close_read()
        if freezing:
            gc.unfreeze()
    return results


def _can_fork() -> bool:
    """Whether workers are forked (Linux): they start in milliseconds with everything the
    parent loaded; spawned ones import mojolint, load the rules and compile every query
    again."""
    return sys.platform == "linux" and hasattr(os, "fork")


def _become_worker() -> None:
    global _in_worker
    _in_worker = True


def _run_spawned(ordered: list[_Job], workers: int, on_progress: Callable[[int], None] | None
                 ) -> list[_JobResult]:
    """Where workers are not forked: a pool of spawned ones, each job sent pickled."""
    from concurrent.futures import ProcessPoolExecutor

    results = []
    chunk = max(1, len(ordered) // (workers * 8))
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(sys.path,)) as pool:
        for result in pool.map(_lint_job, ordered, chunksize=chunk):
            results.append(result)
            _advance(on_progress)
    return results


def _rule_docs(
    reports: Sequence[FileReport], settings_by_file: dict[int, Settings], registry: Registry,
    extra_codes: dict[int, set[str]] | None = None,
) -> Mapping[str, RuleDoc]:
    """Pages of the rules that appear in the report (formats like SARIF describe them).

    Which pages is decided now; they are made when a format first reads them, since making
    them imports their rules' modules (the ``full`` format, say, never reads them)."""
    wanted: dict[int, tuple[Settings, set[str]]] = {}  # most files share a few settings
    claimed: set[str] = set()
    names: dict[str, str] = {}  # each page's rule name, known without making the page
    for index, report in enumerate(reports):
        codes = {d.code for d in report.diagnostics} | (extra_codes or {}).get(index, set())
        codes -= claimed
        if codes:
            settings = settings_by_file[index]
            # The codes these settings have a page for: the installed rules and their
            # pattern rules (another file's settings may have a page for the rest).
            patterns = {spec.code: spec.name for spec in settings.pattern_rules}
            documented = {code for code in codes if code in registry.infos} | (
                codes & set(patterns))
            wanted.setdefault(id(settings), (settings, set()))[1].update(documented)
            claimed |= documented
            names.update((code, registry.infos[code].name if code in registry.infos
                          else patterns[code]) for code in documented)

    def load() -> dict[str, RuleDoc]:
        docs: dict[str, RuleDoc] = {}
        for settings, codes in wanted.values():
            docs.update(registry.docs(settings, codes))
        return docs

    return LazyRuleDocs(load, names)


def crashed(diagnostics: Iterable[Diagnostic], registry: Registry | None = None) -> bool:
    """Whether a diagnostic says mojolint itself failed (a rule whose ``reports_crash``)."""
    crash_codes = (registry or get_registry()).codes_where(lambda rule: rule.reports_crash)
    return any(d.code in crash_codes for d in diagnostics)


def add_noqa_to_file(path: Path, settings: Settings, *, root: Path | None = None,
                     reason: str | None = None) -> int:
    """Add ``# noqa`` comments (followed by ``reason``, if given) for the file's current
    violations; how many lines changed.

    Written with the checked writer ``--fix`` uses; raises ``WriteRefused`` (a file changed
    since read, read-only, hard-linked, or reached by a symlink out of ``root``) or
    ``OSError``, and the file is then left as it was."""
    from mojolint import parser as mojo_parser
    from mojolint.fileio import WriteRefused, outside_reason, replace_checked
    from mojolint.noqa import add_noqa

    outside = outside_reason(path, root)
    if outside is not None:
        raise WriteRefused("refused", f"{outside}; not written")
    problem, info = _stat(os.path.abspath(path))
    if info is None:
        raise WriteRefused("refused", problem or "cannot read file")
    source = path.read_bytes()
    if file_problem(source) is not None:
        return 0
    registry = get_registry()
    diagnostics = lint_source(source, Path(os.path.abspath(path)), settings,
                              display_path=display_path(path), registry=registry)
    updated, count = add_noqa(source, mojo_parser.parse(source), diagnostics,
                              registry.codes_where(lambda rule: not rule.noqa_addable), reason)
    if count:
        replace_checked(path, source, updated, root=root)
    return count
