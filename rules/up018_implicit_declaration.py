"""UP018: `x = 5` declaring a new name without `var` (deprecated in Mojo 1.0, an error in 1.1)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

FUNCTIONS = "(function_definition) @function"
# Nodes whose bodies are scopes of their own, analysed separately (or not at all).
NESTED = frozenset({"function_definition", "struct_definition", "trait_definition",
                    "class_definition", "lambda"})
DECLARING = frozenset({"variable_declaration", "comptime_declaration"})
IMPORTS = frozenset({"import_statement", "import_from_statement"})


@dataclass
class _Scope:
    block: Node
    names: set[str] = field(default_factory=set)


@dataclass
class _Found:
    statement: Node  # the assignment, where `var ` goes
    names: list[Node]  # the new names it declares
    fixable: bool
    hoist: bool = False  # first assigned in a nested block and used outside it


def _identifiers(node: Node) -> Iterator[Node]:
    if node.type == "identifier":
        yield node
        return
    for child in node.named_children:
        if child.type not in NESTED or node.type == "module":
            yield from _identifiers(child)


def _target_names(target: Node) -> list[Node] | None:
    """The names an assignment target binds, or None if it is not only plain names."""
    if target.type == "identifier":
        return [target]
    if target.type == "pattern_list":
        names = list(target.named_children)
        return names if all(n.type == "identifier" for n in names) else None
    return None


def _declared_by(node: Node) -> Iterator[str]:
    """Names a non-assignment statement declares in the block that holds it."""
    if node.type in DECLARING:
        name = node.child_by_field_name("name")
        if name is not None:
            yield from (n.text.decode() for n in _identifiers(name) if n.text)
    elif node.type in NESTED:
        name = node.child_by_field_name("name")
        if name is not None and name.text:
            yield name.text.decode()
    elif node.type in IMPORTS:
        for ident in _identifiers(node):
            if ident.text:
                yield ident.text.decode()


def _parameter_names(function: Node) -> set[str]:
    names: set[str] = set()
    for key in ("parameters", "type_parameters"):
        params = function.child_by_field_name(key)
        if params is None:
            continue
        for param in params.named_children:
            name = param.child_by_field_name("name") if param.type != "identifier" else param
            if name is not None:
                names.update(n.text.decode() for n in _identifiers(name) if n.text)
    return names


def _module_names(root: Node) -> set[str]:
    names: set[str] = set()
    for child in root.named_children:
        names.update(_declared_by(child))
        if child.type == "expression_statement":
            for assignment in child.named_children:
                target = assignment.child_by_field_name("left")
                if assignment.type == "assignment" and target is not None:
                    names.update(n.text.decode() for n in _identifiers(target) if n.text)
    return names


class ImplicitDeclaration(Rule):
    """## What it does
    Flags an assignment inside a function that declares a new name without `var`
    (`x = 5`, `a, b = f()`, `n: Int = 0`) and adds the `var`.

    ## Why is this bad?
    Mojo 1.0 deprecated implicit declarations (`implicit declaration of 'x' is deprecated;
    add 'var' before the name`) and 1.1 rejects them (`implicit declaration of 'x' is not
    allowed; add 'var' to declare a new name`).

    ## Example
    ```mojo
    def area(w: Int, h: Int) -> Int:
        result = w * h
        return result
    ```

    ## Use instead
    ```mojo
    def area(w: Int, h: Int) -> Int:
        var result = w * h
        return result
    ```

    ## Fix safety
    The fix is **safe**: it writes `var` before the first assignment of the name, which is
    what the compilers' own fix-its write. A `var` lives in the block that declares it, while
    an implicit declaration belonged to the whole function, so the rule only fixes a first
    assignment inside a nested block (an `if`, a loop) when the name appears nowhere else in
    the function; otherwise it reports it without a fix (the message says so: "first
    assigned inside a nested block and used outside it"), because the declaration must move
    to the function body with a type (`var total: Int`) that only a person (or a type
    checker) can write: mojolint does not hoist (docs/upgrade-rules.md, "UP018 and
    hoisting"). Assignments chained as `a = b = 0`, to a parenthesised tuple, or mixing new
    and existing names are reported without a fix too.

    Names bound by the parameters, an earlier `var`/`ref`/`comptime`, a loop, `with ... as`,
    `except`, an import, a nested function, or at module level are never flagged; neither
    is anything inside a nested function that an enclosing one declares (it may be a
    capture).

    Deprecated in 1.0; removed in 1.1.

    ## Options
    None.
    """

    code = "UP018"
    name = "implicit-declaration"
    summary = "`x = value` declaring a name without `var` (Mojo 1.0; an error from 1.1)"
    fix_availability = "sometimes"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (FUNCTIONS,)
    since_version = "1.0"
    deprecated_in = "1.0"
    removed_in = "1.1"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        module = _module_names(ctx.tree.root_node)
        for function in ctx.captures(FUNCTIONS).get("function", []):
            for found in self._in_function(function, module):
                yield from self._report(ctx, found)

    def _report(self, ctx: Context, found: _Found) -> Iterator[Diagnostic]:
        fix = None
        if found.fixable:
            fix = Fix("Add `var`", (Edit(found.statement.start_byte,
                                         found.statement.start_byte, "var "),),
                      Applicability.SAFE)
        names = ", ".join(f"`{ctx.text(name)}`" for name in found.names)
        if found.hoist:
            yield ctx.report(found.names[0], f"implicit declaration of {names}, first assigned "
                             "inside a nested block and used outside it; declare it before the "
                             "block with its type (`var name: T`)", fix=fix)
            return
        yield ctx.report(found.names[0], f"implicit declaration of {names}; declare it with "
                         "`var`", fix=fix)

    def _in_function(self, function: Node, module: set[str]) -> list[_Found]:
        body = function.child_by_field_name("body")
        if body is None:
            return []
        # Everything an enclosing function binds may be captured: leave those names alone.
        outer: set[str] = set(module)
        parent = function.parent
        while parent is not None:
            if parent.type == "function_definition":
                outer |= _parameter_names(parent)
                outer |= {n.text.decode() for n in _identifiers(parent) if n.text}
            parent = parent.parent
        function_scope = _Scope(body, _parameter_names(function) | outer)
        found: list[_Found] = []
        self._words: list[tuple[str, int]] | None = None  # the body's names, on first need
        self._walk(body, [function_scope], found)
        return found

    def _walk(self, block: Node, scopes: list[_Scope], found: list[_Found]) -> None:
        for statement in block.named_children:
            self._statement(statement, scopes, found)

    def _statement(self, node: Node, scopes: list[_Scope], found: list[_Found]) -> None:
        current = scopes[-1]
        if node.type in NESTED or node.type in DECLARING or node.type in IMPORTS:
            current.names.update(_declared_by(node))
            return
        if node.type == "expression_statement":
            for child in node.named_children:
                if child.type == "assignment":
                    self._assignment(node, child, scopes, found)
            return
        # Loop variables, `as` targets and `except` names: declared for what follows in this
        # block (a conservative reading; a loop's variable really ends with the loop).
        for key in ("left",):
            target = node.child_by_field_name(key)
            if target is not None and node.type == "for_statement":
                current.names.update(n.text.decode() for n in _identifiers(target) if n.text)
        for child in node.named_children:
            if child.type in ("as_pattern_target", "with_clause", "except_clause"):
                self._bind_as_targets(child, current)
            if child.type == "block":
                self._walk(child, [*scopes, _Scope(child)], found)
            elif child.type not in NESTED and child.named_child_count:
                self._nested_blocks(child, scopes, found)

    def _nested_blocks(self, node: Node, scopes: list[_Scope], found: list[_Found]) -> None:
        """Blocks under clauses (`elif`, `else`, `except`, `finally`) of a statement."""
        for child in node.named_children:
            if child.type == "block":
                self._walk(child, [*scopes, _Scope(child)], found)
            elif child.type not in NESTED and child.type != "expression_statement":
                self._nested_blocks(child, scopes, found)

    def _bind_as_targets(self, node: Node, scope: _Scope) -> None:
        if node.type == "as_pattern_target":
            scope.names.update(n.text.decode() for n in _identifiers(node) if n.text)
            return
        if node.type == "except_clause":
            value = node.child_by_field_name("value")
            if value is not None and value.type == "identifier" and value.text:
                scope.names.add(value.text.decode())
            if value is not None and value.type == "as_pattern":
                for target in value.named_children:
                    if target.type == "as_pattern_target":
                        self._bind_as_targets(target, scope)
            return
        for child in node.named_children:
            if child.type != "block":
                self._bind_as_targets(child, scope)

    def _assignment(self, statement: Node, assignment: Node, scopes: list[_Scope],
                    found: list[_Found], inner: bool = False) -> None:
        target = assignment.child_by_field_name("left")
        right = assignment.child_by_field_name("right")
        if target is None:
            return
        names = _target_names(target)
        if names is None:
            return
        visible = set().union(*(scope.names for scope in scopes))
        new = [n for n in names if n.text and n.text.decode() not in visible
               and n.text.decode() != "_"]
        chained = right is not None and right.type == "assignment"
        if right is not None and chained:
            self._assignment(statement, right, scopes, found, True)  # `a = b = 0`: b too
        if not new:
            return
        current = scopes[-1]
        function_scope = scopes[0]
        fixable = len(new) == len(names) and not chained and not inner
        home = current
        if len(scopes) > 1:
            # A `var` in a nested block ends with the block: fine only if the name is used
            # nowhere else in the function.
            words = {n.text.decode() for n in new if n.text}
            inside = (current.block.start_byte, current.block.end_byte)
            if self._words is None:
                self._words = [(ident.text.decode(), ident.start_byte)
                               for ident in _identifiers(function_scope.block) if ident.text]
            elsewhere = any(word in words and not inside[0] <= start < inside[1]
                            for word, start in self._words)
            if elsewhere:
                fixable = False
                home = function_scope
        home.names.update(n.text.decode() for n in new if n.text)
        found.append(_Found(statement, new, fixable, hoist=home is not current))
