"""Suppression comments: ``# noqa``, ``# noqa: CODE, CODE`` and ``# mojolint: noqa[: CODES]``.

Directives are read from the tree's comment nodes, never from raw lines, so ``"# noqa"``
inside a string or docstring suppresses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mojolint.codes import UNUSED_NOQA
from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from mojolint.lineindex import LineIndex
from mojolint.redirects import redirect, redirects
from mojolint.rule import make_diagnostic

if TYPE_CHECKING:
    from tree_sitter import Node, Tree

_CODE = r"[A-Z]+[0-9]+"
# Each run of blanks has one way to match (no `[ \t]*,?[ \t]*`, which splits a run of n
# blanks n ways and made a long run after a code quadratic: 40,000 spaces took 22 s).
_CODES = rf"{_CODE}(?:[ \t]*+(?:,[ \t]*+)?{_CODE})*+"
# The keywords are case-insensitive; codes are not: a lowercase word after the colon is not
# a code, so such a directive is a blanket one, as it reads.
LINE_DIRECTIVE = re.compile(
    rf"#[ \t]*+(?i:noqa)(?:[ \t]*+:[ \t]*+(?P<codes>{_CODES}))?")
FILE_DIRECTIVE = re.compile(
    rf"#[ \t]*+(?i:mojolint)[ \t]*+:[ \t]*+(?i:noqa)(?:[ \t]*+:[ \t]*+(?P<codes>{_CODES}))?"
)
CODE_RE = re.compile(_CODE)
# Every directive spells this word; it is looked for in the ASCII-lowered bytes.
_NOQA_WORD = re.compile(rb"noqa")


@dataclass(eq=False)
class Directive:
    """One suppression comment and what it ended up suppressing."""

    line: int  # 1-based line the directive applies to
    codes: tuple[str, ...] | None  # None: blanket, suppresses every code
    file_level: bool
    start: int  # byte span of the directive text, from '#' to its last code
    end: int
    codes_start: int  # byte span of the code list (empty for blanket directives)
    codes_end: int
    comment_start: int
    comment_end: int
    matched: set[str] = field(default_factory=set)  # codes it suppressed in this run

    def covers(self, code: str) -> bool:
        """Whether the directive suppresses ``code``; a renamed rule's old code (``# noqa:
        TS008``) still suppresses the new one."""
        if self.codes is None or code in self.codes:
            return True
        return any(redirect(c, warn=False) == code for c in self.codes if c in redirects())


def noqa_comments(tree: Tree, source: bytes) -> list[Node]:
    """The comment nodes that spell "noqa" (in any case), in source order."""
    # Ask the tree about each place the bytes say "noqa" instead of visiting every node:
    # the word is rare, a walk of the tree is not. ASCII lowering keeps byte offsets.
    root = tree.root_node
    found: dict[int, Node] = {}
    for match in _NOQA_WORD.finditer(source.lower()):
        node = root.descendant_for_byte_range(match.start(), match.end())
        if node is not None and node.type == "comment":
            found.setdefault(node.start_byte, node)
    return [found[start] for start in sorted(found)]


def parse_directives(tree: Tree, source: bytes) -> list[Directive]:
    """All noqa directives of a file."""
    directives = []
    for node in noqa_comments(tree, source):
        text = source[node.start_byte : node.end_byte].decode("utf-8", "replace")
        directive = _directive_in(text, node)
        if directive is not None:
            directives.append(directive)
    return directives


def _directive_in(text: str, node: Node) -> Directive | None:
    file_match = FILE_DIRECTIVE.match(text)
    match = file_match or LINE_DIRECTIVE.search(text)
    if match is None:
        return None
    base = node.start_byte

    def byte_at(char_index: int) -> int:
        return base + len(text[:char_index].encode("utf-8"))

    codes_text = match.group("codes")
    codes = tuple(CODE_RE.findall(codes_text)) if codes_text else None
    codes_start, codes_end = match.span("codes") if codes_text else (match.end(), match.end())
    return Directive(
        line=node.start_point[0] + 1,
        codes=codes,
        file_level=file_match is not None,
        start=byte_at(match.start()),
        end=byte_at(match.end()),
        codes_start=byte_at(codes_start),
        codes_end=byte_at(codes_end),
        comment_start=node.start_byte,
        comment_end=node.end_byte,
    )


def apply_suppressions(
    diagnostics: Sequence[Diagnostic], directives: Sequence[Directive],
    unsuppressible: Collection[str],
) -> list[Diagnostic]:
    """Drop suppressed diagnostics, except those of the ``unsuppressible`` codes (rules whose
    ``suppressible`` is False); record on each directive which codes it suppressed."""
    file_level = [d for d in directives if d.file_level]
    by_line: dict[int, list[Directive]] = {}
    for directive in directives:
        if not directive.file_level:
            by_line.setdefault(directive.line, []).append(directive)
    kept = []
    for diagnostic in diagnostics:
        if diagnostic.code in unsuppressible:
            kept.append(diagnostic)
            continue
        candidates = file_level + by_line.get(diagnostic.start.line, [])
        suppressors = [d for d in candidates if d.covers(diagnostic.code)]
        for directive in suppressors:
            directive.matched.add(diagnostic.code)
        if not suppressors:
            kept.append(diagnostic)
    return kept


# --- MJ100: unused directives ------------------------------------------------------------


@dataclass(frozen=True)
class UnusedNoqaOptions:
    external: tuple[str, ...] = field(
        default=(),
        metadata={"doc": "Codes of other tools that may appear in `# noqa` comments without "
                  "being reported as unknown."},
    )


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
        if directive.codes is not None and UNUSED_NOQA in directive.codes:
            directive.matched.add(UNUSED_NOQA)  # the user silenced this rule here
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
    code = redirect(code, warn=False)  # a renamed rule's old code is judged as its new one
    if code in (redirect(k, warn=False) for k in kept):
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
        lines, UNUSED_NOQA, message, directive.start, directive.end,
        Severity.WARNING, fix,
    )


def _removal(directive: Directive, lines: LineIndex) -> Edit:
    """The edit deleting a directive, keeping whatever else its comment said."""
    source = lines.source
    line_start, line_end = lines.line_span(lines.line_of(directive.start) + 1)
    after = source[directive.end : directive.comment_end].strip()
    if after:
        # A directive followed by an explanation: keep the explanation as a comment.
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


# --- --add-noqa ---------------------------------------------------------------------------

def add_noqa(
    source: bytes, tree: Tree, diagnostics: Iterable[Diagnostic], not_addable: Collection[str],
    reason: str | None = None,
) -> tuple[bytes, int]:
    """Source with a ``# noqa`` for every diagnostic but those of the ``not_addable`` codes
    (rules whose ``noqa_addable`` is False), and how many lines were changed.

    ``reason`` (``--add-noqa=REASON``, as ruff) follows the codes of each new comment; an
    existing comment only gains codes and keeps its own text."""
    lines = LineIndex(source)
    wanted: dict[int, list[str]] = {}
    for diagnostic in diagnostics:
        if diagnostic.code in not_addable:
            continue
        codes = wanted.setdefault(diagnostic.start.line, [])
        if diagnostic.code not in codes:
            codes.append(diagnostic.code)
    existing = {d.line: d for d in parse_directives(tree, source) if not d.file_level}
    edits: list[tuple[int, int, str]] = []
    for line, codes in wanted.items():
        edit = _noqa_edit(lines, tree, line, sorted(codes), existing.get(line), reason)
        if edit is not None:
            edits.append(edit)
    return _apply(source, edits), len(edits)


def _noqa_edit(
    lines: LineIndex, tree: Tree, line: int, codes: list[str], existing: Directive | None,
    reason: str | None,
) -> tuple[int, int, str] | None:
    if existing is not None:
        if existing.codes is None:
            return None  # a blanket noqa already covers the line
        merged = list(existing.codes) + [c for c in codes if c not in existing.codes]
        return existing.codes_start, existing.codes_end, ", ".join(merged)
    start, end = lines.line_span(line)
    if _inside_multiline_token(tree, end):
        return None  # a comment here would land inside a string
    text = lines.source[start:end]
    stripped_end = start + len(text.rstrip())
    comment = "  # noqa: " + ", ".join(codes)
    return stripped_end, end, f"{comment} {reason}" if reason else comment


def _inside_multiline_token(tree: Tree, offset: int) -> bool:
    node: Node | None = tree.root_node.descendant_for_byte_range(offset, offset)
    while node is not None:
        if node.type in ("string", "comment") and node.start_byte < offset < node.end_byte:
            return True
        node = node.parent
    return False


def _apply(source: bytes, edits: list[tuple[int, int, str]]) -> bytes:
    result = source
    for start, end, content in sorted(edits, reverse=True):
        result = result[:start] + content.encode("utf-8") + result[end:]
    return result
