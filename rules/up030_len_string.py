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
    clusters ``. Before 1.0, `len(s)` was the number of UTF-8 bytes (checked with 25.6 and
    26.2: `len("hé")` is 3), so `s.byte_length()` is what the old code computed.

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
    The fix is **safe**: it keeps the byte count the code computed before 1.0. Whether the
    author meant bytes or characters is worth a look (the compiler's message lists
    `codepoints()` and `graphemes()`), but the rewrite does not change what the program
    does. `len(x)` where mojolint cannot tell that `x` is a string (a call's result, a
    parameter without a type, a value from another module) is not reported; the compiler
    names those.

    Rejected from 1.0 (no release deprecated it first).

    ## Options
    None.
    """

    code = "UP030"
    name = "len-string"
    summary = "`len(String)` is rejected; `s.byte_length()` (Mojo 1.0)"
    fix_availability = "always"
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
            if call is None or not _is_string(model, argument):
                continue
            if model.binding_of(captures["function"][0]) is not None:
                continue  # the file's own `len`
            subject = ctx.text(argument)
            fix = Fix("Replace with `.byte_length()`",
                      (Edit(call.start_byte, call.end_byte, f"{subject}.byte_length()"),),
                      Applicability.SAFE)
            yield ctx.report(call, "`len` of a string is rejected from Mojo 1.0; use "
                                   "`.byte_length()` (what `len` counted)", fix=fix)


def _is_string(model: SemanticModel, node: Node) -> bool:
    if node.type in ("string", "concatenated_string"):
        return True
    if node.type == "call":
        function = node.child_by_field_name("function")
        while function is not None and function.type == "subscript":
            function = function.child_by_field_name("value")
        return function is not None and function.type == "identifier" \
            and text(function, model.source) in STRING_TYPES
    if node.type == "identifier":
        binding = model.binding_of(node)
        if binding is None:
            return False
        if binding.type is not None:
            return binding.type.base in STRING_TYPES
        value = binding.value
        return binding.kind in (BindingKind.VARIABLE, BindingKind.COMPTIME) and value is not None \
            and value.id != node.id and value.type != "identifier" \
            and binding.statement.type != "for_statement" and _is_string(model, value)
    if node.type == "attribute":
        obj, attr = node.child_by_field_name("object"), node.child_by_field_name("attribute")
        if obj is None or attr is None or obj.type != "identifier" \
                or text(obj, model.source) != "self":
            return False
        scope: Scope | None = model.scope_at(obj)
        while scope is not None and scope.kind != ScopeKind.STRUCT:
            scope = scope.parent
        if scope is None or scope.definition is None:
            return False
        struct = model.structs.get(scope.definition.name)
        field = struct.fields.get(text(attr, model.source)) if struct else None
        return field is not None and field.type is not None \
            and field.type.base in STRING_TYPES
    return False
