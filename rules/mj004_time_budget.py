"""MJ004: a rule ran out of the file's time budget."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Diagnostic, Severity
from mojolint.rule import Context, Rule


class TimeBudgetExceeded(Rule):
    """## What it does
    Reports that the rules did not finish on a file within its time budget (60 seconds by
    default, `MOJOLINT_FILE_BUDGET` seconds when set). The message names the rule that was
    running and the file; that rule and the rules after it were stopped for this file, and
    the other files are still linted.

    ## Why is this bad?
    The file was only partly checked. A repository's own config can declare pattern rules
    whose queries take very long; a file can also be made to defeat a rule's algorithm.
    Either way a lint run in CI must end, and it must say what it did not check.

    ## Example
    ```text
    src/big.mojo:1:1: MJ004 rule PRJ001 (slow-pattern) did not finish on src/big.mojo
    within 60 s; stopped (the rules after it were not run on this file)
    ```

    ## Use instead
    Simplify the pattern rule's query (fewer quantified wildcards), exclude the file, or
    raise the budget with `MOJOLINT_FILE_BUDGET` when the file is simply very large.

    ## Fix safety
    There is no fix.

    ## Options
    This rule has no options. It is produced by the engine, is always reported and cannot
    be suppressed with `# noqa`.
    """

    code = "MJ004"
    name = "time-budget-exceeded"
    summary = "The rules did not finish on this file within its time budget"
    severity = Severity.ERROR
    tags = ("core",)
    engine_driven = True
    suppressible = False  # rules that did not finish must not look like a clean file

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        return ()  # the engine reports this when a file's budget runs out
