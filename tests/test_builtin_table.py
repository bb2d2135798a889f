"""mojolint/builtin_rules.py, the built-in rules' selection facts the registry reads instead of
importing every rule, is generated from the rule classes and must match them."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from mojolint.dev import builtin_table
from mojolint.registry import load_registry
from mojolint.rule import Rule
from mojolint.settings import Overrides

# `rules/` is installed as mojolint.rules (package-dir), which mypy cannot follow.
BUILTIN: tuple[type[Rule], ...] = importlib.import_module("mojolint.rules").BUILTIN_RULES


def test_the_generated_table_is_up_to_date() -> None:
    current = builtin_table.TABLE_PATH.read_text(encoding="utf-8")
    if builtin_table.render(builtin_table.builtin_infos()) != current:
        pytest.fail(f"mojolint/builtin_rules.py is stale: run `{builtin_table.UPDATE_COMMAND}` "
                    "from the repository root and review the diff")


def test_each_info_says_what_its_class_says() -> None:
    registry = load_registry()
    assert list(registry.infos) == [rule_cls.code for rule_cls in BUILTIN]
    for rule_cls in BUILTIN:
        info = registry.infos[rule_cls.code]
        # The cache key's part: the same string the rule instance gives.
        assert info.fingerprint == rule_cls().fingerprint()
        for attribute in ("name", "default_enabled", "always_on", "engine_driven",
                          "suppressible", "noqa_addable", "reports_crash", "since_version",
                          "removed_in"):
            assert getattr(info, attribute) == getattr(rule_cls, attribute), (
                f"{rule_cls.code}.{attribute}")
        assert info.reads_tensor_api == bool(getattr(rule_cls, "reads_tensor_api", False))
        # The class is found from the info alone.
        assert registry.rule_class(rule_cls.code) is rule_cls


@pytest.mark.parametrize("overrides", [
    Overrides(), Overrides(select=("ALL",)), Overrides(select=("UP",), target_version="1.2"),
    Overrides(select=("ALL",), ignore=("TS", "MJ100"), target_version="25.7"),
])
def test_selection_by_infos_matches_the_rules(tmp_path: Path, overrides: Overrides) -> None:
    from mojolint.config import ConfigResolver

    registry = load_registry()
    settings = ConfigResolver(registry, isolated=True, overrides=overrides).settings_for_file(
        tmp_path / "a.mojo")
    infos = registry.enabled_infos(settings, tmp_path / "a.mojo")
    rules = registry.enabled_rules(settings, tmp_path / "a.mojo")
    assert [info.code for info in infos] == [rule.code for rule in rules]
    assert [info.fingerprint for info in infos] == [rule.fingerprint() for rule in rules]
    assert infos  # always-on rules at least


def test_a_stale_table_is_reported_and_update_rewrites_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "builtin_rules.py"
    original = builtin_table.TABLE_PATH.read_text(encoding="utf-8")
    stale = original.replace('name="unused-noqa"', 'name="old-name"')
    assert stale != original
    table.write_text(stale, encoding="utf-8")
    assert builtin_table.main(["--path", str(table)]) == 1
    assert builtin_table.UPDATE_COMMAND in capsys.readouterr().out
    assert builtin_table.main(["--path", str(table), "--update"]) == 0
    assert table.read_text(encoding="utf-8") == original
    assert builtin_table.main(["--path", str(table)]) == 0
