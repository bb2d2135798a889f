# UP026 proof: `@register_passable` as 26.1 accepts it (26.2 removed the decorator).


@fieldwise_init
@register_passable("trivial")
struct Span:
    var lo: Int
    var hi: Int


@register_passable
struct Descriptor(Copyable, Movable):
    var fd: Int

    fn __init__(out self, fd: Int):
        self.fd = fd


@register_passable
struct Ticket:
    var n: Int

    fn __init__(out self, n: Int):
        self.n = n


fn width(s: Span, d: Descriptor, t: Ticket) -> Int:
    var copy = s  # a trivial struct copies implicitly, before and after
    var other = d.copy()
    return copy.hi - copy.lo + other.fd + t.n
