# UP035 proof: `sizeof` and its siblings, as 0.25.6 accepts them with a deprecation
# warning (0.25.7 no longer has them).
import sys
from sys import sizeof, simdwidthof
from sys.info import alignof as align
from sys.info import bitwidthof


fn lanes() -> Int:
    return simdwidthof[Float32]() * sizeof[Float32]()


fn layout() -> Int:
    return align[Int64]() + bitwidthof[Int32]() + sys.sizeof[UInt8]()


fn main():
    print(lanes(), layout())
