def parse_name(text: String) raises -> String:
    return text  # the bug under test: it never raises


def test_rejects_empty_name() raises:
    try:
        _ = parse_name("")
        raise Error("expected an error")  # expect: TE001
    except:
        pass


def main() raises:
    test_rejects_empty_name()
    print("test passed")
