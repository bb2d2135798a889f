# UP030 proof: `len` of strings, which 0.26.2 accepts (1.0 rejects it).


struct Label:
    var text: String

    def __init__(out self, text: String):
        self.text = text

    def fits(self, width: Int) -> Bool:
        return len(self.text) <= width


def total(name: String, part: StringSlice) -> Int:
    var greeting = "hello"
    var built = String("abc")
    comptime SEP = ", "
    return len(name) + len(part) + len(greeting) + len(built) + len(SEP) + len("xyz")
