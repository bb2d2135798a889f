"""TS004's byte pre-filter: ``declares_pointer`` answers what its regex answers.

The regex (``POINTER_DECLARATION``) says what a pointer declaration looks like; the scanner
finds the same thing from each ``Pointer`` backwards, because the regex tried its
alternatives at every byte of every file (a fifth of TS004's time on a large corpus).
"""

from __future__ import annotations

from pathlib import Path

from conftest import REPO_ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from mojolint.tensor_rules import POINTER_DECLARATION, declares_pointer

PIECES = [b"var", b"vars", b"xvar", b" ", b"\n", b"\t", b":", b"->", b"-", b">", b"x",
          b"_", b".", b"Pointer", b"Pointers", b"UnsafePointer", b"Unsafe", b"1", b"(",
          b"P", b"ar", b"v", b"#"]


def regex_says(source: bytes) -> bool:
    return POINTER_DECLARATION.search(source) is not None


def test_the_cases_the_regex_separates() -> None:
    for source, expected in [
        (b"var data: UnsafePointer[Float32, MutExternalOrigin]", True),
        (b"fn ptr(self) -> UnsafePointer[T]:", True),
        (b"fn ptr(self) ->\n    memory.UnsafePointer[T]:", True),
        (b"var  x\t:  Pointer", True),
        (b"var x: Pointers", False),         # not the word
        (b"xvar x: Pointer", False),         # `var` is not a word of its own there
        (b"varx: Pointer", False),           # no space between `var` and the name
        (b"var x: List[Pointer]", False),    # `[` is not part of the dotted name
        (b"x = Pointer(to=y)", False),
        (b"Pointer", False),
        (b"->Pointer", True),
        (b"var _1: a.b.Pointer", True),
    ]:
        assert declares_pointer(source) is expected, source
        assert regex_says(source) is expected, source


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_same_answer_as_the_regex_on_any_text(pieces: list[bytes]) -> None:
    source = b"".join(pieces)
    assert declares_pointer(source) == regex_says(source)


def test_same_answer_as_the_regex_on_every_fixture() -> None:
    for path in sorted(Path(REPO_ROOT / "fixtures").rglob("*.mojo")):
        source = path.read_bytes()
        assert declares_pointer(source) == regex_says(source), path
