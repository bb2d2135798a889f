"""Suppressions: line and file-level noqa, unused-noqa (MJ100) and its fix, --add-noqa."""

from __future__ import annotations

from pathlib import Path

from conftest import concise_lines, run_cli, write_tree

from mojolint.config import ConfigResolver
from mojolint.engine import lint_source
from mojolint.registry import get_registry

RULES = """
[[pattern-rules]]
code = "PRJ001"
name = "no-print"
query = '((call function: (identifier) @fn) @match (#eq? @fn "print"))'
message = "`{fn}` call"

[[pattern-rules]]
code = "PRJ002"
name = "no-debug"
query = '((call function: (identifier) @fn) @match (#eq? @fn "debug"))'
message = "`{fn}` call"
"""


def lint(tmp_path: Path, source: str, *args: str) -> list[str]:
    """``line:CODE message`` for each diagnostic of ``a.mojo`` holding ``source``."""
    write_tree(tmp_path, {"mojolint.toml": RULES, "a.mojo": source})
    result = run_cli(["check", "--no-cache", "--output-format", "concise", *args, "a.mojo"],
                     tmp_path)
    assert result.exit_code in (0, 1), result.stderr
    found = []
    for line in concise_lines(result.stdout):
        _path, row, _col, rest = line.split(":", 3)
        found.append(f"{row}:{rest.strip().replace('[*] ', '')}")
    return found


def test_noqa_with_a_code_suppresses_only_that_code(tmp_path: Path) -> None:
    source = "fn main():\n    print(1); debug(2)  # noqa: PRJ001\n"
    assert lint(tmp_path, source) == ["2:PRJ002 `debug` call"]


def test_noqa_with_several_codes(tmp_path: Path) -> None:
    source = "fn main():\n    print(1); debug(2)  # noqa: PRJ001, PRJ002\n    print(3)\n"
    assert lint(tmp_path, source) == ["3:PRJ001 `print` call"]


def test_bare_noqa_suppresses_everything_on_its_line_only(tmp_path: Path) -> None:
    source = "fn main():\n    print(1); debug(2)  # noqa\n    print(3)\n"
    assert lint(tmp_path, source) == ["3:PRJ001 `print` call"]


def test_keywords_are_case_insensitive_codes_are_not(tmp_path: Path) -> None:
    source = ("# MOJOLINT: NOQA: PRJ002\n"
              "fn main():\n"
              "    print(1)  # NOQA:PRJ001\n"
              "    print(2)  # noqa: prj001\n"
              "    print(3)  #noqa\n"
              "    debug(4)\n")
    assert lint(tmp_path, source) == []


def test_noqa_lookalikes_in_strings_suppress_nothing(tmp_path: Path) -> None:
    source = 'fn main():\n    print("# noqa")\n    print("""\n    # noqa: PRJ001\n    """)\n'
    assert lint(tmp_path, source) == ["2:PRJ001 `print` call", "3:PRJ001 `print` call"]


def test_file_level_noqa(tmp_path: Path) -> None:
    body = "fn main():\n    print(1)\n    debug(2)\n"
    assert lint(tmp_path, "# mojolint: noqa\n" + body) == []
    assert lint(tmp_path, "# mojolint: noqa: PRJ002\n" + body) == ["3:PRJ001 `print` call"]


def test_unused_noqa_reports_unused_unknown_and_non_enabled_codes(tmp_path: Path) -> None:
    source = ("fn main():\n"
              "    print(1)  # noqa: PRJ001, PRJ002\n"
              "    pass  # noqa\n"
              "    print(2)  # noqa: PRJ001, XX999\n"
              "    print(3)  # noqa: PRJ001, MJ002\n")
    assert lint(tmp_path, source, "--ignore", "MJ002") == [
        "2:MJ100 Unused `noqa` directive (unused: `PRJ002`)",
        "3:MJ100 Unused blanket `noqa` directive",
        "4:MJ100 Unused `noqa` directive (unknown: `XX999`)",
        "5:MJ100 Unused `noqa` directive (non-enabled: `MJ002`)",
    ]


def test_unused_file_level_noqa(tmp_path: Path) -> None:
    source = "# mojolint: noqa: PRJ002\nfn main():\n    print(1)\n"
    assert lint(tmp_path, source) == [
        "1:MJ100 Unused file-level `mojolint: noqa` directive (unused: `PRJ002`)",
        "3:PRJ001 `print` call",
    ]


def test_unused_noqa_can_be_silenced_and_ignored(tmp_path: Path) -> None:
    assert lint(tmp_path, "fn main():\n    pass  # noqa: MJ100, PRJ001\n") == []
    assert lint(tmp_path, "fn main():\n    pass  # noqa\n", "--ignore", "MJ100") == []


def apply_fixes(source: str, tmp_path: Path) -> str:
    """The source after applying every MJ100 fix (what the fix engine will write)."""
    write_tree(tmp_path, {"mojolint.toml": RULES})
    settings = ConfigResolver(get_registry()).settings_for_dir(tmp_path)
    data = source.encode()
    diagnostics = lint_source(data, tmp_path / "a.mojo", settings)
    edits = [e for d in diagnostics if d.code == "MJ100" and d.fix for e in d.fix.edits]
    for edit in sorted(edits, reverse=True):
        data = data[: edit.start] + edit.content.encode() + data[edit.end :]
    return data.decode()


def test_unused_noqa_fix_removes_codes_directives_and_lines(tmp_path: Path) -> None:
    source = ("fn main():\n"
              "    print(1)  # noqa: PRJ002, PRJ001, XX1\n"
              "    pass  # noqa\n"
              "    # noqa: PRJ001\n"
              "    pass  # keep me  # noqa: PRJ002\n"
              "    pass  # noqa: PRJ002 because of reasons\n")
    assert apply_fixes(source, tmp_path) == ("fn main():\n"
                                             "    print(1)  # noqa: PRJ001\n"
                                             "    pass\n"
                                             "    pass  # keep me\n"
                                             "    pass  # because of reasons\n")


def test_non_ascii_columns_are_counted_in_characters(tmp_path: Path) -> None:
    source = 'fn main():\n    x = "é🔥"; print(1)\n'
    write_tree(tmp_path, {"mojolint.toml": RULES, "a.mojo": source})
    result = run_cli(["check", "--no-cache", "--output-format", "concise"], tmp_path)
    assert concise_lines(result.stdout) == ["a.mojo:2:15: PRJ001 `print` call"]


def test_add_noqa_lets_a_legacy_codebase_fail_only_on_new_code(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "mojolint.toml": RULES,
        "a.mojo": "fn main():\n    print(1); debug(2)   \n    print(3); debug(3)  # noqa: PRJ001\n",
        "b.mojo": 'fn f():\n    x = """\n    text""" + print(1)\n',
        "clean.mojo": "fn g():\n    pass\n",
    })
    clean_before = (tmp_path / "clean.mojo").read_bytes()
    added = run_cli(["check", "--no-cache", "--add-noqa"], tmp_path)
    assert added.exit_code == 0
    assert added.stdout.strip() == "Added 3 noqa directives."
    assert (tmp_path / "a.mojo").read_text() == (
        "fn main():\n    print(1); debug(2)  # noqa: PRJ001, PRJ002\n"
        "    print(3); debug(3)  # noqa: PRJ001, PRJ002\n"
    )
    assert (tmp_path / "b.mojo").read_text().endswith('    text""" + print(1)  # noqa: PRJ001\n')
    assert (tmp_path / "clean.mojo").read_bytes() == clean_before
    assert run_cli(["check", "--no-cache"], tmp_path).exit_code == 0
    with (tmp_path / "clean.mojo").open("a") as handle:
        handle.write("    print(9)\n")
    after = run_cli(["check", "--no-cache", "--output-format", "concise"], tmp_path)
    assert after.exit_code == 1
    assert concise_lines(after.stdout) == ["clean.mojo:3:5: PRJ001 `print` call"]


def test_add_noqa_with_a_reason_writes_it_after_the_codes(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "mojolint.toml": RULES,
        "src/a.mojo": "fn main():\n    print(1)\n    print(2); debug(2)  # noqa: PRJ001\n",
    })
    # A bare --add-noqa before a path takes no reason: the path is still linted.
    added = run_cli(["check", "--no-cache", "--add-noqa=legacy, see #12", "src"], tmp_path)
    assert added.exit_code == 0, added.stderr
    assert (tmp_path / "src/a.mojo").read_text() == (
        "fn main():\n    print(1)  # noqa: PRJ001 legacy, see #12\n"
        "    print(2); debug(2)  # noqa: PRJ001, PRJ002\n")  # an existing one gains codes
    assert run_cli(["check", "--no-cache", "src"], tmp_path).exit_code == 0
    with (tmp_path / "src/a.mojo").open("a") as handle:
        handle.write("    print(3)\n")
    bare = run_cli(["check", "--no-cache", "--add-noqa", "src"], tmp_path)
    assert bare.stdout.strip() == "Added 1 noqa directive."
    assert (tmp_path / "src/a.mojo").read_text().endswith("    print(3)  # noqa: PRJ001\n")


def test_add_noqa_refuses_a_reason_of_two_lines(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mojolint.toml": RULES, "a.mojo": "fn main():\n    print(1)\n"})
    result = run_cli(["check", "--no-cache", "--add-noqa=one\ntwo"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip() == "mojolint: error: --add-noqa: the reason must be one line"
    assert (tmp_path / "a.mojo").read_text() == "fn main():\n    print(1)\n"
