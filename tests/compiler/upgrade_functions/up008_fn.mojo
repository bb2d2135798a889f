# UP008 proof: `fn` functions, methods, closures and thin function types, as 0.26.2 accepts them.


fn triple(x: Int) -> Int:
    return x * 3


fn halve(x: Int) raises -> Int:
    if x % 2 != 0:
        raise Error("odd")
    return x // 2


fn compose(f: fn (Int) -> Int, g: fn (Int) raises -> Int, x: Int) raises -> Int:
    return g(f(x))


fn run_closure[body: fn () capturing -> None]():
    body()


struct Gauge:
    var level: Int

    fn __init__(out self, level: Int):
        self.level = level

    fn bumped(self, step: Int) -> Self:
        return Self(self.level + step)

    @staticmethod
    fn empty() -> Self:
        return Self(0)


fn gauge_total() raises -> Int:
    var count = 0

    @parameter
    fn tick():
        count += 1

    run_closure[tick]()
    var g = Gauge.empty().bumped(compose(triple, halve, 4))
    return g.level + count
