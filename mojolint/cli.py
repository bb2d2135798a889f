"""The ``mojolint`` command line: ``check``, ``rule CODE``, ``rules``, ``--version``.

Every expected failure (bad config, missing path, broken plugin) is one line on stderr
starting with ``mojolint: error:`` and exit status 2; nobody should see a traceback.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import click

from mojolint import __version__
from mojolint.cache import CACHE_DIR_NAME, Cache, cache_directory
from mojolint.config import ConfigResolver
from mojolint.configfile import ConfigError
from mojolint.escape import one_line
from mojolint.fileio import write_atomic, write_fixed
from mojolint.fixes import DEFAULT_MAX_ROUNDS, FixPolicy, FixResult, fix_summary
from mojolint.output import FORMATS, SUMMARY_FORMATS
from mojolint.redirects import redirect_all, take_warnings
from mojolint.registry import Registry, RegistryError, get_registry
from mojolint.report import FileReport, Report, rule_page
from mojolint.selectors import unknown_selector
from mojolint.settings import Overrides, Settings
from mojolint.versions import TARGET_VERSIONS

if TYPE_CHECKING:
    from mojolint.engine import FileFix

# Runs with at least this many files show a progress bar (on a terminal only).
PROGRESS_THRESHOLD = 50
# What the human formats say when nothing was found; never said when nothing was linted.
SUCCESS = "All checks passed!"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Exit status of a run stopped by Ctrl-C (SIGINT), as shells report it.
INTERRUPTED = 130


def error_line(message: str) -> None:
    """One ``mojolint: error:`` line on stderr; repository text in it is escaped, so it
    stays one line (no forged ``::error::`` workflow command, no terminal escapes)."""
    click.echo(f"mojolint: error: {one_line(message)}", err=True)


def fail(message: str) -> NoReturn:
    error_line(message)
    raise SystemExit(2)


def _registry() -> Registry:
    try:
        return get_registry()
    except RegistryError as error:
        fail(str(error))


def _split_codes(values: Sequence[str]) -> tuple[str, ...]:
    """``--select A,B --select C`` → ``("A", "B", "C")``."""
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="mojolint",
                      message="%(prog)s %(version)s")
def cli() -> None:
    """mojolint: a fast static analyzer for Mojo."""


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[Path, ...]
    config: Path | None
    isolated: bool
    overrides: Overrides
    output_format: str
    output_file: Path | None
    statistics: bool
    quiet: bool
    exit_zero: bool
    no_cache: bool
    force_exclude: bool
    stdin_filename: str | None
    add_noqa: bool
    fix: FixOptions = field(default_factory=lambda: FixOptions())
    surface: SurfaceOptions = field(default_factory=lambda: SurfaceOptions())


@dataclass(frozen=True)
class SurfaceOptions:
    """What to show instead of (or around) the lint run, and how to walk."""

    verbose: bool = False
    show_files: bool = False
    show_settings: bool = False
    respect_gitignore: bool | None = None  # None: each folder's settings decide
    color: str = "auto"
    watch: bool = False
    silent: bool = False


@dataclass(frozen=True)
class FixOptions:
    """``--fix`` and its companions."""

    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    show_fixes: bool = False
    fix_only: bool = False
    exit_non_zero_on_fix: bool = False
    fixable: tuple[str, ...] | None = None
    unfixable: tuple[str, ...] = ()
    extend_safe_fixes: tuple[str, ...] = ()
    extend_unsafe_fixes: tuple[str, ...] = ()

    @property
    def fixing(self) -> bool:
        """Whether fixes are computed (written, or shown as a diff)."""
        return self.fix or self.fix_only or self.diff

    @property
    def writes(self) -> bool:
        return (self.fix or self.fix_only) and not self.diff

    @property
    def reports_violations(self) -> bool:
        return not (self.fix_only or self.diff)

    def policy(self, settings: Settings) -> FixPolicy:
        """The settings' fix policy with the command-line fix options on top."""
        base = FixPolicy.from_settings(settings, unsafe=self.unsafe_fixes)
        return dataclasses.replace(
            base,
            fixable=redirect_all(self.fixable) if self.fixable is not None else base.fixable,
            unfixable=base.unfixable + redirect_all(self.unfixable),
            extend_safe=base.extend_safe + redirect_all(self.extend_safe_fixes),
            extend_unsafe=base.extend_unsafe + redirect_all(self.extend_unsafe_fixes),
        )

    def check_selectors(self, known: frozenset[str]) -> None:
        for option, selectors in (("--fixable", self.fixable or ()),
                                  ("--unfixable", self.unfixable),
                                  ("--extend-safe-fixes", self.extend_safe_fixes),
                                  ("--extend-unsafe-fixes", self.extend_unsafe_fixes)):
            problem = unknown_selector(selectors, known, option)
            if problem is not None:
                raise ConfigError(problem)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
@click.option("--config", "config_values", multiple=True, metavar="FILE | KEY=VALUE",
              help="A config file to use for every linted file, or a TOML `KEY = VALUE` "
              "fragment that overrides that setting everywhere, as ruff does (e.g. "
              "--config \"select = ['TS']\"). Can be repeated.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (or ALL).")
@click.option("--extend-select", multiple=True, help="Add to the selected rules.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable.")
@click.option("--target-version", metavar="VERSION",
              help="The Mojo release the code targets: " + ", ".join(TARGET_VERSIONS)
              + " (PyPI spellings such as 0.26.1 or 1.2.0 work too).")
@click.option("--output-format", type=click.Choice(FORMATS), default="full",
              show_default=True, help="How to print diagnostics.")
@click.option("--output-file", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of standard output.")
@click.option("--statistics", is_flag=True, help="Print how often each rule fired.")
@click.option("--quiet", "-q", is_flag=True, help="Print diagnostics only, no summary.")
@click.option("--exit-zero", "-e", is_flag=True, help="Exit 0 even when there are violations.")
@click.option("--no-cache", "-n", is_flag=True, help="Neither read nor write .mojolint_cache/.")
@click.option("--force-exclude", is_flag=True,
              help="Apply exclusions to paths given on the command line too.")
@click.option("--exclude", "exclude_patterns", multiple=True, metavar="PATTERNS",
              help="Glob patterns (comma-separated) to skip; replaces the `exclude` setting.")
@click.option("--extend-exclude", "extend_exclude_patterns", multiple=True,
              metavar="PATTERNS",
              help="Glob patterns (comma-separated) to skip, on top of `exclude`.")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None,
              help="Skip files that .gitignore, .ignore, .git/info/exclude or git's global "
              "excludes file ignore (default: the `respect-gitignore` setting, true).")
@click.option("--ignore-noqa", is_flag=True,
              help="Report violations even on lines with a `# noqa` comment.")
@click.option("--show-files", is_flag=True,
              help="Print the files that would be linted, and exit.")
@click.option("--show-settings", is_flag=True,
              help="Print the resolved settings for the first file found, and exit.")
@click.option("--watch", "-w", is_flag=True,
              help="Lint again whenever a file or config under PATHS changes.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True,
              help="Colour the output: auto (on a terminal, unless NO_COLOR is set), always, "
              "never.")
@click.option("--silent", "-s", is_flag=True,
              help="Print no report and no warnings (errors still are); the exit status "
              "says whether there were violations.")
@click.option("--verbose", "-v", is_flag=True,
              help="Say which settings apply to each folder and why a path was skipped.")
@click.option("--stdin-filename", help="The name of the file read from standard input.")
@click.option("--add-noqa", is_flag=True,
              help="Add a `# noqa` for every current violation instead of reporting it.")
@click.option("--fix", is_flag=True, help="Apply safe fixes and write the files.")
@click.option("--unsafe-fixes/--no-unsafe-fixes", default=False,
              help="Also apply (and show as fixable) unsafe fixes.")
@click.option("--diff", is_flag=True,
              help="Print the fixes as unified diffs instead of writing them.")
@click.option("--show-fixes", is_flag=True, help="Print how many fixes of each rule were made.")
@click.option("--fix-only", is_flag=True,
              help="Apply fixes and report nothing about the violations that remain.")
@click.option("--exit-non-zero-on-fix", is_flag=True,
              help="Exit 1 when a file was fixed, even if no violations remain.")
@click.option("--fixable", multiple=True, help="Rule codes or prefixes whose fixes may apply.")
@click.option("--unfixable", multiple=True, help="Rule codes or prefixes never to fix.")
@click.option("--extend-safe-fixes", multiple=True,
              help="Rule codes or prefixes whose unsafe fixes count as safe.")
@click.option("--extend-unsafe-fixes", multiple=True,
              help="Rule codes or prefixes whose safe fixes count as unsafe.")
def check(paths: tuple[Path, ...], isolated: bool,
          select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          target_version: str | None, output_format: str, output_file: Path | None,
          statistics: bool, quiet: bool, exit_zero: bool, no_cache: bool,
          force_exclude: bool, stdin_filename: str | None, add_noqa: bool, fix: bool,
          unsafe_fixes: bool, diff: bool, show_fixes: bool, fix_only: bool,
          exit_non_zero_on_fix: bool, fixable: tuple[str, ...], unfixable: tuple[str, ...],
          extend_safe_fixes: tuple[str, ...], extend_unsafe_fixes: tuple[str, ...],
          config_values: tuple[str, ...] = (), exclude_patterns: tuple[str, ...] = (),
          extend_exclude_patterns: tuple[str, ...] = (), respect_gitignore: bool | None = None,
          ignore_noqa: bool = False, show_files: bool = False, show_settings: bool = False,
          watch: bool = False, color: str = "auto", silent: bool = False,
          verbose: bool = False) -> None:
    """Lint Mojo files (.mojo, .🔥) under PATHS (default: the current directory)."""
    config, table = _config_values(config_values)
    fix_options = FixOptions(
        fix=fix, unsafe_fixes=unsafe_fixes, diff=diff, show_fixes=show_fixes,
        fix_only=fix_only, exit_non_zero_on_fix=exit_non_zero_on_fix,
        fixable=_split_codes(fixable) or None, unfixable=_split_codes(unfixable),
        extend_safe_fixes=_split_codes(extend_safe_fixes),
        extend_unsafe_fixes=_split_codes(extend_unsafe_fixes),
    )
    overrides = Overrides(
        select=_split_codes(select) or None,
        extend_select=_split_codes(extend_select),
        ignore=_split_codes(ignore),
        target_version=target_version,
        exclude=_split_codes(exclude_patterns) or None,
        extend_exclude=_split_codes(extend_exclude_patterns),
        ignore_noqa=ignore_noqa,
        table=table,
    )
    surface = SurfaceOptions(verbose=verbose, show_files=show_files, show_settings=show_settings,
                             respect_gitignore=respect_gitignore, color=color, watch=watch,
                             silent=silent)
    options = CheckOptions(paths, config, isolated, overrides, output_format, output_file,
                           statistics, quiet, exit_zero, no_cache, force_exclude,
                           stdin_filename, add_noqa, fix_options, surface)
    try:
        if watch:
            from mojolint.watch import watch_and_check

            code = watch_and_check(options, run_check)
        else:
            code = run_check(options)
    except (ConfigError, RegistryError) as error:
        fail(str(error))
    except click.ClickException:
        raise
    except BrokenPipeError:
        quiet_broken_pipe()
    except KeyboardInterrupt:
        # Each file is written whole (signals wait until a write is done): every file is
        # either fixed or untouched. 130 is the shell's status for a run ended by Ctrl-C.
        click.echo("mojolint: error: interrupted; files not yet written are unchanged",
                   err=True)
        raise SystemExit(INTERRUPTED) from None
    except Exception as error:  # a bug in mojolint itself: still one line, still status 2
        fail(f"internal error: {type(error).__name__}: {error}")
    raise SystemExit(code)


def _config_values(values: Sequence[str]) -> tuple[Path | None, dict[str, Any]]:
    """``--config`` values: at most one config file, and TOML ``KEY = VALUE`` fragments.

    As ruff decides: a value that names an existing file is a file; else a value with ``=``
    is TOML; else it is a file name that does not exist.
    """
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised only on 3.10
        import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]

    config: Path | None = None
    table: dict[str, Any] = {}
    for value in values:
        if os.path.isfile(value) or "=" not in value:
            if config is not None:
                fail(f"--config: only one config file can be given ({config}, {value})")
            config = Path(value)
            continue
        try:
            fragment = tomllib.loads(value)
        except tomllib.TOMLDecodeError as error:
            fail(f"--config {value!r}: neither a config file nor a TOML `KEY = VALUE` "
                 f"fragment ({error})")
        table = _merge_fragment(table, fragment)
    return config, table


def _merge_fragment(base: dict[str, Any], fragment: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in fragment.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge_fragment(merged[key], value)
        else:
            merged[key] = value
    return merged


def quiet_broken_pipe() -> NoReturn:
    """The reader of our output went away (``mojolint check | head -1``): stop quietly, as
    ruff does, and keep Python from complaining when it flushes stdout at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
    raise SystemExit(0)


def _verbose(message: str) -> None:
    click.echo(f"mojolint: verbose: {one_line(message)}", err=True)


def run_check(options: CheckOptions) -> int:
    from mojolint.discovery import discover

    if options.config is not None and not options.config.is_file():
        raise ConfigError(f"{options.config}: No such file")
    resolver = ConfigResolver(_registry(), config_file=options.config,
                              isolated=options.isolated, overrides=options.overrides)
    fixing = options.fix.fixing
    if options.add_noqa and fixing:
        raise click.UsageError("--add-noqa cannot be used with --fix, --fix-only or --diff")
    options.fix.check_selectors(frozenset(resolver.registry.codes()))
    surface = options.surface
    if _reads_stdin(options) and not (surface.show_files or surface.show_settings):
        return _check_stdin(options, resolver)
    found = discover([p for p in options.paths if p != Path("-")] or [Path(".")], resolver,
                     force_exclude=options.force_exclude,
                     respect_gitignore=surface.respect_gitignore,
                     log=_verbose if surface.verbose else None)
    for message in take_warnings():  # renamed codes in the selection (config files are read)
        _warn(message)
    for message in () if surface.silent else found.warnings:
        _warn(message)
    for message in found.errors:
        error_line(message)
    if surface.show_files or surface.show_settings:
        return _show(found, resolver, options)
    if not found.files and not surface.silent:
        _warn("No Mojo files found under the given path(s)")
    elif surface.verbose:
        _verbose(f"linting {len(found.files)} {'file' if len(found.files) == 1 else 'files'}")
    if options.add_noqa:
        return _add_noqa(found.files, resolver, resolver.project_root()) or (
            2 if found.errors else 0)
    root = resolver.project_root()
    # --ignore-noqa results are not worth keeping: it is a one-off look.
    no_cache = options.no_cache or options.overrides.ignore_noqa
    cache = None if no_cache else _open_cache(resolver, root)
    report, fixes = _lint_with_progress(found.files, resolver, root, cache, options)
    # Formats such as SARIF and github tell CI that the run itself went wrong.
    report.notifications[:0] = found.errors
    write_failed = _apply_fixes(fixes, options, report, resolver) if fixing else False
    report.unsafe_fixes_available = _hidden_unsafe(report, resolver, options.fix)
    if not options.fix.reports_violations:
        return _finish_fix_only(report, options, had_errors=bool(found.errors),
                                write_failed=write_failed,
                                diffs=[f for f in fixes if f.result.changed])
    shown_fixes = ""
    if options.fix.show_fixes:
        shown_fixes = fix_summary(_fixed_counts(fixes), _rule_names(report))
        shown_fixes += "\n" if shown_fixes else ""
    return _finish(report, options, had_errors=bool(found.errors), write_failed=write_failed,
                   prefix=shown_fixes,
                   claim_success=bool(found.files) and not found.errors and not found.warnings)


def _show(found: Any, resolver: ConfigResolver, options: CheckOptions) -> int:
    """``--show-files`` and ``--show-settings``: what a run would use, not the run."""
    status = 2 if found.errors else 0
    files = sorted(os.path.abspath(path) for path in found.files)
    if options.surface.show_files:
        for path in files:
            click.echo(path)
        if not files:
            _warn("No Mojo files found under the given path(s)")
        return status
    if not files:
        _warn("No Mojo files found under the given path(s)")
        return status or 2
    settings = resolver.settings_for_file(files[0])
    click.echo(f"Resolved settings for: {files[0]}")
    click.echo(f"Settings from: {resolver.settings_origin(settings)}")
    click.echo(format_settings(settings))
    return status


def format_settings(settings: Settings) -> str:
    """Every field of ``settings`` as ``name = value`` lines (new fields show up by
    themselves, e.g. where target-version came from)."""
    lines = []
    for item in dataclasses.fields(settings):
        if item.name.startswith("_"):
            continue
        value = getattr(settings, item.name)
        lines.append(f"{item.name.replace('_', '-')} = {_show_value(value)}")
    return "\n".join(lines)


def _show_value(value: Any) -> str:
    if isinstance(value, Path):
        return json.dumps(str(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _show_value(dataclasses.asdict(value))
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_show_value(v) for v in value) + "]"
    if isinstance(value, dict) or hasattr(value, "items"):
        return "{" + ", ".join(f"{k} = {_show_value(v)}" for k, v in value.items()) + "}"
    if hasattr(value, "value") and not isinstance(value, (str, int, float, bool)):
        return json.dumps(value.value)  # an enum
    return json.dumps(value, ensure_ascii=False, default=str)


def _open_cache(resolver: ConfigResolver, root: Path) -> Cache | None:
    """The project's cache, or None (with a warning) when its folder is not safe to use."""
    settings = resolver.settings_for_dir(Path.cwd())
    config_dir = settings.config_path.parent if settings.config_path is not None else None
    directory, problem = cache_directory(root, settings.cache_dir, config_dir)
    if directory is None:
        _warn(problem or "the cache folder cannot be used")
        return None
    return Cache(directory)


def _hidden_unsafe(report: Report, resolver: ConfigResolver, fix: FixOptions) -> int:
    """How many fixes ``--unsafe-fixes`` would add to those of this run.

    Also tells each file which of its fixes this run's policy applies, so the ``[*]``
    marker and the fixable count honour --unsafe-fixes, unfixable and extend-*-fixes.
    """
    total = 0
    policies: dict[int, FixPolicy] = {}
    for file in report.files:
        settings = resolver.settings_for_file(file.path or Path("stdin.mojo"))
        policy = policies.setdefault(id(settings), fix.policy(settings))
        file.applies_fix = policy.applicable
        if not fix.unsafe_fixes:
            total += sum(policy.hidden_unsafe(d) for d in file.diagnostics)
    return total


def _warn(message: str) -> None:
    click.echo(f"mojolint: warning: {one_line(message)}", err=True)


def _report_fix_problems(display_path: str, result: FixResult, policy: FixPolicy) -> None:
    """One stderr line per rolled-back or malformed fix, and one if the round cap was hit."""
    for message in (*result.rollbacks, *result.malformed, *result.oversized):
        _warn(f"{display_path}: {message}")
    if result.hit_cap:
        codes = sorted({d.code for d in result.remaining if policy.applicable(d)})
        _warn(f"{display_path}: fixes did not settle after {DEFAULT_MAX_ROUNDS} rounds "
              f"(still fixing: {', '.join(codes) or 'unknown'}); the file was fixed that far")


def _apply_fixes(fixes: Sequence[FileFix], options: CheckOptions, report: Report,
                 resolver: ConfigResolver) -> bool:
    """Write (or diff) each file's fixes; whether some file could not be written."""
    write_failed = False
    for item in fixes:
        file, result = item.report, item.result
        _report_fix_problems(file.display_path,
                             result, options.fix.policy(resolver.settings_for_file(
                                 file.path or Path(file.display_path))))
        if not options.fix.writes or not result.changed:
            continue
        # Written through the file's real path; messages name it as the report shows it.
        outcome = write_fixed(file.path or Path(file.display_path), item.original,
                              result.fixed, root=report.root, shown=file.display_path)
        if not outcome.ok:
            message = outcome.message or f"{file.display_path}: not fixed"
            error_line(message)
            report.notifications.append(message)
            # The file keeps its bytes, so its original violations are what stands.
            file.diagnostics, file.source, file.fixes_applied = item.initial, item.original, 0
            write_failed = True
    return write_failed


def _fixed_counts(fixes: Sequence[FileFix]) -> dict[str, Counter[str]]:
    return {f.report.display_path: f.result.applied for f in fixes if f.report.fixes_applied}


def _finish_fix_only(report: Report, options: CheckOptions, *, had_errors: bool,
                     write_failed: bool, diffs: Sequence[FileFix]) -> int:
    """``--fix-only`` and ``--diff``: say what was (or would be) fixed, not what remains."""
    from mojolint.engine import crashed
    from mojolint.fixes import unified_diff

    fixed = sum(f.fixes_applied for f in report.files)
    if options.fix.diff:
        for item in diffs:
            click.echo(unified_diff(item.report.display_path, item.original, item.result.fixed),
                       nl=False)
        if fixed and not options.quiet:
            click.echo(f"Would fix {fixed} {'error' if fixed == 1 else 'errors'}.", err=True)
    elif options.fix.show_fixes:
        click.echo(fix_summary(_fixed_counts(diffs), _rule_names(report)), nl=False)
    elif fixed and not options.quiet:
        click.echo(f"Fixed {fixed} {'error' if fixed == 1 else 'errors'}.")
    if had_errors or crashed(d for _, d in report.diagnostics()):
        return 2
    if write_failed:
        return 1
    if options.fix.diff:
        return 1 if diffs else 0
    return 1 if fixed and options.fix.exit_non_zero_on_fix else 0


def _rule_names(report: Report) -> dict[str, str]:
    from mojolint.registry import get_registry

    names = {code: doc.name for code, doc in report.rules.items()}
    for code, rule_cls in get_registry().classes.items():
        names.setdefault(code, rule_cls.name)
    return names


def _reads_stdin(options: CheckOptions) -> bool:
    return Path("-") in options.paths or (options.stdin_filename is not None
                                          and not options.paths)


def _check_stdin(options: CheckOptions, resolver: ConfigResolver) -> int:
    from mojolint.discovery import is_excluded
    from mojolint.engine import crashed, file_problem, fix_job, lint_source

    if options.add_noqa:
        raise click.UsageError("--add-noqa cannot be used with standard input")
    name = options.stdin_filename
    path = Path(name) if name else None
    shown = name or "-"
    settings = resolver.settings_for_file(path or Path("stdin.mojo"))
    for message in take_warnings():
        _warn(message)
    report = Report(files=[], rules={}, root=resolver.project_root())
    fix = options.fix
    excluded = (path is not None and (options.force_exclude or settings.force_exclude)
                and is_excluded(path, settings, False))
    if excluded:
        if fix.writes:  # the caller replaces its buffer with our output: give it back intact
            _write_stdout_bytes(sys.stdin.buffer.read())
        return _finish(report, options, had_errors=False, to_stderr=fix.writes)
    source = sys.stdin.buffer.read()
    absolute = Path(os.path.abspath(path)) if path else None
    diagnostics = lint_source(source, absolute, settings, display_path=shown)
    problem = file_problem(source)
    shown_source = None if problem else source  # no excerpts of binary input
    file = FileReport(display_path=shown, path=None, diagnostics=diagnostics,
                      source=shown_source)
    report.files.append(file)
    fixed = source
    if fix.fixing and problem is None:
        policy = fix.policy(settings)
        result = fix_job(source, diagnostics, absolute, settings, shown, policy)
        _report_fix_problems(shown, result, policy)
        file.diagnostics, file.source = result.remaining, result.fixed
        file.fixes_applied, fixed = result.fix_count, result.fixed
        if fix.show_fixes and not fix.diff:
            click.echo(fix_summary({shown: result.applied}, _rule_names(report)), err=True,
                       nl=False)
    report.rules = {code: doc for code, doc in resolver.registry.docs(settings).items()
                    if any(d.code == code for d in (*diagnostics, *file.diagnostics))}
    report.unsafe_fixes_available = _hidden_unsafe(report, resolver, fix)
    if fix.diff:
        from mojolint.fixes import unified_diff

        click.echo(unified_diff(shown, source, fixed), nl=False)
        return 2 if crashed(file.diagnostics) else \
            (1 if fixed != source else 0)
    if fix.writes:
        # Standard output carries the fixed source and nothing else.
        _write_stdout_bytes(fixed)
        if fix.fix_only:
            return 2 if crashed(file.diagnostics) else \
                (1 if fix.exit_non_zero_on_fix and fixed != source else 0)
    return _finish(report, options, had_errors=False, to_stderr=fix.writes)


def _write_stdout_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _lint_with_progress(files: list[Path], resolver: ConfigResolver, root: Path,
                        cache: Cache | None, options: CheckOptions
                        ) -> tuple[Report, list[FileFix]]:
    from mojolint.engine import fix_paths

    policy_for = options.fix.policy if options.fix.fixing else None
    with _progress(len(files), enabled=not (options.quiet or options.surface.silent)) as advance:
        return fix_paths(files, resolver, root=root, cache=cache, on_progress=advance,
                         policy_for=policy_for)


def _may_be_terminal(stream: TextIO) -> bool:
    """False when rich's ``Console.is_terminal`` is certainly False for ``stream``: only
    ``TTY_COMPATIBLE=1``, a non-empty ``FORCE_COLOR`` or a tty make it True."""
    if os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except ValueError:  # a closed stream
        return False


@contextmanager
def _progress(total: int, *, enabled: bool) -> Iterator[Any]:
    """A progress bar on stderr for long runs on a terminal; a no-op otherwise."""
    if not enabled or total < PROGRESS_THRESHOLD or not _may_be_terminal(sys.stderr):
        yield None  # decided before importing rich, which these runs never need
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    columns = (TextColumn("Linting"), BarColumn(), MofNCompleteColumn())
    # No refresh thread (auto_refresh=False): the engine forks its workers, and forking a
    # process with a running thread can deadlock the children. Redraw at most 10 times a
    # second from the caller's thread instead.
    with Progress(*columns, console=console, transient=True, auto_refresh=False) as progress:
        task = progress.add_task("lint", total=total)
        drawn = [0.0]

        def advance(n: int) -> None:
            progress.advance(task, n)
            now = time.monotonic()
            if now - drawn[0] >= 0.1:
                drawn[0] = now
                progress.refresh()

        yield advance


def _finish(report: Report, options: CheckOptions, *, had_errors: bool,
            write_failed: bool = False, to_stderr: bool = False, prefix: str = "",
            claim_success: bool = True) -> int:
    from mojolint.engine import exit_code

    code = exit_code(report, had_errors=had_errors, exit_zero=options.exit_zero)
    fixed = any(file.fixes_applied for file in report.files)
    if code == 0 and (write_failed or (fixed and options.fix.exit_non_zero_on_fix)):
        code = 1
    report.exit_code = code
    if prefix and options.output_format not in SUMMARY_FORMATS:
        click.echo(prefix, err=True, nl=False)  # keep machine-readable output parseable
        prefix = ""
    _write_output(report, options, to_stderr=to_stderr, prefix=prefix,
                  claim_success=claim_success)
    return report.exit_code


def use_color(choice: str, *, to_terminal: bool) -> bool:
    """--color: always, never, or auto (a terminal, and NO_COLOR unset)."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    return to_terminal and "NO_COLOR" not in os.environ


def _write_output(report: Report, options: CheckOptions, *, to_stderr: bool = False,
                  prefix: str = "", claim_success: bool = True) -> None:
    from mojolint.output import write_report

    buffer = io.StringIO()
    to_terminal = options.output_file is None and sys.stdout.isatty()
    color = use_color(options.surface.color, to_terminal=to_terminal)
    write_report(report, options.output_format, buffer, color=color,
                 statistics=options.statistics)
    text = buffer.getvalue()
    nothing_found = not any(f.diagnostics or f.fixes_applied for f in report.files)
    if options.output_format in SUMMARY_FORMATS and nothing_found and not claim_success:
        # No "All checks passed!" when nothing was linted or a path could not be used.
        text = "".join(line for line in text.splitlines(keepends=True)
                       if _ANSI.sub("", line).rstrip("\n") != SUCCESS)
    elif options.quiet and options.output_format in SUMMARY_FORMATS and not options.statistics:
        text = _without_summary(text, report)
    text = prefix + text
    if options.output_file is None:
        if options.surface.silent:
            return
        # color=True: click would strip the escapes when stdout is not a terminal.
        click.echo(text, nl=False, err=to_stderr, color=True if color else None)
        return
    try:
        options.output_file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(options.output_file, text.encode("utf-8"))
    except OSError as error:
        fail(f"{options.output_file}: cannot write: {error.strerror or error}")


def _without_summary(text: str, report: Report) -> str:
    """Drop the closing summary lines the human formats print."""
    from mojolint.output._terminal import summary_lines

    lines = text.splitlines(keepends=True)
    count = len(summary_lines(report))
    kept = lines[: max(0, len(lines) - count)]
    while kept and not kept[-1].strip():
        kept.pop()  # the blank line that separated diagnostics from the summary
    return "".join(kept)


def _add_noqa(files: list[Path], resolver: ConfigResolver, root: Path) -> int:
    """Write a ``# noqa`` for every violation; print how many; 0 unless a file failed.

    The files are written by the same checked writer as ``--fix``: a file that changed since
    it was read, a read-only, hard-linked or outside-the-project one is one line and kept."""
    from mojolint.engine import add_noqa_to_file
    from mojolint.fileio import WriteRefused
    from mojolint.paths import display_path

    added = 0
    status = 0
    for path in files:
        try:
            added += add_noqa_to_file(path, resolver.settings_for_file(path), root=root)
        except WriteRefused as refused:
            error_line(f"{display_path(path)}: {refused.reason}")
            status = 1 if refused.status in ("changed-on-disk", "read-only", "refused") else 2
        except OSError as error:
            error_line(f"{display_path(path)}: {error.strerror or error}")
            status = 2
    noun = "directive" if added == 1 else "directives"
    click.echo(f"Added {added} noqa {noun}.")
    return status


@cli.command("server")
def server_command() -> None:
    """Run the language server on standard input and output (for editors)."""
    from mojolint.server import serve  # pygls is only imported when serving

    try:
        serve()
    except RegistryError as error:
        fail(str(error))


@cli.command()
@click.argument("code")
def rule(code: str) -> None:
    """Print the documentation page of rule CODE."""
    registry = _registry()
    docs = registry.docs(_cwd_settings(registry))
    doc = docs.get(code.upper())
    if doc is None:
        fail(f"unknown rule code '{code}'; run `mojolint rules` to list them")
    click.echo(rule_page(doc))


@cli.command("rules")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def rules_command(as_json: bool) -> None:
    """List every available rule."""
    registry = _registry()
    settings = _cwd_settings(registry)
    rows = []
    for item in registry.all_rules(settings):
        rows.append({
            "code": item.code,
            "name": item.name,
            "summary": item.summary,
            "severity": item.severity.value,
            "default_enabled": item.default_enabled,
            "fix_availability": item.fix_availability,
            "tags": list(item.tags),
            "origin": registry.origins.get(item.code, "config"),
        })
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    _print_rule_table(rows, sys.stdout)


def _print_rule_table(rows: list[dict[str, Any]], stream: TextIO) -> None:
    code_width = max([4, *(len(r["code"]) for r in rows)])
    name_width = max([4, *(len(r["name"]) for r in rows)])
    header = f"{'CODE':<{code_width}}  {'NAME':<{name_width}}  ON   FIX        SUMMARY"
    click.echo(header)
    for row in rows:
        on = "yes" if row["default_enabled"] else "no"
        click.echo(f"{row['code']:<{code_width}}  {row['name']:<{name_width}}  {on:<4} "
                   f"{row['fix_availability']:<10} {row['summary']}")


@cli.command("version")
def version_command() -> None:
    """Print mojolint's version."""
    click.echo(f"mojolint {__version__}")


@cli.command("config")
@click.argument("key", required=False)
def config_command(key: str | None) -> None:
    """List every setting, or print one setting's type, default, doc and example."""
    from mojolint.settings_schema import SETTINGS, setting

    if key is None:
        for item in SETTINGS:
            summary = item.doc.split(". ")[0].rstrip(".")
            click.echo(f"{item.key}: {summary}.\n    type: {item.type}; default: {item.default}")
        return
    found = setting(key.removeprefix("tool.mojolint."))
    if found is None:
        fail(f"unknown setting '{key}'; run `mojolint config` to list them")
    click.echo(f"{found.doc}\n\nType: {found.type}\nDefault value: {found.default}\n"
               f"Example usage:\n```toml\n{found.example}\n```")


@cli.command("linter")
def linter_command() -> None:
    """List the rule groups (code prefixes) and how many rules each has."""
    from mojolint.groups import GROUPS, prefix_of

    registry = _registry()
    counts = Counter(prefix_of(item.code) for item in registry.all_rules(_cwd_settings(registry)))
    prefixes = [*GROUPS, *sorted(set(counts) - set(GROUPS))]
    for prefix in prefixes:
        if counts[prefix]:
            about = GROUPS.get(prefix, "rules from a plugin or a config's pattern-rules")
            click.echo(f"{prefix:<4}{counts[prefix]:>4} rules  {about}")


@cli.command("clean")
def clean_command() -> None:
    """Remove every .mojolint_cache folder under the current folder."""
    removed = 0
    for top, dirs, _files in os.walk(".", followlinks=False):
        for name in list(dirs):
            if name != CACHE_DIR_NAME:
                continue
            dirs.remove(name)  # never walk into what is being removed
            path = os.path.join(top, name)
            try:
                if os.path.islink(path):
                    os.unlink(path)  # the link only, never what it points to
                else:
                    import shutil

                    shutil.rmtree(path)
            except OSError as error:
                _warn(f"{path}: cannot remove: {error.strerror or error}")
                continue
            removed += 1
            click.echo(f"Removed {os.path.normpath(path)}")
    if not removed:
        click.echo(f"No {CACHE_DIR_NAME} folder found.")


def _cwd_settings(registry: Registry) -> Any:
    """Settings that apply here, so `rule`/`rules` also show this project's pattern rules."""
    try:
        return ConfigResolver(registry).settings_for_dir(Path.cwd())
    except ConfigError as error:
        fail(str(error))


def main() -> None:
    try:
        cli(prog_name="mojolint")
    except BrokenPipeError:
        quiet_broken_pipe()


__all__ = ["cli", "main"]
