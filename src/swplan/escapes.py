"""Text that reaches a terminal or a document shows every character it holds, and
moves nothing: control characters (ESC, BEL, CR, a C1 code, a line or paragraph
separator) are written as escapes (`\\x1b`, `\\x07`, `\\r`), and a byte of a file name
that is not UTF-8 as `\\xff`. A name with an ESC never sets a colour or a hyperlink; a
file name with a newline never splits an error line in two.
"""

from __future__ import annotations

import os
import re

# C0 controls, DEL, C1 controls, the line and paragraph separators, and surrogates
# (a file name's bytes that are not UTF-8, as Python decodes them).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# What an .xlsx cell cannot hold (openpyxl refuses it): C0 controls but tab, LF and CR.
_NOT_IN_XLSX = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escaped(text: str, keep: str = "") -> str:
    """`text` with every control character written as an escape, but those in `keep`."""
    if text.isprintable() or not _CONTROL.search(text):
        return text
    if not keep:
        return _CONTROL.sub(_escape, text)
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)


def one_line(text: str) -> str:
    """A message line: nothing in it breaks the line or reaches the terminal raw."""
    return escaped(text)


def shown_path(path: str | os.PathLike[str]) -> str:
    """A file name as messages show it: `roster.xlsx`, `a\\nb.csv`, `r\\xff.csv`."""
    return escaped(os.fspath(path))


def xlsx_text(text: str) -> str:
    """A workbook cell's text: what a cell cannot hold is written as an escape."""
    if text.isprintable() or not _NOT_IN_XLSX.search(text):
        return text
    return _NOT_IN_XLSX.sub(_escape, text)
