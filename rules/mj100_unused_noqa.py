"""MJ100: a ``# noqa`` that suppresses nothing, or names codes that do not exist.

The checking itself lives in :mod:`mojolint.noqa` (``unused_noqa``): it needs every other
rule's diagnostics, so the engine runs it after suppression.
"""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Diagnostic, Severity
from mojolint.noqa import UnusedNoqaOptions
from mojolint.rule import Context, Rule


class UnusedNoqa(Rule):
    """## What it does
    Reports `# noqa` and `# mojolint: noqa` comments that suppress nothing: a blanket
    `# noqa` on a line without diagnostics, codes that did not fire on that line, codes of
    rules that are not enabled, and codes that no installed rule has.

    ## Why is this bad?
    A stale suppression hides the next real problem on that line, and an unknown code is
    usually a typo that suppresses nothing at all.

    ## Example
    ```mojo
    fn add(a: Int, b: Int) -> Int:
        return a + b  # noqa: MJ002, XX999
    ```

    ## Use instead
    ```mojo
    fn add(a: Int, b: Int) -> Int:
        return a + b
    ```

    ## Fix safety
    The fix removes the unused codes, or the whole directive when none is left (the whole
    line when the directive was alone on it). It is safe: suppressions do not change what
    the program does.

    ## Options
    """

    code = "MJ100"
    name = "unused-noqa"
    summary = "Suppression comment that suppresses nothing"
    severity = Severity.WARNING
    fix_availability = "always"
    options_type = UnusedNoqaOptions
    tags = ("core", "suppression")
    engine_driven = True
    noqa_addable = False  # silencing an unused noqa with another noqa is circular

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        return ()  # the engine calls unused_noqa() once every other rule has run


__all__ = ["UnusedNoqa", "UnusedNoqaOptions"]
