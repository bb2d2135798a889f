"""The generic semantic model (``ctx.semantic``): scopes, bindings, references, types."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import REPO_ROOT
from test_queries import CountingCursor, every_rule, whole_file_runs  # noqa: F401

from mojolint.diagnostics import Diagnostic
from mojolint.engine import lint_source
from mojolint.parser import parse
from mojolint.registry import Registry, get_registry
from mojolint.rule import Context, Rule
from mojolint.semantics.model import Binding, BindingKind, Reference, ScopeKind, SemanticModel
from mojolint.semantics.tree import captures

SOURCE = b'''\
from collections import List
import math as m
from .utils import helper, other as oth
from . import sibling

comptime N = 4
alias M: Int = 8

struct Buf[dtype: DType](Copyable, Movable):
    var data: UnsafePointer[Float32, MutExternalOrigin]
    var size: Int

    fn __init__(out self, size: Int):
        self.size = size

    fn get(self, mut i: Int, owned x: List[Int]) -> Float32:
        var total: Int = 0
        for j in range(i):
            total += j
        @parameter
        fn inner[w: Int](k: Int) capturing -> Int:
            return total + k + N
        var unused = "total is not read in strings"
        return self.data[i]

    fn __del__(deinit self):
        pass
'''


def model_of(source: bytes) -> SemanticModel:
    tree = parse(source)
    return SemanticModel.build(tree, source, lambda pattern: captures(pattern, tree.root_node))


def kinds(scope_bindings: Iterable[object]) -> dict[str, str]:
    return {b.name: b.kind.value for b in scope_bindings}  # type: ignore[attr-defined]


def test_scopes_nest_and_closures_are_marked() -> None:
    model = model_of(SOURCE)
    shape = [(s.kind, s.name, s.parent.name if s.parent else None, s.is_closure)
             for s in model.scopes]
    assert shape == [
        (ScopeKind.MODULE, None, None, False),
        (ScopeKind.STRUCT, "Buf", None, False),
        (ScopeKind.FUNCTION, "__init__", "Buf", False),
        (ScopeKind.FUNCTION, "get", "Buf", False),
        (ScopeKind.FUNCTION, "inner", "get", True),
        (ScopeKind.FUNCTION, "__del__", "Buf", False),
    ]
    inner = model.scopes[4]
    assert inner.capturing
    assert [b.name for b in model.captured(inner)] == ["total"]


def test_binding_kinds_conventions_and_import_paths() -> None:
    model = model_of(SOURCE)
    assert kinds(model.module.all_bindings()) == {
        "List": "import", "m": "import", "helper": "import", "oth": "import",
        "sibling": "import", "N": "comptime", "M": "comptime", "Buf": "struct"}
    imports = {b.name: b.import_path for b in model.module.all_bindings()
               if b.kind == BindingKind.IMPORT}
    assert imports == {"List": "collections.List", "m": "math", "helper": ".utils.helper",
                       "oth": ".utils.other", "sibling": ".sibling"}
    get = model.scopes[3]
    assert kinds(get.all_bindings()) == {
        "self": "parameter", "i": "parameter", "x": "parameter", "total": "variable",
        "j": "loop-variable", "inner": "function", "unused": "variable"}
    conventions = {b.name: b.convention for b in get.all_bindings()
                   if b.kind == BindingKind.PARAMETER}
    assert conventions == {"self": None, "i": "mut", "x": "owned"}
    assert kinds(model.scopes[4].all_bindings()) == {"w": "comptime-parameter",
                                                     "k": "parameter"}


def test_declared_types_are_parsed() -> None:
    model = model_of(SOURCE)
    struct = model.structs["Buf"]
    data = struct.fields["data"].type
    assert data is not None and data.base == "UnsafePointer"
    assert [str(a) for a in data.arguments] == ["Float32", "MutExternalOrigin"]
    assert data.mentions("MutExternalOrigin")
    assert struct.conformances == ("Copyable", "Movable")
    assert sorted(struct.methods) == ["__del__", "__init__", "get"]
    assert struct.destructor is not None and struct.destructor.defines is not None
    assert list(struct.parameters) == ["dtype"]
    get = model.scopes[3]
    assert str(get.return_type) == "Float32"
    self_type = get.lookup("self")
    assert self_type is not None and str(self_type.type) == "Buf"  # `self` is the struct
    x = get.lookup("x")
    assert x is not None and x.type is not None and x.type.argument(0) is not None


def test_references_resolve_through_closures_and_to_the_module() -> None:
    model = model_of(SOURCE)
    resolved = {(r.name, r.node.start_point[0] + 1): (r.binding.kind.value, r.binding.scope.name)
                for r in model.references if r.binding is not None}
    assert resolved[("total", 22)] == ("variable", "get")      # captured by the closure
    assert resolved[("N", 22)] == ("comptime", None)            # module comptime
    assert resolved[("List", 16)] == ("import", None)            # a parameter's type
    assert resolved[("i", 24)] == ("parameter", "get")
    # Only code is read: strings, declarations and attribute names are not references.
    names = [r.name for r in model.references]
    assert names.count("total") == 2 and "size" in names and "data" not in names
    unresolved = {r.name for r in model.unresolved()}
    assert {"range", "Int", "Float32"} <= unresolved
    oth = model.module.lookup("oth")
    assert oth is not None and model.references_to(oth) == []


def test_a_name_rebound_reads_the_latest_binding_before_it() -> None:
    model = model_of(b"fn f():\n    var a = 1\n    print(a)\n    a = 2\n    print(a)\n")
    uses = [r for r in model.references if r.name == "a"]
    assert [r.binding.node.start_point[0] + 1 for r in uses if r.binding] == [2, 4]


def test_deep_nesting_builds_without_recursion() -> None:
    depth = 3000
    source = b"fn f():\n    var x = " + b"(" * depth + b"1" + b")" * depth + b"\n    _ = x\n"
    model = model_of(source)
    assert [r.name for r in model.references] == ["x"]
    deep_type = b"var y: " + b"List[" * 2000 + b"Int" + b"]" * 2000 + b"\n"
    declared = model_of(deep_type).module.lookup("y")
    assert declared is not None and declared.type is not None and declared.type.base == "List"


class ReadsTheModel(Rule):
    """## What it does
    Reports each function's parameters from ``ctx.semantic`` (a test rule).
    ## Why is this bad?
    It is not.
    ## Example
    ```mojo
    fn f(x: Int): pass
    ```
    """

    code = "ZZ901"
    name = "reads-the-model"
    summary = "a test rule that reads ctx.semantic"
    uses_semantic = True
    uses_references = True

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for scope in ctx.semantic.function_scopes():
            for binding in scope.all_bindings():
                if binding.kind == BindingKind.PARAMETER and not ctx.semantic.references_to(
                        binding):
                    yield ctx.report(binding.node, f"`{binding.name}` is never read")


def test_a_rule_reads_ctx_semantic_from_the_one_walk(
        whole_file_runs: type[CountingCursor],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    registry = get_registry()
    monkeypatch.setattr(Registry, "enabled_rules",
                        lambda self, settings, path: [ReadsTheModel()])
    source = b"fn f(a: Int, b: Int) -> Int:\n    return a\n"
    path = REPO_ROOT / "x.mojo"
    found = lint_source(source, path, every_rule(path), registry=registry)
    assert [(d.message, d.start.line) for d in found] == [("`b` is never read", 1)]
    assert whole_file_runs.whole_file_runs == 1


def test_the_model_imports_nothing_from_the_rule_api() -> None:
    for module in (REPO_ROOT / "mojolint" / "semantics").glob("*.py"):
        tree = ast.parse(module.read_text())
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                     for alias in node.names}
        assert not {name for name in imported if name and name.startswith("mojolint.rule")}, \
            module.name



def _seen(references: Iterable[Reference]) -> list[tuple[int, int, int | None]]:
    return [(r.node.id, id(r.scope), id(r.binding) if r.binding is not None else None)
            for r in references]


@pytest.mark.parametrize("path", sorted((REPO_ROOT / "fixtures").glob("*/*.mojo")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_references_named_are_the_references_of_those_names(path: Path) -> None:
    # Found from the bytes instead of a walk of every identifier: the very same references
    # (node, scope, binding), for names that occur in the file and names that are only part
    # of longer identifiers, strings or comments.
    source = path.read_bytes()
    every = model_of(source).references
    names = {r.name for r in every}
    for wanted in (names, {n for n in names if len(n) <= 3} | {"a", "List", "x"}):
        fresh = model_of(source)
        named = fresh.references_named(wanted)  # before the walk of every identifier
        assert _seen(named) == _seen([r for r in fresh.references if r.name in wanted])
        assert len(named) == len([r for r in every if r.name in wanted])


@pytest.mark.parametrize("path", sorted((REPO_ROOT / "fixtures").glob("*/*.mojo")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_references_in_a_scope_are_that_scopes_references(path: Path) -> None:
    # Resolved for one scope's identifiers only (what the tensor analysis asks per
    # function): the same references (node, scope, binding) as the whole file's walk gives
    # that scope, asked before and after the walk, for every scope of the file.
    source = path.read_bytes()
    every = model_of(source)
    fresh = model_of(source)
    for scope, fresh_scope in zip(every.scopes, fresh.scopes, strict=True):
        expected = [r for r in every.references if r.scope is scope]
        found = fresh.references_in(fresh_scope)  # the file's walk not done yet
        assert [(r.node.start_byte, r.name, _where(r.binding)) for r in found] == \
            [(r.node.start_byte, r.name, _where(r.binding)) for r in expected]
    assert fresh._references is None  # nothing resolved the whole file
    walked = fresh.references
    for scope in fresh.scopes:
        assert fresh.references_in(scope) == [r for r in walked if r.scope is scope]


def _where(binding: Binding | None) -> tuple[int, str] | None:
    return None if binding is None else (binding.node.start_byte, binding.kind.value)
