"""MJ100: a ``# noqa`` that suppresses nothing, or names codes that do not exist."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from mojolint.lineindex import LineIndex
from mojolint.noqa import Directive
from mojolint.rule import Context, Rule, make_diagnostic


@dataclass(frozen=True)
class UnusedNoqaOptions:
    external: tuple[str, ...] = field(
        default=(),
        metadata={"doc": "Codes of other tools that may appear in `# noqa` comments without "
                  "being reported as unknown."},
    )


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
    - `external` (a list of strings, default `[]`): codes of other tools that may appear in
      `# noqa` comments without being reported as unknown. Set it in
      `[tool.mojolint.rules.MJ100]`.
    """

    code = "MJ100"
    name = "unused-noqa"
    summary = "Suppression comment that suppresses nothing"
    severity = Severity.WARNING
    fix_availability = "always"
    options_type = UnusedNoqaOptions
    tags = ("core", "suppression")
    engine_driven = True

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        return ()  # the engine calls unused_noqa() once every other rule has run


def unused_noqa(
    directives: Iterable[Directive],
    lines: LineIndex,
    enabled: Collection[str],
    known: Collection[str],
    options: UnusedNoqaOptions,
) -> list[Diagnostic]:
    """One diagnostic per directive with something unused in it."""
    found = []
    for directive in directives:
        if directive.codes is not None and UnusedNoqa.code in directive.codes:
            directive.matched.add(UnusedNoqa.code)  # the user silenced this rule here
            continue
        diagnostic = _check_directive(directive, lines, enabled, known, options)
        if diagnostic is not None:
            found.append(diagnostic)
    return found


def _check_directive(
    directive: Directive,
    lines: LineIndex,
    enabled: Collection[str],
    known: Collection[str],
    options: UnusedNoqaOptions,
) -> Diagnostic | None:
    kind = "file-level `mojolint: noqa`" if directive.file_level else "`noqa`"
    if directive.codes is None:
        if directive.matched:
            return None
        return _diagnostic(directive, lines, f"Unused blanket {kind} directive", [])
    problems: dict[str, list[str]] = {}
    kept: list[str] = []
    for code in directive.codes:
        category = _category(code, directive, enabled, known, options, kept)
        if category is None:
            kept.append(code)
        else:
            problems.setdefault(category, []).append(code)
    if not problems:
        return None
    detail = "; ".join(
        f"{category}: {', '.join(f'`{c}`' for c in codes)}" for category, codes in problems.items()
    )
    return _diagnostic(directive, lines, f"Unused {kind} directive ({detail})", kept)


def _category(
    code: str,
    directive: Directive,
    enabled: Collection[str],
    known: Collection[str],
    options: UnusedNoqaOptions,
    kept: list[str],
) -> str | None:
    """Why ``code`` in this directive is useless, or None when it earns its place."""
    if code in options.external:
        return None
    if code in kept:
        return "duplicated"
    if code not in known:
        return "unknown"
    if code not in enabled:
        return "non-enabled"
    if code not in directive.matched:
        return "unused"
    return None


def _diagnostic(
    directive: Directive, lines: LineIndex, message: str, kept: list[str]
) -> Diagnostic:
    if kept:
        edit = Edit(directive.codes_start, directive.codes_end, ", ".join(kept))
        title = "Remove unused codes"
    else:
        edit = _removal(directive, lines)
        title = "Remove unused `noqa` directive"
    fix = Fix(title=title, edits=(edit,), applicability=Applicability.SAFE)
    return make_diagnostic(
        lines, UnusedNoqa.code, message, directive.start, directive.end,
        UnusedNoqa.severity, fix,
    )


def _removal(directive: Directive, lines: LineIndex) -> Edit:
    """The edit deleting a directive, keeping whatever else its comment said."""
    source = lines.source
    line_start, line_end = lines.line_span(lines.line_of(directive.start) + 1)
    after = source[directive.end : directive.comment_end].strip()
    if after:
        # '# noqa: X  explanation': keep the explanation as a comment.
        return Edit(directive.start, directive.end, "#")
    start = directive.start
    while start > line_start and source[start - 1 : start] in (b" ", b"\t"):
        start -= 1
    end = directive.comment_end
    if start == line_start and source[end:line_end].strip() == b"":
        # The directive was alone on its line: delete the line with its line break.
        next_line = min(line_end + 1, len(source)) if source[line_end:line_end + 1] else line_end
        if source[line_end:line_end + 2] == b"\r\n":
            next_line = line_end + 2
        return Edit(line_start, next_line, "")
    return Edit(start, end, "")
