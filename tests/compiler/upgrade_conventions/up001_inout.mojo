# UP001 proof: `inout` arguments. No compiler on PyPI (0.25.6 and later) accepts them.


struct Tally:
    var hits: Int

    def __init__(out self):
        self.hits = 0

    def record(inout self, amount: Int):
        self.hits += amount


def bump_both(inout first: Int, inout second: Int):
    first += 1
    second += 1


def use_tally() -> Int:
    var tally = Tally()
    tally.record(3)
    var a = 1
    var b = 2
    bump_both(a, b)
    return tally.hits + a + b
