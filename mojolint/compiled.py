"""Which modules the install compiles with mypyc, and which of them this install has compiled.

``MYPYC_MODULES`` is the one list: setup.py reads it (without importing the package) to
choose what mypyc compiles, and ``mojolint version --verbose`` reports from it. Keep this
module free of imports beyond the standard library: setup.py runs it before anything is
installed.

Code in these modules must stay mypyc-compatible (docs/benchmarks.md, "Issue 18, compiled
hot path", says what each of these broke); CI installs with MOJOLINT_REQUIRE_MYPYC=1 and
runs the suite on the compiled code:
- do not monkeypatch their functions from outside (calls inside a compiled module do not
  look the name up again);
- give an ``init=False`` dataclass field its value in ``__init__``/``__post_init__``, not as
  a class-attribute default (a native class never reads it);
- no ``functools.cached_property`` (no instance ``__dict__``: it recomputes every time);
- keep out of them: options dataclasses (compiled, their annotations lose type arguments,
  which ``build_options`` reads), frozen dataclasses pickled to the workers (unpickling
  sets each field, which a frozen class refuses), and classes whose docstring is read
  (mypyc does not keep class docstrings: rules' pages).
"""

from __future__ import annotations

import importlib
from importlib.machinery import EXTENSION_SUFFIXES

# Source files, relative to the repository's root, in the order mypyc is given them.
MYPYC_MODULES = (
    "mojolint/semantics/bitcast.py",
    "mojolint/semantics/build.py",
    "mojolint/semantics/dtypes.py",
    "mojolint/semantics/flow.py",
    "mojolint/semantics/function.py",
    "mojolint/semantics/interproc.py",
    "mojolint/semantics/ints.py",
    "mojolint/semantics/lookup.py",
    "mojolint/semantics/model.py",
    "mojolint/semantics/origins.py",
    "mojolint/semantics/project.py",
    "mojolint/semantics/reach.py",
    "mojolint/semantics/tree.py",
    "mojolint/semantics/types.py",
)


def module_name(path: str) -> str:
    """``mojolint/semantics/model.py`` -> ``mojolint.semantics.model``."""
    return path.removesuffix(".py").replace("/", ".")


def is_compiled(name: str) -> bool:
    """True when the module ``name`` is imported from a compiled extension, not a .py file."""
    origin = getattr(importlib.import_module(name), "__file__", None) or ""
    return origin.endswith(tuple(EXTENSION_SUFFIXES))


def compiled_modules() -> list[str]:
    """The modules of ``MYPYC_MODULES`` that this install runs compiled."""
    return [name for name in map(module_name, MYPYC_MODULES) if is_compiled(name)]
