"""UP030: `len(s)` of a string, rejected from Mojo 1.0; `s.byte_length()` says what it meant."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.semantics.model import BindingKind, Scope, ScopeKind, SemanticModel
from mojolint.semantics.tree import text

CALLS = """
(call function: (identifier) @function arguments: (argument_list . (_) @argument .)
  (#eq? @function "len"))
"""
STRING_TYPES = frozenset({"String", "StringSlice", "StaticString", "StringLiteral"})
SLICES = frozenset({"StringSlice", "StaticString"})  # `len` counted code points in 24.x


class LenString(Rule):
    """## What it does
    Flags `len(s)` where `s` is known to be a string (`String`, `StringSlice`,
    `StaticString` or a string literal: a declared type, a string literal or a
    `String(...)` value, a field declared with a string type read through `self`) and
    rewrites it as `s.byte_length()`.

    ## Why is this bad?
    Mojo 1.0 rejects `len` of a string: `` `len(String/StringSlice)` is not supported
    because Mojo strings are UTF-8 encoded, so a single length is ambiguous ... Use
    `s.byte_length()` or `len(s.bytes())` for the number of UTF-8 bytes,
    `len(s.codepoints())` for Unicode code points, or `len(s.graphemes())` for grapheme
    clusters ``. From 25.x to 26.2, `len(s)` was the number of UTF-8 bytes (checked with
    25.6 and 26.2: `len("hé")` and `len(StringSlice("hé"))` are 3), so `s.byte_length()` is
    what the old code computed.

    ## Example
    ```mojo
    def fits(name: String) -> Bool:
        return len(name) <= 16
    ```

    ## Use instead
    ```mojo
    def fits(name: String) -> Bool:
        return name.byte_length() <= 16
    ```

    ## Fix safety
    For a `String` or a string literal the fix is **safe**: it keeps the byte count the
    code computed before 1.0 (`len` of a `String` counted bytes in every release that had
    it, 24.x included). For a `StringSlice` / `StaticString` it is **unsafe**: from 25.x to
    26.2 `len` counted bytes too, but in 24.x it counted code points (the 2024 standard
    library's `StringSlice.__len__`), so code written for 24.x meant code points
    (`len(s.codepoints())`). Whether the author meant bytes or characters is worth a look
    either way (the compiler's message lists `codepoints()` and `graphemes()`). `len(x)`
    where mojolint cannot tell that `x` is a string (a call's result, a parameter without a
    type, a value from another module) is not reported; the compiler names those.

    Rejected from 1.0 (no release deprecated it first).

    ## Options
    None.
    """

    code = "UP030"
    name = "len-string"
    summary = "`len(String)` is rejected; `s.byte_length()` (Mojo 1.0)"
    fix_availability = "always"  # safe for `String`, unsafe for `StringSlice`
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (CALLS,)
    uses_semantic = True
    since_version = "1.0"
    removed_in = "1.0"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        found = ctx.matches(CALLS)
        if not found:
            return
        model = ctx.semantic
        for _, captures in found:
            argument = captures["argument"][0]
            call = captures["function"][0].parent
            kind = _string_kind(model, argument)
            if call is None or kind is None:
                continue
            if model.binding_of(captures["function"][0]) is not None:
                continue  # the file's own `len`
            subject = ctx.text(argument)
            fix = Fix("Replace with `.byte_length()`",
                      (Edit(call.start_byte, call.end_byte, f"{subject}.byte_length()"),),
                      Applicability.UNSAFE if kind in SLICES else Applicability.SAFE)
            yield ctx.report(call, "`len` of a string is rejected from Mojo 1.0; use "
                                   "`.byte_length()` (what `len` counted)", fix=fix)


def _string_kind(model: SemanticModel, node: Node) -> str | None:
    """The string type ``node`` is known to have (`String` for a literal), else None."""
    if node.type in ("string", "concatenated_string"):
        return "StringLiteral"
    if node.type == "call":
        function = node.child_by_field_name("function")
        while function is not None and function.type == "subscript":
            function = function.child_by_field_name("value")
        if function is not None and function.type == "identifier" \
                and text(function, model.source) in STRING_TYPES:
            return text(function, model.source)
        return None
    if node.type == "identifier":
        binding = model.binding_of(node)
        if binding is None:
            return None
        if binding.type is not None:
            return binding.type.base if binding.type.base in STRING_TYPES else None
        value = binding.value
        if binding.kind in (BindingKind.VARIABLE, BindingKind.COMPTIME) and value is not None \
                and value.id != node.id and value.type != "identifier" \
                and binding.statement.type != "for_statement":
            return _string_kind(model, value)
        return None
    if node.type == "attribute":
        obj, attr = node.child_by_field_name("object"), node.child_by_field_name("attribute")
        if obj is None or attr is None or obj.type != "identifier" \
                or text(obj, model.source) != "self":
            return None
        scope: Scope | None = model.scope_at(obj)
        while scope is not None and scope.kind != ScopeKind.STRUCT:
            scope = scope.parent
        if scope is None or scope.definition is None:
            return None
        struct = model.structs.get(scope.definition.name)
        field = struct.fields.get(text(attr, model.source)) if struct else None
        if field is not None and field.type is not None and field.type.base in STRING_TYPES:
            return field.type.base
    return None
