"""``mojolint check`` without click, for the usual command lines.

Importing click (and the ``inspect``, ``uuid``, ``datetime`` and ``gettext`` it brings) was
about a tenth of a run the cache serves whole. :func:`quick_check` parses a ``check``
command line into the values click would give the command (:mod:`.check_command`) and runs
the same :func:`~mojolint.commands.check.check_main`; anything it is not sure to parse as
click does (``--help``, ``--add-noqa``, joined short options such as ``-qe`` or ``-oFILE``,
``--``, ``-``, a value that looks like an option, a missing or invalid value, an existing
path that click's checks might refuse, shell completion, Windows' argument expansion) is
left to click. ``tests/test_quick_check.py`` compares both parsers on many command lines
and checks that this table names every option of the click declaration.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

# Options without a value: the parameter each sets, and to what.
_FLAGS: dict[str, tuple[str, bool]] = {
    "--isolated": ("isolated", True),
    "--statistics": ("statistics", True),
    "--quiet": ("quiet", True), "-q": ("quiet", True),
    "--exit-zero": ("exit_zero", True), "-e": ("exit_zero", True),
    "--no-cache": ("no_cache", True), "-n": ("no_cache", True),
    "--force-exclude": ("force_exclude", True),
    "--respect-gitignore": ("respect_gitignore", True),
    "--no-respect-gitignore": ("respect_gitignore", False),
    "--ignore-noqa": ("ignore_noqa", True),
    "--show-files": ("show_files", True),
    "--show-settings": ("show_settings", True),
    "--watch": ("watch", True), "-w": ("watch", True),
    "--silent": ("silent", True), "-s": ("silent", True),
    "--verbose": ("verbose", True), "-v": ("verbose", True),
    "--fix": ("fix", True),
    "--unsafe-fixes": ("unsafe_fixes", True),
    "--no-unsafe-fixes": ("unsafe_fixes", False),
    "--diff": ("diff", True),
    "--show-fixes": ("show_fixes", True),
    "--fix-only": ("fix_only", True),
    "--exit-non-zero-on-fix": ("exit_non_zero_on_fix", True),
}
# Options that may be repeated: each value is kept, in order.
_MULTIPLE: dict[str, str] = {
    "--config": "config_values",
    "--select": "select",
    "--extend-select": "extend_select",
    "--ignore": "ignore",
    "--exclude": "exclude_patterns",
    "--extend-exclude": "extend_exclude_patterns",
    "--fixable": "fixable",
    "--unfixable": "unfixable",
    "--extend-safe-fixes": "extend_safe_fixes",
    "--extend-unsafe-fixes": "extend_unsafe_fixes",
}
# Options with one value (the last one given counts).
_SINGLE: dict[str, str] = {
    "--target-version": "target_version",
    "--output-format": "output_format",
    "--output-file": "output_file", "-o": "output_file",
    "--cache-dir": "cache_dir",
    "--color": "color",
    "--stdin-filename": "stdin_filename",
}
_COLORS = ("auto", "always", "never")

# What click gives the command when an option is not on the command line.
DEFAULTS: dict[str, Any] = {
    "paths": (), "add_noqa": None,
    **{name: False for name, _ in _FLAGS.values()},
    "respect_gitignore": None,
    **{name: () for name in _MULTIPLE.values()},
    **{name: None for name in _SINGLE.values()},
    "output_format": "full", "color": "auto",
}


def parse_check(argv: list[str]) -> dict[str, Any] | None:
    """The values click would give ``check`` for ``argv`` (what follows ``check``), or None
    when click should parse it."""
    values = dict(DEFAULTS)
    multiple: dict[str, list[str]] = {}
    paths: list[Path] = []
    index = 0
    while index < len(argv):
        token = argv[index]
        index += 1
        if not token.startswith("-"):
            paths.append(Path(token))
            continue
        name, equals, explicit = token.partition("=")
        if name.startswith("--") and equals:
            value: str | None = explicit
        elif equals:
            return None  # -o=FILE: click reads a short option's value differently
        else:
            name, value = token, None
        if name in _FLAGS and value is None:
            parameter, flag = _FLAGS[name]
            values[parameter] = flag
            continue
        if name not in _MULTIPLE and name not in _SINGLE:
            return None  # --help, --add-noqa, -, --, -qe, an unknown option: click's
        if value is None:
            if index >= len(argv) or argv[index].startswith("-"):
                return None  # no value, or one that looks like an option
            value = argv[index]
            index += 1
        if name in _MULTIPLE:
            multiple.setdefault(_MULTIPLE[name], []).append(value)
            continue
        converted = _converted(_SINGLE[name], value)
        if converted is None:
            return None
        values[_SINGLE[name]] = converted
    values["paths"] = tuple(paths)
    values.update({parameter: tuple(given) for parameter, given in multiple.items()})
    return values


def _converted(parameter: str, value: str) -> str | Path | None:
    """A single option's value as click converts it; None when click may refuse it."""
    if parameter == "output_format":
        from mojolint.output import FORMATS

        return value if value in FORMATS else None
    if parameter == "color":
        return value if value in _COLORS else None
    if parameter in ("output_file", "cache_dir"):
        # click.Path: an existing file (--cache-dir) or folder (--output-file), or one that
        # cannot be read, is an error; click's message is left to click.
        try:
            info = os.stat(value)
        except (OSError, ValueError):
            return Path(value)
        wanted = stat.S_ISREG(info.st_mode) if parameter == "output_file" else \
            stat.S_ISDIR(info.st_mode)
        return Path(value) if wanted and os.access(value, os.R_OK) else None
    return value


def quick_check(argv: list[str]) -> None:
    """Run ``mojolint ARGV`` (exiting) when it is a ``check`` command line parsed here;
    return otherwise, for click."""
    if argv[:1] != ["check"] or os.name == "nt" or "_MOJOLINT_COMPLETE" in os.environ:
        return
    values = parse_check(argv[1:])
    if values is None:
        return
    from mojolint.commands.check import check_main

    check_main(values)


__all__ = ["DEFAULTS", "parse_check", "quick_check"]
