"""Settings: the effective configuration of a set of files, as frozen data (no I/O).

``mojolint.config`` finds, reads, validates and merges config files into these; rules and the
engine only read them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mojolint.diagnostics import Applicability, Severity
from mojolint.options import build_options
from mojolint.paths import matches_any, relative_to_root
from mojolint.tensor_api import TensorApi
from mojolint.versions import DEFAULT_TARGET_VERSION

DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".mojolint_cache",
    ".venv",
    "venv",
    ".pixi",
    ".magic",
    "__pycache__",
    "node_modules",
    "build",
    "dist",
)
# Files a walk lints (files named on the command line are linted whatever their name).
DEFAULT_INCLUDE = ("*.mojo", "*.🔥")

@dataclass(frozen=True)
class PatternRuleSpec:
    """A rule declared in config: a tree-sitter query plus a message and optional fix."""

    code: str
    name: str
    query: str
    message: str
    summary: str
    fix: str | None = None
    severity: Severity = Severity.WARNING
    fix_applicability: Applicability = Applicability.UNSAFE
    origin: str = ""  # the config file that declared it, for the rule page


@dataclass(frozen=True)
class Overrides:
    """Settings given on the command line; they beat every config file."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    target_version: str | None = None
    # ``--exclude`` replaces the exclude list, ``--extend-exclude`` adds to it.
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    ignore_noqa: bool = False
    # ``--config KEY=VALUE`` fragments, merged into one table (validated like a config file).
    table: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """The effective configuration for the files under one config file."""

    root: Path
    config_path: Path | None = None
    select: tuple[str, ...] | None = None  # None: every rule that is on by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    extend_include: tuple[str, ...] = ()
    respect_gitignore: bool = True
    # Apply exclusions to paths named on the command line too (for pre-commit, which names
    # every changed file).
    force_exclude: bool = False
    # --ignore-noqa (command line only, as ruff): report what noqa comments would hide.
    ignore_noqa: bool = False
    target_version: str = DEFAULT_TARGET_VERSION
    # Where target_version came from: "--target-version", the config file that sets it, the
    # project file it was detected from (``pixi.toml: [dependencies] mojo = ">=25.4,<26"``),
    # or "default". Shown by --show-settings.
    target_version_source: str = "default"
    fixable: tuple[str, ...] | None = None
    unfixable: tuple[str, ...] = ()
    # Codes whose unsafe fixes count as safe, and whose safe fixes count as unsafe.
    extend_safe_fixes: tuple[str, ...] = ()
    extend_unsafe_fixes: tuple[str, ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # The shared ``[tensor-api]`` table (kebab-case keys), read by every rule that knows the
    # tensor API; and the deprecated per-rule copies (``[rules.TS001] tensor-types = ...``)
    # by rule code, which still apply to their rule under the shared table.
    tensor_api: Mapping[str, Any] = field(default_factory=dict)
    legacy_tensor_api: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    pattern_rules: tuple[PatternRuleSpec, ...] = ()
    # Where the cache goes, as written in config (relative to the config file's folder).
    cache_dir: str | None = None
    # Built options by rule code: building them reads type hints, too slow for every file.
    _options: dict[tuple[str, type[Any]], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def exclude_patterns(self) -> tuple[str, ...]:
        return self.exclude + self.extend_exclude

    def include_patterns(self) -> tuple[str, ...]:
        return self.include + self.extend_include

    def file_ignores(self, path: Path | None) -> tuple[str, ...]:
        """Codes of the per-file-ignores whose pattern matches ``path``."""
        if path is None or not self.per_file_ignores:
            return ()
        relative = relative_to_root(path, self.root)
        extra = [
            code
            for pattern, codes in self.per_file_ignores
            if matches_any(relative, (pattern,))
            for code in codes
        ]
        return tuple(extra)

    def options_for(self, code: str, options_type: type[Any] | None) -> Any:
        if options_type is None:
            return None
        key = (code, options_type)
        if key not in self._options:
            self._options[key] = build_options(options_type, dict(self.rule_options.get(code, {})))
        return self._options[key]

    def tensor_api_for(self, code: str) -> TensorApi:
        """The tensor API rule ``code`` reads: the built-in defaults, then the rule's
        deprecated per-rule keys, then the shared ``[tensor-api]`` table (which wins)."""
        key = (code, TensorApi)
        if key not in self._options:
            raw = {**self.legacy_tensor_api.get(code, {}), **self.tensor_api}
            self._options[key] = build_options(TensorApi, raw)
        api: TensorApi = self._options[key]
        return api

    def fingerprint(self) -> dict[str, Any]:
        """What about these settings can change diagnostics (for the cache key)."""
        return {
            "target_version": self.target_version,
            "ignore_noqa": self.ignore_noqa,
            "rule_options": {k: dict(v) for k, v in sorted(self.rule_options.items())},
            "tensor_api": dict(self.tensor_api),
            "legacy_tensor_api": {k: dict(v)
                                  for k, v in sorted(self.legacy_tensor_api.items())},
            "pattern_rules": [dataclasses.asdict(p) for p in self.pattern_rules],
        }
