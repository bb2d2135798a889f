"""Reports for the output-format tests, built from real diagnostics on real source text.

Not a test module itself; ``test_output_*.py`` files import it (tests/ is a rootdir-style
directory without ``__init__.py``, so pytest puts it on ``sys.path``).
"""

# The Greek alpha in naïve_α is deliberate: non-ASCII columns are what these tests check.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

from pathlib import Path

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix, Position, Severity
from mojolint.report import FileReport, Report, RuleDoc

MODEL_SOURCE = (
    "from tensor import Tensor\n"
    "\n"
    "var café = naïve_α(x)\n"
    "fn main():\n"
    "\tvar unused = 1\n"
    "\treturn List[Int]()\n"
)

RULES = {
    "MJ001": RuleDoc(
        code="MJ001", name="unused-variable", summary="Variable is never used",
        documentation="## What it does\nChecks for variables that are\nnever read.\n\n"
                      "## Example\n```mojo\nvar x = 1\n```\n",
        severity=Severity.WARNING, fixable=True, tags=("correctness",),
    ),
    "MJ002": RuleDoc(
        code="MJ002", name="non-ascii-call", summary="Call to a non-ASCII name",
        documentation="## What it does\nFlags calls to names with non-ASCII letters.\n",
        severity=Severity.ERROR, fixable=True, tags=("style", "unicode"),
    ),
    "MJ003": RuleDoc(
        code="MJ003", name="unused-local", summary="Local is never used",
        documentation="Locals that are assigned and never read.\n",
        severity=Severity.WARNING, fixable=False,
    ),
    "MJ004": RuleDoc(
        code="MJ004", name="prefer-list-literal", summary="Prefer a list literal",
        documentation="## What it does\nSuggests list literals.\n",
        severity=Severity.INFO, fixable=False,
    ),
    "MJ005": RuleDoc(
        code="MJ005", name="never-fires", summary="A rule with no results in these tests",
        documentation="", severity=Severity.ERROR, fixable=False,
    ),
}


def span(source: str, line: int, needle: str, occurrence: int = 1) -> tuple[Position, Position]:
    """Start and (exclusive) end positions of ``needle`` on 1-based ``line`` of ``source``."""
    lines = source.split("\n")
    text = lines[line - 1]
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line_offset = len("\n".join(lines[: line - 1]).encode()) + (1 if line > 1 else 0)
    start_offset = line_offset + len(text[:index].encode())
    end_offset = start_offset + len(needle.encode())
    return (
        Position(line, index + 1, start_offset),
        Position(line, index + len(needle) + 1, end_offset),
    )


def model_diagnostics(source: str = MODEL_SOURCE, line_shift: int = 0) -> list[Diagnostic]:
    """The four findings on MODEL_SOURCE (or on it with ``line_shift`` lines added above)."""
    cafe = span(source, 3 + line_shift, "café")
    alpha = span(source, 3 + line_shift, "naïve_α")
    unused = span(source, 5 + line_shift, "unused")
    list_call = span(source, 6 + line_shift, "List[Int]()")
    return [
        Diagnostic(
            "MJ001", "Local variable `café` is never used", *cafe,
            severity=Severity.WARNING,
            fix=Fix("Prefix it with an underscore", (Edit(cafe[0].offset, cafe[0].offset, "_"),)),
        ),
        Diagnostic(
            "MJ002", "Call to non-ASCII name `naïve_α`", *alpha,
            severity=Severity.ERROR,
            fix=Fix("Rename to `naive_alpha`",
                    (Edit(alpha[0].offset, alpha[1].offset, "naive_alpha"),),
                    applicability=Applicability.UNSAFE),
            notes=("the name was defined in another module",),
        ),
        Diagnostic("MJ003", "Local `unused` is never read", *unused, severity=Severity.WARNING),
        Diagnostic(
            "MJ004", "Prefer `[]` over `List[Int]()`", *list_call,
            severity=Severity.INFO,
            fix=Fix("Use `[]`", (Edit(list_call[0].offset, list_call[1].offset, "[]"),),
                    applicability=Applicability.DISPLAY_ONLY),
        ),
    ]


def model_report(root: Path, source: str = MODEL_SOURCE, line_shift: int = 0) -> Report:
    """One file with findings (src/model.mojo) and one clean file (src/clean.mojo)."""
    model = FileReport(
        display_path="src/model.mojo",
        path=root / "src" / "model.mojo",
        diagnostics=model_diagnostics(source, line_shift),
        source=source.encode(),
    )
    clean = FileReport(
        display_path="src/clean.mojo", path=root / "src" / "clean.mojo",
        source=b"fn main():\n    pass\n",
    )
    return Report(
        files=[model, clean], rules=dict(RULES), root=root, exit_code=1,
        unsafe_fixes_available=1,
    )


def clean_report(root: Path) -> Report:
    clean = FileReport(display_path="clean.mojo", path=root / "clean.mojo", source=b"\n")
    return Report(files=[clean], rules=dict(RULES), root=root)
