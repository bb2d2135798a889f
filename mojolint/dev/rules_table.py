"""README's rule tables, generated from the registry of built-in rules.

README marks where each table goes with a pair of comments naming the code groups (the
letters of the codes) it lists:

    <!-- rules-table: MJ -->
    | Code | Name | What | On by default | Fix |
    ...
    <!-- /rules-table -->

Every built-in rule must belong to exactly one marked group, so a new group cannot be left
out of README silently.

    python -m mojolint.dev.rules_table            # exit 1 and say so when README is stale
    python -m mojolint.dev.rules_table --update   # rewrite the tables in README
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from mojolint.dev.generated import check_or_update
from mojolint.registry import Registry, get_registry
from mojolint.rule import Rule

UPDATE_COMMAND = "python -m mojolint.dev.rules_table --update"
BUILTIN_ORIGIN = "mojolint"
MARKER = re.compile(
    r"(?P<open><!-- rules-table: (?P<groups>[A-Z ]+?) -->\n)(?P<body>.*?)"
    r"(?P<close><!-- /rules-table -->)",
    re.DOTALL,
)


class TableError(Exception):
    """README's markers do not cover the registered rules (the message says how)."""


def group_of(code: str) -> str:
    """The letters of a rule code: ``TS`` for ``TS004``."""
    return code.rstrip("0123456789")


def builtin_rules(registry: Registry) -> list[Rule]:
    return [registry.instance(code) for code in registry.codes()
            if registry.origins.get(code) == BUILTIN_ORIGIN]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_table(rules: list[Rule]) -> str:
    """The Markdown table of ``rules``; a "From target" column when any is an upgrade rule."""
    upgrades = any(rule.since_version for rule in rules)
    header = ["Code", "Name", "What", "On by default", "Fix"]
    if upgrades:
        header.insert(3, "From target")
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for rule in rules:
        row = [rule.code, rule.name, _cell(rule.summary), "yes" if rule.default_enabled else "no",
               rule.fix_availability]
        if upgrades:
            row.insert(3, rule.since_version or "any")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def render_readme(readme: str, registry: Registry) -> str:
    """``readme`` with every marked table regenerated."""
    rules = builtin_rules(registry)
    placed: set[str] = set()
    for match in MARKER.finditer(readme):
        for group in match["groups"].split():
            if group in placed:
                raise TableError(f"README lists the rule group {group} in two tables")
            placed.add(group)
    missing = sorted({group_of(rule.code) for rule in rules} - set(placed))
    if missing:
        raise TableError(
            f"no README table lists the rule group(s) {', '.join(missing)}; add "
            f"`<!-- rules-table: {' '.join(missing)} -->` and `<!-- /rules-table -->` where "
            "their table belongs")

    def table(match: re.Match[str]) -> str:
        groups = match["groups"].split()
        chosen = [rule for rule in rules if group_of(rule.code) in groups]
        body = render_table(chosen) if chosen else "(no rules yet)\n"
        return match["open"] + body + match["close"]

    return MARKER.sub(table, readme)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mojolint.dev.rules_table")
    parser.add_argument("--update", action="store_true", help="rewrite README's rule tables")
    parser.add_argument("--readme", type=Path, default=Path("README.md"),
                        help="the README to check or rewrite (default: ./README.md)")
    args = parser.parse_args(argv)
    try:
        current = args.readme.read_text(encoding="utf-8")
    except OSError as error:
        print(f"error: {args.readme}: {error.strerror or error}", file=sys.stderr)
        return 2
    try:
        expected = render_readme(current, get_registry())
    except TableError as error:
        print(f"error: {args.readme}: {error}", file=sys.stderr)
        return 2
    return check_or_update(args.readme, current, expected, update=args.update,
                           command=UPDATE_COMMAND)


if __name__ == "__main__":
    sys.exit(main())
