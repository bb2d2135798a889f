"""Where an argument convention stands: its parameter, the parameter's position, the function.

Upgrade rules rewrite conventions differently by place (a constructor's `self`, a
destructor's `self`, a move constructor's source), so they share this one lookup.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from mojolint.semantics.tree import text


@dataclass(frozen=True)
class ConventionSite:
    """A convention keyword inside a function's parameter list."""

    parameter: Node
    function: Node
    function_name: str
    parameter_name: str | None
    position: int  # among the function's parameters, comments not counted


def convention_site(keyword: Node, source: bytes) -> ConventionSite | None:
    """The site of a convention keyword (`inout`, `owned`, ...), or None outside a `def`."""
    convention = keyword.parent
    parameter = convention.parent if convention is not None else None
    parameters = parameter.parent if parameter is not None else None
    function = parameters.parent if parameters is not None else None
    if parameter is None or parameters is None or function is None:
        return None
    if function.type != "function_definition" or parameters.type != "parameters":
        return None
    name = function.child_by_field_name("name")
    own_name = parameter.child_by_field_name("name")
    named = [p for p in parameters.named_children if p.type != "comment"]
    return ConventionSite(
        parameter=parameter,
        function=function,
        function_name=text(name, source) if name is not None else "",
        parameter_name=text(own_name, source) if own_name is not None else None,
        position=named.index(parameter) if parameter in named else -1,
    )

