"""The rule API: a :class:`Rule` checks one parsed file through a :class:`Context`.

A rule is a class whose attributes describe it and whose docstring is its user-facing page.
Every enabled rule sees the same tree; a rule never parses or reads files itself.

    class NoPrint(Rule):
        \"\"\"## What it does ...\"\"\"

        code = "XY001"
        name = "no-print"
        summary = "`print` call left in library code"

        def check(self, ctx: Context) -> Iterable[Diagnostic]:
            for node in ctx.captures("(call function: (identifier) @f (#eq? @f \\"print\\"))"):
                yield ctx.report(node, "`print` call")
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from mojolint.codes import CODE_PATTERN, NAME_PATTERN
from mojolint.diagnostics import Diagnostic, Fix, Severity
from mojolint.lineindex import LineIndex
from mojolint.options import option_docs
from mojolint.report import RuleDoc
from mojolint.versions import TARGET_VERSIONS

if TYPE_CHECKING:
    from tree_sitter import Node, Query, Tree

    from mojolint.incremental import FileShape
    from mojolint.queries import FileQueries
    from mojolint.semantics.model import SemanticModel
    from mojolint.settings import Settings

FixAvailability = Literal["none", "sometimes", "always"]
REQUIRED_SECTIONS = ("## What it does", "## Why is this bad?", "## Example")


class Rule:
    """Base class of every rule; subclasses set the class attributes and ``check``."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    default_enabled: ClassVar[bool] = True
    fix_availability: ClassVar[FixAvailability] = "none"
    # A dataclass whose fields are the rule's options, or None.
    options_type: ClassVar[type[Any] | None] = None
    tags: ClassVar[tuple[str, ...]] = ()
    # True for rules whose diagnostics the engine produces itself (io, crash, unused noqa);
    # their ``check`` is never called.
    engine_driven: ClassVar[bool] = False
    # Core-rule behaviour, read by the registry, engine, noqa and CLI: an always-on rule runs
    # whatever the selection; an unsuppressible rule's diagnostics ignore noqa comments;
    # --add-noqa never writes a noqa for a rule that is not noqa-addable; a diagnostic of a
    # crash rule means mojolint itself failed, and the run exits 2.
    always_on: ClassVar[bool] = False
    suppressible: ClassVar[bool] = True
    noqa_addable: ClassVar[bool] = True
    reports_crash: ClassVar[bool] = False
    # Upgrade rules: the release whose change the rule applies. The rule runs only when the
    # configured target-version is this release or newer (None: every target).
    since_version: ClassVar[str | None] = None
    # The release that deprecated the old form and the one that removed it (for the page
    # and for messages; None when not known or not applicable).
    deprecated_in: ClassVar[str | None] = None
    removed_in: ClassVar[str | None] = None
    # The tree-sitter patterns the rule matches over the whole file (``ctx.captures(P)`` or
    # ``ctx.matches(P)`` with no node). Declared patterns are run together with the other
    # enabled rules' in one walk of the tree (mojolint.queries); undeclared ones still work,
    # each at the cost of a walk of its own.
    queries: ClassVar[tuple[str, ...]] = ()
    # True for rules that read ``ctx.semantic``: the engine then adds the model's patterns
    # (mojolint.semantics.model.SEMANTIC_QUERIES) to the file's one walk.
    uses_semantic: ClassVar[bool] = False
    # True for rules that read references (``ctx.semantic.references``, ``references_to``):
    # every identifier is then captured in the same walk (a walk of its own otherwise).
    uses_references: ClassVar[bool] = False
    # True when what the rule reports inside a top-level definition (a function, struct or
    # trait) depends only on that definition, the definitions it names (directly or through
    # others: a word of its text that another definition defines, as its name or a member's)
    # and the file's statements that are not definitions (imports, aliases); and what it
    # reports outside definitions only on those statements and what they name. Never on
    # where, or whether, the names it defines are used. The language server then re-runs
    # it, after an edit inside one definition, on the definitions the edit can reach only
    # (mojolint.incremental).
    definition_local: ClassVar[bool] = False

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def edit_can_change(self, before: Node, after: Node, shape: FileShape) -> bool:
        """For a rule that is not definition-local: after an edit inside one top-level
        definition, ``before`` in the old tree and ``after`` in the new (nothing else
        changed), False when what the rule reports cannot have changed but for moving with
        the edit (a diagnostic whose words hold a number is made again anyway when lines
        moved); ``shape`` says what the file's other statements import and define. True,
        the default, re-runs the rule on the whole file after every such edit
        (mojolint.incremental)."""
        return True

    # Instance-level accessors: pattern rules describe themselves per instance.
    def describe(self) -> RuleDoc:
        return RuleDoc(
            code=self.code,
            name=self.name,
            summary=self.summary,
            documentation=self.documentation(),
            severity=self.severity,
            fixable=self.fix_availability != "none",
            tags=tuple(self.tags),
            fix_availability=self.fix_availability,
            since_version=self.since_version,
            deprecated_in=self.deprecated_in,
            removed_in=self.removed_in,
        )

    def documentation(self) -> str:
        """The rule's page body: its docstring, with the "Options" section listing the
        options dataclass's fields (key, type, default, doc) ahead of the section's prose."""
        doc = inspect.cleandoc(type(self).__doc__ or "")
        if self.options_type is None:
            return doc
        generated = "\n".join(option_docs(self.options_type)) + (
            f"\n\nSet them in `[tool.mojolint.rules.{self.code}]`.")
        head, heading, tail = doc.partition("## Options")
        if not heading:
            return f"{doc}\n\n## Options\n{generated}"
        prose = tail.strip("\n")
        return f"{head}## Options\n{generated}" + (f"\n\n{prose}" if prose else "")

    def fingerprint(self) -> str:
        """Identifies this rule's behaviour for the cache: which code runs under the code."""
        cls = type(self)
        return f"{self.code}={cls.__module__}.{cls.__qualname__}"


def rule_problems(rule_cls: type[Rule]) -> list[str]:
    """What is wrong with a rule class's declaration (empty when it is well-formed)."""
    problems = []
    if not CODE_PATTERN.match(rule_cls.code):
        problems.append(f"code {rule_cls.code!r} is not letters followed by digits")
    if not NAME_PATTERN.match(rule_cls.name):
        problems.append(f"name {rule_cls.name!r} is not kebab-case")
    if not rule_cls.summary or "\n" in rule_cls.summary:
        problems.append("summary must be one non-empty line")
    for attribute in ("since_version", "deprecated_in", "removed_in"):
        version = getattr(rule_cls, attribute)
        if version is not None and version not in TARGET_VERSIONS:
            problems.append(f"{attribute} {version!r} is not one of {', '.join(TARGET_VERSIONS)}")
    if rule_cls.fix_availability not in ("none", "sometimes", "always"):
        problems.append(f"fix_availability {rule_cls.fix_availability!r} is not valid")
    doc = rule_cls.__doc__ or ""
    problems.extend(f"docstring lacks '{s}'" for s in REQUIRED_SECTIONS if s not in doc)
    return problems


@dataclass
class Context:
    """What a rule sees of one file. Shared by all rules, except ``rule`` and ``options``."""

    tree: Tree
    source: bytes
    path: Path | None
    display_path: str
    settings: Settings
    lines: LineIndex
    rule: Rule | None = None
    options: Any = None
    # The enabled rules' declared patterns, matched once for the file (see Rule.queries).
    queries: FileQueries | None = field(default=None, repr=False)
    _text_cache: dict[tuple[int, int], str] = field(default_factory=dict, repr=False)
    # Per-file state every rule shares (the semantic model, built on first use).
    per_file: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def target_version(self) -> str:
        return self.settings.target_version

    def for_rule(self, rule: Rule, options: Any) -> Context:
        """The same file seen by another rule (shares the tree and line index)."""
        return Context(
            tree=self.tree,
            source=self.source,
            path=self.path,
            display_path=self.display_path,
            settings=self.settings,
            lines=self.lines,
            rule=rule,
            options=options,
            queries=self.queries,
            _text_cache=self._text_cache,
            per_file=self.per_file,
        )

    @property
    def semantic(self) -> SemanticModel:
        """The file's semantic model (scopes, bindings, references, declared types), built
        once per file from the shared walk and shared by every rule."""
        model: SemanticModel | None = self.per_file.get("semantic")
        if model is None:
            from mojolint.semantics.model import SemanticModel

            model = self.per_file["semantic"] = SemanticModel.build(
                self.tree, self.source, self.captures)
        return model

    def query(self, pattern: str) -> Query:
        from mojolint.parser import compile_query  # the parser is a compiled extension

        return compile_query(pattern)

    def captures(self, pattern: str, node: Node | None = None) -> dict[str, list[Node]]:
        """Nodes captured by ``pattern`` under ``node`` (the whole file by default)."""
        from tree_sitter import QueryCursor

        if node is None and self.queries is not None:
            shared = self.queries.captures(pattern)
            if shared is not None:
                return shared

        cursor = QueryCursor(self.query(pattern))
        return cursor.captures(node if node is not None else self.tree.root_node)

    def matches(
        self, pattern: str, node: Node | None = None
    ) -> list[tuple[int, dict[str, list[Node]]]]:
        """Matches of ``pattern`` under ``node`` (the whole file by default), each with the
        index of the pattern (within ``pattern``) that matched and its captures."""
        from tree_sitter import QueryCursor

        if node is None and self.queries is not None:
            shared = self.queries.matches(pattern)
            if shared is not None:
                return shared

        cursor = QueryCursor(self.query(pattern))
        return cursor.matches(node if node is not None else self.tree.root_node)

    def text(self, node: Node) -> str:
        key = (node.start_byte, node.end_byte)
        if key not in self._text_cache:
            self._text_cache[key] = self.source[key[0] : key[1]].decode("utf-8", "replace")
        return self._text_cache[key]

    def report(
        self,
        target: Node | tuple[int, int],
        message: str,
        fix: Fix | None = None,
        notes: Sequence[str] = (),
    ) -> Diagnostic:
        """A diagnostic of the current rule over a node or a ``(start, end)`` byte range."""
        if self.rule is None:
            raise RuntimeError("Context.report needs a rule; use ctx.for_rule(rule, options)")
        start, end = target if isinstance(target, tuple) else (target.start_byte, target.end_byte)
        return make_diagnostic(
            self.lines, self.rule.code, message, start, end, self.rule.severity, fix, notes
        )


def make_diagnostic(
    lines: LineIndex,
    code: str,
    message: str,
    start: int,
    end: int,
    severity: Severity,
    fix: Fix | None = None,
    notes: Sequence[str] = (),
) -> Diagnostic:
    return Diagnostic(
        code=code,
        message=message,
        start=lines.position(start),
        end=lines.position(end),
        severity=severity,
        fix=fix,
        notes=tuple(notes),
    )
