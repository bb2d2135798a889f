# UP031 proof: module paths as 0.26.1 accepts them (26.2 dropped `sys.ffi`, 1.0 the others).
from sys.ffi import external_call
from os.atomic import Atomic
from memory.arc import ArcPointer
from hashlib import Hasher


def shared() -> Int:
    var p = ArcPointer(7)
    return p[]
