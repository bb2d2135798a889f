from std.memory.alloc import unsafe_alloc


def main():
    var p = unsafe_alloc[Int](4)
    p[] = 42
    p.unsafe_free()
    var q = unsafe_alloc[Int](4)
    q[] = 7
    print(p[])  # expect: ME002
    p.unsafe_free()  # expect: ME002
