"""The tensor API the tensor-safety rules (TS...) speak of, read from configuration.

The defaults describe ProjectOdyssey's ``ExTensor`` (and its successor's ``AnyTensor``).
Another tensor library states its own names once, in the shared table every rule that knows
the tensor API reads (TS001-TS005)::

    [tool.mojolint.tensor-api]
    tensor-types = ["NDArray"]
    constructors = { "zeros" = 1, "NDArray" = 1 }

The same keys under a rule's own table (``[tool.mojolint.rules.TS001] tensor-types = ...``)
are deprecated: they still apply to that rule, below the shared table, with a warning.
``Settings.tensor_api_for(code)`` builds the API a rule reads.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

# Mojo scalar type names and the DType each one stands for.
SCALAR_DTYPES: dict[str, str] = {
    "Float16": "float16",
    "BFloat16": "bfloat16",
    "Float32": "float32",
    "Float64": "float64",
    "Int8": "int8",
    "Int16": "int16",
    "Int32": "int32",
    "Int64": "int64",
    "UInt8": "uint8",
    "UInt16": "uint16",
    "UInt32": "uint32",
    "UInt64": "uint64",
    "Bool": "bool",
}
DTYPE_SCALARS: dict[str, str] = {dtype: name for name, dtype in SCALAR_DTYPES.items()}


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


@dataclass(frozen=True)
class TensorApi:
    """Names of one tensor library's types, constructors, accessors and pointer access."""

    tensor_types: tuple[str, ...] = field(
        default=("ExTensor", "AnyTensor"), metadata=_doc("Type names of tensors."))
    # Function (or type) name -> 0-based position of the argument that carries the dtype;
    # the keyword argument `dtype=` is recognised too.
    constructors: dict[str, int] = field(
        default_factory=lambda: {
            "ExTensor": 1, "AnyTensor": 1, "zeros": 1, "ones": 1, "empty": 1, "full": 2,
            "randn": 1, "rand": 1, "arange": 3, "linspace": 3, "eye": 3,
        },
        metadata=_doc("Constructor name to the position of its dtype argument."))
    like_suffix: str = field(
        default="_like", metadata=_doc("Functions named `<x><suffix>(t, ...)` copy t's dtype."))
    cast_functions: dict[str, int] = field(
        default_factory=lambda: {"cast_tensor": 1},
        metadata=_doc("Cast function name to the position of its target dtype argument."))
    cast_methods: tuple[str, ...] = field(
        default=("astype",), metadata=_doc("Methods `t.m(DType.x)` returning a dtype-x copy."))
    conversion_methods: dict[str, str] = field(
        default_factory=lambda: {
            "to_int8": "int8", "to_int16": "int16", "to_int32": "int32",
            "to_uint8": "uint8", "to_float32": "float32",
        },
        metadata=_doc("Methods `t.m()` returning a tensor of a fixed dtype."))
    copy_methods: tuple[str, ...] = field(
        default=("copy", "clone", "contiguous"),
        metadata=_doc("Methods returning a tensor of the receiver's dtype."))
    getter_prefix: str = field(
        default="_get_", metadata=_doc("Typed getters are `<prefix><dtype>(index)`."))
    setter_prefix: str = field(
        default="_set_", metadata=_doc("Typed setters are `<prefix><dtype>(index, value)`."))
    getter_dtypes: tuple[str, ...] = field(
        default=("float64", "float32", "int64"),
        metadata=_doc("Dtypes that have a typed getter."))
    setter_dtypes: tuple[str, ...] = field(
        default=("float64", "float32", "int64", "int32"),
        metadata=_doc("Dtypes that have a typed setter."))
    data_field: str = field(
        default="_data", metadata=_doc("Field holding the tensor's raw buffer pointer."))
    dtype_field: str = field(default="_dtype", metadata=_doc("Field holding the dtype."))
    dtype_method: str = field(default="dtype", metadata=_doc("Method returning the dtype."))
    pointer_methods: tuple[str, ...] = field(
        default=("unsafe_ptr", "data_ptr"),
        metadata=_doc("Methods of any value that return a raw pointer into it."))
    pointer_constructors: tuple[str, ...] = field(
        default=("UnsafePointer",),
        metadata=_doc("Types whose `T(to=x)` constructor points at x."))

    def accessor_dtype(self, method: str) -> tuple[str, str] | None:
        """``("get"|"set", dtype)`` for a typed accessor name, else None."""
        for kind, prefix in (("get", self.getter_prefix), ("set", self.setter_prefix)):
            if method.startswith(prefix) and method[len(prefix):] in DTYPE_SCALARS:
                return kind, method[len(prefix):]
        return None

    def has_accessor(self, kind: str, dtype: str) -> bool:
        return dtype in (self.getter_dtypes if kind == "get" else self.setter_dtypes)

    def accessor_name(self, kind: str, dtype: str) -> str:
        return (self.getter_prefix if kind == "get" else self.setter_prefix) + dtype


TENSOR_API_FIELDS = tuple(f.name for f in dataclasses.fields(TensorApi))
# The keys of the shared ``[tool.mojolint.tensor-api]`` table (as written in config).
TENSOR_API_KEYS = frozenset(name.replace("_", "-") for name in TENSOR_API_FIELDS)


def api_key(api: TensorApi) -> tuple[object, ...]:
    """The API's field values alone: rules' options classes differ (TS001 has an option
    more), but what is computed from the API depends only on these, so rules share it."""
    return tuple(getattr(api, name) for name in TENSOR_API_FIELDS)


def tensor_api_of(options: Any) -> TensorApi:
    """The TensorApi a rule's options describe (options embed TensorApi's fields)."""
    if options is None:
        return TensorApi()
    if isinstance(options, TensorApi):
        return options
    values = {name: getattr(options, name) for name in TENSOR_API_FIELDS if hasattr(options, name)}
    return TensorApi(**values)
