@no_inline
def bucket(hash: Int) -> Int:
    return hash % 0  # expect: NU003


@no_inline
def share(total: Int32) -> Int32:
    return total // 0  # expect: NU003


def main():
    print(bucket(17), share(9))
