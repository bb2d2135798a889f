def squares(n: Int) -> List[Int]:
    var values = List[Int]()
    for i in range(n):
        values.append(i * i)
    var result = values.copy()  # expect: PF001
    return result^


def main():
    var found = squares(4)
    var total = 0
    for v in found:
        total += v
    print(len(found), total)
