"""Helpers shared by the tensor-safety rules (TS...): options and the file's analysis."""

from __future__ import annotations

import re
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


# A struct field or method declared with a pointer type (TS004's pre-filter): only then can
# `x.f` or `x.m()` of a local be a pointer the file's own declarations make untracked.
POINTER_DECLARATION = re.compile(rb"(?:\bvar\s+\w+\s*:|->)\s*[\w.]*Pointer\b")
_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_DOTTED = _WORD | {ord(".")}
_SPACE = frozenset(b" \t\n\r\f\v")


def declares_pointer(source: bytes) -> bool:
    """Whether ``POINTER_DECLARATION`` occurs in ``source``, found from each ``Pointer``
    backwards instead of by the regex (which tries its alternatives at every byte of the
    file: a fifth of TS004's time on rcghpge/modular)."""
    at = source.find(b"Pointer")
    while at >= 0:
        end = at + 7
        if end == len(source) or source[end] not in _WORD:
            start = at  # `[\w.]*` before it: the whole run (a space or `:`/`>` precedes it)
            while start > 0 and source[start - 1] in _DOTTED:
                start -= 1
            if _declaration_ends_at(source, start):
                return True
        at = source.find(b"Pointer", end)
    return False


def _declaration_ends_at(source: bytes, end: int) -> bool:
    r"""Whether ``(?:\bvar\s+\w+\s*:|->)\s*`` ends at byte ``end``."""
    while end > 0 and source[end - 1] in _SPACE:
        end -= 1
    if source[max(end - 2, 0):end] == b"->":
        return True
    if end == 0 or source[end - 1] != ord(":"):
        return False
    end -= 1
    while end > 0 and source[end - 1] in _SPACE:
        end -= 1
    name_end = end
    while end > 0 and source[end - 1] in _WORD:
        end -= 1
    if end == name_end:
        return False
    space_end = end
    while end > 0 and source[end - 1] in _SPACE:
        end -= 1
    if end == space_end or source[max(end - 3, 0):end] != b"var":
        return False
    return end == 3 or source[end - 4] not in _WORD
