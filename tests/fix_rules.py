"""Test-only rules whose fixes exercise every path of the fix engine.

Each rule rewrites one made-up identifier (or call), so snippets can be mixed freely:

    TFX001 foo -> bar                    safe rewrite
    TFX002 risky -> checked              unsafe fix
    TFX003 snake -> Snake                overlaps TFX004 on the same span
    TFX004 snake/Snake -> my_snake/...   (so one of the two waits a round)
    TFX005 twice(E) -> E * 2             nested: E may hold a TFX001 fix
    TFX006 fn broken(...): deletes ':'   breaks the syntax
    TFX007 countdownN -> countdownN-1    needs N rounds: each round reveals the next
    TFX008 suggest -> suggestion         display-only
    TFX009 iso_a, iso_b -> *_done        two fixes sharing an isolation key
    TFX010 expand_me() -> two lines      inserts a line break (CRLF handling)
    TFX011 "# header" at byte 0          inserts at the file start (BOM handling)
    TFX012 bad_edit -> edit past EOF     a malformed fix (a rule bug)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.engine import lint_source
from mojolint.registry import Registry, get_registry
from mojolint.rule import Context, Rule
from mojolint.settings import Settings

DOC = """## What it does
A fix-engine test rule.

## Why is this bad?
It is not; it exists for tests.

## Example
```mojo
foo
```
"""

IDENTIFIERS = "(identifier) @id"


def identifiers(ctx: Context, *names: str) -> Iterable[Node]:
    for node in ctx.captures(IDENTIFIERS).get("id", []):
        if ctx.text(node) in names:
            yield node


def rename(node: Node, new: str, applicability: Applicability = Applicability.SAFE,
           isolation: str | None = None) -> Fix:
    return Fix(f"Rename to `{new}`", (Edit(node.start_byte, node.end_byte, new),),
               applicability, isolation)


class FixRule(Rule):
    fix_availability = "always"

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        cls.__doc__ = cls.__doc__ or DOC  # rule pages need the standard sections


class RenameFoo(FixRule):
    code = "TFX001"
    name = "rename-foo"
    summary = "`foo` should be `bar`"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in identifiers(ctx, "foo"):
            yield ctx.report(node, "`foo` should be `bar`", rename(node, "bar"))


class UnsafeRisky(FixRule):
    code = "TFX002"
    name = "unsafe-risky"
    summary = "`risky` should be `checked`"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in identifiers(ctx, "risky"):
            yield ctx.report(node, "`risky`", rename(node, "checked", Applicability.UNSAFE))


class CapitaliseSnake(FixRule):
    code = "TFX003"
    name = "capitalise-snake"
    summary = "`snake` should be capitalised"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in identifiers(ctx, "snake"):
            yield ctx.report(node, "`snake`", rename(node, "Snake"))


class PrefixSnake(FixRule):
    code = "TFX004"
    name = "prefix-snake"
    summary = "snakes need a `my_` prefix"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in identifiers(ctx, "snake", "Snake"):
            yield ctx.report(node, "no prefix", rename(node, "my_" + ctx.text(node)))


class UnwrapTwice(FixRule):
    code = "TFX005"
    name = "unwrap-twice"
    summary = "`twice(x)` should be `x * 2`"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        query = "(call function: (identifier) @f arguments: (argument_list . (_) @arg .)) @call"
        for _, captures in ctx.matches(query):
            call, function, argument = captures["call"][0], captures["f"][0], captures["arg"][0]
            if ctx.text(function) != "twice":
                continue
            edit = Edit(call.start_byte, call.end_byte, f"{ctx.text(argument)} * 2")
            yield ctx.report(call, "`twice`", Fix("Multiply by two", (edit,)))


class BreakColon(FixRule):
    code = "TFX006"
    name = "break-colon"
    summary = "deletes the colon of `fn broken`"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in identifiers(ctx, "broken"):
            function = node.parent
            if function is None or function.type != "function_definition":
                continue
            colon = next(c for c in function.children if c.type == ":")
            edit = Edit(colon.start_byte, colon.end_byte, "")
            yield ctx.report(node, "`broken`", Fix("Delete the colon", (edit,)))


COUNTDOWN = re.compile(r"countdown([1-9][0-9]*)")


class Countdown(FixRule):
    code = "TFX007"
    name = "countdown"
    summary = "`countdownN` should be `countdownN-1`"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in ctx.captures(IDENTIFIERS).get("id", []):
            match = COUNTDOWN.fullmatch(ctx.text(node))
            if match:
                new = f"countdown{int(match.group(1)) - 1}"
                yield ctx.report(node, "count down", rename(node, new))


class DisplayOnly(FixRule):
    code = "TFX008"
    name = "display-only"
    summary = "`suggest` could be `suggestion`"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in identifiers(ctx, "suggest"):
            fix = rename(node, "suggestion", Applicability.DISPLAY_ONLY)
            yield ctx.report(node, "`suggest`", fix)


class Isolated(FixRule):
    code = "TFX009"
    name = "isolated"
    summary = "`iso_a`/`iso_b` are renamed one per round"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in identifiers(ctx, "iso_a", "iso_b"):
            fix = rename(node, ctx.text(node) + "_done", isolation="tfx009")
            yield ctx.report(node, "isolated", fix)


class ExpandCall(FixRule):
    code = "TFX010"
    name = "expand-call"
    summary = "`expand_me()` becomes two statements"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in ctx.captures("(expression_statement (call) @call)").get("call", []):
            if ctx.text(node) == "expand_me()":
                edit = Edit(node.start_byte, node.end_byte, "first()\nsecond()")
                yield ctx.report(node, "expand", Fix("Expand", (edit,)))


class Header(FixRule):
    code = "TFX011"
    name = "header"
    summary = "files start with `# header`"
    default_enabled = False

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if b"# header" not in ctx.source:
            yield ctx.report((0, 0), "no header", Fix("Add header", (Edit(0, 0, "# header\n"),)))


class MalformedEdit(FixRule):
    code = "TFX012"
    name = "malformed-edit"
    summary = "a fix whose edit ends past the end of the file"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in identifiers(ctx, "bad_edit"):
            edit = Edit(node.start_byte, len(ctx.source) + 10, "x")
            yield ctx.report(node, "bad edit", Fix("Break", (edit,)))


FIX_RULES: tuple[type[Rule], ...] = (
    RenameFoo, UnsafeRisky, CapitaliseSnake, PrefixSnake, UnwrapTwice, BreakColon, Countdown,
    DisplayOnly, Isolated, ExpandCall, Header, MalformedEdit,
)


# Rules that mix freely in one file (the header and malformed rules are for their own tests).
MIXABLE = tuple(f"TFX{n:03d}" for n in range(1, 11))


def fix_registry() -> Registry:
    """The installed rules plus the test rules, as the engine tests build registries."""
    registry = Registry()
    for rule_cls in (*get_registry().classes.values(), *FIX_RULES):
        registry.add(rule_cls, "tests.fix_rules")
    return registry


def linter(*codes: str, root: Path | None = None) -> Callable[[bytes], list[Diagnostic]]:
    """``lint_source`` with only ``codes`` selected (the mixable test rules by default)."""
    registry = fix_registry()
    settings = Settings(root=root or Path.cwd(), select=codes or MIXABLE)
    path = (root or Path.cwd()) / "t.mojo"

    def lint(source: bytes) -> list[Diagnostic]:
        return lint_source(source, path, settings, display_path="t.mojo", registry=registry)

    return lint
