"""Import statements as the import rules see them: what each binds and where it comes from.

``import_sections`` classifies a module the way isort and ruff do: the standard library,
third-party packages, the project's own packages (first-party) and relative imports.
First-party means a module or package found next to the file or in one of its parent
folders (``name.mojo`` or ``name/__init__.mojo``), which is how ``mojo`` itself finds them.
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node

from mojolint.dependencies import file_stamp
from mojolint.diagnostics import Edit

IMPORT_TYPES = frozenset({"import_statement", "import_from_statement"})

# The top-level packages of Mojo's standard library (the `std` package of the 1.x releases).
# Packages that older releases had and 1.x dropped are absent on purpose: `std.` would not
# find them either.
STDLIB_PACKAGES = frozenset({
    "algorithm", "atomic", "base64", "benchmark", "bit", "builtin", "collections", "compile",
    "complex", "documentation", "ffi", "format", "gpu", "hashlib", "io", "iter", "itertools",
    "logger", "math", "memory", "os", "pathlib", "prelude", "pwd", "python", "random",
    "reflection", "runtime", "stat", "subprocess", "sys", "tempfile", "testing", "time",
    "utils",
})


class Section(enum.IntEnum):
    """The blocks of a sorted import section, in their order."""

    STDLIB = 0
    THIRD_PARTY = 1
    FIRST_PARTY = 2
    LOCAL = 3  # relative imports: `from .x import y`


@dataclass(frozen=True)
class ImportedName:
    """One name an import statement binds."""

    statement: Node
    node: Node  # the `dotted_name` or `aliased_import` inside the statement
    binding: str  # the name the file sees: `b` for `from a import b`, `c` for `import a as c`
    module: str  # `a.b` for `from a.b import c` and for `import a.b`; `..x` when relative
    member: str | None  # `c` for `from a.b import c`; None for `import a.b`
    alias: str | None

    @property
    def qualified(self) -> str:
        return self.module if self.member is None else f"{self.module}.{self.member}"


def _text(node: Node) -> str:
    return (node.text or b"").decode("utf-8", "replace")


def dotted_path(name: Node) -> Node:
    """The module path of one name of an ``import`` statement (``a.b`` of ``a.b as c``)."""
    if name.type == "aliased_import":
        inner = name.child_by_field_name("name")
        if inner is not None:
            return inner
    return name


def module_name(statement: Node) -> str | None:
    """The module of a ``from`` import (``..x`` for relative ones); None for ``import``."""
    module = statement.child_by_field_name("module_name")
    if module is None:
        return None
    return "".join(_text(part) for part in module.children) if module.type == "relative_import" \
        else _text(module)


def imported_names(statement: Node) -> list[ImportedName]:
    """The names ``statement`` binds (none for ``from x import *``)."""
    from_module = module_name(statement) if statement.type == "import_from_statement" else None
    names: list[ImportedName] = []
    for node in statement.children_by_field_name("name"):
        dotted, alias = node, None
        if node.type == "aliased_import":
            inner = node.child_by_field_name("name")
            alias_node = node.child_by_field_name("alias")
            if inner is None or alias_node is None:
                continue
            dotted, alias = inner, _text(alias_node)
        text = _text(dotted)
        if from_module is not None:
            names.append(ImportedName(statement, node, alias or text, from_module, text, alias))
        else:
            # `import a.b` binds `a.b`'s last part up to 0.26.1 and the first one in Python;
            # both are recorded by the rules that need it through `module`.
            names.append(ImportedName(statement, node, alias or text.split(".")[-1], text,
                                      None, alias))
    return names


def is_wildcard(statement: Node) -> bool:
    return any(child.type == "wildcard_import" for child in statement.children)


def section_of(module: str, folder: Path | None) -> Section:
    """Where ``module`` (as written in an import) belongs among the import sections."""
    if module.startswith("."):
        return Section.LOCAL
    top = module.split(".", 1)[0]
    if folder is not None and is_local_module(folder, top):
        return Section.FIRST_PARTY
    if top == "std" or top in STDLIB_PACKAGES:
        return Section.STDLIB
    return Section.THIRD_PARTY


@functools.lru_cache(maxsize=4096)
def is_local_module(folder: Path, name: str) -> bool:
    """True when ``folder`` or a parent holds a module or package called ``name``."""
    for directory in (folder, *folder.parents):
        try:
            if (directory / f"{name}.mojo").is_file() or (directory / f"{name}.🔥").is_file():
                return True
            if (directory / name / "__init__.mojo").is_file():
                return True
        except OSError:
            return False
    return False


def is_package_init(path: Path | None) -> bool:
    return path is not None and path.stem == "__init__"


def is_reexport_module(root: Node) -> bool:
    """True for a module made of imports only (a prelude: `from pkg.prelude import *`),
    whose imports exist to be imported from it."""
    has_import = False
    for child in root.children:
        if child.type in IMPORT_TYPES:
            has_import = True
        elif child.type == "comment" or (
                child.type == "expression_statement"
                and all(part.type == "string" for part in child.named_children)):
            continue
        else:
            return False
    return has_import


_STRING = re.compile(r"""["']([A-Za-z_][A-Za-z_0-9]*)["']""")


def listed_exports(root: Node) -> set[str]:
    """Names listed in a file-level ``__all__`` (Python's habit; some Mojo code keeps it)."""
    names: set[str] = set()
    for child in root.children:
        text = _text(child) if child.type != "function_definition" else ""
        head = text.split("=", 1)[0].split()
        if "=" in text and head and head[-1].split(":")[0] == "__all__":
            names.update(_STRING.findall(text.split("=", 1)[1]))
    return names


def exported_by_package(path: Path | None) -> frozenset[str]:
    """Names the package's ``__init__.mojo`` imports from the module at ``path`` (``*`` when
    it imports everything from it)."""
    if path is None or is_package_init(path):
        return frozenset()
    init = path.parent / "__init__.mojo"
    # Recorded as a dependency of the file being linted (its absence too): a cached result
    # goes stale when the package starts or stops re-exporting what the module imports.
    stamp = file_stamp(str(init))
    if stamp is None:
        return frozenset()
    return _package_exports(init, stamp, path.stem)


def _package_exports(init: Path, stamp: tuple[int, int], module: str) -> frozenset[str]:
    return _package_imports(init, stamp).get(module, frozenset())


@functools.lru_cache(maxsize=64)
def _package_imports(init: Path, stamp: tuple[int, int]) -> dict[str, frozenset[str]]:
    """Module name -> the names ``init`` imports from it (``*`` for a star import); the
    package's ``__init__.mojo`` is parsed once for all its modules."""
    from mojolint.parser import parse

    try:
        source = init.read_bytes()
    except OSError:
        return {}
    found: dict[str, set[str]] = {}
    for statement in parse(source).root_node.children:
        if statement.type != "import_from_statement":
            continue
        origin = (module_name(statement) or "").split(".")[-1]
        names = found.setdefault(origin, set())
        if is_wildcard(statement):
            names.add("*")
        names.update(name.member or name.binding for name in imported_names(statement))
    return {module: frozenset(names) for module, names in found.items()}


def statement_removal(statement: Node, source: bytes) -> tuple[Edit, ...] | None:
    """Edits that delete ``statement``'s lines (or turn it into ``pass`` when its block would
    be left empty); None when it shares a line with other code."""
    line_start = source.rfind(b"\n", 0, statement.start_byte) + 1
    if source[line_start:statement.start_byte].strip(b" \t"):
        return None
    end = statement.end_byte
    while end < len(source) and source[end:end + 1] in (b" ", b"\t"):
        end += 1
    if source[end:end + 1] == b"#":
        newline = source.find(b"\n", end)
        end = len(source) if newline < 0 else newline
    if end < len(source) and source[end:end + 1] not in (b"\n", b"\r"):
        return None
    parent = statement.parent
    if parent is not None and parent.type == "block":
        others = [child for child in parent.named_children
                  if child.id != statement.id and child.type != "comment"]
        if not others:
            return (Edit(statement.start_byte, statement.end_byte, "pass"),)
    if source[end:end + 2] == b"\r\n":
        end += 2
    elif end < len(source):
        end += 1
    return (Edit(line_start, end, ""),)


def name_removals(names: list[ImportedName], unused: list[ImportedName]) -> tuple[Edit, ...]:
    """Edits deleting ``unused`` (a strict subset of ``names``) with their commas."""
    nodes = [name.node for name in names]
    gone = {name.node.id for name in unused}
    last_kept = max(i for i, node in enumerate(nodes) if node.id not in gone)
    edits: list[Edit] = []
    for index, node in enumerate(nodes):
        if node.id in gone and index < last_kept:
            edits.append(Edit(node.start_byte, nodes[index + 1].start_byte, ""))
    if last_kept < len(nodes) - 1:
        edits.append(Edit(nodes[last_kept].end_byte, nodes[-1].end_byte, ""))
    return tuple(edits)

