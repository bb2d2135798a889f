"""UP011: `__copyinit__` / `__moveinit__`, which became `__init__` overloads in Mojo 26.2."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule
from mojolint.versions import is_at_least

METHODS = """
(struct_definition body: (block [
  (function_definition name: (identifier) @name) @method
  (decorated_definition definition: (function_definition name: (identifier) @name) @method)
]) (#match? @name "^__(copy|move)init__$"))
"""
OLD_NAMES = "((identifier) @name (#match? @name \"^__(copy|move)init__$\"))"
# Conventions the old source argument may have for the fix to be a pure respelling.
FIXABLE_CONVENTIONS: dict[str, set[str | None]] = {
    "__copyinit__": {None, "read", "borrowed"}, "__moveinit__": {"deinit"},
}
SEPARATORS = frozenset({"positional_separator", "keyword_separator"})
DECLARATIONS = frozenset({"typed_parameter", "typed_default_parameter", "default_parameter",
                          "convention_parameter", "variable_declaration"})


class CopyinitMoveinit(Rule):
    """## What it does
    Flags `__copyinit__` and `__moveinit__` in structs and rewrites them as the keyword-only
    `__init__` overloads Mojo 26.2 introduced: `__init__(out self, *, copy: Self)` and
    `__init__(out self, *, deinit take: Self)` (`deinit move: Self` from Mojo 1.0).

    ## Why is this bad?
    Mojo 26.2 requires the source argument to carry the new name (`source argument of
    '__copyinit__' must be named 'copy'`, `take argument of '__moveinit__' must be named
    'take'`), and Mojo 1.0 no longer treats `__copyinit__`/`__moveinit__` as constructors
    at all: their arguments are not bound, and bodies fail with `'None' has no attributes`.
    Mojo 1.0 also renamed the move argument: `'deinit' argument 'take' does not define a
    move constructor; declare it as '__init__(*, deinit move)'`.

    ## Example
    ```mojo
    struct Pair(Copyable, Movable):
        var a: Int
        fn __copyinit__(out self, existing: Self):
            self.a = existing.a
        fn __moveinit__(out self, deinit existing: Self):
            self.a = existing.a
    ```

    ## Use instead
    ```mojo
    struct Pair(Copyable, Movable):
        var a: Int
        fn __init__(out self, *, copy: Self):
            self.a = copy.a
        fn __init__(out self, *, deinit take: Self):  # `deinit move` from 1.0
            self.a = take.a
    ```

    ## Fix safety
    The fix renames the method to `__init__`, makes the source argument keyword-only under
    its new name (`copy`; `take` for target 26.2, `move` for 1.0 and newer) and renames its
    uses in the body; a positional-only `/` or keyword-only `*` marker in the old signature
    is dropped, since the new one is `(out self, *, copy: Self)`. It is **safe** — a pure
    respelling — unless the file calls the old method by name (`x.__copyinit__(y)`), which
    the new spelling no longer provides: then it is **unsafe**. There is no fix when the
    body already uses the new argument name or declares the old one again (renaming would
    capture it), when the signature has other arguments, or when the source argument's
    convention is not the one the new form needs (`deinit` for a move; a `__moveinit__(out
    self, owned existing: Self)` from before 25.6 runs `existing`'s destructor afterwards,
    which the `deinit` form does not).

    Deprecated in 26.2 (the old argument names are errors); removed in 1.0.

    ## Options
    None.
    """

    code = "UP011"
    name = "copyinit-moveinit"
    summary = "`__copyinit__`/`__moveinit__` become `__init__(out self, *, copy/take: Self)` (26.2)"
    fix_availability = "sometimes"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (METHODS, OLD_NAMES)
    since_version = "26.2"
    deprecated_in = "26.2"
    removed_in = "1.0"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        definitions = {}
        for _, match in ctx.matches(METHODS):
            definitions[match["method"][0].id] = (match["method"][0], match["name"][0])
        definition_names = {name.id for _, name in definitions.values()}
        called = any(node.id not in definition_names
                     for node in ctx.captures(OLD_NAMES).get("name", []))
        move_name = "move" if is_at_least(ctx.target_version, "1.0") else "take"
        for method, name in sorted(definitions.values(), key=lambda item: item[0].start_byte):
            old = ctx.text(name)
            new_argument = "copy" if old == "__copyinit__" else move_name
            fix = self._fix(ctx, method, name, new_argument, called)
            spelled = ("__init__(out self, *, copy: Self)" if old == "__copyinit__"
                       else f"__init__(out self, *, deinit {new_argument}: Self)")
            yield ctx.report(name, f"`{old}` is now spelled `{spelled}`", fix=fix)

    def _fix(self, ctx: Context, method: Node, name: Node, new_argument: str,
             called: bool) -> Fix | None:
        parameters = method.child_by_field_name("parameters")
        body = method.child_by_field_name("body")
        if parameters is None or body is None:
            return None
        # `/` and `*` markers are dropped: the new form makes the source keyword-only anyway.
        arguments = [child for child in parameters.named_children
                     if child.type not in SEPARATORS]
        if len(arguments) != 2 or any(child.type == "comment" for child in arguments):
            return None  # other arguments, or a comment the rewrite would drop
        receiver, source = arguments
        if receiver.type != "convention_parameter" or source.type != "typed_parameter":
            return None
        convention = source.child_by_field_name("convention")
        convention_text = None if convention is None else ctx.text(convention)
        if convention_text not in FIXABLE_CONVENTIONS[ctx.text(name)]:
            return None
        old_argument_node = source.child_by_field_name("name")
        type_node = source.child_by_field_name("type")
        if old_argument_node is None or type_node is None:
            return None
        old_argument = ctx.text(old_argument_node)
        uses = _renamable_uses(ctx, body, old_argument, new_argument)
        if uses is None:
            return None
        keep = "deinit " if convention_text == "deinit" else ""
        signature = f"({ctx.text(receiver)}, *, {keep}{new_argument}: {ctx.text(type_node)})"
        edits = [Edit(name.start_byte, name.end_byte, "__init__"),
                 Edit(parameters.start_byte, parameters.end_byte, signature)]
        edits.extend(Edit(use.start_byte, use.end_byte, new_argument) for use in uses)
        edits.extend(_docstring_edits(ctx, body, old_argument, new_argument))
        return Fix(f"Rewrite as `__init__` with `{new_argument}`", tuple(edits),
                   Applicability.UNSAFE if called else Applicability.SAFE)


def _docstring_edits(ctx: Context, body: Node, old: str, new: str) -> list[Edit]:
    """Rename the argument's entry in the docstring's `Args:` section (`existing: ...`), which
    the compiler checks against the signature (`unknown argument 'existing' in doc string`)."""
    statements = [child for child in body.named_children if child.type != "comment"]
    if not statements or statements[0].type != "expression_statement":
        return []
    string = statements[0].named_children[0] if statements[0].named_children else None
    if string is None or string.type != "string":
        return []
    raw = ctx.source[string.start_byte:string.end_byte]
    args = re.search(rb"(?m)^[ \t]*Args:[ \t]*$", raw)
    if args is None:
        return []
    entry = re.compile(rb"(?m)^[ \t]+(" + re.escape(old.encode()) + rb")[ \t]*(\([^)\n]*\))?:")
    found = entry.search(raw, args.end())
    if found is None:
        return []
    start = string.start_byte + found.start(1)
    return [Edit(start, start + len(found.group(1)), new)]


def _renamable_uses(ctx: Context, body: Node, old: str, new: str) -> list[Node] | None:
    """Identifiers in ``body`` naming ``old``, or None when renaming them could capture."""
    uses = []
    stack = [body]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type in DECLARATIONS:
            declared = node.child_by_field_name("name")
            if declared is not None and ctx.text(declared) == old:
                return None  # the body declares the old name again
        if node.type != "identifier" or _is_member_name(node):
            continue  # `x.existing` and `f(existing=1)` do not name the argument
        text = ctx.text(node)
        if text == new:
            return None  # the new name is taken in the body
        if text == old:
            uses.append(node)
    return sorted(uses, key=lambda node: node.start_byte)


def _is_member_name(node: Node) -> bool:
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "attribute":
        return parent.child_by_field_name("attribute") == node
    if parent.type == "keyword_argument":
        return parent.child_by_field_name("name") == node
    return False
