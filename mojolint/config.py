"""Configuration: find, validate, merge and resolve ``[tool.mojolint]`` settings.

The pieces below it: :mod:`mojolint.configfile` reads one file, :mod:`mojolint.settings` is
the result (frozen data), :mod:`mojolint.selectors` and :mod:`mojolint.paths` answer what a
selector or a path means, :mod:`mojolint.pattern_rules` reads ``[[pattern-rules]]`` entries.

Where settings come from, strongest first:

1. command-line overrides (``--select``, ``--ignore``, ``--target-version`` ...);
2. ``--config FILE`` if given, else the config file nearest to each linted file
   (``.mojolint.toml``, ``mojolint.toml``, or ``pyproject.toml`` with ``[tool.mojolint]``);
3. files named by ``extend`` (the extending file's keys win);
4. built-in defaults. ``--isolated`` skips 2 and 3.

Every problem is a :class:`ConfigError` whose message names the file, the key and what is
allowed, so the command line can print it as one line.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mojolint.configfile import ConfigError, config_file_in, mojolint_table, section_name
from mojolint.globs import glob_problem
from mojolint.options import OptionError, build_options
from mojolint.paths import display_path, find_git_root
from mojolint.project_version import Detected, ProjectFileError, detect_in
from mojolint.redirects import redirect, redirect_all, take_warnings, warn_once
from mojolint.selectors import unknown_selector
from mojolint.settings import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, Overrides, PatternRuleSpec, Settings
from mojolint.tensor_api import TENSOR_API_KEYS, TensorApi
from mojolint.versions import DEFAULT_TARGET_VERSION, TARGET_VERSIONS, canonical_version

if TYPE_CHECKING:
    from mojolint.registry import Registry

SELECTOR_KEYS = ("select", "extend-select", "ignore", "fixable", "unfixable",
                 "extend-safe-fixes", "extend-unsafe-fixes")
LIST_KEYS = (*SELECTOR_KEYS, "exclude", "extend-exclude", "include", "extend-include")
BOOL_KEYS = ("respect-gitignore", "force-exclude")
ALLOWED_KEYS = (
    "extend",
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "exclude",
    "extend-exclude",
    "include",
    "extend-include",
    "respect-gitignore",
    "force-exclude",
    "target-version",
    "fixable",
    "unfixable",
    "extend-safe-fixes",
    "extend-unsafe-fixes",
    "rules",
    "pattern-rules",
    "cache-dir",
    "tensor-api",
)
GLOB_KEYS = ("exclude", "extend-exclude")


# --- command-line overrides ---------------------------------------------------------------


def with_overrides(settings: Settings, overrides: Overrides) -> Settings:
    """``settings`` with the command-line overrides on top."""
    settings = with_table(settings, overrides.table) if overrides.table else settings
    return dataclasses.replace(
        settings,
        select=(redirect_all(overrides.select) if overrides.select is not None
                else settings.select),
        extend_select=settings.extend_select + redirect_all(overrides.extend_select),
        ignore=settings.ignore + redirect_all(overrides.ignore),
        target_version=canonical_version(overrides.target_version or "")
        or settings.target_version,
        target_version_source="--target-version" if overrides.target_version
        else settings.target_version_source,
        exclude=overrides.exclude if overrides.exclude is not None else settings.exclude,
        extend_exclude=settings.extend_exclude + overrides.extend_exclude,
        ignore_noqa=overrides.ignore_noqa or settings.ignore_noqa,
    )


def with_table(settings: Settings, table: Mapping[str, Any]) -> Settings:
    """``settings`` with the keys of ``table`` (``--config KEY=VALUE``) replacing
    theirs; ``rules`` tables are merged per rule, as ``extend`` merges them."""
    parsed = _settings_from_table(table, settings.root, settings.config_path, {})
    changes: dict[str, Any] = {}
    for key in table:
        name = _FIELD_FOR_KEY.get(key, key.replace("-", "_"))
        if name == "rule_options":
            for field_name in ("rule_options", "legacy_tensor_api"):
                merged = {code: dict(opts)
                          for code, opts in getattr(settings, field_name).items()}
                for code, opts in getattr(parsed, field_name).items():
                    merged[code] = {**merged.get(code, {}), **opts}
                changes[field_name] = merged
        elif name == "tensor_api":
            changes[name] = {**settings.tensor_api, **parsed.tensor_api}
        else:
            changes[name] = getattr(parsed, name)
    if "target-version" in table:
        changes["target_version_source"] = "--config target-version"
    return dataclasses.replace(settings, **changes)


# --- validation ---------------------------------------------------------------------------


class _Validator:
    """Checks one config file's table; every message starts with the file's name."""

    def __init__(self, path: Path, registry: Registry, known_codes: frozenset[str]) -> None:
        self.path = path
        self.registry = registry
        self.known_codes = known_codes

    def fail(self, message: str) -> ConfigError:
        return ConfigError(f"{display_path(self.path)}: {message}")

    def check(self, table: Mapping[str, Any]) -> None:
        where = section_name(self.path)
        for key, value in table.items():
            if key not in ALLOWED_KEYS:
                raise self.fail(
                    f"unknown key '{key}' in {where}; allowed: {', '.join(ALLOWED_KEYS)}"
                )
            self.check_key(key, value)

    def check_key(self, key: str, value: Any) -> None:
        if key in BOOL_KEYS:
            if not isinstance(value, bool):
                raise self.fail(f"invalid value {value!r} for '{key}': expected true or false")
        elif key in LIST_KEYS:
            self.string_list(key, value)
            if key in SELECTOR_KEYS:
                self.selectors(key, value)
            if key in GLOB_KEYS:
                for pattern in value:
                    self.glob(key, pattern)
        elif key in ("extend", "cache-dir"):
            if not isinstance(value, str) or not value:
                raise self.fail(f"invalid value for '{key}': expected a path string")
            if "\0" in value:
                raise self.fail(f"invalid value for '{key}': the path contains a NUL byte")
        elif key == "target-version":
            if not isinstance(value, str) or canonical_version(value) is None:
                raise self.fail(
                    f"invalid value {value!r} for 'target-version'; allowed: "
                    + ", ".join(TARGET_VERSIONS)
                )
        elif key == "per-file-ignores":
            self.per_file_ignores(value)
        elif key == "rules":
            self.rule_tables(value)
        elif key == "tensor-api":
            where = section_name(self.path, "tensor-api")
            if not isinstance(value, dict):
                raise self.fail(f"{where} must be a table of options")
            try:
                build_options(TensorApi, value)
            except OptionError as error:
                raise self.fail(f"{error} in {where}") from None
        # "pattern-rules" entries are read and checked once, by pattern_rule_specs.

    def string_list(self, key: str, value: Any) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"invalid value for '{key}': expected a list of strings")

    def glob(self, key: str, pattern: str) -> None:
        problem = glob_problem(pattern)
        if problem is not None:
            raise self.fail(f"invalid glob {pattern!r} in '{key}': {problem}")

    def selectors(self, key: str, values: Iterable[str]) -> None:
        problem = unknown_selector(values, self.known_codes, key)
        if problem is not None:
            raise self.fail(problem)

    def per_file_ignores(self, value: Any) -> None:
        if not isinstance(value, dict):
            raise self.fail("'per-file-ignores' must be a table of glob = [codes]")
        for pattern, codes in value.items():
            self.glob("per-file-ignores", pattern)
            self.string_list(f"per-file-ignores.{pattern}", codes)
            self.selectors(f"per-file-ignores.{pattern}", codes)

    def rule_tables(self, value: Any) -> None:
        if not isinstance(value, dict):
            raise self.fail("'rules' must be a table of [rules.CODE] tables")
        for code, options in value.items():
            where = section_name(self.path, "rules", code)
            code = redirect(code, warn=False)  # [rules.TS008] configures NU004
            if code not in self.known_codes:
                raise self.fail(
                    f"unknown rule code '{code}' in {where}; allowed: "
                    + ", ".join(sorted(self.known_codes))
                )
            if not isinstance(options, dict):
                raise self.fail(f"{where} must be a table of options")
            if reads_tensor_api(self.registry, code):
                api, options = split_tensor_api(options)
                try:
                    build_options(TensorApi, api)
                except OptionError as error:
                    raise self.fail(f"{error} in {where}") from None
            options_type = self.registry.options_type(code)
            if options_type is None:
                if options:
                    raise self.fail(f"{where}: rule {code} has no options")
                continue
            try:
                build_options(options_type, options)
            except OptionError as error:
                raise self.fail(f"{error} in {where}") from None


def reads_tensor_api(registry: Registry, code: str) -> bool:
    """True for a rule that reads the tensor API (its ``reads_tensor_api`` attribute)."""
    info = registry.infos.get(code)
    return info is not None and info.reads_tensor_api


def split_tensor_api(options: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A ``[rules.CODE]`` table split into its deprecated tensor-API keys and the rest."""
    api = {key: value for key, value in options.items() if key in TENSOR_API_KEYS}
    rest = {key: value for key, value in options.items() if key not in TENSOR_API_KEYS}
    return api, rest


def _warn_deprecated_tensor_api(chain: list[tuple[Path, dict[str, Any]]],
                                merged: Mapping[str, Any]) -> None:
    """One line per file and old key, like ruff's warning about top-level lint settings."""
    shared = merged.get("tensor-api", {})
    for file_path, table in chain:
        rules = table.get("rules", {})
        for code, options in rules.items() if isinstance(rules, dict) else ():
            api, _ = split_tensor_api(options if isinstance(options, dict) else {})
            for key in api:
                old = section_name(file_path, "rules", code)
                new = section_name(file_path, "tensor-api")
                message = (f"{display_path(file_path)}: `{old} {key}` is deprecated in favour of "
                           f"its counterpart in the shared tensor API table: `{new} {key}`")
                if key in shared:
                    message += f" (both are given; `{new} {key}` wins)"
                warn_once(message + ".")


# --- loading and merging ------------------------------------------------------------------


def load_settings(path: Path, registry: Registry) -> Settings:
    """Settings from one config file and the files it extends."""
    chain = _extend_chain(path.resolve())
    specs_by_file = {p: pattern_rule_specs(p, t) for p, t in chain}
    pattern_codes = {spec.code for specs in specs_by_file.values() for spec in specs}
    clashes = pattern_codes & set(registry.codes())
    if clashes:
        clash_file = next(p for p, s in specs_by_file.items() if {x.code for x in s} & clashes)
        raise ConfigError(
            f"{display_path(clash_file)}: pattern rule code '{sorted(clashes)[0]}' is already used "
            "by an installed rule; choose another code"
        )
    known = frozenset(registry.codes()) | pattern_codes
    for file_path, table in chain:
        _Validator(file_path, registry, known).check(table)
    merged: dict[str, Any] = {}
    target_source = "default"
    for file_path, table in chain:
        merged = _merge(merged, table)
        if "target-version" in table:
            target_source = display_path(file_path)
    _warn_deprecated_tensor_api(chain, merged)
    patterns: dict[str, PatternRuleSpec] = {}
    for specs in specs_by_file.values():
        patterns.update((spec.code, spec) for spec in specs)
    settings = _settings_from_table(merged, path.resolve().parent, path.resolve(), patterns)
    return dataclasses.replace(settings, target_version_source=target_source)


def pattern_rule_specs(path: Path, table: Mapping[str, Any]) -> list[PatternRuleSpec]:
    """The ``[[pattern-rules]]`` of one config file's table, each validated."""
    value = table.get("pattern-rules", [])
    if not isinstance(value, list):
        raise ConfigError(f"{display_path(path)}: 'pattern-rules' must be an array of tables")
    if not value:
        return []
    # Pattern rules compile tree-sitter queries: imported only for a config that has some.
    from mojolint.pattern_rules import PatternRuleError, parse_spec

    specs = []
    for index, raw in enumerate(value):
        where = f"{section_name(path, 'pattern-rules')}[{index}]"
        try:
            specs.append(parse_spec(raw, where, origin=display_path(path)))
        except PatternRuleError as error:
            raise ConfigError(f"{display_path(path)}: {error}") from None
    return specs


def _extend_chain(path: Path) -> list[tuple[Path, dict[str, Any]]]:
    """``path`` and the files it extends, the most basic one first."""
    chain: list[tuple[Path, dict[str, Any]]] = []
    seen: set[Path] = set()
    current: Path | None = path
    while current is not None:
        if current in seen:
            raise ConfigError(f"{display_path(current)}: 'extend' forms a cycle")
        seen.add(current)
        if not current.exists():
            raise ConfigError(f"{display_path(current)}: config file not found")
        if not current.is_file():
            raise ConfigError(f"{display_path(current)}: not a regular file")
        table = mojolint_table(current)
        if table is None:
            raise ConfigError(f"{display_path(current)}: has no [tool.mojolint] table")
        chain.append((current, table))
        extend = table.get("extend")
        if extend is not None and not isinstance(extend, str):
            raise ConfigError(f"{display_path(current)}: invalid value for 'extend': expected a "
                              "path string")
        if extend and "\0" in extend:
            raise ConfigError(f"{display_path(current)}: invalid value for 'extend': the path "
                              "contains a NUL byte")
        current = (current.parent / extend).resolve() if extend else None
    return list(reversed(chain))


def _merge(base: dict[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in child.items():
        if key in ("rules", "per-file-ignores", "tensor-api") and isinstance(merged.get(key),
                                                                           dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _settings_from_table(
    table: Mapping[str, Any], root: Path, config_path: Path | None,
    patterns: Mapping[str, PatternRuleSpec],
) -> Settings:
    def strings(key: str) -> tuple[str, ...]:
        return redirect_all(table.get(key, ()))

    # Options given under a renamed rule's old code apply to the new one, unless the new
    # code has its own table.
    rule_options: dict[str, dict[str, Any]] = {}
    legacy_api: dict[str, dict[str, Any]] = {}
    for code, opts in table.get("rules", {}).items():
        if redirect(code) == code or redirect(code) not in table.get("rules", {}):
            api, rest = split_tensor_api(opts)
            rule_options[redirect(code)] = rest
            if api:
                legacy_api[redirect(code)] = api
    return Settings(
        root=root,
        config_path=config_path,
        select=redirect_all(table["select"]) if "select" in table else None,
        extend_select=strings("extend-select"),
        ignore=strings("ignore"),
        per_file_ignores=tuple(
            (pattern, redirect_all(codes))
            for pattern, codes in table.get("per-file-ignores", {}).items()
        ),
        exclude=tuple(table["exclude"]) if "exclude" in table else DEFAULT_EXCLUDE,
        extend_exclude=strings("extend-exclude"),
        include=tuple(table["include"]) if "include" in table else DEFAULT_INCLUDE,
        extend_include=strings("extend-include"),
        respect_gitignore=bool(table.get("respect-gitignore", True)),
        force_exclude=bool(table.get("force-exclude", False)),
        target_version=canonical_version(table.get("target-version", DEFAULT_TARGET_VERSION))
        or DEFAULT_TARGET_VERSION,
        fixable=redirect_all(table["fixable"]) if "fixable" in table else None,
        unfixable=strings("unfixable"),
        extend_safe_fixes=strings("extend-safe-fixes"),
        extend_unsafe_fixes=strings("extend-unsafe-fixes"),
        rule_options=rule_options,
        tensor_api=dict(table.get("tensor-api", {})),
        legacy_tensor_api=legacy_api,
        pattern_rules=tuple(patterns.values()),
        cache_dir=table.get("cache-dir"),
    )


# Config keys whose Settings field is not the key with '-' → '_'.
_FIELD_FOR_KEY = {"rules": "rule_options", "pattern-rules": "pattern_rules",
                  "tensor-api": "tensor_api"}


class ConfigResolver:
    """Finds the effective settings for each file; caches per directory."""

    def __init__(
        self,
        registry: Registry,
        *,
        config_file: Path | None = None,
        isolated: bool = False,
        overrides: Overrides | None = None,
    ) -> None:
        self.registry = registry
        self.isolated = isolated
        self.overrides = overrides or Overrides()
        take_warnings()  # a new run: remapping warnings of an earlier one are not its own
        given = self.overrides  # renamed codes on the command line are remapped (and warned) now
        self.overrides = dataclasses.replace(
            given, select=None if given.select is None else redirect_all(given.select),
            extend_select=redirect_all(given.extend_select), ignore=redirect_all(given.ignore))
        self._by_config: dict[Path | None, Settings] = {}
        self._by_dir: dict[Path, Settings] = {}
        # The same answers keyed by the folder's absolute path as a string: a run asks once
        # or twice per file, and building a Path for each question was most of the cost.
        self._by_dir_name: dict[str, Settings] = {}
        self._forced: Settings | None = None
        # The Mojo release each folder's project files pin (None: none say one), and the
        # settings with that release filled in, built once per (settings, detection).
        self._pinned: dict[Path, Detected | None] = {}
        self._with_pin: dict[tuple[int, Detected], Settings] = {}
        self._check_overrides()
        if config_file is not None and not isolated:
            self._forced = self._finish(load_settings(config_file, registry))

    def settings_origin(self, settings: Settings) -> str:
        """Where ``settings`` came from, for ``--verbose`` and ``--show-settings``."""
        extra = " with --config KEY=VALUE on top" if self.overrides.table else ""
        if self._forced is not None and settings.config_path == self._forced.config_path:
            return f"{display_path(settings.config_path or Path('.'))} (given by --config){extra}"
        if settings.config_path is not None:
            return f"{display_path(settings.config_path)} (the nearest config file){extra}"
        if self.isolated:
            return f"built-in defaults (--isolated){extra}"
        return f"built-in defaults (no config file in this folder or above){extra}"

    def _check_overrides(self) -> None:
        table = self.overrides.table
        for key in ("extend", "pattern-rules"):
            if key in table:
                raise ConfigError(f"'{key}' cannot be given with --config KEY=VALUE; "
                                  "put it in a config file")
        if table:
            _Validator(Path("--config"), self.registry,
                       frozenset(self.registry.codes())).check(table)
        requested = self.overrides.target_version
        if requested is not None and canonical_version(requested) is None:
            raise ConfigError(
                f"invalid value {self.overrides.target_version!r} for '--target-version'; "
                f"allowed: {', '.join(TARGET_VERSIONS)}"
            )

    def _finish(self, settings: Settings) -> Settings:
        """Apply command-line overrides, checking their selectors against known codes."""
        known = frozenset(self.registry.codes()) | {p.code for p in settings.pattern_rules}
        for option, selectors in (
            ("--select", self.overrides.select or ()),
            ("--extend-select", self.overrides.extend_select),
            ("--ignore", self.overrides.ignore),
        ):
            problem = unknown_selector(selectors, known, option)
            if problem is not None:
                raise ConfigError(problem)
        return with_overrides(settings, self.overrides)

    def default_root(self) -> Path:
        cwd = Path.cwd()
        return find_git_root(cwd) or cwd

    def settings_for_dir(self, directory: Path) -> Settings:
        directory = Path(os.path.abspath(directory))
        settings = self._forced or self._configured_for_dir(directory)
        return self._with_detected_target(settings, directory)

    def _with_detected_target(self, settings: Settings, directory: Path) -> Settings:
        """``settings`` with the release the nearest project files pin, unless one is set."""
        if settings.target_version_source != "default" or self.isolated:
            return settings
        detected = self.pinned_release(directory)
        if detected is None:
            return settings
        key = (id(settings), detected)
        if key not in self._with_pin:
            self._with_pin[key] = dataclasses.replace(
                settings, target_version=detected.version, target_version_source=detected.source)
        return self._with_pin[key]

    def pinned_release(self, directory: Path) -> Detected | None:
        """The release pinned by the project files nearest to ``directory`` (itself or above)."""
        unanswered: list[Path] = []
        current = directory
        while current not in self._pinned:
            unanswered.append(current)
            try:
                present, detected = detect_in(current)
            except ProjectFileError as error:
                raise ConfigError(str(error)) from None
            if present or current.parent == current:
                self._pinned[current] = detected
                break
            current = current.parent
        answer = self._pinned[current]
        for folder in unanswered:
            self._pinned[folder] = answer
        return answer

    def _configured_for_dir(self, directory: Path) -> Settings:
        # Look in each folder only once and let folders without a config inherit the answer
        # of the nearest one above; a loop, not recursion, so any depth of folders works.
        unanswered: list[Path] = []
        settings = self._by_dir.get(directory)
        while settings is None:
            unanswered.append(directory)
            config = None if self.isolated else config_file_in(directory)
            if config is not None or directory.parent == directory:
                settings = self._settings_for_config(config)
                break
            directory = directory.parent
            settings = self._by_dir.get(directory)
        for folder in unanswered:
            self._by_dir[folder] = settings
        return settings

    def settings_for_file(self, path: Path | str) -> Settings:
        folder = os.path.dirname(os.path.abspath(path))
        settings = self._by_dir_name.get(folder)
        if settings is None:
            settings = self.settings_for_dir(Path(folder))
            self._by_dir_name[folder] = settings
        return settings

    def _settings_for_config(self, config: Path | None) -> Settings:
        if config not in self._by_config:
            if config is None:
                settings = Settings(root=self.default_root())
            else:
                settings = load_settings(config, self.registry)
            self._by_config[config] = self._finish(settings)
        return self._by_config[config]

    def project_root(self) -> Path:
        """Directory of the config that applies to the working directory, else git root."""
        settings = self.settings_for_dir(Path.cwd())
        if settings.config_path is not None:
            return settings.config_path.parent
        return self.default_root()
