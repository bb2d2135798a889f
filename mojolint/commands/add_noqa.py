"""``mojolint check --add-noqa``: add a ``# noqa`` comment for every current violation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from mojolint.commands.arguments import CheckArguments
from mojolint.commands.common import error_line
from mojolint.commands.status import ExitStatus, Outcome, exit_status
from mojolint.config import ConfigResolver

if TYPE_CHECKING:
    from mojolint.discovery import Discovery

# Refusals that leave a file as it was for a reason of its own (it changed since it was
# read, it is read-only, it lies outside the project): a failure, not an error of mojolint.
_FILE_REFUSALS = ("changed-on-disk", "read-only", "refused")


def add_noqa(found: Discovery, resolver: ConfigResolver, args: CheckArguments) -> ExitStatus:
    """Write a ``# noqa`` for every violation and print how many were added.

    The files are written by the same checked writer as ``--fix``: a file that changed since
    it was read, a read-only, hard-linked or outside-the-project one is one line and kept."""
    from mojolint.engine import add_noqa_to_file
    from mojolint.fileio import WriteRefused
    from mojolint.paths import display_path

    root = resolver.project_root()
    added = 0
    refused = errors = False
    for path in found.files:
        try:
            added += add_noqa_to_file(path, resolver.settings_for_file(path), root=root,
                                      reason=args.add_noqa or None)
        except WriteRefused as refusal:
            error_line(f"{display_path(path)}: {refusal.reason}")
            refused |= refusal.status in _FILE_REFUSALS
            errors |= refusal.status not in _FILE_REFUSALS
        except OSError as error:
            error_line(f"{display_path(path)}: {error.strerror or error}")
            errors = True
    noun = "directive" if added == 1 else "directives"
    click.echo(f"Added {added} noqa {noun}.")
    return exit_status(Outcome(errors=errors or bool(found.errors), write_failed=refused),
                       args.mode)
