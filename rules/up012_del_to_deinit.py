"""UP012: the `__del__` destructor (of a struct or a trait), renamed `__deinit__` in Mojo 1.0."""

from __future__ import annotations

from collections.abc import Iterable

from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from mojolint.rule import Context, Rule

_METHODS = """body: (block [
  (function_definition name: (identifier) @name parameters: (parameters) @parameters)
  (decorated_definition definition: (function_definition
      name: (identifier) @name parameters: (parameters) @parameters))
])"""
DESTRUCTORS = f"""
((struct_definition {_METHODS}) (#eq? @name "__del__"))
((trait_definition {_METHODS}) (#eq? @name "__del__"))
"""


class DelToDeinit(Rule):
    """## What it does
    Flags destructors named `__del__`, in a struct or as a trait's requirement, and renames
    them `__deinit__`.

    ## Why is this bad?
    Mojo 1.0 renamed the destructor; its compiler warns
    `'__del__' is deprecated; use '__deinit__'`.

    ## Example
    ```mojo
    struct Handle:
        var fd: Int
        fn __del__(deinit self):
            close(self.fd)
    ```

    ## Use instead
    ```mojo
    struct Handle:
        var fd: Int
        fn __deinit__(deinit self):
            close(self.fd)
    ```

    ## Fix safety
    The fix renames the method and is **safe** when the receiver is `deinit self` (the
    form since Mojo 25.6): the destructor keeps its signature and body. A `__del__` whose
    receiver has another convention (`owned self`, from before 25.6) is reported without a
    fix, because `__deinit__` needs `deinit self`, which also changes how fields are destroyed.
    Methods of a struct and requirements of a trait are flagged (from 1.0 the compiler takes
    `__del__` as the old spelling of `__deinit__`, so renaming a trait's requirement changes
    nothing for its implementers, and it warns on both); a free function named `__del__` is
    left alone.

    Deprecated in 1.0 (still a warning in 1.2).

    ## Options
    None.
    """

    code = "UP012"
    name = "del-to-deinit"
    summary = "`__del__` is renamed `__deinit__` (Mojo 1.0)"
    fix_availability = "sometimes"
    default_enabled = False  # upgrade rules run when selected (`--select UP`)
    tags = ("upgrade",)
    queries = (DESTRUCTORS,)
    since_version = "1.0"
    deprecated_in = "1.0"
    removed_in = None

    def check(self, ctx: Context) -> Iterable[Diagnostic]:
        for _, match in ctx.matches(DESTRUCTORS):
            name, parameters = match["name"][0], match["parameters"][0]
            receiver = parameters.named_children[0] if parameters.named_children else None
            convention = None if receiver is None else receiver.child_by_field_name("convention")
            fix = None
            if convention is not None and ctx.text(convention) == "deinit":
                fix = Fix("Rename to `__deinit__`",
                          (Edit(name.start_byte, name.end_byte, "__deinit__"),), Applicability.SAFE)
            yield ctx.report(name, "`__del__` is deprecated; use `__deinit__`", fix=fix)
