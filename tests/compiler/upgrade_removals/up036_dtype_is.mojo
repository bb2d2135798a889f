# UP036 proof: `is` between dtypes, as 0.25.7 accepts it (0.26.1 no longer does).


fn kind[dtype: DType]() -> Int:
    @parameter
    if dtype is DType.float32:
        return 1
    elif dtype is not DType.float64:
        return 2
    return 3


fn runtime(d: DType) -> Bool:
    return DType.int8 is d or (d is not DType.bool)


fn main():
    print(kind[DType.float32](), runtime(DType.int8))
