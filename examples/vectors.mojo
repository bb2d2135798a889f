# A clean file: nothing to report.

struct Pair:
    var first: Int
    var second: Int

    fn __init__(out self, first: Int, second: Int):
        self.first = first
        self.second = second

    fn total(self) -> Int:
        return self.first + self.second


fn main():
    var pair = Pair(3, 4)
    print("total:", pair.total())
