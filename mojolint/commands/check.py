"""``mojolint check``: lint (and fix) the Mojo files under the given paths.

Every expected failure (bad config, missing path, broken plugin) is one line on stderr
starting with ``mojolint: error:`` and exit status 2; nobody should see a traceback.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from mojolint.cache import Cache, cache_directory
from mojolint.commands.arguments import CheckArguments
from mojolint.commands.common import error_line, fail, registry, verbose, warn
from mojolint.commands.printer import Printer, quiet_broken_pipe
from mojolint.commands.status import ExitStatus, Mode, Outcome, exit_status, report_outcome
from mojolint.config import ConfigResolver
from mojolint.configfile import ConfigError
from mojolint.gcpause import cyclic_gc_paused, process_ends
from mojolint.output import FORMATS
from mojolint.redirects import take_warnings
from mojolint.registry import RegistryError
from mojolint.settings import Settings
from mojolint.versions import TARGET_VERSIONS

if TYPE_CHECKING:
    from mojolint.discovery import Discovery
    from mojolint.engine import FileFix
    from mojolint.report import Report

NO_FILES = "No Mojo files found under the given path(s)"


class _CheckCommand(click.Command):
    """``check``, whose ``--add-noqa`` takes its reason only as ``--add-noqa=REASON`` (as
    ruff's does), so that ``--add-noqa src/`` still lints ``src/``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        end = args.index("--") if "--" in args else len(args)
        # A bare --add-noqa is the option with an empty reason; click would otherwise
        # take the next argument as its value.
        spelled = ["--add-noqa=" if arg == "--add-noqa" else arg for arg in args[:end]]
        return super().parse_args(ctx, spelled + args[end:])


@click.command(cls=_CheckCommand)
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
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
              help="The cache folder (default: the `cache-dir` setting, else "
              "`.mojolint_cache` in the project root); overrides MOJOLINT_CACHE_DIR.")
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
@click.option("--add-noqa", metavar="[=REASON]", default=None,
              help="Add a `# noqa` for every current violation instead of reporting it; "
              "`--add-noqa=REASON` writes REASON after the codes.")
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
def check(**values: Any) -> None:
    """Lint Mojo files (.mojo, .🔥) under PATHS (default: the current directory)."""
    args = CheckArguments.from_values(values)
    try:
        if args.surface.watch:
            from mojolint.watch import watch_and_check

            code = watch_and_check(args, run_check)
        else:
            code = run_check(args)
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
        raise SystemExit(ExitStatus.INTERRUPTED.value) from None
    except Exception as error:  # a bug in mojolint itself: still one line, still status 2
        fail(f"internal error: {type(error).__name__}: {error}")
    raise SystemExit(code.value)


def run_check(args: CheckArguments) -> ExitStatus:
    """One run of ``check`` (``--watch`` runs it again on each change)."""
    from mojolint.discovery import discover

    if args.config is not None and not args.config.is_file():
        raise ConfigError(f"{args.config}: No such file")
    resolver = ConfigResolver(registry(), config_file=args.config,
                              isolated=args.isolated, overrides=args.overrides)
    if args.add_noqa is not None and args.fix.fixing:
        raise click.UsageError("--add-noqa cannot be used with --fix, --fix-only or --diff")
    args.fix.check_selectors(frozenset(resolver.registry.codes()))
    surface = args.surface
    printer = Printer(args)
    if args.reads_stdin and not (surface.show_files or surface.show_settings):
        from mojolint.commands.stdin import check_stdin

        return check_stdin(args, resolver, printer)
    found = discover([p for p in args.paths if p != Path("-")] or [Path(".")], resolver,
                     force_exclude=args.force_exclude,
                     respect_gitignore=surface.respect_gitignore,
                     log=verbose if surface.verbose else None)
    for message in take_warnings():  # renamed codes in the selection (config files are read)
        warn(message)
    for message in () if surface.silent else found.warnings:
        warn(message)
    for message in found.errors:
        error_line(message)
    if surface.show_files or surface.show_settings:
        return _show(found, resolver, args)
    if not found.files and not surface.silent:
        warn(NO_FILES)
    elif surface.verbose:
        verbose(f"linting {len(found.files)} {'file' if len(found.files) == 1 else 'files'}")
    if args.add_noqa is not None:
        from mojolint.commands.add_noqa import add_noqa

        return add_noqa(found, resolver, args)
    return _lint(found, resolver, args, printer)


def _lint(found: Discovery, resolver: ConfigResolver, args: CheckArguments,
          printer: Printer) -> ExitStatus:
    root = resolver.project_root()
    # --ignore-noqa results are not worth keeping: it is a one-off look.
    no_cache = args.no_cache or args.overrides.ignore_noqa
    cache = None if no_cache else _open_cache(resolver, root, args.cache_dir)
    replay = None
    if cache is not None and not args.fix.fixing and not args.surface.watch:
        from mojolint.replay import Replay

        replay = Replay.prepare(cache, found.files, resolver,
                                _replay_key(found, root, args, printer))
        replayed = replay.load()
        if replayed is not None:
            text, status = replayed
            printer.emit_recorded(text)
            return ExitStatus(status)
    from mojolint.engine import fix_paths

    policy_for = args.fix.policy if args.fix.fixing else None
    # Serving files from the cache and printing them makes tens of thousands of objects (the
    # cache's index, the diagnostics, the report) and no cycles: the collector's passes over
    # them were a fifth of a warm run. The engine turns it on to lint. When the process
    # ends after this (the `mojolint` program, without --watch), what it made is frozen,
    # not collected.
    with cyclic_gc_paused(freeze_after=process_ends() and not args.surface.watch):
        with printer.progress(len(found.files)) as advance:
            report, fixes = fix_paths(found.files, resolver, root=root, cache=cache,
                                      on_progress=advance, policy_for=policy_for)
        status = _finish(found, resolver, args, printer, report, fixes)
        if replay is not None and cache is not None and printer.printed is not None:
            replay.save(printer.printed, status.value, report, cache.dependencies)
        return status


def _replay_key(found: Discovery, root: Path, args: CheckArguments,
                printer: Printer) -> dict[str, Any]:
    """What, besides the files and their settings, shapes the printed report and the exit
    status (mojolint.replay)."""
    import sys

    from mojolint import __version__

    return {
        "version": __version__,
        "python": sys.version,
        "cwd": os.getcwd(),
        "root": str(root),
        "arguments": repr(args),
        "color": printer.color(),
        "terminal": sys.stdout.isatty(),
        "errors": list(found.errors),
        "warnings": bool(found.warnings),
        "gitlab": os.environ.get("CI_PROJECT_DIR"),
    }


def _finish(found: Discovery, resolver: ConfigResolver, args: CheckArguments,
            printer: Printer, report: Report, fixes: list[FileFix]) -> ExitStatus:
    """Write the fixes, print the report and say how the run went."""
    from mojolint.commands.fixing import apply_fixes, fixed_counts, hidden_unsafe

    # Formats such as SARIF and github tell CI that the run itself went wrong.
    report.notifications[:0] = found.errors
    write_failed = apply_fixes(fixes, args, report, resolver) if args.fix.fixing else False
    report.unsafe_fixes_available = hidden_unsafe(report, resolver, args.fix)
    outcome = report_outcome(report, errors=bool(found.errors), write_failed=write_failed)
    status = exit_status(outcome, args.mode)
    report.exit_code = status.value
    if not args.fix.reports_violations:  # --fix-only and --diff
        if args.fix.diff:
            for item in fixes:
                if item.result.changed:
                    printer.diff(item.report.display_path, item.original, item.result.fixed)
        printer.fixed_only(sum(f.fixes_applied for f in report.files), fixed_counts(fixes),
                           report)
        return status
    shown_fixes = printer.fix_summary(fixed_counts(fixes), report) \
        if args.fix.show_fixes else ""
    printer.report(report, fixes=shown_fixes,
                   claim_success=bool(found.files) and not found.errors and not found.warnings)
    return status


def _show(found: Discovery, resolver: ConfigResolver, args: CheckArguments) -> ExitStatus:
    """``--show-files`` and ``--show-settings``: what a run would use, not the run."""
    files = sorted(os.path.abspath(path) for path in found.files)
    if not files:
        warn(NO_FILES)
    if args.surface.show_files:
        for path in files:
            click.echo(path)
    elif files:
        settings = resolver.settings_for_file(files[0])
        click.echo(f"Resolved settings for: {files[0]}")
        click.echo(f"Settings from: {resolver.settings_origin(settings)}")
        click.echo(format_settings(settings))
    # --show-settings without a file to show the settings of has failed.
    failed = bool(found.errors) or (args.surface.show_settings and not args.surface.show_files
                                    and not files)
    return exit_status(Outcome(errors=failed), Mode())


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


def _open_cache(resolver: ConfigResolver, root: Path, chosen: Path | None) -> Cache | None:
    """The project's cache (in ``chosen``, from ``--cache-dir``, if given), or None (with a
    warning) when its folder is not safe to use."""
    settings = resolver.settings_for_dir(Path.cwd())
    config_dir = settings.config_path.parent if settings.config_path is not None else None
    directory, problem = cache_directory(root, settings.cache_dir, config_dir, chosen=chosen)
    if directory is None:
        warn(problem or "the cache folder cannot be used")
        return None
    return Cache(directory)
