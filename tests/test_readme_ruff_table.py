"""README's "Coming from ruff" table: every ruff `check` option and setting has a row, and
every mojolint option the table names exists.

The ruff side is ruff 0.17.6's own lists (`ruff check --help`, `ruff config`, `ruff config
lint`), recorded here; to refresh them for a newer ruff, run those three commands and
update the tuples. Per-plugin rule-option tables (`lint.flake8-*`, `lint.isort`, ...) are
covered by the table's "rule options" row.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_cli

README = Path(__file__).resolve().parent.parent / "README.md"

RUFF_CHECK_OPTIONS = (
    "--add-ignore", "--add-noqa", "--cache-dir", "--color", "--config", "--diff", "--exclude",
    "--exit-non-zero-on-fix", "--exit-zero", "--extend-exclude", "--extend-fixable",
    "--extend-per-file-ignores", "--extend-select", "--extension", "--fix", "--fix-only",
    "--fixable", "--force-exclude", "--help", "--ignore", "--ignore-noqa", "--isolated",
    "--no-cache", "--output-file", "--output-format", "--per-file-ignores", "--preview",
    "--quiet", "--respect-gitignore", "--select", "--show-files", "--show-fixes",
    "--show-settings", "--silent", "--statistics", "--stdin-filename", "--target-version",
    "--unfixable", "--unsafe-fixes", "--verbose", "--watch",
)
RUFF_SETTINGS = (
    "cache-dir", "extend", "output-format", "output-prefer-rule-codes", "fix", "unsafe-fixes",
    "fix-only", "show-fixes", "required-version", "preview", "exclude", "extend-exclude",
    "extend-include", "force-exclude", "include", "respect-gitignore", "extension", "builtins",
    "namespace-packages", "target-version", "per-file-target-version", "src", "line-length",
    "indent-width",
)
RUFF_LINT_SETTINGS = (
    "allowed-confusables", "dummy-variable-rgx", "extend-ignore", "extend-select",
    "extend-fixable", "external", "fixable", "ignore", "extend-safe-fixes",
    "extend-unsafe-fixes", "ignore-init-module-imports", "logger-objects", "select",
    "explicit-preview-rules", "task-tags", "typing-modules", "unfixable", "per-file-ignores",
    "extend-per-file-ignores", "exclude", "preview", "typing-extensions", "future-annotations",
)


def _table() -> list[tuple[str, str]]:
    """(ruff column, mojolint column) of each row of the table."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Coming from ruff", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) == 3 and cells[0] not in ("ruff", "---"):
            rows.append((cells[0], cells[1]))
    return rows


def _ruff_column() -> str:
    return "\n".join(ruff for ruff, _ in _table())


@pytest.mark.parametrize("option", RUFF_CHECK_OPTIONS)
def test_every_ruff_check_option_has_a_row(option: str) -> None:
    assert re.search(rf"`(-\w, )?{re.escape(option)}\b", _ruff_column()), option


@pytest.mark.parametrize("setting", RUFF_SETTINGS)
def test_every_ruff_setting_has_a_row(setting: str) -> None:
    assert re.search(rf"`{re.escape(setting)}`", _ruff_column()), setting


@pytest.mark.parametrize("setting", RUFF_LINT_SETTINGS)
def test_every_ruff_lint_setting_has_a_row(setting: str) -> None:
    assert re.search(rf"`(lint\.)?{re.escape(setting)}`", _ruff_column()), setting


def test_every_mojolint_option_the_table_names_exists(tmp_path: Path) -> None:
    named = {option for _, ours in _table() for option in re.findall(r"--[a-z][a-z-]*", ours)}
    assert named  # the table does name options
    help_text = run_cli(["check", "--help"], tmp_path).stdout
    missing = sorted(option for option in named if option not in help_text)
    assert missing == []
