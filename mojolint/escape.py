"""Text from the repository (file names, config keys and values) made safe for one line.

mojolint runs in CI on pull requests, so a file name or a config key may hold a newline
followed by ``::error::`` or ``::add-mask::``, which GitHub Actions would read as a workflow
command, or an escape sequence that rewrites the terminal. Every line mojolint prints on
stderr goes through :func:`one_line`: control characters, line and paragraph separators,
bidirectional overrides and undecodable bytes of a file name are shown as visible escapes
(``\\n``, ``\\x1b``, ``\\u202e``, ``\\xe9``), so one message is always one line.
"""

from __future__ import annotations

import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Characters that reorder or split text without being control characters (Cc).
_INVISIBLE = frozenset("\u2028\u2029\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                       "\u2066\u2067\u2068\u2069\ufeff")


def one_line(text: str) -> str:
    """``text`` with every character that could end the line or control the terminal
    replaced by a visible escape; text without them is returned as it is."""
    if text.isprintable() and not _INVISIBLE.intersection(text):
        return text
    return "".join(_escaped(char) for char in text)


def _escaped(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if char in _INVISIBLE or unicodedata.category(char) in ("Cc", "Cs"):
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char
