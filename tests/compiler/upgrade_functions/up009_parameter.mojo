# UP009 proof: `@parameter if` / `@parameter for`, as 1.0.0 still accepts them (with warnings).


def unrolled[count: Int]() -> Int:
    var total = 0

    @parameter
    for i in range(count):
        total += i
    return total


def classify[width: Int]() -> Int:
    @parameter
    if width == 1:
        return 10
    elif width < 8:
        return 20
    else:
        return 30


def diagonal[n: Int]() -> Int:
    var hits = 0

    @parameter
    for r in range(n):
        @parameter
        for c in range(n):
            @parameter
            if r == c:
                hits += 1
    return hits


def everything() -> Int:
    return unrolled[4]() + classify[4]() + diagonal[3]()
