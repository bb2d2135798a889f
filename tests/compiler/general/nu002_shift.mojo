@no_inline
def shift_out(x: UInt32) -> UInt32:
    return x << 32  # expect: NU002


@no_inline
def next_word(x: Int) -> Int:
    return x << 64  # expect: NU002


def main():
    print(shift_out(1), next_word(1))
