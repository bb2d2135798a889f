"""TS007 and TS002 share one answer to "is this expression an integer, and which"
(mojolint/semantics/ints.py). They used to answer it each their own way and disagreed on
the expressions below; now TS007 flags `List[Int](e)` exactly when `e` is visibly an
integer, and TS002's accessor fix for `p[e]` is safe exactly when `e` is visibly an `Int`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from mojolint.config import ConfigResolver
from mojolint.diagnostics import Applicability, Diagnostic
from mojolint.engine import lint_source
from mojolint.registry import get_registry
from mojolint.settings import Overrides

PRELUDE = """\
fn f(n: Int, u: UInt, x: Float64, t: ExTensor, a: List[Int]) raises:
    var m = len(a)
    var q = t.shape()[0]
    var k = len(a)
    k = q
    for i in range(n):
        for j in range(u):
          for e in [0, 10, n]:
"""
TS007_BODY = """\
            var shape = List[Int]({expr})
            shape[1] = 4
            print(shape[1])
"""
TS002_BODY = """\
            var w = zeros(List[Int](4), DType.float32)
            var v = w._data.bitcast[Float32]()[{expr}]
            print(v)
"""

# (expression, its integer type or None, what the two rules said before they shared it)
CASES = [
    ("-m", "Int", "TS007 no, TS002 Int"),
    ("m + q", None, "TS007 integer (one side was enough), TS002 not Int"),
    ("t.numel()", "Int", "TS007 integer, TS002 not Int"),
    ("k", "Int", "TS007 integer (first declaration), TS002 not Int (all assignments)"),
    ("UInt(n)", "UInt", "TS007 integer, TS002 not Int: still so, both from the type UInt"),
    ("j", "UInt", "range(u) with u: UInt; TS007 integer, TS002 not Int: still so"),
    ("i", "Int", "range(n): both Int"),
    ("n - 1", "Int", "both Int"),
    ("e", "Int", "a loop over a list of Ints"),
    ("x", None, "a Float64: neither"),
]


def _lint(source: str, code: str, target: str) -> list[Diagnostic]:
    resolver = ConfigResolver(get_registry(), isolated=True,
                              overrides=Overrides(select=(code,), target_version=target))
    settings = resolver.settings_for_file(Path("t.mojo"))
    return list(lint_source(textwrap.dedent(source).encode(), Path("t.mojo"), settings,
                            registry=get_registry()))


@pytest.mark.parametrize(("expr", "kind", "before"), CASES)
def test_ts007_and_ts002_follow_the_one_int_answer(expr: str, kind: str | None,
                                                    before: str) -> None:
    ts007 = _lint(PRELUDE + TS007_BODY.format(expr=expr), "TS007", "25.7")
    ts002 = _lint(PRELUDE + TS002_BODY.format(expr=expr), "TS002", "26.1")
    assert [d.code for d in ts007] == (["TS007"] if kind is not None else []), before
    assert [d.code for d in ts002] == ["TS002"]
    fix = ts002[0].fix
    assert fix is not None
    safe = fix.applicability is Applicability.SAFE
    assert safe == (kind == "Int"), before
    if kind in ("Int", None):  # where the type is Int or no integer, the two rules agree
        assert safe == bool(ts007), before
