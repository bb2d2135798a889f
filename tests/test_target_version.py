"""Rules tied to a release fire only when the project targets that release or a newer one."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import Run, concise_lines, run_cli, write_tree

from mojolint import builtin_rules
from mojolint.diagnostics import Diagnostic
from mojolint.registry import info_of
from mojolint.rule import Context, Rule, rule_problems
from mojolint.versions import canonical_version


class AliasKeyword(Rule):
    """## What it does
    Test-only: flags the `alias` keyword, as an upgrade rule for 26.1 would.

    ## Why is this bad?
    `alias` is deprecated from 26.1.

    ## Example
    ```mojo
    alias N = 4
    ```
    """

    code = "TUP001"
    name = "test-alias-keyword"
    summary = "alias keyword"
    since_version = "26.1"
    deprecated_in = "26.1"
    removed_in = "1.1"

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for node in ctx.captures('(comptime_declaration keyword: "alias" @kw)').get("kw", []):
            yield ctx.report(node, "`alias` is deprecated; use `comptime`")


@pytest.fixture
def with_upgrade_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    # The registry reads the built-in rules' generated infos (mojolint/builtin_rules.py).
    table = (*builtin_rules.BUILTIN_RULE_INFOS, info_of(AliasKeyword))
    monkeypatch.setattr(builtin_rules, "BUILTIN_RULE_INFOS", table)


def check(tmp_path: Path, *args: str) -> Run:
    return run_cli(["check", "--no-cache", "--output-format", "concise", "--select", "TUP",
                    *args], tmp_path)


@pytest.mark.usefixtures("with_upgrade_rule")
@pytest.mark.parametrize(("target", "fires"), [
    ("25.7", False), ("0.25.7", False), ("26.1", True), ("0.26.1.0", True), ("1.2", True),
])
def test_upgrade_rule_fires_from_its_release_on(tmp_path: Path, target: str, fires: bool) -> None:
    write_tree(tmp_path, {"a.mojo": "alias N = 4\n"})
    result = check(tmp_path, "--target-version", target)
    assert bool(concise_lines(result.stdout)) is fires


@pytest.mark.usefixtures("with_upgrade_rule")
def test_target_version_from_config_gates_the_rule(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": "alias N = 4\n",
                          "mojolint.toml": 'target-version = "0.25.6"\n'})
    assert concise_lines(check(tmp_path).stdout) == []
    write_tree(tmp_path, {"mojolint.toml": 'target-version = "1.0.0"\n'})
    assert [line.split()[1] for line in concise_lines(check(tmp_path).stdout)] == ["TUP001"]


def test_canonical_version_reads_both_spellings() -> None:
    assert canonical_version("0.26.1.0") == "26.1"
    assert canonical_version("0.25.7") == "25.7"
    assert canonical_version("1.0.0") == "1.0"
    assert canonical_version("26.2") == "26.2"
    assert canonical_version("2.0") is None


def test_rule_declaring_an_unknown_release_is_malformed() -> None:
    class Broken(AliasKeyword):
        """## What it does
        x
        ## Why is this bad?
        y
        ## Example
        z
        """

        since_version = "26.9"

    assert any("since_version '26.9'" in problem for problem in rule_problems(Broken))


# Every release PyPI offers (`pip index versions mojo-compiler`, 2026-12-02) and the 2025
# releases shipped only through conda (25.1-25.3) are targets.
PYPI_RELEASES = ("1.2.0", "1.1.0", "1.0.0", "0.26.2.0", "0.26.1.0", "0.25.7.0", "0.25.6.1",
                 "0.25.6.0")


@pytest.mark.parametrize("version", [*PYPI_RELEASES, "25.1", "25.2", "25.3", "0.25.3.0"])
def test_every_installable_release_is_a_valid_target(tmp_path: Path, version: str) -> None:
    write_tree(tmp_path, {"a.mojo": "def main():\n    pass\n"})
    result = run_cli(["check", "--no-cache", "--target-version", version, "."], tmp_path)
    assert result.exit_code == 0, result.stderr
    write_tree(tmp_path, {"mojolint.toml": f'target-version = "{version}"\n'})
    assert run_cli(["check", "--no-cache", "."], tmp_path).exit_code == 0


def test_patch_releases_name_their_release() -> None:
    assert canonical_version("0.25.6.1") == "25.6"
    assert canonical_version("25.4.1") == "25.4"
    assert canonical_version("25.2") == "25.2"
    assert canonical_version("26.1.0.dev2025112105") is None
    assert canonical_version("24.5") is None


@pytest.mark.usefixtures("with_upgrade_rule")
def test_a_2025_target_keeps_a_26_1_rule_off(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": "alias N = 4\n"})
    assert concise_lines(check(tmp_path, "--target-version", "25.2").stdout) == []
