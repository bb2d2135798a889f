"""The language server's per-edit lint (mojolint.incremental): after any edit, what it
publishes must be exactly what a full lint of the new text gives, whether it re-linted the
edited definitions only or (when anything is out of the ordinary) the whole file."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mojolint import incremental
from mojolint import parser as mojo_parser
from mojolint.config import ConfigResolver
from mojolint.diagnostics import Diagnostic
from mojolint.engine import lint_source
from mojolint.registry import Registry, get_registry
from mojolint.rule import Context, Rule
from mojolint.server import reparse
from mojolint.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# Files where the default rules (the definition-local ones and the others) find things, some
# of them through other definitions of the file (callees' dtypes, structs' fields) or other
# files of their project.
FILES = [
    FIXTURES / "ts002" / "raw_access.mojo",
    FIXTURES / "ts001" / "accessors.mojo",
    FIXTURES / "ts004" / "closures.mojo",
    FIXTURES / "ts004" / "pointers.mojo",
    FIXTURES / "me002" / "use_after_free.mojo",
    FIXTURES / "me003" / "lookalikes.mojo",
    FIXTURES / "im001" / "hits.mojo",
    FIXTURES / "nu001" / "out_of_range.mojo",
    FIXTURES / "te001" / "expected_errors.mojo",
]
# What a person types at the end of a word: mostly letters and digits; sometimes what
# breaks the syntax, a new line, or takes a character away.
PIECES = ["q", "q", "q", "1", "_x", "", "", "(", ":", "\n", "    ", "é"]


def _settings(path: Path) -> Settings:
    return ConfigResolver(get_registry()).settings_for_file(path)


def _full(source: bytes, path: Path, config: Settings) -> list[Diagnostic]:
    return lint_source(source, path, config, display_path=path.name)


def test_the_files_have_diagnostics_of_both_kinds_of_rule() -> None:
    """Rules re-run per definition and rules run on the whole file both find things (the
    look-alikes file finds nothing until an edit makes its leaks real, as in `varq`)."""
    found = {d.code for path in FILES for d in _full(path.read_bytes(), path, _settings(path))}
    local = {rule.code for rule in get_registry().all_rules() if rule.definition_local}
    assert len(found & local) >= 6 and found - local >= {"IM001"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# `var counts` -> `varq counts` breaks one function; the next edit, in another function,
# must not bring back what the broken one reported before (error recovery is not local).
@example(which=FIXTURES / "ts001" / "accessors.mojo", changes=[(0.5, 0, "q"), (0.84375, 0, "q")])
@given(which=st.sampled_from(FILES),
       changes=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 1),
                                  st.sampled_from(PIECES)), min_size=1, max_size=6))
def test_each_edit_publishes_what_a_full_lint_gives(
        which: Path, changes: list[tuple[float, int, str]]) -> None:
    # Slices of any size (in use, most of a file means a whole lint: as quick, but this
    # would then compare the whole-file path with itself).
    incremental.MAX_SLICE_SHARE, kept_share = 1.0, incremental.MAX_SLICE_SHARE
    try:
        _edit_and_compare(which, changes)
    finally:
        incremental.MAX_SLICE_SHARE = kept_share


def _edit_and_compare(which: Path, changes: list[tuple[float, int, str]]) -> None:
    config = _settings(which)
    registry = get_registry()
    text = which.read_text(encoding="utf-8")
    source = text.encode()
    tree = mojo_parser.parse(source)
    state = incremental.lint(source, tree, which, config, registry, which.name)
    assert state.diagnostics == _full(source, which, config)
    ends = [m.end() for m in re.finditer(r"[A-Za-z_]\w*", text)]
    for where, taken, piece in changes:
        at = ends[int(where * (len(ends) - 1))]
        at = min(at, len(text))
        text = text[:at] + piece + text[at + (taken if not piece else 0):]
        new = text.encode()
        tree = reparse(tree, source, new)
        state = incremental.lint(new, tree, which, config, registry, which.name, state)
        assert state.diagnostics == _full(new, which, config)
        source = new


def test_an_edit_inside_a_function_relints_only_what_it_reaches() -> None:
    """The property above compares the incremental path, not only the whole-file one: an
    edit inside one function of a file re-lints a few of its statements."""
    path = FIXTURES / "ts002" / "raw_access.mojo"
    config = _settings(path)
    source = path.read_bytes()
    tree = mojo_parser.parse(source)
    state = incremental.lint(source, tree, path, config, get_registry(), path.name)
    at = source.index(b" = ", source.index(b"\nfn ", len(source) // 2)) - 1  # `t` -> `tx`
    new = source[:at] + b"x" + source[at:]
    tree = reparse(tree, source, new)
    after = incremental.lint(new, tree, path, config, get_registry(), path.name, state)
    assert after.relinted is not None
    recomputed, _, units = after.relinted
    assert 0 < recomputed < units
    assert after.diagnostics == _full(new, path, config)


@pytest.mark.parametrize("edit", [
    (b"from ", b"from  "),  # an import: what every definition may read
    (b"\n\n\n", b"\n\n\nvar added = 1\n"),  # a new top-level statement
])
def test_edits_out_of_the_ordinary_relint_the_whole_file(edit: tuple[bytes, bytes]) -> None:
    path = FIXTURES / "im001" / "hits.mojo"
    config = _settings(path)
    source = path.read_bytes()
    tree = mojo_parser.parse(source)
    state = incremental.lint(source, tree, path, config, get_registry(), path.name)
    new = source.replace(*edit, 1)
    assert new != source
    tree = reparse(tree, source, new)
    after = incremental.lint(new, tree, path, config, get_registry(), path.name, state)
    assert after.relinted is None
    assert after.diagnostics == _full(new, path, config)


class CallsLegacy(Rule):
    """## What it does
    Test rule: a call of a function of the file whose body says `legacy`.
    ## Why is this bad?
    Test.
    ## Example
    Test.
    """

    code = "ZZ101"
    name = "calls-legacy"
    summary = "Calls a legacy function"
    definition_local = True  # what it reports in a caller depends on the callee it names
    queries = ("(call function: (identifier) @callee) @call",
               "(function_definition name: (identifier) @name) @definition")

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        legacy = {ctx.text(node.child_by_field_name("name"))  # type: ignore[arg-type]
                  for node in ctx.captures(self.queries[1]).get("definition", [])
                  if "legacy" in ctx.text(node)}
        for callee in ctx.captures(self.queries[0]).get("callee", []):
            if ctx.text(callee) in legacy:
                yield ctx.report(callee, f"`{ctx.text(callee)}` is legacy")


CALLS = b'''\
fn helper() -> Int:
    return 1


fn unrelated() -> Int:
    return 2


fn caller() -> Int:
    return helper() + unrelated()


fn other_caller() -> Int:
    return helper()
''' + b"".join(b"\n\nfn filler%d() -> Int:\n    return %d\n" % (n, n) for n in range(10))


def test_a_definition_that_names_the_edited_one_is_relinted(tmp_path: Path) -> None:
    """`caller` reports nothing until `helper`, which it calls, says `legacy`: the edit
    inside `helper` must re-lint its callers (and may leave `unrelated` alone)."""
    registry = Registry()
    registry.add(CallsLegacy, "test")
    path = tmp_path / "calls.mojo"
    config = Settings(root=tmp_path)
    tree = mojo_parser.parse(CALLS)
    state = incremental.lint(CALLS, tree, path, config, registry, "calls.mojo")
    assert state.diagnostics == []
    new = CALLS.replace(b"return 1", b"return 1  # legacy", 1)
    tree = reparse(tree, CALLS, new)
    after = incremental.lint(new, tree, path, config, registry, "calls.mojo", state)
    assert after.relinted is not None and after.relinted[0] == 3  # helper and its callers
    assert [d.message for d in after.diagnostics] == ["`helper` is legacy"] * 2
    assert after.diagnostics == lint_source(new, path, config, registry=registry,
                                            display_path="calls.mojo")
    # Renamed away, the callers no longer call a legacy function.
    renamed = new.replace(b"fn helper", b"fn helperq", 1)
    tree = reparse(tree, new, renamed)
    last = incremental.lint(renamed, tree, path, config, registry, "calls.mojo", after)
    assert last.relinted is not None and last.diagnostics == []


def test_diagnostics_after_the_edit_move_with_it() -> None:
    """The diagnostics of a definition below the edit, kept from the version before, are
    where they now are (and their fixes' edits too)."""
    path = FIXTURES / "nu001" / "out_of_range.mojo"
    config = _settings(path)
    source = path.read_bytes()
    tree = mojo_parser.parse(source)
    state = incremental.lint(source, tree, path, config, get_registry(), path.name)
    first = source.index(b"return level") + len(b"return level")  # in the first function
    new = source[:first] + b"abc" + source[first:]
    tree = reparse(tree, source, new)
    after = incremental.lint(new, tree, path, config, get_registry(), path.name, state)
    assert after.relinted is not None
    assert after.diagnostics == _full(new, path, config)
    below = [(d.code, d.message, d.start.offset + 3, d.end.offset + 3)
             for d in state.diagnostics if d.start.offset > first]
    assert below
    assert below == [(d.code, d.message, d.start.offset, d.end.offset)
                     for d in after.diagnostics if d.start.offset > first + 3]


USES_IMPORT = b'''\
from std.math import sqrt, floor


fn root(x: Float64) -> Float64:
    return sqrt(x)


fn untouched(x: Int) -> Int:
    var total = x
    return total
''' + b"".join(b"\n\nfn filler%d() -> Int:\n    return %d\n" % (n, n) for n in range(10))


def test_whole_file_rules_rerun_when_an_edit_touches_an_imported_name(tmp_path: Path) -> None:
    """IM001 sees the whole file, but only an edit to a name the file imports can change
    what it finds: renaming `total` keeps the unused `floor` (moved), renaming the only
    read of `sqrt` makes `sqrt` unused too."""
    path = tmp_path / "uses.mojo"
    config = Settings(root=tmp_path)
    registry = get_registry()
    tree = mojo_parser.parse(USES_IMPORT)
    state = incremental.lint(USES_IMPORT, tree, path, config, registry, "uses.mojo")
    assert [d.message for d in state.diagnostics] == ["`std.math.floor` imported but unused"]
    versions = [USES_IMPORT.replace(b"total", b"totalq"),  # in `untouched` only
                USES_IMPORT.replace(b"total", b"totalq").replace(b"sqrt(x)", b"sqrtq(x)")]
    source = USES_IMPORT
    for new in versions:
        tree = reparse(tree, source, new)
        state = incremental.lint(new, tree, path, config, registry, "uses.mojo", state)
        assert state.relinted is not None
        assert state.diagnostics == lint_source(new, path, config, registry=registry,
                                                display_path="uses.mojo")
        source = new
    assert sorted(d.message for d in state.diagnostics if d.code == "IM001") == [
        "`std.math.floor` imported but unused", "`std.math.sqrt` imported but unused"]


def test_a_new_line_moves_the_diagnostics_below_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line added inside a function moves every diagnostic below it a line down; those
    whose words hold a number (a line they name may have moved) are made again (here the
    other function: a slice of most of this small file, allowed for the test)."""
    monkeypatch.setattr(incremental, "MAX_SLICE_SHARE", 1.0)
    path = FIXTURES / "nu001" / "out_of_range.mojo"
    config = _settings(path)
    source = path.read_bytes()
    tree = mojo_parser.parse(source)
    state = incremental.lint(source, tree, path, config, get_registry(), path.name)
    at = source.index(b"    return level")  # a line before it, inside the function
    new = source[:at] + b"    pass\n" + source[at:]
    tree = reparse(tree, source, new)
    after = incremental.lint(new, tree, path, config, get_registry(), path.name, state)
    assert after.relinted is not None
    assert after.diagnostics == _full(new, path, config)
    below = [(d.code, d.start.line + 1) for d in state.diagnostics if d.start.offset > at]
    assert below and below == [(d.code, d.start.line) for d in after.diagnostics
                               if d.start.offset > at + 9]


def test_a_package_init_that_starts_re_exporting_an_import_is_seen_at_the_next_edit(
        tmp_path: Path) -> None:
    """IM001 leaves alone what the package's __init__.mojo re-exports; the editor's next
    edit of the module sees that file's change (it is one of the files the lint read)."""
    (tmp_path / "pkg").mkdir()
    init = tmp_path / "pkg" / "__init__.mojo"
    init.write_text("")
    (tmp_path / "pkg" / "dense.mojo").write_text("struct Dense:\n    pass\n")
    path = tmp_path / "pkg" / "layers.mojo"
    source = b"from .dense import Dense\n\n\nfn f():\n    var x = 1\n"
    path.write_bytes(source)
    config = _settings(path)
    tree = mojo_parser.parse(source)
    state = incremental.lint(source, tree, path, config, get_registry(), path.name)
    assert [d.code for d in state.diagnostics] == ["IM001"]
    init.write_text("from .layers import Dense\n")
    new = source.replace(b"var x", b"var xy")
    tree = reparse(tree, source, new)
    after = incremental.lint(new, tree, path, config, get_registry(), path.name, state)
    assert [d.code for d in after.diagnostics] == []
    assert after.diagnostics == _full(new, path, config)
