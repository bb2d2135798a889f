"""``mojolint check``'s click declaration: its options, parsed into the values that
:func:`mojolint.commands.check.check_main` runs. :mod:`mojolint.commands.quick` parses the
usual command lines the same way without importing click; a test keeps the two in step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from mojolint.output import FORMATS
from mojolint.versions import TARGET_VERSIONS


class _CheckCommand(click.Command):
    """``check``, whose ``--add-noqa`` takes its reason only as ``--add-noqa=REASON`` (as
    ruff's does), so that ``--add-noqa src/`` still lints ``src/``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        end = args.index("--") if "--" in args else len(args)
        # A bare --add-noqa is the option with an empty reason; click would otherwise
        # take the next argument as its value.
        spelled = ["--add-noqa=" if arg == "--add-noqa" else arg for arg in args[:end]]
        return super().parse_args(ctx, spelled + args[end:])


@click.command(cls=_CheckCommand)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
@click.option("--config", "config_values", multiple=True, metavar="FILE | KEY=VALUE",
              help="A config file to use for every linted file, or a TOML `KEY = VALUE` "
              "fragment that overrides that setting everywhere, as ruff does (e.g. "
              "--config \"select = ['TS']\"). Can be repeated.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (or ALL).")
@click.option("--extend-select", multiple=True, help="Add to the selected rules.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable.")
@click.option("--target-version", metavar="VERSION",
              help="The Mojo release the code targets: " + ", ".join(TARGET_VERSIONS)
              + " (PyPI spellings such as 0.26.1 or 1.2.0 work too).")
@click.option("--output-format", type=click.Choice(FORMATS), default="full",
              show_default=True, help="How to print diagnostics.")
@click.option("--output-file", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of standard output.")
@click.option("--statistics", is_flag=True, help="Print how often each rule fired.")
@click.option("--quiet", "-q", is_flag=True, help="Print diagnostics only, no summary.")
@click.option("--exit-zero", "-e", is_flag=True, help="Exit 0 even when there are violations.")
@click.option("--no-cache", "-n", is_flag=True, help="Neither read nor write .mojolint_cache/.")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
              help="The cache folder (default: the `cache-dir` setting, else "
              "`.mojolint_cache` in the project root); overrides MOJOLINT_CACHE_DIR.")
@click.option("--force-exclude", is_flag=True,
              help="Apply exclusions to paths given on the command line too.")
@click.option("--exclude", "exclude_patterns", multiple=True, metavar="PATTERNS",
              help="Glob patterns (comma-separated) to skip; replaces the `exclude` setting.")
@click.option("--extend-exclude", "extend_exclude_patterns", multiple=True,
              metavar="PATTERNS",
              help="Glob patterns (comma-separated) to skip, on top of `exclude`.")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None,
              help="Skip files that .gitignore, .ignore, .git/info/exclude or git's global "
              "excludes file ignore (default: the `respect-gitignore` setting, true).")
@click.option("--ignore-noqa", is_flag=True,
              help="Report violations even on lines with a `# noqa` comment.")
@click.option("--show-files", is_flag=True,
              help="Print the files that would be linted, and exit.")
@click.option("--show-settings", is_flag=True,
              help="Print the resolved settings for the first file found, and exit.")
@click.option("--watch", "-w", is_flag=True,
              help="Lint again whenever a file or config under PATHS changes.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True,
              help="Colour the output: auto (on a terminal, unless NO_COLOR is set), always, "
              "never.")
@click.option("--silent", "-s", is_flag=True,
              help="Print no report and no warnings (errors still are); the exit status "
              "says whether there were violations.")
@click.option("--verbose", "-v", is_flag=True,
              help="Say which settings apply to each folder and why a path was skipped.")
@click.option("--stdin-filename", help="The name of the file read from standard input.")
@click.option("--add-noqa", metavar="[=REASON]", default=None,
              help="Add a `# noqa` for every current violation instead of reporting it; "
              "`--add-noqa=REASON` writes REASON after the codes.")
@click.option("--fix", is_flag=True, help="Apply safe fixes and write the files.")
@click.option("--unsafe-fixes/--no-unsafe-fixes", default=False,
              help="Also apply (and show as fixable) unsafe fixes.")
@click.option("--diff", is_flag=True,
              help="Print the fixes as unified diffs instead of writing them.")
@click.option("--show-fixes", is_flag=True, help="Print how many fixes of each rule were made.")
@click.option("--fix-only", is_flag=True,
              help="Apply fixes and report nothing about the violations that remain.")
@click.option("--exit-non-zero-on-fix", is_flag=True,
              help="Exit 1 when a file was fixed, even if no violations remain.")
@click.option("--fixable", multiple=True, help="Rule codes or prefixes whose fixes may apply.")
@click.option("--unfixable", multiple=True, help="Rule codes or prefixes never to fix.")
@click.option("--extend-safe-fixes", multiple=True,
              help="Rule codes or prefixes whose unsafe fixes count as safe.")
@click.option("--extend-unsafe-fixes", multiple=True,
              help="Rule codes or prefixes whose safe fixes count as unsafe.")
def check(**values: Any) -> None:
    """Lint Mojo files (.mojo, .🔥) under PATHS (default: the current directory)."""
    from mojolint.commands.check import check_main

    check_main(values)
