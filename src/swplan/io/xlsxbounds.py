"""Bounds on what a workbook may make swplan inflate and hold, whatever its parts are named.

A few MB of zip can inflate to gigabytes, in any part: a sheet, the shared strings,
the styles, the theme, the content types, a part under a name no reader expects. Two
bounds hold for every workbook:

* Before anything is inflated, from the zip directory: the parts together inflate to
  at most `MAX_WORKBOOK_BYTES`, and no part to more than `MAX_SHEET_XML_BYTES` (a
  part inflates to at most the size the directory declares: the zip reader stops
  there).
* While openpyxl reads the workbook, each part is bounded by what it is read as,
  whatever its name: a part read whole (content types, relationships, the workbook,
  styles, theme, properties, a chartsheet) at most `MAX_PART_BYTES` and, all of them
  together, `MAX_PART_TAGS` XML elements (what its parser builds objects for); the
  shared strings, streamed while the workbook is opened, at most
  `MAX_SHARED_STRINGS_BYTES`; a sheet, streamed row by row, at most
  `MAX_SHEET_XML_BYTES`.
"""

from __future__ import annotations

import zipfile
from typing import IO, Any, Literal

from ..messages import Msg, msg

# Excel's own sheet size, and the inflated XML of one sheet or of the shared strings.
MAX_SHEET_ROWS = 1_048_576
MAX_SHEET_COLUMNS = 16_384
MAX_SHEET_XML_BYTES = 256 << 20
MAX_SHARED_STRINGS_BYTES = 128 << 20
# Every part of a workbook together.
MAX_WORKBOOK_BYTES = 512 << 20
# A part read whole (styles, theme, content types, ...), and the XML elements of all
# of them: a workbook at Excel's own limit of 64,000 cell formats has about 200,000.
MAX_PART_BYTES = 32 << 20
MAX_PART_TAGS = 400_000


class TooBig(Exception):
    """A workbook past a bound: `message` says which, for the user."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


def _mib(size: int) -> int:
    return size >> 20


def inflated_size_problem(path: Any) -> Msg | None:
    """Why the workbook at `path` is too big to read, from its zip directory (no inflating).

    A member inflates to at most the size the directory declares (zipfile stops there),
    so the declared sizes bound what reading can cost, whatever the members are named.
    """
    with zipfile.ZipFile(path) as archive:
        total = 0
        for info in archive.infolist():
            total += info.file_size
            if info.file_size > MAX_SHEET_XML_BYTES:
                return msg(
                    "safety.part_too_big",
                    part=info.filename,
                    size=_mib(info.file_size),
                    limit=_mib(MAX_SHEET_XML_BYTES),
                )
        if total > MAX_WORKBOOK_BYTES:
            return msg("safety.workbook_too_big", size=_mib(total), limit=_mib(MAX_WORKBOOK_BYTES))
    return None


class BoundedArchive(zipfile.ZipFile):
    """The workbook's zip as openpyxl reads it, each part bounded by how it is read.

    While `loading` (openpyxl opening the workbook), a part read whole is a part its
    parser holds entirely; a part opened as a stream is the shared strings (or a
    chartsheet, read whole from its stream). Afterwards, a part opened is a sheet
    streamed row by row.
    """

    loading = True
    tags = 0

    def open(
        self, name: Any, mode: Literal["r", "w"] = "r", pwd: bytes | None = None, **kwargs: Any
    ) -> IO[bytes]:
        if mode != "r":
            return super().open(name, mode, pwd, **kwargs)
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        if not self.loading:
            self._check(info, MAX_SHEET_XML_BYTES, "safety.sheet_too_big")
            return super().open(info, mode, pwd, **kwargs)
        self._check(info, MAX_SHARED_STRINGS_BYTES, "safety.strings_too_big")
        whole: IO[bytes] = _Whole(super().open(info, mode, pwd, **kwargs), self, info)  # type: ignore[assignment]
        return whole  # read as openpyxl reads a part's stream

    def read(self, name: Any, pwd: bytes | None = None) -> bytes:
        if not self.loading:
            return super().read(name, pwd)
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        self._check(info, MAX_PART_BYTES, "safety.part_too_big")
        with self.open(info, "r", pwd) as stream:
            return stream.read()

    def _check(self, info: zipfile.ZipInfo, limit: int, key: str) -> None:
        if info.file_size > limit:
            raise TooBig(msg(key, part=info.filename, size=_mib(info.file_size), limit=_mib(limit)))

    def count_tags(self, data: bytes, part: str) -> None:
        self.tags += data.count(b"<")
        if self.tags > MAX_PART_TAGS:
            raise TooBig(msg("safety.part_too_many", part=part, limit=MAX_PART_TAGS))


class _Whole:
    """A part's stream while the workbook is opened: read in blocks (the shared strings,
    parsed as they stream) or whole (then bounded as a part read whole)."""

    def __init__(self, stream: IO[bytes], archive: BoundedArchive, info: zipfile.ZipInfo) -> None:
        self._stream = stream
        self._archive = archive
        self._info = info

    def read(self, size: int | None = -1) -> bytes:
        whole = size is None or size < 0
        if whole:
            self._archive._check(self._info, MAX_PART_BYTES, "safety.part_too_big")
        data = self._stream.read(-1 if size is None or size < 0 else size)
        if whole:
            self._archive.count_tags(data, self._info.filename)
        return data

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> _Whole:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def load_bounded(source: Any, *, data_only: bool) -> Any:
    """The workbook at `source` (a path or a binary file), read only, within the bounds.

    Raises `TooBig` for a workbook past a bound, and what openpyxl raises for one it
    cannot read.
    """
    from openpyxl.reader.excel import ExcelReader

    reader = ExcelReader(source, read_only=True, data_only=data_only)
    reader.archive.close()
    archive = BoundedArchive(source)
    reader.archive = archive
    reader.valid_files = archive.namelist()
    try:
        reader.read()
    except BaseException:
        archive.close()
        raise
    archive.loading = False
    return reader.wb
