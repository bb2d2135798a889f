"""``mojolint check -`` (or ``--stdin-filename NAME``): lint and fix standard input.

With ``--fix`` standard output carries the fixed source and nothing else (an editor
replaces its buffer with it); the report then goes to stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from mojolint.commands.arguments import CheckArguments
from mojolint.commands.common import warn
from mojolint.commands.fixing import hidden_unsafe, report_fix_problems
from mojolint.commands.printer import Printer
from mojolint.commands.status import ExitStatus, exit_status, report_outcome
from mojolint.config import ConfigResolver
from mojolint.redirects import take_warnings
from mojolint.report import FileReport, Report


def check_stdin(args: CheckArguments, resolver: ConfigResolver, printer: Printer
                ) -> ExitStatus:
    from mojolint.discovery import is_excluded
    from mojolint.engine import file_problem, fix_job, lint_source

    if args.add_noqa is not None:
        raise click.UsageError("--add-noqa cannot be used with standard input")
    name = args.stdin_filename
    path = Path(name) if name else None
    shown = name or "-"
    settings = resolver.settings_for_file(path or Path("stdin.mojo"))
    for message in take_warnings():
        warn(message)
    report = Report(files=[], rules={}, root=resolver.project_root())
    fix = args.fix
    excluded = (path is not None and (args.force_exclude or settings.force_exclude)
                and is_excluded(path, settings, False))
    if excluded:
        if fix.writes:  # the caller replaces its buffer with our output: give it back intact
            _write_stdout_bytes(sys.stdin.buffer.read())
        return _finish(report, args, printer)
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
        report_fix_problems(shown, result, policy)
        file.diagnostics, file.source = result.remaining, result.fixed
        file.fixes_applied, fixed = result.fix_count, result.fixed
        if fix.show_fixes and not fix.diff:
            printer.fix_summary_now({shown: result.applied}, report)
    report.rules = {code: doc for code, doc in resolver.registry.docs(settings).items()
                    if any(d.code == code for d in (*diagnostics, *file.diagnostics))}
    report.unsafe_fixes_available = hidden_unsafe(report, resolver, fix)
    if fix.diff:
        printer.diff(shown, source, fixed)
    elif fix.writes:
        _write_stdout_bytes(fixed)  # standard output carries the fixed source, nothing else
    if not fix.reports_violations:  # --diff and --fix-only
        return exit_status(report_outcome(report, fixed=fixed != source), args.mode)
    return _finish(report, args, printer)


def _finish(report: Report, args: CheckArguments, printer: Printer) -> ExitStatus:
    status = exit_status(report_outcome(report), args.mode)
    report.exit_code = status.value
    printer.report(report, to_stderr=args.fix.writes)
    return status


def _write_stdout_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
