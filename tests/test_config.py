"""Configuration files: discovery, precedence, extend, validation errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import concise_lines, run_cli, write_tree

BROKEN = "fn main(:\n    pass\n"  # MJ002
STALE_NOQA = "fn main():\n    print(1)  # noqa\n"  # MJ100


def codes(tmp_path: Path, *args: str) -> list[str]:
    result = run_cli(["check", "--no-cache", "--output-format", "concise", *args], tmp_path)
    assert result.exit_code in (0, 1), result.stderr
    return [f"{line.split(':')[0]}:{line.split()[1]}" for line in concise_lines(result.stdout)]


def error_of(tmp_path: Path, *args: str) -> str:
    result = run_cli(["check", "--no-cache", *args], tmp_path)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    return result.stderr.strip()


@pytest.mark.parametrize("name,text", [
    ("pyproject.toml", '[tool.mojolint]\nignore = ["MJ002"]\n'),
    ("mojolint.toml", 'ignore = ["MJ002"]\n'),
    (".mojolint.toml", 'ignore = ["MJ002"]\n'),
])
def test_each_config_file_kind_is_read(tmp_path: Path, name: str, text: str) -> None:
    write_tree(tmp_path, {name: text, "a.mojo": BROKEN, "b.mojo": STALE_NOQA})
    assert codes(tmp_path) == ["b.mojo:MJ100"]


def test_in_one_folder_dot_mojolint_beats_mojolint_beats_pyproject(tmp_path: Path) -> None:
    write_tree(tmp_path, {".mojolint.toml": 'ignore = ["MJ002"]\n',
                          "mojolint.toml": 'ignore = ["MJ100"]\n',
                          "pyproject.toml": '[tool.mojolint]\nselect = []\n',
                          "a.mojo": BROKEN, "b.mojo": STALE_NOQA})
    assert codes(tmp_path) == ["b.mojo:MJ100"]
    (tmp_path / ".mojolint.toml").unlink()
    assert codes(tmp_path) == ["a.mojo:MJ002"]
    (tmp_path / "mojolint.toml").unlink()
    assert codes(tmp_path) == []


def test_pyproject_without_a_mojolint_table_is_skipped(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": 'ignore = ["MJ002"]\n',
                          "sub/pyproject.toml": "[project]\nname = 'x'\n",
                          "sub/a.mojo": BROKEN})
    assert codes(tmp_path) == []


def test_nearest_config_file_wins_per_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "mojolint.toml": 'ignore = ["MJ002"]\n',
        "top.mojo": BROKEN,
        "strict/mojolint.toml": 'select = ["ALL"]\n',
        "strict/inner.mojo": BROKEN,
    })
    assert codes(tmp_path) == ["strict/inner.mojo:MJ002"]


def test_extend_merges_a_base_file_and_the_extending_file_wins(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "base/shared.toml": 'ignore = ["MJ002"]\nextend-exclude = ["gen"]\n',
        "proj/pyproject.toml": '[tool.mojolint]\nextend = "../base/shared.toml"\n',
        "proj/a.mojo": BROKEN,
        "proj/gen/g.mojo": STALE_NOQA,
        "proj/b.mojo": STALE_NOQA,
    })
    assert codes(tmp_path / "proj") == ["b.mojo:MJ100"]
    (tmp_path / "proj" / "pyproject.toml").write_text(
        '[tool.mojolint]\nextend = "../base/shared.toml"\nignore = ["MJ100"]\n')
    assert codes(tmp_path / "proj") == ["a.mojo:MJ002"]


def test_extend_cycle_is_an_error(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": 'extend = "other.toml"\n',
                          "other.toml": 'extend = "mojolint.toml"\n', "a.mojo": BROKEN})
    assert "'extend' forms a cycle" in error_of(tmp_path)


def test_per_file_ignores(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "mojolint.toml": '[per-file-ignores]\n"legacy/*.mojo" = ["MJ002"]\n"t_*.mojo" = ["MJ1"]\n',
        "legacy/old.mojo": BROKEN,
        "new.mojo": BROKEN,
        "tests/t_x.mojo": STALE_NOQA,
    })
    assert codes(tmp_path) == ["new.mojo:MJ002"]


def test_config_flag_forces_one_file_for_everything(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": 'ignore = ["MJ002"]\n',
                          "ci.toml": 'ignore = ["MJ100"]\n',
                          "a.mojo": BROKEN, "b.mojo": STALE_NOQA})
    assert codes(tmp_path) == ["b.mojo:MJ100"]
    assert codes(tmp_path, "--config", "ci.toml") == ["a.mojo:MJ002"]


def test_missing_config_flag_file_is_an_error(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": BROKEN})
    assert error_of(tmp_path, "--config", "nope.toml") == "mojolint: error: nope.toml: No such file"


def test_isolated_ignores_config_files(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": 'ignore = ["MJ002"]\n', "a.mojo": BROKEN})
    assert codes(tmp_path) == []
    assert codes(tmp_path, "--isolated") == ["a.mojo:MJ002"]


def test_command_line_select_beats_config(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": 'select = ["MJ100"]\n', "a.mojo": BROKEN,
                          "b.mojo": STALE_NOQA})
    assert codes(tmp_path) == ["b.mojo:MJ100"]
    assert codes(tmp_path, "--select", "MJ002") == ["a.mojo:MJ002"]


def test_unknown_key_names_file_key_and_allowed_keys(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pyproject.toml": '[tool.mojolint]\nselct = ["MJ"]\n', "a.mojo": BROKEN})
    message = error_of(tmp_path)
    assert message.startswith(
        "mojolint: error: pyproject.toml: unknown key 'selct' in [tool.mojolint]; allowed: "
        "extend, select, extend-select, ignore,"
    )


@pytest.mark.parametrize("text,expected", [
    ('target-version = "9.9"\n',
     "mojolint.toml: invalid value '9.9' for 'target-version'; allowed: 24.6, 25.1"),
    ('select = "MJ"\n', "mojolint.toml: invalid value for 'select': expected a list of strings"),
    ('ignore = ["XYZ"]\n', "mojolint.toml: unknown rule selector 'XYZ' in 'ignore'"),
    ('extend = 3\n', "mojolint.toml: invalid value for 'extend': expected a path string"),
    ('[rules.MJ100]\nexternal = "E501"\n',
     "mojolint.toml: invalid value 'E501' for 'external'; expected a list of (a string) "
     "in [rules.MJ100]"),
    ('[rules.MJ100]\nextrnal = []\n',
     "mojolint.toml: unknown key 'extrnal'; allowed: external in [rules.MJ100]"),
    ('[rules.MJ002]\nstrict = true\n', "mojolint.toml: [rules.MJ002]: rule MJ002 has no options"),
    ('[rules.ZZ001]\n', "mojolint.toml: unknown rule code 'ZZ001' in [rules.ZZ001]"),
    ('select = [\n', "mojolint.toml: invalid TOML"),
])
def test_bad_values_are_one_line_errors(tmp_path: Path, text: str, expected: str) -> None:
    write_tree(tmp_path, {"mojolint.toml": text, "a.mojo": BROKEN})
    assert error_of(tmp_path).startswith(f"mojolint: error: {expected}")


def test_fixable_and_unfixable_take_selectors(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": 'fixable = ["ALL"]\nunfixable = ["MJ1"]\n',
                          "a.mojo": STALE_NOQA})
    assert codes(tmp_path) == ["a.mojo:MJ100"]
    (tmp_path / "mojolint.toml").write_text('unfixable = ["QQ"]\n')
    assert error_of(tmp_path).startswith(
        "mojolint: error: mojolint.toml: unknown rule selector 'QQ' in 'unfixable'")


def test_config_error_in_a_nested_config_names_that_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": "", "sub/mojolint.toml": "bogus = 1\n",
                          "sub/a.mojo": BROKEN})
    assert error_of(tmp_path).startswith("mojolint: error: sub/mojolint.toml: unknown key 'bogus'")


def test_rule_options_reach_the_rule(tmp_path: Path) -> None:
    source = "fn main():\n    print(1)  # noqa: E501\n"
    write_tree(tmp_path, {"a.mojo": source})
    assert codes(tmp_path) == ["a.mojo:MJ100"]
    (tmp_path / "mojolint.toml").write_text('[rules.MJ100]\nexternal = ["E501"]\n')
    assert codes(tmp_path) == []


def test_target_version_in_config_is_accepted(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pyproject.toml": '[tool.mojolint]\ntarget-version = "25.7"\n',
                          "a.mojo": "fn main():\n    pass\n"})
    assert run_cli(["check", "--no-cache"], tmp_path).exit_code == 0
