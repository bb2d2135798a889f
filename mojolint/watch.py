"""``mojolint check --watch``: lint, then lint again whenever a file that matters changes.

Built on ``watchfiles`` (inotify/FSEvents/ReadDirectoryChanges through the Rust ``notify``
crate, with polling as a fallback: set ``WATCHFILES_FORCE_POLLING=1`` on file systems
that send no events, such as some network mounts). Each change re-runs the whole check;
the cache makes the files that did not change cheap. A config error in one round is
printed and the watch goes on, so a half-typed config file does not end the session.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mojolint.commands.common import error_line
from mojolint.commands.status import ExitStatus
from mojolint.configfile import CONFIG_FILE_NAMES, ConfigError
from mojolint.discovery import IGNORE_FILE_NAMES, MOJO_SUFFIXES

if TYPE_CHECKING:
    from mojolint.commands.arguments import CheckArguments

WATCHED_NAMES = frozenset((*CONFIG_FILE_NAMES, *IGNORE_FILE_NAMES))


def matters(path: str) -> bool:
    """Whether a change to ``path`` can change the result: a Mojo file, a config file or an
    ignore file (files matched by a custom ``include`` are picked up with the next change
    of one of these)."""
    name = Path(path).name
    return name.endswith(MOJO_SUFFIXES) or name in WATCHED_NAMES


def watch_and_check(args: CheckArguments, run: Callable[[CheckArguments], ExitStatus]
                    ) -> ExitStatus:
    """Run ``run(args)`` now and after every relevant change, until Ctrl-C."""
    import watchfiles

    roots = [path for path in (args.paths or (Path("."),)) if path.exists()]
    if not roots:
        raise ConfigError("--watch: none of the given paths exists")
    click.echo("Starting linter in watch mode...", err=True)
    status = _round(args, run)
    for _changes in watchfiles.watch(*roots, watch_filter=lambda _c, p: matters(p),
                                     raise_interrupt=False, debounce=200):
        click.echo(f"[{time.strftime('%H:%M:%S')}] File change detected; linting again...",
                   err=True)
        status = _round(args, run)
    return status


def _round(args: CheckArguments, run: Callable[[CheckArguments], ExitStatus]) -> ExitStatus:
    try:
        return run(args)
    except ConfigError as error:
        error_line(str(error))
        return ExitStatus.ERROR
