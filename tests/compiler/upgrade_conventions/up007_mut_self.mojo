# UP007 proof: constructors taking `mut self`, as code of the 24.6 transition wrote them.
# 0.25.6 and later reject them: "__init__ method must return Self type with 'out' argument".


struct Gauge(Copyable, Movable):
    var level: Int

    fn __init__(mut self, level: Int):
        self.level = level

    fn __copyinit__(mut self, existing: Self):
        self.level = existing.level


def read_gauge() -> Int:
    var gauge = Gauge(7)
    var twin = gauge.copy()
    return gauge.level + twin.level
