# UP013 proof: the `read` convention, as 1.0.0 still accepts it (with warnings).


struct Cursor:
    var offset: Int

    def __init__(out self, offset: Int):
        self.offset = offset

    def ahead_of(read self, read other: Self) -> Bool:
        return self.offset > other.offset


def largest(read values: List[Int]) -> Int:
    var best = 0
    for v in values:
        if v > best:
            best = v
    return best


def compare() -> Bool:
    return Cursor(2).ahead_of(Cursor(1))
