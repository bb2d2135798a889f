# UP028 proof: `InlineArray`, which 1.0.0 accepts without a warning (1.1 removed it).
from std.collections import InlineArray
from std.collections.array import InlineArray as Fixed


struct Board:
    var cells: InlineArray[UInt8, 9]

    def __init__(out self):
        self.cells = InlineArray[UInt8, 9](fill=0)


def corners() -> Int:
    var out = Fixed[Int, 4](fill=1)
    return out[0] + Int(Board().cells[3])
