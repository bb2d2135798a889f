# TS001's unsafe fix (the native accessor alone for `var x = t._get_float64(i)`) where the
# narrower `Float32` still type-checks downstream.
from odyssey_tensor import full, vec


fn printed(count: Int):
    var t = full(vec(count), 1.5, DType.float32)
    var first = t._get_float64(0)  # expect-unsafe: TS001
    print(first)


fn doubled(count: Int) -> Float32:
    var t = full(vec(count), 1.5, DType.float32)
    var first = t._get_float64(0)  # expect-unsafe: TS001
    return Float32(first * 2.0)
