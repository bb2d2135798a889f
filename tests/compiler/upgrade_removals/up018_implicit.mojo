# UP018 proof: names declared by assignment alone, as 1.0 accepts them (with warnings).


def mean(values: List[Float64]) -> Float64:
    total = 0.0
    count: Int = 0
    for v in values:
        total += v
        count += 1
    return total / Float64(count)


def spread(lo: Int, hi: Int) -> Int:
    width, offset = hi - lo, lo
    if width > 10:
        half = width // 2
        width = half
    for i in range(3):
        step = i * 2
        width += step
    return width + offset


struct Counter:
    var hits: Int

    def __init__(out self):
        self.hits = 0

    def bump(mut self, by: Int):
        step = by * 2
        self.hits += step


def main():
    var c = Counter()
    c.bump(spread(1, 30))
    print(mean([1.0, 2.0]), c.hits)
