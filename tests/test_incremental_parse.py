"""The language server's incremental re-parse: the previous version's tree, told where the
bytes changed, re-parsed with the new bytes, must give the diagnostics a fresh parse gives,
whatever the edits (multi-byte UTF-8, CRLF line ends, syntax errors made and mended)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tree_sitter import Tree

from mojolint import parser as mojo_parser
from mojolint.engine import lint_source
from mojolint.incremental import edited_range
from mojolint.server import SourceMap, reparse
from mojolint.settings import Settings

# Default rules fire here: an unused import, tensor accessors of the wrong dtype, raw
# pointers, an integer literal out of range, a noqa comment, and non-ASCII text in strings,
# comments and a file name with the 🔥 suffix.
SOURCE = '''\
"""Résumé of a module: naïve kernels 🔥."""
from collections import List, Dict
from memory import UnsafePointer


struct Grid:
    var cells: List[Int]

    fn __init__(out self, size: Int):
        self.cells = List[Int](capacity=size)  # café ☕


fn greet(shape: List[Int]) raises:
    var weights = full(shape, 2.5, DType.float32)
    print("naïve 🔥", weights._get_float64(0) + 1.0)
    weights._set_float64(3, 0.25)
    var small: Int8 = 300
    var p = weights.unsafe_ptr().bitcast[Float64]()
    print(p[0])  # noqa: TS002
    print("日本語", small)


fn main():
    for i in range(10):
        if i % 2 == 0:
            print(i / 2)
'''

# What a person types: letters, deletions (empty text), brackets and quotes that break the
# syntax for a while, new lines of either kind, indentation, multi-byte characters.
PIECES = ["q", "x1", "", "", "(", ")", "[", ":", '"', "'", "#", "\n", "\r\n", "    ", "\t",
          "🔥", "é", "日本", "fn ", "var z = 1\n", "struct S:\n", "\\", '"""']


def _apply(text: str, where: float, length: int, piece: str) -> str:
    start = int(where * len(text))
    return text[:start] + piece + text[start + length:]


def _nodes(tree: Tree) -> list[tuple[str, int, int, tuple[int, int], tuple[int, int]]]:
    """Every node's kind and place (bytes and row/column points), in tree order."""
    found = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        start, end = node.start_point, node.end_point
        found.append((node.type, node.start_byte, node.end_byte, (start.row, start.column),
                      (end.row, end.column)))
        stack.extend(reversed(node.children))
    return found


edits = st.lists(st.tuples(st.floats(min_value=0, max_value=1), st.integers(0, 6),
                           st.sampled_from(PIECES)), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crlf=st.booleans(), changes=edits)
def test_incremental_and_fresh_parses_give_the_same_diagnostics(
        crlf: bool, changes: list[tuple[float, int, str]]) -> None:
    root = Path("/nonexistent-mojolint-root")
    path = root / "kernels.🔥"
    config = Settings(root=root)
    text = SOURCE.replace("\n", "\r\n") if crlf else SOURCE
    old = text.encode("utf-8")
    tree = mojo_parser.parse(old)
    for where, length, piece in changes:
        text = _apply(text, where, length, piece)
        new = text.encode("utf-8")
        tree = reparse(tree, old, new)
        assert _nodes(tree) == _nodes(mojo_parser.parse(new))
        incremental = lint_source(new, path, config, tree=tree)
        fresh = lint_source(new, path, config)
        assert incremental == fresh
        old = new


def test_the_fixture_is_linted_by_several_rules() -> None:
    """The property above compares something: the fixture has diagnostics of several rules
    (and keeps them when it is parsed incrementally)."""
    root = Path("/nonexistent-mojolint-root")
    source = SOURCE.encode()
    edited = SOURCE.replace("weights._get_float64(0)", "weights._get_float64(10)").encode()
    tree = reparse(mojo_parser.parse(source), source, edited)
    found = lint_source(edited, root / "kernels.🔥", Settings(root=root), tree=tree)
    assert {"IM001", "TS001", "NU001"} <= {d.code for d in found}


@given(old=st.binary(max_size=40), new=st.binary(max_size=40))
def test_the_edited_range_is_the_part_between_the_common_ends(old: bytes, new: bytes) -> None:
    found = edited_range(old, new)
    if old == new:
        assert found is None
        return
    assert found is not None
    start, old_end, new_end = found
    assert old[:start] == new[:start] and old[old_end:] == new[new_end:]
    assert old[:start] + new[start:new_end] + old[old_end:] == new
    # Nothing more is in common at either end.
    assert start == len(old) or start == len(new) or old[start] != new[start]
    if start < old_end and start < new_end:
        assert old[old_end - 1] != new[new_end - 1]


def test_the_edited_range_of_a_long_text_past_one_chunk() -> None:
    old = b"a" * 10_000 + b"b" + b"c" * 9_000
    new = b"a" * 10_000 + "é".encode() + b"c" * 9_000
    assert edited_range(old, new) == (10_000, 10_001, 10_002)


def _utf16_offset(text: str, line: int, character: int) -> int:
    """Index into ``text`` of an LSP position in UTF-16 units (lines end at "\\n")."""
    lines = text.split("\n")
    index = sum(len(before) + 1 for before in lines[:line])
    units = 0
    for char in lines[line] if line < len(lines) else "":
        if units >= character:
            break
        units += 2 if ord(char) > 0xFFFF else 1
        index += 1
    return index


@given(old=st.text(alphabet="ab é🔥日\r\n", max_size=16),
       new=st.text(alphabet="ab é🔥日\r\n", max_size=16))
def test_a_source_map_edit_turns_the_old_text_into_the_new(old: str, new: str) -> None:
    """The one edit the server sends for a fix (the changed middle) applied as an editor
    does, in UTF-16 positions: whole characters, and never half a CRLF."""
    edit = SourceMap(old.encode(), "utf-16").edit(new.encode())
    if old == new:
        assert edit is None
        return
    assert edit is not None
    start, end = edit.range.start, edit.range.end
    first = _utf16_offset(old, start.line, start.character)
    last = _utf16_offset(old, end.line, end.character)
    assert old[:first] + edit.new_text + old[last:] == new
    assert not old[:first].endswith("\r") or not old[first:].startswith("\n")
