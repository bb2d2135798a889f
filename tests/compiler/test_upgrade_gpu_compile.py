"""UP032 (`gpu` moved to MAX's `max.gpu`) against the real compilers and MAX's libraries.

The new paths need MAX: each target is built with `-I` on the `max.mojoc` of the
max-mojo-libs release paired with it (26.5.0 with 1.0.0, 26.6.0 with 1.1.0, 26.7.0 with
1.2.0: `mojolint.dev.toolchains.MAX_LIBS`), downloaded once into the toolchain cache (about
25 MB each, only when compiler tests are requested, like a release).

- ``upgrade_removals/up032_gpu_moved.mojo`` (0.26.2 dialect, `std.gpu`) and
  ``upgrade_removals/up032_gpu_implicit.mojo`` (0.26.1 dialect, `gpu`) compile cleanly under the
  release they are written for, not under 1.0, 1.1 or 1.2; after ``mojolint check --select UP
  --fix --unsafe-fixes --target-version T`` they compile under T with MAX and no warning
  (the implicit file from 1.1: at 1.0 `import gpu` stays, see the rule's page), and the
  fixed output does not build without MAX, which is why the fix is unsafe.
- ``upgrade_removals/up032_corpus_names.txt`` lists every (module, name) the corpora import from
  `gpu`. For each target, each pair is imported from where mojolint.moved_modules says it
  is (the standard library's `gpu` at 1.0 for what 1.0 kept, `max.gpu.<path>` otherwise)
  and must resolve; the pairs it calls missing must resolve nowhere.

Run only these with ``pytest -m compiler tests/compiler/test_upgrade_gpu_compile.py``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mojolint.dev.toolchains import CompileResult, typecheck
from mojolint.moved_modules import gpu_move, max_gpu_path

from .conftest import describe, mojolint

pytestmark = pytest.mark.compiler

SOURCES = Path(__file__).resolve().parent / "upgrade_removals"
NAMES = SOURCES / "up032_corpus_names.txt"
TARGETS = {"1.0": "1.0.0", "1.1": "1.1.0", "1.2": "1.2.0"}
# (file, release it is written for, the targets whose fixed output must build)
FILES = (("up032_gpu_moved.mojo", "0.26.2", ("1.0", "1.1", "1.2")),
         ("up032_gpu_implicit.mojo", "0.26.1", ("1.1", "1.2")))
#: Names the corpora import that no release has: rcghpge/modular is a nightly newer than
#: 0.26.2, whose `std.gpu` lacks them as well (checked below), so no old form exists.
NIGHTLY_ONLY = frozenset({("", "block_dim_uint"), ("", "block_idx_uint"),
                          ("", "thread_idx_uint")})


def build(release: str, path: Path, include: Path | None = None) -> CompileResult:
    return typecheck(release, [path], include=[include] if include else [])[path.resolve()]


@pytest.mark.parametrize(("source", "release"), [(f, r) for f, r, _ in FILES])
def test_old_form_compiles_where_it_was_written_and_nowhere_from_1_0(
        source: str, release: str) -> None:
    result = build(release, SOURCES / source)
    assert result.ok and not result.warnings, describe(result)
    for target in TARGETS.values():
        assert not build(target, SOURCES / source).ok, f"{source} builds on {target}"


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_fixed_output_compiles_with_max_and_no_warning(
        tmp_path: Path, target: str, max_library: Callable[[str], Path]) -> None:
    release = TARGETS[target]
    library = max_library(release)
    for source, _, targets in FILES:
        if target not in targets:
            continue
        folder = tmp_path / Path(source).stem
        folder.mkdir()
        path = folder / source
        shutil.copyfile(SOURCES / source, path)
        run = mojolint(["check", "--isolated", "--no-cache", "--select", "UP", "--fix",
                        "--unsafe-fixes", "--target-version", target, source], folder)
        assert run.returncode == 0, run.stdout + run.stderr  # all fixed, nothing left
        text = path.read_text(encoding="utf-8")
        assert "max.gpu" in text
        result = build(release, path, library)
        assert result.ok and not result.warnings, f"{target}:\n{text}\n{describe(result)}"
        # Without MAX the new imports do not resolve: the fix needs MAX installed.
        without = build(release, path)
        assert not without.ok
        assert any("'max'" in d.message for d in without.errors), describe(without)


def corpus_names() -> list[tuple[str, str | None]]:
    """(path under `gpu`, name); name None for the module itself (wildcard or `import`)."""
    pairs: list[tuple[str, str | None]] = []
    for line in NAMES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        path, name = line.split()
        pairs.append(("" if path == "-" else path, None if name in ("-", "*") else name))
    return pairs


def import_line(module: str, name: str | None, index: int) -> str:
    return f"import {module} as _m{index}" if name is None else \
        f"from {module} import {name} as _m{index}"


def failing_lines(release: str, lines: list[str], folder: Path,
                  include: Path | None = None) -> set[int]:
    path = folder / f"names_{release}_{'max' if include else 'std'}.mojo"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build(release, path, include)
    return {d.line for d in result.errors if d.line}


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_every_name_the_corpora_import_is_where_the_rule_sends_it(
        tmp_path: Path, target: str, max_library: Callable[[str], Path]) -> None:
    release = TARGETS[target]
    pairs = [pair for pair in corpus_names() if pair not in NIGHTLY_ONLY]
    assert len(pairs) > 250
    in_std: list[str] = []  # what the target's standard library must still have
    in_max: list[str] = []  # what MAX's `max.gpu` must have
    nowhere_std: list[str] = []  # what neither may have
    nowhere_max: list[str] = []
    for index, (path, name) in enumerate(pairs):
        move = gpu_move(path, None if name is None else [name], target)
        std_module = "std.gpu" + (f".{path}" if path else "")
        if move is None or move.split:
            in_std.append(import_line(std_module, name, index))
        elif move.missing:
            nowhere_std.append(import_line(std_module, name, index))
            nowhere_max.append(import_line(max_gpu_path(path), name, index))
        else:
            assert move.destination is not None, (path, name, move)
            in_max.append(import_line(max_gpu_path(move.destination), name, index))
    library = max_library(release)
    # From 1.1 the standard library has no `gpu`: everything is MAX's or missing.
    assert bool(in_std) is (target == "1.0")
    if in_std:
        bad = failing_lines(release, in_std, tmp_path)
        assert not bad, [in_std[line - 1] for line in sorted(bad)]
    bad = failing_lines(release, in_max, tmp_path, library)
    assert not bad, [in_max[line - 1] for line in sorted(bad)]
    assert nowhere_std, "every release since 1.0 lacks some name the corpora import"
    every = set(range(1, len(nowhere_std) + 1))
    assert failing_lines(release, nowhere_std, tmp_path) == every, nowhere_std
    assert failing_lines(release, nowhere_max, tmp_path, library) == every, nowhere_max


def test_the_nightly_only_names_are_in_no_release(tmp_path: Path) -> None:
    assert set(corpus_names()) >= NIGHTLY_ONLY
    lines = [import_line("std.gpu", name, i) for i, (_, name) in enumerate(sorted(NIGHTLY_ONLY))]
    assert failing_lines("0.26.2", lines, tmp_path) == {1, 2, 3}
