# Every UP008-UP016 upgrade at once: a module written for 0.26.1, upgraded straight to 1.x.

from collections import List
from math import sqrt
import os.path


@doc_private
fn _norm(read xs: List[Float64]) -> Float64:
    var total = 0.0
    for x in xs:
        total += x * x
    return sqrt(total)


fn apply_twice(f: fn (Int) -> Int, x: Int) -> Int:
    return f(f(x))


fn inc(x: Int) -> Int:
    return x + 1


def must_exist(name: String) -> Bool:
    if not path.exists(name):
        raise Error("missing " + name)
    return True


struct Vec(Copyable, Movable):
    var data: List[Float64]

    fn __init__(out self, n: Int):
        self.data = List[Float64]()
        for i in range(n):
            self.data.append(Float64(i))

    fn __copyinit__(out self, existing: Self):
        self.data = existing.data.copy()

    fn __moveinit__(out self, deinit existing: Self):
        self.data = existing.data^

    fn __del__(deinit self):
        pass

    fn norm(self) -> Float64:
        return _norm(self.data)


fn unrolled_dot[width: Int](a: Vec, b: Vec) -> Float64:
    var acc = 0.0

    @parameter
    for i in range(width):
        acc += a.data[i] * b.data[i]

    @parameter
    if width > 2:
        acc += 1.0
    return acc


fn run_closure[body: fn () capturing -> None]():
    body()


fn count_calls() -> Int:
    var calls = 0

    @parameter
    fn hit():
        calls += 1

    run_closure[hit]()
    return calls


fn main_like() raises -> Float64:
    var v = Vec(4)
    var w = v.copy()
    _ = must_exist("/")
    return unrolled_dot[4](v, w) + v.norm() + Float64(apply_twice(inc, 1) + count_calls())
