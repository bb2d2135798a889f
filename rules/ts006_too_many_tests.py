"""TS006: a test file with more test functions than the project allows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from tree_sitter import Node

from mojolint.diagnostics import Diagnostic, Severity
from mojolint.rule import Context, Rule

TEST_FILE_SUFFIXES = (".mojo", ".🔥")


@dataclass(frozen=True)
class TooManyTestsOptions:
    max_tests: int = field(default=10, metadata={
        "doc": "The most test functions a test file may define at file scope."})


class TooManyTests(Rule):
    """## What it does
    Counts the test functions — `fn test_*` and `def test_*` defined at file scope,
    decorated or not — of a test file (a file named `test_*.mojo`) and reports the file
    once when there are more than `max-tests` (10 by default). The diagnostic sits on the
    first test function past the limit and gives the count: "14 test functions in this file
    (limit 10)". Methods of structs, functions nested in other functions, and files whose
    names do not start with `test_` are not counted.

    This rule is **off by default**: it enforces a project policy, not a property of the
    code. Enable it with `select = ["TS006"]` (or `extend-select`).

    ## Why is this bad?
    ProjectOdyssey's ADR-009 records a Mojo runtime heap-corruption bug that crashed test
    files after about 15 tests had run in one process; the workaround was to split test
    files so that each stays well below that (the ADR says "fewer than 10 tests each").
    A file that grows past the limit brings the crashes back, and they look like failures
    of whichever test happens to run last. Smaller files are also quicker to rerun.

    ## Example
    ```mojo
    # test_layers.mojo
    fn test_conv_forward() raises: ...
    fn test_conv_backward() raises: ...
    # ... nine more test functions
    ```

    ## Use instead
    Split the tests by subject into files that each stay within the limit:
    ```mojo
    # test_conv_layers.mojo
    fn test_conv_forward() raises: ...
    fn test_conv_backward() raises: ...
    ```

    ## Fix safety
    There is no fix: where to split a test file is a decision for its authors.

    ## Options
    A project that follows ADR-009's "fewer than 10" literally sets `max-tests = 9`.
    """

    code = "TS006"
    name = "too-many-tests"
    summary = "Test file defines more test functions than the configured limit"
    severity = Severity.INFO
    default_enabled = False
    options_type = TooManyTestsOptions
    tags = ("tensor-safety", "tests", "policy")

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        if not _is_test_file(ctx):
            return
        limit = getattr(ctx.options, "max_tests", TooManyTestsOptions.max_tests)
        tests = list(_test_functions(ctx, ctx.tree.root_node))
        if len(tests) <= limit:
            return
        target = tests[limit] if limit >= 0 else tests[0]
        yield ctx.report(target, f"{len(tests)} test functions in this file (limit {limit})",
                         notes=(f"split the file into files of at most {limit} tests",))


def _is_test_file(ctx: Context) -> bool:
    name = ctx.path.name if ctx.path is not None else PurePath(ctx.display_path).name
    return name.startswith("test_") and name.endswith(TEST_FILE_SUFFIXES)


def _test_functions(ctx: Context, module: Node) -> Iterator[Node]:
    """The name nodes of the file-scope functions whose names start with ``test_``."""
    for child in module.named_children:
        definition = child
        if child.type == "decorated_definition":
            inner = child.child_by_field_name("definition")
            if inner is None:
                continue
            definition = inner
        if definition.type != "function_definition":
            continue
        name = definition.child_by_field_name("name")
        if name is not None and ctx.text(name).startswith("test_"):
            yield name
