from std.memory.alloc import unsafe_alloc


def resident_pages() raises -> Int:
    with open("/proc/self/statm", "r") as f:
        var fields = f.read().split(" ")
        return Int(fields[1])


def fill(n: Int) -> Int:
    var scratch = unsafe_alloc[Int](n)  # expect: ME003
    for i in range(n):
        scratch[unsafe_offset=i] = i
    return scratch[unsafe_offset=n - 1]


def main() raises:
    var before = resident_pages()
    var total = 0
    for _ in range(64):
        total += fill(1 << 17)
    var grown_kib = (resident_pages() - before) * 4
    print(total, grown_kib)
    var check = unsafe_alloc[Int](1)
    check.unsafe_free()
