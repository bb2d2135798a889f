"""Gitignore-style patterns, matched in time linear in the path's length.

Every pattern that decides which files are linted (``exclude``, ``extend-exclude``,
``include``, ``per-file-ignores``, ``.gitignore``, ``.ignore``, ``.git/info/exclude`` and
git's global excludes file) comes from the repository being linted, so it is hostile input.
A glob translated to a backtracking regular expression (what ``pathspec`` does) takes time
exponential in the number of ``*`` on a long name: ``*a*a*a*a*a*a*b`` against an 80-character
name of ``a`` never finished. Here no regular expression with a quantifier is ever run:

* a pattern is split at ``/`` into segment patterns; ``**`` segments match any run of path
  segments, every other segment pattern matches exactly one path segment;
* a segment pattern is split at ``*`` into chunks (literal characters, ``?`` and ``[...]``
  classes): the first chunk must start the name, the last must end it, each middle chunk is
  found leftmost after the previous one. Taking the leftmost place is always right (a later
  place only leaves less room for what follows), so nothing is ever retried;
* the same leftmost search places each run of segment patterns between two ``**``.

So matching one pattern costs O(len(path) * len(pattern)) at worst, with no backtracking;
``bench/glob_scaling.py`` measures it.

The syntax is git's (``man gitignore``): ``#`` comments, ``!`` negation, a trailing ``/``
for folders only, a leading or middle ``/`` anchors the pattern to its base folder, ``\\``
escapes, ``?``, ``*``, ``[a-z]``, ``[!a-z]``/``[^a-z]`` and ``**``. A class that can never
match (``[z-a]``) matches nothing instead of raising.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# A chunk is a tuple of items; each item is a literal string of one character or a class.
_Class = tuple[bool, tuple[tuple[str, str], ...]]  # (negated, ranges)
_Item = str | _Class
_ANY_SEGMENTS = "**"


@dataclass(frozen=True)
class _Chunk:
    """Characters between two ``*``: plain text, or a quantifier-free expression of a fixed
    length (literals, ``?`` and classes), so each attempt to place it costs its length."""

    text: str | None
    regex: re.Pattern[str] | None
    length: int

    def at(self, name: str, start: int, end: int) -> bool:
        """Whether the chunk matches ``name[start:end]`` exactly."""
        if self.text is not None:
            return name[start:end] == self.text
        assert self.regex is not None
        return end - start == self.length and self.regex.fullmatch(name, start, end) is not None

    def find(self, name: str, start: int, end: int) -> int:
        """The leftmost place of the chunk in ``name[start:end]``, or -1."""
        if self.text is not None:
            return name.find(self.text, start, end)
        assert self.regex is not None
        found = self.regex.search(name, start, end)
        return found.start() if found is not None else -1


@dataclass(frozen=True)
class _Segment:
    """One segment pattern (no ``/``): literal, or chunks separated by ``*``."""

    literal: str | None  # the whole segment when it has no wildcard: compared with ==
    chunks: tuple[_Chunk, ...]
    starred: bool  # whether the segment had at least one '*'

    def match(self, name: str) -> bool:
        if self.literal is not None:
            return name == self.literal
        chunks = self.chunks
        if not self.starred:
            return chunks[0].at(name, 0, len(name))
        first, last = chunks[0], chunks[-1]
        end = len(name) - last.length
        if first.length > end:
            return False
        if not first.at(name, 0, first.length) or not last.at(name, end, len(name)):
            return False
        position = first.length
        for chunk in chunks[1:-1]:
            found = chunk.find(name, position, end)
            if found < 0:
                return False
            position = found + chunk.length
        return True


def _parse_class(text: str, index: int) -> tuple[_Class, int] | None:
    """A ``[...]`` class starting at ``text[index] == '['``; None when it is not closed."""
    position = index + 1
    negated = position < len(text) and text[position] in "!^"
    if negated:
        position += 1
    ranges: list[tuple[str, str]] = []
    first = True
    while position < len(text):
        char = text[position]
        if char == "]" and not first:
            return (negated, tuple(ranges)), position + 1
        first = False
        if char == "\\" and position + 1 < len(text):
            position += 1
            char = text[position]
        low = char
        position += 1
        if (position + 1 < len(text) and text[position] == "-"
                and text[position + 1] != "]"):
            high = text[position + 1]
            position += 2
            if high == "\\" and position < len(text):
                high = text[position]
                position += 1
            if low <= high:  # git: a reversed range matches nothing
                ranges.append((low, high))
        else:
            ranges.append((low, low))
    return None


def _class_regex(item: _Class) -> str:
    negated, ranges = item
    if not ranges:
        return "[^/]" if negated else "(?!)"
    body = "".join(re.escape(low) if low == high else f"{re.escape(low)}-{re.escape(high)}"
                   for low, high in ranges)
    return f"[^/{body}]" if negated else f"[{body}]"


def _segment(text: str) -> _Segment:
    """Compile one segment pattern (no '/')."""
    chunks: list[list[_Item]] = [[]]
    index = 0
    starred = False
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            chunks[-1].append(text[index + 1])
            index += 2
        elif char == "*":
            starred = True
            if chunks[-1] or len(chunks) == 1:
                chunks.append([])
            index += 1
        elif char == "?":
            chunks[-1].append((True, ()))  # any one character (but '/')
            index += 1
        elif char == "[":
            parsed = _parse_class(text, index)
            if parsed is None:
                chunks[-1].append("[")
                index += 1
            else:
                chunks[-1].append(parsed[0])
                index = parsed[1]
        else:
            chunks[-1].append(char)
            index += 1
    compiled = tuple(_compile_chunk(chunk) for chunk in chunks)
    if not starred and compiled[0].text is not None:
        return _Segment(compiled[0].text, (), False)
    return _Segment(None, compiled, starred)


def _compile_chunk(items: Sequence[_Item]) -> _Chunk:
    if all(isinstance(item, str) for item in items):
        text = "".join(item for item in items if isinstance(item, str))
        return _Chunk(text, None, len(text))
    source = "".join(re.escape(item) if isinstance(item, str) else _class_regex(item)
                     for item in items)
    return _Chunk(None, re.compile(source, re.DOTALL), len(items))


@dataclass(frozen=True)
class Pattern:
    """One compiled gitignore line."""

    text: str  # the line as written, for messages
    negated: bool
    dir_only: bool
    # Segment patterns and _ANY_SEGMENTS markers, for the whole root-relative path.
    parts: tuple[_Segment | str, ...]

    @property
    def groups(self) -> tuple[tuple[_Segment, ...], ...]:
        """The runs of segment patterns between ``**`` markers."""
        groups: list[list[_Segment]] = [[]]
        for part in self.parts:
            if isinstance(part, str):
                groups.append([])
            else:
                groups[-1].append(part)
        return tuple(tuple(group) for group in groups)

    @property
    def name_only(self) -> _Segment | None:
        """The segment pattern when the pattern is one unanchored name (``build``,
        ``*.mojo``): it matches a path by its last segment alone."""
        if len(self.parts) == 2 and self.parts[0] == _ANY_SEGMENTS:
            last = self.parts[1]
            return last if isinstance(last, _Segment) else None
        return None

    def matches(self, segments: Sequence[str], is_dir: bool) -> bool:
        """Whether the path (split at '/') matches this pattern itself."""
        if self.dir_only and not is_dir:
            return False
        return _match_groups(self.groups, segments)


def _match_groups(groups: Sequence[Sequence[_Segment]], segments: Sequence[str]) -> bool:
    if len(groups) == 1:
        group = groups[0]
        return len(group) == len(segments) and _group_at(group, segments, 0)
    first, last = groups[0], groups[-1]
    if len(first) + len(last) > len(segments):
        return False
    if not _group_at(first, segments, 0):
        return False
    end = len(segments) - len(last)
    if not _group_at(last, segments, end):
        return False
    position = len(first)
    for group in groups[1:-1]:
        found = _group_find(group, segments, position, end)
        if found < 0:
            return False
        position = found + len(group)
    return True


def _group_at(group: Sequence[_Segment], segments: Sequence[str], start: int) -> bool:
    return all(part.match(segments[start + i]) for i, part in enumerate(group))


def _group_find(group: Sequence[_Segment], segments: Sequence[str], start: int,
                end: int) -> int:
    for position in range(start, end - len(group) + 1):
        if _group_at(group, segments, position):
            return position
    return -1


class GlobError(ValueError):
    """A pattern that cannot be used (for config validation)."""


def compile_pattern(line: str) -> Pattern | None:
    """One line of a gitignore file (or one exclude glob); None for blanks and comments."""
    text = line.rstrip("\n").rstrip("\r")
    if not text or text.startswith("#"):
        return None
    # Trailing spaces are dropped unless escaped with a backslash.
    stripped = text.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(text):
        stripped += " "
    text_kept = stripped
    if not stripped:
        return None
    negated = stripped.startswith("!")
    if negated or stripped.startswith("\\!") or stripped.startswith("\\#"):
        stripped = stripped[1:]
    dir_only = stripped.endswith("/")
    stripped = stripped.rstrip("/")
    if not stripped:
        return None
    anchored = "/" in stripped
    stripped = stripped.lstrip("/")
    if stripped.startswith("./"):
        stripped = stripped[2:]
    raw_parts = [p for p in stripped.split("/") if p != ""]
    if not raw_parts:
        return None
    parts: list[_Segment | str] = [] if anchored else [_ANY_SEGMENTS]
    for raw in raw_parts:
        if raw == "**":
            if not parts or parts[-1] != _ANY_SEGMENTS:
                parts.append(_ANY_SEGMENTS)
        else:
            parts.append(_segment(raw))
    if parts[-1] == _ANY_SEGMENTS:
        # "foo/**" matches what is inside foo, not foo itself: at least one segment.
        parts.insert(len(parts) - 1, _segment("*"))
    return Pattern(text_kept, negated, dir_only, tuple(parts))


def split(relative: str) -> list[str]:
    return [s for s in relative.split("/") if s not in ("", ".")]


class PatternSet:
    """Gitignore lines; the last one that matches decides (so ``!`` re-includes)."""

    def __init__(self, lines: Iterable[str]) -> None:
        compiled = (compile_pattern(line) for line in lines)
        self.patterns: tuple[Pattern, ...] = tuple(p for p in compiled if p is not None)
        # Most lines are one plain name ("build", ".venv"): found by a dict lookup on the
        # path's last segment. The others are tried in turn, last line first.
        self._by_name: dict[str, list[int]] = {}
        others: list[tuple[int, Pattern, _Segment | None, tuple[tuple[_Segment, ...], ...]]]
        others = []
        for index, pattern in enumerate(self.patterns):
            name = pattern.name_only
            if name is not None and name.literal is not None:
                self._by_name.setdefault(name.literal, []).append(index)
            else:
                others.append((index, pattern, name, pattern.groups))
        self._others = tuple(reversed(others))

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def decide(self, relative: str, is_dir: bool) -> Pattern | None:
        """The last pattern matching the path itself (a negated one means "keep")."""
        segments = split(relative)
        if not segments:
            return None
        best = -1
        for index in reversed(self._by_name.get(segments[-1], ())):
            if is_dir or not self.patterns[index].dir_only:
                best = index
                break
        for index, pattern, name, groups in self._others:
            if index < best:
                break
            if pattern.dir_only and not is_dir:
                continue
            if (name.match(segments[-1]) if name is not None
                    else _match_groups(groups, segments)):
                best = index
                break
        return self.patterns[best] if best >= 0 else None

    def match(self, relative: str, is_dir: bool = False) -> bool:
        """Whether the path itself is matched (and not re-included by a later ``!``)."""
        decided = self.decide(relative, is_dir)
        return decided is not None and not decided.negated

    def match_or_parents(self, relative: str, is_dir: bool = False) -> Pattern | None:
        """The pattern that excludes the path or one of its folders, as git sees it: a path
        whose folder is excluded is excluded whatever later lines say."""
        segments = split(relative)
        for depth in range(1, len(segments) + 1):
            folder = depth < len(segments)
            decided = self.decide("/".join(segments[:depth]), folder or is_dir)
            if decided is not None and not decided.negated:
                return decided
        return None


@lru_cache(maxsize=512)
def pattern_set(patterns: tuple[str, ...]) -> PatternSet:
    return PatternSet(patterns)


def glob_problem(pattern: str) -> str | None:
    """What is wrong with a gitignore-style glob, or None: a NUL byte, or a character class
    with a reversed range such as ``[z-a]`` (which matches nothing, surely not what was
    meant)."""
    if "\0" in pattern:
        return "contains a NUL byte"
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char != "[":
            index += 1
            continue
        end = _class_end(pattern, index)
        if end is None:
            return None  # an unclosed '[' is a literal bracket, as in gitignore
        members = pattern[index + 1 : end].lstrip("!^")
        position = 0
        while position < len(members):
            if position + 2 < len(members) and members[position + 1] == "-":
                low, high = members[position], members[position + 2]
                if low > high:
                    return f"the range '{low}-{high}' is reversed"
                position += 3
            else:
                position += 1
        index = end + 1
    return None


def _class_end(pattern: str, start: int) -> int | None:
    """The index of the ']' closing the character class opened at ``start``."""
    position = start + 1
    if position < len(pattern) and pattern[position] in "!^":
        position += 1
    if position < len(pattern) and pattern[position] == "]":
        position += 1  # a leading ']' is a member
    closing = pattern.find("]", position)
    return None if closing < 0 else closing
