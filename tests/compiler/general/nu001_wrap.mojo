def main():
    var level: UInt8 = 300  # expect: NU001
    var offset = Int8(200)  # expect: NU001
    var under = UInt8(-2)  # expect: NU001
    print(level, offset, under)
