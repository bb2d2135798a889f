"""What every command shares: its one-line messages on stderr, and the registry and
settings that ``rule``, ``rules`` and ``linter`` show.

Repository text in a message is escaped, so each stays one line (no forged ``::error::``
workflow command, no terminal escapes).
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

from mojolint.commands.status import ExitStatus
from mojolint.config import ConfigResolver
from mojolint.configfile import ConfigError
from mojolint.escape import one_line
from mojolint.registry import Registry, RegistryError, get_registry
from mojolint.settings import Settings


def error_line(message: str) -> None:
    """One ``mojolint: error:`` line on stderr."""
    import click  # here: a replayed run (mojolint.commands.quick) never imports it

    click.echo(f"mojolint: error: {one_line(message)}", err=True)


def fail(message: str) -> NoReturn:
    """An expected failure (bad config, missing path, broken plugin): one line, status 2."""
    error_line(message)
    raise SystemExit(ExitStatus.ERROR.value)


def warn(message: str) -> None:
    import click

    click.echo(f"mojolint: warning: {one_line(message)}", err=True)


def verbose(message: str) -> None:
    import click

    click.echo(f"mojolint: verbose: {one_line(message)}", err=True)


def registry() -> Registry:
    """The installed rules; a plugin that fails to load is one error line."""
    try:
        return get_registry()
    except RegistryError as error:
        fail(str(error))


def cwd_settings(rules: Registry) -> Settings:
    """Settings that apply here, so `rule`/`rules` also show this project's pattern rules."""
    try:
        return ConfigResolver(rules).settings_for_dir(Path.cwd())
    except ConfigError as error:
        fail(str(error))
