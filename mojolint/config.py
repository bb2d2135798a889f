"""Configuration: find, read, validate and merge ``[tool.mojolint]`` settings.

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
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mojolint.diagnostics import Applicability, Severity
from mojolint.options import OptionError, build_options
from mojolint.project_version import Detected, ProjectFileError, detect_in
from mojolint.redirects import redirect, redirect_all, take_warnings, warn_once
from mojolint.rule import CODE_PATTERN, NAME_PATTERN
from mojolint.tensor_api import TENSOR_API_KEYS, TensorApi
from mojolint.versions import DEFAULT_TARGET_VERSION, TARGET_VERSIONS, canonical_version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on 3.10
    import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]

if TYPE_CHECKING:
    from mojolint.registry import Registry

CONFIG_FILE_NAMES = (".mojolint.toml", "mojolint.toml", "pyproject.toml")
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
PATTERN_RULE_KEYS = ("code", "name", "query", "message", "summary", "fix", "severity",
                     "fix-applicability")
PATTERN_RULE_REQUIRED = ("code", "name", "query", "message")
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.-]*)\}")


class ConfigError(Exception):
    """A configuration problem; ``str()`` is the one-line message shown to the user."""


_Fail = Callable[[str], ConfigError]  # builds an error that names the config file


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
    # --ignore-noqa (command line only, as ruff): report what `# noqa` comments would hide.
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

    def with_overrides(self, overrides: Overrides) -> Settings:
        settings = self.with_table(overrides.table) if overrides.table else self
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

    def with_table(self, table: Mapping[str, Any]) -> Settings:
        """These settings with the keys of ``table`` (``--config KEY=VALUE``) replacing
        theirs; ``rules`` tables are merged per rule, as ``extend`` merges them."""
        parsed = _settings_from_table(table, self.root, self.config_path, {})
        changes: dict[str, Any] = {}
        for key in table:
            name = _FIELD_FOR_KEY.get(key, key.replace("-", "_"))
            if name == "rule_options":
                for field_name in ("rule_options", "legacy_tensor_api"):
                    merged = {code: dict(opts)
                              for code, opts in getattr(self, field_name).items()}
                    for code, opts in getattr(parsed, field_name).items():
                        merged[code] = {**merged.get(code, {}), **opts}
                    changes[field_name] = merged
            elif name == "tensor_api":
                changes[name] = {**self.tensor_api, **parsed.tensor_api}
            else:
                changes[name] = getattr(parsed, name)
        if "target-version" in table:
            changes["target_version_source"] = "--config target-version"
        return dataclasses.replace(self, **changes)

    def exclude_patterns(self) -> tuple[str, ...]:
        return self.exclude + self.extend_exclude

    def include_patterns(self) -> tuple[str, ...]:
        return self.include + self.extend_include

    def file_ignores(self, path: Path | None) -> tuple[str, ...]:
        """Codes of the per-file-ignores whose pattern matches ``path``."""
        if path is None or not self.per_file_ignores:
            return ()
        from mojolint.discovery import matches_any, relative_to_root

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


# --- reading files ------------------------------------------------------------------------


def display(path: Path) -> str:
    """A path as shown in messages: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_toml(path: Path) -> dict[str, Any]:
    """A config file's table. It must be a regular file: opening a FIFO or a device named by
    the repository (``extend = "/dev/stdin"``) must not block or read forever."""
    import stat

    if "\0" in str(path):
        raise ConfigError(f"{display(path)}: cannot read: the path contains a NUL byte")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ConfigError(f"{display(path)}: not a regular file")
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except OSError as error:
        raise ConfigError(f"{display(path)}: cannot read: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{display(path)}: invalid TOML: {error}") from None
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise ConfigError(f"{display(path)}: invalid TOML: not valid UTF-8 (byte "
                          f"0x{error.object[error.start]:02x} at line {line})") from None


def mojolint_table(path: Path) -> dict[str, Any] | None:
    """The mojolint settings in a config file; None for a pyproject without them."""
    data = read_toml(path)
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool", {})
    table = tool.get("mojolint") if isinstance(tool, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{display(path)}: [tool.mojolint] must be a table")
    return table


def section_name(path: Path, *parts: str) -> str:
    prefix = ["tool", "mojolint"] if path.name == "pyproject.toml" else []
    names = prefix + list(parts)
    return f"[{'.'.join(names)}]" if names else "the top-level table"


def config_file_in(directory: Path) -> Path | None:
    """The config file in ``directory`` itself, if any (in order of precedence)."""
    for name in CONFIG_FILE_NAMES:
        candidate = directory / name
        if candidate.is_file() and (
            name != "pyproject.toml" or mojolint_table(candidate) is not None
        ):
            return candidate
    return None


def find_git_root(directory: Path) -> Path | None:
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


# --- validation ---------------------------------------------------------------------------


class _Validator:
    """Checks one config file's table; every message starts with the file's name."""

    def __init__(self, path: Path, registry: Registry, known_codes: frozenset[str]) -> None:
        self.path = path
        self.registry = registry
        self.known_codes = known_codes

    def fail(self, message: str) -> ConfigError:
        return ConfigError(f"{display(self.path)}: {message}")

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
        elif key == "pattern-rules":
            if not isinstance(value, list):
                raise self.fail("'pattern-rules' must be an array of tables")
            for index, spec in enumerate(value):
                pattern_rule_spec(self.path, index, spec)

    def string_list(self, key: str, value: Any) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"invalid value for '{key}': expected a list of strings")

    def glob(self, key: str, pattern: str) -> None:
        problem = glob_problem(pattern)
        if problem is not None:
            raise self.fail(f"invalid glob {pattern!r} in '{key}': {problem}")

    def selectors(self, key: str, values: Iterable[str]) -> None:
        for selector in values:
            if not is_known_selector(selector, self.known_codes):
                raise self.fail(
                    f"unknown rule selector '{selector}' in '{key}'; allowed: ALL or a "
                    f"prefix of a known code ({', '.join(sorted(self.known_codes))})"
                )

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
    return bool(getattr(registry.classes.get(code), "reads_tensor_api", False))


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
                message = (f"{display(file_path)}: `{old} {key}` is deprecated in favour of "
                           f"its counterpart in the shared tensor API table: `{new} {key}`")
                if key in shared:
                    message += f" (both are given; `{new} {key}` wins)"
                warn_once(message + ".")


def glob_problem(pattern: str) -> str | None:
    """What is wrong with a gitignore-style glob, or None: a NUL byte, or a character class
    with a reversed range such as ``[z-a]`` (which matches nothing, surely not what was
    meant)."""
    if "\0" in pattern:
        return "contains a NUL byte"
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char != "[":
            index += 1
            continue
        end = _class_end(pattern, index)
        if end is None:
            return None  # an unclosed '[' is a literal bracket, as in gitignore
        members = pattern[index + 1 : end].lstrip("!^")
        position = 0
        while position < len(members):
            if position + 2 < len(members) and members[position + 1] == "-":
                low, high = members[position], members[position + 2]
                if low > high:
                    return f"the range '{low}-{high}' is reversed"
                position += 3
            else:
                position += 1
        index = end + 1
    return None


def _class_end(pattern: str, start: int) -> int | None:
    """The index of the ']' closing the character class opened at ``start``."""
    position = start + 1
    if position < len(pattern) and pattern[position] in "!^":
        position += 1
    if position < len(pattern) and pattern[position] == "]":
        position += 1  # a leading ']' is a member
    closing = pattern.find("]", position)
    return None if closing < 0 else closing


def is_known_selector(selector: str, known_codes: Iterable[str]) -> bool:
    from mojolint.redirects import redirects

    return (selector == "ALL" or selector in redirects()
            or any(code.startswith(selector) for code in known_codes))


def pattern_rule_spec(path: Path, index: int, raw: Any) -> PatternRuleSpec:
    """Validate one ``[[pattern-rules]]`` entry, compiling its query."""
    where = f"{section_name(path, 'pattern-rules')}[{index}]"

    def fail(message: str) -> ConfigError:
        return ConfigError(f"{display(path)}: {message}")

    if not isinstance(raw, dict):
        raise fail(f"{where} must be a table")
    for key in raw:
        if key not in PATTERN_RULE_KEYS:
            raise fail(f"unknown key '{key}' in {where}; allowed: {', '.join(PATTERN_RULE_KEYS)}")
    for key in PATTERN_RULE_REQUIRED:
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise fail(f"missing or empty string '{key}' in {where}")
    for key in ("summary", "fix"):
        if key in raw and not isinstance(raw[key], str):
            raise fail(f"invalid value for '{key}' in {where}: expected a string")
    if not CODE_PATTERN.match(raw["code"]):
        raise fail(f"invalid value {raw['code']!r} for 'code' in {where}; expected letters "
                   "then digits, like 'PRJ001'")
    if not NAME_PATTERN.match(raw["name"]):
        raise fail(f"invalid value {raw['name']!r} for 'name' in {where}; expected kebab-case")
    severity = _enum_value(raw, "severity", Severity, Severity.WARNING, fail, where)
    applicability = _enum_value(
        raw, "fix-applicability", Applicability, Applicability.UNSAFE, fail, where
    )
    captures = _query_captures(raw["query"], fail, where)
    _check_regexes(raw["query"], fail, where)
    _check_repetitions(raw["query"], fail, where)
    for key in ("message", "fix"):
        for name in PLACEHOLDER.findall(raw.get(key) or ""):
            if name not in captures:
                raise fail(f"unknown placeholder '{{{name}}}' in '{key}' of {where}; "
                           f"allowed: {', '.join('{' + c + '}' for c in captures)}")
    return PatternRuleSpec(
        code=raw["code"],
        name=raw["name"],
        query=raw["query"],
        message=raw["message"],
        summary=raw.get("summary") or raw["message"].splitlines()[0],
        fix=raw.get("fix"),
        severity=severity,
        fix_applicability=applicability,
        origin=display(path),
    )


def _enum_value(raw: Mapping[str, Any], key: str, enum: Any, default: Any, fail: _Fail,
                where: str) -> Any:
    if key not in raw:
        return default
    allowed = [member.value for member in enum]
    if key == "fix-applicability":
        allowed = ["safe", "unsafe"]
    if raw[key] not in allowed:
        raise fail(f"invalid value {raw[key]!r} for '{key}' in {where}; allowed: "
                   + ", ".join(allowed))
    return enum(raw[key])


def _check_regexes(query: str, fail: _Fail, where: str) -> None:
    """Every regex of the query must run in RE2 (linear time): no backreferences or
    lookaround, which need a backtracking engine that a 40-character input can hang."""
    from mojolint.pattern_rules import compile_linear, linear_query

    for regex in linear_query(query)[1]:
        try:
            compile_linear(regex)
        except ValueError as error:
            raise fail(f"regex {regex!r} in 'query' of {where} cannot run in linear time "
                       f"(RE2: {error}); backreferences and lookaround are not supported"
                       ) from None


def _check_repetitions(query: str, fail: _Fail, where: str) -> None:
    """No capture on or inside a ``*``/``+`` repetition: tree-sitter copies everything a
    repetition captured each time a partial match splits, which is quadratic in the number of
    siblings and runs in C, where no time budget can stop it."""
    from mojolint.pattern_rules import repeated_captures

    names = repeated_captures(query)
    if names:
        shown = ", ".join("@" + name for name in names)
        raise fail(f"the 'query' of {where} captures {shown} on or inside a repetition "
                   "(`*` or `+`), which makes matching grow with the square of the file; "
                   "capture the enclosing node instead and keep repetitions uncaptured, "
                   "e.g. `(block (_)* (identifier)) @match` rather than "
                   "`(block (_)* @a (identifier) @match)`; `?` may carry captures")


def _query_captures(query: str, fail: _Fail, where: str) -> list[str]:
    from mojolint.parser import compile_query

    try:
        compiled = compile_query(query)
    except Exception as error:  # tree-sitter raises QueryError (and others) with details
        raise fail(f"invalid tree-sitter query in 'query' of {where}: {error}") from None
    names = [compiled.capture_name(i) for i in range(compiled.capture_count)]
    if not names:
        raise fail(f"the 'query' of {where} captures nothing; add a capture such as @match")
    return names


# --- loading and merging ------------------------------------------------------------------


def load_settings(path: Path, registry: Registry) -> Settings:
    """Settings from one config file and the files it extends."""
    chain = _extend_chain(path.resolve())
    specs_by_file = {
        p: [pattern_rule_spec(p, i, s) for i, s in enumerate(_pattern_list(p, t))]
        for p, t in chain
    }
    pattern_codes = {spec.code for specs in specs_by_file.values() for spec in specs}
    clashes = pattern_codes & set(registry.codes())
    if clashes:
        clash_file = next(p for p, s in specs_by_file.items() if {x.code for x in s} & clashes)
        raise ConfigError(
            f"{display(clash_file)}: pattern rule code '{sorted(clashes)[0]}' is already used "
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
            target_source = display(file_path)
    _warn_deprecated_tensor_api(chain, merged)
    patterns: dict[str, PatternRuleSpec] = {}
    for specs in specs_by_file.values():
        patterns.update((spec.code, spec) for spec in specs)
    settings = _settings_from_table(merged, path.resolve().parent, path.resolve(), patterns)
    return dataclasses.replace(settings, target_version_source=target_source)


def _pattern_list(path: Path, table: Mapping[str, Any]) -> list[Any]:
    value = table.get("pattern-rules", [])
    if not isinstance(value, list):
        raise ConfigError(f"{display(path)}: 'pattern-rules' must be an array of tables")
    return value


def _extend_chain(path: Path) -> list[tuple[Path, dict[str, Any]]]:
    """``path`` and the files it extends, the most basic one first."""
    chain: list[tuple[Path, dict[str, Any]]] = []
    seen: set[Path] = set()
    current: Path | None = path
    while current is not None:
        if current in seen:
            raise ConfigError(f"{display(current)}: 'extend' forms a cycle")
        seen.add(current)
        if not current.exists():
            raise ConfigError(f"{display(current)}: config file not found")
        if not current.is_file():
            raise ConfigError(f"{display(current)}: not a regular file")
        table = mojolint_table(current)
        if table is None:
            raise ConfigError(f"{display(current)}: has no [tool.mojolint] table")
        chain.append((current, table))
        extend = table.get("extend")
        if extend is not None and not isinstance(extend, str):
            raise ConfigError(f"{display(current)}: invalid value for 'extend': expected a "
                              "path string")
        if extend and "\0" in extend:
            raise ConfigError(f"{display(current)}: invalid value for 'extend': the path "
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
            return f"{display(settings.config_path or Path('.'))} (given by --config){extra}"
        if settings.config_path is not None:
            return f"{display(settings.config_path)} (the nearest config file){extra}"
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
            for selector in selectors:
                if not is_known_selector(selector, known):
                    raise ConfigError(
                        f"unknown rule selector '{selector}' in '{option}'; allowed: ALL or "
                        f"a prefix of a known code ({', '.join(sorted(known))})"
                    )
        return settings.with_overrides(self.overrides)

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
