"""The ``mojolint`` click group and its commands (``mojolint.cli.cli``)."""

from __future__ import annotations

import click

from mojolint import __version__
from mojolint.commands.check_command import check
from mojolint.commands.misc import clean_command, config_command, linter_command, version_command
from mojolint.commands.rules import rule, rules_command
from mojolint.commands.server import server_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="mojolint",
                      message="%(prog)s %(version)s")
def cli() -> None:
    """mojolint: a fast static analyzer for Mojo."""


for _command in (check, rule, rules_command, server_command, version_command, config_command,
                 linter_command, clean_command):
    cli.add_command(_command)


__all__ = ["check", "cli"]
