"""What the upgrade rules (UP001-UP036) share: the releases they answer, off by default,
their pages quoting the compiler, and all their fixes together.

What each rule flags, what it leaves alone and what its fixes write are in its fixtures'
snapshots (fixtures/upNNN/*.snap); the tests named by subject (test_upgrade_signatures.py,
test_upgrade_declarations.py, test_upgrade_imports.py, test_upgrade_pointers.py) cover
what a snapshot cannot show: other target releases and special cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO_ROOT, fix_snippet, lint_snippet

from mojolint.config import ConfigResolver
from mojolint.registry import get_registry
from mojolint.report import rule_page
from mojolint.versions import TARGET_VERSIONS

FIXTURES = REPO_ROOT / "fixtures"
# (code, since, deprecated in, removed in), from the release notes in mojo-syntax.md and
# checked against the real compilers (tests/compiler/test_upgrade_*.py).
RELEASES = [
    ("UP001", "24.6", "24.6", None),
    ("UP002", "24.6", "24.6", None),
    ("UP003", "25.5", "25.5", "26.2"),
    ("UP004", "24.6", None, "24.6"),
    ("UP005", "25.7", "26.1", "1.1"),
    ("UP006", "25.5", "25.5", "25.6"),
    ("UP007", "24.6", "24.6", None),
    ("UP008", "26.2", "26.2", "1.0"),
    ("UP009", "26.2", "26.2", "1.1"),
    ("UP010", "26.2", "26.2", "1.0"),
    ("UP011", "26.2", "26.2", "1.0"),
    ("UP012", "1.0", "1.0", None),
    ("UP013", "1.0", "1.0", "1.1"),
    ("UP014", "26.2", None, "26.2"),
    ("UP015", "26.2", "26.2", "1.0"),
    ("UP016", "1.1", "1.1", None),
    ("UP017", "25.7", None, "25.7"),
    ("UP018", "1.0", "1.0", "1.1"),
    ("UP019", "1.0", "1.0", None),
    ("UP020", "1.0", "1.0", None),
    ("UP021", "1.0", "1.0", None),
    ("UP022", "1.0", "1.0", None),
    ("UP023", "1.0", None, "1.0"),
    ("UP024", "26.1", None, "26.2"),
    ("UP025", "25.6", None, None),
    ("UP026", "26.2", None, "26.2"),
    ("UP027", "25.6", None, "25.6"),
    ("UP028", "1.0", None, "1.1"),
    ("UP029", "26.2", "26.2", "1.0"),
    ("UP030", "1.0", None, "1.0"),
    ("UP031", "26.2", None, "26.2"),
    ("UP032", "1.0", None, "1.0"),
    ("UP033", "25.7", None, "25.7"),
    ("UP034", "26.2", "26.2", "1.0"),
    ("UP035", "25.6", "25.6", "25.7"),
    ("UP036", "26.1", None, "26.1"),
]


def test_every_upgrade_rule_has_its_releases_here() -> None:
    registered = sorted(code for code in get_registry().codes() if code.startswith("UP"))
    assert [code for code, *_ in RELEASES] == registered


@pytest.mark.parametrize(("code", "since", "deprecated", "removed"), RELEASES)
def test_rule_knows_its_releases_and_fires_from_since_on(
        tmp_path: Path, code: str, since: str, deprecated: str | None,
        removed: str | None) -> None:
    rule = get_registry().classes[code]
    assert (rule.since_version, rule.deprecated_in, rule.removed_in) == (
        since, deprecated, removed)
    assert not rule.default_enabled
    hits = {"hits.mojo": (FIXTURES / code.lower() / "hits.mojo").read_bytes()}
    for target in TARGET_VERSIONS:
        fired = lint_snippet(tmp_path, hits, select=code, target_version=target)
        assert bool(fired) is (TARGET_VERSIONS.index(target) >= TARGET_VERSIONS.index(since)), \
            target


def test_upgrade_rules_are_off_by_default(tmp_path: Path) -> None:
    old = "fn f(inout x: Int):\n    let y = x\n"
    assert lint_snippet(tmp_path, old) == []
    assert len(lint_snippet(tmp_path, old, select="UP")) == 2


def test_every_upgrade_fix_together_on_one_file(tmp_path: Path) -> None:
    old = ("alias N = 2\n\n\n@value\nstruct P:\n    var x: Int\n\n"
           "    fn __init__(inout self, borrowed x: Int):\n        self.x = x\n\n"
           "    fn __del__(owned self):\n        pass\n\n"
           "fn f(inout p: P, owned q: P):\n    let y = N\n")
    # P's own `__init__` is its field-wise one, so `@value` goes without `@fieldwise_init`.
    assert fix_snippet(tmp_path, old, select="UP001,UP002,UP003,UP004,UP005,UP006,UP007",
                       target_version="26.1", unsafe=True) == (
        "comptime N = 2\n\n\nstruct P(Copyable, Movable):\n    var x: Int\n\n"
        "    fn __init__(out self, read x: Int):\n        self.x = x\n\n"
        "    fn __del__(deinit self):\n        pass\n\n"
        "fn f(mut p: P, var q: P):\n    var y = N\n")


@pytest.mark.parametrize(("code", "quote"), [
    ("UP002", "'read' is deprecated; use 'imm'"),
    ("UP003", "'owned' has been deprecated, use 'var' instead"),
    ("UP005", "'alias' is deprecated, use 'comptime' instead"),
    ("UP006", "'@value' has been removed, please use '@fieldwise_init'"),
    ("UP008", "'fn' has been removed; use 'def' instead"),
    ("UP009", "'@parameter if' is deprecated, use 'comptime if' instead"),
    ("UP010", "Implicit standard library imports are deprecated"),
    ("UP011", "source argument of '__copyinit__' must be named 'copy'"),
    ("UP012", "'__del__' is deprecated; use '__deinit__'"),
    ("UP013", "'read' is deprecated; use 'imm'"),
    ("UP014", "'raise' requires a surrounding 'try' block or the enclosing function to "
              "declare 'raises'"),
    ("UP015", "use @doc_hidden instead of @doc_private"),
    ("UP016", "'@parameter' is deprecated; use '@__parameter'"),
    ("UP033", "use of unknown declaration '__type_of'; did you mean 'type_of'?"),
    ("UP034", "warning: Use `comptime assert` instead"),
    ("UP035", "package 'sys' does not contain 'sizeof'"),
    ("UP036", "'DType' does not implement the '__is__' method"),
])
def test_rule_page_quotes_the_compiler_message_it_answers(
        tmp_path: Path, code: str, quote: str) -> None:
    registry = get_registry()
    settings = ConfigResolver(registry, isolated=True).settings_for_file(tmp_path / "a.mojo")
    page = rule_page(registry.docs(settings)[code])  # what `mojolint rule CODE` prints
    assert quote in " ".join(page.split())
    assert "## Fix safety" in page
