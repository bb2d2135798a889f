# UP006 proof: `@value` structs. 0.25.6 and later reject `@value`.


trait Marker:
    pass


@value
struct Pair:
    var first: Int
    var second: Int


@value
struct Tagged(Marker):
    var tag: Int


@value
struct Listed(
    Marker,
):
    var size: Int


@value
struct Explicit:
    var x: Int
    var y: Int

    def __init__(out self, x: Int, y: Int):
        self.x = x + y
        self.y = y


@value
struct Defaulted:
    var x: Int

    def __init__(out self):
        self.x = 9


def use_values() -> Int:
    var pair = Pair(1, 2)
    var copy = pair.copy()
    var tagged = Tagged(3)
    var moved = tagged^
    var listed = Listed(4).copy()
    var explicit = Explicit(1, 2).copy()
    var defaulted = Defaulted()
    var given = Defaulted(8)
    return copy.first + pair.second + moved.tag + listed.size + explicit.x + defaulted.x + given.x
