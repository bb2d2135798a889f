"""Typed rule options: check raw config values against a dataclass's field types.

A rule declares ``options_type = SomeDataclass``; the config loader hands the rule's table
to :func:`build_options`, which either returns an instance or raises :class:`OptionError`
saying which key is wrong and what it accepts.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints


class OptionError(ValueError):
    """A rule option is unknown or has a value of the wrong type."""


def describe_type(tp: Any) -> str:
    """A short human description of an option type, used in error messages."""
    origin = get_origin(tp)
    if origin is Literal:
        return " or ".join(repr(a) for a in get_args(tp))
    if origin in (Union, types.UnionType):
        return " or ".join(describe_type(a) for a in get_args(tp))
    if origin in (list, tuple, typing.Sequence):
        args = [a for a in get_args(tp) if a is not Ellipsis]
        inner = describe_type(args[0]) if args else "value"
        return f"a list of ({inner})"
    if origin is dict:
        key, value = get_args(tp)
        return f"a table of {describe_type(key)} to {describe_type(value)}"
    names = {bool: "true/false", int: "an integer", float: "a number", str: "a string"}
    if tp is type(None):
        return "nothing"
    return names.get(tp, getattr(tp, "__name__", str(tp)))


def value_matches(value: Any, tp: Any) -> bool:
    """True when a TOML value fits the annotated type."""
    origin = get_origin(tp)
    if tp is Any:
        return True
    if origin is Literal:
        return value in get_args(tp)
    if origin in (Union, types.UnionType):
        return any(value_matches(value, a) for a in get_args(tp))
    if origin in (list, tuple, typing.Sequence):
        args = [a for a in get_args(tp) if a is not Ellipsis]
        inner = args[0] if args else Any
        return isinstance(value, list) and all(value_matches(v, inner) for v in value)
    if origin is dict:
        key_tp, value_tp = get_args(tp)
        return isinstance(value, dict) and all(
            value_matches(k, key_tp) and value_matches(v, value_tp) for k, v in value.items()
        )
    if tp is bool:
        return isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if tp is type(None):
        return value is None
    return isinstance(tp, type) and isinstance(value, tp)


def _coerce(value: Any, tp: Any) -> Any:
    """TOML arrays become tuples when the field is a tuple, so options stay hashable."""
    if get_origin(tp) is tuple and isinstance(value, list):
        return tuple(value)
    return value


def build_options(options_type: type[Any], raw: dict[str, Any]) -> Any:
    """Instantiate ``options_type`` from a config table; raise OptionError on bad input."""
    fields = {f.name.replace("_", "-"): f for f in dataclasses.fields(options_type)}
    hints = get_type_hints(options_type)
    allowed = ", ".join(fields) or "(no options)"
    values: dict[str, Any] = {}
    for key, value in raw.items():
        field = fields.get(key)
        if field is None:
            raise OptionError(f"unknown key '{key}'; allowed: {allowed}")
        tp = hints[field.name]
        if not value_matches(value, tp):
            raise OptionError(
                f"invalid value {value!r} for '{key}'; expected {describe_type(tp)}"
            )
        values[field.name] = _coerce(value, tp)
    return options_type(**values)


def toml_value(value: Any) -> str:
    """A value as it is written in TOML (for documented defaults)."""
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(json.dumps(str(v), ensure_ascii=False) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}"
                                for k, v in value.items()) + " }"
    return json.dumps(value, ensure_ascii=False)


def option_docs(options_type: type[Any]) -> list[str]:
    """One Markdown item per option of ``options_type``: its key, type, default and the
    ``doc`` of the field's metadata (the rule page's "Options" section is made of these)."""
    hints = get_type_hints(options_type)
    defaults = options_type()
    items = []
    for field in dataclasses.fields(options_type):
        doc = field.metadata.get("doc", "")
        items.append(f"- `{field.name.replace('_', '-')}` ({describe_type(hints[field.name])}, "
                     f"default `{toml_value(getattr(defaults, field.name))}`)"
                     + (f": {doc}" if doc else ""))
    return items
