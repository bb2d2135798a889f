"""Builds mojolint's C extensions: the Mojo tree-sitter parser, and the hot path compiled by mypyc.

Everything else about the package lives in pyproject.toml. The generated parser sources
are committed under grammar/src, so building the parser needs only a C compiler.

The modules listed in ``MYPYC_MODULES`` are also compiled with mypyc (as black does): the
same ``.py`` files are the one source of truth, installed beside the compiled modules, and
Python imports the compiled one when it is there. The compiled part is optional:

- ``pip install .`` compiles them when it can. When mypyc cannot run or the C compiler fails
  on them, it warns and installs them as pure Python (``mojolint version --verbose`` says
  which). The parser extension is always required.
- ``MOJOLINT_NO_MYPYC=1`` installs pure Python without trying (a faster install).
- ``MOJOLINT_REQUIRE_MYPYC=1`` makes any failure to compile them fail the install (CI sets
  it, so that a change that breaks compilation turns CI red instead of falling back).
- Editable installs (``pip install -e .``) are always pure Python, so that an edited ``.py``
  takes effect at once: no compiled module shadows it.
- Other Pythons than CPython get pure Python (mypyc targets CPython), and need no mypy.
- ``MOJOLINT_MYPYC_OPT_LEVEL`` (default 3) is mypyc's ``opt_level``: 1 compiles in about
  a quarter less CPU with no difference measured in a run (docs/benchmarks.md).
"""

from __future__ import annotations

import glob
import os
import platform
import runpy
import sys
import traceback
from typing import Any

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

PARSER = Extension(
    name="mojolint._mojo_parser",
    sources=[
        "grammar/bindings/python/binding.c",
        "grammar/src/parser.c",
        "grammar/src/scanner.c",
    ],
    include_dirs=["grammar/src"],
    extra_compile_args=["-std=c11", "-O2"],
    define_macros=[("PY_SSIZE_T_CLEAN", None), ("Py_LIMITED_API", "0x030A0000")],
    py_limited_api=True,
)

# The compiled hot path: the list lives in mojolint/compiled.py, read here without importing
# the package (nothing is installed yet), so that `mojolint version --verbose` reports from
# the same list.
HERE = os.path.dirname(os.path.abspath(__file__))
MYPYC_MODULES = list(runpy.run_path(os.path.join(HERE, "mojolint", "compiled.py"))["MYPYC_MODULES"])


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no", "off")


def _warn(message: str) -> None:
    print(f"mojolint setup: {message}", file=sys.stderr, flush=True)


def _editable() -> bool:
    """True when pip builds an editable install (PEP 660 ``editable_wheel``, or ``develop``)."""
    return any(arg in ("editable_wheel", "develop") for arg in sys.argv[1:])


def _cpython() -> bool:
    return platform.python_implementation() == "CPython"


REQUIRE = _flag("MOJOLINT_REQUIRE_MYPYC")


def _mypyc_extensions() -> list[Extension]:
    """The mypyc-compiled extensions, or none when they are not wanted or cannot be made."""
    if _flag("MOJOLINT_NO_MYPYC"):
        if REQUIRE:
            raise SystemExit("mojolint setup: MOJOLINT_NO_MYPYC and MOJOLINT_REQUIRE_MYPYC "
                             "are both set")
        return []
    if _editable():
        return []
    if not any(arg.startswith(("bdist", "build", "install")) for arg in sys.argv[1:]):
        return []  # egg_info, sdist, the build-requirements query: no C is generated for them
    if not _cpython():
        if REQUIRE:
            raise SystemExit("mojolint setup: mypyc compiles for CPython only")
        _warn(f"mypyc compiles for CPython only, not {platform.python_implementation()}; "
              "installing the hot path as pure Python")
        return []
    try:
        from mypyc.build import mypycify

        extensions: list[Extension] = mypycify(
            MYPYC_MODULES,
            opt_level=os.environ.get("MOJOLINT_MYPYC_OPT_LEVEL", "3"),
            debug_level="0",
            multi_file=True,
            group_name="mojolint",
        )
    except BaseException as error:  # mypyc missing, or it rejected the code: SystemExit too
        if REQUIRE:
            raise
        traceback.print_exc()
        _warn(f"mypyc could not compile the hot path ({type(error).__name__}: {error}); "
              "installing it as pure Python")
        return []
    for extension in extensions:
        extension._mojolint_mypyc = True  # type: ignore[attr-defined]
    return extensions


class BuildExt(build_ext):
    """build_ext that falls back to pure Python when a mypyc extension fails to compile."""

    def run(self) -> None:
        self._mypyc_failed = False
        # Compiled modules an earlier build left in build/lib (which the install copies
        # whole) would outlive a pure build, or a module taken off MYPYC_MODULES.
        self._drop_mypyc_outputs()
        super().run()

    def build_extensions(self) -> None:
        # Build the parser first: it is required, whatever happens to the mypyc part.
        self.extensions = sorted(self.extensions, key=_is_mypyc)
        super().build_extensions()

    def build_extension(self, ext: Any) -> None:
        if not _is_mypyc(ext):
            super().build_extension(ext)
            return
        if self._mypyc_failed:
            return
        try:
            if _flag("MOJOLINT_MYPYC_SIMULATE_FAILURE"):  # tests: a C compiler that fails
                from setuptools.errors import CompileError

                raise CompileError("MOJOLINT_MYPYC_SIMULATE_FAILURE is set")
            super().build_extension(ext)
        except Exception as error:
            if REQUIRE:
                raise
            self._mypyc_failed = True
            _warn(f"compiling {ext.name} failed ({type(error).__name__}: {error}); "
                  "installing the hot path as pure Python")
            self._drop_mypyc_outputs()

    def _drop_mypyc_outputs(self) -> None:
        """Remove compiled modules from the build folder, all but the parser."""
        stale = glob.glob(os.path.join(self.build_lib, "mojolint__mypyc.*"))
        for suffix in (".so", ".pyd"):
            stale += glob.glob(os.path.join(self.build_lib, "mojolint", "**", "*" + suffix),
                               recursive=True)
        for path in stale:
            if not os.path.basename(path).startswith("_mojo_parser."):
                os.remove(path)

    def get_outputs(self) -> list[str]:
        outputs: list[str] = super().get_outputs()
        return [path for path in outputs if os.path.exists(path)]


def _is_mypyc(ext: Any) -> bool:
    return bool(getattr(ext, "_mojolint_mypyc", False))


def _build_requires() -> list[str]:
    """What the build needs beyond pyproject.toml's requires: mypyc (in mypy) and the types
    it compiles against, unless the hot path is not to be compiled (a faster install)."""
    if _flag("MOJOLINT_NO_MYPYC") or not _cpython():
        return []
    return ["mypy>=1.18", "tree-sitter>=0.25,<0.27"]


setup(
    ext_modules=[PARSER, *_mypyc_extensions()],
    cmdclass={"build_ext": BuildExt},
    # PEP 517's get_requires_for_build_wheel reports these (setuptools.build_meta).
    setup_requires=_build_requires(),
)
