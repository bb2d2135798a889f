# UP011 proof: `__copyinit__` / `__moveinit__`, as 0.26.1 accepts them.


struct Account(Copyable, Movable):
    var id: Int
    var owner: String

    fn __init__(out self, id: Int, owner: String):
        self.id = id
        self.owner = owner

    fn __copyinit__(out self, existing: Self):
        self.id = existing.id
        self.owner = existing.owner

    fn __moveinit__(out self, deinit existing: Self):
        self.id = existing.id
        self.owner = existing.owner^


fn transfer() -> Int:
    var a = Account(7, "ada")
    var b = a.copy()
    var c = a^
    return b.id + c.id


struct Token(Copyable, Movable):
    var kind: Int

    fn __init__(out self, kind: Int):
        self.kind = kind

    fn __copyinit__(out self, existing: Self, /):
        self.kind = existing.kind

    fn __moveinit__(out self, deinit existing: Self, /):
        self.kind = existing.kind


fn tokens() -> Int:
    var t = Token(1)
    var u = t.copy()
    var v = t^
    return u.kind + v.kind
