"""Helpers shared by the tensor-safety rules (TS...): options and the file's analysis."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mojolint.rule import Context
from mojolint.semantics import FileFacts, file_facts
from mojolint.semantics.model import SCOPES
from mojolint.tensor_api import TensorApi

if TYPE_CHECKING:
    from mojolint.semantics.interproc import Interprocedural


@dataclass(frozen=True)
class AccessorOptions:
    prefer_native_accessor: bool = field(default=False, metadata={
        "doc": "Always fix to the native accessor alone (an unsafe fix) instead of keeping "
               "the expression's type."})


# The whole-file patterns the analysis reads: a rule that calls facts_of lists these in its
# ``queries`` (and sets ``uses_semantic``: the analysis reads names from ``ctx.semantic``),
# so they are part of the file's one shared walk.
FACT_QUERIES = (SCOPES,)


def facts_of(ctx: Context) -> FileFacts:
    """The file's analysis (computed once per file for all rules), with the summaries of
    the functions it calls, in the file or in the project's other files."""
    api = api_of(ctx)

    def calls() -> Interprocedural:
        from mojolint.semantics.interproc import Interprocedural
        from mojolint.semantics.project import index_for

        made = ctx.per_file.get("calls")
        if made is None or made.api != api:
            made = ctx.per_file["calls"] = Interprocedural(ctx.semantic, ctx.path,
                                                          index_for(ctx.path), api)
        return made

    return file_facts(ctx.tree, ctx.source, api, ctx.captures, lambda: ctx.semantic, calls)


def api_of(ctx: Context) -> TensorApi:
    """The tensor API the running rule reads: the shared ``[tensor-api]`` table over the
    rule's deprecated per-rule keys over the defaults (``Settings.tensor_api_for``)."""
    return ctx.settings.tensor_api_for(ctx.rule.code if ctx.rule is not None else "")


def mentions(source: bytes, *words: str) -> bool:
    """True when the file's bytes hold any of ``words``: a rule whose every finding needs one
    of these names in the code skips a file without them, before any query runs."""
    return any(word.encode() in source for word in words)
