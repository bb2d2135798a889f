"""Top-level names of a project's files: the struct or function a name stands for, found in
the file or, through its imports, in another file of the project.

A generic layer over :class:`~mojolint.semantics.project.ProjectIndex` (which resolves an
import to a file and models that file): ``from shared.core import ExTensor`` in one file and
``struct ExTensor`` in ``shared/core/extensor.mojo`` (reached through the package's
``__init__.mojo`` re-export) give the struct's :class:`~mojolint.semantics.model.StructInfo`,
with its fields' declared types, and the file it is declared in. Answers are cached per
linted file; the files read are recorded by the index as dependencies of the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mojolint.semantics.model import Binding, BindingKind, SemanticModel, StructInfo
from mojolint.semantics.project import ProjectIndex
from mojolint.semantics.types import TypeExpr

MAX_DEPTH = 6  # re-exports followed (a cycle of imports stops here)


@dataclass(frozen=True)
class Found:
    """A top-level struct or function, and the file that declares it."""

    binding: Binding
    model: SemanticModel
    path: Path | None
    shown: str  # the file as messages show it ("" for the linted file itself)

    def line(self) -> int:
        return self.binding.node.start_point[0] + 1


class ProjectLookup:
    """Finds top-level structs and functions for one linted file."""

    def __init__(self, model: SemanticModel, path: Path | None,
                 index: ProjectIndex | None) -> None:
        self.model = model
        self.path = path
        self.index = index
        self._cache: dict[tuple[int, str], Found | None] = {}

    def top_level(self, name: str, model: SemanticModel | None = None,
                  path: Path | None = None, shown: str = "") -> Found | None:
        """The struct or function ``name`` means at the top level of ``model`` (the linted
        file by default), following its imports into the project's other files."""
        if model is None:
            model, path = self.model, self.path
        key = (id(model), name)
        if key not in self._cache:
            self._cache[key] = self._find(name, model, path, shown, 0)
        return self._cache[key]

    def _find(self, name: str, model: SemanticModel, path: Path | None, shown: str,
              depth: int) -> Found | None:
        for binding in reversed(model.module.bindings.get(name, [])):
            if binding.kind in (BindingKind.FUNCTION, BindingKind.STRUCT) and \
                    binding.defines is not None:
                return Found(binding, model, path, shown)
            if binding.kind is BindingKind.IMPORT and self.index is not None \
                    and path is not None and depth < MAX_DEPTH:
                imported = self.index.imported(binding, path)
                if imported is None:
                    return None
                module, inner = imported
                return self._find(inner or name, module.model, module.path,
                                  module.display(self.index.root), depth + 1)
        return None

    def struct(self, name: str, model: SemanticModel | None = None,
               path: Path | None = None, shown: str = "") -> tuple[StructInfo, Found] | None:
        """The struct ``name`` means in ``model`` (the linted file by default)."""
        found = self.top_level(name, model, path, shown)
        if found is None or found.binding.kind is not BindingKind.STRUCT:
            return None
        info = found.model.structs.get(found.binding.name)
        return (info, found) if info is not None else None

    def returned_type(self, name: str) -> tuple[TypeExpr, Found] | None:
        """The declared return type of the top-level function ``name`` of the linted file
        (or of the file it is imported from), with where the function is."""
        found = self.top_level(name)
        if found is None or found.binding.kind is not BindingKind.FUNCTION or \
                found.binding.type is None:
            return None
        return found.binding.type, found
