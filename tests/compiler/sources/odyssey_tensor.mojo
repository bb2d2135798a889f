# A small tensor type with the shape of ProjectOdyssey's `ExTensor` API, written for
# mojolint's compiler-backed tests (Mojo 0.26.1): a byte buffer `_data`, its runtime
# `_dtype`, typed accessors that convert, and constructors taking the dtype as an argument.
# The case files next to it import it; the tests type-check them before and after fixing.
from memory import UnsafePointer, alloc, memset_zero


fn _itemsize(dtype: DType) -> Int:
    if dtype == DType.float32:
        return 4
    return 8  # float64 and int64, the other dtypes this type stores


struct ExTensor(Movable):
    var _data: UnsafePointer[UInt8, MutExternalOrigin]
    var _dtype: DType
    var _shape: List[Int]
    var _numel: Int
    var _is_view: Bool

    fn __init__(out self, shape: List[Int], dtype: DType):
        var count = 1
        for extent in shape:
            count *= extent
        self._numel = count
        self._dtype = dtype
        self._shape = shape.copy()
        self._data = alloc[UInt8](count * _itemsize(dtype))
        memset_zero(self._data, count * _itemsize(dtype))
        self._is_view = False

    fn __del__(deinit self):
        if not self._is_view:
            self._data.free()

    fn numel(self) -> Int:
        return self._numel

    fn dtype(self) -> DType:
        return self._dtype

    fn _get_float64(self, index: Int) -> Float64:
        if self._dtype == DType.float32:
            return Float64(self._data.bitcast[Float32]()[index])
        if self._dtype == DType.int64:
            return Float64(self._data.bitcast[Int64]()[index])
        return self._data.bitcast[Float64]()[index]

    fn _set_float64(self, index: Int, value: Float64):
        if self._dtype == DType.float32:
            self._data.bitcast[Float32]()[index] = Float32(value)
        elif self._dtype == DType.int64:
            self._data.bitcast[Int64]()[index] = Int64(value)
        else:
            self._data.bitcast[Float64]()[index] = value

    fn _get_float32(self, index: Int) -> Float32:
        return Float32(self._get_float64(index))

    fn _set_float32(self, index: Int, value: Float32):
        self._set_float64(index, Float64(value))

    fn _get_int64(self, index: Int) -> Int64:
        return Int64(self._get_float64(index))

    fn _set_int64(self, index: Int, value: Int64):
        self._set_float64(index, Float64(value))


fn zeros(shape: List[Int], dtype: DType) -> ExTensor:
    return ExTensor(shape, dtype)


fn full(shape: List[Int], value: Float64, dtype: DType) -> ExTensor:
    var result = ExTensor(shape, dtype)
    for index in range(result.numel()):
        result._set_float64(index, value)
    return result^


fn zeros_like(other: ExTensor) -> ExTensor:
    return ExTensor(other._shape, other._dtype)


fn vec(length: Int) -> List[Int]:
    var shape = List[Int]()
    shape.append(length)
    return shape^
