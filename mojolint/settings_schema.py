"""Every configuration key: its type, default and documentation.

``mojolint config [KEY]`` prints this table, and a test checks that each key the config
reader accepts (:data:`mojolint.config.ALLOWED_KEYS`) has a row here, so the two cannot
drift apart. Defaults are taken from the code that applies them where one exists.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

from mojolint.options import describe_type, toml_value
from mojolint.settings import DEFAULT_EXCLUDE, DEFAULT_INCLUDE
from mojolint.tensor_api import TensorApi
from mojolint.versions import DEFAULT_TARGET_VERSION, TARGET_VERSIONS


@dataclass(frozen=True)
class SettingDoc:
    key: str
    type: str
    default: str  # as TOML
    doc: str
    example: str  # a TOML line (or table) in [tool.mojolint]


def _toml_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def _tensor_api_rows() -> tuple[SettingDoc, ...]:
    """One row per key of the shared ``[tensor-api]`` table, from TensorApi's fields."""
    from typing import get_type_hints

    hints = get_type_hints(TensorApi)
    defaults = TensorApi()
    rows = []
    for item in dataclasses.fields(TensorApi):
        key = item.name.replace("_", "-")
        value = toml_value(getattr(defaults, item.name))
        rows.append(SettingDoc(
            f"tensor-api.{key}", describe_type(hints[item.name]), value,
            str(item.metadata.get("doc", "")) + " Read by every rule that knows the tensor "
            f"API; `[tool.mojolint.rules.CODE] {key}` is its deprecated per-rule form.",
            f"[tool.mojolint.tensor-api]\n{key} = {value}"))
    return tuple(rows)


SELECTORS = "list of rule selectors (a code, a prefix of codes, or ALL)"
GLOBS = "list of gitignore-style patterns"

SETTINGS: tuple[SettingDoc, ...] = (
    SettingDoc("extend", "string (path)", "none",
               "A config file to build on, relative to this one. Its `rules` and "
               "`per-file-ignores` tables are merged with this file's; every other key of this "
               "file replaces the extended file's.",
               'extend = "../shared/mojolint.toml"'),
    SettingDoc("cache-dir", "string (path)", '".mojolint_cache" at the project root',
               "Where the cache goes, relative to this file. It must stay inside the project "
               "and not be (or lie under) a symbolic link; the `MOJOLINT_CACHE_DIR` "
               "environment variable, which may name any folder, wins over it. Entries are "
               "signed with a key in the user's cache folder, so committed ones never match.",
               'cache-dir = "build/mojolint-cache"'),
    SettingDoc("select", SELECTORS, "every rule that is on by default",
               "The rules to run. Replaces the default selection; the most specific selector "
               "wins over `ignore`.", 'select = ["MJ", "TS"]'),
    SettingDoc("extend-select", SELECTORS, "[]",
               "More rules to run, on top of `select`.", 'extend-select = ["UP001"]'),
    SettingDoc("ignore", SELECTORS, "[]",
               "Rules not to run. On a tie with `select`, `ignore` wins.", 'ignore = ["MJ100"]'),
    SettingDoc("per-file-ignores", "table of pattern -> list of rule selectors", "{}",
               "Rules not to run on the files a gitignore-style pattern (relative to the config "
               "file's folder) matches, or on the files under a folder it matches.",
               '[tool.mojolint.per-file-ignores]\n"tests/*.mojo" = ["TS"]'),
    SettingDoc("exclude", GLOBS, _toml_list(DEFAULT_EXCLUDE),
               "Files and folders a walk skips, relative to the config file's folder. Replaces "
               "the default list. A path named on the command line is linted anyway unless "
               "`--force-exclude` is given.", 'exclude = [".git", "build"]'),
    SettingDoc("extend-exclude", GLOBS, "[]",
               "More files and folders to skip, on top of `exclude`.",
               'extend-exclude = ["generated/", "*_pb.mojo"]'),
    SettingDoc("include", GLOBS, _toml_list(DEFAULT_INCLUDE),
               "Which files a walk lints, by pattern (relative to the config file's folder). "
               "Replaces the default list.", 'include = ["*.mojo", "*.🔥", "*.mojo.in"]'),
    SettingDoc("extend-include", GLOBS, "[]",
               "More file patterns to lint, on top of `include`.",
               'extend-include = ["*.mojo.in"]'),
    SettingDoc("respect-gitignore", "boolean", "true",
               "Skip the files and folders that `.gitignore`, `.ignore`, `.git/info/exclude` "
               "and git's global excludes file (`core.excludesFile`, else "
               "`~/.config/git/ignore`) ignore. `--no-respect-gitignore` turns it off for a run.",
               "respect-gitignore = false"),
    SettingDoc("force-exclude", "boolean", "false",
               "Apply `exclude`, `extend-exclude` and the ignore files to paths named on the "
               "command line too, as `--force-exclude` does. Set it when a tool names files "
               "one by one (pre-commit does), so excluded files stay excluded.",
               "force-exclude = true"),
    SettingDoc("target-version", "string", json.dumps(DEFAULT_TARGET_VERSION),
               "The Mojo release the code targets: " + ", ".join(TARGET_VERSIONS)
               + ". Upgrade rules and version-dependent checks follow it.",
               'target-version = "26.1"'),
    SettingDoc("fixable", SELECTORS, '["ALL"]',
               "Rules whose fixes `--fix` may apply.", 'fixable = ["UP"]'),
    SettingDoc("unfixable", SELECTORS, "[]",
               "Rules whose fixes `--fix` never applies.", 'unfixable = ["TS008"]'),
    SettingDoc("extend-safe-fixes", SELECTORS, "[]",
               "Rules whose unsafe fixes are applied as if they were safe.",
               'extend-safe-fixes = ["UP004"]'),
    SettingDoc("extend-unsafe-fixes", SELECTORS, "[]",
               "Rules whose safe fixes are applied only with `--unsafe-fixes`.",
               'extend-unsafe-fixes = ["UP001"]'),
    SettingDoc("rules", "table of rule code -> table of options", "{}",
               "Options of one rule, by code; `mojolint rule CODE` lists a rule's options.",
               "[tool.mojolint.rules.MJ100]\nexternal = [\"E501\"]"),
    SettingDoc("pattern-rules", "array of tables (code, name, query, message, summary, fix, "
               "severity, fix-applicability)", "[]",
               "Rules declared as tree-sitter queries; see README \"Rules declared in config\".",
               '[[tool.mojolint.pattern-rules]]\ncode = "PRJ001"\nname = "no-todo"\n'
               'query = "(comment) @c"\nmessage = "found {c}"'),
    SettingDoc("tensor-api", "table of tensor API keys (`mojolint config tensor-api.KEY`)",
               "{} (ProjectOdyssey's ExTensor/AnyTensor)",
               "The tensor API that every rule knowing tensors reads (TS001-TS005): the "
               "tensor types, the constructors and casts that give a dtype, the typed "
               "accessors, the buffer field and pointer methods. One table for all rules; "
               "the same keys under a rule's `[rules.CODE]` table are deprecated: they are "
               "still read, below this table (which wins), with one warning line per file "
               "and key.",
               '[tool.mojolint.tensor-api]\ntensor-types = ["NDArray"]\n'
               'constructors = { "zeros" = 1, "NDArray" = 1 }'),
    *_tensor_api_rows(),
)


def setting(key: str) -> SettingDoc | None:
    return next((s for s in SETTINGS if s.key == key), None)
