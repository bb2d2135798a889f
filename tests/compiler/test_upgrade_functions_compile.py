"""UP008-UP016 against the real compilers: the old forms and what the fixes write.

For each rule, ``upgrade_functions/<code>_*.mojo`` uses the old form and type-checks
(cleanly, or with only the deprecation warning the rule answers) under the newest release on
PyPI that still accepts it: `fn`, implicit `std` imports and `@doc_private` under 0.26.2,
`__copyinit__` with `existing` and the implicitly raising `def` under 0.26.1, `@parameter
if/for` and `read` under 1.0.0, `__del__` and `@parameter` closures under 1.2.0.
``all_26_1.mojo`` holds every one of them in a 0.26.1 module, upgraded with every UP rule
(UP001-UP007 too). Then ``mojolint check --fix --unsafe-fixes --target-version T`` rewrites a
copy, and the result compiles under release T with no warning at all, while the unfixed file
does not compile cleanly under the newest target. Files are checked in one batch per release.

Run only these with ``pytest -m compiler tests/compiler/test_upgrade_functions_compile.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import UpgradeCase as Case
from .conftest import (
    UpgradeProofs,
)

pytestmark = pytest.mark.compiler

SOURCES = Path(__file__).resolve().parent / "upgrade_functions"

# (source, rules the fix runs: the case's own, plus UP008 where the target no longer has `fn`;
# the newest release on PyPI that accepts the old form, and the text every warning it prints
# there contains, None: no warning at all; (target-version, release proving the output))
ALL_TARGETS = (("26.2", "0.26.2"), ("1.0", "1.0.0"), ("1.1", "1.1.0"), ("1.2", "1.2.0"))
CASES = (
    # The closure in up008_fn.mojo is `@parameter`, which 1.1 deprecates: UP016 for 1.2.
    Case("up008_fn.mojo", "UP008,UP016", "0.26.2", None, ALL_TARGETS),
    Case("up009_parameter.mojo", "UP009", "1.0.0", "is deprecated; use 'comptime", ALL_TARGETS),
    Case("up010_imports.mojo", "UP010", "0.26.2",
         "Implicit standard library imports are deprecated", ALL_TARGETS),
    Case("up011_ctors.mojo", "UP008,UP011", "0.26.1", None, ALL_TARGETS),
    Case("up012_del.mojo", "UP012", "1.2.0", "'__del__' is deprecated; use '__deinit__'",
         (("1.0", "1.0.0"), ("1.2", "1.2.0"))),
    Case("up013_read.mojo", "UP013", "1.0.0", "'read' is deprecated; use 'imm'",
         (("1.0", "1.0.0"), ("1.2", "1.2.0"))),
    Case("up014_raises.mojo", "UP008,UP014", "0.26.1", None, ALL_TARGETS),
    Case("up015_doc.mojo", "UP015", "0.26.2", "use @doc_hidden instead of @doc_private",
         ALL_TARGETS),
    Case("up016_closure.mojo", "UP016", "1.2.0", "'@parameter' is deprecated; use '@__parameter'",
         (("1.1", "1.1.0"), ("1.2", "1.2.0"))),
    # Every rule together, and UP001-UP007 too: a 0.26.1 module upgraded in one run.
    Case("all_26_1.mojo", "UP", "0.26.1", None, ALL_TARGETS),
)


class TestFunctions(UpgradeProofs):
    """Old forms, their newest target, fixed output (batched per release)."""

    SOURCES = SOURCES
    CASES = CASES
