"""Facts about a report that several formats share: ordering, fixability, rule names."""

from __future__ import annotations

from mojolint.diagnostics import Applicability, Diagnostic
from mojolint.report import FileReport, LazyRuleDocs, Report


def sorted_diagnostics(report: Report) -> list[tuple[FileReport, Diagnostic]]:
    """Every diagnostic ordered by file, then position, then code, so output is stable."""

    def key(item: tuple[FileReport, Diagnostic]) -> tuple[str, int, int, str]:
        file, diagnostic = item
        return (file.display_path, diagnostic.start.line, diagnostic.start.column,
                diagnostic.code)

    return sorted(report.diagnostics(), key=key)


def will_fix(file: FileReport, diagnostic: Diagnostic) -> bool:
    """Whether ``--fix`` in this run would fix this diagnostic (the ``[*]`` marker)."""
    if diagnostic.fix is None:
        return False
    if file.applies_fix is not None:
        return file.applies_fix(diagnostic)
    return diagnostic.fix.applicability is Applicability.SAFE


def rule_name(report: Report, code: str) -> str:
    """The rule's name, or the code itself for codes the report has no page for."""
    if isinstance(report.rules, LazyRuleDocs):  # the name, without making every page
        name = report.rules.name(code)
        return name if name is not None else code
    rule = report.rules.get(code)
    return rule.name if rule is not None else code

