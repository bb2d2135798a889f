"""The arguments of ``mojolint check`` as one object, built by keyword from click's values.

:meth:`CheckArguments.from_values` is the only place that reads click's values: it splits
comma-separated codes, sorts ``--config`` values into a file and TOML fragments, and groups
the fix and surface options, each field named.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mojolint.commands.common import fail
from mojolint.commands.status import Mode
from mojolint.configfile import ConfigError
from mojolint.redirects import redirect_all
from mojolint.selectors import unknown_selector
from mojolint.settings import Overrides, Settings

if TYPE_CHECKING:
    from mojolint.fixes import FixPolicy  # imported to fix: a warm run needs none


def split_codes(values: Sequence[str]) -> tuple[str, ...]:
    """``--select A,B --select C`` → ``("A", "B", "C")``."""
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


@dataclass(frozen=True)
class SurfaceArguments:
    """What to show instead of (or around) the lint run, and how to walk."""

    verbose: bool = False
    show_files: bool = False
    show_settings: bool = False
    respect_gitignore: bool | None = None  # None: each folder's settings decide
    color: str = "auto"
    watch: bool = False
    silent: bool = False


@dataclass(frozen=True)
class FixArguments:
    """``--fix`` and its companions."""

    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    show_fixes: bool = False
    fix_only: bool = False
    exit_non_zero_on_fix: bool = False
    fixable: tuple[str, ...] | None = None
    unfixable: tuple[str, ...] = ()
    extend_safe_fixes: tuple[str, ...] = ()
    extend_unsafe_fixes: tuple[str, ...] = ()

    @property
    def fixing(self) -> bool:
        """Whether fixes are computed (written, or shown as a diff)."""
        return self.fix or self.fix_only or self.diff

    @property
    def writes(self) -> bool:
        return (self.fix or self.fix_only) and not self.diff

    @property
    def reports_violations(self) -> bool:
        return not (self.fix_only or self.diff)

    def policy(self, settings: Settings) -> FixPolicy:
        """The settings' fix policy with the command-line fix options on top."""
        from mojolint.fixes import FixPolicy

        base = FixPolicy.from_settings(settings, unsafe=self.unsafe_fixes)
        return dataclasses.replace(
            base,
            fixable=redirect_all(self.fixable) if self.fixable is not None else base.fixable,
            unfixable=base.unfixable + redirect_all(self.unfixable),
            extend_safe=base.extend_safe + redirect_all(self.extend_safe_fixes),
            extend_unsafe=base.extend_unsafe + redirect_all(self.extend_unsafe_fixes),
        )

    def check_selectors(self, known: frozenset[str]) -> None:
        for option, selectors in (("--fixable", self.fixable or ()),
                                  ("--unfixable", self.unfixable),
                                  ("--extend-safe-fixes", self.extend_safe_fixes),
                                  ("--extend-unsafe-fixes", self.extend_unsafe_fixes)):
            problem = unknown_selector(selectors, known, option)
            if problem is not None:
                raise ConfigError(problem)


@dataclass(frozen=True)
class CheckArguments:
    """Everything ``mojolint check`` was asked to do."""

    paths: tuple[Path, ...] = ()
    config: Path | None = None
    isolated: bool = False
    overrides: Overrides = field(default_factory=Overrides)
    output_format: str = "full"
    output_file: Path | None = None
    statistics: bool = False
    quiet: bool = False
    exit_zero: bool = False
    no_cache: bool = False
    force_exclude: bool = False
    stdin_filename: str | None = None
    add_noqa: str | None = None  # None: not asked; "" or the reason to write after the codes
    cache_dir: Path | None = None
    fix: FixArguments = field(default_factory=FixArguments)
    surface: SurfaceArguments = field(default_factory=SurfaceArguments)

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> CheckArguments:
        """The arguments from click's parsed values (parameter name → value)."""
        config, table = config_values(values["config_values"])
        return cls(
            paths=values["paths"],
            config=config,
            isolated=values["isolated"],
            overrides=Overrides(
                select=split_codes(values["select"]) or None,
                extend_select=split_codes(values["extend_select"]),
                ignore=split_codes(values["ignore"]),
                target_version=values["target_version"],
                exclude=split_codes(values["exclude_patterns"]) or None,
                extend_exclude=split_codes(values["extend_exclude_patterns"]),
                ignore_noqa=values["ignore_noqa"],
                table=table,
            ),
            output_format=values["output_format"],
            output_file=values["output_file"],
            statistics=values["statistics"],
            quiet=values["quiet"],
            exit_zero=values["exit_zero"],
            no_cache=values["no_cache"],
            force_exclude=values["force_exclude"],
            stdin_filename=values["stdin_filename"],
            add_noqa=_noqa_reason(values["add_noqa"]),
            cache_dir=values["cache_dir"],
            fix=FixArguments(
                fix=values["fix"],
                unsafe_fixes=values["unsafe_fixes"],
                diff=values["diff"],
                show_fixes=values["show_fixes"],
                fix_only=values["fix_only"],
                exit_non_zero_on_fix=values["exit_non_zero_on_fix"],
                fixable=split_codes(values["fixable"]) or None,
                unfixable=split_codes(values["unfixable"]),
                extend_safe_fixes=split_codes(values["extend_safe_fixes"]),
                extend_unsafe_fixes=split_codes(values["extend_unsafe_fixes"]),
            ),
            surface=SurfaceArguments(
                verbose=values["verbose"],
                show_files=values["show_files"],
                show_settings=values["show_settings"],
                respect_gitignore=values["respect_gitignore"],
                color=values["color"],
                watch=values["watch"],
                silent=values["silent"],
            ),
        )

    @property
    def mode(self) -> Mode:
        """The options that decide what counts as failure (for ``exit_status``)."""
        return Mode(exit_zero=self.exit_zero, diff=self.fix.diff, fix_only=self.fix.fix_only,
                    exit_non_zero_on_fix=self.fix.exit_non_zero_on_fix)

    @property
    def reads_stdin(self) -> bool:
        return Path("-") in self.paths or (self.stdin_filename is not None and not self.paths)


def _noqa_reason(value: str | None) -> str | None:
    """``--add-noqa[=REASON]``: the reason must fit on the comment's line."""
    if value is not None and ("\n" in value or "\r" in value):
        fail("--add-noqa: the reason must be one line")
    return value if value is None else value.strip()


def config_values(values: Sequence[str]) -> tuple[Path | None, dict[str, Any]]:
    """``--config`` values: at most one config file, and TOML ``KEY = VALUE`` fragments.

    As ruff decides: a value that names an existing file is a file; else a value with ``=``
    is TOML; else it is a file name that does not exist.
    """
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised only on 3.10
        import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]

    config: Path | None = None
    table: dict[str, Any] = {}
    for value in values:
        if os.path.isfile(value) or "=" not in value:
            if config is not None:
                fail(f"--config: only one config file can be given ({config}, {value})")
            config = Path(value)
            continue
        try:
            fragment = tomllib.loads(value)
        except tomllib.TOMLDecodeError as error:
            fail(f"--config {value!r}: neither a config file nor a TOML `KEY = VALUE` "
                 f"fragment ({error})")
        table = _merge_fragment(table, fragment)
    return config, table


def _merge_fragment(base: dict[str, Any], fragment: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in fragment.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge_fragment(merged[key], value)
        else:
            merged[key] = value
    return merged
