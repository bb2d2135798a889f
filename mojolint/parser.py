"""The Mojo parser: one place that turns bytes into a tree-sitter tree.

The grammar lives in ``grammar/`` and is compiled into the extension module
``mojolint._mojo_parser`` when the package is installed.
"""

from __future__ import annotations

from functools import cache, lru_cache

from tree_sitter import Language, Node, Parser, Query, Tree

from mojolint import _mojo_parser

__all__ = ["LANGUAGE", "Node", "Tree", "compile_query", "has_syntax_errors", "parse"]

LANGUAGE = Language(_mojo_parser.language())


@lru_cache(maxsize=1)
def _parser() -> Parser:
    return Parser(LANGUAGE)


def parse(source: bytes, old_tree: Tree | None = None) -> Tree:
    """Parse Mojo source bytes (UTF-8) into a tree-sitter tree. ``old_tree``, the parse of
    an earlier version already told how the bytes were edited (``Tree.edit``), lets the
    parser re-use what the edit did not touch."""
    if old_tree is None:
        return _parser().parse(source)
    return _parser().parse(source, old_tree)


@cache
def compile_query(pattern: str) -> Query:
    """Compile a tree-sitter query once; later calls with the same text reuse it."""
    query: Query = Query(LANGUAGE, pattern)
    return query


def has_syntax_errors(tree: Tree) -> bool:
    """True when the tree holds any ERROR or MISSING node."""
    return tree.root_node.has_error
