"""What the analysis knows about a tensor's dtype, and where that knowledge came from."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from mojolint.tensor_api import SCALAR_DTYPES


@dataclass(frozen=True)
class DtypeFact:
    """The dtype of one tensor binding at one place.

    ``dtypes`` is None when the dtype is only known at run time, one element when it is
    known, several when it depends on a branch. ``origin`` says where the fact came from, in
    words a diagnostic can quote. ``runtime_var`` names the DType variable a tensor was made
    from, so a guard on that variable (``if dtype == DType.float32:``) narrows the tensor.
    ``same_as`` names the tensors it copied its dtype from (``zeros_like(x)``,
    ``ExTensor(s, x.dtype())``), so a guard on ``x._dtype`` narrows it too.
    """

    dtypes: frozenset[str] | None
    origin: str
    runtime_var: str | None = None
    narrowed: bool = False
    same_as: frozenset[str] = frozenset()

    @property
    def known(self) -> str | None:
        if self.dtypes is not None and len(self.dtypes) == 1:
            return next(iter(self.dtypes))
        return None

    def describe(self, name: str) -> str:
        """``test_data is float32 (created by full(..., DType.float32) at line 330)``."""
        if self.known is not None:
            what = self.known
        elif self.dtypes:
            what = "one of " + ", ".join(sorted(self.dtypes))
        else:
            what = "of a dtype known only at run time"
        return f"{name} is {what} ({self.origin})"


def unknown(origin: str, runtime_var: str | None = None) -> DtypeFact:
    return DtypeFact(None, origin, runtime_var)


def derived(source: DtypeFact, name: str, origin: str) -> DtypeFact:
    """The fact of a tensor whose dtype is that of tensor ``name`` (a copy, ``*_like``)."""
    return DtypeFact(source.dtypes, origin, source.runtime_var,
                     same_as=source.same_as | {name})


def merge(facts: list[DtypeFact]) -> DtypeFact:
    """The fact after branches that assigned different values meet."""
    if len(facts) == 1:
        return facts[0]
    origin = "assigned on several paths: " + "; ".join(f.origin for f in facts)
    same_as = frozenset.intersection(*(f.same_as for f in facts))
    if any(f.dtypes is None for f in facts):
        return DtypeFact(None, origin, same_as=same_as)
    combined: frozenset[str] = frozenset().union(*(f.dtypes or frozenset() for f in facts))
    return DtypeFact(combined, origin, same_as=same_as)


def dtype_literal(node: Node | None) -> str | None:
    """``float32`` for the expression ``DType.float32``."""
    if node is None or node.type != "attribute":
        return None
    obj, attr = node.child_by_field_name("object"), node.child_by_field_name("attribute")
    if obj is None or attr is None or obj.text != b"DType" or attr.text is None:
        return None
    return attr.text.decode()


def scalar_dtype(node: Node | None) -> str | None:
    """The dtype a scalar type expression names: ``Float32`` or ``Scalar[DType.float32]``."""
    if node is None:
        return None
    if node.type == "type" and node.named_child_count == 1:
        node = node.named_children[0]
    if node.type == "identifier" and node.text is not None:
        return SCALAR_DTYPES.get(node.text.decode())
    if node.type == "subscript":
        value, index = node.child_by_field_name("value"), node.child_by_field_name("subscript")
        if value is not None and value.text in (b"Scalar", b"SIMD"):
            return dtype_literal(index)
    return None
