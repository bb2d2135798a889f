"""Output formats: turn a :class:`~mojolint.report.Report` into what the user reads.

The engine builds the report and calls :func:`write_report`; formats only read it.
:data:`TABLE` is the one list of formats: the command line's ``--output-format`` choices,
which formats end with a summary, and how ``--statistics`` prints all come from it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Literal, TextIO

from mojolint.report import Report

# Each format's module is imported when it is used: a run writes one format, and some
# (junit's XML, for one) cost more to import than a warm run spends on everything else.


@dataclass(frozen=True)
class OutputFormat:
    """One ``--output-format`` choice."""

    name: str
    # ``module:function`` under mojolint.output; called as function(report, stream, **kw).
    writer: str
    # What it is for, in a few words (``--help``, README).
    description: str
    # Human-readable: takes ``color``, and ``summary`` (whether to end with the summary,
    # "Found 3 errors.", which --quiet drops).
    human: bool = False
    # Takes ``show_source`` (the full format's excerpts).
    excerpts: bool = False
    # How --statistics prints with this format.
    statistics: Literal["table", "json", "json-lines"] = "table"


TABLE: tuple[OutputFormat, ...] = (
    OutputFormat("full", "full:write", "diagnostics with source excerpts and fixes",
                 human=True, excerpts=True),
    OutputFormat("concise", "concise:write", "one line per diagnostic", human=True),
    OutputFormat("grouped", "grouped:write", "diagnostics grouped under their file's name",
                 human=True),
    OutputFormat("json", "json_format:write_json", "a JSON array, ruff's fields",
                 statistics="json"),
    OutputFormat("json-lines", "json_format:write_json_lines", "one JSON object a line",
                 statistics="json-lines"),
    OutputFormat("sarif", "sarif:write", "SARIF 2.1.0 (GitHub code scanning)"),
    OutputFormat("github", "github:write", "GitHub Actions workflow commands"),
    OutputFormat("gitlab", "gitlab:write", "GitLab code quality report (JSON)"),
    OutputFormat("azure", "azure:write", "Azure Pipelines logging commands"),
    OutputFormat("rdjson", "rdjson:write", "reviewdog diagnostic format (JSON)"),
    OutputFormat("pylint", "pylint:write", "pylint's parseable text lines"),
    OutputFormat("junit", "junit:write", "JUnit XML for CI test reports"),
)

BY_NAME: dict[str, OutputFormat] = {fmt.name: fmt for fmt in TABLE}
FORMATS: tuple[str, ...] = tuple(BY_NAME)
# Formats that end with a human summary ("Found 3 errors."), which --quiet drops.
SUMMARY_FORMATS: tuple[str, ...] = tuple(fmt.name for fmt in TABLE if fmt.human)


def write_report(
    report: Report,
    fmt: str,
    stream: TextIO,
    *,
    color: bool,
    show_source: bool = True,
    statistics: bool = False,
    summary: bool = True,
) -> None:
    """Write ``report`` to ``stream`` in format ``fmt`` (one of :data:`FORMATS`).

    ``color`` is the caller's decision (terminal, ``NO_COLOR``, ``--color``); only the
    human-readable formats use it, and ``summary`` (end with "Found 3 errors.", or "All
    checks passed!"). With ``statistics`` the per-rule counts replace the per-diagnostic
    output: as JSON for the JSON formats, as a table for all others.
    """
    entry = BY_NAME.get(fmt)
    if entry is None:
        raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if statistics:
        _write_statistics(report, entry, stream, color=color, summary=summary)
        return
    module_name, _, function_name = entry.writer.partition(":")
    module = importlib.import_module(f"mojolint.output.{module_name}")
    options: dict[str, bool] = {}
    if entry.human:
        options["color"] = color
        options["summary"] = summary
    if entry.excerpts:
        options["show_source"] = show_source
    getattr(module, function_name)(report, stream, **options)


def _write_statistics(report: Report, entry: OutputFormat, stream: TextIO, *,
                      color: bool, summary: bool) -> None:
    from mojolint.output import statistics

    if entry.statistics == "json":
        statistics.write_json(report, stream)
    elif entry.statistics == "json-lines":
        statistics.write_json_lines(report, stream)
    else:
        statistics.write_table(report, stream, color=color, summary=summary)


__all__ = ["FORMATS", "SUMMARY_FORMATS", "TABLE", "OutputFormat", "write_report"]
