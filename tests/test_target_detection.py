"""Without a configured target-version, each file targets the release its project pins."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Run, concise_lines, run_cli, write_tree

from mojolint.config import ConfigResolver
from mojolint.project_version import lowest_allowed
from mojolint.registry import get_registry
from mojolint.settings import Overrides

# `fn` is flagged by UP008 from target 26.2 on, `alias` by UP005 from 25.7 on.
SOURCE = "alias N = 4\n\nfn twice(x: Int) -> Int:\n    return x * N\n"

# A pixi/magic lock names each locked package by its conda file (the shape of both lock
# formats); written for these tests.
LOCK_V6 = """version: 6
environments:
  default:
    packages:
      linux-64:
      - conda: https://conda.example.com/max/linux-64/mojo-compiler-{v}-release.conda
      - conda: https://conda.example.com/max/noarch/mojo-{v}-release.conda
      - conda: https://conda.example.com/conda-forge/linux-64/maxminddb-2.6.2-py312h0.conda
packages:
- conda: https://conda.example.com/max/noarch/mojo-{v}-release.conda
  sha256: 00
"""
LOCK_V5 = """version: 5
environments:
  default:
    packages:
      linux-64:
      - conda: https://conda.example.com/max/noarch/max-{v}-release.conda
packages:
- kind: conda
  name: max
  version: {v}
  url: https://conda.example.com/max/noarch/max-{v}-release.conda
"""


def codes(run: Run) -> list[str]:
    return sorted({line.split()[1] for line in concise_lines(run.stdout)})


def check(tmp_path: Path, *args: str) -> Run:
    return run_cli(["check", "--no-cache", "--output-format", "concise", "--select", "UP005,UP008",
                    *args], tmp_path)


def resolved(path: Path) -> tuple[str, str]:
    settings = ConfigResolver(get_registry()).settings_for_file(path)
    return settings.target_version, settings.target_version_source


@pytest.mark.parametrize(("files", "target", "source"), [
    ({"pixi.toml": '[dependencies]\nmojo = "==0.25.7"\n'}, "25.7",
     'pixi.toml: [dependencies] mojo = "==0.25.7"'),
    ({"mojoproject.toml": '[dependencies]\nmax = ">=25.4,<26"\n'}, "25.4",
     'mojoproject.toml: [dependencies] max = ">=25.4,<26"'),
    ({"pixi.lock": LOCK_V6.format(v="0.26.2.0")}, "26.2", "pixi.lock: locks 0.26.2.0"),
    ({"magic.lock": LOCK_V5.format(v="25.1.0")}, "25.1", "magic.lock: locks 25.1.0"),
])
def test_each_project_file_kind_sets_the_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                files: dict[str, str], target: str,
                                                source: str) -> None:
    write_tree(tmp_path, {**files, "src/a.mojo": SOURCE})
    monkeypatch.chdir(tmp_path)
    assert resolved(tmp_path / "src" / "a.mojo") == (target, source)


@pytest.mark.parametrize(("spec", "target"), [
    (">=25.4,<26", "25.4"), ("25.6.*", "25.6"), ("~=1.1", "1.1"), (">0.26.1,<1", "26.1"),
    (">=0.26.1.0.dev2025122805,<0.27", "26.1"), ("==1.2.0|>=25.5", "25.5"),
    ('{ version = ">=1.0", channel = "max" }', "1.0"),
])
def test_a_spec_gives_the_lowest_release_it_allows(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   spec: str, target: str) -> None:
    value = spec if spec.startswith("{") else f'"{spec}"'
    write_tree(tmp_path, {"pixi.toml": f"[dependencies]\nmodular = {value}\n", "a.mojo": SOURCE})
    monkeypatch.chdir(tmp_path)
    assert resolved(tmp_path / "a.mojo")[0] == target


def test_a_range_spec_gates_the_rules(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pixi.toml": '[dependencies]\nmojo = ">=25.7,<26.2"\n', "a.mojo": SOURCE})
    # 25.7 allows UP005 (from 25.7) but not UP008 (from 26.2): the newest release the range
    # allows would rewrite `fn`, which 25.7 still needs.
    assert codes(check(tmp_path)) == ["UP005"]
    write_tree(tmp_path, {"pixi.toml": '[dependencies]\nmojo = ">=25.4,<26"\n'})
    assert codes(check(tmp_path)) == []


def test_two_pins_in_two_folders(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "old/pixi.toml": '[dependencies]\nmax = "25.4.*"\n', "old/src/a.mojo": SOURCE,
        "new/pixi.toml": '[dependencies]\nmojo = "==1.2.0"\n', "new/src/a.mojo": SOURCE,
    })
    lines = concise_lines(check(tmp_path).stdout)
    assert {line.split(":")[0] for line in lines} == {"new/src/a.mojo"}
    assert codes(check(tmp_path)) == ["UP005", "UP008"]


def test_an_explicit_target_always_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"pixi.toml": '[dependencies]\nmojo = "==1.2"\n', "a.mojo": SOURCE})
    assert codes(check(tmp_path, "--target-version", "25.4")) == []
    write_tree(tmp_path, {"mojolint.toml": 'target-version = "25.4"\n'})
    assert codes(check(tmp_path)) == []
    monkeypatch.chdir(tmp_path)
    assert resolved(tmp_path / "a.mojo") == ("25.4", "mojolint.toml")
    settings = ConfigResolver(get_registry(), overrides=Overrides(target_version="1.0")) \
        .settings_for_file(tmp_path / "a.mojo")
    assert (settings.target_version, settings.target_version_source) == ("1.0", "--target-version")


def test_the_manifest_beats_its_lock_and_an_unbounded_spec_defers_to_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"pixi.toml": '[dependencies]\nmojo = ">=25.5"\n',
                          "pixi.lock": LOCK_V6.format(v="1.1.0"), "a.mojo": SOURCE})
    monkeypatch.chdir(tmp_path)
    assert resolved(tmp_path / "a.mojo")[0] == "25.5"
    write_tree(tmp_path, {"pixi.toml": '[dependencies]\nmojo = "*"\npython = ">=3.12"\n'})
    assert resolved(tmp_path / "a.mojo") == ("1.1", "pixi.lock: locks 1.1.0")


def test_feature_and_package_tables_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {
        "pixi.toml": '[feature.gpu.target.linux-64.dependencies]\nmax = ">=26.1"\n'
                     '[package.run-dependencies]\nmodular = ">=25.7.0,<26"\n',
        "a.mojo": SOURCE})
    monkeypatch.chdir(tmp_path)
    assert resolved(tmp_path / "a.mojo") == (
        "25.7", 'pixi.toml: [package.run-dependencies] modular = ">=25.7.0,<26"')


def test_no_pin_keeps_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"pixi.toml": '[dependencies]\nmojo = "<1.0.0"\n', "a.mojo": SOURCE})
    monkeypatch.chdir(tmp_path)
    assert resolved(tmp_path / "a.mojo") == ("26.1", "default")


def test_a_release_older_than_every_target_is_the_oldest_target(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"mojoproject.toml": '[dependencies]\nmax = "~=24.4"\n', "a.mojo": SOURCE})
    monkeypatch.chdir(tmp_path)
    assert resolved(tmp_path / "a.mojo") == (
        "24.6", 'mojoproject.toml: [dependencies] max = "~=24.4" (older than 24.6, the oldest '
        "target)")


def test_a_broken_pixi_toml_is_one_line_and_exit_2(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pixi.toml": "[dependencies\nmojo = 1\n", "src/a.mojo": SOURCE})
    result = check(tmp_path)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("mojolint: error: pixi.toml: invalid TOML: ")
    assert "Traceback" not in result.stderr
    # An explicit target does not need the project's files, so the run goes ahead.
    assert check(tmp_path, "--target-version", "1.2").exit_code == 1


def test_lowest_allowed() -> None:
    assert lowest_allowed("*") is None
    assert lowest_allowed("<1.0.0") is None
    assert lowest_allowed(">=25.4, <26") == (25, 4)
    assert lowest_allowed("!=25.5,>=25.4,>=25.6") == (25, 6)
    assert lowest_allowed("1.2.0") == (1, 2, 0)


def test_show_settings_says_where_the_target_came_from(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pixi.toml": '[dependencies]\nmojo = ">=25.4,<26"\n', "a.mojo": SOURCE})
    shown = run_cli(["check", "--show-settings", "a.mojo"], tmp_path).stdout.splitlines()
    assert 'target-version = "25.4"' in shown
    source = [line for line in shown if line.startswith("target-version-source = ")]
    assert len(source) == 1
    assert "pixi.toml: [dependencies] mojo = " in source[0] and ">=25.4,<26" in source[0]
