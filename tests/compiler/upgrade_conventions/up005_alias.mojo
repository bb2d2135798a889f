# UP005 proof: `alias` declarations. 0.25.6 and 0.25.7 accept them silently, 0.26.1 to 1.0
# warn, 1.1 removes them.

alias LANES = 4
alias Real = Float64


struct Grid:
    alias rows = 3
    alias cols: Int = 2

    @staticmethod
    def cells() -> Int:
        return Self.rows * Self.cols


def scaled(x: Real) -> Real:
    alias factor = 2.0
    return x * factor + LANES
