"""How the tensor-safety rules (TS001-TS004) scale with function size and nesting depth.

    python bench/scaling_ts.py [--base-reads 1000] [--base-depth 1250] [--timeout 60]

Each shape is linted in process at 1x, 4x and 16x its base size with TS001-TS004
selected; the script prints the seconds of each run and the growth from one size to the
next, in CPU seconds, which a loaded machine disturbs less than wall seconds (4.0 is linear,
about 4.6 is n log n, 16 is quadratic). The shapes are those of issue
19 point 10:

- ``reads``: one function holding N accessor reads of one tensor (``t._get_float64(i)``
  on a float32 tensor: N TS001 diagnostics);
- ``pointer-reads``: one function holding N reads through a raw pointer into a tensor
  (``p[i]``: N TS002 diagnostics, and TS004's pointer uses);
- ``unary``: one read wrapped in N unary minus signs;
- ``blocks``: one read at the bottom of N nested ``if`` blocks, each preceded by an early
  exit (the guards the dtype narrowing looks at).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mojolint.config import ConfigResolver  # noqa: E402
from mojolint.engine import lint_source  # noqa: E402
from mojolint.registry import get_registry  # noqa: E402
from mojolint.settings import Overrides  # noqa: E402

HEAD = "fn f(shape: List[Int]) raises -> Float64:\n"
MAKE = ("    var t = zeros(shape, DType.float32)\n"
        "    var p = t._data.bitcast[Float32]()\n"
        "    var s: Float64 = 0\n")


def reads(n: int) -> bytes:
    body = "".join(f"    s += t._get_float64({i})\n" for i in range(n))
    return (HEAD + MAKE + body + "    return s + Float64(p[0])\n").encode()


def pointer_reads(n: int) -> bytes:
    body = "".join(f"    s += Float64(p[{i}])\n" for i in range(n))
    return (HEAD + MAKE + body + "    return s\n").encode()


def unary(n: int) -> bytes:
    return (HEAD + MAKE + "    s = " + "-" * n + "t._get_float64(0)\n    return s + "
            "Float64(p[0])\n").encode()


def blocks(n: int) -> bytes:
    lines = [HEAD, MAKE]
    for depth in range(n):
        indent = "    " * (depth + 1)
        lines.append(f"{indent}if s > {depth}:\n{indent}    return s\n")
        lines.append(f"{indent}if s < {depth}:\n")
    indent = "    " * (n + 1)
    lines.append(f"{indent}s += t._get_float64(0) + Float64(p[0])\n")
    lines.append("    return s\n")
    return "".join(lines).encode()


SHAPES: dict[str, Callable[[int], bytes]] = {
    "reads": reads, "pointer-reads": pointer_reads, "unary": unary, "blocks": blocks}


def lint_seconds(source: bytes) -> tuple[float, int, float]:
    """Wall seconds, diagnostics and CPU seconds of one in-process lint of ``source``."""
    path = REPO / "scaling.mojo"
    resolver = ConfigResolver(get_registry(), isolated=True,
                              overrides=Overrides(select=("TS001", "TS002", "TS003", "TS004")))
    settings = resolver.settings_for_file(path)
    start, cpu = time.perf_counter(), time.process_time()
    found = lint_source(source, path, settings)
    return time.perf_counter() - start, len(found), time.process_time() - cpu


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--base-reads", type=int, default=1000)
    cli.add_argument("--base-unary", type=int, default=1250)
    cli.add_argument("--base-blocks", type=int, default=60)
    cli.add_argument("--shapes", nargs="*", default=sorted(SHAPES))
    cli.add_argument("--factors", type=int, nargs="*", default=[1, 4, 16])
    arguments = cli.parse_args()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    bases = {"reads": arguments.base_reads, "pointer-reads": arguments.base_reads,
             "unary": arguments.base_unary, "blocks": arguments.base_blocks}
    print(f"{'shape':14} {'n':>7} {'bytes':>9} {'seconds':>8} {'cpu s':>7} {'growth':>7} "
          f"{'diagnostics':>11}")
    for shape in arguments.shapes:
        previous: float | None = None
        for factor in arguments.factors:
            n = bases[shape] * factor
            source = SHAPES[shape](n)
            seconds, count, cpu = lint_seconds(source)
            growth = f"{cpu / previous:7.1f}" if previous else f"{'':7}"
            print(f"{shape:14} {n:7} {len(source):9} {seconds:8.2f} {cpu:7.2f} {growth} "
                  f"{count:11}", flush=True)
            previous = max(cpu, 1e-6)


if __name__ == "__main__":
    main()
