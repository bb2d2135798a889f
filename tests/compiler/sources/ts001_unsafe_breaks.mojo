# TS001's unsafe fix changes a variable's type from Float64 to Float32; where the value then
# meets a Float64, the fixed file no longer type-checks (ProjectOdyssey needed
# `Float64(rel_error)` after the same change).
from odyssey_tensor import full, vec


fn relative_error(count: Int, expected: Float64) -> Float64:
    var t = full(vec(count), 1.5, DType.float32)
    var got = t._get_float64(0)  # expect-unsafe: TS001
    var rel_error = (got - expected) / expected  # breaks-with-unsafe-fixes
    return rel_error
