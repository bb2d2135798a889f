# UP019-UP022 proof: the pointer API 1.0 deprecated, as 1.2 still accepts it (with warnings).
from std.memory import UnsafePointer, alloc


struct Ring:
    var slots: UnsafePointer[Int32, MutUntrackedOrigin]
    var size: Int

    def __init__(out self, size: Int):
        self.slots = alloc[Int32](size)
        self.size = size
        for i in range(size):
            self.slots.store(i, Int32(i))

    def at(self, i: Int) -> Int32:
        return self.slots.load(i % self.size)

    def bytes(self) -> UnsafePointer[UInt8, MutUntrackedOrigin]:
        return self.slots.bitcast[UInt8]()

    def __deinit__(deinit self):
        self.slots.free()


def tail_sum(p: UnsafePointer[Int32, MutUntrackedOrigin], n: Int) -> Int32:
    var q = p + 1
    var back = q - 1
    var total = back[0]
    for i in range(n - 1):
        total += q[i]
    return total


def main():
    var r = Ring(4)
    var cursor = r.slots
    cursor += 2
    print(r.at(5), tail_sum(r.slots, 4), cursor[], r.bytes()[])
