"""What ``check`` does with the fixes the engine computed: report the fixes it dropped,
write the fixed files, count what was fixed, and mark what this run's policy applies."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mojolint.commands.arguments import CheckArguments, FixArguments
from mojolint.commands.common import error_line, warn
from mojolint.config import ConfigResolver
from mojolint.fileio import write_fixed
from mojolint.fixes import DEFAULT_MAX_ROUNDS, FixPolicy, FixResult
from mojolint.report import Report

if TYPE_CHECKING:
    from mojolint.engine import FileFix


def hidden_unsafe(report: Report, resolver: ConfigResolver, fix: FixArguments) -> int:
    """How many fixes ``--unsafe-fixes`` would add to those of this run.

    Also tells each file which of its fixes this run's policy applies, so the ``[*]``
    marker and the fixable count honour --unsafe-fixes, unfixable and extend-*-fixes.
    """
    total = 0
    policies: dict[int, FixPolicy] = {}
    for file in report.files:
        settings = resolver.settings_for_file(file.path or Path("stdin.mojo"))
        policy = policies.get(id(settings))
        if policy is None:  # most files share a few settings: one policy for each
            policy = policies[id(settings)] = fix.policy(settings)
        file.applies_fix = policy.applicable
        if not fix.unsafe_fixes:
            total += sum(policy.hidden_unsafe(d) for d in file.diagnostics)
    return total


def report_fix_problems(display_path: str, result: FixResult, policy: FixPolicy) -> None:
    """One stderr line per rolled-back or malformed fix, and one if the round cap was hit."""
    for message in (*result.rollbacks, *result.malformed, *result.oversized):
        warn(f"{display_path}: {message}")
    if result.hit_cap:
        codes = sorted({d.code for d in result.remaining if policy.applicable(d)})
        warn(f"{display_path}: fixes did not settle after {DEFAULT_MAX_ROUNDS} rounds "
             f"(still fixing: {', '.join(codes) or 'unknown'}); the file was fixed that far")


def apply_fixes(fixes: Sequence[FileFix], args: CheckArguments, report: Report,
                 resolver: ConfigResolver) -> bool:
    """Write (or diff) each file's fixes; whether some file could not be written."""
    write_failed = False
    for item in fixes:
        file, result = item.report, item.result
        report_fix_problems(file.display_path,
                            result, args.fix.policy(resolver.settings_for_file(
                                file.path or Path(file.display_path))))
        if not args.fix.writes or not result.changed:
            continue
        # Written through the file's real path; messages name it as the report shows it.
        written = write_fixed(file.path or Path(file.display_path), item.original,
                              result.fixed, root=report.root, shown=file.display_path)
        if not written.ok:
            message = written.message or f"{file.display_path}: not fixed"
            error_line(message)
            report.notifications.append(message)
            # The file keeps its bytes, so its original violations are what stands.
            file.diagnostics, file.source, file.fixes_applied = item.initial, item.original, 0
            write_failed = True
    return write_failed


def fixed_counts(fixes: Sequence[FileFix]) -> dict[str, Counter[str]]:
    return {f.report.display_path: f.result.applied for f in fixes if f.report.fixes_applied}
