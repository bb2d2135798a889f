"""MJ001: a file that cannot be linted because it cannot be read as UTF-8 text."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Diagnostic, Severity
from mojolint.rule import Context, Rule


class IoError(Rule):
    """## What it does
    Reports a file mojolint was asked to lint but could not read: it is unreadable
    (permissions, vanished), binary (holds NUL bytes), or not valid UTF-8.

    ## Why is this bad?
    Nothing in such a file is checked, so every other rule is silently blind to it. Mojo
    source files are UTF-8 text; anything else will not compile either.

    ## Example
    A file saved as Latin-1:

    ```mojo
    # caf\\xe9 (the byte 0xE9 on its own)
    ```

    ## Use instead
    Save the file as UTF-8, fix its permissions, or exclude it with `extend-exclude`.

    ## Fix safety
    There is no fix.

    ## Options
    This rule has no options. It is produced by the engine and is always reported.
    """

    code = "MJ001"
    name = "io-error"
    summary = "File could not be read as UTF-8 text"
    severity = Severity.ERROR
    tags = ("core",)
    engine_driven = True
    always_on = True  # an unreadable file must never pass silently
    noqa_addable = False  # a comment cannot make a file readable

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        return ()  # the engine reports this before any tree exists
