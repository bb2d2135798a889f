# UP002 proof: `borrowed` arguments. No compiler on PyPI (0.25.6 and later) accepts them.


struct Gauge:
    var level: Int

    def __init__(out self, level: Int):
        self.level = level

    def doubled(borrowed self) -> Int:
        return self.level * 2


def larger(borrowed left: Int, borrowed right: Int) -> Int:
    if left > right:
        return left
    return right


def use_gauge() -> Int:
    var gauge = Gauge(5)
    return gauge.doubled() + larger(2, 3)
