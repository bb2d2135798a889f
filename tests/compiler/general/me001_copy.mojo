from std.memory.alloc import unsafe_alloc


struct Buffer(Copyable):  # expect: ME001
    var data: Pointer[Int, MutUntrackedOrigin]
    var size: Int

    def __init__(out self, size: Int):
        self.data = unsafe_alloc[Int](size)
        self.size = size

    def __deinit__(deinit self):
        self.data.unsafe_free()


def main():
    var original = Buffer(4)
    var copy = original.copy()
    # The copy owns the same buffer as the original: both destructors free it.
    print(copy.data == original.data)
