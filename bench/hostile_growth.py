"""How the hostile shapes of issue 19 (points 9, 11, 12) grow: 1x, 4x and 16x inputs.

    python bench/hostile_growth.py [--base N] [--only SHAPE]

For each shape it prints the time of each size, the growth 4x/1x and 16x/1x, and the
exponent k of time ~ n^k fitted on 1x..16x (1.0 linear, ~1.1 n log n, 2.0 quadratic).
Everything runs in this process through the engine's own entry points (lint_source with
the given settings), best of three runs per size.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

from mojolint.config import Settings, pattern_rule_spec
from mojolint.engine import lint_source
from mojolint.fixes import FixPolicy, fix_source


def _rule(query: str, **extra: str) -> Settings:
    raw = {"code": "PRJ001", "name": "project-rule", "query": query,
           "message": "matched", **extra}
    spec = pattern_rule_spec(Path("mojolint.toml"), 0, raw)
    return Settings(root=Path.cwd(), select=("PRJ001",), pattern_rules=(spec,))


def chain(n: int) -> tuple[bytes, Settings]:
    """Point 9: a `+` chain with a `/` at its end, default rules."""
    return ("fn f() -> Float64:\n    return 1.0" + " + 1.0" * n + " / 0.0\n").encode(), \
        Settings(root=Path.cwd())


def noqa_blanks(n: int) -> tuple[bytes, Settings]:
    """Point 11: `# noqa: A1` followed by n blanks, default rules."""
    return f"var x = 1  # noqa: A1{' ' * n}\n".encode(), Settings(root=Path.cwd())


def backtracking_regex(n: int) -> tuple[bytes, Settings]:
    """Point 12: `^(a+)+$` against n identifiers of 40 a's and a b (Python's re: forever)."""
    source = "".join(f"var {'a' * 40}b{i} = 1\n" for i in range(n)).encode()
    return source, _rule('((identifier) @match (#match? @match "^(a+)+$"))')


def quantified_wildcards(n: int) -> tuple[bytes, Settings]:
    """Point 12: `((_)* @a (_)* @b (_)* @match)` over n statements (match_limit bounds it)."""
    source = ("fn main():\n" + "".join(f"    var x{i} = {i}\n" for i in range(n))).encode()
    return source, _rule("((_)* @a (_)* @b (_)* @match)")


def doubling_fix(n: int) -> tuple[bytes, Settings]:
    """Point 12: a safe fix that copies the whole file each round, on n lines (fixing)."""
    return b"var x = 1\n" * n, _rule("(module) @match", fix="{match}{match}",
                                      **{"fix-applicability": "safe"})


SHAPES: dict[str, tuple[Callable[[int], tuple[bytes, Settings]], int, bool]] = {
    "chain (9)": (chain, 2_000, False),
    "noqa blanks (11)": (noqa_blanks, 400_000, False),
    "backtracking regex (12)": (backtracking_regex, 400, False),
    "quantified wildcards (12)": (quantified_wildcards, 100, False),
    "doubling fix (12)": (doubling_fix, 2_000, True),
}


def measure(shape: Callable[[int], tuple[bytes, Settings]], n: int, fixing: bool) -> float:
    source, settings = shape(n)
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        if fixing:
            fix_source(source, lambda s: lint_source(s, None, settings),
                       FixPolicy(unsafe=True))
        else:
            lint_source(source, None, settings)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=float, default=1.0, help="scale every 1x size")
    parser.add_argument("--only", help="run the shapes whose name contains this")
    args = parser.parse_args()
    print(f"{'shape':<28}{'1x n':>8}{'1x s':>9}{'4x s':>9}{'16x s':>9}"
          f"{'4x/1x':>8}{'16x/1x':>8}{'k':>6}")
    for name, (shape, base, fixing) in SHAPES.items():
        if args.only and args.only not in name:
            continue
        n = max(1, int(base * args.base))
        times = [measure(shape, n * factor, fixing) for factor in (1, 4, 16)]
        exponent = math.log(times[2] / times[0]) / math.log(16)
        print(f"{name:<28}{n:>8}{times[0]:>9.3f}{times[1]:>9.3f}{times[2]:>9.3f}"
              f"{times[1] / times[0]:>8.1f}{times[2] / times[0]:>8.1f}{exponent:>6.2f}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
