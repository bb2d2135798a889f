# UP033 proof: `__type_of`, as 0.25.6 accepts it (and 0.25.7 no longer does).


fn widen(count: Int32) -> Int64:
    var same: __type_of(count) = count
    return Int64(same)


struct Meter(Copyable, Movable):
    var reading: Float32

    fn __init__(out self, reading: Float32):
        self.reading = reading

    fn plus(self, extra: Float32) -> __type_of(extra):
        var total: __type_of(self.reading) = self.reading + extra
        return total


fn main():
    print(widen(3), Meter(1.5).plus(2.0))
