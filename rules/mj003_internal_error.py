"""MJ003: a rule raised an exception while checking a file."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Diagnostic, Severity
from mojolint.rule import Context, Rule


class InternalError(Rule):
    """## What it does
    Reports that a rule crashed on a file. The message names the rule, the file and the
    exception; the other rules still check the file and the other files are still linted.

    ## Why is this bad?
    The crashed rule checked nothing in that file, so its problems may be hidden. The run
    exits with status 2 so CI does not mistake a partial check for a clean one.

    ## Example
    ```text
    src/kernel.mojo:1:1: MJ003 internal error: rule XY001 (no-print) failed on
    src/kernel.mojo: ZeroDivisionError: division by zero
    ```

    ## Use instead
    Report the bug to the rule's author with the file that triggers it. Meanwhile,
    `--ignore` the rule's code or add the file to `per-file-ignores`.

    ## Fix safety
    There is no fix.

    ## Options
    This rule has no options. It is produced by the engine, is always reported and cannot
    be suppressed with `# noqa`.
    """

    code = "MJ003"
    name = "internal-error"
    summary = "A rule raised an exception on this file"
    severity = Severity.ERROR
    tags = ("core",)
    engine_driven = True
    always_on = True  # a crashed rule must never pass silently
    suppressible = False
    noqa_addable = False
    reports_crash = True

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        return ()  # the engine reports this when another rule raises
