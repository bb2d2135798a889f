"""The modules mypyc compiles keep to what compiles the same (mojolint/compiled.py).

CI runs the suite on a compiled install, but engineers land from editable (pure-Python)
installs: these checks read the sources, so that the two constructs that broke silently
when compiled fail here too, in any install.
"""

from __future__ import annotations

import ast

import pytest
from conftest import REPO_ROOT

from mojolint.compiled import MYPYC_MODULES, compiled_modules, module_name


def source_of(path: str) -> ast.Module:
    return ast.parse((REPO_ROOT / path).read_text(encoding="utf-8"), filename=path)


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def unset_init_false_fields(tree: ast.Module) -> list[str]:
    """``Class.field`` of each ``field(default=..., init=False)`` that neither ``__init__``
    nor ``__post_init__`` assigns: compiled, such a field is never set (pure Python reads
    the class attribute, which a native class does not look at)."""
    found = []
    for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
        wanted = []
        for statement in cls.body:
            if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                    and isinstance(statement.value, ast.Call)
                    and isinstance(statement.value.func, ast.Name)
                    and statement.value.func.id == "field"):
                init = _keyword(statement.value, "init")
                if (isinstance(init, ast.Constant) and init.value is False
                        and _keyword(statement.value, "default") is not None):
                    wanted.append(statement.target.id)
        assigned = {
            target.attr
            for method in cls.body
            if isinstance(method, ast.FunctionDef) and method.name in ("__init__",
                                                                       "__post_init__")
            for node in ast.walk(method) if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
            and target.value.id == "self"
        }
        found += [f"{cls.name}.{name}" for name in wanted if name not in assigned]
    return found


@pytest.mark.parametrize("path", MYPYC_MODULES)
def test_init_false_fields_are_set_when_constructed(path: str) -> None:
    assert unset_init_false_fields(source_of(path)) == []


@pytest.mark.parametrize("path", MYPYC_MODULES)
def test_no_cached_property(path: str) -> None:
    # A native class has no instance __dict__: a cached_property recomputes on every read.
    names = {node.attr if isinstance(node, ast.Attribute) else node.id
             for node in ast.walk(source_of(path)) if isinstance(node, (ast.Name, ast.Attribute))}
    assert "cached_property" not in names


def test_the_check_finds_an_unset_field() -> None:
    tree = ast.parse(
        "@dataclass\nclass A:\n"
        "    x: int | None = field(default=None, init=False)\n"
        "    y: int | None = field(default=None, init=False)\n"
        "    z: list[int] = field(default_factory=list, init=False)\n"
        "    def __post_init__(self) -> None:\n"
        "        self.y = None\n")
    assert unset_init_false_fields(tree) == ["A.x"]


def test_every_listed_module_exists_and_names_its_import() -> None:
    for path in MYPYC_MODULES:
        assert (REPO_ROOT / path).is_file(), path
        assert module_name(path).startswith("mojolint.")
    # In an editable or MOJOLINT_NO_MYPYC install nothing is compiled; after a compiled
    # install (CI), everything listed is (a partial install would be a broken build).
    assert compiled_modules() in ([], [module_name(path) for path in MYPYC_MODULES])
