"""``mojolint/builtin_rules.py``, the built-in rules' selection facts, generated from the
rule classes (``BUILTIN_RULES`` in ``rules/__init__.py``, the one table of them).

The registry reads the generated module instead of importing every rule, so a run that the
cache serves whole imports no rule module. The rule classes stay the source of truth: a
test regenerates the module and fails when it differs.

    python -m mojolint.dev.builtin_table            # exit 1 and say so when it is stale
    python -m mojolint.dev.builtin_table --update   # rewrite it
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import sys
from pathlib import Path

from mojolint.dev.generated import check_or_update
from mojolint.rule import Rule
from mojolint.rule_info import RuleInfo

UPDATE_COMMAND = "python -m mojolint.dev.builtin_table --update"
TABLE_PATH = Path(__file__).resolve().parent.parent / "builtin_rules.py"

_HEADER = f'''"""The built-in rules' selection facts, in the order of ``BUILTIN_RULES``.

Generated from the rule classes by ``{UPDATE_COMMAND}``;
do not edit by hand (tests/test_builtin_table.py fails when it and the classes disagree).
"""

from __future__ import annotations

from mojolint.rule_info import RuleInfo

BUILTIN_RULE_INFOS: tuple[RuleInfo, ...] = (
'''


def builtin_infos() -> list[RuleInfo]:
    """Each built-in rule class's :class:`RuleInfo`, in ``BUILTIN_RULES`` order."""
    from mojolint.registry import info_of

    # `rules/` is installed as mojolint.rules through package-dir; import it by name.
    builtin: tuple[type[Rule], ...] = importlib.import_module("mojolint.rules").BUILTIN_RULES
    return [info_of(rule_cls) for rule_cls in builtin]


def render(infos: list[RuleInfo]) -> str:
    """The generated module's text: each field that differs from its default, by keyword."""
    defaults = {f.name: f.default for f in dataclasses.fields(RuleInfo)}
    lines = [_HEADER]
    for info in infos:
        values = [f"{name}={_literal(value)}" for name, value in dataclasses.asdict(info).items()
                  if defaults[name] is dataclasses.MISSING or value != defaults[name]]
        lines.append("    RuleInfo(\n")
        line = "       "
        for value in values:
            piece = f" {value},"
            if len(line) + len(piece) > 99:
                lines.append(line + "\n")
                line = "       "
            line += piece
        lines.append(line + "\n    ),\n")
    lines.append(")\n")
    return "".join(lines)


def _literal(value: object) -> str:
    return json.dumps(value) if isinstance(value, str) else repr(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the module")
    parser.add_argument("--path", type=Path, default=TABLE_PATH, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    expected = render(builtin_infos())
    try:
        current = options.path.read_text(encoding="utf-8")
    except OSError:
        current = ""
    return check_or_update(options.path, current, expected, update=options.update,
                           command=UPDATE_COMMAND)


if __name__ == "__main__":
    sys.exit(main())
