"""The shared query: each file's tree is walked once for every rule's whole-file patterns,
and each rule sees exactly what a query of its own would have given it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tree_sitter
from conftest import REPO_ROOT
from tree_sitter import Node, QueryCursor

from mojolint import queries
from mojolint.config import ConfigResolver
from mojolint.dev.snapshots import fixture_files
from mojolint.engine import lint_source
from mojolint.parser import compile_query, parse
from mojolint.queries import FileQueries, batch_for
from mojolint.registry import get_registry
from mojolint.settings import Overrides, Settings

FIXTURES = sorted(fixture_files(REPO_ROOT / "fixtures"))
RealCursor = QueryCursor


def every_rule(path: Path) -> Settings:
    resolver = ConfigResolver(get_registry(), isolated=True,
                              overrides=Overrides(select=("ALL",), target_version="1.2"))
    return resolver.settings_for_file(path)


class CountingCursor:
    """A QueryCursor that counts the queries run over a whole file (from its root)."""

    whole_file_runs = 0
    # When set, only runs over this file's tree count: the tensor rules also read (parse and
    # query) other files of the project that the linted file imports.
    source: bytes | None = None

    def __init__(self, query: tree_sitter.Query, **options: Any) -> None:
        self._cursor = RealCursor(query, **options)

    def _count(self, node: Node) -> None:
        if node.parent is None and (CountingCursor.source is None
                                    or node.text == CountingCursor.source):
            CountingCursor.whole_file_runs += 1

    def matches(self, node: Node, *args: Any, **kwargs: Any) -> Any:
        self._count(node)
        return self._cursor.matches(node, *args, **kwargs)

    def captures(self, node: Node, *args: Any, **kwargs: Any) -> Any:
        self._count(node)
        return self._cursor.captures(node, *args, **kwargs)


@pytest.fixture
def whole_file_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[CountingCursor]]:
    monkeypatch.setattr(tree_sitter, "QueryCursor", CountingCursor)
    CountingCursor.whole_file_runs = 0
    CountingCursor.source = None
    yield CountingCursor


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_every_rule_together_walks_the_tree_once(path: Path,
                                                 whole_file_runs: type[CountingCursor]
                                                 ) -> None:
    # Every fixture holds code its rule flags, so the rules do ask for their patterns.
    whole_file_runs.source = path.read_bytes()
    lint_source(path.read_bytes(), path, every_rule(path))
    assert whole_file_runs.whole_file_runs <= 1


def test_the_built_in_rules_declare_their_patterns() -> None:
    rules = get_registry().enabled_rules(every_rule(REPO_ROOT / "x.mojo"), None)
    declared = [rule.code for rule in rules if rule.queries]
    assert len(declared) >= 20  # every TS and UP rule reads whole-file matches
    assert batch_for(rule.queries for rule in rules) is not None


def declared_patterns() -> list[str]:
    rules = get_registry().enabled_rules(every_rule(REPO_ROOT / "x.mojo"), None)
    return list(dict.fromkeys(pattern for rule in rules for pattern in rule.queries))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_each_pattern_gets_what_its_own_query_gives(path: Path) -> None:
    patterns = declared_patterns()
    root = parse(path.read_bytes()).root_node
    shared = FileQueries(batch_for([patterns]), root)
    for pattern in patterns:
        own = RealCursor(compile_query(pattern))
        assert _ids(shared.matches(pattern)) == _ids(own.matches(root)), pattern
        captured = shared.captures(pattern)
        assert captured is not None
        alone = RealCursor(compile_query(pattern)).captures(root)
        assert {name: sorted(n.id for n in nodes) for name, nodes in captured.items()} == \
            {name: sorted(n.id for n in nodes) for name, nodes in alone.items()}, pattern
        for nodes in captured.values():  # source order, outer nodes first
            assert nodes == sorted(nodes, key=lambda n: (n.start_byte, -n.end_byte))


def test_a_pattern_outside_the_batch_is_left_to_its_own_query() -> None:
    root = parse(b"fn f():\n    pass\n").root_node
    shared = FileQueries(batch_for([["(identifier) @id", "(pass_statement) @p"]]), root)
    assert shared.captures("(comment) @c") is None
    assert shared.matches("(comment) @c") is None
    captured = shared.captures("(identifier) @id")
    assert captured is not None and [n.text for n in captured["id"]] == [b"f"]


def _ids(matches: list[tuple[int, dict[str, list[Node]]]] | None
         ) -> list[tuple[int, dict[str, list[int]]]]:
    assert matches is not None
    return [(index, {name: [n.id for n in nodes] for name, nodes in match.items()})
            for index, match in matches]


def test_a_released_walk_gives_the_same_matches_again() -> None:
    root = parse(b"fn f(x: Int):\n    var y = x\n").root_node
    patterns = ["(identifier) @id", "(pass_statement) @p"]
    shared = FileQueries(batch_for([patterns]), root)
    before = (_ids(shared.matches(patterns[0])), shared.captures(patterns[0]))
    shared.release()
    assert (_ids(shared.matches(patterns[0])), shared.captures(patterns[0])) == before


def test_a_linted_file_lets_go_of_its_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    # The file's semantic model is a cycle that refers to the walk (Context.captures); the
    # matches must not wait for the cyclic collector, whose pass would visit each of them.
    walks: list[FileQueries] = []

    class Recorded(FileQueries):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            walks.append(self)

    monkeypatch.setattr(queries, "FileQueries", Recorded)
    path = REPO_ROOT / "examples" / "tensors.mojo"
    lint_source(path.read_bytes(), None, every_rule(path))
    assert walks  # the first is the linted file's own walk
    assert walks[0]._by_pattern is None and not walks[0]._captures
