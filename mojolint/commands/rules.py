"""``mojolint rule CODE`` (a rule's page) and ``mojolint rules`` (every rule)."""

from __future__ import annotations

import json
from typing import Any

import click

from mojolint.commands.common import cwd_settings, fail, registry
from mojolint.report import rule_page


@click.command()
@click.argument("code")
def rule(code: str) -> None:
    """Print the documentation page of rule CODE."""
    rules = registry()
    doc = rules.docs(cwd_settings(rules)).get(code.upper())
    if doc is None:
        fail(f"unknown rule code '{code}'; run `mojolint rules` to list them")
    click.echo(rule_page(doc))


@click.command("rules")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def rules_command(as_json: bool) -> None:
    """List every available rule."""
    rules = registry()
    rows = [{
        "code": item.code,
        "name": item.name,
        "summary": item.summary,
        "severity": item.severity.value,
        "default_enabled": item.default_enabled,
        "fix_availability": item.fix_availability,
        "tags": list(item.tags),
        "origin": rules.origins.get(item.code, "config"),
    } for item in rules.all_rules(cwd_settings(rules))]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    _print_rule_table(rows)


def _print_rule_table(rows: list[dict[str, Any]]) -> None:
    code_width = max([4, *(len(r["code"]) for r in rows)])
    name_width = max([4, *(len(r["name"]) for r in rows)])
    click.echo(f"{'CODE':<{code_width}}  {'NAME':<{name_width}}  ON   FIX        SUMMARY")
    for row in rows:
        on = "yes" if row["default_enabled"] else "no"
        click.echo(f"{row['code']:<{code_width}}  {row['name']:<{name_width}}  {on:<4} "
                   f"{row['fix_availability']:<10} {row['summary']}")
