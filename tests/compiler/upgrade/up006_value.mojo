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


def use_values() -> Int:
    var pair = Pair(1, 2)
    var copy = pair.copy()
    var tagged = Tagged(3)
    var moved = tagged^
    var listed = Listed(4).copy()
    return copy.first + pair.second + moved.tag + listed.size
