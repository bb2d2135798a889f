"""IM001-IM003 on small projects and with options (what they flag in their fixtures and
what their fixes write there is in the fixtures' snapshots)."""

from __future__ import annotations

from pathlib import Path

from conftest import fix_snippet, lint_snippet


def test_unused_import_is_reported_with_its_qualified_name(tmp_path: Path) -> None:
    source = "from std.math import sqrt, floor\n\n\ndef f() -> Float64:\n    return floor(1.5)\n"
    assert lint_snippet(tmp_path, source, select="IM001") == [
        "a.mojo:1:22: IM001 [*] `std.math.sqrt` imported but unused"]
    assert fix_snippet(tmp_path, source, select="IM001").startswith(
        "from std.math import floor\n")


def test_names_a_package_reexports_from_a_module_are_not_unused(tmp_path: Path) -> None:
    # layers.mojo made of imports only would be a prelude, where nothing is reported
    # either; it has code, so the re-export is the only reason.
    assert lint_snippet(tmp_path, {
        "pkg/__init__.mojo": "from .layers import Dense\nfrom .shapes import *\n",
        "pkg/layers.mojo": "from .dense import Dense, Conv\n\n\ndef f():\n    pass\n",
        "pkg/shapes.mojo": "from .dense import Dense\n\n\ndef f():\n    pass\n",
        "pkg/other.mojo": "from .dense import Dense\n\n\ndef f():\n    pass\n",
        "pkg/dense.mojo": "struct Dense:\n    pass\n\n\nstruct Conv:\n    pass\n",
    }, select="IM001") == [
        "pkg/layers.mojo:1:27: IM001 [*] `.dense.Conv` imported but unused",
        "pkg/other.mojo:1:20: IM001 [*] `.dense.Dense` imported but unused",
    ]


def test_imports_of_a_package_init_and_of_a_prelude_are_exports(tmp_path: Path) -> None:
    assert lint_snippet(tmp_path, {
        "pkg/__init__.mojo": "from .dense import Dense\n",
        "pkg/prelude.mojo": '"""Import everything with `from pkg.prelude import *`."""\n'
                            "from .dense import Dense\nimport std.math as math\n",
        "pkg/dense.mojo": "struct Dense:\n    pass\n",
    }, select="IM001") == []


def test_exported_option_keeps_a_name(tmp_path: Path) -> None:
    source = "from std.math import sqrt, floor, ceil\n\n\ndef f():\n    pass\n"
    config = '[rules.IM001]\nexported = ["sqrt", "std.math.floor"]\n'
    assert lint_snippet(tmp_path, source, select="IM001", config=config) == [
        "a.mojo:1:35: IM001 [*] `std.math.ceil` imported but unused"]


def test_import_sharing_its_line_with_code_has_no_fix(tmp_path: Path) -> None:
    source = "def f():\n    from std.math import sqrt; print(1)\n"
    assert lint_snippet(tmp_path, source, select="IM001") == [
        "a.mojo:2:26: IM001 `std.math.sqrt` imported but unused"]


def test_sorting_puts_project_packages_after_third_party_ones(tmp_path: Path) -> None:
    files = {"mypkg/__init__.mojo": "",
             "app/main.mojo": "from mypkg import b\nfrom numojo import a\nfrom std.math import c\n"}
    assert fix_snippet(tmp_path, files, select="IM002", path="app/main.mojo") == (
        "from std.math import c\n\nfrom numojo import a\n\nfrom mypkg import b\n")


def test_order_by_type_false_sorts_names_case_sensitively(tmp_path: Path) -> None:
    source = "from layout import row_major, UNKNOWN_VALUE, Coord, TileTensor\n"
    assert fix_snippet(tmp_path, source, select="IM002") == (
        "from layout import UNKNOWN_VALUE, Coord, TileTensor, row_major\n")
    assert fix_snippet(tmp_path, source, select="IM002",
                       config="[rules.IM002]\norder-by-type = false\n") == (
        "from layout import Coord, TileTensor, UNKNOWN_VALUE, row_major\n")


def test_crlf_import_block_is_sorted_with_crlf(tmp_path: Path) -> None:
    assert fix_snippet(tmp_path, {"a.mojo": b"import std.sys\r\nimport std.math\r\n"},
                       select="IM002") == "import std.math\r\nimport std.sys\r\n"
