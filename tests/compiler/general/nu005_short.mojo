def main():
    var weights = SIMD[DType.float32, 4](0.5, 0.25, 0.25)  # expect: NU005
    print(weights)
