"""The Mojo release a project pins, read from its pixi / magic files.

When no ``target-version`` is configured, each file's target is the lowest release that the
nearest project manifest allows: the folder of the file or the closest folder above it that
holds a ``pixi.toml``, ``mojoproject.toml``, ``pixi.lock`` or ``magic.lock``. In that folder
the manifest (``pixi.toml``, then ``mojoproject.toml``) wins when it constrains ``mojo``,
``mojo-compiler``, ``max`` or ``modular``; otherwise the lock file (``pixi.lock``, then
``magic.lock``) gives the lowest release it locks.

Package versions come in two numberings: ``max``/``modular`` by year (``24.6.0``, ``25.7.0``)
and ``mojo``/``mojo-compiler`` like PyPI (``0.25.7.0``, ``1.2.0``). Both name the releases of
:data:`~mojolint.versions.TARGET_VERSIONS`; a nightly (``0.26.1.0.dev2025122805``) counts as
the release it leads to. A release older than the oldest target counts as the oldest target.

Lock files are YAML, but every locked conda package is named by its file,
``<name>-<version>-<build>.conda`` (or ``.tar.bz2``), and every PyPI one by its wheel or
sdist name, in both lock formats (v5 and v6). Those names are all this module reads, so no
YAML parser is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mojolint.paths import display_path
from mojolint.versions import TARGET_VERSIONS

MANIFESTS = ("pixi.toml", "mojoproject.toml")
LOCKS = ("pixi.lock", "magic.lock")
PACKAGES = ("mojo", "mojo-compiler", "max", "modular")

# A locked conda package file or PyPI distribution of one of PACKAGES, and its version.
_LOCKED = re.compile(
    r"[/\s](?:mojo|mojo-compiler|max|modular|mojo_compiler)-(\d+(?:\.\d+)*)"
    r"(?:\.?(?:dev|rc|a|b)\d*)*-[^/\s]*?(?:\.conda|\.tar\.bz2|\.whl|\.tar\.gz)\b"
)
_CONSTRAINT = re.compile(r"^(==|>=|<=|~=|!=|>|<|=)?\s*v?([0-9][0-9A-Za-z.*+_-]*)$")
_NUMBERS = re.compile(r"\d+(?:\.\d+)*")


class ProjectFileError(Exception):
    """A project file that cannot be read; ``str()`` names the file and the cause."""


@dataclass(frozen=True)
class Detected:
    """A target release found in a project file, and where (shown by ``--show-settings``)."""

    version: str
    source: str


def release_key(numbers: tuple[int, ...]) -> tuple[int, int, int]:
    """A sortable key that puts both numberings on one line (year releases before 1.0)."""
    parts = list(numbers)
    if len(parts) >= 2 and parts[0] == 0:
        parts = parts[1:]  # 0.26.1 is 26.1
    parts += [0] * (2 - len(parts))
    if parts[0] >= 24:
        return (0, parts[0], parts[1])
    return (parts[0], 0, parts[1])


_RELEASE_KEYS = [(release_key(tuple(int(p) for p in name.split("."))), name)
                 for name in TARGET_VERSIONS]


def release_for(numbers: tuple[int, ...]) -> tuple[str, bool]:
    """The release a package version belongs to, and whether it was older than every target.

    A version between two known releases (``max 26.3``) belongs to the older one.
    """
    key = release_key(numbers)
    found = None
    for release_key_, name in _RELEASE_KEYS:
        if release_key_ <= key:
            found = name
    if found is None:
        return TARGET_VERSIONS[0], True
    return found, False


def lowest_allowed(spec: str) -> tuple[int, ...] | None:
    """The lowest version a conda/pixi match spec allows, or None if it has no lower bound.

    Understands ``*``, ``25.4`` / ``==25.4`` / ``25.4.*`` / ``~=25.4``, ``>=`` / ``>``,
    comma-joined constraints (all must hold) and ``|`` alternatives (the lowest wins). A spec
    with only upper bounds (``<1.0``) has no lowest release: None, like ``*``.
    """
    lowest: tuple[int, ...] | None = None
    for alternative in spec.split("|"):
        bound = _alternative_lower_bound(alternative)
        if bound is not None and (lowest is None or _order(bound) < _order(lowest)):
            lowest = bound
    return lowest


def _order(numbers: tuple[int, ...]) -> tuple[tuple[int, int, int], tuple[int, ...]]:
    return release_key(numbers), numbers


def _alternative_lower_bound(alternative: str) -> tuple[int, ...] | None:
    bound: tuple[int, ...] | None = None
    for raw in alternative.split(","):
        constraint = raw.strip()
        if not constraint or constraint == "*":
            continue
        match = _CONSTRAINT.match(constraint.replace(" ", ""))
        if match is None:
            continue
        operator, version = match.group(1) or "==", match.group(2)
        if operator in ("<", "<=", "!="):
            continue
        numbers = _NUMBERS.match(version)
        if numbers is None:
            continue
        value = tuple(int(p) for p in numbers.group(0).split("."))
        if bound is None or _order(value) > _order(bound):
            bound = value
    return bound


def _spec_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping) and isinstance(value.get("version"), str):
        return str(value["version"])
    return None


def _dependency_tables(data: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every dependency table of a pixi manifest, with its name; the default ones first."""

    def tables_in(prefix: str, table: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
        for key in ("dependencies", "host-dependencies", "build-dependencies",
                    "run-dependencies", "pypi-dependencies"):
            if isinstance(table.get(key), Mapping):
                yield f"{prefix}{key}", table[key]
        targets = table.get("target")
        if isinstance(targets, Mapping):
            for platform, target in targets.items():
                if isinstance(target, Mapping):
                    yield from tables_in(f"{prefix}target.{platform}.", target)

    yield from tables_in("", data)
    package = data.get("package")
    if isinstance(package, Mapping):
        yield from tables_in("package.", package)
    features = data.get("feature")
    if isinstance(features, Mapping):
        for name, feature in features.items():
            if isinstance(feature, Mapping):
                yield from tables_in(f"feature.{name}.", feature)


def from_manifest(path: Path, data: Mapping[str, Any]) -> Detected | None:
    """The lowest release any Mojo dependency of a pixi manifest allows, if one is bounded."""
    best: tuple[tuple[int, int, int], str, bool, str] | None = None
    for table_name, table in _dependency_tables(data):
        for package in PACKAGES:
            spec = _spec_text(table.get(package))
            if spec is None:
                continue
            lowest = lowest_allowed(spec)
            if lowest is None:
                continue
            release, too_old = release_for(lowest)
            key = release_key(lowest)
            where = f'[{table_name}] {package} = "{spec}"'
            if best is None or key < best[0]:
                best = (key, release, too_old, where)
    if best is None:
        return None
    _key, release, too_old, where = best
    return Detected(release, _source(path, where, too_old))


def from_lock(path: Path, text: str) -> Detected | None:
    """The lowest release of a Mojo package a pixi/magic lock file locks."""
    best: tuple[tuple[int, int, int], tuple[int, ...]] | None = None
    for match in _LOCKED.finditer(text):
        numbers = tuple(int(p) for p in match.group(1).split("."))
        key = release_key(numbers)
        if best is None or key < best[0]:
            best = (key, numbers)
    if best is None:
        return None
    release, too_old = release_for(best[1])
    return Detected(release, _source(path, "locks " + ".".join(map(str, best[1])), too_old))


def _source(path: Path, where: str, too_old: bool) -> str:
    note = f" (older than {TARGET_VERSIONS[0]}, the oldest target)" if too_old else ""
    return f"{_display(path)}: {where}{note}"


def _display(path: Path) -> str:
    return display_path(path)


def _read_toml(path: Path) -> Mapping[str, Any]:
    from mojolint.configfile import ConfigError, read_toml

    try:
        return read_toml(path)
    except ConfigError as error:
        raise ProjectFileError(str(error)) from None


def detect_in(directory: Path) -> tuple[bool, Detected | None]:
    """Whether ``directory`` holds a project file, and the release it pins if it says one."""
    present = False
    for name in MANIFESTS:
        path = directory / name
        if path.is_file():
            present = True
            detected = from_manifest(path, _read_toml(path))
            if detected is not None:
                return True, detected
    for name in LOCKS:
        path = directory / name
        if path.is_file():
            present = True
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError as error:
                raise ProjectFileError(
                    f"{_display(path)}: cannot read: {error.strerror or error}") from None
            detected = from_lock(path, text)
            if detected is not None:
                return True, detected
    return present, None
