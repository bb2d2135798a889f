"""The ``mojolint`` command line: ``check``, ``rule CODE``, ``rules``, ``--version``.

Every expected failure (bad config, missing path, broken plugin) is one line on stderr
starting with ``mojolint: error:`` and exit status 2; nobody should see a traceback.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TextIO

import click

from mojolint import __version__
from mojolint.cache import CACHE_DIR_NAME, Cache
from mojolint.config import ConfigError, ConfigResolver, Overrides
from mojolint.fileio import write_atomic
from mojolint.registry import Registry, RegistryError, get_registry
from mojolint.report import FileReport, Report
from mojolint.versions import TARGET_VERSIONS

# Runs with at least this many files show a progress bar (on a terminal only).
PROGRESS_THRESHOLD = 50
FORMAT_NAMES = ("full", "concise", "json", "json-lines", "sarif", "github", "junit")
# Formats that end with a human summary ("Found 3 errors."), which --quiet drops.
SUMMARY_FORMATS = ("full", "concise")


def fail(message: str) -> NoReturn:
    click.echo(f"mojolint: error: {message}", err=True)
    raise SystemExit(2)


def _registry() -> Registry:
    try:
        return get_registry()
    except RegistryError as error:
        fail(str(error))


def _split_codes(values: Sequence[str]) -> tuple[str, ...]:
    """``--select A,B --select C`` → ``("A", "B", "C")``."""
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="mojolint",
                      message="%(prog)s %(version)s")
def cli() -> None:
    """mojolint: a fast static analyzer for Mojo."""


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[Path, ...]
    config: Path | None
    isolated: bool
    overrides: Overrides
    output_format: str
    output_file: Path | None
    statistics: bool
    quiet: bool
    exit_zero: bool
    no_cache: bool
    force_exclude: bool
    stdin_filename: str | None
    add_noqa: bool


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this config file for every linted file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (or ALL).")
@click.option("--extend-select", multiple=True, help="Add to the selected rules.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable.")
@click.option("--target-version", type=click.Choice(TARGET_VERSIONS),
              help="The Mojo version the code targets.")
@click.option("--output-format", type=click.Choice(FORMAT_NAMES), default="full",
              show_default=True, help="How to print diagnostics.")
@click.option("--output-file", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of standard output.")
@click.option("--statistics", is_flag=True, help="Print how often each rule fired.")
@click.option("--quiet", "-q", is_flag=True, help="Print diagnostics only, no summary.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are violations.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write .mojolint_cache/.")
@click.option("--force-exclude", is_flag=True,
              help="Apply exclusions to paths given on the command line too.")
@click.option("--stdin-filename", help="The name of the file read from standard input.")
@click.option("--add-noqa", is_flag=True,
              help="Add a `# noqa` for every current violation instead of reporting it.")
def check(paths: tuple[Path, ...], config: Path | None, isolated: bool,
          select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          target_version: str | None, output_format: str, output_file: Path | None,
          statistics: bool, quiet: bool, exit_zero: bool, no_cache: bool,
          force_exclude: bool, stdin_filename: str | None, add_noqa: bool) -> None:
    """Lint Mojo files (.mojo, .🔥) under PATHS (default: the current directory)."""
    overrides = Overrides(
        select=_split_codes(select) or None,
        extend_select=_split_codes(extend_select),
        ignore=_split_codes(ignore),
        target_version=target_version,
    )
    options = CheckOptions(paths, config, isolated, overrides, output_format, output_file,
                           statistics, quiet, exit_zero, no_cache, force_exclude,
                           stdin_filename, add_noqa)
    try:
        code = run_check(options)
    except (ConfigError, RegistryError) as error:
        fail(str(error))
    except click.ClickException:
        raise
    except Exception as error:  # a bug in mojolint itself: still one line, still status 2
        fail(f"internal error: {type(error).__name__}: {error}")
    raise SystemExit(code)


def run_check(options: CheckOptions) -> int:
    from mojolint.discovery import discover

    if options.config is not None and not options.config.is_file():
        raise ConfigError(f"{options.config}: No such file")
    resolver = ConfigResolver(_registry(), config_file=options.config,
                              isolated=options.isolated, overrides=options.overrides)
    if _reads_stdin(options):
        return _check_stdin(options, resolver)
    found = discover(list(options.paths) or [Path(".")], resolver,
                     force_exclude=options.force_exclude)
    for message in found.errors:
        click.echo(f"mojolint: error: {message}", err=True)
    if options.add_noqa:
        return _add_noqa(found.files, resolver) or (2 if found.errors else 0)
    root = resolver.project_root()
    cache = None if options.no_cache else Cache(root / CACHE_DIR_NAME)
    report = _lint_with_progress(found.files, resolver, root, cache, options.quiet)
    # Formats such as SARIF and github tell CI that the run itself went wrong.
    report.notifications[:0] = found.errors
    return _finish(report, options, had_errors=bool(found.errors))


def _reads_stdin(options: CheckOptions) -> bool:
    return Path("-") in options.paths or (options.stdin_filename is not None
                                          and not options.paths)


def _check_stdin(options: CheckOptions, resolver: ConfigResolver) -> int:
    from mojolint.discovery import is_excluded
    from mojolint.engine import file_problem, lint_source

    if options.add_noqa:
        raise click.UsageError("--add-noqa cannot be used with standard input")
    name = options.stdin_filename
    path = Path(name) if name else None
    settings = resolver.settings_for_file(path or Path("stdin.mojo"))
    report = Report(files=[], rules={}, root=resolver.project_root())
    if not (path is not None and options.force_exclude and is_excluded(path, settings, False)):
        source = sys.stdin.buffer.read()
        diagnostics = lint_source(source, Path(os.path.abspath(path)) if path else None,
                                  settings, display_path=name or "-")
        shown_source = None if file_problem(source) else source  # no excerpts of binary input
        report.files.append(FileReport(display_path=name or "-", path=None,
                                       diagnostics=diagnostics, source=shown_source))
        report.rules = {code: doc for code, doc in resolver.registry.docs(settings).items()
                        if any(d.code == code for d in diagnostics)}
    return _finish(report, options, had_errors=False)


def _lint_with_progress(files: list[Path], resolver: ConfigResolver, root: Path,
                        cache: Cache | None, quiet: bool) -> Report:
    from mojolint.engine import lint_paths

    with _progress(len(files), enabled=not quiet) as advance:
        return lint_paths(files, resolver, root=root, cache=cache, on_progress=advance)


@contextmanager
def _progress(total: int, *, enabled: bool) -> Iterator[Any]:
    """A progress bar on stderr for long runs on a terminal; a no-op otherwise."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    if not enabled or total < PROGRESS_THRESHOLD or not console.is_terminal:
        yield None
        return
    columns = (TextColumn("Linting"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("lint", total=total)
        yield lambda n: progress.advance(task, n)


def _finish(report: Report, options: CheckOptions, *, had_errors: bool) -> int:
    from mojolint.engine import exit_code

    report.exit_code = exit_code(report, had_errors=had_errors, exit_zero=options.exit_zero)
    _write_output(report, options)
    return report.exit_code


def _write_output(report: Report, options: CheckOptions) -> None:
    from mojolint.output import write_report

    buffer = io.StringIO()
    to_terminal = options.output_file is None and sys.stdout.isatty()
    color = to_terminal and "NO_COLOR" not in os.environ
    write_report(report, options.output_format, buffer, color=color,
                 statistics=options.statistics)
    text = buffer.getvalue()
    if options.quiet and options.output_format in SUMMARY_FORMATS and not options.statistics:
        text = _without_summary(text, report)
    if options.output_file is None:
        click.echo(text, nl=False)
        return
    try:
        options.output_file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(options.output_file, text.encode("utf-8"))
    except OSError as error:
        fail(f"{options.output_file}: cannot write: {error.strerror or error}")


def _without_summary(text: str, report: Report) -> str:
    """Drop the closing summary lines the human formats print."""
    from mojolint.output._terminal import summary_lines

    lines = text.splitlines(keepends=True)
    count = len(summary_lines(report))
    kept = lines[: max(0, len(lines) - count)]
    while kept and not kept[-1].strip():
        kept.pop()  # the blank line that separated diagnostics from the summary
    return "".join(kept)


def _add_noqa(files: list[Path], resolver: ConfigResolver) -> int:
    """Write a ``# noqa`` for every violation; print how many; 0 unless a file failed."""
    from mojolint.engine import add_noqa_to_file, display_path_for

    added = 0
    status = 0
    for path in files:
        try:
            added += add_noqa_to_file(path, resolver.settings_for_file(path))
        except OSError as error:
            click.echo(f"mojolint: error: {display_path_for(path)}: "
                       f"{error.strerror or error}", err=True)
            status = 2
    noun = "directive" if added == 1 else "directives"
    click.echo(f"Added {added} noqa {noun}.")
    return status


@cli.command()
@click.argument("code")
def rule(code: str) -> None:
    """Print the documentation page of rule CODE."""
    registry = _registry()
    docs = registry.docs(_cwd_settings(registry))
    doc = docs.get(code.upper())
    if doc is None:
        fail(f"unknown rule code '{code}'; run `mojolint rules` to list them")
    fix = {True: "A fix is available.", False: "No fix is available."}[doc.fixable]
    click.echo(f"# {doc.name} ({doc.code})\n\n{doc.summary}\n\n"
               f"Severity: {doc.severity.value}. {fix}\n\n{doc.documentation}")


@cli.command("rules")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def rules_command(as_json: bool) -> None:
    """List every available rule."""
    registry = _registry()
    settings = _cwd_settings(registry)
    rows = []
    for item in registry.all_rules(settings):
        rows.append({
            "code": item.code,
            "name": item.name,
            "summary": item.summary,
            "severity": item.severity.value,
            "default_enabled": item.default_enabled,
            "fix_availability": item.fix_availability,
            "tags": list(item.tags),
            "origin": registry.origins.get(item.code, "config"),
        })
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    _print_rule_table(rows, sys.stdout)


def _print_rule_table(rows: list[dict[str, Any]], stream: TextIO) -> None:
    code_width = max([4, *(len(r["code"]) for r in rows)])
    name_width = max([4, *(len(r["name"]) for r in rows)])
    header = f"{'CODE':<{code_width}}  {'NAME':<{name_width}}  ON   FIX        SUMMARY"
    click.echo(header)
    for row in rows:
        on = "yes" if row["default_enabled"] else "no"
        click.echo(f"{row['code']:<{code_width}}  {row['name']:<{name_width}}  {on:<4} "
                   f"{row['fix_availability']:<10} {row['summary']}")


def _cwd_settings(registry: Registry) -> Any:
    """Settings that apply here, so `rule`/`rules` also show this project's pattern rules."""
    try:
        return ConfigResolver(registry).settings_for_dir(Path.cwd())
    except ConfigError as error:
        fail(str(error))


def main() -> None:
    cli(prog_name="mojolint")


__all__ = ["cli", "main"]
