# TS002 cases (raw reads and writes through `t._data.bitcast[T]()`). A line ending in an
# "expect" comment is flagged before fixing; the file must type-check before and after `--fix`.
from odyssey_tensor import ExTensor, vec, zeros


fn raw_writes(count: Int) -> ExTensor:
    var t = zeros(vec(count), DType.float32)
    t._data.bitcast[Float32]()[0] = 1.5  # expect: TS002
    for i in range(1, count):
        t._data.bitcast[Float32]()[i] = Float32(i)  # expect: TS002
    return t^


fn raw_reads(count: Int) -> Float32:
    var t = zeros(vec(count), DType.float32)
    var total: Float32 = 0.0
    for i in range(count):
        total += t._data.bitcast[Float32]()[i]  # expect: TS002
    return total
