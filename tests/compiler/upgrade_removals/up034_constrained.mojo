# UP034 proof: `constrained`, as 0.26.2 accepts it with a deprecation warning (1.0 no
# longer knows it).

comptime LIMIT = "width is too large"


fn tile[width: Int, dtype: DType]() -> Int:
    constrained[width > 0, "width must be positive"]()
    constrained[width < 1024, LIMIT]()
    constrained[dtype.is_floating_point()]()
    constrained[
        width % 4 == 0,
        "width must be a multiple of four, not "
        + String(width),
    ]()
    return width * 2


fn main():
    print(tile[8, DType.float32]())
