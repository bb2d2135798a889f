"""Rules declared in configuration: a tree-sitter query, a message and an optional fix."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.config import PLACEHOLDER, PatternRuleSpec
from mojolint.diagnostics import Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule


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
        self.queries = (spec.query,)  # type: ignore[misc]

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
        query = ctx.query(self.spec.query)
        order = [query.capture_name(i) for i in range(query.capture_count)]
        seen: set[tuple[int, int]] = set()
        for _pattern_index, captures in ctx.matches(self.spec.query):
            target = _reported_node(captures, order)
            if target is None or (target.start_byte, target.end_byte) in seen:
                continue
            seen.add((target.start_byte, target.end_byte))
            texts = {name: ctx.text(nodes[0]) for name, nodes in captures.items() if nodes}
            yield ctx.report(target, fill(self.spec.message, texts), self._fix(target, texts))

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
