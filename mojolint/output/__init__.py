"""Output formats: turn a :class:`~mojolint.report.Report` into what the user reads.

The engine builds the report and calls :func:`write_report`; formats only read it.
"""

from __future__ import annotations

from typing import TextIO

from mojolint.report import Report

# Each format's module is imported when it is used: a run writes one format, and some
# (junit's XML, for one) cost more to import than a warm run spends on everything else.

FORMATS: tuple[str, ...] = ("full", "concise", "json", "json-lines", "sarif", "github", "junit")


def write_report(
    report: Report,
    fmt: str,
    stream: TextIO,
    *,
    color: bool,
    show_source: bool = True,
    statistics: bool = False,
) -> None:
    """Write ``report`` to ``stream`` in format ``fmt`` (one of :data:`FORMATS`).

    ``color`` is the caller's decision (terminal, ``NO_COLOR``, ``--color``); only the
    human-readable formats use it. With ``statistics`` the per-rule counts replace the
    per-diagnostic output: as JSON for the JSON formats, as a table for all others.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if statistics:
        _write_statistics(report, fmt, stream, color=color)
    elif fmt == "full":
        from mojolint.output import full

        full.write(report, stream, color=color, show_source=show_source)
    elif fmt == "concise":
        from mojolint.output import concise

        concise.write(report, stream, color=color)
    elif fmt == "json":
        from mojolint.output import json_format

        json_format.write_json(report, stream)
    elif fmt == "json-lines":
        from mojolint.output import json_format

        json_format.write_json_lines(report, stream)
    elif fmt == "sarif":
        from mojolint.output import sarif

        sarif.write(report, stream)
    elif fmt == "github":
        from mojolint.output import github

        github.write(report, stream)
    else:
        from mojolint.output import junit

        junit.write(report, stream)


def _write_statistics(report: Report, fmt: str, stream: TextIO, *, color: bool) -> None:
    from mojolint.output import statistics

    if fmt == "json":
        statistics.write_json(report, stream)
    elif fmt == "json-lines":
        statistics.write_json_lines(report, stream)
    else:
        statistics.write_table(report, stream, color=color)


__all__ = ["FORMATS", "write_report"]
