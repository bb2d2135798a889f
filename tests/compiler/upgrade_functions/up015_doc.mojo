# UP015 proof: `@doc_private`, as 0.26.2 accepts it (with a warning).


@doc_private
def _scratch_size() -> Int:
    return 64


struct Pool:
    var size: Int

    def __init__(out self):
        self.size = _scratch_size()

    @doc_private
    @always_inline
    def _grow(mut self):
        self.size *= 2
