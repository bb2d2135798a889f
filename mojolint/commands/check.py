"""``mojolint check``: lint (and fix) the Mojo files under the given paths (its click
declaration is :mod:`.check_command`; this module does not import click).

Every expected failure (bad config, missing path, broken plugin) is one line on stderr
starting with ``mojolint: error:`` and exit status 2; nobody should see a traceback.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from mojolint.cache import Cache, cache_directory
from mojolint.commands.arguments import CheckArguments
from mojolint.commands.common import error_line, fail, registry, verbose, warn
from mojolint.commands.printer import Printer, quiet_broken_pipe
from mojolint.commands.status import ExitStatus, Mode, Outcome, exit_status, report_outcome
from mojolint.config import ConfigResolver
from mojolint.configfile import ConfigError
from mojolint.gcpause import cyclic_gc_paused, process_ends
from mojolint.redirects import take_warnings
from mojolint.registry import RegistryError
from mojolint.settings import Settings

if TYPE_CHECKING:
    from mojolint.discovery import Discovery
    from mojolint.engine import FileFix
    from mojolint.report import Report

NO_FILES = "No Mojo files found under the given path(s)"


def check_main(values: Mapping[str, Any]) -> NoReturn:
    """``check`` with its arguments by parameter name, as click parses them (or
    :mod:`.quick`, which parses the usual command lines without importing click)."""
    args = CheckArguments.from_values(values)
    try:
        if args.surface.watch:
            from mojolint.watch import watch_and_check

            code = watch_and_check(args, run_check)
        else:
            code = run_check(args)
    except (ConfigError, RegistryError) as error:
        fail(str(error))
    except BrokenPipeError:
        quiet_broken_pipe()
    except KeyboardInterrupt:
        # Each file is written whole (signals wait until a write is done): every file is
        # either fixed or untouched. 130 is the shell's status for a run ended by Ctrl-C.
        error_line("interrupted; files not yet written are unchanged")
        raise SystemExit(ExitStatus.INTERRUPTED.value) from None
    except Exception as error:  # a bug in mojolint itself: still one line, still status 2
        click = sys.modules.get("click")  # none was raised if it was never imported
        if click is not None and isinstance(error, click.ClickException):
            raise
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
        import click

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
    import click

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
