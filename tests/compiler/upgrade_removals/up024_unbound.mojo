# UP024 proof: `*_` / `**_` unbinding, as 0.26.1 accepts it (0.26.2 no longer does).


fn total(x: SIMD[DType.float32, *_]) -> Float32:
    return x.reduce_add()


fn first(items: List[Int, *_]) -> Int:
    return items[0]


fn main():
    print(total(SIMD[DType.float32, 4](1)), first([1, 2]))
