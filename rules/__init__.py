"""Built-in rules, one module per rule.

``BUILTIN_RULES`` is the one table that maps a code to the class that implements it. Modules
are imported only when a rule is needed, so adding a rule costs nothing at start-up.
"""

from __future__ import annotations

BUILTIN_RULES: dict[str, str] = {
    "MJ001": "mojolint.rules.mj001_io_error:IoError",
    "MJ002": "mojolint.rules.mj002_syntax_error:SyntaxError_",
    "MJ003": "mojolint.rules.mj003_internal_error:InternalError",
    "MJ100": "mojolint.rules.mj100_unused_noqa:UnusedNoqa",
    "TS001": "mojolint.rules.ts001_mismatched_accessor:MismatchedAccessor",
    "TS004": "mojolint.rules.ts004_pointer_outlives_owner:PointerOutlivesOwner",
    "TS006": "mojolint.rules.ts006_too_many_tests:TooManyTests",
    "TS007": "mojolint.rules.ts007_list_length_confusion:ListLengthConfusion",
    "TS008": "mojolint.rules.ts008_nan_by_division:NanByDivision",
}
