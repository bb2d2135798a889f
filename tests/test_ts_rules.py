"""Tensor-safety rules TS001 and TS004: fixtures, the ProjectOdyssey incident, options."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import REPO_ROOT, lint_snippet

from mojolint.config import ConfigResolver, with_table
from mojolint.diagnostics import Diagnostic
from mojolint.engine import lint_source
from mojolint.fixes import FixPolicy, fix_source
from mojolint.registry import Registry
from mojolint.settings import Overrides
from mojolint.tensor_api import TENSOR_API_KEYS


def registry() -> Registry:
    from mojolint.registry import get_registry

    return get_registry()


def lint(source: str, code: str, **options: object) -> list[Diagnostic]:
    resolver = ConfigResolver(registry(), isolated=True, overrides=Overrides(select=(code,)))
    settings = resolver.settings_for_file(Path("t.mojo"))
    if options:  # the tensor API's keys go to the shared table, the rest to the rule's
        table = {key.replace("_", "-"): value for key, value in options.items()}
        settings = with_table(settings, {
            "tensor-api": {k: v for k, v in table.items() if k in TENSOR_API_KEYS},
            "rules": {code: {k: v for k, v in table.items() if k not in TENSOR_API_KEYS}}})
    text = textwrap.dedent(source).encode()
    return lint_source(text, Path("t.mojo"), settings, registry=registry())


def fixed(source: str, code: str, unsafe: bool) -> str:
    resolver = ConfigResolver(registry(), isolated=True, overrides=Overrides(select=(code,)))
    settings = resolver.settings_for_file(Path("t.mojo"))

    def run(text: bytes) -> list[Diagnostic]:
        return lint_source(text, Path("t.mojo"), settings, registry=registry())

    result = fix_source(textwrap.dedent(source).encode(), run, FixPolicy(unsafe=unsafe))
    return result.fixed.decode()


INCIDENT = """
fn test_roundtrip() raises:
    \"\"\"Docstrings mention test_data._get_float64(0) and are not code.\"\"\"
    var shape = List[Int]()
    shape.append(10)
    var test_data = full(shape, 1.5, DType.float32)
    var half = config.cast_to_compute(test_data)
    var original_val = test_data._get_float64(0)
    var roundtrip_val = half._get_float64(0)
    print(original_val - roundtrip_val)
"""


def test_incident_line_is_reported_with_where_the_dtype_came_from() -> None:
    found = lint(INCIDENT, "TS001")
    assert [(d.start.line, d.code) for d in found] == [(8, "TS001")]
    assert "test_data is float32 (created by full(..., DType.float32) at line 6)" \
        in found[0].message
    # `half` comes from a method whose result dtype is not inferred: nothing said about it.


def test_incident_fix_needs_unsafe_fixes_and_writes_the_native_accessor() -> None:
    assert "test_data._get_float64(0)" in fixed(INCIDENT, "TS001", unsafe=False)
    assert "var original_val = test_data._get_float32(0)" in fixed(INCIDENT, "TS001",
                                                                  unsafe=True)


def test_prefer_native_accessor_makes_every_read_fix_the_bare_accessor() -> None:
    source = """
    fn f(shape: List[Int]) raises:
        var t = full(shape, 1.5, DType.float32)
        print(t._get_float64(0) * 2.0)
    """
    assert "print(Float64(t._get_float32(0)) * 2.0)" in fixed(source, "TS001", unsafe=False)
    diagnostics = lint(source, "TS001", **{"prefer-native-accessor": True})
    fix = diagnostics[0].fix
    assert fix is not None and fix.applicability.value == "unsafe"


def test_configured_api_flags_another_library() -> None:
    source = """
    fn f() raises:
        var a = make_array(List[Int](3), DType.float32)
        print(a._get_float64(0) + 1.0)
    """
    assert lint(source, "TS001") == []
    found = lint(source, "TS001", constructors={"make_array": 1})
    assert len(found) == 1 and "make_array(..., DType.float32)" in found[0].message



def test_narrowing_holds_for_every_read_of_a_function_with_many_reads() -> None:
    # The blocks around a read are found by walking down from the function for its first
    # reads (MAX_DESCENTS) and from the function's skeleton after: both narrow alike.
    from mojolint.semantics.function import MAX_DESCENTS

    reads = "\n".join(f"            print(grid._get_float64({i}))"
                      for i in range(MAX_DESCENTS + 4))
    source = (f"fn f(grid: ExTensor) raises:\n    for _ in range(2):\n"
              f"        if grid.dtype() == DType.float32:\n{reads}\n")
    found = lint(source, "TS001")
    assert len(found) == MAX_DESCENTS + 4
    assert all("narrowed by `grid.dtype() == DType.float32` at line 3" in d.message
               for d in found)


def test_a_while_loop_on_the_dtype_guards_its_else_branch() -> None:
    # No `if` in the function: the `while ... else` is the only test of the dtype.
    source = """
    fn f(x: ExTensor) raises:
        while x.dtype() == DType.float32:
            break
        else:
            print(x._data.bitcast[Float32]()[0])
    """
    [diagnostic] = lint(source, "TS002")
    assert "tested by an enclosing dtype guard" in diagnostic.message


def test_blocks_around_a_place_are_the_skeletons_whichever_way_they_are_found() -> None:
    from mojolint.parser import parse
    from mojolint.semantics.flow import Skeleton
    from mojolint.semantics.function import FunctionFacts
    from mojolint.tensor_api import TensorApi

    source = textwrap.dedent("""
    fn f(x: Int) raises:
        if x > 0:
            for i in range(x):
                if i == 2:
                    return
                else:
                    with open("p") as h:
                        try:
                            print(h)
                        except:
                            pass
        elif x < 0:
            while True:
                break
            else:
                @parameter
                fn g():
                    print(x)
    """).encode()
    function = parse(source).root_node.named_children[0]
    stack, nodes = [function], []
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(node.children)

    def facts() -> FunctionFacts:
        return FunctionFacts(node=function, source=source, api=TensorApi(),
                             _semantic=lambda: None,  # type: ignore[arg-type,return-value]
                             _uses_in=lambda node, name: [])

    skeleton = Skeleton(function)
    shared = facts()  # its first MAX_DESCENTS places by descent, the rest by its skeleton
    for node in nodes:
        expected = [n.id for n in skeleton.enclosing(node)]
        assert [n.id for n in facts().around(node)] == expected, node  # by descent
        assert [n.id for n in shared.around(node)] == expected, node

def test_keep_alive_fix_is_inserted_after_the_loop_in_the_owner_block() -> None:
    source = """
    fn f(n: Int, flag: Bool) raises:
        if flag:
            var t = zeros(List[Int](n), DType.float32)
            var p = t._data.bitcast[Float32]()
            for i in range(n):
                p[i] = 0.0
        print(n)
    """
    result = fixed(source, "TS004", unsafe=False)
    assert "            p[i] = 0.0\n        _ = t\n    print(n)\n" in result
    assert lint(result, "TS004") == []


def test_pointer_outliving_owner_message_explains_asap_destruction() -> None:
    source = """
    fn f(n: Int) raises:
        var t = zeros(List[Int](n), DType.float32)
        var p = t._data.bitcast[Float32]()
        for i in range(n):
            p[i] = 0.0
    """
    [diagnostic] = lint(source, "TS004")
    assert diagnostic.start.line == 6
    assert "ASAP destruction" in diagnostic.message and "`t`" in diagnostic.message


ANY_ORIGIN_FIELD = """
struct Owner:
    var data: UnsafePointer[Int, MutAnyOrigin]

fn read() -> Int:
    var owner = Owner()
    var p = owner.data
    return p[0]
"""


def lint_for(source: str, code: str, target: str) -> list[Diagnostic]:
    resolver = ConfigResolver(registry(), isolated=True,
                              overrides=Overrides(select=(code,), target_version=target))
    settings = resolver.settings_for_file(Path("t.mojo"))
    return lint_source(textwrap.dedent(source).encode(), Path("t.mojo"), settings,
                       registry=registry())


def test_ts004_a_pointer_field_is_untracked_from_mojo_1_2() -> None:
    # Before 1.2 a field of MutAnyOrigin keeps the owner alive (the compiler shows it);
    # 1.2 forbids AnyOrigin in fields, so a pointer read from one is untracked there.
    assert lint_for(ANY_ORIGIN_FIELD, "TS004", "26.1") == []
    found = lint_for(ANY_ORIGIN_FIELD, "TS004", "1.2")
    assert [(d.start.line, "from Mojo 1.2" in d.message) for d in found] == [(8, True)]


def test_ts004_reads_pointer_fields_declared_in_other_project_files(tmp_path: Path) -> None:
    # fixtures/ts004-project: Grid._data is `MutAnyOrigin` and Scratch.data
    # `MutExternalOrigin`, both declared in grid.mojo and read in uses_grid.mojo. On 0.26.1
    # an AnyOrigin field keeps its owner alive (tests/compiler/test_pointer_origins.py), so
    # only the external field is reported; from 1.2 every pointer field is untracked.
    folder = REPO_ROOT / "fixtures" / "ts004-project"
    files = {name: (folder / name).read_bytes() for name in ("grid.mojo", "uses_grid.mojo")}
    config = (folder / "mojolint.toml").read_text(encoding="utf-8")

    def lines(target: str) -> list[int]:
        found = lint_snippet(tmp_path / "project", files, config=config,
                             target_version=target, paths=["uses_grid.mojo"])
        return [int(line.split(":")[1]) for line in found if ": TS004 " in line]

    assert lines("26.1") == [24, 30]
    assert lines("1.2") == [9, 17, 17, 24, 30, 38]
    # Linted alone (no project around it), the fields' declarations are not found.
    alone = lint_snippet(tmp_path / "alone", {"uses_grid.mojo": files["uses_grid.mojo"]},
                         select="TS004", target_version="26.1")
    assert any("whose declaration was not found" in line for line in alone)
