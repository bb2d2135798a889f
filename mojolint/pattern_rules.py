"""Rules declared in configuration: a tree-sitter query, a message and an optional fix.

The config comes from the repository being linted, so its queries are hostile input:

- Regular expressions (``#match?``, ``#not-match?``, ``#any-match?``, ``#any-not-match?``)
  run in RE2, a linear-time engine, instead of Python's backtracking ``re`` (where 40
  characters can take forever): the query is rewritten to ``#mojolint-match?`` and friends,
  which tree-sitter hands to :func:`_predicate`. A regex RE2 cannot run (backreferences,
  lookaround) is a config error.
- A capture on or inside a ``*``/``+`` repetition is a config error (:func:`repeated_captures`):
  tree-sitter copies what a repetition captured whenever a partial match splits, so such a
  query grows with the square of the file inside C code that no time budget can interrupt
  (py-tree-sitter 0.26.1's ``progress_callback`` crashes the process as soon as it is called,
  even with a callback that only returns False). Repetitions without captures stay linear.
- Each query runs on its own cursor with a bounded ``match_limit``, so no query can keep an
  unbounded number of partial matches in flight; the file's time budget
  (``mojolint.budget``) covers the rest.
- Messages show at most a line of each capture, so a rule cannot dump whole files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, Literal

from tree_sitter import Node

from mojolint.codes import CODE_PATTERN, NAME_PATTERN
from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from mojolint.rule import Context, Rule
from mojolint.settings import PatternRuleSpec

PATTERN_RULE_KEYS = ("code", "name", "query", "message", "summary", "fix", "severity",
                     "fix-applicability")
PATTERN_RULE_REQUIRED = ("code", "name", "query", "message")
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.-]*)\}")


class PatternRule(Rule):
    """A rule built from a ``[[pattern-rules]]`` entry; one instance per entry."""

    def __init__(self, spec: PatternRuleSpec) -> None:
        self.spec = spec
        # Instance attributes shadow the ClassVars so the rule describes itself.
        self.code = spec.code  # type: ignore[misc]
        self.name = spec.name  # type: ignore[misc]
        self.summary = spec.summary  # type: ignore[misc]
        self.severity = spec.severity  # type: ignore[misc]
        self.fix_availability = "always" if spec.fix else "none"  # type: ignore[misc]
        self.tags = ("pattern",)  # type: ignore[misc]
        # Run on a cursor of its own (bounded, with RE2 predicates), never in the batch.
        self.queries = ()  # type: ignore[misc]
        self.linear_query = linear_query(spec.query)[0]

    def documentation(self) -> str:
        fix = f"Replaces the match with:\n\n```mojo\n{self.spec.fix}\n```" if self.spec.fix \
            else "There is no fix."
        return (
            f"## What it does\n{self.spec.summary}\n\n"
            f"## Why is this bad?\nDeclared by the project in `{self.spec.origin}`:\n\n"
            f"> {self.spec.message}\n\n"
            f"## Example\nCode matching this tree-sitter query:\n\n"
            f"```scheme\n{self.spec.query.strip()}\n```\n\n"
            f"## Fix safety\n{fix}\n\nFix applicability: {self.spec.fix_applicability.value}.\n"
        )

    def fingerprint(self) -> str:
        return f"{self.code}=pattern:{self.spec!r}"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        from tree_sitter import QueryCursor

        query = ctx.query(self.linear_query)
        order = [query.capture_name(i) for i in range(query.capture_count)]
        seen: set[tuple[int, int]] = set()
        cursor = QueryCursor(query)
        cursor.match_limit = MATCH_LIMIT
        for _pattern_index, captures in cursor.matches(ctx.tree.root_node, _predicate):
            target = _reported_node(captures, order)
            if target is None or (target.start_byte, target.end_byte) in seen:
                continue
            seen.add((target.start_byte, target.end_byte))
            texts = {name: ctx.text(nodes[0]) for name, nodes in captures.items() if nodes}
            shown = {name: _excerpt(text) for name, text in texts.items()}
            yield ctx.report(target, fill(self.spec.message, shown), self._fix(target, texts))
        if cursor.did_exceed_match_limit:
            yield ctx.report(ctx.tree.root_node,
                             f"the query of pattern rule {self.code} kept more than "
                             f"{MATCH_LIMIT} partial matches in flight on this file; some "
                             "matches may be missing (simplify its quantified wildcards)")

    def _fix(self, target: Node, texts: dict[str, str]) -> Fix | None:
        if self.spec.fix is None:
            return None
        edit = Edit(target.start_byte, target.end_byte, fill(self.spec.fix, texts))
        return Fix(
            title=f"Apply {self.name} fix",
            edits=(edit,),
            applicability=self.spec.fix_applicability,
        )


def _reported_node(captures: dict[str, list[Node]], order: list[str]) -> Node | None:
    """The ``@match`` capture, else the first capture (in query order) that matched."""
    for name in ("match", *order):
        nodes = captures.get(name)
        if nodes:
            return nodes[0]
    return None


def fill(template: str, texts: dict[str, str]) -> str:
    """Replace ``{capture}`` placeholders with the captured text (empty when absent)."""
    return PLACEHOLDER.sub(lambda m: texts.get(m.group(1), ""), template)


# Partial matches one pattern-rule query may keep in flight (tree-sitter's default is
# unbounded; a query with several quantified wildcards then grows without limit).
MATCH_LIMIT = 64
# The longest piece of a capture a message shows.
EXCERPT_CHARACTERS = 120
_REGEX_PREDICATES = ("match?", "not-match?", "any-match?", "any-not-match?")
_PREFIX = "mojolint-"


def _excerpt(text: str) -> str:
    first = text.split("\n", 1)[0]
    if len(first) > EXCERPT_CHARACTERS or first != text:
        return first[:EXCERPT_CHARACTERS] + "…"
    return first


def linear_query(query: str) -> tuple[str, list[str]]:
    """``query`` with its regex predicates renamed for RE2, and the regexes they use.

    A small scanner: strings (with their escapes) and ``;`` comments are copied as they are,
    so only real predicates are renamed."""
    out: list[str] = []
    regexes: list[str] = []
    index, length = 0, len(query)
    expect_regex = False
    while index < length:
        char = query[index]
        if char == '"':
            end = index + 1
            while end < length and query[end] != '"':
                end += 2 if query[end] == "\\" else 1
            literal = query[index : end + 1]
            if expect_regex:
                regexes.append(_unescape(literal[1:-1]))
                expect_regex = False
            out.append(literal)
            index = end + 1
        elif char == ";":
            end = query.find("\n", index)
            end = length if end < 0 else end
            out.append(query[index:end])
            index = end
        elif char == "#":
            end = index + 1
            while end < length and (query[end].isalnum() or query[end] in "-_?!"):
                end += 1
            name = query[index + 1 : end]
            if name in _REGEX_PREDICATES:
                out.append("#" + _PREFIX + name)
                expect_regex = True
            else:
                out.append(query[index:end])
            index = end
        else:
            if char == ")":
                expect_regex = False
            out.append(char)
            index += 1
    return "".join(out), regexes


def repeated_captures(query: str) -> list[str]:
    """The captures of ``query`` that sit on, or inside, a ``*`` or ``+`` repetition.

    Such a capture is refused in config (see ``config.pattern_rule_spec``): tree-sitter keeps
    every node a repetition captured in each partial match and copies that list whenever the
    match splits, so a capture on ``(_)*`` makes a query's time grow with the square of the
    number of siblings (``((_)* @a (_) @b)`` on 1,600 statements carries 1.3 million
    captures; ``((_)* @a (_)* @b (_)* @match)`` takes minutes on a few hundred). Repetitions
    without captures, ``?`` with captures and every other shape stay linear (measured in
    bench/hostile_growth.py), and ``match_limit`` bounds what stays in flight."""
    return _Repetitions(query).sequence(None)[1]


class _Repetitions:
    """A small recursive-descent reader of a query's steps, suffixes and predicates, enough
    to tell which captures a repetition carries (strings and comments are skipped)."""

    _STOP = frozenset("()[]\"@;*+?!# \t\r\n")

    def __init__(self, query: str) -> None:
        self.tokens = self._tokens(query)
        self.index = 0

    def _tokens(self, query: str) -> list[str]:
        tokens: list[str] = []
        index, length = 0, len(query)
        while index < length:
            char = query[index]
            if char.isspace():
                index += 1
            elif char == ";":
                end = query.find("\n", index)
                index = length if end < 0 else end
            elif char == '"':
                end = index + 1
                while end < length and query[end] != '"':
                    end += 2 if query[end] == "\\" else 1
                tokens.append('"')
                index = end + 1
            elif char in "()[]*+?":
                tokens.append(char)
                index += 1
            else:  # @capture, #predicate, !field, field:, node types, _ and the anchor .
                end = index + 1
                while end < length and (query[end] not in self._STOP
                                        or (char == "#" and query[end] in "?!")):
                    end += 1
                tokens.append(query[index:end])
                index = end
        return tokens

    def sequence(self, closing: str | None) -> tuple[list[str], list[str]]:
        """Read steps up to ``closing``: (every capture in them, the repeated ones)."""
        captures: list[str] = []
        repeated: list[str] = []
        step: list[str] | None = None  # captures of the step whose suffixes are being read
        step_repeats = False

        def close_step() -> None:
            if step is not None and step_repeats:
                repeated.extend(step)

        while self.index < len(self.tokens):
            token = self.tokens[self.index]
            self.index += 1
            if token == closing:
                break
            if token in ("*", "+"):
                step_repeats = True
            elif token == "?" or token.startswith("!") or token.endswith(":") or token == ".":
                continue  # optional (bounded), negated field, field name, anchor
            elif token.startswith("@"):
                if step is not None:
                    step.append(token[1:])
                    captures.append(token[1:])
            elif token in ("(", "["):
                close_step()
                if token == "(" and self.index < len(self.tokens) \
                        and self.tokens[self.index].startswith("#"):
                    self._skip_predicate()
                    step, step_repeats = None, False
                    continue
                inner, inner_repeated = self.sequence(")" if token == "(" else "]")
                captures.extend(inner)
                repeated.extend(inner_repeated)
                step, step_repeats = list(inner), False
            elif token in (")", "]"):
                break  # unbalanced: tree-sitter's own compile reports it
            else:  # a string, a node type or _
                close_step()
                step, step_repeats = [], False
        close_step()
        return captures, list(dict.fromkeys(repeated))

    def _skip_predicate(self) -> None:
        depth = 1
        while self.index < len(self.tokens) and depth:
            token = self.tokens[self.index]
            depth += token == "("
            depth -= token == ")"
            self.index += 1


def _unescape(text: str) -> str:
    """A tree-sitter query string's value (it knows \\n, \\r, \\t, \\0 and \\<char>)."""
    named = {"n": "\n", "r": "\r", "t": "\t", "0": "\0"}
    out, index = [], 0
    while index < len(text):
        if text[index] == "\\" and index + 1 < len(text):
            out.append(named.get(text[index + 1], text[index + 1]))
            index += 2
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


@lru_cache(maxsize=256)
def compile_linear(regex: str) -> Any:
    """The regex compiled by RE2 (linear time); raises ValueError when RE2 cannot run it."""
    import re2  # type: ignore[import-untyped]

    options = re2.Options()
    options.log_errors = False  # the error is ours to report, in one line
    try:
        return re2.compile(regex, options)
    except re2.error as error:
        reason = error.args[0] if error.args else error
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise ValueError(str(reason)) from None


def _predicate(predicate: str, args: list[tuple[str, Literal["capture", "string"]]],
               pattern_index: int, captures: dict[str, list[Node]]) -> bool:
    """Tree-sitter's regex predicates, evaluated with RE2; other unknown ones hold."""
    del pattern_index  # the same regex means the same in every pattern
    if not predicate.startswith(_PREFIX):
        return True
    kind = predicate[len(_PREFIX):]
    capture = next((value for value, what in args if what == "capture"), None)
    regex = next((value for value, what in args if what == "string"), None)
    if capture is None or regex is None:
        return True
    compiled = compile_linear(regex)
    nodes = captures.get(capture, [])
    found = [compiled.search((node.text or b"").decode("utf-8", "replace")) is not None
             for node in nodes]
    if not found:
        return True
    if kind == "match?":
        return all(found)
    if kind == "not-match?":
        return not any(found)
    if kind == "any-match?":
        return any(found)
    return not all(found)  # any-not-match?


# --- reading a [[pattern-rules]] entry ----------------------------------------------------


class PatternRuleError(ValueError):
    """A ``[[pattern-rules]]`` entry is wrong; ``str()`` says what, without the file."""


def parse_spec(raw: Any, where: str, origin: str) -> PatternRuleSpec:
    """Validate one ``[[pattern-rules]]`` entry (``where`` names it, ``origin`` is the config
    file shown on the rule's page), compiling its query and checking its regexes."""
    if not isinstance(raw, dict):
        raise PatternRuleError(f"{where} must be a table")
    for key in raw:
        if key not in PATTERN_RULE_KEYS:
            raise PatternRuleError(
                f"unknown key '{key}' in {where}; allowed: {', '.join(PATTERN_RULE_KEYS)}")
    for key in PATTERN_RULE_REQUIRED:
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise PatternRuleError(f"missing or empty string '{key}' in {where}")
    for key in ("summary", "fix"):
        if key in raw and not isinstance(raw[key], str):
            raise PatternRuleError(f"invalid value for '{key}' in {where}: expected a string")
    if not CODE_PATTERN.match(raw["code"]):
        raise PatternRuleError(f"invalid value {raw['code']!r} for 'code' in {where}; expected "
                               "letters then digits, like 'PRJ001'")
    if not NAME_PATTERN.match(raw["name"]):
        raise PatternRuleError(
            f"invalid value {raw['name']!r} for 'name' in {where}; expected kebab-case")
    severity = _enum_value(raw, "severity", Severity, Severity.WARNING, where)
    applicability = _enum_value(
        raw, "fix-applicability", Applicability, Applicability.UNSAFE, where
    )
    captures = _query_captures(raw["query"], where)
    _check_regexes(raw["query"], where)
    _check_repetitions(raw["query"], where)
    for key in ("message", "fix"):
        for name in PLACEHOLDER.findall(raw.get(key) or ""):
            if name not in captures:
                raise PatternRuleError(
                    f"unknown placeholder '{{{name}}}' in '{key}' of {where}; "
                    f"allowed: {', '.join('{' + c + '}' for c in captures)}")
    return PatternRuleSpec(
        code=raw["code"],
        name=raw["name"],
        query=raw["query"],
        message=raw["message"],
        summary=raw.get("summary") or raw["message"].splitlines()[0],
        fix=raw.get("fix"),
        severity=severity,
        fix_applicability=applicability,
        origin=origin,
    )


def _enum_value(raw: Mapping[str, Any], key: str, enum: Any, default: Any, where: str) -> Any:
    if key not in raw:
        return default
    allowed = [member.value for member in enum]
    if key == "fix-applicability":
        allowed = ["safe", "unsafe"]
    if raw[key] not in allowed:
        raise PatternRuleError(f"invalid value {raw[key]!r} for '{key}' in {where}; allowed: "
                               + ", ".join(allowed))
    return enum(raw[key])


def _check_regexes(query: str, where: str) -> None:
    """Every regex of the query must run in RE2 (linear time): no backreferences or
    lookaround, which need a backtracking engine that a 40-character input can hang."""
    for regex in linear_query(query)[1]:
        try:
            compile_linear(regex)
        except ValueError as error:
            raise PatternRuleError(
                f"regex {regex!r} in 'query' of {where} cannot run in linear time "
                f"(RE2: {error}); backreferences and lookaround are not supported") from None


def _check_repetitions(query: str, where: str) -> None:
    """No capture on or inside a ``*``/``+`` repetition: tree-sitter copies everything a
    repetition captured each time a partial match splits, which is quadratic in the number of
    siblings and runs in C, where no time budget can stop it."""
    names = repeated_captures(query)
    if names:
        shown = ", ".join("@" + name for name in names)
        raise PatternRuleError(
            f"the 'query' of {where} captures {shown} on or inside a repetition "
            "(`*` or `+`), which makes matching grow with the square of the file; "
            "capture the enclosing node instead and keep repetitions uncaptured, "
            "e.g. `(block (_)* (identifier)) @match` rather than "
            "`(block (_)* @a (identifier) @match)`; `?` may carry captures")


def _query_captures(query: str, where: str) -> list[str]:
    from mojolint.parser import compile_query  # the parser is a compiled extension

    try:
        compiled = compile_query(query)
    except Exception as error:  # tree-sitter raises QueryError (and others) with details
        raise PatternRuleError(f"invalid tree-sitter query in 'query' of {where}: {error}"
                               ) from None
    names = [compiled.capture_name(i) for i in range(compiled.capture_count)]
    if not names:
        raise PatternRuleError(
            f"the 'query' of {where} captures nothing; add a capture such as @match")
    return names
