"""Which rules exist, and which of them run on a given file.

Rules come from three places: the built-in table in ``mojolint.rules``, the ``mojolint.rules``
entry-point group of installed packages, and ``[[pattern-rules]]`` in configuration.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mojolint.report import RuleDoc
from mojolint.rule import Rule, rule_problems
from mojolint.selectors import match_strength
from mojolint.versions import is_at_least

if TYPE_CHECKING:
    from mojolint.settings import Settings

ENTRY_POINT_GROUP = "mojolint.rules"


class RegistryError(Exception):
    """A plugin could not be loaded or declares itself wrongly."""


@dataclass
class Registry:
    """Installed rule classes by code, and where each came from."""

    classes: dict[str, type[Rule]] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    _instances: dict[str, Rule] = field(default_factory=dict, repr=False)
    # enabled_rules by (settings, per-file ignores); the settings object is kept alongside so
    # its id cannot be reused while the entry lives.
    _enabled: dict[tuple[int, tuple[str, ...]], tuple[Settings, list[Rule]]] = field(
        default_factory=dict, repr=False)

    def add(self, rule_cls: type[Rule], origin: str) -> None:
        problems = rule_problems(rule_cls)
        if problems:
            raise RegistryError(f"rule {rule_cls.__qualname__} from {origin}: {problems[0]}")
        if rule_cls.code in self.classes:
            raise RegistryError(
                f"rule code {rule_cls.code} from {origin} is already used by "
                f"{self.origins[rule_cls.code]}"
            )
        self.classes[rule_cls.code] = rule_cls
        self.origins[rule_cls.code] = origin
        self._enabled.clear()

    def codes(self) -> list[str]:
        return sorted(self.classes)

    def codes_where(self, test: Callable[[type[Rule]], bool]) -> frozenset[str]:
        """The codes of the installed rules whose class passes ``test`` (e.g. the rules that
        are not suppressible: ``codes_where(lambda rule: not rule.suppressible)``)."""
        return frozenset(code for code, rule_cls in self.classes.items() if test(rule_cls))

    def options_type(self, code: str) -> type[Any] | None:
        rule_cls = self.classes.get(code)
        return rule_cls.options_type if rule_cls else None

    def all_rules(self, settings: Settings | None = None) -> list[Rule]:
        """An instance of every installed rule plus the settings' pattern rules."""
        rules = [self.instance(code) for code in self.codes()]
        if settings is not None:
            from mojolint.pattern_rules import PatternRule

            rules.extend(PatternRule(spec) for spec in settings.pattern_rules)
        return sorted(rules, key=lambda r: r.code)

    def instance(self, code: str) -> Rule:
        if code not in self._instances:
            self._instances[code] = self.classes[code]()
        return self._instances[code]

    def enabled_rules(self, settings: Settings, path: Path | None) -> list[Rule]:
        """The rules that check ``path`` under ``settings``."""
        file_ignores = settings.file_ignores(path)
        key = (id(settings), file_ignores)
        cached = self._enabled.get(key)
        if cached is not None and cached[0] is settings:
            return list(cached[1])
        rules = [
            rule for rule in self.all_rules(settings)
            if rule.always_on
            or (match_strength(rule.code, file_ignores) < 0 and is_selected(rule, settings)
                and applies_to_target(rule, settings.target_version))
        ]
        self._enabled[key] = (settings, rules)
        return list(rules)

    def docs(self, settings: Settings | None = None) -> dict[str, RuleDoc]:
        return {rule.code: rule.describe() for rule in self.all_rules(settings)}


def applies_to_target(rule: Rule, target_version: str) -> bool:
    """An upgrade rule fires only when the project targets the release of its change.

    A rule about a form that a later compiler rejects (``removed_in`` without
    ``since_version``, such as TS007's ``List[T](n)``) fires only for older targets: from
    that release on the compiler reports it itself. Upgrade rules keep ``removed_in`` for
    their pages and messages only."""
    if rule.since_version is None:
        return rule.removed_in is None or not is_at_least(target_version, rule.removed_in)
    return is_at_least(target_version, rule.since_version)


def is_selected(rule: Rule, settings: Settings) -> bool:
    """A rule runs when its most specific selection beats its most specific ignore.

    ``--select TS --ignore TS005`` runs every TS rule but TS005; ``--select TS005
    --ignore TS`` runs only TS005; on a tie the ignore wins. Without ``select``, rules that
    are on by default count as selected by ``ALL`` (the weakest selection), so any ignore
    turns them off. Per-file-ignores are applied separately and always win.
    """
    if settings.select is not None:
        selected = match_strength(rule.code, settings.select)
    else:
        selected = 0 if rule.default_enabled else -1
    selected = max(selected, match_strength(rule.code, settings.extend_select))
    return selected > match_strength(rule.code, settings.ignore)


def load_registry() -> Registry:
    # `rules/` is installed as mojolint.rules through package-dir; import it by name.
    builtin: tuple[type[Rule], ...] = importlib.import_module("mojolint.rules").BUILTIN_RULES
    registry = Registry()
    for rule_cls in builtin:
        registry.add(rule_cls, "mojolint")
    for entry_point in _plugin_entry_points():
        origin = _entry_point_origin(entry_point)
        try:
            rule_cls = entry_point.load()
        except Exception as error:
            raise RegistryError(
                f"plugin entry point '{entry_point.name}' ({origin}) failed to load: "
                f"{type(error).__name__}: {error}"
            ) from None
        if not (isinstance(rule_cls, type) and issubclass(rule_cls, Rule)):
            raise RegistryError(
                f"plugin entry point '{entry_point.name}' ({origin}) is not a Rule subclass"
            )
        registry.add(rule_cls, origin)
    return registry


def _plugin_entry_points() -> Iterable[Any]:
    if not _may_declare_plugins():
        return ()
    from importlib.metadata import entry_points

    return entry_points(group=ENTRY_POINT_GROUP)


def _may_declare_plugins() -> bool:
    """False only when no installed distribution can declare a rule plugin.

    Importing importlib.metadata costs 15 to 35 ms of every run, a tenth of a warm one;
    reading the few ``entry_points.txt`` files on ``sys.path`` costs a millisecond. Any
    doubt (an archive on the path, a finder of its own that lists distributions, the group
    named in a file) leaves the answer to importlib.metadata.
    """
    from importlib.machinery import PathFinder

    if any(hasattr(finder, "find_distributions") and finder is not PathFinder
           for finder in sys.meta_path):
        return True
    marker = f"[{ENTRY_POINT_GROUP}]"
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return True  # a zip archive or some other importable file
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), "rb") as file:
                    if marker.encode() in file.read():
                        return True
            except OSError:
                continue  # no entry points, or an egg-info that is a file
    return False


def _entry_point_origin(entry_point: Any) -> str:
    dist = getattr(entry_point, "dist", None)
    if dist is not None:
        return f"{dist.metadata['Name']} {dist.version}"
    return str(entry_point.value)


@lru_cache(maxsize=1)
def get_registry() -> Registry:
    """The process-wide registry (loaded once; workers load their own)."""
    return load_registry()
