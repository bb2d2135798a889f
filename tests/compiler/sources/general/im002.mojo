# IM002: an import block out of order; Mojo 1.2 compiles it without a word.
from std.time import perf_counter_ns  # expect: IM002
from std.math import floor, ceil
import std.sys


def rounded(x: Float64) -> Float64:
    _ = perf_counter_ns()
    _ = std.sys.argv()
    return floor(x) + ceil(x)
