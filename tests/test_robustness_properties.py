"""Property tests: damaged versions of every fixture never crash the linter or its fixes.

The inputs are the fixture files of every rule folder (``fixtures/*/``), so a new rule's
fixtures are covered as soon as they exist, mutated the way real files get broken: lines
deleted or duplicated, tokens swapped, indentation broken, random bytes written, the file
cut short. Every registered rule runs (``--select ALL``) at a randomly drawn target version.

For each mutated file:
- linting raises nothing and reports no MJ003 (a rule, the parser or the fixer crashing);
- ``--fix --unsafe-fixes`` applied twice gives the same bytes as once;
- fixing never adds parse errors (ERROR or MISSING nodes).
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO_ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mojolint.codes import INTERNAL_ERROR
from mojolint.config import ConfigResolver
from mojolint.dev.snapshots import fixture_files
from mojolint.engine import fix_job, lint_source
from mojolint.fixes import FixPolicy, count_syntax_errors
from mojolint.registry import get_registry
from mojolint.settings import Overrides, Settings
from mojolint.versions import TARGET_VERSIONS

FIXTURES = sorted(fixture_files(REPO_ROOT / "fixtures"))
SOURCES = {path: path.read_bytes() for path in FIXTURES}
TOKEN = re.compile(rb"[A-Za-z_0-9.]+|[^\sA-Za-z_0-9.]")
UNSAFE = FixPolicy(unsafe=True)


def all_rules(path: Path, target: str) -> Settings:
    """Settings that enable every registered rule for ``target``, as ``--select ALL``."""
    resolver = ConfigResolver(get_registry(), isolated=True,
                              overrides=Overrides(select=("ALL",), target_version=target))
    return resolver.settings_for_file(path)


def lines_of(source: bytes) -> list[bytes]:
    return source.splitlines(keepends=True) or [b""]


@st.composite
def delete_lines(draw: st.DrawFn, source: bytes) -> bytes:
    lines = lines_of(source)
    start = draw(st.integers(0, len(lines) - 1))
    count = draw(st.integers(1, 3))
    return b"".join(lines[:start] + lines[start + count:])


@st.composite
def duplicate_line(draw: st.DrawFn, source: bytes) -> bytes:
    lines = lines_of(source)
    index = draw(st.integers(0, len(lines) - 1))
    return b"".join(lines[:index + 1] + lines[index:])


@st.composite
def swap_tokens(draw: st.DrawFn, source: bytes) -> bytes:
    tokens = list(TOKEN.finditer(source))
    if len(tokens) < 2:
        return source
    first, second = sorted(draw(st.lists(st.integers(0, len(tokens) - 1), min_size=2,
                                         max_size=2, unique=True)))
    a, b = tokens[first], tokens[second]
    return (source[:a.start()] + b.group() + source[a.end():b.start()] + a.group()
            + source[b.end():])


@st.composite
def break_indentation(draw: st.DrawFn, source: bytes) -> bytes:
    lines = lines_of(source)
    index = draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    body = line.lstrip(b" \t")
    indent = line[: len(line) - len(body)]
    damaged = draw(st.sampled_from([
        b"", indent + b" ", indent[:-1], indent.replace(b"    ", b"\t"), b"\t" + indent,
        indent + b"        ",
    ]))
    lines[index] = damaged + body
    return b"".join(lines)


@st.composite
def random_bytes(draw: st.DrawFn, source: bytes) -> bytes:
    position = draw(st.integers(0, len(source)))
    removed = draw(st.integers(0, 4))
    inserted = draw(st.binary(min_size=1, max_size=6)
                    | st.sampled_from([b"(", b")", b":", b"\n", b"\r\n", b"\r", b"\"",
                                       b"'''", b"#", b"# noqa", b"\\", b"\xef\xbb\xbf",
                                       "\u00e9\U0001f525".encode()]))
    return source[:position] + inserted + source[position + removed:]


@st.composite
def truncate(draw: st.DrawFn, source: bytes) -> bytes:
    return source[: draw(st.integers(0, len(source)))]


MUTATIONS = (delete_lines, duplicate_line, swap_tokens, break_indentation, random_bytes,
             truncate)


@st.composite
def mutated_fixtures(draw: st.DrawFn) -> tuple[Path, bytes]:
    path = draw(st.sampled_from(FIXTURES))
    source = SOURCES[path]
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        source = draw(mutation(source))
    return path, source


def assert_robust(path: Path, source: bytes, target: str) -> None:
    """Lint, fix and fix again; nothing crashes, fixing settles and breaks no syntax."""
    rules = all_rules(path, target)
    shown = f"{path.parent.name}/{path.name}"
    diagnostics = lint_source(source, path, rules, display_path=shown)
    crashes = [d.message for d in diagnostics if d.code == INTERNAL_ERROR]
    assert not crashes, crashes
    once = fix_job(source, diagnostics, path, rules, shown, UNSAFE)
    crashes = [d.message for d in once.remaining if d.code == INTERNAL_ERROR]
    assert not crashes, crashes
    if once.fixed == source:
        return
    again = lint_source(once.fixed, path, rules, display_path=shown)
    twice = fix_job(once.fixed, again, path, rules, shown, UNSAFE)
    assert twice.fixed == once.fixed, "a second --fix changed the file again"
    assert count_syntax_errors(once.fixed) <= count_syntax_errors(source)


def test_every_fixture_folder_is_an_input() -> None:
    folders = {path.parent.name for path in FIXTURES}
    assert folders == {p.name for p in (REPO_ROOT / "fixtures").iterdir()
                       if p.is_dir() and any(p.glob("*.mojo"))}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=mutated_fixtures(), target=st.sampled_from(TARGET_VERSIONS))
def test_mutated_fixtures_never_crash_and_fix_idempotently(case: tuple[Path, bytes],
                                                          target: str) -> None:
    path, source = case
    assert_robust(path, source, target)


@settings(max_examples=20, deadline=None)
@given(source=st.binary(max_size=300), target=st.sampled_from(TARGET_VERSIONS))
def test_arbitrary_bytes_never_crash(source: bytes, target: str) -> None:
    assert_robust(FIXTURES[0], source, target)
