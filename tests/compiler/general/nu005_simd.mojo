def main():
    var pair = SIMD[DType.int32, 2](1, 2, 3)  # expect: NU005
    print(pair)
