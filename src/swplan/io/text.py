"""Reading a file's bytes and text: the one place a file's bytes are checked.

Text must be UTF-8 (a BOM is accepted); a CSV may also be GB18030, as Excel saves one on
Chinese Windows (read with a note); anything else is one clear error. A pipe or
FIFO is read once and remembered, so telling its kind and then loading it works.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import InputError, Problem
from ..messages import msg
from ..rules.problems import Theirs


def display_name(path: str | os.PathLike[str]) -> str:
    return str(path)


# What was read from pipes, FIFOs and devices (`<(...)`), by file identity: such a
# file can be read only once, so a second look (telling its kind, then loading it)
# gets the same bytes instead of waiting forever on an empty pipe.
_READ_ONCE: dict[tuple[int, int], bytes] = {}


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes; a pipe or FIFO is read once and remembered. Raises `OSError`."""
    info = os.stat(path)
    if stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode):
        return Path(path).read_bytes()
    key = (info.st_dev, info.st_ino)
    if key not in _READ_ONCE:
        _READ_ONCE[key] = Path(path).read_bytes()
    return _READ_ONCE[key]


def open_binary(path: str | os.PathLike[str]) -> IO[bytes]:
    """The file opened once for reading in binary: seekable, whatever it is. Raises `OSError`."""
    if stat.S_ISREG(os.stat(path).st_mode):
        return open(path, "rb")  # noqa: SIM115
    return io.BytesIO(read_bytes(path))


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's text: UTF-8 with or without a BOM, or one clear error."""
    return "".join(text_blocks(path))


def text_lines(path: str | os.PathLike[str], *, legacy: bool = False) -> Iterator[str]:
    """The file's lines, read a block at a time (memory stays flat), checked as `read_text`.

    Lines end as in the file (`\n`, `\r\n` or `\r`), as `open(newline="")` gives them.
    `legacy`: a file that is not UTF-8 but decodes wholly as GB18030 is read as such
    (see `text_blocks`).
    """
    return itertools.chain.from_iterable(
        io.StringIO(block, newline="") for block in text_blocks(path, legacy=legacy)
    )


_BLOCK = 1 << 20
LEGACY = "gb18030"  # what Excel's "CSV" writes on Chinese Windows


def text_blocks(path: str | os.PathLike[str], *, legacy: bool = False) -> Iterator[str]:
    """The file's text in blocks of whole lines; the one place a file's bytes are checked.

    A BOM is dropped; UTF-16, a NUL byte (a binary file) or bytes that are not UTF-8
    raise one `InputError` naming the line, whichever comes first in the file, and
    nothing else is reported for that file. With `legacy` (a CSV), a file that is not
    UTF-8 but decodes wholly as GB18030 is read as GB18030, with a note.
    """
    name = display_name(path)
    try:
        handle = open_binary(path)  # a pipe or FIFO is read once
    except FileNotFoundError:
        raise InputError([Problem(name, "", "", msg("file.no_such_file"))]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", "", msg("file.is_directory"))]) from None
    except OSError as exc:
        raise InputError([_unreadable(name, exc)]) from None
    return _blocks(name, handle, legacy)


def _unreadable(name: str, exc: OSError) -> Problem:
    return Problem(name, "", "", msg("file.cannot_read", why=Theirs(exc.strerror or str(exc))))


def _blocks(name: str, handle: Any, legacy: bool = False) -> Iterator[str]:
    with handle:
        try:
            data = handle.read(_BLOCK)
        except IsADirectoryError:
            raise InputError([Problem(name, "", "", msg("file.is_directory"))]) from None
        except OSError as exc:
            raise InputError([_unreadable(name, exc)]) from None
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
            raise InputError([Problem(name, "1", "", msg("file.utf16"))])
        line = 1
        plain = True  # every block so far was ASCII (the same text in GB18030)
        while True:
            more = handle.read(_BLOCK) if data else b""
            if more:
                cut = data.rfind(b"\n") + 1  # whole lines (and whole characters) only
                if not cut:
                    data += more
                    continue
                block, data = data[:cut], data[cut:] + more
            else:
                block, data = data, b""
            try:
                text = _checked(name, block, line)
            except _NotUtf8 as exc:
                if not (legacy and plain):
                    raise exc.error from None
                yield _legacy(name, block + data + handle.read(), exc.error)
                return
            plain = plain and block.isascii()
            yield text
            if not data:
                return
            line += block.count(b"\n")


class _NotUtf8(Exception):
    def __init__(self, error: InputError) -> None:
        self.error = error


def _legacy(name: str, data: bytes, error: InputError) -> str:
    """The rest of a file that is not UTF-8, when it decodes wholly as GB18030 (a note
    says so); else the error that it is not UTF-8."""
    from . import notes

    if b"\x00" in data:
        raise error
    try:
        text = data.decode(LEGACY)
    except UnicodeDecodeError:
        raise error from None
    notes.add([msg("bureau.read_gb18030", file=name)])
    return text


def _checked(name: str, data: bytes, line: int) -> str:
    """`data` (whole lines starting at `line`) as text, or the one error that it is not text."""
    nul = data.find(b"\x00")
    if nul >= 0:
        where = str(line + data.count(b"\n", 0, nul))
        raise InputError([Problem(name, where, "", msg("file.binary"))])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = str(line + data.count(b"\n", 0, exc.start))
        raise _NotUtf8(InputError([Problem(name, where, "", msg("file.not_utf8"))])) from None


def encoding(path: str | os.PathLike[str]) -> str:
    """How a CSV's text is stored: `utf-8`, or `gb18030` for a file that is not UTF-8
    but decodes wholly as GB18030 (Excel's "CSV" on Chinese Windows)."""
    data = read_bytes(path)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            data.decode(LEGACY)
        except UnicodeDecodeError:
            return "utf-8"
        return LEGACY
    return "utf-8"


def split_sheet(path: str | os.PathLike[str]) -> tuple[str, str | None]:
    """`roster.xlsx#花名册` -> ("roster.xlsx", "花名册"); any other path -> (path, None)."""
    text = os.fspath(path)
    found = re.fullmatch(r"(.*\.xls[xm])#(.*)", text, re.IGNORECASE | re.DOTALL)
    if found and not os.path.exists(text):
        return found[1], found[2]
    return text, None


def file_format(path: str | os.PathLike[str]) -> str:
    """`yaml`, `csv` or `xlsx`, from the file name."""
    lower = split_sheet(path)[0].lower()
    if lower.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if lower.endswith((".csv", ".tsv", ".txt")):
        return "csv"
    return "yaml"
