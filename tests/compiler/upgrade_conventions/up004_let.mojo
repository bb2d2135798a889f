# UP004 proof: `let` declarations. No compiler on PyPI (0.25.6 and later) accepts them.


def perimeter(width: Int, height: Int) -> Int:
    let doubled_width = width * 2
    let total: Int = doubled_width + height * 2
    return total


def answer() -> Int:
    let value: Int
    value = 42
    return value
