"""IM001-IM003 on small projects and with options (what they flag in their fixtures and
what their fixes write there is in the fixtures' snapshots)."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO_ROOT, concise_lines, run_cli, write_tree

FIXTURES = REPO_ROOT / "fixtures"
FIXED = ("IM001", "IM002", "IM003")


def check(folder: Path, name: str, *args: str) -> list[str]:
    result = run_cli(["check", "--isolated", "--no-cache", "--output-format", "concise",
                      *args, name], folder)
    assert result.exit_code in (0, 1), result.stderr
    return concise_lines(result.stdout)


def fix(folder: Path, name: str, *args: str) -> str:
    result = run_cli(["check", "--isolated", "--no-cache", "--fix", *args, name], folder)
    assert result.exit_code in (0, 1), result.stderr
    return (folder / name).read_text(encoding="utf-8")


def test_unused_import_is_reported_with_its_qualified_name(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": "from std.math import sqrt, floor\n\n\n"
                                    "def f() -> Float64:\n    return floor(1.5)\n"})
    assert check(tmp_path, "a.mojo", "--select", "IM001") == [
        "a.mojo:1:22: IM001 [*] `std.math.sqrt` imported but unused"]
    assert fix(tmp_path, "a.mojo", "--select", "IM001").startswith(
        "from std.math import floor\n")


def test_names_a_package_reexports_from_a_module_are_not_unused(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "pkg/__init__.mojo": "from .layers import Dense\nfrom .shapes import *\n",
        "pkg/layers.mojo": "from .dense import Dense, Conv\n",
        "pkg/shapes.mojo": "from .dense import Dense\n\n\ndef f():\n    pass\n",
        "pkg/other.mojo": "from .dense import Dense\n\n\ndef f():\n    pass\n",
        "pkg/dense.mojo": "struct Dense:\n    pass\n\n\nstruct Conv:\n    pass\n",
    })
    # layers.mojo is made of imports only (a prelude), so nothing in it is reported either;
    # give it code to make the re-export the only reason.
    (tmp_path / "pkg/layers.mojo").write_text(
        "from .dense import Dense, Conv\n\n\ndef f():\n    pass\n", encoding="utf-8")
    assert check(tmp_path, "pkg", "--select", "IM001") == [
        "pkg/layers.mojo:1:27: IM001 [*] `.dense.Conv` imported but unused",
        "pkg/other.mojo:1:20: IM001 [*] `.dense.Dense` imported but unused",
    ]


def test_imports_of_a_package_init_and_of_a_prelude_are_exports(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "pkg/__init__.mojo": "from .dense import Dense\n",
        "pkg/prelude.mojo": '"""Import everything with `from pkg.prelude import *`."""\n'
                            "from .dense import Dense\nimport std.math as math\n",
        "pkg/dense.mojo": "struct Dense:\n    pass\n",
    })
    assert check(tmp_path, "pkg", "--select", "IM001") == []


def test_exported_option_keeps_a_name(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "mojolint.toml": '[rules.IM001]\nexported = ["sqrt", "std.math.floor"]\n',
        "a.mojo": "from std.math import sqrt, floor, ceil\n\n\ndef f():\n    pass\n",
    })
    result = run_cli(["check", "--no-cache", "--output-format", "concise", "--select",
                      "IM001", "a.mojo"], tmp_path)
    assert concise_lines(result.stdout) == [
        "a.mojo:1:35: IM001 [*] `std.math.ceil` imported but unused"]


def test_import_sharing_its_line_with_code_has_no_fix(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.mojo": "def f():\n    from std.math import sqrt; print(1)\n"})
    assert check(tmp_path, "a.mojo", "--select", "IM001") == [
        "a.mojo:2:26: IM001 `std.math.sqrt` imported but unused"]


def test_sorting_puts_project_packages_after_third_party_ones(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "mypkg/__init__.mojo": "",
        "app/main.mojo": "from mypkg import b\nfrom numojo import a\nfrom std.math import c\n",
    })
    assert fix(tmp_path / "app", "main.mojo", "--select", "IM002") == (
        "from std.math import c\n\nfrom numojo import a\n\nfrom mypkg import b\n")


def test_order_by_type_false_sorts_names_case_sensitively(tmp_path: Path) -> None:
    source = "from layout import row_major, UNKNOWN_VALUE, Coord, TileTensor\n"
    write_tree(tmp_path, {"a.mojo": source})
    assert fix(tmp_path, "a.mojo", "--select", "IM002") == (
        "from layout import UNKNOWN_VALUE, Coord, TileTensor, row_major\n")
    write_tree(tmp_path, {"a.mojo": source,
                          "mojolint.toml": "[rules.IM002]\norder-by-type = false\n"})
    result = run_cli(["check", "--no-cache", "--fix", "--select", "IM002", "a.mojo"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "a.mojo").read_text(encoding="utf-8") == (
        "from layout import Coord, TileTensor, UNKNOWN_VALUE, row_major\n")


def test_crlf_import_block_is_sorted_with_crlf(tmp_path: Path) -> None:
    (tmp_path / "a.mojo").write_bytes(b"import std.sys\r\nimport std.math\r\n")
    run_cli(["check", "--isolated", "--no-cache", "--fix", "--select", "IM002", "a.mojo"],
            tmp_path)
    assert (tmp_path / "a.mojo").read_bytes() == b"import std.math\r\nimport std.sys\r\n"
