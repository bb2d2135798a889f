"""TS005: many tensor allocations in one straight-line run of statements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tree_sitter import Node

from mojolint.diagnostics import Diagnostic, Severity
from mojolint.rule import Context, Rule
from mojolint.semantics.tree import line_of, text
from mojolint.tensor_api import TensorApi
from mojolint.tensor_rules import api_of

BLOCKS = "[(block) (module)] @block"
CALLS = "(call function: (identifier) @callee) @call"
# Statements that branch, loop or open a scope end a straight-line run.
COMPOUND = frozenset({
    "if_statement", "for_statement", "while_statement", "try_statement", "with_statement",
    "function_definition", "struct_definition", "trait_definition", "extension_definition",
    "decorated_definition", "class_definition",
})


@dataclass(frozen=True)
class AllocationOptions:
    max_allocations: int = field(default=12, metadata={
        "doc": "The most tensor allocations one straight-line run of statements may make."})


def is_allocation(callee: str, api: TensorApi) -> bool:
    """``zeros(...)``, ``ExTensor(...)``, ``zeros_like(...)``: calls that make a tensor."""
    return callee in api.constructors or (callee.endswith(api.like_suffix)
                                          and len(callee) > len(api.like_suffix))


def allocation_runs(ctx: Context, api: TensorApi) -> list[list[Node]]:
    """The allocation calls of every straight-line run of statements in the file.

    A run is a maximal sequence of consecutive simple statements of one block (or of the
    module); a compound statement (`if`, `for`, a nested `fn`...) ends it, and its own
    blocks hold runs of their own. Runs without allocations are left out."""
    source = ctx.source
    calls_by_statement: dict[int, list[Node]] = {}
    for call in ctx.captures(CALLS).get("call", []):
        callee = call.child_by_field_name("function")
        if callee is None or not is_allocation(text(callee, source), api):
            continue
        statement = _simple_statement_of(call)
        if statement is not None:
            calls_by_statement.setdefault(statement.id, []).append(call)
    runs: list[list[Node]] = []
    for block in ctx.captures(BLOCKS).get("block", []):
        current: list[Node] = []
        for statement in block.named_children:
            if statement.type in COMPOUND:
                if current:
                    runs.append(current)
                current = []
                continue
            current.extend(calls_by_statement.get(statement.id, []))
        if current:
            runs.append(current)
    for run in runs:
        run.sort(key=lambda n: n.start_byte)
    return runs


def _simple_statement_of(node: Node) -> Node | None:
    """The statement directly in a block that holds ``node``, if it is not compound."""
    current = node
    while current.parent is not None and current.parent.type not in ("block", "module"):
        current = current.parent
        if current.type in COMPOUND:
            return None  # in a condition or header: not part of a straight-line run
    return None if current.type in COMPOUND else current


class AllocationChain(Rule):
    """## What it does
    Counts the tensor allocations — calls of the configured constructors (`ExTensor(...)`,
    `zeros`, `ones`, `empty`, `full`, `randn`, `rand`, `arange`, `linspace`, `eye`, ...) and of
    `*_like` functions — in each straight-line run of statements: consecutive statements of
    one block with no `if`, loop, `try`, `with` or nested definition between them. A run
    with more than `max-allocations` (12 by default) is reported once, at the first
    allocation past the limit: "14 tensor allocations in one straight-line run (lines
    3-40); limit 12".

    This rule is **off by default**: it is a style and policy rule, not a correctness
    check. Enable it with `extend-select = ["TS005"]`.

    ## Why is this bad?
    ProjectOdyssey's first account of its CI-only heap corruption blamed "several ExTensor
    allocations in a row"; the real causes turned out to be use after free through raw
    pointers (TS004) and freeing views (see `docs/tensor-safety-rules.md`), so a long
    allocation chain is not itself a bug. What it does point at is code that is hard to
    review: every tensor is a heap buffer whose lifetime the reader must follow, and a test
    or function that builds a dozen of them in one stretch usually wants a helper or a
    fixture. The default limit was chosen from the code it targets. Over the 2,545 runs
    with at least one allocation in ProjectOdyssey (254 files), the median run makes 1
    allocation, the 95th percentile 4, the 99th 8, the 99.5th 12, and the largest 101 (a
    whole ResNet built in one function). A limit of 12 flags 13 runs there (0.5%), all
    model builders and end-to-end tests; in the other corpora measured (basalt, the
    Modular repository, mojo-rl, Mojo-Marathons: 450 runs) the largest run makes 12
    allocations, so nothing is flagged. See
    `docs/tensor-safety-rules.md` for the table.

    ## Example
    ```mojo
    fn test_shapes() raises:
        var a = zeros(shape, DType.float32)
        var b = ones(shape, DType.float32)
        # ... eleven more allocations ...
        var m = zeros_like(a)
    ```

    ## Use instead
    Build the inputs in a helper, a loop, or split the test:
    ```mojo
    fn make_inputs(shape: List[Int]) raises -> List[ExTensor]:
        var inputs = List[ExTensor]()
        for _ in range(13):
            inputs.append(zeros(shape, DType.float32))
        return inputs^
    ```

    ## Fix safety
    There is no fix.

    ## Options
    From the shared `[tool.mojolint.tensor-api]` table (defaults: ProjectOdyssey's
    `ExTensor`/`AnyTensor`): `constructors` and `like-suffix` say what counts as an
    allocation. The same keys under `[tool.mojolint.rules.TS005]` are deprecated (still
    read, with a warning).
    """

    code = "TS005"
    name = "allocation-chain"
    summary = "Many tensor allocations in one straight-line run of statements"
    severity = Severity.INFO
    default_enabled = False
    fix_availability = "none"
    options_type = AllocationOptions
    reads_tensor_api = True
    tags = ("tensor-safety", "style")
    queries = (CALLS, BLOCKS)

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        api = api_of(ctx)
        limit = getattr(ctx.options, "max_allocations", 12)
        for run in allocation_runs(ctx, api):
            if len(run) <= limit:
                continue
            first, last = line_of(run[0]), line_of(run[-1])
            yield ctx.report(run[limit], f"{len(run)} tensor allocations in one straight-line "
                             f"run of statements (lines {first}-{last}); limit {limit}")
