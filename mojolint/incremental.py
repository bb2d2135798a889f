"""Re-linting an edited file by its top-level definitions (the language server, per edit).

A file is a sequence of top-level statements, its *units*: definitions (functions, structs,
traits, decorated or not) and the rest (imports, aliases, comments, ...). An edit typed
inside one definition changes that definition only; a rule that is
:attr:`~mojolint.rule.Rule.definition_local` reports inside every other definition what it
reported before, unless that definition names (directly, or through other definitions) a
name the edited definition defines or defined. So after such an edit:

- the *affected* units are the edited definition and the definitions and other statements
  that reach one of its names (old or new) through the names they use (and, when the edit
  added or took away a line break, those whose diagnostics hold a number: a line they name,
  "declared at line 12", may have moved);
- the definition-local rules are run on a *slice* of the file: the same bytes with every
  definition blanked out (spaces; line breaks kept, so every byte offset, line and column
  is the file's) but the affected ones, the statements that are not definitions, and the
  definitions these name (directly or through others). Their diagnostics inside the
  affected units and the other statements are taken from it; those inside the other
  definitions are the previous version's, moved by the edit's length;
- the other rules (unused imports, redefinitions: what a definition is used for elsewhere)
  run on the whole file, unless :meth:`~mojolint.rule.Rule.edit_can_change` says the edit
  cannot change what they report (their diagnostics are then moved); ``# noqa``
  suppression and the unused-noqa check are applied to the whole as
  :func:`mojolint.engine.lint_source` does.

Words stand for names: a unit *uses* every identifier-like word of its code (outside
comments and string contents; keywords and attributes included, so this over-approximates)
and a definition *defines* its name and, for a struct or trait, its members' names. When
anything is out of the ordinary the whole file is linted instead: a syntax error in the new
version or the one before (error recovery is not local); an edit that is not inside
one definition (or top-level comment); a new tree whose top-level statements are not the
old ones moved by the edit; a kept diagnostic on the edit's last line; a slice whose parse
does not keep every kept statement as it is in the file; affected definitions that make up
most of the file; a rule that crashed or ran out of time; another file a rule read (the
package's ``__init__.mojo`` among them) that changed; other settings.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mojolint.codes import BUDGET_EXCEEDED, INTERNAL_ERROR
from mojolint.diagnostics import Diagnostic, Edit, Position
from mojolint.engine import file_problem, finish, io_error, lint_tree
from mojolint.lineindex import LineIndex
from mojolint.registry import Registry
from mojolint.rule import Rule
from mojolint.settings import Settings

if TYPE_CHECKING:
    from tree_sitter import Node, Tree

DEFINITIONS = frozenset({"function_definition", "struct_definition", "trait_definition"})
# Statements of a struct or trait body whose names :func:`_members` knows how to read; any
# other kind counts every word of it as a name it defines.
_MEMBERS = frozenset({"function_definition", "decorated_definition", "variable_declaration",
                      "comptime_declaration", "expression_statement", "pass_statement",
                      "comment"})
# Statements outside definitions that define no name the file's definitions could use
# from the file itself (imports bind other files' names; comments bind none).
_NAMELESS = frozenset({"import_statement", "import_from_statement", "comment"})
_WORD = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")
# Every byte but the line breaks becomes a space.
_BLANK = bytes(byte if byte in (10, 13) else 32 for byte in range(256))
# Affected definitions (with what they name) above this share of the file's bytes: the
# whole file is linted instead (about as quick, and with nothing to check).
MAX_SLICE_SHARE = 0.5
_CRASH_CODES = frozenset({INTERNAL_ERROR, BUDGET_EXCEEDED})


# --- what an edit changed -----------------------------------------------------------------

_CHUNK = 4096


def _common_prefix(old: bytes, new: bytes) -> int:
    """The length of the longest common prefix of ``old`` and ``new`` (whole chunks are
    compared in C, then the differing chunk is halved)."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start:start + _CHUNK] == new[start:start + _CHUNK]:
        start += _CHUNK
    low, high = start, min(start + _CHUNK, limit)
    while low < high:  # old[:low] == new[:low]; the first difference is before high
        middle = (low + high + 1) // 2
        if old[low:middle] == new[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def edited_range(old: bytes, new: bytes) -> tuple[int, int, int] | None:
    """``(start, old_end, new_end)``: the one byte range of ``old`` replaced to make ``new``
    (the bytes outside the common prefix and suffix), or None when they are equal."""
    if old == new:
        return None
    start = _common_prefix(old, new)
    suffix = min(_common_prefix(old[::-1], new[::-1]), min(len(old), len(new)) - start)
    return start, len(old) - suffix, len(new) - suffix



# --- a file's top-level statements ----------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One top-level statement of a file."""

    kind: str  # its node's type
    start: int
    end: int
    definition: bool
    # The names it may use: every identifier-like word of its text outside comments and
    # strings.
    words: frozenset[bytes]
    names: frozenset[bytes]  # the names it defines

    def moved(self, delta: int) -> Unit:
        return Unit(self.kind, self.start + delta, self.end + delta, self.definition,
                    self.words, self.names)


def _definition(node: Node) -> Node | None:
    """The function, struct or trait ``node`` is (decorated or not), or None."""
    if node.type == "decorated_definition":
        inner = node.child_by_field_name("definition")
        return inner if inner is not None and inner.type in DEFINITIONS else None
    return node if node.type in DEFINITIONS else None


# What is not code: the words of comments and of strings (but their interpolations) name
# nothing.
_NOT_CODE = "(comment) @text (string_content) @text"


def code_words(node: Node) -> frozenset[bytes]:
    """Every identifier-like word of ``node``'s text outside comments and strings."""
    return _words_outside(node.text or b"", node.start_byte, _not_code(node))


def _not_code(node: Node) -> list[tuple[int, int]]:
    """The byte ranges of the comments and string contents under ``node``, in order."""
    from tree_sitter import QueryCursor

    from mojolint.parser import compile_query

    found = QueryCursor(compile_query(_NOT_CODE)).captures(node).get("text", [])
    return sorted((part.start_byte, part.end_byte) for part in found)


def _words_outside(text: bytes, base: int, skipped: Sequence[tuple[int, int]]
                   ) -> frozenset[bytes]:
    """The words of ``text`` (which starts at byte ``base``) outside the ``skipped``
    ranges (in order; those outside the text are ignored)."""
    end = base + len(text)
    pieces, last = [], base
    for start, stop in skipped:
        if start >= last and stop <= end:
            pieces.append(text[last - base:start - base])
            last = stop
    if not pieces:
        return frozenset(_WORD.findall(text))
    pieces.append(text[last - base:])
    return frozenset(_WORD.findall(b" ".join(pieces)))


def _name_words(node: Node) -> set[bytes]:
    name = node.child_by_field_name("name")
    return set(_WORD.findall(name.text or b"")) if name is not None else set()


def _members(definition: Node) -> set[bytes]:
    """The names a struct's or trait's body defines (methods, fields, aliases)."""
    body = definition.child_by_field_name("body")
    names: set[bytes] = set()
    for statement in body.named_children if body is not None else ():
        if statement.type not in _MEMBERS:
            names.update(code_words(statement))
            continue
        inner = _definition(statement) if statement.type == "decorated_definition" else statement
        if inner is not None:
            names.update(_name_words(inner))
    return names


def unit_of(node: Node, words: frozenset[bytes] | None = None) -> Unit:
    """The unit of the top-level statement ``node`` (``words``: its code words, when the
    caller has them)."""
    if words is None:
        words = code_words(node)
    definition = _definition(node)
    if definition is not None:
        names = _name_words(definition)
        if definition.type != "function_definition":
            names |= _members(definition)
    elif node.type in _NAMELESS:
        names = set()
    elif node.type in ("comptime_declaration", "variable_declaration"):
        names = _name_words(node)
    else:  # a module-level `if`, an expression: whatever it may bind
        names = set(words)
    return Unit(node.type, node.start_byte, node.end_byte, definition is not None, words,
                frozenset(names))


def units_of(tree: Tree) -> list[Unit]:
    root = tree.root_node
    source = root.text or b""
    skipped = _not_code(root)  # one walk for the whole file
    starts = [start for start, _ in skipped]
    units = []
    for node in root.children:
        first, last = (bisect.bisect_left(starts, node.start_byte),
                       bisect.bisect_left(starts, node.end_byte))
        words = _words_outside(source[node.start_byte:node.end_byte], node.start_byte,
                               skipped[first:last])
        units.append(unit_of(node, words))
    return units


@dataclass
class FileLint:
    """One linted version of a file, with what lets the next version re-lint less."""

    source: bytes
    tree: Tree
    path: Path | None
    settings: Settings
    diagnostics: list[Diagnostic]  # published: suppressed, sorted
    # Its top-level statements: made when the next version needs them (a whole lint that
    # found them already keeps them).
    units: list[Unit] | None = None
    # What the definition-local rules reported, before suppression; and the others.
    local: list[Diagnostic] = field(default_factory=list)
    whole: list[Diagnostic] = field(default_factory=list)
    # Other files the rules read, with their stamps (a changed one means a whole lint).
    reads: dict[str, list[int]] = field(default_factory=dict)
    reusable: bool = False
    # How this version was linted: None for the whole file, else (units re-linted, units
    # in the slice, units), for the log and the bench.
    relinted: tuple[int, int, int] | None = None
    # Why the whole file was linted (when it was).
    whole_because: str = ""
    # The rules that are not definition-local and ran again on the whole file (when not
    # all of the file was linted).
    rerun: tuple[str, ...] = ()


def lint(source: bytes, tree: Tree, path: Path | None, settings: Settings,
         registry: Registry, display_path: str, previous: FileLint | None = None
         ) -> FileLint:
    """The diagnostics of ``source`` (parsed as ``tree``), exactly as
    :func:`mojolint.engine.lint_source` gives them; re-linting only what an edit can have
    changed when ``previous`` is the lint of the version before it."""
    problem = file_problem(source)
    if problem is not None:
        return FileLint(source, tree, path, settings, [io_error(problem)])
    rules = registry.enabled_rules(settings, path)
    why = "first version" if previous is None else "a rule failed before"
    units: list[Unit] | None = None
    if previous is not None and previous.reusable:
        found = _relint(previous, source, tree, path, settings, registry, display_path, rules)
        if isinstance(found, FileLint):
            return found
        why, units = found
    whole = _lint_whole(source, tree, path, settings, registry, display_path, rules)
    whole.units = units
    whole.whole_because = why
    return whole


def _units(state: FileLint) -> list[Unit]:
    if state.units is None:
        state.units = units_of(state.tree)
    return state.units


def _split(rules: Sequence[Rule]) -> tuple[list[Rule], list[Rule]]:
    local = [rule for rule in rules if rule.definition_local]
    return local, [rule for rule in rules if not rule.definition_local]


def _lint_whole(source: bytes, tree: Tree, path: Path | None, settings: Settings,
                registry: Registry, display_path: str, rules: Sequence[Rule]) -> FileLint:
    from mojolint.dependencies import take_reads

    lines = LineIndex(source)
    take_reads()
    raw = lint_tree(source, tree, path, settings, rules, display_path=display_path,
                    lines=lines)
    reads = take_reads()
    local_codes = {rule.code for rule in _split(rules)[0]}
    return FileLint(source, tree, path, settings,
                    finish(raw, tree, source, settings, registry, rules, lines),
                    None, [d for d in raw if d.code in local_codes],
                    [d for d in raw if d.code not in local_codes], reads,
                    reusable=not any(d.code in _CRASH_CODES for d in raw))


@dataclass(frozen=True)
class _Edit:
    start: int
    old_end: int
    delta: int
    # Offsets after ``old_end`` up to here are on the edit's last line.
    line_end: int
    # Line breaks added (or, below zero, taken away).
    lines: int = 0


def _edit_of(previous: FileLint, source: bytes) -> _Edit:
    found = edited_range(previous.source, source)
    assert found is not None  # the caller saw the sources differ
    start, old_end, new_end = found
    old = previous.source
    lines = source.count(b"\n", start, new_end) - old.count(b"\n", start, old_end)
    line_end = old.find(b"\n", old_end)
    return _Edit(start, old_end, new_end - old_end, len(old) if line_end == -1 else line_end,
                 lines)


_DIGIT = re.compile(r"[0-9]")


def _may_name_a_line(diagnostic: Diagnostic) -> bool:
    """Whether a diagnostic's words hold a number (a line, "declared at line 12", may be
    one): kept from before an edit that moved lines, it could be out of date."""
    fix = diagnostic.fix
    texts = [diagnostic.message, *diagnostic.notes]
    if fix is not None:
        texts += [fix.title, *(edit.content for edit in fix.edits)]
    return any(_DIGIT.search(text) for text in texts)


def _edited_unit(units: Sequence[Unit], edit: _Edit) -> int | None:
    """The index of the definition (or comment) holding the whole edit, or None."""
    starts = [unit.start for unit in units]
    index = bisect.bisect_right(starts, edit.start) - 1
    if index < 0:
        return None
    unit = units[index]
    if not (unit.definition or unit.kind == "comment") or edit.old_end > unit.end:
        return None
    return index


def _new_units(previous: FileLint, tree: Tree, edit: _Edit, edited: int) -> list[Unit] | None:
    """The new version's units, the old ones moved where the edit did not touch them, or
    None when the new tree's top-level statements are not the old ones moved."""
    children = tree.root_node.children
    old = _units(previous)
    if len(children) != len(old):
        return None
    units: list[Unit] = []
    for index, (node, unit) in enumerate(zip(children, old, strict=True)):
        if index == edited:
            if node.start_byte != unit.start or node.end_byte != unit.end + edit.delta:
                return None
            units.append(unit_of(node))
            if units[-1].kind != unit.kind:
                return None
            continue
        delta = edit.delta if index > edited else 0
        if node.type != unit.kind or node.start_byte != unit.start + delta or \
                node.end_byte != unit.end + delta:
            return None
        units.append(unit.moved(delta) if delta else unit)
    return units


def _affected(units: Sequence[Unit], edited: int, changed: frozenset[bytes]) -> set[int]:
    """The edited unit and every unit that reaches one of ``changed`` through the names it
    uses (directly or through what other affected units define)."""
    affected = {edited}
    wanted = set(changed)
    fresh = set(changed)
    while fresh:
        found = [index for index, unit in enumerate(units)
                 if index not in affected and not unit.words.isdisjoint(fresh)]
        fresh = set()
        for index in found:
            affected.add(index)
            fresh |= units[index].names - wanted
        wanted |= fresh
    return affected


def _named_closure(units: Sequence[Unit], roots: set[int]) -> set[int]:
    """``roots`` and every unit they name, directly or through each other."""
    by_name: dict[bytes, list[int]] = {}
    for index, unit in enumerate(units):
        for name in unit.names:
            by_name.setdefault(name, []).append(index)
    kept = set(roots)
    todo = list(roots)
    while todo:
        unit = units[todo.pop()]
        for word in unit.words:
            for index in by_name.get(word, ()):
                if index not in kept:
                    kept.add(index)
                    todo.append(index)
    return kept


def _relint(previous: FileLint, source: bytes, tree: Tree, path: Path | None,
            settings: Settings, registry: Registry, display_path: str,
            rules: Sequence[Rule]) -> FileLint | tuple[str, list[Unit] | None]:
    """The lint of ``source`` through ``previous``, or why the whole file must be linted
    (see the module's docstring) with its units when they were made."""
    from mojolint import parser as mojo_parser
    from mojolint.dependencies import dependencies_hold, take_reads

    if previous.settings is not settings or previous.path != path:
        return "other settings", None
    if not dependencies_hold(previous.reads):
        return "a file it read changed", None
    if previous.source == source:  # nothing changed: nor did the diagnostics
        return replace(previous, tree=tree, relinted=(0, 0, len(_units(previous))))
    if tree.root_node.has_error or previous.tree.root_node.has_error:
        # tree-sitter's error recovery is not local: how a broken definition parses can
        # depend on text far from it (a slice's parse of it differs from the file's), and a
        # result made on a broken tree is no base for the next version's.
        return "a syntax error in this or the previous version", None
    edit = _edit_of(previous, source)
    old_units = _units(previous)
    edited = _edited_unit(old_units, edit)
    if edited is None:
        return "an edit outside one definition", None
    units = _new_units(previous, tree, edit, edited)
    if units is None:
        return "other top-level statements", None
    old_unit, new_unit = old_units[edited], units[edited]
    affected = _affected(units, edited, old_unit.names | new_unit.names)
    # Statements that are not definitions are in every slice: their diagnostics are
    # always taken from it.
    others = {index for index, unit in enumerate(units) if not unit.definition}
    recomputed = affected | others
    starts = [unit.start for unit in old_units]
    if edit.lines:  # lines moved: what a kept diagnostic says of a line may be stale
        recomputed |= {index for diagnostic in previous.local if _may_name_a_line(diagnostic)
                       and (index := _unit_at(old_units, starts, diagnostic.start.offset))
                       is not None}
    kept = _named_closure(units, recomputed)
    kept_bytes = sum(units[i].end - units[i].start for i in kept if units[i].definition)
    if kept_bytes > MAX_SLICE_SHARE * len(source):
        return "most of the file reached", units
    # Reuse the old diagnostics of the definitions not affected (moved by the edit).
    local_rules, file_rules = _split(rules)
    reused: list[Diagnostic] = []
    for diagnostic in previous.local:
        index = _unit_at(old_units, starts, diagnostic.start.offset)
        if index is None or index in recomputed:
            continue
        moved = _moved(diagnostic, edit)
        if moved is None:
            return "a diagnostic on the edited line", units
        reused.append(moved)
    # The slice: the file with every definition not kept blanked out.
    sliced = bytearray(source)
    for index, unit in enumerate(units):
        if index not in kept:
            sliced[unit.start:unit.end] = source[unit.start:unit.end].translate(_BLANK)
    slice_source = bytes(sliced)
    slice_tree = mojo_parser.parse(slice_source)
    # Each kept statement must parse in the slice as in the file.
    slice_nodes = slice_tree.root_node.children
    nodes = tree.root_node.children
    wanted = [nodes[i] for i in sorted(kept)]
    if len(slice_nodes) != len(wanted) or not all(
            _same_parse(mine, node) for mine, node in zip(slice_nodes, wanted, strict=True)):
        return "the slice parses otherwise", units
    take_reads()
    # The file's line index serves the slice: the same line breaks, and the same text
    # wherever a diagnostic taken from it can be.
    lines = LineIndex(source)
    slice_raw = lint_tree(slice_source, slice_tree, path, settings, local_rules,
                          display_path=display_path, lines=lines)
    new_starts = [unit.start for unit in units]
    fresh = [d for d in slice_raw
             if _unit_at(units, new_starts, d.start.offset) in recomputed or
             _unit_at(units, new_starts, d.start.offset) is None]
    # The other rules: on the whole file, but those the edit cannot change, whose
    # diagnostics are moved.
    before = previous.tree.root_node.children[edited]
    after = tree.root_node.children[edited]
    shape = _shape(old_units, units,
                   _renamed(previous.source, source, edit, before, after))
    stale = {d.code for d in previous.whole if _may_name_a_line(d)} if edit.lines else set()
    rerun = [rule for rule in file_rules if not rule.engine_driven and (
        rule.code in stale or rule.edit_can_change(before, after, shape))]
    skipped = {rule.code for rule in file_rules} - {rule.code for rule in rerun}
    whole = []
    for diagnostic in previous.whole:
        if diagnostic.code in skipped:
            moved = _moved(diagnostic, edit)
            if moved is None:
                return "a diagnostic on the edited line", units
            whole.append(moved)
    if rerun:
        whole += lint_tree(source, tree, path, settings, rerun, display_path=display_path,
                           lines=lines)
    reads = {**previous.reads, **take_reads()}
    local = [*reused, *fresh]
    raw = [*whole, *local]
    if any(d.code in _CRASH_CODES for d in raw):
        return "a rule failed", units
    return FileLint(source, tree, path, settings,
                    finish(raw, tree, source, settings, registry, rules, lines), units,
                    local, whole, reads, reusable=True,
                    relinted=(len(recomputed), len(kept), len(units)),
                    rerun=tuple(rule.code for rule in rerun))


@dataclass(frozen=True)
class FileShape:
    """What a file's top-level statements import and define, for
    :meth:`~mojolint.rule.Rule.edit_can_change`."""

    # Every word of the code of the file's import statements (module, names, aliases).
    imported: frozenset[bytes]
    # The names two or more top-level statements define, before or after the edit (a
    # struct's members count as its names).
    bound_twice: frozenset[bytes]
    # When all the edit did is change one identifier's text (the edited definition's tree
    # is the same but for that): the old text and the new.
    renamed: tuple[bytes, bytes] | None = None


def _shape(before: Sequence[Unit], after: Sequence[Unit],
           renamed: tuple[bytes, bytes] | None) -> FileShape:
    imported: set[bytes] = set()
    twice: set[bytes] = set()
    for units in (before, after):
        seen: set[bytes] = set()
        for unit in units:
            if unit.kind in ("import_statement", "import_from_statement"):
                imported |= unit.words
            twice |= seen & unit.names
            seen |= unit.names
    return FileShape(frozenset(imported), frozenset(twice), renamed)


_IDENTIFIER = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _word_around(source: bytes, start: int, end: int) -> bytes | None:
    """The identifier-like word holding the bytes ``[start, end)`` (all of them word
    characters), or None."""
    if any(byte not in _WORD_BYTES for byte in source[start:end]):
        return None
    while start > 0 and source[start - 1] in _WORD_BYTES:
        start -= 1
    while end < len(source) and source[end] in _WORD_BYTES:
        end += 1
    word = source[start:end]
    return word if _IDENTIFIER.fullmatch(word) else None


def _renamed(old: bytes, new: bytes, edit: _Edit, before: Node, after: Node
             ) -> tuple[bytes, bytes] | None:
    """The old and new text of the one identifier the edit changed, when that is all it
    changed: the edit is inside one word and the definition's tree is otherwise the
    same (its named nodes and their fields)."""
    was = _word_around(old, edit.start, edit.old_end)
    now = _word_around(new, edit.start, edit.old_end + edit.delta)
    if was is None or now is None or str(before) != str(after):
        return None
    return was, now


def _same_parse(mine: Node, node: Node) -> bool:
    """Whether a kept statement parses in the slice (``mine``) as in the file (``node``,
    which has no syntax error: a version with one is linted whole)."""
    return (mine.type == node.type and mine.start_byte == node.start_byte
            and mine.end_byte == node.end_byte
            and mine.descendant_count == node.descendant_count and not mine.has_error)


def _unit_at(units: Sequence[Unit], starts: Sequence[int], offset: int) -> int | None:
    """The unit holding ``offset`` (its end included), or None between units."""
    index = bisect.bisect_right(starts, offset) - 1
    if index < 0 or offset > units[index].end:
        return None
    return index


def _moved(diagnostic: Diagnostic, edit: _Edit) -> Diagnostic | None:
    """``diagnostic`` of the previous version where it is in the new one, or None when it
    touches the edit or shares its last line."""
    offsets = [diagnostic.start.offset, diagnostic.end.offset]
    if diagnostic.fix is not None:
        offsets += [o for e in diagnostic.fix.edits for o in (e.start, e.end)]
    if any(edit.start <= offset <= edit.line_end for offset in offsets):
        return None
    if (edit.delta == 0 and edit.lines == 0) or all(offset < edit.start for offset in offsets):
        return diagnostic

    def position(place: Position) -> Position:
        if place.offset < edit.start:
            return place
        return Position(place.line + edit.lines, place.column, place.offset + edit.delta)

    def moved(one: Edit) -> Edit:
        start = one.start + edit.delta if one.start > edit.line_end else one.start
        end = one.end + edit.delta if one.end > edit.line_end else one.end
        return Edit(start, end, one.content)

    fix = diagnostic.fix
    if fix is not None:
        fix = replace(fix, edits=tuple(moved(e) for e in fix.edits))
    return replace(diagnostic, start=position(diagnostic.start),
                   end=position(diagnostic.end), fix=fix)
