"""UP014: a `def` without `raises` whose body raises (implicit raising ended in Mojo 26.2)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

FUNCTIONS = "(function_definition) @function"
NESTED_SCOPES = frozenset({"function_definition", "struct_definition", "trait_definition",
                           "class_definition"})


class DefRaisesImplicitly(Rule):
    """## What it does
    Flags a `def` that has no `raises` but whose body can raise: it has a `raise` statement
    that no enclosing `try` with an `except` catches, or it calls (by plain name, outside such
    a `try`) a file-level function of the same file that is declared `raises` or is itself
    flagged by this rule — in every one of its overloads, since a call to an overloaded name
    may pick one that does not raise. Calls to `async` functions do not count: they make a
    coroutine, which raises where it is awaited. The fix adds `raises` to the signature.

    ## Why is this bad?
    Before Mojo 26.2 every `def` could raise implicitly. From 26.2 a `def` raises only when it
    says `raises`, so legacy code stops compiling with
    `cannot raise error in this context` (26.2) or
    `'raise' requires a surrounding 'try' block or the enclosing function to declare 'raises'`
    (1.0 and newer).

    ## Example
    ```mojo
    def parse_port(text: String) -> Int:
        if not text:
            raise Error("empty port")
        return Int(text)
    ```

    ## Use instead
    ```mojo
    def parse_port(text: String) raises -> Int:
        if not text:
            raise Error("empty port")
        return Int(text)
    ```

    ## Fix safety
    The fix is **unsafe**: adding `raises` changes the function's type. Callers that do not
    raise themselves, and places that store the function in a non-raising function type,
    must now handle the error, so the fix can move a compile error from this function to its
    callers. It restores what the legacy `def` meant, but whether that is the right design
    (rather than catching the error inside) is the author's call.

    What the rule cannot see: calls to raising functions of other modules and method calls
    are not analysed (that needs the callee's signature), so a `def` that only raises through
    them is not flagged; the compiler reports those. Raises inside nested functions count
    for the nested function, not for the enclosing one. A `try` with at least one `except`
    clause catches whatever its body raises (Mojo errors have one type), but a `raise` inside
    an `except`, `else` or `finally` clause still escapes.

    Implicit raising ended in 26.2 (a `def` that raises without `raises` is an error from then
    on).

    ## Options
    None.
    """

    code = "UP014"
    name = "def-raises-implicitly"
    summary = "`def` without `raises` whose body raises (Mojo 26.2)"
    fix_availability = "always"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (FUNCTIONS,)
    since_version = "26.2"
    deprecated_in = None  # no deprecation period: 26.2 made it an error at once
    removed_in = "26.2"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        functions = ctx.captures(FUNCTIONS).get("function", [])
        overloads: dict[str, list[Node]] = {}
        for function in functions:
            name = _module_level_name(ctx, function)
            if name:
                overloads.setdefault(name, []).append(function)
        # Calling an `async` function makes a coroutine; it raises where it is awaited.
        overloads = {name: group for name, group in overloads.items()
                     if not any(_is_async(f) for f in group)}
        # A flagged legacy def raises too: calling it from another def makes that one raise.
        flagged: dict[int, tuple[Node, str]] = {}
        changed = True
        while changed:
            changed = False
            # A name raises only when every overload of it does (`ceildiv` may have a raising
            # and a non-raising overload; the call could mean either).
            raising_names = {
                name for name, group in overloads.items()
                if all(_declares_raises(f) or f.id in flagged for f in group)
            }
            for function in functions:
                if function.id in flagged or _declares_raises(function):
                    continue
                keyword = function.child_by_field_name("keyword")
                if keyword is None or keyword.type != "def":
                    continue
                reason = _escaping_raise(ctx, function, raising_names)
                if reason is None:
                    continue
                flagged[function.id] = (function, reason)
                changed = True
        for function, reason in sorted(flagged.values(), key=lambda item: item[0].start_byte):
            name_node = function.child_by_field_name("name")
            parameters = function.child_by_field_name("parameters")
            if name_node is None or parameters is None:
                continue
            fix = Fix("Add `raises` to the signature",
                      (Edit(parameters.end_byte, parameters.end_byte, " raises"),),
                      Applicability.UNSAFE)
            yield ctx.report(name_node, f"`def {ctx.text(name_node)}` raises ({reason}) but "
                                        "does not declare `raises`", fix=fix)


def _declares_raises(function: Node) -> bool:
    return any(effect.type == "raises_clause"
               for effect in function.children_by_field_name("effect"))


def _is_async(function: Node) -> bool:
    return any(child.type == "async" for child in function.children)


def _module_level_name(ctx: Context, function: Node) -> str | None:
    parent = function.parent
    if parent is not None and parent.type == "decorated_definition":
        parent = parent.parent
    if parent is None or parent.type != "module":
        return None
    name = function.child_by_field_name("name")
    return None if name is None else ctx.text(name)


def _escaping_raise(ctx: Context, function: Node, raising_names: set[str]) -> str | None:
    """Why ``function``'s body can raise (the first reason found), or None."""
    body = function.child_by_field_name("body")
    if body is None:
        return None
    for node in _own_nodes(body):
        if node.type == "raise_statement" and not _caught(node, body):
            return f"`raise` on line {node.start_point[0] + 1}"
        if node.type == "call":
            callee = node.child_by_field_name("function")
            if (callee is not None and callee.type == "identifier"
                    and ctx.text(callee) in raising_names and not _caught(node, body)):
                line = node.start_point[0] + 1
                return f"calls `{ctx.text(callee)}`, which raises, on line {line}"
    return None


def _own_nodes(block: Node) -> Iterator[Node]:
    """Nodes of a function body, not descending into nested functions or types."""
    stack = list(reversed(block.children))
    while stack:
        node = stack.pop()
        if node.type in NESTED_SCOPES:
            continue
        if node.type == "decorated_definition":
            definition = node.child_by_field_name("definition")
            if definition is not None and definition.type in NESTED_SCOPES:
                continue
        yield node
        stack.extend(reversed(node.children))


def _caught(node: Node, body: Node) -> bool:
    """True when ``node`` sits in the body of a `try` (inside ``body``) that has an `except`."""
    child, parent = node, node.parent
    while parent is not None and parent != body:
        if (parent.type == "try_statement" and parent.child_by_field_name("body") == child
                and any(c.type == "except_clause" for c in parent.children)):
            return True
        child, parent = parent, parent.parent
    return False
