"""Rule codes and names: the patterns every code and name follows, and the codes of the core
rules the engine itself reports (their behaviour is declared on their rule classes)."""

from __future__ import annotations

import re

CODE_PATTERN = re.compile(r"^[A-Z]{1,5}[0-9]{1,4}$")  # letters then digits: TS001, PRJ12
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")  # kebab-case

IO_ERROR = "MJ001"
SYNTAX_ERROR = "MJ002"
INTERNAL_ERROR = "MJ003"
BUDGET_EXCEEDED = "MJ004"
UNUSED_NOQA = "MJ100"
