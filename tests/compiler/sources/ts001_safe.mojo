# TS001 cases whose fixes are all safe. A line ending in an "expect" comment is flagged, once
# per code listed, before fixing; the file must type-check before and after `--fix`.
from odyssey_tensor import ExTensor, full, vec, zeros, zeros_like


fn mean_of_weights(count: Int) -> Float64:
    var weights = full(vec(count), 1.0, DType.float32)
    var total: Float64 = 0.0
    for i in range(count):
        total += weights._get_float64(i)  # expect: TS001
    return total / Float64(count)


fn scaled_sum(count: Int, scale: Float64) -> Float64:
    var counts = full(vec(count), 2.0, DType.int64)
    var acc = Float64(counts._get_float64(0))  # expect: TS001
    for i in range(1, count):
        acc = acc + counts._get_float64(i) * scale  # expect: TS001
    return acc


fn write_back(count: Int, value: Float64) -> ExTensor:
    var out = zeros(vec(count), DType.float32)
    out._set_float64(0, 0.5)  # expect: TS001
    for i in range(1, count):
        out._set_float64(i, value)  # expect: TS001
    return out^


fn like_other(count: Int) -> Float64:
    var base = full(vec(count), 3.0, DType.float32)
    var copy = zeros_like(base)
    copy._set_float64(0, base._get_float64(0))  # expect: TS001 TS001
    return copy._get_float64(0) + 1.0  # expect: TS001


fn narrowed(t: ExTensor) -> Float64:
    if t._dtype == DType.float32:
        return t._get_float64(0) * 2.0  # expect: TS001
    return t._get_float64(0)


fn lookalikes(count: Int) -> Float64:
    # Not flagged: native accessors, a float64 tensor, and text that only looks like a call.
    var wide = full(vec(count), 1.0, DType.float64)
    var narrow = full(vec(count), 1.0, DType.float32)
    var note = "narrow._get_float64(0) would widen"
    # narrow._get_float64(0)
    return wide._get_float64(0) + Float64(narrow._get_float32(0)) + Float64(len(note))
