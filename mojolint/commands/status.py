"""The exit status of a run, decided in one place (:func:`exit_status`), as ruff does."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mojolint.report import Report


class ExitStatus(enum.IntEnum):
    """What the process exits with."""

    # Nothing to report (or --exit-zero), nothing that --diff or --exit-non-zero-on-fix count.
    SUCCESS = 0
    # Violations remain, a fix is (or would be) made under --diff or --exit-non-zero-on-fix,
    # or a file could not be written.
    FAILURE = 1
    # mojolint could not do its job: a bad config, a path it cannot use, a crash of its own.
    # Wins over everything, --exit-zero included.
    ERROR = 2
    # Stopped by Ctrl-C (SIGINT), as shells report it.
    INTERRUPTED = 130


@dataclass(frozen=True)
class Outcome:
    """What a command found and did, as far as the exit status is concerned."""

    # A path, a config or a file could not be used (each was reported on stderr).
    errors: bool = False
    # A diagnostic says mojolint itself failed on a file (a rule whose ``reports_crash``).
    crashed: bool = False
    # Violations are left to report.
    violations: bool = False
    # Some file was fixed (with --diff: would be).
    fixed: bool = False
    # Some fixed file could not be written, or a noqa comment could not be added.
    write_failed: bool = False


@dataclass(frozen=True)
class Mode:
    """The options of ``check`` that change what counts as failure."""

    exit_zero: bool = False
    diff: bool = False
    fix_only: bool = False
    exit_non_zero_on_fix: bool = False


def exit_status(outcome: Outcome, mode: Mode) -> ExitStatus:
    """The one place that turns a run's outcome into its exit status.

    --diff fails when it shows a change; --fix-only reports no violations, so only
    --exit-non-zero-on-fix makes its fixes fail; otherwise remaining violations fail unless
    --exit-zero, and fixes fail under --exit-non-zero-on-fix.
    """
    if outcome.errors or outcome.crashed:
        return ExitStatus.ERROR
    if outcome.write_failed:
        return ExitStatus.FAILURE
    if mode.diff:
        return ExitStatus.FAILURE if outcome.fixed else ExitStatus.SUCCESS
    if outcome.violations and not (mode.exit_zero or mode.fix_only):
        return ExitStatus.FAILURE
    if outcome.fixed and mode.exit_non_zero_on_fix:
        return ExitStatus.FAILURE
    return ExitStatus.SUCCESS


def report_outcome(report: Report, *, errors: bool = False, write_failed: bool = False,
                   fixed: bool | None = None) -> Outcome:
    """What the report says about the exit status; ``fixed`` (default: whether a file of
    the report had fixes applied) and the rest come from the caller."""
    from mojolint.engine import crashed

    diagnostics = [d for _, d in report.diagnostics()]
    if fixed is None:
        fixed = any(file.fixes_applied for file in report.files)
    return Outcome(errors=errors, crashed=crashed(diagnostics), violations=bool(diagnostics),
                   fixed=fixed, write_failed=write_failed)
