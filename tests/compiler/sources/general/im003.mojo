# IM003: a name bound twice before any use; Mojo 1.2 says nothing about either shape.
from std.math import floor
from std.math import floor  # expect: IM003


def count() -> Int:
    def step() -> Int:
        return 1

    var total = 0
    for step in range(3):  # expect: IM003
        total += step
    return total + Int(floor(1.5))
