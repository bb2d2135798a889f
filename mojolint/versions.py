"""The Mojo versions a project may target; the one list every other module consults."""

from __future__ import annotations

# Oldest first. Rules that depend on the language version compare indexes in this tuple.
TARGET_VERSIONS: tuple[str, ...] = (
    "24.6",
    "25.1",
    "25.2",
    "25.3",
    "25.4",
    "25.5",
    "25.6",
    "25.7",
    "26.1",
    "26.2",
    "1.0",
    "1.1",
    "1.2",
)

DEFAULT_TARGET_VERSION = "26.1"


def canonical_version(version: str) -> str | None:
    """The release name in :data:`TARGET_VERSIONS` for ``version``, or None if unknown.

    Releases go by two spellings: Modular's release notes say ``25.6``/``26.1``/``1.0`` and
    PyPI's packages ``0.25.6.0``/``0.26.1.0``/``1.0.0``; both name the same release. A patch
    release (PyPI's ``0.25.6.1``, conda's ``25.4.1``) is its release's language: ``25.6``.
    """
    parts = version.strip().split(".")
    if len(parts) >= 3 and parts[0] == "0":
        parts = parts[1:]  # 0.26.1(.0) is 26.1
    if not all(part.isdigit() for part in parts):
        return None
    parts = parts[:2]  # 1.0.0 is 1.0, 26.1.0 is 26.1, 25.6.1 is 25.6
    name = ".".join(str(int(part)) for part in parts)
    return name if name in TARGET_VERSIONS else None


def version_index(version: str) -> int:
    """Position of ``version`` in :data:`TARGET_VERSIONS` (raises ValueError if unknown)."""
    return TARGET_VERSIONS.index(version)


def is_at_least(version: str, minimum: str) -> bool:
    """True when ``version`` is ``minimum`` or newer."""
    return version_index(version) >= version_index(minimum)
