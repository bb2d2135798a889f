"""How the hostile shapes of issue 19 (points 9, 11, 12) grow: 1x, 4x and 16x inputs.

    python bench/hostile_growth.py [--base N] [--only SHAPE]

For each shape it prints the time of each size, the growth 4x/1x and 16x/1x, and the
exponent k of time ~ n^k fitted on 1x..16x (1.0 linear, ~1.1 n log n, 2.0 quadratic).
Everything runs in this process through the engine's own entry points (lint_source with
the given settings), best of three runs per size, in CPU seconds of this process
(`time.process_time`): the machine is shared, and wall time under other people's load moves
by 2x and more, while this work is single-threaded.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

from mojolint.engine import lint_source
from mojolint.fixes import FixPolicy, fix_source
from mojolint.pattern_rules import PatternRuleError, parse_spec
from mojolint.settings import Settings


def _rule(query: str, **extra: str) -> Settings:
    raw = {"code": "PRJ001", "name": "project-rule", "query": query,
           "message": "matched", **extra}
    spec = parse_spec(raw, "[[pattern-rules]][0]", origin="mojolint.toml")
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


QUANTIFIED_CAPTURES = "((_)* @a (_)* @b (_)* @match)"


def quantified_wildcards(n: int) -> tuple[bytes, Settings]:
    """Point 12: three quantified wildcards over n statements, as config accepts them: the
    repetitions carry no capture (config refuses `((_)* @a (_)* @b (_)* @match)`, which is
    quadratic inside tree-sitter; see `refused`)."""
    source = ("fn main():\n" + "".join(f"    var x{i} = {i}\n" for i in range(n))).encode()
    return source, _rule("(block (_)* (_)* (_)*) @match")


def optional_captures(n: int) -> tuple[bytes, Settings]:
    """Point 12: `?` steps with captures over n statements (bounded, so accepted)."""
    source = ("fn main():\n" + "".join(f"    var x{i} = {i}\n" for i in range(n))).encode()
    return source, _rule("((_)? @a (_)? @b (_) @match)")


def refused() -> float:
    """Seconds config takes to refuse the quadratic query (it never runs)."""
    start = time.perf_counter()
    try:
        _rule(QUANTIFIED_CAPTURES)
    except PatternRuleError:
        return time.perf_counter() - start
    raise SystemExit(f"config accepted {QUANTIFIED_CAPTURES}")


def doubling_fix(n: int) -> tuple[bytes, Settings]:
    """Point 12: a safe fix that copies the whole file each round, on n lines (fixing)."""
    return b"var x = 1\n" * n, _rule("(module) @match", fix="{match}{match}",
                                      **{"fix-applicability": "safe"})


SHAPES: dict[str, tuple[Callable[[int], tuple[bytes, Settings]], int, bool]] = {
    "chain (9)": (chain, 2_000, False),
    "noqa blanks (11)": (noqa_blanks, 400_000, False),
    "backtracking regex (12)": (backtracking_regex, 400, False),
    "quantified wildcards (12)": (quantified_wildcards, 1_000, False),
    "optional captures (12)": (optional_captures, 1_000, False),
    "doubling fix (12)": (doubling_fix, 2_000, True),
}


def measure(shape: Callable[[int], tuple[bytes, Settings]], n: int, fixing: bool) -> float:
    source, settings = shape(n)
    best = math.inf
    for _ in range(3):
        start = time.process_time()
        if fixing:
            fix_source(source, lambda s: lint_source(s, None, settings),
                       FixPolicy(unsafe=True))
        else:
            lint_source(source, None, settings)
        best = min(best, time.process_time() - start)
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
    if not args.only or args.only in "refused":
        print(f"{QUANTIFIED_CAPTURES} is refused by config in {refused() * 1000:.2f} ms "
              "(captures on repetitions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
