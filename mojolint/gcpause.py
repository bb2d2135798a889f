"""Python's cyclic garbage collector paused around work that builds many cyclic objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def cyclic_gc_paused(*, collect_after: bool = False) -> Iterator[None]:
    """The cyclic collector off inside the block, back on after (left alone when it was off);
    with ``collect_after``, a pass over the youngest generation (``gc.collect(0)``) at once.

    The rules build many objects that stay alive until the file is done (nodes, the semantic
    model), and the collector's full passes over them made the time superlinear in the file
    (a 32,000-term `+` chain: 0.66 s of CPU with it, 0.14 s without, of which 0.5 s in four
    full collections; bench/hostile_growth.py). Garbage with cycles is collected after the
    file instead of during it; reference counting still frees the rest at once."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        if collect_after:
            gc.collect(0)
