"""ST002: a function argument the function never reads."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Diagnostic
from mojolint.rule import Context, Rule
from mojolint.semantics.model import Binding, BindingKind, Scope, ScopeKind, SemanticModel

# Traits of the standard library whose required methods are not dunders, and those methods;
# the others (`Copyable`, `Hashable`, `Stringable`...) only ask for dunder methods.
STDLIB_TRAIT_METHODS = frozenset({
    "write_to", "write_repr_to", "write_bytes", "write_string", "get_type_name",
    "get_device_type_name", "copy",
})
STDLIB_TRAITS = frozenset({
    "AnyType", "Absable", "Boolable", "CollectionElement", "Comparable", "Copyable",
    "Defaultable", "DevicePassable", "EqualityComparable", "Floatable", "Hashable",
    "ImplicitlyBoolable", "ImplicitlyCopyable", "ImplicitlyDestructible", "Indexer", "Intable",
    "IntableRaising", "KeyElement", "Movable", "PathLike", "Powable", "RegisterPassable",
    "Representable", "Roundable", "Sized", "Stringable", "StringableRaising",
    "TrivialRegisterPassable", "Truncable", "Writable", "Writer", "Iterable", "Iterator",
})
# Decorators that fix a function's signature from outside: an exported symbol's ABI, a
# compile-time closure handed to an algorithm.
SIGNATURE_DECORATORS = frozenset({"export", "parameter", "__llvm_metadata"})
STUB_STATEMENTS = frozenset({"pass_statement", "raise_statement"})


class UnusedArgument(Rule):
    """## What it does
    Flags a run-time argument of a function or method that the body never reads.

    These are left alone, as ruff's `ARG` rules do and because Mojo fixes their
    signatures from outside:
    - `self`, and arguments whose name starts with `_`;
    - `out` arguments (written, not read), and arguments the body assigns to;
    - dunder methods (`__eq__(self, other)`, `__init__`, ...), whose signatures a trait
      or the language sets;
    - methods of a struct that implement a trait: a method named in a trait of the same
      file, a method of the standard library's traits (`write_to`, ...), and every method of
      a struct that conforms to a trait this file does not define (its methods are not
      known);
    - callbacks: functions used as a value rather than called (`vectorize[step, 4](n)`,
      `ctx.enqueue_function[kernel](...)`), `@parameter` and `capturing` closures,
      `@export` functions, and functions registered by a decorator whose name starts with
      `register` (`@compiler.register_shape_function(...)`), or methods of a struct so
      registered (`@compiler.register("op")`);
    - stubs, whose body is only `...`, `pass`, a docstring or a `raise`;
    - trait declarations.

    ## Why is this bad?
    An argument nobody reads makes every caller compute and pass a value for nothing, and
    usually means the function ignores something it was meant to use (a `scale` that never
    scales). Mojo users ask for this warning; the compiler warns about unused local
    variables but not about unused arguments.

    ## Example
    ```mojo
    def area(width: Int, height: Int, scale: Int) -> Int:
        return width * height
    ```

    ## Use instead
    ```mojo
    def area(width: Int, height: Int, scale: Int) -> Int:
        return width * height * scale
    ```

    ## Fix safety
    There is no fix: removing an argument changes every call, and the fix may be to use
    it. Rename it with a leading `_` to say it is unused on purpose.

    Off by default: select it with `--select ST002`.

    ## Options
    None.
    """

    code = "ST002"
    name = "unused-argument"
    summary = "Function argument is never read"
    default_enabled = False
    tags = ("style",)
    uses_semantic = True
    uses_references = True

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        model = ctx.semantic
        as_values: set[str] | None = None
        for scope in model.function_scopes():
            if scope.kind is not ScopeKind.FUNCTION or _exempt_function(ctx, model, scope):
                continue
            parameters = [b for b in scope.all_bindings() if b.kind is BindingKind.PARAMETER
                          and not b.name.startswith("_") and b.name != "self"
                          and b.convention not in ("out", "deinit")]
            unused = [b for b in parameters if not _is_read(model, scope, b)]
            if not unused:
                continue
            if as_values is None:
                as_values = _functions_used_as_values(model)
            if scope.name in as_values:
                continue  # a callback: its caller fixes the signature
            method = scope.parent is not None and scope.parent.kind is ScopeKind.STRUCT
            what = "method argument" if method else "argument"
            for binding in sorted(unused, key=lambda b: b.start):
                yield ctx.report(binding.node, f"Unused {what} `{binding.name}`")


def _is_read(model: SemanticModel, scope: Scope, parameter: Binding) -> bool:
    """Read anywhere, or assigned to (a `mut` argument written back counts as used)."""
    if model.references_to(parameter):
        return True
    return any((other is not parameter and model.references_to(other)) or
               other.kind is BindingKind.VARIABLE
               for other in scope.bindings.get(parameter.name, ()))


def _decorators(node: Node) -> list[str]:
    parent = node.parent
    if parent is None or parent.type != "decorated_definition":
        return []
    names = []
    for decorator in parent.children:
        if decorator.type == "decorator" and decorator.named_children:
            target = decorator.named_children[0]
            if target.type == "call":
                target = target.child_by_field_name("function") or target
            names.append((target.text or b"").decode().lstrip("@"))
    return names


def _is_stub(ctx: Context, function: Node) -> bool:
    body = function.child_by_field_name("body")
    if body is None:
        return True
    statements = [c for c in body.named_children if c.type != "comment"]
    for statement in statements:
        if statement.type in STUB_STATEMENTS:
            continue
        if statement.type == "expression_statement" and all(
                part.type in ("string", "ellipsis") for part in statement.named_children):
            continue
        if statement.type == "expression_statement" and ctx.text(statement).startswith(
                ("abort(", "constrained[False")):
            continue
        return False
    return True


def _exempt_function(ctx: Context, model: SemanticModel, scope: Scope) -> bool:
    name = scope.name or ""
    if name.startswith("__") and name.endswith("__"):
        return True
    if scope.capturing or _is_stub(ctx, scope.node):
        return True
    if any(_fixes_signature(d) for d in _decorators(scope.node)):
        return True
    parent = scope.parent
    if parent is None:
        return False
    if parent.kind in (ScopeKind.TRAIT, ScopeKind.EXTENSION):
        return True
    if parent.kind is ScopeKind.STRUCT:
        if any(_fixes_signature(d) for d in _decorators(parent.node)):
            return True  # `@compiler.register("op")` struct: its methods are the op's API
        return _implements_trait(model, parent, name)
    return False


def _fixes_signature(decorator: str) -> bool:
    """`@export`, `@parameter`, and registrations (`@compiler.register(...)`,
    `@register_internal(...)`): something outside calls the function by a fixed shape."""
    last = decorator.rsplit(".", 1)[-1]
    return last in SIGNATURE_DECORATORS or last.startswith("register")


def _implements_trait(model: SemanticModel, struct: Scope, method: str) -> bool:
    info = model.structs.get(struct.name or "")
    conformances = info.conformances if info is not None else ()
    if not conformances:
        return False
    if method in STDLIB_TRAIT_METHODS:
        return True
    local_traits = {s.name: s for s in model.scopes if s.kind is ScopeKind.TRAIT}
    for conformance in conformances:
        trait = conformance.split("[", 1)[0].strip()
        if trait in local_traits:
            if method in local_traits[trait].bindings:
                return True
        elif trait not in STDLIB_TRAITS:
            return True  # a trait defined elsewhere: its methods are not known here
    return False


def _functions_used_as_values(model: SemanticModel) -> set[str]:
    """Names of functions read other than by calling them (passed as callbacks)."""
    names: set[str] = set()
    for reference in model.references:
        binding = reference.binding
        if binding is None or binding.kind is not BindingKind.FUNCTION:
            continue
        parent = reference.node.parent
        if parent is not None and parent.type == "call" \
                and parent.child_by_field_name("function") == reference.node:
            continue
        names.add(reference.name)
    return names
