# A file someone stopped editing half-way: MJ002 points at the first broken line.

fn average(values: List[Int]) -> Float64:
    var total = 0
    for v in values:
        total += v
    return Float64(total) / Float64(len(values)


fn main():
    print(average(List[Int](1, 2, 3)))
