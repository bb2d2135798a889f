"""The semantic layer: a generic model of each file and the tensor analysis on top of it.

``model`` (scopes, bindings, references, declared types; ``ctx.semantic``) and ``types``
know nothing of tensors or rules. The tensor-safety analysis (``function``, ``build``,
``dtypes``, ``bitcast``) is a layer over the file's tree. Per function: bindings and their
assignments, the dtype of each tensor binding at any place (known, one of several, or known
only at run time, with where that came from), and the last use of each binding. Results
are cached per tree so every rule of a run reuses the same analysis.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tree_sitter import Node, Tree

from mojolint.semantics.build import FileFacts, analyze
from mojolint.semantics.dtypes import DtypeFact, dtype_literal, scalar_dtype
from mojolint.semantics.function import Assignment, Binding, FunctionFacts
from mojolint.tensor_api import TensorApi, api_key

if TYPE_CHECKING:
    from mojolint.semantics.interproc import Interprocedural
    from mojolint.semantics.model import SemanticModel

__all__ = ["Assignment", "Binding", "DtypeFact", "FileFacts", "FunctionFacts", "TensorApi",
           "dtype_literal", "file_facts", "scalar_dtype"]

# The analyses of the file being linted, one per tensor API its rules use (the engine runs
# every rule on one file before the next). The tree is kept in the entry so its id cannot be
# reused by another tree while the entry lives.
_cache: list[tuple[Tree, bytes, tuple[object, ...], FileFacts]] = []


def file_facts(tree: Tree, source: bytes, api: TensorApi,
               captures: Callable[[str], dict[str, list[Node]]],
               semantic: Callable[[], SemanticModel],
               calls: Callable[[], Interprocedural | None] | None = None) -> FileFacts:
    """The analysis of one file under one tensor API (computed once per tree). ``captures``
    gives whole-file captures of a pattern (``build.SCOPES``): ``Context.captures``, which
    serves them from the file's shared walk; ``semantic`` the file's model
    (``ctx.semantic``), which gives every name's bindings and references."""
    key = api_key(api)
    for cached_tree, cached_source, cached_key, facts in _cache:
        if cached_tree is tree and cached_source is source and cached_key == key:
            return facts
    facts = analyze(source, api, captures, semantic, calls)
    # Entries of earlier files go at once (holding them kept their trees and every match
    # alive, which slowed the whole run); a few APIs of this file stay, for rules whose
    # options name different tensor APIs.
    same_file = [entry for entry in _cache if entry[0] is tree and entry[1] is source]
    _cache[:] = [(tree, source, key, facts), *same_file[:3]]
    return facts
