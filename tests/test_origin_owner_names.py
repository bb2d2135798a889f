"""``OriginClassifier.owner_names``: TS004 classifies a binding only when these names allow
its origin to name one of the function's own ``var``s, so every origin ``classify`` finds
must name one of them (directly, or through the origin of a pointer it derives from). If
``classify`` learns a new way to make a pointer and ``owner_names`` does not follow, TS004
would silently stop reporting it: this test fails first."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO_ROOT
from test_semantic_model import model_of
from tree_sitter import Node

from mojolint.semantics.model import BindingKind, Scope
from mojolint.semantics.origins import OriginClassifier, PointerOrigin, owned_local
from mojolint.tensor_api import TensorApi

EXTRA = b'''\
struct Buf:
    var data: UnsafePointer[Float32, MutExternalOrigin]
    fn ptr(self) -> UnsafePointer[Float32, MutExternalOrigin]:
        return self.data

fn f(n: Int):
    var b = Buf(n)
    var t = Buf(n)
    var p = b.data
    var q = (p + 1).bitcast[Int8]()
    var r = t.ptr().offset(2)
    var s = UnsafePointer(to=b.data)
    var u = q.unsafe_origin_cast[MutExternalOrigin]()
    p = r
    var v = p.bitcast[Int]()

fn g(n: Int, other: Buf):
    var b = Buf(n)
    var p = b.data
    p = other.data  # a pointer into the argument: what `q` below derives from
    var q = p.bitcast[Int8]()
    p = b.ptr()
    var r = (p + 2).offset(1)
'''


def sources() -> list[tuple[str, bytes]]:
    found = [("extra", EXTRA)]
    for path in sorted(Path(REPO_ROOT / "fixtures").rglob("*.mojo")):
        found.append((str(path.relative_to(REPO_ROOT)), path.read_bytes()))
    return found


@pytest.mark.parametrize("target", ["26.1", "1.2"])
def test_every_origin_classify_finds_names_an_owner_the_syntax_allows(target: str) -> None:
    api = TensorApi()
    checked = 0
    for name, source in sources():
        model = model_of(source)
        classifier = OriginClassifier(model, target, api.data_field, api.pointer_methods,
                                      api.pointer_constructors, None, api.tensor_types)
        for scope in model.function_scopes():
            bindings = sorted((b for b in scope.all_bindings()
                               if b.kind is BindingKind.VARIABLE and b.value is not None),
                              key=lambda b: b.start)
            origins: list[tuple[str, int, PointerOrigin]] = []

            def known(wanted: str, at: int) -> PointerOrigin | None:
                for bound, start, origin in reversed(origins):  # noqa: B023
                    if bound == wanted and start < at:
                        return origin
                return None

            for binding in bindings:
                assert binding.value is not None
                origin = classifier.classify(binding.value, scope, known)
                if origin is None:
                    continue
                direct, derived = classifier.owner_names(binding.value)
                carried = [known(n, binding.value.start_byte) for n in derived]
                allowed = set(direct) | {o.owner for o in carried if o is not None}
                assert origin.owner in allowed, (name, binding, origin, direct, derived)
                origins.append((binding.name, binding.statement.start_byte, origin))
                checked += 1
    assert checked >= 20  # the fixtures hold pointers of every kind the test is about


def every_origin(classifier: OriginClassifier, scope: Scope
                 ) -> list[tuple[str, int, PointerOrigin]]:
    """Every variable of ``scope`` classified, in source order (what TS004 did before it
    classified only the bindings that may point into a local)."""
    found: list[tuple[str, int, PointerOrigin]] = []

    def known(wanted: str, at: int) -> PointerOrigin | None:
        for bound, start, origin in reversed(found):
            if bound == wanted and start < at:
                return origin
        return None

    for binding in sorted((b for b in scope.all_bindings()
                           if b.kind is BindingKind.VARIABLE and b.value is not None),
                          key=lambda b: b.start):
        assert binding.value is not None
        origin = classifier.classify(binding.value, scope, known)
        if origin is not None:
            found.append((binding.name, binding.statement.start_byte,
                          classifier.declared_origin(binding, origin)))
    return found


@pytest.mark.parametrize("target", ["26.1", "1.2"])
def test_local_pointers_keeps_every_pointer_into_a_local(target: str) -> None:
    api = TensorApi()
    kept = 0
    for name, source in sources():
        model = model_of(source)
        classifier = OriginClassifier(model, target, api.data_field, api.pointer_methods,
                                      api.pointer_constructors, None, api.tensor_types)
        for scope in model.function_scopes():
            lazy = [(b.name, b.statement.start_byte, o)
                    for b, o in classifier.local_pointers(scope)]
            owned = {n for n, bs in scope.bindings.items() if any(map(owned_local, bs))}
            full = every_origin(classifier, scope)
            assert [p for p in lazy if p[2].owner in owned] == \
                [p for p in full if p[2].owner in owned], name
            kept += sum(1 for p in lazy if p[2].owner in owned and not p[2].tracked)
    assert kept >= 10


def test_may_bind_value_is_asked_before_binding_and_misses_no_value() -> None:
    def dotted(node: Node) -> bool:
        return node.text is not None and b"." in node.text

    for _, source in sources():
        model = model_of(source)
        for scope in model.scopes:
            pending = bool(scope._pending)
            before = scope.may_bind_value(dotted)
            assert bool(scope._pending) == pending  # asking binds nothing
            values = [b.value for b in scope.all_bindings()
                      if b.kind is BindingKind.VARIABLE and b.value is not None]
            if any(dotted(value) for value in values):
                assert before and scope.may_bind_value(dotted)
