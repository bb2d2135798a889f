struct Point(Copyable, Movable):  # expect: ST001
    var x: Int

    def __init__(out self, x: Int):
        self.x = x


trait Shape(ImplicitlyCopyable, Copyable):  # expect: ST001
    def area(self) -> Int:
        ...


def main():
    var p = Point(3)
    var q = p.copy()
    var r = q^
    print(r.x)
