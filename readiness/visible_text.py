"""Text echoed from input, made safe to print: nothing in a value can move the cursor,
clear the screen, reorder a line or hide itself.

Control characters (C0, C1, DEL), bidirectional controls and zero-width characters are shown
as escapes (`\\x1b`, `\\u202e`), so a site file cannot forge a line of output.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f"
    "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\u2028\u2029]"
)
_LINE_BREAKS = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """Text made safe for one terminal or log line: every unsafe character shown escaped."""
    return _UNSAFE.sub(lambda m: _LINE_BREAKS.get(m.group()) or _escape(m.group()), text)


def visible(text: str) -> str:
    """Text with unsafe characters other than line breaks and tabs shown escaped."""
    return _UNSAFE.sub(
        lambda m: m.group() if m.group() in _LINE_BREAKS else _escape(m.group()), text
    )
