# UP007 proof: constructors taking `inout self`. 0.25.6 and later reject `inout`.


struct Meter(Copyable, Movable):
    var value: Int

    fn __init__(inout self, value: Int):
        self.value = value

    fn __copyinit__(inout self, existing: Self):
        self.value = existing.value


def use_meter() -> Int:
    var meter = Meter(4)
    var other = meter.copy()
    return meter.value + other.value
