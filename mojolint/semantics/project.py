"""The project around a linted file: its root, its modules, and their models.

A file's imports are resolved to the project's own files (``from shared.core import x``
to ``<root>/shared/core/__init__.mojo`` or ``<root>/shared/core.mojo``; relative imports to
the importer's package), which are read and modelled on demand, whether or not they are
being linted, once per process (keyed by their size and modification time). The root is the
nearest folder above the file holding a project file (``pixi.toml``, ``mojoproject.toml``,
``pyproject.toml``, ``mojolint.toml``) or a ``.git``; a file with no such folder above it
has no project, and its imports stay unresolved. Each lookup records the files it read, so
a cached result can be invalidated when one of them changes, and the candidate files it
looked for and did not find, so a result computed while an import did not resolve is
invalidated when the missing file appears.

Within one run of many files (``one_run``), what the file system said is remembered: each
path is looked at once per run and process, however many files import it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Node, Tree

from mojolint import dependencies
from mojolint.dependencies import dependencies_hold, file_stamp, take_reads
from mojolint.queries import FileQueries, batch_for
from mojolint.semantics.model import SEMANTIC_QUERIES, Binding, BindingKind, SemanticModel
from mojolint.semantics.tree import captures

PROJECT_MARKERS = ("pixi.toml", "mojoproject.toml", "pyproject.toml", "mojolint.toml", ".git")
SUFFIXES = (".mojo", ".🔥")
MAX_FILE_BYTES = 4 * 1024 * 1024  # a module larger than this is not modelled
# An import line, read from a file's bytes before any parse: `from a.b import c` and
# `from .a import c` name the module `a.b` / `.a`, `import a.b` names `a.b`.
IMPORT_LINE = re.compile(
    rb"^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import\b|import[ \t]+([\w.]+))", re.MULTILINE)


@dataclass(eq=False)
class Module:
    """One project file, parsed and modelled."""

    path: Path
    source: bytes
    tree: Tree
    model: SemanticModel

    def display(self, root: Path) -> str:
        try:
            return self.path.relative_to(root).as_posix()
        except ValueError:
            return self.path.as_posix()


@dataclass(eq=False)
class ProjectIndex:
    """Module resolution and parsed modules of one project root."""

    root: Path
    _modules: dict[Path, tuple[tuple[int, int], Module | None]] = field(default_factory=dict)
    parses: int = 0  # how many files this index parsed (tests count them)

    def resolve_module(self, dotted: str, importer: Path) -> Path | None:
        """The file a module path names: absolute from the root, relative (leading dots)
        from the importer's folder. Every candidate looked for and not found is recorded
        (absent) with the reads, so that its appearance invalidates a cached result."""
        if dotted.startswith("."):
            stripped = dotted.lstrip(".")
            base = os.path.dirname(os.path.abspath(importer))
            for _ in range(len(dotted) - len(stripped) - 1):
                base = os.path.dirname(base)
            parts = [p for p in stripped.split(".") if p]
        else:
            base = str(self.root)
            parts = dotted.split(".")
        if not parts:
            return _package_file(base)
        folder = os.path.join(base, *parts[:-1])
        for suffix in SUFFIXES:
            candidate = os.path.join(folder, parts[-1] + suffix)
            if file_stamp(candidate) is not None:
                return Path(candidate)
        return _package_file(os.path.join(folder, parts[-1]))

    def module(self, path: Path) -> Module | None:
        """The parsed module of a project file (None: unreadable, too large, outside)."""
        stamp = file_stamp(str(path))
        if stamp is None:
            return None
        cached = self._modules.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        module = self._parse(path, stamp[0])
        self._modules[path] = (stamp, module)
        return module

    def load(self, path: Path, source: bytes) -> Module | None:
        """Parse and model ``path`` from ``source``, its bytes as a run read them (the
        module a later lookup of ``path`` or a lint of those bytes then reuses)."""
        stamp = file_stamp(str(path), record=False)
        if stamp is None or stamp[0] != len(source) or len(source) > MAX_FILE_BYTES:
            return None
        cached = self._modules.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        module = self._model(path, source)
        self._modules[path] = (stamp, module)
        return module

    def _parse(self, path: Path, size: int) -> Module | None:
        if size > MAX_FILE_BYTES:
            return None
        try:
            source = path.read_bytes()
        except OSError:
            return None
        return self._model(path, source)

    def _model(self, path: Path, source: bytes) -> Module:
        from mojolint.parser import parse

        self.parses += 1
        tree = parse(source)
        # The model's patterns in one walk of the tree (a walk each cost as much as parsing).
        walk = FileQueries(batch_for([SEMANTIC_QUERIES]), tree.root_node)

        def found(pattern: str) -> dict[str, list[Node]]:
            shared = walk.captures(pattern)
            return shared if shared is not None else captures(pattern, tree.root_node)

        model = SemanticModel.build(tree, source, found)
        return Module(path, source, tree, model)

    def imported(self, binding: Binding, importer: Path) -> tuple[Module, str] | None:
        """The module an import binding's name comes from and the name inside it:
        ``from a.b import C`` gives (module a.b, "C"); ``import a.b as m`` gives (a.b, "")."""
        if binding.kind is not BindingKind.IMPORT or not binding.import_path:
            return None
        path = binding.import_path
        whole = self.resolve_module(path, importer)
        if whole is not None:
            module = self.module(whole)
            return (module, "") if module is not None else None
        head, _, name = path.rpartition(".")
        if not head or not name:
            return None
        found = self.resolve_module(head, importer)
        if found is None:
            return None
        module = self.module(found)
        return (module, name) if module is not None else None



def compile_queries() -> None:
    """Compile the queries that reading a module and summarising its functions run (each
    compiled once per process: a worker forked after this call shares them instead of
    compiling them again, about 0.01 CPU-s each)."""
    from mojolint.parser import compile_query
    from mojolint.semantics.flow import SKELETON
    from mojolint.semantics.model import REFERENCES_QUERY
    from mojolint.semantics.tree import SUMMARY_QUERIES

    batch_for([SEMANTIC_QUERIES])
    for pattern in (REFERENCES_QUERY, SKELETON, *SUMMARY_QUERIES):
        compile_query(pattern)


def _package_file(folder: str) -> Path | None:
    for suffix in SUFFIXES:
        candidate = os.path.join(folder, "__init__" + suffix)
        if file_stamp(candidate) is not None:
            return Path(candidate)
    return None


def project_root(path: Path) -> Path | None:
    """The nearest folder above ``path`` with a project marker, or None."""
    memo = dependencies.run_roots()
    folder = path.parent
    seen: list[str] = []
    found: Path | None = None
    for _ in range(64):
        key = str(folder)
        if memo is not None and key in memo:
            found = memo[key]
            break
        seen.append(key)
        if any(os.path.exists(os.path.join(key, marker)) for marker in PROJECT_MARKERS):
            found = folder
            break
        if folder.parent == folder:
            break
        folder = folder.parent
    if memo is not None:
        memo.update((key, found) for key in seen)
    return found


__all__ = ["Module", "ProjectIndex", "compile_queries", "dependencies_hold", "index_for",
           "load_modules", "load_most_imported", "loaded_module", "most_imported",
           "project_root", "take_reads"]

_indexes: dict[Path, ProjectIndex] = {}


def loaded_module(path: Path, source: bytes) -> Module | None:
    """The module this process parsed already for ``path`` (an earlier file imported it),
    when it holds exactly ``source``: linting the file then reuses its tree and model
    instead of parsing and modelling the same bytes again."""
    if not _indexes:
        return None
    absolute = Path(os.path.abspath(path))
    for index in _indexes.values():
        cached = index._modules.get(absolute)
        if cached is not None and cached[1] is not None and cached[1].source == source:
            return cached[1]
    return None


def load_most_imported(files: Sequence[tuple[Path, bytes]], least: int) -> int:
    """Parse and model, each into its project's index, the files of a run (``files``: each
    path with its bytes) that the import lines of at least ``least`` other files of the run
    name (:func:`most_imported`); the number loaded."""
    return load_modules(most_imported(files, least)[0])


def most_imported(files: Sequence[tuple[Path, bytes]], least: int
                  ) -> tuple[list[tuple[Path, bytes]], set[Path]]:
    """The files of a run (``files``: each path with its bytes) that the import lines of at
    least ``least`` other files of the run name, each with its bytes (absolute paths), and
    the files of the run whose import lines name one of them.

    Loaded (:func:`load_modules`) before forking, forked workers inherit them: a lookup
    into one of these modules, and the lint of the file itself (:func:`loaded_module`),
    reuse its parse and model instead of every worker parsing it again. Import lines are
    read from the bytes (no parse), so this only guesses what the rules will read; a module
    it misses is parsed on demand as before, and one it loads that no rule reads costs its
    model only, since the file is linted anyway."""
    sources: dict[Path, bytes] = {}
    named: dict[Path, int] = {}
    names: dict[Path, set[Path]] = {}  # each importer's targets
    # What each import names, resolved once per root (and folder, for a relative one).
    resolved: dict[tuple[Path, str, str], Path | None] = {}
    for path, source in files:
        importer = Path(os.path.abspath(path))
        sources[importer] = source
        index = index_for(importer)
        if index is None:
            continue
        targets: set[Path] = set()
        folder = os.path.dirname(importer)
        for dotted in _imported_names(source):
            key = (index.root, dotted, folder if dotted.startswith(".") else "")
            if key not in resolved:
                resolved[key] = index.resolve_module(dotted, importer)
            target = resolved[key]
            if target is not None and target != importer:
                targets.add(target)
        for target in targets:
            named[target] = named.get(target, 0) + 1
        if targets:
            names[importer] = targets
    take_reads()  # what resolving the import lines looked at is no linted file's read
    chosen = [(target, sources[target]) for target, count in named.items()
              if count >= least and target in sources]
    wanted = {target for target, _ in chosen}
    importers = {importer for importer, targets in names.items() if targets & wanted}
    return chosen, importers


def load_modules(files: Sequence[tuple[Path, bytes]]) -> int:
    """Parse and model ``files`` (each an absolute path with its bytes, as the run read
    them) into their projects' indexes; the number loaded (a file whose bytes changed
    since, or outside any project, is not)."""
    loaded = 0
    for target, text in files:
        index = index_for(target)
        if index is not None and index.load(target, text) is not None:
            loaded += 1
    take_reads()  # no linted file's read
    return loaded


def _imported_names(source: bytes) -> list[str]:
    """The modules the import lines of ``source`` name (:data:`IMPORT_LINE`), tried only
    at the start of the lines that hold the word (a search from every byte costs more than
    parsing the few modules it finds)."""
    found: list[str] = []
    at = source.find(b"import")
    tried = -1
    while at >= 0:
        start = source.rfind(b"\n", 0, at) + 1
        if start != tried:
            tried = start
            match = IMPORT_LINE.match(source, start)
            dotted = (match.group(1) or match.group(2) or b"") if match is not None else b""
            if dotted:
                found.append(dotted.decode("utf-8", "replace"))
        at = source.find(b"import", at + 6)
    return found


def index_for(path: Path | None) -> ProjectIndex | None:
    """The project index of a linted file (one per root and process), or None."""
    if path is None:
        return None
    absolute = Path(os.path.abspath(path))
    root = project_root(absolute)
    if root is None:
        return None
    index = _indexes.get(root)
    if index is None:
        index = _indexes[root] = ProjectIndex(root)
    return index
