"""``mojolint server``: the language server, for editors."""

from __future__ import annotations

import click

from mojolint.commands.common import fail
from mojolint.registry import RegistryError


@click.command("server")
def server_command() -> None:
    """Run the language server on standard input and output (for editors)."""
    from mojolint.server import serve  # pygls is only imported when serving

    try:
        serve()
    except RegistryError as error:
        fail(str(error))
