# UP025 proof: `address_of`, which every release on PyPI rejects (the proof is the fixed output).


fn bump(mut count: Int):
    var p = UnsafePointer.address_of(count)
    p[] += 1


fn view(ref data: List[Int]) -> Int:
    var r = Pointer.address_of(data)
    return len(r[])


fn main():
    var n = 1
    bump(n)
    var items: List[Int] = [1, 2]
    print(n, view(items))
