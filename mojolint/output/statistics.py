"""``--statistics``: one row per rule code with how often it fired and how often it is fixable."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TextIO

from mojolint.output._common import rule_name, will_fix
from mojolint.output._terminal import LineWriter, Piece, print_summary, printable
from mojolint.report import Report


@dataclass(frozen=True)
class RuleStatistic:
    code: str
    name: str
    count: int
    fixable_count: int

    @property
    def fixable(self) -> bool:
        return self.fixable_count > 0


def rule_statistics(report: Report) -> list[RuleStatistic]:
    """Per-code counts, most frequent first; ties in code order so output is stable."""
    counts: dict[str, int] = {}
    fixable: dict[str, int] = {}
    for file, diagnostic in report.diagnostics():
        counts[diagnostic.code] = counts.get(diagnostic.code, 0) + 1
        fixable[diagnostic.code] = fixable.get(diagnostic.code, 0) + will_fix(file, diagnostic)
    statistics = [
        RuleStatistic(code, rule_name(report, code), count, fixable[code])
        for code, count in counts.items()
    ]
    return sorted(statistics, key=lambda stat: (-stat.count, stat.code))


def _as_json(stat: RuleStatistic) -> dict[str, object]:
    return {"code": stat.code, "name": stat.name, "count": stat.count, "fixable": stat.fixable,
            "fixable_count": stat.fixable_count}


def write_json(report: Report, stream: TextIO) -> None:
    json.dump([_as_json(stat) for stat in rule_statistics(report)], stream, indent=2,
              ensure_ascii=False)
    stream.write("\n")


def write_json_lines(report: Report, stream: TextIO) -> None:
    for stat in rule_statistics(report):
        stream.write(json.dumps(_as_json(stat), ensure_ascii=False) + "\n")


def write_table(report: Report, stream: TextIO, *, color: bool, summary: bool = True) -> None:
    """Rows like ``   12  MJ001  [*] unused-variable (10 fixable)``, then the summary."""
    writer = LineWriter(stream, color=color)
    statistics = rule_statistics(report)
    count_width = max((len(str(stat.count)) for stat in statistics), default=1)
    code_width = max((len(stat.code) for stat in statistics), default=1)
    for stat in statistics:
        row: list[Piece] = [
            str(stat.count).rjust(count_width), "  ", (stat.code.ljust(code_width), "bold red"),
            "  ", ("[*]" if stat.fixable else "   ", "cyan"), " ", printable(stat.name),
        ]
        # Only some occurrences fixable: say how many, so "[*]" does not overpromise.
        if 0 < stat.fixable_count < stat.count:
            row.append(f" ({stat.fixable_count} fixable)")
        writer.line(row)
    if summary:
        print_summary(writer, report)
