"""The tensor-safety analysis stays linear in function size and nesting depth.

Each shape of bench/scaling_ts.py (issue 19 point 10) is linted at 1x and 8x in the same
run; a linear analysis takes about 8 times as long, a quadratic one about 64 times. The
bound (24) leaves room for a loaded machine without letting a square through. Each timing
is the best of a few runs, so one slow moment does not decide.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from mojolint.config import ConfigResolver
from mojolint.engine import lint_source
from mojolint.registry import get_registry
from mojolint.settings import Overrides

BENCH = Path(__file__).resolve().parent.parent / "bench" / "scaling_ts.py"
GROWTH_BOUND = 24.0


def shapes() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scaling_ts", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("scaling_ts", module)
    spec.loader.exec_module(module)
    return module


def best_seconds(source: bytes, runs: int) -> tuple[float, int]:
    path = Path("scaling.mojo").resolve()
    resolver = ConfigResolver(get_registry(), isolated=True,
                              overrides=Overrides(select=("TS001", "TS002", "TS003", "TS004")))
    settings = resolver.settings_for_file(path)
    best, count = float("inf"), 0
    for _ in range(runs):
        start = time.process_time()  # CPU time: other processes on the machine count less
        count = len(lint_source(source, path, settings))
        best = min(best, time.process_time() - start)
    return best, count


@pytest.mark.parametrize(("shape", "base"), [("reads", 150), ("pointer-reads", 150),
                                             ("unary", 2500), ("blocks", 30)])
def test_ts_rules_grow_linearly(shape: str, base: int) -> None:
    make: Callable[[int], bytes] = shapes().SHAPES[shape]
    small, small_count = best_seconds(make(base), 3)
    large, large_count = best_seconds(make(base * 8), 2)
    assert small_count > 0  # the shape does reach the analysis: it reports something
    if shape in ("reads", "pointer-reads"):
        assert large_count >= 8 * (small_count - 2)  # one diagnostic per read
    bytes_growth = len(make(base * 8)) / len(make(base))
    # `blocks` grows its text faster than its depth (each level is indented once more).
    # Times below 10 ms are mostly fixed costs and noise: they count as 10 ms.
    assert max(large, 0.01) / max(small, 0.01) < GROWTH_BOUND * bytes_growth / 8, (small,
                                                                                   large)
