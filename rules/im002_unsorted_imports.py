"""IM002: a block of imports that is not grouped and sorted."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.imports import IMPORT_TYPES, Section, is_wildcard, module_name, section_of
from mojolint.rule import Context, Rule

CONSTANT = re.compile(r"^[A-Z0-9_]+$")


@dataclass(frozen=True)
class UnsortedImportsOptions:
    order_by_type: bool = field(default=True, metadata={
        "doc": "Sort the names of a `from` import constants first (`ALIGNMENT`), then "
               "types (`List`), then everything else, each case-insensitively, as ruff "
               "does; `false` sorts them case-sensitively (`Coord, Idx, TileTensor, "
               "UNKNOWN_VALUE, row_major`), the order of Modular's standard library."})


@dataclass
class _Entry:
    """One import statement of a block, with the comments that travel with it."""

    statement: Node
    leading: list[Node] = field(default_factory=list)  # comment lines just above it
    trailing: Node | None = None  # a comment on its last line


class UnsortedImports(Rule):
    """## What it does
    Flags a block of consecutive top-level imports that is not grouped and sorted the way
    isort and ruff sort Python imports: first the standard library (`std`, and the
    packages that were its top level before `std.` existed), then third-party packages,
    then the project's own packages (first-party), then relative imports (`from .x import
    y`), one blank line between groups. Inside a group, `import x` statements come before
    `from x import y` ones, each sorted by module name; the names a `from` import lists are
    sorted constants first, then types, then everything else.

    A module is first-party when a module or package of that name (`name.mojo` or
    `name/__init__.mojo`) sits in the file's folder or one of its parents. Imports inside
    functions, and text in strings, comments and docstrings, are left alone.

    ## Why is this bad?
    Sorted imports are easy to scan, show at a glance which dependencies a file has, and
    make merges of two branches that both add an import conflict less. Mojo users ask for
    the same import sorting they have in Python.

    ## Example
    ```mojo
    from mypackage.layers import Dense
    from std.collections import List, Dict
    import std.math
    ```

    ## Use instead
    ```mojo
    import std.math
    from std.collections import Dict, List

    from mypackage.layers import Dense
    ```

    ## Fix safety
    The fix rewrites the block in order and is **safe**: Mojo imports have no side effects
    that depend on their order. A comment on the line above an import, or at the end of its
    line, moves with it; an import whose name list holds comments is moved as it is, its
    names unsorted. A block with a statement that is not an import in the middle (code, a
    `comptime` declaration) ends there.

    Off by default: select it with `--select IM002` (or `IM`).

    ## Options
    """

    code = "IM002"
    name = "unsorted-imports"
    summary = "Import block is not grouped and sorted"
    default_enabled = False
    fix_availability = "always"
    options_type = UnsortedImportsOptions
    tags = ("imports", "style")

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if b"import" not in ctx.source:
            return
        folder = ctx.path.parent.resolve() if ctx.path is not None else None
        newline = "\r\n" if b"\r\n" in ctx.source else "\n"
        for block in _blocks(ctx.tree.root_node):
            start = block[0].leading[0] if block[0].leading else block[0].statement
            start_byte = start.start_byte
            last = block[-1]
            end_byte = (last.trailing or last.statement).end_byte
            current = ctx.source[start_byte:end_byte].decode("utf-8", "replace")
            wanted = _sorted_block(ctx, block, folder, newline)
            if wanted == current:
                continue
            fix = Fix("Sort and group the imports", (Edit(start_byte, end_byte, wanted),),
                      Applicability.SAFE)
            yield ctx.report((block[0].statement.start_byte, block[0].statement.end_byte),
                             "Import block is not grouped and sorted", fix=fix)


def _blocks(module: Node) -> list[list[_Entry]]:
    """Runs of top-level import statements, each with its attached comments."""
    blocks: list[list[_Entry]] = []
    current: list[_Entry] = []
    pending: list[Node] = []  # comments since the last import, on lines of their own
    for child in module.children:
        if child.type in IMPORT_TYPES:
            entry = _Entry(child)
            if current:
                entry.leading = pending
            pending = []
            current.append(entry)
        elif child.type == "comment" and current:
            previous = current[-1]
            if (not pending and previous.trailing is None
                    and child.start_point[0] == previous.statement.end_point[0]):
                previous.trailing = child
            else:
                pending.append(child)
        else:
            if current:
                blocks.append(current)
            current, pending = [], []
    if current:
        blocks.append(current)
    return blocks


def _natural(name: str) -> tuple[str, str]:
    return name.lower(), name


def _name_key(name: str) -> tuple[int, str, str]:
    """Constants, then types (CamelCase), then the rest; ruff's `order-by-type`."""
    bare = name.split(" as ", 1)[0].strip()
    if len(bare) > 1 and CONSTANT.match(bare):
        kind = 0
    elif bare[:1].isupper():
        kind = 1
    else:
        kind = 2
    return (kind, *_natural(name))


def _statement_key(ctx: Context, statement: Node) -> tuple[int, int, str, str]:
    if statement.type == "import_statement":
        names = [ctx.text(name) for name in statement.children_by_field_name("name")]
        first = min(names, key=_natural) if names else ""
        return (0, 0, *_natural(first))
    module = module_name(statement) or ""
    dots = len(module) - len(module.lstrip("."))
    # relative imports: the furthest (`..`) before the closest (`.`), as ruff does
    return (1, -dots, *_natural(module.lstrip(".")))


def _plain_key(name: str) -> tuple[int, str, str]:
    return (0, name, name)


def _render(ctx: Context, entry: _Entry, newline: str) -> str:
    statement = entry.statement
    text = ctx.text(statement)
    names = statement.children_by_field_name("name")
    inner_comments = any(child.type == "comment" for child in statement.children)
    if len(names) > 1 and not inner_comments and not is_wildcard(statement):
        listed = [ctx.text(name) for name in names]
        by_type = getattr(ctx.options, "order_by_type", True)
        ordered = sorted(listed, key=_name_key if by_type else _plain_key)
        if ordered != listed:
            text = _with_names(ctx, statement, ordered, newline)
    parts = [ctx.text(comment) + newline for comment in entry.leading]
    parts.append(text)
    if entry.trailing is not None:
        gap = ctx.source[statement.end_byte:entry.trailing.start_byte].decode()
        parts.append(gap + ctx.text(entry.trailing))
    return "".join(parts)


def _with_names(ctx: Context, statement: Node, names: list[str], newline: str) -> str:
    """``statement`` listing ``names``, laid out as it was (one line, or one name a line)."""
    if statement.type == "import_statement":
        return "import " + ", ".join(names)
    module = statement.child_by_field_name("module_name")
    head = ctx.source[statement.start_byte:module.end_byte].decode() if module is not None \
        else ""
    parenthesised = any(child.type == "(" for child in statement.children)
    if parenthesised and statement.start_point[0] != statement.end_point[0]:
        body = "".join(f"    {name},{newline}" for name in names)
        return f"{head} import ({newline}{body})"
    listed = ", ".join(names)
    return f"{head} import ({listed})" if parenthesised else f"{head} import {listed}"


def _sorted_block(ctx: Context, block: list[_Entry], folder: Path | None,
                  newline: str) -> str:
    groups: dict[Section, list[_Entry]] = {}
    for entry in block:
        groups.setdefault(_section(ctx, entry.statement, folder), []).append(entry)
    rendered = []
    for section in sorted(groups):
        entries = sorted(groups[section], key=lambda e: _statement_key(ctx, e.statement))
        rendered.append(newline.join(_render(ctx, entry, newline) for entry in entries))
    return (newline + newline).join(rendered)


def _section(ctx: Context, statement: Node, folder: Path | None) -> Section:
    if statement.type == "import_from_statement":
        return section_of(module_name(statement) or ".", folder)
    names = statement.children_by_field_name("name")
    if not names:
        return Section.THIRD_PARTY
    first = names[0]
    if first.type == "aliased_import":
        first = first.child_by_field_name("name") or first
    return section_of(ctx.text(first), folder)
