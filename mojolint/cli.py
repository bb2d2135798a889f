"""The ``mojolint`` command line: the click group and its commands.

Each command lives in its own module under :mod:`mojolint.commands` (``check`` and the
standard-input and ``--add-noqa`` runs it hands over to, ``rule``/``rules``, ``server``,
and ``config``/``linter``/``clean``/``version``). Every expected failure (bad config,
missing path, broken plugin) is one line on stderr starting with ``mojolint: error:`` and
exit status 2; nobody should see a traceback.

The group (:data:`cli`, declared in :mod:`mojolint.commands.group`) is imported when first
used: :func:`main` first gives the command line to :mod:`mojolint.commands.quick`, which runs
the usual ``check`` command lines without importing click (a run the cache serves whole
spent a tenth of its time importing it).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from mojolint.gcpause import process_ends_after_command

if TYPE_CHECKING:
    import click

    cli: click.Group
    check: click.Command


def main() -> None:
    process_ends_after_command()
    from mojolint.commands.quick import quick_check

    quick_check(sys.argv[1:])  # returns when click is to parse the command line
    from mojolint.commands.group import cli
    from mojolint.commands.printer import quiet_broken_pipe

    try:
        cli(prog_name="mojolint")
    except BrokenPipeError:
        quiet_broken_pipe()


def __getattr__(name: str) -> Any:
    """``cli`` and ``check``: the click group and command, imported on first use."""
    if name in ("cli", "check"):
        from mojolint.commands import group

        return getattr(group, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["check", "cli", "main"]
