"""Fixtures for tests that run the real Mojo compiler (marked ``compiler``).

Each release is installed from PyPI into the toolchain cache (see ``mojolint.dev.toolchains``)
only when the run asks for these tests (``pytest -m compiler`` or ``MOJOLINT_COMPILER_TESTS=1``,
which ``.ci/run`` sets); otherwise a test whose release is not cached is skipped (see
``tests/conftest.py``). ``pytest -m "not compiler"`` leaves them all out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mojolint.dev.toolchains import ensure_toolchain, normalize_version

SOURCES = Path(__file__).resolve().parent / "sources"

#: The release issue 5's proof is checked with.
PROOF_RELEASE = "0.26.1.0"


@pytest.fixture(scope="session")
def toolchain() -> Callable[[str], Path]:
    """``toolchain(version)`` → the ``mojo`` binary of that release, installed once."""
    installed: dict[str, Path] = {}

    def get(version: str) -> Path:
        pin = normalize_version(version)
        if pin not in installed:
            installed[pin] = ensure_toolchain(pin)
        return installed[pin]

    return get


@pytest.fixture(scope="session")
def mojo_26_1(toolchain: Callable[[str], Path]) -> str:
    """The 0.26.1 release, installed; its version string for ``typecheck``."""
    toolchain(PROOF_RELEASE)
    return PROOF_RELEASE
