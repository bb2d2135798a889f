# Suppressions that have outlived their reason are reported by MJ100.

fn scale(value: Int, factor: Int) -> Int:
    # TODO: saturate instead of wrapping on overflow
    return value * factor  # noqa: EX001


fn main():
    var x = scale(2, 21)  # noqa
    print(x)  # noqa: XX123
