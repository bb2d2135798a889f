# UP017 proof: `__origin_of`, as 0.25.6 accepts it (and 0.25.7 no longer does).


fn same(ref s: String) -> ref [__origin_of(s)] String:
    return s


fn pick(a: String, b: String) -> Int:
    var r: Pointer[String, __origin_of(a)] = Pointer(to=a)
    return r[].byte_length() + same(b).byte_length()


fn main():
    var s = String("origin")
    print(pick(s, s))
