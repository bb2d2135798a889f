"""UP010 (implicit standard-library imports) beyond its fixtures' snapshots: what its fix
must never write, and local modules that share a standard-library name."""

from __future__ import annotations

from pathlib import Path

from conftest import fix_snippet, lint_snippet


def test_up010_never_writes_import_std_x_which_binds_nothing(tmp_path: Path) -> None:
    # The compiler's own fix-it turns `import math` into `import std.math`, after which
    # `math.sqrt` is an unknown declaration; the rule keeps the name bound.
    source = "import math\nimport os.path\nimport math as m, sys\n"
    assert fix_snippet(tmp_path, source, select="UP010", target_version="26.2") == (
        "from std import math\nfrom std.os import path\nimport math as m, sys\n")
    lines = lint_snippet(tmp_path, source, select="UP010", target_version="26.2")
    assert [line.split()[0] for line in lines] == [
        "a.mojo:1:8:", "a.mojo:2:8:", "a.mojo:3:8:", "a.mojo:3:19:"]
    assert ["[*]" in line for line in lines] == [True, True, False, False]  # mixed: no fix


def test_up010_fix_is_unsafe_when_a_local_module_has_the_stdlib_name(tmp_path: Path) -> None:
    files = {"a.mojo": "from utils import helper\nfrom math import sqrt\n",
             "utils/__init__.mojo": ""}
    assert fix_snippet(tmp_path, files, select="UP010", target_version="1.0") == (
        "from utils import helper\nfrom std.math import sqrt\n")
    assert fix_snippet(tmp_path, files, select="UP010", target_version="1.0", unsafe=True) == (
        "from std.utils import helper\nfrom std.math import sqrt\n")
