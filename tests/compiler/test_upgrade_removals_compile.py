"""UP017 onwards (issue 15) against the real compilers: old forms, fixed output, fix-its.

Each ``upgrade_removals/<code>_*.mojo`` is written in the dialect of the newest release on PyPI that
accepts its old form and compiles there (cleanly, or with only the warnings the rule answers).
``mojolint check --fix --unsafe-fixes --target-version T`` on a copy then compiles under
release T with no warning at all. Where the compiler exports fix-its for the old form, every
fix-it that touches bytes one of our edits touches is our edit exactly (and the rules for which
the compiler offers equal fix-its are pinned in ``EQUAL_FIXITS``).

Run only these with ``pytest -m compiler tests/compiler/test_upgrade_removals_compile.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mojolint.dev.toolchains import export_fixits

from .conftest import UpgradeCase as Case
from .conftest import (
    UpgradeProofs,
    fix_edits,
    overlaps,
)

pytestmark = pytest.mark.compiler

SOURCES = Path(__file__).resolve().parent / "upgrade_removals"

CASES = (
    Case("up017_origin.mojo", "UP", "0.25.6", None,
         (("25.7", "0.25.7"), ("26.1", "0.26.1"), ("1.2", "1.2.0"))),
    Case("up033_type_of.mojo", "UP", "0.25.6", None,
         (("25.7", "0.25.7"), ("26.1", "0.26.1"), ("1.2", "1.2.0"))),
    # 26.2 added `comptime assert` and deprecated `constrained`; 1.0 removed it.
    Case("up034_constrained.mojo", "UP", "0.26.2", "Use `comptime assert` instead",
         (("26.2", "0.26.2"), ("1.0", "1.0.0"), ("1.2", "1.2.0"))),
    # 0.25.6 has both spellings and warns on the old; 0.25.7 removed the old.
    Case("up035_sys_sizes.mojo", "UP", "0.25.6", "instead.",
         (("25.7", "0.25.7"), ("26.1", "0.26.1"), ("1.2", "1.2.0"))),
    # 26.1 removed `DType.__is__` without a deprecation; `==` works in every release.
    Case("up036_dtype_is.mojo", "UP", "0.25.7", None,
         (("26.1", "0.26.1"), ("26.2", "0.26.2"), ("1.2", "1.2.0"))),
    Case("up018_implicit.mojo", "UP018", "1.0.0", "implicit declaration of",
         (("1.0", "1.0.0"), ("1.1", "1.1.0"), ("1.2", "1.2.0"))),
    # UP019-UP022 (the pointer API): 1.2 still accepts the old forms, each with its warning.
    Case("up019_pointers.mojo", "UP019,UP020,UP021,UP022", "1.2.0", "deprecated",
         (("1.0", "1.0.0"), ("1.1", "1.1.0"), ("1.2", "1.2.0"))),
    # UP023 with every other UP rule: a 0.26.2 module upgraded to 1.x in one run.
    Case("up023_origin_field.mojo", "UP", "0.26.2", None, (("1.0", "1.0.0"), ("1.2", "1.2.0"))),
    Case("up024_unbound.mojo", "UP", "0.26.1", None,
         (("26.1", "0.26.1"), ("26.2", "0.26.2"), ("1.2", "1.2.0"))),
    # Every release on PyPI rejects `address_of` (0.25.6 included): the fixed output is the proof.
    Case("up025_address_of.mojo", "UP", None, None,
         (("25.6", "0.25.6"), ("26.1", "0.26.1"), ("1.2", "1.2.0"))),
    # 26.2 removed `@register_passable` without a deprecation; 26.1 does not know the traits.
    Case("up026_register_passable.mojo", "UP", "0.26.1", None,
         (("26.2", "0.26.2"), ("1.0", "1.0.0"), ("1.2", "1.2.0"))),
    # No release on PyPI knows `CollectionElement`: the fixed output is the proof.
    Case("up027_collection_element.mojo", "UP", None, None,
         (("25.6", "0.25.6"), ("26.1", "0.26.1"), ("1.2", "1.2.0"))),
    # 1.0 knows `Array` and still `InlineArray` (no warning); 1.1 removed the old name.
    Case("up028_inline_array.mojo", "UP", "1.0.0", None,
         (("1.0", "1.0.0"), ("1.1", "1.1.0"), ("1.2", "1.2.0"))),
    Case("up029_stringable.mojo", "UP", "0.26.2", "Stringable is being deprecated",
         (("26.2", "0.26.2"), ("1.0", "1.0.0"), ("1.2", "1.2.0"))),
    # 0.26.2 counts bytes with `len(s)`; 1.0 rejects it (no fix-it: it lists three choices).
    Case("up030_len_string.mojo", "UP", "0.26.2", None, (("1.0", "1.0.0"), ("1.2", "1.2.0"))),
    # `sys.ffi` is gone in 26.2, `os.atomic` and `memory.arc` in 1.0, `hashlib` in 1.2.
    Case("up031_removed_std_module.mojo", "UP", "0.26.1", None,
         (("26.2", "0.26.2"), ("1.0", "1.0.0"), ("1.2", "1.2.0"))),
)

#: Per (release, source): the rules whose edits the compiler's fix-its equal, byte for byte.
EQUAL_FIXITS: dict[tuple[str, str], frozenset[str]] = {
    # 0.26.1 offers `type_of` for `__type_of` ("did you mean 'type_of'?").
    ("0.26.1", "up033_type_of.mojo"): frozenset({"UP033"}),
    ("1.0.0", "up018_implicit.mojo"): frozenset({"UP018"}),
    ("1.1.0", "up018_implicit.mojo"): frozenset({"UP018"}),
    ("1.2.0", "up018_implicit.mojo"): frozenset({"UP018"}),
    # The compilers rename `UnsafePointer` and `load`/`store`/`bitcast`/`free`; they offer no
    # fix-it for `p + i`, `p[i]` or `alloc` (UP021, UP022).
    ("1.0.0", "up019_pointers.mojo"): frozenset({"UP019", "UP020"}),
    ("1.1.0", "up019_pointers.mojo"): frozenset({"UP019", "UP020"}),
    ("1.2.0", "up019_pointers.mojo"): frozenset({"UP019", "UP020"}),
}
TARGET_OF = {"0.25.6": "25.6", "0.25.7": "25.7", "0.26.1": "26.1", "0.26.2": "26.2",
             "1.0.0": "1.0", "1.1.0": "1.1", "1.2.0": "1.2"}


class TestRemovals(UpgradeProofs):
    """Old forms, their newest target, fixed output. Only the newest target must reject an
    old form: 26.1 still accepts `*_` silently next to `...` (UP024 is for 26.1 code moving
    on)."""

    SOURCES = SOURCES
    CASES = CASES


@pytest.mark.parametrize("release", sorted({r for r, _ in EQUAL_FIXITS}))
def test_compiler_fixits_equal_ours(tmp_path: Path, release: str) -> None:
    for (fixit_release, name), expected in EQUAL_FIXITS.items():
        if fixit_release != release:
            continue
        path = tmp_path / name
        shutil.copyfile(SOURCES / name, path)
        ours = fix_edits(tmp_path, name, "UP", TARGET_OF[release])
        theirs = [f for f in export_fixits(release, path) if f.file.resolve() == path.resolve()]
        assert theirs, f"{release} offers no fix-it for {name}"
        equal: set[str] = set()
        for fixit in theirs:
            same = [e for e in ours if e.key == (fixit.offset, fixit.length, fixit.replacement)]
            touched = [e for e in ours if overlaps(fixit, e)]
            assert same or not touched, (name, release, fixit, touched)
            equal.update(e.code for e in same)
        assert equal == expected, (name, release, sorted(equal))
