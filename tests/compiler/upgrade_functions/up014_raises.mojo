# UP014 proof: `def`s that raise implicitly, as 0.26.1 accepts them.


def parse_flag(text: String) -> Bool:
    if text == "on":
        return True
    if text == "off":
        return False
    raise Error("not a flag: " + text)


def flag_or_off(text: String) -> Bool:
    return parse_flag(text)


def checked_sum(a: Int, b: Int) -> Int:
    var total = a + b
    if total < a:
        raise Error("overflow")
    return total


def quiet(text: String) -> Bool:
    try:
        return parse_flag(text)
    except:
        return False


fn strict_caller() raises -> Bool:
    return flag_or_off("on") and checked_sum(1, 2) == 3 and quiet("x")
