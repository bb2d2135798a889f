"""The result of a run, as every output format sees it.

The engine fills a :class:`Report`; the output formats in :mod:`mojolint.output` only read
it. Keeping this seam small lets a format be added without touching the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mojolint.diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class RuleDoc:
    """What an output format may say about a rule (SARIF ``rules[]``, hover, `rule CODE`)."""

    code: str
    name: str
    summary: str
    # The rule's whole page in Markdown: what it does, why, example, fix, options.
    documentation: str
    severity: Severity
    fixable: bool
    tags: tuple[str, ...] = ()
    fix_availability: str = ""  # "none", "sometimes" or "always" ("" when not known)
    # Release status: the Mojo release whose change the rule applies, and the releases that
    # deprecated and removed the old form (None when not applicable).
    since_version: str | None = None
    deprecated_in: str | None = None
    removed_in: str | None = None


FIX_SENTENCES = {
    "none": "No fix is available.",
    "sometimes": "A fix is sometimes available.",
    "always": "A fix is always available.",
}


def rule_page(doc: RuleDoc) -> str:
    """A rule's page as Markdown: what ``mojolint rule CODE`` prints and the editor's hover
    shows (one renderer for both)."""
    fix = FIX_SENTENCES.get(doc.fix_availability) or (
        "A fix is available." if doc.fixable else "No fix is available.")
    status = [f"{label} Mojo {version}" for label, version in (
        ("Applies from", doc.since_version), ("Deprecated in", doc.deprecated_in),
        ("Removed in", doc.removed_in)) if version is not None]
    release = f"\n\n{'; '.join(status)}." if status else ""
    return (f"# {doc.name} ({doc.code})\n\n{doc.summary}\n\n"
            f"Severity: {doc.severity.value}. {fix}{release}\n\n{doc.documentation}")


class LazyRuleDocs(Mapping[str, RuleDoc]):
    """Rule pages made on first read: making them imports the rules' modules, which a run
    whose output shows no page (the ``full`` format) need not pay for."""

    def __init__(self, load: Callable[[], dict[str, RuleDoc]],
                 names: Mapping[str, str] | None = None) -> None:
        self._load: Callable[[], dict[str, RuleDoc]] | None = load
        self._docs: dict[str, RuleDoc] = {}
        # Each page's rule name, known without making the pages (None: not known).
        self._names = names

    def name(self, code: str) -> str | None:
        """The name on ``code``'s page, or None when there is no page for it; without
        making the pages when their names were given."""
        if self._load is not None and self._names is not None:
            return self._names.get(code)
        doc = self._loaded().get(code)
        return doc.name if doc is not None else None

    def _loaded(self) -> dict[str, RuleDoc]:
        if self._load is not None:
            self._docs, self._load = self._load(), None
        return self._docs

    def __getitem__(self, code: str) -> RuleDoc:
        return self._loaded()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())

    def __repr__(self) -> str:
        return f"LazyRuleDocs({self._loaded()!r})"


@dataclass
class FileReport:
    """Diagnostics for one file."""

    # As shown to the user: relative to the working directory when possible.
    display_path: str
    # Absolute path on disk; None for standard input.
    path: Path | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # The file's bytes when they were read (for source excerpts); None when unreadable.
    source: bytes | None = None
    # How many fixes were applied to this file in this run.
    fixes_applied: int = 0
    # Whether `--fix` with this run's settings (--unsafe-fixes, fixable, unfixable,
    # extend-*-fixes) would apply a diagnostic's fix: the `[*]` marker. None: safe fixes only.
    applies_fix: Callable[[Diagnostic], bool] | None = None


@dataclass
class Report:
    """Everything one run found."""

    files: list[FileReport]
    rules: Mapping[str, RuleDoc]
    # Project root: SARIF URIs are relative to it (``%SRCROOT%``).
    root: Path
    exit_code: int = 0
    # Messages about the run itself (not tied to a rule), e.g. a rule that crashed.
    notifications: list[str] = field(default_factory=list)
    # Fixes that --unsafe-fixes would add (shown in the summary).
    unsafe_fixes_available: int = 0

    def diagnostics(self) -> list[tuple[FileReport, Diagnostic]]:
        return [(f, d) for f in self.files for d in f.diagnostics]
