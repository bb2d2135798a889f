# UP016 proof: `@parameter` closures, as 1.2.0 still accepts them (with a warning).


def run_closure[body: def () capturing -> None]():
    body()


def total() -> Int:
    var count = 0

    @parameter
    def tick():
        count += 1

    @parameter
    @always_inline
    def tock():
        count += 2

    run_closure[tick]()
    run_closure[tock]()
    return count
