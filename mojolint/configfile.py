"""Reading one config file: TOML from a regular file (never blocking), its mojolint table,
which file of a folder is the config file, and ConfigError, the one-line message every
configuration problem becomes."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any

from mojolint.paths import display_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on 3.10
    import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]

CONFIG_FILE_NAMES = (".mojolint.toml", "mojolint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration problem; ``str()`` is the one-line message shown to the user."""


def read_toml(path: Path) -> dict[str, Any]:
    """A config file's table. It must be a regular file: opening a FIFO or a device named by
    the repository (``extend = "/dev/stdin"``) must not block or read forever."""
    if "\0" in str(path):
        raise ConfigError(f"{display_path(path)}: cannot read: the path contains a NUL byte")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ConfigError(f"{display_path(path)}: not a regular file")
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except OSError as error:
        raise ConfigError(f"{display_path(path)}: cannot read: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{display_path(path)}: invalid TOML: {error}") from None
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise ConfigError(f"{display_path(path)}: invalid TOML: not valid UTF-8 (byte "
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
        raise ConfigError(f"{display_path(path)}: [tool.mojolint] must be a table")
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
