def main():
    var not_a_number = 0.0 / 0.0  # expect: NU004
    var too_big = Float64(1.0) / Float64(0.0)  # expect: NU004
    print(not_a_number, too_big)
