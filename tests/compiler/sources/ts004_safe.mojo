# TS004 cases whose fixes (`_ = owner` after the pointer's last use) are safe. A line ending
# in an "expect" comment is where TS004 reports the pointer (its first use after the owner's
# last use); the file must type-check before and after fixing.
from odyssey_tensor import ExTensor, vec, zeros


fn fill_ramp(count: Int) -> Float32:
    var ramp = zeros(vec(count), DType.float32)
    var data = ramp._data.bitcast[Float32]()
    for i in range(count):
        data[i] = Float32(i)  # expect: TS004
    var last = data[count - 1]
    return last


fn sum_list(count: Int) -> Float32:
    # Not flagged: `unsafe_ptr()` carries the list's origin, which keeps it alive while the
    # pointer is used (tests/compiler/test_pointer_origins.py shows the compiler does so).
    var values = List[Float32]()
    for i in range(count):
        values.append(Float32(i))
    var ptr = values.unsafe_ptr()
    var total: Float32 = 0.0
    for i in range(count):
        total += ptr[i]
    return total


fn bump(start: Int) -> Int:
    # Not flagged: `UnsafePointer(to=cell)` is tracked too.
    var cell = start
    var ptr = UnsafePointer(to=cell)
    ptr[] += 1
    var seen = ptr[]
    return seen


fn shifted(count: Int) -> Float32:
    var buf = zeros(vec(count + 1), DType.float32)
    var base = buf._data.bitcast[Float32]()
    var second = base + 1  # expect: TS004
    second[0] = 2.0
    var got = second[0]
    return got


fn kept_alive(count: Int) -> Float32:
    # Not flagged: the tensor is used after the last pointer use.
    var t = zeros(vec(count), DType.float32)
    var data = t._data.bitcast[Float32]()
    data[0] = 1.0
    var first = data[0]
    _ = t^
    return first
