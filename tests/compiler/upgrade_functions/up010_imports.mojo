# UP010 proof: standard-library imports without `std.`, as 0.26.2 accepts them (with warnings).
# (`import os.path` binds `path` in 0.26.1 but nothing in 0.26.2; all_26_1.mojo uses it.)

from collections import List, Dict
from collections.optional import Optional
from bit import pop_count as ones
import math
import os.path
import time as clock
import sys, random


def measure() -> Int:
    var xs = List[Int]()
    xs.append(Int(math.sqrt(16.0)))
    var maybe = Optional[Int](len(xs))
    var table = Dict[String, Int]()
    table["n"] = maybe.value()
    var started = clock.perf_counter_ns()
    var cores = sys.num_logical_cores()
    random.seed(1)
    return Int(ones(7)) + Int(started > 0) + Int(cores > 0) + len(table)
