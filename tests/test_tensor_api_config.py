"""The shared ``[tool.mojolint.tensor-api]`` table, and the deprecated per-rule copies of
its keys (still read, with one warning line naming the file, the old key and the new one)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli, write_tree

# A tensor library of our own: `Grid` made by `grid(shape, dtype)`, read with `_get_float64`.
SOURCE = """\
fn main():
    var g = grid(4, DType.float32)
    print(g._get_float64(0))
"""


def _codes(tmp_path: Path, config: str, *args: str) -> tuple[list[str], str]:
    write_tree(tmp_path, {"mojolint.toml": config, "a.mojo": SOURCE})
    result = run_cli(["check", "--no-cache", "--select", "TS001", "--output-format", "json",
                      *args, "a.mojo"], tmp_path)
    assert result.exit_code in (0, 1), result.stderr
    found = [item["code"] for item in json.loads(result.stdout)]
    return found, result.stderr


def test_without_the_table_the_default_api_does_not_know_the_library(tmp_path: Path) -> None:
    found, stderr = _codes(tmp_path, "")
    assert found == []
    assert "deprecated" not in stderr


def test_the_shared_table_is_read_by_the_rules(tmp_path: Path) -> None:
    found, stderr = _codes(tmp_path, '[tensor-api]\ntensor-types = ["Grid"]\n'
                                     'constructors = { "grid" = 1 }\n')
    assert found == ["TS001"]
    assert "deprecated" not in stderr


def test_old_per_rule_keys_still_apply_with_one_deprecation_line(tmp_path: Path) -> None:
    found, stderr = _codes(tmp_path, '[rules.TS001]\ntensor-types = ["Grid"]\n'
                                     'constructors = { "grid" = 1 }\n')
    assert found == ["TS001"]
    lines = [line for line in stderr.splitlines() if "deprecated" in line]
    assert lines == [
        "mojolint: warning: mojolint.toml: `[rules.TS001] tensor-types` is deprecated in "
        "favour of its counterpart in the shared tensor API table: `[tensor-api] tensor-types`.",
        "mojolint: warning: mojolint.toml: `[rules.TS001] constructors` is deprecated in "
        "favour of its counterpart in the shared tensor API table: `[tensor-api] constructors`.",
    ]


def test_pyproject_names_the_full_tables(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pyproject.toml": '[tool.mojolint.rules.TS002]\n'
                                            'data-field = "_buf"\n', "a.mojo": SOURCE})
    result = run_cli(["check", "--no-cache", "a.mojo"], tmp_path)
    assert ("`[tool.mojolint.rules.TS002] data-field` is deprecated in favour of its "
            "counterpart in the shared tensor API table: `[tool.mojolint.tensor-api] "
            "data-field`") in result.stderr
    assert "pyproject.toml" in result.stderr


def test_when_both_are_given_the_shared_table_wins_and_the_warning_says_so(
        tmp_path: Path) -> None:
    # The old key points the rule at the library, the shared table points it elsewhere:
    # the shared table wins, so nothing is found.
    found, stderr = _codes(tmp_path, '[tensor-api]\nconstructors = { "other" = 1 }\n'
                                     '[rules.TS001]\nconstructors = { "grid" = 1 }\n')
    assert found == []
    assert ("`[rules.TS001] constructors` is deprecated in favour of its counterpart in the "
            "shared tensor API table: `[tensor-api] constructors` (both are given; "
            "`[tensor-api] constructors` wins).") in stderr


def test_the_shared_table_applies_to_every_tensor_rule(tmp_path: Path) -> None:
    # TS005 counts allocations by the same table's constructors.
    body = "fn main():\n" + "".join(f"    var g{i} = grid(4, DType.float32)\n"
                                    for i in range(3))
    config = '[tensor-api]\nconstructors = { "grid" = 1 }\n[rules.TS005]\nmax-allocations = 2\n'
    write_tree(tmp_path, {"mojolint.toml": config, "a.mojo": body})
    result = run_cli(["check", "--no-cache", "--select", "TS005", "a.mojo"], tmp_path)
    assert "TS005" in result.stdout


def test_a_bad_value_or_key_is_one_line_naming_file_and_table(tmp_path: Path) -> None:
    for config, expected in (
        ('[tensor-api]\ntensor-types = "Grid"\n',
         "mojolint.toml: invalid value 'Grid' for 'tensor-types'; expected a list of "
         "(a string) in [tensor-api]"),
        ('[tensor-api]\ntensor-kinds = ["Grid"]\n',
         "mojolint.toml: unknown key 'tensor-kinds'"),
        ('[rules.TS002]\ndata-field = 3\n',
         "mojolint.toml: invalid value 3 for 'data-field'; expected a string in [rules.TS002]"),
        ('[rules.TS006]\ndata-field = "_buf"\n',
         "mojolint.toml: unknown key 'data-field'"),  # TS006 does not read the tensor API
    ):
        write_tree(tmp_path, {"mojolint.toml": config, "a.mojo": SOURCE})
        result = run_cli(["check", "--no-cache", "a.mojo"], tmp_path)
        assert result.exit_code == 2, config
        assert expected in result.stderr, (config, result.stderr)
        assert "Traceback" not in result.stderr


def test_config_override_on_the_command_line_merges_into_the_table(tmp_path: Path) -> None:
    found, _ = _codes(tmp_path, '[tensor-api]\ntensor-types = ["Grid"]\n',
                      "--config", 'tensor-api.constructors = { "grid" = 1 }')
    assert found == ["TS001"]


def test_extend_merges_the_table_key_by_key(tmp_path: Path) -> None:
    write_tree(tmp_path, {"base.toml": '[tensor-api]\nconstructors = { "grid" = 1 }\n'})
    found, _ = _codes(tmp_path, 'extend = "base.toml"\n[tensor-api]\ntensor-types = ["Grid"]\n')
    assert found == ["TS001"]


def test_show_settings_prints_the_table(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": '[tensor-api]\ndata-field = "_buf"\n',
                          "a.mojo": SOURCE})
    result = run_cli(["check", "--no-cache", "--show-settings", "a.mojo"], tmp_path)
    assert 'tensor-api = {data-field = "_buf"}' in result.stdout
