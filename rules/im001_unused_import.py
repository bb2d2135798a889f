"""IM001: an imported name the file never uses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tree_sitter import Node

from mojolint.diagnostics import Applicability, Diagnostic, Fix
from mojolint.imports import (
    ImportedName,
    exported_by_package,
    imported_names,
    is_package_init,
    is_reexport_module,
    listed_exports,
    name_removals,
    statement_removal,
)
from mojolint.rule import Context, Rule
from mojolint.semantics.model import (
    Binding,
    BindingKind,
    Reference,
    ScopeKind,
    SemanticModel,
)

if TYPE_CHECKING:
    from mojolint.incremental import FileShape

# `@__llvm_metadata(MAX_THREADS_PER_BLOCK_METADATA=...)` names its key by an imported name
DECORATOR_KEYS = "(decorator (call arguments: (argument_list (keyword_argument name: " \
    "(identifier) @key))))"


@dataclass(frozen=True)
class UnusedImportOptions:
    exported: tuple[str, ...] = field(default=(), metadata={
        "doc": "Names (`List`) or qualified names (`mypkg.layers.Dense`) imported to be "
               "exported; never reported."})


class UnusedImport(Rule):
    """## What it does
    Flags a name brought in by an import that nothing in the file uses: `from a import b`
    when `b` is never mentioned, `import a.b` when neither `a` nor `b` is, `import a as c`
    when `c` is not. Mentions in strings, comments and docstrings do not count.

    These are not reported:
    - imports in a package's `__init__.mojo`, or in a module made of imports only (a
      prelude), which exist to re-export names;
    - `from a import b as b`, Python's spelling of an explicit re-export;
    - names a module imports that its package's `__init__.mojo` re-exports from it
      (`pkg/layers.mojo` imports `Dense` from `.dense`, and `pkg/__init__.mojo` has `from
      .layers import Dense`, or `from .layers import *`);
    - names listed for export: in a `__all__` list of the file, or in the `exported`
      option;
    - `from a import *`.

    ## Why is this bad?
    An unused import makes the reader look for a use that is not there, makes the file
    depend on a module it does not need (and fail when that module moves or is renamed),
    and hides which dependencies are real. The Mojo compiler says nothing about it. Mojo
    users ask for this check.

    ## Example
    ```mojo
    from std.collections import List, Dict
    from std.math import sqrt


    def total(values: List[Int]) -> Int:
        var sum = 0
        for v in values:
            sum += v
        return sum
    ```

    ## Use instead
    ```mojo
    from std.collections import List


    def total(values: List[Int]) -> Int:
        var sum = 0
        for v in values:
            sum += v
        return sum
    ```

    ## Fix safety
    The fix removes the unused names from the statement, or the whole statement (its
    line) when none of its names is used; a statement left alone in a block becomes
    `pass`. It is **safe**: the removed names are not mentioned anywhere in the file, so no
    code can refer to them. A statement that shares its line with other code (`import a;
    f()`) is reported without a fix.

    ## Options
    """

    code = "IM001"
    name = "unused-import"
    summary = "Imported name is never used"
    fix_availability = "sometimes"
    options_type = UnusedImportOptions
    tags = ("imports",)
    queries = (DECORATOR_KEYS,)
    uses_semantic = True

    def edit_can_change(self, before: Node, after: Node, shape: FileShape) -> bool:
        """Only a definition that reads (or binds) an imported name, imports, or names
        `__all__` matters to what is used; and when the edit only renamed an identifier,
        only if it was or is one of those."""
        from mojolint.incremental import code_words

        words = code_words(before) | code_words(after)
        if b"import" in words:
            return True
        relevant = shape.imported | {b"__all__"}
        if shape.renamed is not None:
            return not relevant.isdisjoint(shape.renamed)
        return not relevant.isdisjoint(words)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if b"import" not in ctx.source or is_package_init(ctx.path):
            return
        model = ctx.semantic
        imports = model.import_bindings()
        if not imports or is_reexport_module(ctx.tree.root_node):
            return
        from_package = exported_by_package(ctx.path)
        if "*" in from_package:
            return  # the package re-exports everything this module has
        exported = set(getattr(ctx.options, "exported", ()))
        if b"__all__" in ctx.source:  # listed_exports reads every top-level statement's text
            exported |= listed_exports(ctx.tree.root_node)
        exported |= from_package
        # Only reads of the imported names (and of each part of a dotted import) matter.
        wanted = {binding.name for binding in imports}
        wanted.update(part for binding in imports
                      for part in (binding.import_path or "").split(".") if part)
        reads = _Reads(model, wanted)
        keys = {ctx.text(key) for key in ctx.captures(DECORATOR_KEYS).get("key", [])}
        unused_by_statement: dict[int, list[ImportedName]] = {}
        statements: dict[int, Node] = {}
        for binding in unused_bindings(model, imports):
            name = _imported_name(binding.statement, binding.node)
            if name is None or _is_exported(name, exported) \
                    or any(reads.unresolved(part) or part in keys for part in _bindings(name)):
                continue
            unused_by_statement.setdefault(binding.statement.id, []).append(name)
            statements[binding.statement.id] = binding.statement
        for key, unused in unused_by_statement.items():
            statement = statements[key]
            fix = _fix(ctx, statement, imported_names(statement), unused)
            for name in unused:
                shown = name.qualified if name.alias is None else \
                    f"{name.qualified} as {name.alias}"
                yield ctx.report(name.node, f"`{shown}` imported but unused", fix=fix)


def unused_bindings(model: SemanticModel, imports: list[Binding]) -> list[Binding]:
    """The import bindings no read resolves to (nor to another binding of the same name in
    the same scope: a repeated import of a used name is IM003's), in the order given. The
    reads of each name are looked at in source order, up to the first that settles every
    import of that name (most imports are read soon after they are made)."""
    by_name: dict[str, list[Binding]] = {}
    for binding in imports:
        by_name.setdefault(binding.name, []).append(binding)
    used: set[int] = set()
    for name, bindings in by_name.items():
        waiting = {id(binding): {id(other) for other in binding.scope.bindings.get(name, ())}
                   for binding in bindings}
        for reference in model.iter_references_named((name,)):
            if reference.binding is None:
                continue
            read = id(reference.binding)
            for key in [key for key, targets in waiting.items() if read in targets]:
                used.add(key)
                del waiting[key]
            if not waiting:
                break
    return [binding for binding in imports if id(binding) not in used]


class _Reads:
    """Whether a name the file imports is read where an import cannot be what it means,
    worked out per name on demand (only for the imports that look unused):
    - a read the model resolves to nothing (`import a.b` binds `a` from Mojo 1.0 on and `b`
      before it; a read of either counts);
    - a read the model resolves to a local binding that does not exist yet: in the value of
      its own declaration (`var warp_id = warp_id()`), or before the declaration (a read of
      `block_dim` above `var block_dim = ...`, or in a closure defined above it). Mojo reads
      the outer name (an import) there. So it does for a bare `dtype` inside a struct that
      declares `comptime dtype` (Mojo 0.26.1 and 1.2 read the module's `dtype`; the member
      is `Self.dtype`)."""

    def __init__(self, model: SemanticModel, names: set[str]) -> None:
        self._model = model
        self._names = names  # the names whose reads count
        self._found: dict[str, bool] = {}

    def unresolved(self, name: str) -> bool:
        if name not in self._names:
            return False
        if name not in self._found:
            self._found[name] = any(
                reference.binding is None or _reads_outer_name(reference)
                for reference in self._model.iter_references_named((name,)))
        return self._found[name]


def _reads_outer_name(reference: Reference) -> bool:
    binding = reference.binding
    if binding is None or binding.kind is BindingKind.IMPORT:
        return False
    position = reference.node.start_byte
    value = binding.value
    if binding.kind is BindingKind.COMPTIME and binding.scope.kind is not ScopeKind.FUNCTION \
            and binding.scope.kind is not ScopeKind.MODULE:
        return True  # a struct's `comptime dtype` is read as `Self.dtype`
    return position < binding.start or (
        value is not None and value.start_byte <= position < value.end_byte)


def _imported_name(statement: Node, bound: Node) -> ImportedName | None:
    """The name of ``statement`` whose text holds the model's binding node."""
    for name in imported_names(statement):
        if name.node.start_byte <= bound.start_byte and bound.end_byte <= name.node.end_byte:
            return name
    return None


def _bindings(name: ImportedName) -> set[str]:
    """Names by which the file may refer to the import (`import a.b` may mean `a` or `b`)."""
    if name.alias is not None or name.member is not None:
        return {name.binding}
    parts = name.module.split(".")
    return {parts[0], parts[-1]}


def _is_exported(name: ImportedName, exported: set[str]) -> bool:
    explicit = name.alias is not None and name.alias == (name.member or name.module)
    return explicit or name.binding in exported or name.qualified in exported


def _fix(ctx: Context, statement: Node, names: list[ImportedName],
         unused: list[ImportedName]) -> Fix | None:
    if len(unused) == len(names):
        edits = statement_removal(statement, ctx.source)
        if edits is None:
            return None
        title = "Remove the import"
    else:
        edits = name_removals(names, unused)
        listed = ", ".join(f"`{name.binding}`" for name in unused)
        title = f"Remove unused import{'s' if len(unused) > 1 else ''}: {listed}"
    return Fix(title, edits, Applicability.SAFE)
