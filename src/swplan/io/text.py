"""Reading a file's bytes and text: the one place a file's bytes are checked.

Text must be UTF-8 (a BOM is accepted); a CSV that is not UTF-8 but decodes wholly as
GB18030 (what Excel's "CSV (逗号分隔)" writes on Chinese Windows) is read as GB18030,
with a note; anything else is one clear error. A pipe or FIFO is read once and
remembered, so telling its kind and then loading it works.
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
from . import notes


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
        return open(path, "rb")
    return io.BytesIO(read_bytes(path))


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's text: UTF-8 with or without a BOM, or one clear error."""
    return "".join(text_blocks(path))


def text_lines(path: str | os.PathLike[str], *, gb18030: bool = False) -> Iterator[str]:
    """The file's lines, read a block at a time (memory stays flat), checked as `read_text`.

    Lines end as in the file (`\n`, `\r\n` or `\r`), as `open(newline="")` gives them.
    `gb18030`: a file that is not UTF-8 may be GB18030 (a CSV table).
    """
    return itertools.chain.from_iterable(
        io.StringIO(block, newline="") for block in text_blocks(path, gb18030=gb18030)
    )


_BLOCK = 1 << 20
LEGACY = "gb18030"  # what Excel's "CSV" writes on Chinese Windows


def text_blocks(path: str | os.PathLike[str], *, gb18030: bool = False) -> Iterator[str]:
    """The file's text in blocks of whole lines; the one place a file's bytes are checked.

    A BOM is dropped; UTF-16, a NUL byte (a binary file) or bytes that are not UTF-8
    raise one `InputError` naming the line, whichever comes first in the file, and
    nothing else is reported for that file. With `gb18030`, a file whose first bytes
    that are not UTF-8 come before any other non-ASCII byte is read as GB18030 from
    there on (everything before is ASCII, the same in both), with a note.
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
    return _blocks(name, handle, gb18030)


def _unreadable(name: str, exc: OSError) -> Problem:
    return Problem(name, "", "", msg("file.cannot_read", why=Theirs(exc.strerror or str(exc))))


def _blocks(name: str, handle: Any, gb18030: bool = False) -> Iterator[str]:
    with handle:
        try:
            data = handle.read(_BLOCK)
        except IsADirectoryError:
            raise InputError([Problem(name, "", "", msg("file.is_directory"))]) from None
        except OSError as exc:
            raise InputError([_unreadable(name, exc)]) from None
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
            gb18030 = False  # a UTF-8 file says so
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
            raise InputError([Problem(name, "1", "", msg("file.utf16"))])
        line = 1
        encoding = "utf-8"
        ascii_so_far = gb18030  # GB18030 may take over while every byte so far is ASCII
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
            if ascii_so_far and encoding == "utf-8" and not block.isascii():
                ascii_so_far = False
                if _gb18030_first(block):
                    encoding = "gb18030"
                    notes.add([msg("ledger.read_gb18030", file=name)])
            yield _checked(name, block, line, encoding)
            if not data:
                return
            line += block.count(b"\n")


def _gb18030_first(block: bytes) -> bool:
    """Whether the first non-ASCII bytes of `block` are not UTF-8 but are GB18030 (and
    everything before them ASCII): the file is then read as GB18030."""
    try:
        block.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not block[: exc.start].isascii():
            return False
        try:
            block.decode("gb18030")
        except UnicodeDecodeError:
            return False
        return True
    return False


def _checked(name: str, data: bytes, line: int, encoding: str = "utf-8") -> str:
    """`data` (whole lines starting at `line`) as text, or the one error that it is not text."""
    nul = data.find(b"\x00")
    if nul >= 0:
        where = str(line + data.count(b"\n", 0, nul))
        raise InputError([Problem(name, where, "", msg("file.binary"))])
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        where = str(line + data.count(b"\n", 0, exc.start))
        raise InputError([Problem(name, where, "", msg("file.not_utf8"))]) from None


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


_FD_LINKS = ("/proc/self/fd/", "/proc/thread-self/fd/", "/dev/fd/")


def file_format(path: str | os.PathLike[str]) -> str:
    """`yaml`, `csv` or `xlsx`, from the file name (of `/proc/self/fd/N`: the file's own)."""
    lower = split_sheet(path)[0].lower()
    if lower.startswith(_FD_LINKS) and "." not in os.path.basename(lower):
        lower = os.path.realpath(lower).lower()
    if lower.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if lower.endswith((".csv", ".tsv", ".txt")):
        return "csv"
    return "yaml"
