"""A struct's conformance list (``struct S(A, B & C):``): the traits it names, and the edit
that adds traits to it the way its author wrote the others (same line, or one per line)."""

from __future__ import annotations

from collections.abc import Sequence

from tree_sitter import Node

from mojolint.diagnostics import Edit
from mojolint.semantics.tree import text


def trait_names(conformances: Node, source: bytes) -> set[str]:
    """The trait names a conformance list spells out (``A & B`` counts both, ``m.T`` is T)."""
    names: set[str] = set()
    pending = list(conformances.named_children)
    while pending:
        node = pending.pop()
        if node.type == "identifier":
            names.add(text(node, source))
        elif node.type == "attribute":
            attribute = node.child_by_field_name("attribute")
            if attribute is not None:
                names.add(text(attribute, source))
        elif node.type == "binary_operator":
            pending.extend(node.named_children)
    return names


def add_traits(struct: Node, traits: Sequence[str], source: bytes) -> list[Edit]:
    """The edit that makes ``struct`` list each of ``traits`` it does not name yet, or no
    edit (already there, or no place to write them)."""
    conformances = struct.child_by_field_name("conformances")
    present = trait_names(conformances, source) if conformances is not None else set()
    missing = [trait for trait in traits if trait not in present]
    if not missing:
        return []
    if conformances is None:
        anchor = (struct.child_by_field_name("type_parameters")
                  or struct.child_by_field_name("name"))
        if anchor is None:
            return []
        return [Edit(anchor.end_byte, anchor.end_byte, f"({', '.join(missing)})")]
    elements = [c for c in conformances.named_children if c.type != "comment"]
    if not elements:  # `struct P():`
        return [Edit(conformances.start_byte, conformances.end_byte,
                     f"({', '.join(missing)})")]
    last = elements[-1]
    separator = ", "
    if last.start_point.row > conformances.start_point.row:  # one trait per line: keep it so
        line_start = source.rfind(b"\n", 0, last.start_byte) + 1
        indent = source[line_start : last.start_byte].decode("utf-8", "replace")
        if not indent.strip():
            separator = ",\n" + indent
    return [Edit(last.end_byte, last.end_byte, "".join(separator + t for t in missing))]
