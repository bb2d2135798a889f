"""Issue 19, points 9 and 11: inputs a repository can commit to make a run quadratic.

Each check compares a 1x and an 8x input in the same run (no wall-clock threshold): a
linear or n log n operation grows about 8-11x, a quadratic one 64x. Times are this process's
CPU time, not wall time, so a loaded machine (another job taking the core away mid-run)
cannot fake a growth; times under a floor are rounded up to it, so timer noise on tiny times
cannot either. Both tests fail on commit 285a9fe."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from mojolint import parser as mojo_parser

FLOOR = 0.010  # seconds
LIMIT = 24.0  # far above n log n's 8-11x, far below quadratic's 64x


def _growth(run: Callable[[int], object], size: int) -> float:
    def best(n: int) -> float:
        times = []
        for _ in range(3):
            start = time.process_time()
            run(n)
            times.append(time.process_time() - start)
        return max(min(times), FLOOR)

    return best(8 * size) / best(size)


CHAINS = {
    # point 9: TS008/NU004's division, UP021's `p + i`
    "operator": lambda n: f"fn f() -> Float64:\n    return 1.0{' + 1.0' * n} / 0.0\n",
    # UP021's `p[i]` and `p += i`, and any rule reading a subscript's or a call's fields
    "subscript": lambda n: f"fn f(p: Int):\n    var y = p{'[0]' * n}\n",
    "augmented": lambda n: f"fn f(mut p: Int):\n    p += 1{' + 1' * n}\n",
    "call": lambda n: f"fn f(p: Int):\n    var y = p{'(0)' * n}\n",
    "attribute": lambda n: f"fn f(p: Int):\n    var y = p{'.a' * n}\n",
}


@pytest.mark.parametrize("shape", sorted(CHAINS))
def test_a_long_chain_cannot_make_a_rule_query_quadratic(shape: str) -> None:
    from tree_sitter import QueryCursor

    from mojolint.registry import get_registry

    trees = {n: mojo_parser.parse(CHAINS[shape](n).encode()) for n in (4_000, 32_000)}
    assert not trees[4_000].root_node.has_error
    patterns = {pattern for rule in get_registry().all_rules()
                for pattern in getattr(rule, "queries", ())}
    assert patterns, "no rule declares a whole-file pattern"
    for pattern in sorted(patterns):
        query = mojo_parser.compile_query(pattern)

        def run(n: int, query: object = query) -> object:
            return QueryCursor(query).captures(trees[n].root_node)  # type: ignore[arg-type]

        assert _growth(run, 4_000) < LIMIT, pattern


def test_a_noqa_comment_followed_by_a_long_run_of_blanks_cannot_make_noqa_quadratic() -> None:
    from mojolint.noqa import parse_directives

    sources = {n: f"var x = 1  # noqa: A1{' ' * n}\n".encode() for n in (4_000, 32_000)}
    trees = {n: mojo_parser.parse(source) for n, source in sources.items()}

    def run(n: int) -> object:
        directives = parse_directives(trees[n], sources[n])
        assert directives and directives[0].codes == ("A1",)
        return directives

    assert _growth(run, 4_000) < LIMIT
