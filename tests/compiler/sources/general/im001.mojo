# IM001: names imported and never used; Mojo 1.2 compiles this without a word about them.
from std.math import sqrt, floor  # expect: IM001
from std.time import perf_counter_ns  # expect: IM001


def half(x: Float64) -> Float64:
    return floor(x / 2.0)
