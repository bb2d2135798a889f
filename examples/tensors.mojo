# The two patterns behind a heap-corruption incident in a Mojo ML project.
from shared.core import full, zeros


fn mean_of_ones(n: Int) raises -> Float64:
    var weights = full(List[Int](n), 1.0, DType.float32)
    var total: Float64 = 0.0
    for i in range(n):
        # Reads a float32 buffer through the float64 accessor.
        total += weights._get_float64(i)
    return total / Float64(n)


fn fill_ramp(n: Int) raises -> Float32:
    var ramp = zeros(List[Int](n), DType.float32)
    # `ramp` is not used after this line, so Mojo may destroy it right here...
    var data = ramp._data.bitcast[Float32]()
    for i in range(n):
        data[i] = Float32(i)  # ...while these writes still go through its buffer.
    return data[n - 1]
