"""A time budget per file for the rules, so no input a repository commits hangs a run.

The budget (``MOJOLINT_FILE_BUDGET`` seconds, 60 by default) is armed with ``SIGALRM`` around
one file's rules; when it runs out, the rule then running is interrupted at its next Python
instruction and the engine reports MJ004 naming the rule and the file, and the run goes on.
Where signals cannot be used (a thread other than the main one, Windows) there is no budget.

A signal cannot interrupt C code: tree-sitter's query cursor runs to the end of its search
before the handler runs (py-tree-sitter 0.26.1's ``progress_callback``, which could stop it,
crashes the process as soon as it is called). Pattern-rule queries from config therefore may
not capture inside a repetition, the one shape found to be quadratic in C (a config error),
and run with a bounded ``match_limit`` (see ``pattern_rules``)."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

BUDGET_ENV = "MOJOLINT_FILE_BUDGET"
DEFAULT_SECONDS = 60.0


class BudgetExceeded(BaseException):
    """Raised inside the rule that was running when the file's budget ran out. A
    BaseException, so a rule's ``except Exception`` cannot swallow it."""


def budget_seconds() -> float:
    """The per-file budget from the environment; 0 or less means none."""
    try:
        return float(os.environ.get(BUDGET_ENV, DEFAULT_SECONDS))
    except ValueError:
        return DEFAULT_SECONDS


class _State:
    armed = False


@contextlib.contextmanager
def file_budget(seconds: float | None = None) -> Iterator[None]:
    """Raise :class:`BudgetExceeded` in the block once ``seconds`` have passed."""
    seconds = budget_seconds() if seconds is None else seconds
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    state = _State()

    def expired(_signum: int, _frame: FrameType | None) -> None:
        if state.armed:
            state.armed = False
            raise BudgetExceeded

    previous = signal.signal(signal.SIGALRM, expired)
    state.armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        state.armed = False  # first: a signal arriving now is ignored
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
