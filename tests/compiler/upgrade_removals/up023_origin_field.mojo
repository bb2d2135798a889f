# UP023 proof: struct fields with an "any" origin, as 0.26.2 accepts them (1.0 rejects them).
from std.memory import alloc


struct Window:
    var base: UnsafePointer[Float64, MutAnyOrigin]
    var first: UnsafePointer[Float64, ImmutAnyOrigin]
    var count: Int

    fn __init__(out self, count: Int):
        self.base = alloc[Float64](count)
        self.first = self.base
        self.count = count
        for i in range(count):
            self.base[i] = Float64(i)

    fn __del__(deinit self):
        self.base.free()


fn main():
    var w = Window(3)
    print(w.first[1], w.count)
