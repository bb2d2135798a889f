"""UP025: `Pointer.address_of(x)` / `UnsafePointer.address_of(x)`, written `Pointer(to=x)`."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

CALLS = """
(call
  function: (attribute object: (_) @type attribute: (identifier) @method)
  arguments: (argument_list . (_) @argument .) @arguments
  (#eq? @method "address_of")) @call
"""
POINTER_TYPES = frozenset({"UnsafePointer", "Pointer", "LegacyUnsafePointer"})


class AddressOf(Rule):
    """## What it does
    Flags `UnsafePointer.address_of(x)` and `Pointer.address_of(x)` (also with parameters,
    `UnsafePointer[Int].address_of(x)`) and rewrites them as the constructor call
    `UnsafePointer(to=x)`.

    ## Why is this bad?
    The static `address_of` method was replaced by a `to=` constructor (Mojo 25.5). Every
    release on PyPI (0.25.6 is the oldest) rejects it: `'UnsafePointer[...]' value has no
    attribute 'address_of'`.

    ## Example
    ```mojo
    def bump(mut count: Int):
        var p = UnsafePointer.address_of(count)
        p[] += 1
    ```

    ## Use instead
    ```mojo
    def bump(mut count: Int):
        var p = UnsafePointer(to=count)
        p[] += 1
    ```

    ## Fix safety
    The fix is **safe**: the constructor takes the address of the same value and gives the
    same pointer type. Only the pointer types are rewritten (`UnsafePointer`, `Pointer`),
    and only a call with a single positional argument.

    Replaced by `(to=x)` before 25.6 (the release that removed it is not installable, so
    `removed_in` is unset); the rule fires from 25.6, the oldest release whose compiler
    proves the new form.

    ## Options
    None.
    """

    code = "UP025"
    name = "address-of"
    summary = "`Pointer.address_of(x)` is written `Pointer(to=x)` (before Mojo 25.6)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (CALLS,)
    since_version = "25.6"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for _, captures in ctx.matches(CALLS):
            type_node, argument = captures["type"][0], captures["argument"][0]
            head = type_node
            while head.type == "subscript" and head.child_by_field_name("value") is not None:
                value = head.child_by_field_name("value")
                assert value is not None
                head = value
            if head.type != "identifier" or ctx.text(head) not in POINTER_TYPES:
                continue
            if argument.type in ("keyword_argument", "list_splat", "dictionary_splat"):
                continue
            call = captures["call"][0]
            new = f"{ctx.text(type_node)}(to={ctx.text(argument)})"
            fix = Fix(f"Replace with `{ctx.text(head)}(to=...)`",
                      (Edit(call.start_byte, call.end_byte, new),), Applicability.SAFE)
            yield ctx.report(call, f"`{ctx.text(head)}.address_of(x)` was removed; use "
                             f"`{ctx.text(head)}(to=x)`", fix=fix)
