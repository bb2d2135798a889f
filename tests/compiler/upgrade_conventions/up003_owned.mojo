# UP003 proof: `owned` arguments. 0.25.6 to 0.26.1 accept them with a deprecation warning.


struct Resource:
    var id: Int

    def __init__(out self, id: Int):
        self.id = id

    fn __del__(owned self):
        pass

    def into_id(owned self) -> Int:
        return self.id


def join(owned head: String, owned tail: String) -> String:
    return head + tail


def use_resource() -> Int:
    var resource = Resource(7)
    var joined = join(String("a"), String("b"))
    return resource^.into_id() + len(joined)
