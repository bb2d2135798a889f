# UP012 proof: `__del__(deinit self)`, as 1.2.0 still accepts it (with a warning), in a
# struct and as a trait's requirement.


trait Releasable:
    def __del__(deinit self, /):
        ...


struct Lease(Releasable):
    var slot: Int

    def __init__(out self, slot: Int):
        self.slot = slot

    def __del__(deinit self):
        print("released", self.slot)


def hold() -> Int:
    var lease = Lease(3)
    return lease.slot
