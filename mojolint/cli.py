"""The ``mojolint`` command line: the click group and its commands.

Each command lives in its own module under :mod:`mojolint.commands` (``check`` and the
standard-input and ``--add-noqa`` runs it hands over to, ``rule``/``rules``, ``server``,
and ``config``/``linter``/``clean``/``version``). Every expected failure (bad config,
missing path, broken plugin) is one line on stderr starting with ``mojolint: error:`` and
exit status 2; nobody should see a traceback.
"""

from __future__ import annotations

import click

from mojolint import __version__
from mojolint.commands.check import check
from mojolint.commands.misc import clean_command, config_command, linter_command, version_command
from mojolint.commands.printer import quiet_broken_pipe
from mojolint.commands.rules import rule, rules_command
from mojolint.commands.server import server_command
from mojolint.gcpause import process_ends_after_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="mojolint",
                      message="%(prog)s %(version)s")
def cli() -> None:
    """mojolint: a fast static analyzer for Mojo."""


for _command in (check, rule, rules_command, server_command, version_command, config_command,
                 linter_command, clean_command):
    cli.add_command(_command)


def main() -> None:
    process_ends_after_command()
    try:
        cli(prog_name="mojolint")
    except BrokenPipeError:
        quiet_broken_pipe()


__all__ = ["check", "cli", "main"]
