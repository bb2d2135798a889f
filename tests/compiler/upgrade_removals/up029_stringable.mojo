# UP029 proof: `Stringable` next to `Writable`, as 0.26.2 accepts it (with its deprecation).


@fieldwise_init
struct Both(Stringable, Writable):
    var y: Int

    def __str__(self) -> String:
        return String(self.y)

    def write_to(self, mut writer: Some[Writer]):
        writer.write(self.y)


def show() -> String:
    return String(Both(3))
