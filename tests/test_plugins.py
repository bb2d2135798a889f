"""Rules from outside: an installed package's entry point, and queries declared in config."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from conftest import Run, concise_lines, run_cli, run_subprocess, write_tree

from mojolint.registry import load_registry

PLUGIN_MODULE = '''
from dataclasses import dataclass, field

from mojolint.rule import Context, Rule


@dataclass(frozen=True)
class Options:
    allowed: tuple[str, ...] = field(default=(), metadata={"doc": "Names that may be called."})


class NoPrint(Rule):
    """## What it does
    Flags calls of `print` and `debug`.

    ## Why is this bad?
    Library code should log.

    ## Example
    ```mojo
    print(1)
    ```
    """

    code = "XP001"
    name = "no-print"
    summary = "Call of a printing function"
    options_type = Options

    def check(self, ctx: Context):
        query = "(call function: (identifier) @fn)"
        for node in ctx.captures(query).get("fn", []):
            name = ctx.text(node)
            if name in ("print", "debug") and name not in ctx.options.allowed:
                yield ctx.report(node.parent, f"`{name}` call")


class Fragile(Rule):
    """## What it does
    Crashes on files that mention `boom`.

    ## Why is this bad?
    It is a test rule.

    ## Example
    ```mojo
    boom()
    ```
    """

    code = "XP002"
    name = "fragile"
    summary = "Crashes on purpose"

    def check(self, ctx: Context):
        if b"boom" in ctx.source:
            raise KeyError("boom")
        return ()


class TargetEcho(Rule):
    """## What it does
    Reports the target version the file is checked for.

    ## Why is this bad?
    It is a test rule that is off by default.

    ## Example
    Any file.
    """

    code = "XP100"
    name = "target-echo"
    summary = "Echoes the target version"
    default_enabled = False

    def check(self, ctx: Context):
        yield ctx.report((0, 0), f"target {ctx.target_version}")
'''


def install_plugin(site: Path, entry_points: str = "no-print = myplug:NoPrint\n"
                   "fragile = myplug:Fragile\ntarget-echo = myplug:TargetEcho\n") -> Path:
    """A real installed distribution: package + dist-info with entry_points.txt."""
    write_tree(site, {
        "myplug/__init__.py": PLUGIN_MODULE,
        "myplug-0.1.dist-info/METADATA": "Metadata-Version: 2.1\nName: myplug\nVersion: 0.1\n",
        "myplug-0.1.dist-info/entry_points.txt": "[mojolint.rules]\n" + entry_points,
        "myplug-0.1.dist-info/RECORD": "",
    })
    return site


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = install_plugin(tmp_path / "site")
    monkeypatch.syspath_prepend(str(site))
    project = tmp_path / "project"
    project.mkdir()
    return project


def check(project: Path, *args: str) -> Run:
    return run_cli(["check", "--no-cache", "--output-format", "concise", *args], project)


def test_entry_point_rule_runs_and_is_listed(plugin: Path) -> None:
    write_tree(plugin, {"a.mojo": "fn main():\n    print(1)\n    debug(2)\n"})
    result = check(plugin)
    assert result.exit_code == 1
    assert concise_lines(result.stdout) == ["a.mojo:2:5: XP001 `print` call",
                                            "a.mojo:3:5: XP001 `debug` call"]
    listed = {r["code"]: r for r in json.loads(run_cli(["rules", "--json"], plugin).stdout)}
    assert listed["XP001"]["origin"] == "myplug 0.1"
    page = run_cli(["rule", "XP001"], plugin).stdout
    assert page.startswith("# no-print (XP001)")
    assert "Library code should log." in page


def test_plugin_options_are_typed_and_validated(plugin: Path) -> None:
    write_tree(plugin, {"a.mojo": "fn main():\n    print(1)\n    debug(2)\n",
                        "mojolint.toml": '[rules.XP001]\nallowed = ["print"]\n'})
    assert concise_lines(check(plugin).stdout) == ["a.mojo:3:5: XP001 `debug` call"]
    (plugin / "mojolint.toml").write_text("[rules.XP001]\nallowed = [1]\n")
    bad = check(plugin)
    assert bad.exit_code == 2
    assert bad.stderr.strip() == ("mojolint: error: mojolint.toml: invalid value [1] for "
                                  "'allowed'; expected a list of (a string) in [rules.XP001]")


def test_plugin_prefix_selection(plugin: Path) -> None:
    write_tree(plugin, {"a.mojo": "fn main():\n    print(1)\n    pass  # noqa\n"})
    assert [line.split()[1] for line in concise_lines(check(plugin, "--select", "XP").stdout)
            ] == ["XP100", "XP001"]  # a prefix selects rules that are off by default too
    assert [line.split()[1] for line in concise_lines(check(plugin, "--select", "XP0").stdout)
            ] == ["XP001"]
    assert [line.split()[1] for line in concise_lines(check(plugin, "--ignore", "XP").stdout)
            ] == ["MJ100"]


def test_default_off_rule_runs_only_when_selected_and_sees_the_target_version(
        plugin: Path) -> None:
    write_tree(plugin, {"a.mojo": "fn main():\n    pass\n"})
    assert concise_lines(check(plugin).stdout) == []
    assert concise_lines(check(plugin, "--extend-select", "XP1").stdout) == [
        "a.mojo:1:1: XP100 target 26.1"]
    assert concise_lines(check(plugin, "--select", "ALL").stdout) == [
        "a.mojo:1:1: XP100 target 26.1"]
    (plugin / "mojolint.toml").write_text('extend-select = ["XP100"]\ntarget-version = "25.4"\n')
    assert concise_lines(check(plugin).stdout) == ["a.mojo:1:1: XP100 target 25.4"]
    assert concise_lines(check(plugin, "--target-version", "1.2").stdout) == [
        "a.mojo:1:1: XP100 target 1.2"]


def test_crashing_plugin_rule_is_an_internal_error_and_exit_2(plugin: Path) -> None:
    write_tree(plugin, {"a.mojo": "fn main():\n    boom()\n    print(1)\n",
                        "b.mojo": "fn f():\n    print(2)\n"})
    result = check(plugin)
    assert result.exit_code == 2
    assert concise_lines(result.stdout) == [
        "a.mojo:1:1: MJ003 internal error: rule XP002 (fragile) failed on a.mojo: "
        "KeyError: 'boom'",
        "a.mojo:3:5: XP001 `print` call",
        "b.mojo:2:5: XP001 `print` call",
    ]
    assert check(plugin, "--exit-zero").exit_code == 2
    sarif = json.loads(run_cli(["check", "--no-cache", "--output-format", "sarif"],
                               plugin).stdout)
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == [
        "a.mojo: internal error: rule XP002 (fragile) failed on a.mojo: KeyError: 'boom'"]


def test_plugin_rules_run_in_worker_processes(tmp_path: Path) -> None:
    site = install_plugin(tmp_path / "site")
    project = tmp_path / "project"
    write_tree(project, {f"m{i:02}.mojo": "fn main():\n    print(1)\n" for i in range(40)})
    result = run_subprocess(["check", "--no-cache", "--output-format", "concise"], project,
                            env={"PYTHONPATH": str(site)})
    assert result.exit_code == 1, result.stderr
    lines = concise_lines(result.stdout)
    assert len(lines) == 40
    assert all(line.endswith("XP001 `print` call") for line in lines)


def test_broken_plugin_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    site = install_plugin(tmp_path / "site", "bad = myplug:Missing\n")
    monkeypatch.syspath_prepend(str(site))
    write_tree(tmp_path, {"a.mojo": "fn main():\n    pass\n"})
    result = check(tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "mojolint: error: plugin entry point 'bad' (myplug 0.1) failed to load: "
        "AttributeError: module 'myplug' has no attribute 'Missing'"
    )


def test_without_plugins_installed_the_entry_point_machinery_is_not_asked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import importlib.metadata

    def refuse(**_: object) -> None:
        raise AssertionError("entry_points() was asked although no plugin is installed")

    monkeypatch.setattr(importlib.metadata, "entry_points", refuse)
    builtin = importlib.import_module("mojolint.rules")  # installed from rules/
    assert set(load_registry().codes()) == {rule.code for rule in builtin.BUILTIN_RULES}


def test_a_plugin_in_a_zip_archive_on_the_path_is_found(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    site = install_plugin(tmp_path / "site")
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for file in site.rglob("*"):
            if file.is_file():
                bundle.write(file, file.relative_to(site).as_posix())
    monkeypatch.syspath_prepend(str(archive))
    assert "XP001" in load_registry().codes()


# --- pattern rules declared in config ------------------------------------------------------

PATTERN_FIELDS = {
    "code": '"PRJ001"',
    "name": '"prefer-logger"',
    "summary": '"Use the logger instead of print"',
    "query": """'((call function: (identifier) @fn arguments: (argument_list) @args) @match """
             """(#eq? @fn "print"))'""",
    "message": '"`{fn}{args}` should use the logger"',
    "fix": '"logger.info{args}"',
    "severity": '"error"',
    "fix-applicability": '"safe"',
}


def pattern_config(**changes: str) -> str:
    fields = {**PATTERN_FIELDS, **{k.replace("_", "-"): v for k, v in changes.items()}}
    body = "".join(f"{key} = {value}\n" for key, value in fields.items())
    return ('[tool.mojolint]\nextend-select = ["PRJ"]\n\n'
            f"[[tool.mojolint.pattern-rules]]\n{body}")


PATTERN_CONFIG = pattern_config()


def test_pattern_rule_reports_with_placeholders_and_fix(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pyproject.toml": PATTERN_CONFIG,
                          "a.mojo": 'fn main():\n    print("hi")\n    x = "print(1)"\n'})
    result = run_cli(["check", "--no-cache", "--output-format", "json"], tmp_path)
    assert result.exit_code == 1
    [item] = json.loads(result.stdout)
    assert item["code"] == "PRJ001"
    assert item["message"] == '`print("hi")` should use the logger'
    assert item["severity"] == "error"
    assert item["location"] == {"row": 2, "column": 5}
    assert item["fix"]["applicability"] == "safe"
    assert [e["content"] for e in item["fix"]["edits"]] == ['logger.info("hi")']


def test_pattern_rule_has_a_page_and_is_listed(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pyproject.toml": PATTERN_CONFIG})
    page = run_cli(["rule", "PRJ001"], tmp_path).stdout
    assert page.startswith("# prefer-logger (PRJ001)")
    assert "#eq? @fn" in page
    assert "pyproject.toml" in page
    listed = {r["code"]: r for r in json.loads(run_cli(["rules", "--json"], tmp_path).stdout)}
    assert listed["PRJ001"]["origin"] == "config"


@pytest.mark.parametrize("key,value,expected", [
    ("query", "'((call) @match'",
     "pyproject.toml: invalid tree-sitter query in 'query' of [tool.mojolint.pattern-rules][0]"),
    ("query", "'(no_such_node) @match'",
     "pyproject.toml: invalid tree-sitter query in 'query' of [tool.mojolint.pattern-rules][0]"),
    ("message", '"{nope}"',
     "pyproject.toml: unknown placeholder '{nope}' in 'message' of "
     "[tool.mojolint.pattern-rules][0]; allowed: {fn}, {args}, {match}"),
    ("code", '"MJ100"',
     "pyproject.toml: pattern rule code 'MJ100' is already used by an installed rule"),
    ("severity", '"fatal"',
     "pyproject.toml: invalid value 'fatal' for 'severity' in "
     "[tool.mojolint.pattern-rules][0]; allowed: error, warning, info"),
    ("name", '"Bad Name"', "pyproject.toml: invalid value 'Bad Name' for 'name'"),
    ("colour", '"red"', "pyproject.toml: unknown key 'colour' in [tool.mojolint.pattern-rules][0]"),
])
def test_bad_pattern_rules_are_config_errors(tmp_path: Path, key: str, value: str,
                                             expected: str) -> None:
    write_tree(tmp_path, {"pyproject.toml": pattern_config(**{key: value}), "a.mojo": "pass\n"})
    result = run_cli(["check", "--no-cache"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"mojolint: error: {expected}")
    assert len(result.stderr.strip().splitlines()) == 1
