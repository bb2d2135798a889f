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
from mojolint.rule_info import RuleInfo
from mojolint.selectors import match_strength
from mojolint.versions import is_at_least

if TYPE_CHECKING:
    from mojolint.settings import Settings

ENTRY_POINT_GROUP = "mojolint.rules"


class RegistryError(Exception):
    """A plugin could not be loaded or declares itself wrongly."""


@dataclass
class Registry:
    """Installed rules by code, and where each came from.

    A rule is known by its :class:`RuleInfo` (code, name, selection facts) and its class is
    imported only when something needs it: checking a file, a rule's options or its page.
    Selecting the rules of a file and computing the cache key need only the infos, so a run
    the cache serves whole imports no rule module.
    """

    infos: dict[str, RuleInfo] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    # The classes imported so far (plugins' from the start, built-in ones on first use).
    _classes: dict[str, type[Rule]] = field(default_factory=dict, repr=False)
    _instances: dict[str, Rule] = field(default_factory=dict, repr=False)
    # The settings' pattern rules (instances), by settings object; the settings object is
    # kept alongside so its id cannot be reused while the entry lives.
    _patterns: dict[int, tuple[Settings, list[Rule]]] = field(default_factory=dict, repr=False)
    # enabled_infos by (settings, per-file ignores), likewise.
    _enabled: dict[tuple[int, tuple[str, ...]], tuple[Settings, list[RuleInfo]]] = field(
        default_factory=dict, repr=False)

    def add(self, rule_cls: type[Rule], origin: str) -> None:
        problems = rule_problems(rule_cls)
        if problems:
            raise RegistryError(f"rule {rule_cls.__qualname__} from {origin}: {problems[0]}")
        self.add_info(info_of(rule_cls), origin)
        self._classes[rule_cls.code] = rule_cls

    def add_info(self, info: RuleInfo, origin: str) -> None:
        """Register a rule by its info; its class is imported from ``info.module`` when
        first needed."""
        if info.code in self.infos:
            raise RegistryError(
                f"rule code {info.code} from {origin} is already used by "
                f"{self.origins[info.code]}"
            )
        self.infos[info.code] = info
        self.origins[info.code] = origin
        self._enabled.clear()

    @property
    def classes(self) -> dict[str, type[Rule]]:
        """Every installed rule class by code (imports every rule module not yet imported)."""
        return {code: self.rule_class(code) for code in self.infos}

    def rule_class(self, code: str) -> type[Rule]:
        """The class of the rule ``code``, imported on first use."""
        found = self._classes.get(code)
        if found is None:
            info = self.infos[code]
            target: Any = importlib.import_module(info.module)
            for part in info.qualname.split("."):
                target = getattr(target, part)
            found = self._classes[code] = target
        return found

    def codes(self) -> list[str]:
        return sorted(self.infos)

    def codes_where(self, test: Callable[[RuleInfo], bool]) -> frozenset[str]:
        """The codes of the installed rules whose info passes ``test`` (e.g. the rules that
        are not suppressible: ``codes_where(lambda rule: not rule.suppressible)``)."""
        return frozenset(code for code, info in self.infos.items() if test(info))

    def options_type(self, code: str) -> type[Any] | None:
        return self.rule_class(code).options_type if code in self.infos else None

    def all_rules(self, settings: Settings | None = None) -> list[Rule]:
        """An instance of every installed rule plus the settings' pattern rules."""
        rules = [self.instance(code) for code in self.codes()]
        if settings is not None:
            rules.extend(self._pattern_rules(settings))
        return sorted(rules, key=lambda r: r.code)

    def instance(self, code: str) -> Rule:
        if code not in self._instances:
            self._instances[code] = self.rule_class(code)()
        return self._instances[code]

    def _pattern_rules(self, settings: Settings) -> list[Rule]:
        if not settings.pattern_rules:
            return []
        cached = self._patterns.get(id(settings))
        if cached is None or cached[0] is not settings:
            from mojolint.pattern_rules import PatternRule

            cached = self._patterns[id(settings)] = (
                settings, [PatternRule(spec) for spec in settings.pattern_rules])
        return cached[1]

    def enabled_infos(self, settings: Settings, path: Path | None) -> list[RuleInfo]:
        """The infos of the rules that check ``path`` under ``settings``, by code (imports
        no rule module)."""
        file_ignores = settings.file_ignores(path)
        key = (id(settings), file_ignores)
        cached = self._enabled.get(key)
        if cached is not None and cached[0] is settings:
            return list(cached[1])
        candidates = [*self.infos.values(),
                      *(info_of(rule) for rule in self._pattern_rules(settings))]
        infos = sorted((
            info for info in candidates
            if info.always_on
            or (match_strength(info.code, file_ignores) < 0 and is_selected(info, settings)
                and applies_to_target(info, settings.target_version))
        ), key=lambda info: info.code)
        self._enabled[key] = (settings, infos)
        return list(infos)

    def enabled_rules(self, settings: Settings, path: Path | None) -> list[Rule]:
        """The rules that check ``path`` under ``settings``."""
        patterns = {rule.code: rule for rule in self._pattern_rules(settings)}
        return [patterns[info.code] if info.code in patterns else self.instance(info.code)
                for info in self.enabled_infos(settings, path)]

    def docs(self, settings: Settings | None = None,
             codes: Iterable[str] | None = None) -> dict[str, RuleDoc]:
        """The pages of every rule, or of the rules ``codes`` only (which imports only their
        modules)."""
        if codes is None:
            return {rule.code: rule.describe() for rule in self.all_rules(settings)}
        wanted = set(codes)
        rules = [self.instance(code) for code in sorted(wanted & set(self.infos))]
        if settings is not None:
            rules.extend(rule for rule in self._pattern_rules(settings) if rule.code in wanted)
        return {rule.code: rule.describe() for rule in sorted(rules, key=lambda r: r.code)}


def info_of(rule: type[Rule] | Rule) -> RuleInfo:
    """The :class:`RuleInfo` of a rule class, or of a rule instance (pattern rules describe
    themselves per instance, their fingerprint included)."""
    cls = rule if isinstance(rule, type) else type(rule)
    if not isinstance(rule, type):
        fingerprint = rule.fingerprint()
    elif cls.fingerprint is Rule.fingerprint:  # what Rule.fingerprint says, without an instance
        fingerprint = f"{cls.code}={cls.__module__}.{cls.__qualname__}"
    else:
        fingerprint = cls().fingerprint()
    return RuleInfo(
        code=rule.code,
        name=rule.name,
        module=cls.__module__,
        qualname=cls.__qualname__,
        fingerprint=fingerprint,
        default_enabled=bool(rule.default_enabled),
        always_on=bool(rule.always_on),
        engine_driven=bool(rule.engine_driven),
        suppressible=bool(rule.suppressible),
        noqa_addable=bool(rule.noqa_addable),
        reports_crash=bool(rule.reports_crash),
        since_version=rule.since_version,
        removed_in=rule.removed_in,
        reads_tensor_api=bool(getattr(rule, "reads_tensor_api", False)),
    )


def applies_to_target(rule: Rule | RuleInfo, target_version: str) -> bool:
    """An upgrade rule fires only when the project targets the release of its change.

    A rule about a form that a later compiler rejects (``removed_in`` without
    ``since_version``, such as TS007's ``List[T](n)``) fires only for older targets: from
    that release on the compiler reports it itself. Upgrade rules keep ``removed_in`` for
    their pages and messages only."""
    if rule.since_version is None:
        return rule.removed_in is None or not is_at_least(target_version, rule.removed_in)
    return is_at_least(target_version, rule.since_version)


def is_selected(rule: Rule | RuleInfo, settings: Settings) -> bool:
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
    # The built-in rules by their generated infos: their modules (`rules/`, installed as
    # mojolint.rules through package-dir) are imported only when a rule is needed.
    from mojolint.builtin_rules import BUILTIN_RULE_INFOS

    registry = Registry()
    for info in BUILTIN_RULE_INFOS:
        registry.add_info(info, "mojolint")
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
