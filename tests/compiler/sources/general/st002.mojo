# ST002: an argument the function never reads; Mojo 1.2 warns about unused locals, not this.


def area(width: Int, height: Int, scale: Int) -> Int:  # expect: ST002
    return width * height


def main():
    print(area(2, 3, 4))
