"""The fix engine: which fixes a run applies (``FixPolicy``), and the rounds that apply
them and lint again until nothing changes (``fix_source``).

The command line drives it like this for each file::

    policy = FixPolicy.from_settings(settings, unsafe=unsafe_fixes_flag)
    result = fix_source(source, lambda src: lint_source(src, path, settings), policy)
    if diff:      print(mojolint.diff.unified_diff(display_path, source, result.fixed))
    elif stdin:   sys.stdout.buffer.write(result.fixed)
    else:         outcome = mojolint.fileio.write_fixed(path, source, result.fixed)

Bytes are never normalised: rules see the file as it is on disk. Only the text a fix
inserts is adapted (``\\n`` becomes ``\\r\\n`` in a CRLF file) and a leading byte-order
mark is never touched, so encoding, BOM and line endings survive a fix.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mojolint.diagnostics import Applicability, Diagnostic, Fix
from mojolint.selectors import match_strength

if TYPE_CHECKING:
    from tree_sitter import Node

    from mojolint.settings import Settings

DEFAULT_MAX_ROUNDS = 100
UTF8_BOM = b"\xef\xbb\xbf"
# A bare LF inside inserted text (one not already part of a CRLF pair).
_BARE_LF = re.compile(r"(?<!\r)\n")

Lint = Callable[[bytes], list[Diagnostic]]


# --- which fixes may be applied -----------------------------------------------------------


@dataclass(frozen=True)
class FixPolicy:
    """Which fixes a run applies: ``--unsafe-fixes`` plus the fix-related config keys.

    Selectors are codes, code prefixes or ``ALL``, as in ``select``; the most specific
    selector wins, and on a tie the more cautious side (unfixable, unsafe) wins.
    """

    unsafe: bool = False
    fixable: tuple[str, ...] | None = None  # None: every code is fixable
    unfixable: tuple[str, ...] = ()
    extend_safe: tuple[str, ...] = ()  # codes whose unsafe fixes count as safe
    extend_unsafe: tuple[str, ...] = ()  # codes whose safe fixes count as unsafe
    # applicable()'s and hidden_unsafe()'s answers by (code, declared applicability).
    _applicable: dict[tuple[str, Applicability | None], bool] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False)
    _hidden: dict[tuple[str, Applicability | None], bool] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False)

    @classmethod
    def from_settings(cls, settings: Settings, *, unsafe: bool) -> FixPolicy:
        return cls(
            unsafe=unsafe,
            fixable=settings.fixable,
            unfixable=settings.unfixable,
            extend_safe=settings.extend_safe_fixes,
            extend_unsafe=settings.extend_unsafe_fixes,
        )

    def is_fixable(self, code: str) -> bool:
        wanted = 0 if self.fixable is None else match_strength(code, self.fixable)
        return wanted > match_strength(code, self.unfixable)

    def effective_applicability(self, diagnostic: Diagnostic) -> Applicability | None:
        """The fix's applicability after ``extend-*-fixes``; None when there is no fix."""
        if diagnostic.fix is None:
            return None
        declared = diagnostic.fix.applicability
        if declared is Applicability.DISPLAY_ONLY:
            return declared  # a suggestion never becomes applicable through config
        safe = match_strength(diagnostic.code, self.extend_safe)
        unsafe = match_strength(diagnostic.code, self.extend_unsafe)
        if unsafe >= 0 and unsafe >= safe:
            return Applicability.UNSAFE
        if safe >= 0:
            return Applicability.SAFE
        return declared

    def applicable(self, diagnostic: Diagnostic) -> bool:
        """Whether this run applies the diagnostic's fix."""
        fix = diagnostic.fix
        # The answer depends on the code and the declared applicability only: reports ask
        # twice for each of thousands of diagnostics (the [*] marker and the fixable count).
        key = (diagnostic.code, fix.applicability if fix is not None else None)
        found = self._applicable.get(key)
        if found is None:
            found = self._applicable[key] = self._decide_applicable(diagnostic)
        return found

    def _decide_applicable(self, diagnostic: Diagnostic) -> bool:
        if not self.is_fixable(diagnostic.code):
            return False
        applicability = self.effective_applicability(diagnostic)
        return applicability is Applicability.SAFE or (
            applicability is Applicability.UNSAFE and self.unsafe
        )

    def hidden_unsafe(self, diagnostic: Diagnostic) -> bool:
        """A fix that ``--unsafe-fixes`` would apply but this run does not."""
        fix = diagnostic.fix
        # Like applicable(): the code and the declared applicability decide; every report
        # asks for each diagnostic.
        key = (diagnostic.code, fix.applicability if fix is not None else None)
        found = self._hidden.get(key)
        if found is None:
            found = self._hidden[key] = (
                not self.unsafe
                and self.is_fixable(diagnostic.code)
                and self.effective_applicability(diagnostic) is Applicability.UNSAFE
            )
        return found


# --- one round ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AppliedFix:
    code: str
    fix: Fix


@dataclass
class RoundResult:
    source: bytes
    applied: list[AppliedFix] = field(default_factory=list)
    # Fixes left for a later round because they overlap a chosen one or share its key.
    deferred: int = 0
    # Fixes whose edits make no sense (out of range, overlapping each other): never applied.
    malformed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def uses_crlf(source: bytes) -> bool:
    """Whether most of the file's lines end in CRLF (then so does the text fixes insert)."""
    crlf = source.count(b"\r\n")
    return crlf > source.count(b"\n") - crlf


def adapt_line_endings(content: str, crlf: bool) -> str:
    """Text to insert, with each bare LF made CRLF in a CRLF file (``uses_crlf``); used by
    ``--fix`` and by the server's code actions."""
    return _BARE_LF.sub("\r\n", content) if crlf else content


def _prepared_edits(fix: Fix, source: bytes) -> list[tuple[int, int, bytes]] | None:
    """The fix's edits as byte triples fit for ``source``, or None when malformed."""
    bom = len(UTF8_BOM) if source.startswith(UTF8_BOM) else 0
    crlf = uses_crlf(source)
    edits: list[tuple[int, int, bytes]] = []
    for edit in sorted(fix.edits):
        if not 0 <= edit.start <= edit.end <= len(source):
            return None
        start, end, content = edit.start, edit.end, edit.content
        if start < bom:  # the byte-order mark belongs to the file, not to the code
            start, end, content = bom, max(end, bom), content.removeprefix("\ufeff")
        edits.append((start, end, adapt_line_endings(content, crlf).encode("utf-8")))
    for (a_start, a_end, _), (b_start, b_end, _) in itertools.pairwise(edits):
        # A fix must not overlap itself, nor insert twice at one place (no defined order).
        if a_end > b_start or (a_start == a_end == b_start == b_end):
            return None
    return edits


class _TakenSpans:
    """Byte spans chosen this round, sorted; they never overlap and never share a start."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.edits: list[tuple[int, int, bytes]] = []

    def collides(self, start: int, end: int) -> bool:
        # Only the neighbours can collide, as the taken spans are disjoint and sorted.
        # Two edits starting at the same byte have no defined order, so they collide too.
        index = bisect.bisect_left(self.starts, start)
        if index > 0 and self.ends[index - 1] > start:
            return True
        return index < len(self.starts) and (self.starts[index] < end
                                             or self.starts[index] == start)

    def add(self, edit: tuple[int, int, bytes]) -> None:
        index = bisect.bisect_left(self.starts, edit[0])
        self.starts.insert(index, edit[0])
        self.ends.insert(index, edit[1])
        self.edits.insert(index, edit)


def _ordered_candidates(
    diagnostics: Iterable[Diagnostic], policy: FixPolicy
) -> list[tuple[Diagnostic, Fix]]:
    chosen = [(d, d.fix) for d in diagnostics if d.fix is not None and policy.applicable(d)]
    return sorted(
        chosen,
        key=lambda pair: (min((e.start for e in pair[1].edits), default=0), pair[0].code,
                          pair[1].title),
    )


def splice(source: bytes, edits: Iterable[tuple[int, int, bytes]]) -> bytes:
    """Apply non-overlapping byte edits in one pass (no copy of the file per edit)."""
    pieces, position = [], 0
    for start, end, content in sorted(edits, key=lambda e: (e[0], e[1])):
        pieces += [source[position:start], content]
        position = end
    pieces.append(source[position:])
    return b"".join(pieces)


def apply_round(
    source: bytes,
    diagnostics: Iterable[Diagnostic],
    policy: FixPolicy,
    *,
    skip: Callable[[str, Fix], bool] | None = None,
) -> RoundResult:
    """Apply every applicable fix that does not collide with an earlier one."""
    result = RoundResult(source)
    taken = _TakenSpans()
    isolation_keys: set[str] = set()
    for diagnostic, fix in _ordered_candidates(diagnostics, policy):
        if skip is not None and skip(diagnostic.code, fix):
            continue
        edits = _prepared_edits(fix, source)
        if edits is None:
            result.malformed.append(
                f"{diagnostic.code}: fix '{fix.title}' has invalid edits; not applied")
            continue
        collides = any(taken.collides(start, end) for start, end, _ in edits)
        if not edits or collides or fix.isolation in isolation_keys:
            result.deferred += bool(edits)
            continue
        for edit in edits:
            taken.add(edit)
        if fix.isolation is not None:
            isolation_keys.add(fix.isolation)
        result.applied.append(AppliedFix(diagnostic.code, fix))
    result.source = splice(source, taken.edits)
    return result


# --- rounds until nothing changes ---------------------------------------------------------


@dataclass
class FixResult:
    fixed: bytes
    applied: Counter[str] = field(default_factory=Counter)
    # One line per fix that was dropped because it made the file stop parsing.
    rollbacks: list[str] = field(default_factory=list)
    # One line per fix whose edits are malformed (a bug in the rule).
    malformed: list[str] = field(default_factory=list)
    # One line when a round of fixes was dropped for growing the file past the bound.
    oversized: list[str] = field(default_factory=list)
    hit_cap: bool = False
    rounds: int = 0
    remaining: list[Diagnostic] = field(default_factory=list)
    unsafe_available: int = 0

    @property
    def fix_count(self) -> int:
        return sum(self.applied.values())

    @property
    def changed(self) -> bool:
        return self.fix_count > 0


def count_syntax_errors(source: bytes) -> int:
    """ERROR and MISSING nodes in the parse of ``source``."""
    from mojolint import parser as mojo_parser  # compiled extension: import when needed

    return _count_bad_nodes(mojo_parser.parse(source).root_node)


def _count_bad_nodes(root: Node) -> int:
    count = 0
    stack = [root]  # iterative: deeply nested sources must not hit the recursion limit
    while stack:
        node = stack.pop()
        if not node.has_error:  # has_error covers the whole subtree: skip clean ones
            continue
        count += node.type == "ERROR" or node.is_missing
        stack.extend(node.children)
    return count


def _signature(code: str, fix: Fix, source: bytes) -> tuple[object, ...]:
    """What identifies a fix across rounds, where its offsets may have moved."""
    replaced = tuple((source[e.start : e.end], e.content) for e in fix.edits)
    return (code, fix.title, replaced)


def size_bound(original: int) -> int:
    """The most bytes fixing may grow a file of ``original`` bytes to: twice its size plus
    64 KB. A fix from a repository's config that copies its match each round would otherwise
    double the file until memory runs out (2.6 GB was seen)."""
    return 2 * original + 65_536


class _Fixer:
    """State of one ``fix_source`` run."""

    def __init__(self, lint: Lint, policy: FixPolicy) -> None:
        self.lint = lint
        self.policy = policy
        self.bound = 0
        self.result = FixResult(fixed=b"")
        # Fixes that broke the parse of the current version of the file; identical ones are
        # not tried again until the file changes.
        self.broken: set[tuple[object, ...]] = set()
        # Rollback messages by fix; dropped when the same fix applies in a later version.
        self.rolled_back: dict[tuple[object, ...], str] = {}

    def run(self, source: bytes, max_rounds: int) -> FixResult:
        self.bound = size_bound(len(source))
        errors = count_syntax_errors(source)
        diagnostics = self.lint(source)
        for _ in range(max_rounds):
            outcome = self.round(source, diagnostics, errors)
            if outcome is None:
                break
            self.result.rounds += 1
            if outcome[0] != source:
                source, errors = outcome
                diagnostics = self.lint(source)
                # In a file that already has syntax errors, the parser's error recovery can
                # count one more error in one version of the file and not in the next, for the
                # same fix: retry it on the new version, or a second run would apply it.
                self.broken.clear()
        else:
            # The cap only matters when there is still something left to apply.
            self.result.hit_cap = self.choose(source, diagnostics).changed
        self.result.fixed = source
        self.result.rollbacks = list(self.rolled_back.values())
        self.result.remaining = diagnostics
        self.result.unsafe_available = sum(self.policy.hidden_unsafe(d) for d in diagnostics)
        return self.result

    def choose(self, source: bytes, diagnostics: Sequence[Diagnostic]) -> RoundResult:
        return apply_round(source, diagnostics, self.policy,
                           skip=lambda code, fix: _signature(code, fix, source) in self.broken)

    def round(self, source: bytes, diagnostics: Sequence[Diagnostic], errors: int
              ) -> tuple[bytes, int] | None:
        """The source after one round and its error count; None when nothing is left to do.

        The source comes back unchanged when every fix of the round broke the parse: the
        fixes they kept waiting may still apply in the next round.
        """
        chosen = self.choose(source, diagnostics)
        self.note_malformed(chosen.malformed)
        if not chosen.changed or chosen.source == source:
            return None
        if len(chosen.source) > self.bound:
            codes = ", ".join(sorted({a.code for a in chosen.applied}))
            self.result.oversized.append(
                f"fixes of {codes} would grow the file to {len(chosen.source):,} bytes, past "
                f"the bound of {self.bound:,} (2x + 64 KB); that round was dropped")
            return None
        new_errors = count_syntax_errors(chosen.source)
        if new_errors > errors:
            return self.one_at_a_time(source, chosen.applied, errors)
        for applied in chosen.applied:
            self.count_applied(applied, source)
        return chosen.source, new_errors

    def one_at_a_time(self, source: bytes, fixes: Sequence[AppliedFix], errors: int
                      ) -> tuple[bytes, int]:
        """Retry a round that broke the parse fix by fix, dropping each one that breaks it."""
        kept: list[tuple[int, int, bytes]] = []
        current, current_errors = source, errors
        for applied in fixes:
            edits = _prepared_edits(applied.fix, source) or []
            candidate = splice(source, kept + edits)
            candidate_errors = count_syntax_errors(candidate)
            if candidate_errors > current_errors:
                signature = _signature(applied.code, applied.fix, source)
                self.broken.add(signature)
                self.rolled_back[signature] = (
                    f"{applied.code}: fix '{applied.fix.title}' was rolled back because it "
                    "introduced a syntax error")
                continue
            kept.extend(edits)
            self.count_applied(applied, source)
            current, current_errors = candidate, candidate_errors
        return current, current_errors

    def count_applied(self, applied: AppliedFix, source: bytes) -> None:
        self.result.applied[applied.code] += 1
        self.rolled_back.pop(_signature(applied.code, applied.fix, source), None)

    def note_malformed(self, messages: Iterable[str]) -> None:
        self.result.malformed.extend(m for m in messages if m not in self.result.malformed)


def fix_source(
    source: bytes, lint: Lint, policy: FixPolicy, max_rounds: int = DEFAULT_MAX_ROUNDS
) -> FixResult:
    """Lint and fix ``source`` in rounds until nothing changes or ``max_rounds`` is hit.

    ``lint`` returns the diagnostics of a version of the file (``lint_source`` bound to
    the file's path and settings). ``remaining`` holds the diagnostics of ``fixed``.
    """
    return _Fixer(lint, policy).run(source, max_rounds)


__all__ = [
    "DEFAULT_MAX_ROUNDS",
    "AppliedFix",
    "FixPolicy",
    "FixResult",
    "RoundResult",
    "adapt_line_endings",
    "apply_round",
    "count_syntax_errors",
    "fix_source",
    "splice",
    "uses_crlf",
]
