"""What the registry needs to know about a rule to select it, without importing its module.

A run whose every file is served by the cache never calls a rule: it only needs to know
which rules the settings enable (for the cache key) and a few facts about them (which are
always on, which cannot be suppressed...). :class:`RuleInfo` holds those facts. For the
built-in rules they come from :mod:`mojolint.builtin_rules`, a table generated from the rule
classes (``python -m mojolint.dev.builtin_table --update``; a test fails when it is stale),
so a warm run imports no rule module, no parser and no tree-sitter. A plugin's class or a
pattern rule's instance describes itself through :func:`mojolint.registry.info_of`.

The attribute names are those of :class:`mojolint.rule.Rule`, so a test written against a
rule class (``lambda rule: not rule.suppressible``) reads a :class:`RuleInfo` the same way.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleInfo:
    """A rule's selection facts, and where its class lives."""

    code: str
    name: str
    # Where the class is: ``importlib.import_module(module)`` then ``getattr(qualname)``.
    module: str
    qualname: str
    # ``Rule.fingerprint()``: which code runs under the code (part of the cache key).
    fingerprint: str
    default_enabled: bool = True
    always_on: bool = False
    engine_driven: bool = False
    suppressible: bool = True
    noqa_addable: bool = True
    reports_crash: bool = False
    since_version: str | None = None
    removed_in: str | None = None
    reads_tensor_api: bool = False

