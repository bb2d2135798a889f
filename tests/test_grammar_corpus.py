"""The grammar's tree-sitter corpus (grammar/test/corpus/*.txt), run through py-tree-sitter.

``tree-sitter test`` needs the CLI and a C toolchain; this module checks the same cases
against the parser the package actually ships (``mojolint._mojo_parser``), so a grammar
change that breaks an expected tree fails the ordinary test suite too.

The corpus format is read the way the tree-sitter CLI (0.26) reads it: a header of ``===``
lines around the case name and optional attribute lines (``:skip``, ``:error``, ...), the
source, the longest ``---`` line, then the expected S-expression. The source is everything
between the header and the divider minus one final line break, so a case can end without
a newline or use CRLF. Expected trees lose ``;`` comment lines and have their white space
collapsed; field names are compared when the expectation shows any, as the CLI does.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mojolint.parser import parse

CORPUS_DIR = Path(__file__).resolve().parent.parent / "grammar" / "test" / "corpus"

# The CLI's header: a line of `=`, the name and attribute lines, another line of `=`.
# An optional suffix after the `=` lets a file use headers its language cannot contain.
_HEADER = re.compile(
    r"^(?P<equals>={3,})(?P<suffix1>[^=\r\n][^\r\n]*)?\r?\n"
    r"(?P<body>(?:(?:[^=\r\n]|\s+:)[^\r\n]*\r?\n)+)"
    r"={3,}(?P<suffix2>[^=\r\n][^\r\n]*)?\r?\n",
    re.MULTILINE,
)
_DIVIDER = re.compile(r"^(?P<hyphens>-{3,})(?P<suffix>[^-\r\n][^\r\n]*)?\r?\n", re.MULTILINE)
_SEXP_COMMENT = re.compile(r"^\s*;.*$", re.MULTILINE)
_WHITESPACE = re.compile(r"\s+")
_FIELD = re.compile(r" \w+: \(")

_ATTRIBUTES = (":skip", ":error", ":fail-fast", ":platform", ":language", ":cst")

# Python's names for the platforms `:platform(...)` uses Rust's names for.
_PLATFORMS = {"linux": "linux", "darwin": "macos", "win32": "windows", "freebsd": "freebsd"}


@dataclass(frozen=True)
class CorpusCase:
    """One corpus test: where it is, its attributes, its source and its expected tree."""

    file: str
    name: str
    source: bytes
    expected: str
    has_fields: bool
    skip: bool = False
    error: bool = False
    cst: bool = False
    platforms: tuple[str, ...] = field(default=())

    @property
    def case_id(self) -> str:
        return f"{self.file}::{self.name}"


def _normalise_expected(text: str) -> str:
    text = _SEXP_COMMENT.sub("", text)
    return _WHITESPACE.sub(" ", text.strip()).replace(" )", ")")


def normalise_sexp(text: str) -> str:
    """Collapse white space the way the CLI does, keeping field names."""
    return _normalise_expected(text)


def strip_fields(sexp: str) -> str:
    """Drop ``name:`` field labels, for expectations written without them."""
    return _FIELD.sub(" (", sexp)


def _read_header(file: str, body: str) -> tuple[str, dict[str, object]]:
    """Split a header's text into the case name and its attributes."""
    name = ""
    attributes: dict[str, object] = {"skip": False, "error": False, "cst": False}
    platforms: list[str] = []
    seen_marker = False
    for line in body.splitlines(keepends=True):
        trimmed = line.strip()
        head = trimmed.split("(", 1)[0]
        if head in (":skip", ":error", ":cst", ":fail-fast"):
            seen_marker = True
            if head != ":fail-fast":
                attributes[head[1:]] = True
        elif head in (":platform", ":language") and trimmed.endswith(")"):
            seen_marker = True
            if head == ":platform":
                platforms.append(trimmed[len(":platform(") : -1].strip())
        elif not seen_marker:
            name += line
    attributes["platforms"] = tuple(platforms)
    if attributes["skip"]:
        attributes["error"] = False
    name = name.rstrip()
    if not name:
        raise ValueError(f"{file}: a corpus header has no case name")
    return name, attributes


def count_headers(text: str) -> int:
    """How many headers with the file's own suffix the text holds."""
    first = _HEADER.search(text)
    suffix = first.group("suffix1") if first else None
    return sum(
        1
        for match in _HEADER.finditer(text)
        if match.group("suffix1") == suffix and match.group("suffix2") == suffix
    )


def parse_corpus_text(file: str, text: str) -> list[CorpusCase]:
    """Read the cases of one corpus file's text, as ``tree-sitter test`` does."""
    first = _HEADER.search(text)
    suffix = first.group("suffix1") if first else None
    headers = [
        match
        for match in _HEADER.finditer(text)
        if match.group("suffix1") == suffix and match.group("suffix2") == suffix
    ]
    cases: list[CorpusCase] = []
    for index, header in enumerate(headers):
        start = header.end()
        stop = headers[index + 1].start() if index + 1 < len(headers) else len(text)
        dividers = [
            match
            for match in _DIVIDER.finditer(text, start, stop)
            if match.group("suffix") == suffix
        ]
        if not dividers:
            continue
        # The longest divider wins; among equals, the last one (Rust's `max_by_key`).
        divider = max(enumerate(dividers), key=lambda item: (len(item[1].group(0)), item[0]))[1]
        source = text[start : divider.start()]
        # Remove the line break that precedes the divider: one character, then a `\r`.
        source = source[:-1]
        if source.endswith("\r"):
            source = source[:-1]
        name, attributes = _read_header(file, header.group("body"))
        raw_expected = text[divider.end() : stop]
        cst = bool(attributes["cst"])
        expected = raw_expected.strip() if cst else _normalise_expected(raw_expected)
        platforms = attributes["platforms"]
        assert isinstance(platforms, tuple)
        cases.append(
            CorpusCase(
                file=file,
                name=name,
                source=source.encode("utf-8"),
                expected=expected,
                has_fields=not cst and bool(_FIELD.search(expected)),
                skip=bool(attributes["skip"]),
                error=bool(attributes["error"]),
                cst=cst,
                platforms=tuple(str(p) for p in platforms),
            )
        )
    return cases


def corpus_files() -> list[Path]:
    return sorted(path for path in CORPUS_DIR.glob("*.txt") if not path.name.startswith("."))


def load_corpus() -> list[CorpusCase]:
    cases: list[CorpusCase] = []
    for path in corpus_files():
        # Bytes, decoded without newline translation: CRLF cases must stay CRLF.
        cases.extend(parse_corpus_text(path.name, path.read_bytes().decode("utf-8")))
    return cases


CASES = load_corpus()


def _skip_reason(case: CorpusCase) -> str | None:
    if case.skip:
        return "marked :skip in the corpus (the grammar's tree is known to be wrong)"
    if case.cst:
        return ":cst expectations are only checked by the tree-sitter CLI"
    if case.platforms and _PLATFORMS.get(sys.platform, sys.platform) not in case.platforms:
        return f"only for platforms {', '.join(case.platforms)}"
    return None


@pytest.mark.parametrize("case", CASES, ids=[case.case_id for case in CASES])
def test_corpus_case(case: CorpusCase) -> None:
    reason = _skip_reason(case)
    if reason is not None:
        pytest.skip(reason)
    root = parse(case.source).root_node
    if case.error:
        assert root.has_error, f"{case.case_id}: expected a syntax error, got {root}"
        return
    actual = normalise_sexp(str(root))
    if not case.has_fields:
        actual = strip_fields(actual)
    assert actual == case.expected
    expectation_has_errors = "ERROR" in case.expected or "MISSING" in case.expected
    if not expectation_has_errors:
        assert not root.has_error, f"{case.case_id}: unexpected ERROR or MISSING node"


def test_corpus_is_not_empty_and_every_file_has_cases() -> None:
    files = corpus_files()
    assert files, f"no corpus files in {CORPUS_DIR}"
    for path in files:
        text = path.read_bytes().decode("utf-8")
        cases = parse_corpus_text(path.name, text)
        assert cases, f"{path.name} holds no test case"
        # A header whose divider is missing would be dropped silently by the CLI too.
        assert len(cases) == count_headers(text), f"{path.name}: a case has no `---` divider"


def test_case_names_are_unique() -> None:
    seen: dict[str, str] = {}
    duplicates = []
    for case in CASES:
        if case.name in seen:
            duplicates.append(f"{case.name!r} in {seen[case.name]} and {case.file}")
        seen.setdefault(case.name, case.file)
    assert not duplicates, "duplicate case names: " + "; ".join(duplicates)


def test_non_skipped_cases_have_no_unexpected_errors() -> None:
    unexpected = []
    for case in CASES:
        if _skip_reason(case) is not None or case.error:
            continue
        if "ERROR" in case.expected or "MISSING" in case.expected:
            continue
        if parse(case.source).root_node.has_error:
            unexpected.append(case.case_id)
    assert not unexpected, "cases with unexpected ERROR/MISSING nodes: " + ", ".join(unexpected)


def test_reader_matches_the_cli_format() -> None:
    text = (
        "=====\nfirst case\n=====\n\nx = 1\n\n---\n\n(module (expression_statement"
        " (assignment left: (identifier) right: (integer))))\n\n"
        "=====\nsecond case\n:skip\n=====\n\nvar y\n---\n\n; a comment\n(module)\n"
    )
    first, second = parse_corpus_text("t.txt", text)
    assert first.name == "first case"
    assert first.source == b"\nx = 1\n"
    assert first.has_fields and not first.skip
    assert first.expected.endswith("(integer))))")
    assert second.name == "second case"
    assert second.skip
    assert second.source == b"\nvar y"
    assert second.expected == "(module)"
    assert not second.has_fields
