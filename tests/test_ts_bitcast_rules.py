"""TS002 raw bitcast access, TS003 bitcast dtype mismatch, TS005 allocation chain, beyond
their fixtures' snapshots: messages and fixes on small cases, the default selection and
options."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import fix_snippet, lint_snippet, run_cli, write_tree


def snippet(source: str) -> dict[str, str]:
    return {"t.mojo": textwrap.dedent(source)}


# TS002

TS002_SOURCE = snippet("""
fn fill(n: Int) raises -> Float32:
    var t = zeros(List[Int](n), DType.float32)
    var p = t._data.bitcast[Float32]()
    for i in range(n):
        p[i] = Float32(i)
        p[i] *= 2.0
    t._data.bitcast[Float32]()[0] = 1.5
    return p[1] + t._data.bitcast[Float32]()[0]
""")


def test_ts002_message_names_the_dtype_provenance(tmp_path: Path) -> None:
    lines = lint_snippet(tmp_path, TS002_SOURCE, select="TS002")
    assert len(lines) == 5
    assert lines[0] == (
        "t.mojo:6:9: TS002 [*] raw write through `p` (bound at line 4) of "
        "`t._data.bitcast[Float32]()`; t is float32 (created by zeros(..., DType.float32) "
        "at line 3); use `t._set_float32(...)`")


def test_ts002_fix_rewrites_every_access_to_accessors(tmp_path: Path) -> None:
    fixed = fix_snippet(tmp_path, TS002_SOURCE, select="TS002", path="t.mojo")
    assert "        t._set_float32(i, Float32(i))\n" in fixed
    assert "        t._set_float32(i, t._get_float32(i) * 2.0)\n" in fixed
    assert "    t._set_float32(0, 1.5)\n" in fixed
    assert "    return t._get_float32(1) + t._get_float32(0)\n" in fixed
    assert lint_snippet(tmp_path, {"t.mojo": fixed}, select="TS002") == []
    # Using the tensor keeps it alive: the pointer-outlives-owner pattern is gone too.
    assert lint_snippet(tmp_path, {"t.mojo": fixed}, select="TS004") == []


def test_ts002_without_a_known_matching_dtype_there_is_no_fix(tmp_path: Path) -> None:
    source = snippet("""
    fn read(x: ExTensor, n: Int) raises -> Float32:
        var h = zeros(List[Int](n), DType.float16)
        h._data.bitcast[Float16]()[0] = 1.0
        return x._data.bitcast[Float32]()[0]
    """)
    lines = lint_snippet(tmp_path, source, select="TS002")
    assert [line.split(" TS002 ")[0] for line in lines] == ["t.mojo:4:5:", "t.mojo:5:12:"]
    assert "x is of a dtype known only at run time (parameter of type ExTensor" in lines[1]
    assert fix_snippet(tmp_path, source, select="TS002", unsafe=True,
                       path="t.mojo") == source["t.mojo"]


def test_ts002_index_of_another_type_makes_the_fix_unsafe(tmp_path: Path) -> None:
    source = snippet("""
    fn put(n: Int, k: UInt) raises:
        var t = zeros(List[Int](n), DType.float32)
        t._data.bitcast[Float32]()[k] = 0.0
    """)
    assert fix_snippet(tmp_path, source, select="TS002", path="t.mojo") == source["t.mojo"]
    assert "t._set_float32(k, 0.0)" in fix_snippet(tmp_path, source, select="TS002",
                                                   unsafe=True, path="t.mojo")


# TS003

def test_ts003_known_mismatch_and_unguarded_parameter(tmp_path: Path) -> None:
    source = snippet("""
    fn f(x: ExTensor, n: Int) raises:
        var h = zeros(List[Int](n), DType.float16)
        h._data.bitcast[Float32]()[0] = 1.0
        x._data.bitcast[Float32]()[0] = 1.0
        if x.dtype() == DType.float32:
            x._data.bitcast[Float32]()[1] = 1.0
    """)
    assert lint_snippet(tmp_path, source, select="TS003") == [
        "t.mojo:4:5: TS003 `bitcast[Float32]` on h, but h is float16 (created by "
        "zeros(..., DType.float16) at line 3); its buffer does not hold Float32 elements",
        "t.mojo:5:5: TS003 `bitcast[Float32]` on x, but x is of a dtype known only at run "
        "time (parameter of type ExTensor at line 2) and no dtype test (`if x._dtype == "
        "DType.float32:`) covers this access",
    ]


def test_ts003_has_no_fix(tmp_path: Path) -> None:
    source = snippet("""
    fn f(x: ExTensor):
        print(x._data.bitcast[Float64]()[0])
    """)
    assert len(lint_snippet(tmp_path, source, select="TS003")) == 1
    assert fix_snippet(tmp_path, source, select="TS003", unsafe=True,
                       path="t.mojo") == source["t.mojo"]


# TS005

def chain(count: int) -> str:
    body = "".join(f"    var t{i} = zeros(List[Int](n), DType.float32)\n" for i in range(count))
    return f"fn build(n: Int) raises:\n{body}    print(n)\n"


def test_ts005_is_off_by_default_and_flags_past_twelve(tmp_path: Path) -> None:
    long = {"long.mojo": chain(13)}
    assert lint_snippet(tmp_path, long) == []
    assert lint_snippet(tmp_path, long, select="TS") == [
        "long.mojo:14:15: TS005 13 tensor allocations in one straight-line run of statements "
        "(lines 2-14); limit 12"]
    assert lint_snippet(tmp_path, {"ok.mojo": chain(12)}, select="TS005") == []


def test_ts005_limit_comes_from_config(tmp_path: Path) -> None:
    assert lint_snippet(tmp_path, {"t.mojo": chain(3)}, select="TS005",
                        config="[rules.TS005]\nmax-allocations = 2\n") == [
        "t.mojo:4:14: TS005 3 tensor allocations in one straight-line run of statements "
        "(lines 2-4); limit 2"]


def test_ts005_bad_limit_is_one_line_error(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": "[rules.TS005]\nmax-allocations = \"many\"\n",
                          "t.mojo": chain(3)})
    result = run_cli(["check", "--no-cache", "--select", "TS005", "t.mojo"], tmp_path)
    assert result.exit_code == 2
    assert "max-allocations" in result.stderr and "Traceback" not in result.stderr
