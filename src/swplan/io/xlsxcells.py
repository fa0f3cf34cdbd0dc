"""The cells of a workbook's sheet as the text a CSV would hold: numbers as displayed,
dates as ISO dates, and merged cells spread over their range."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .table import Table

MAX_SHEET_COLUMNS = 16_384


def _header_merged(refs: list[str], row: int) -> set[int]:
    """The 0-based columns of `row` that are part of a merged cell (`refs`: the sheet's)."""
    from openpyxl.utils import range_boundaries

    out: set[int] = set()
    for ref in refs:
        left, top, right, bottom = range_boundaries(ref)
        if None in (left, top, right, bottom):
            continue
        assert left is not None and top is not None and right is not None and bottom is not None
        if top <= row <= bottom and right - left < MAX_SHEET_COLUMNS:
            out.update(range(left - 1, right))
    return out


class _Merged:
    """The merged cells of a sheet below its header: a merged cell's value is every
    cell's of its range. Cells filled from a range that spans rows are remembered
    (`Table.merged`): a count may not be shared by several rows."""

    _REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')

    def __init__(self, refs: list[str], header_row: int) -> None:
        from openpyxl.utils import range_boundaries

        # row -> [(column, the top-left cell of its range)], for all but the top-left
        self.cells: dict[int, list[tuple[int, tuple[int, int]]]] = {}
        self.values: dict[tuple[int, int], str | None] = {}
        for ref in refs:
            left, top, right, bottom = range_boundaries(ref)
            if bottom is None or right is None or left is None or top is None:
                continue
            if bottom <= header_row or (bottom - top + 1) * (right - left + 1) > 100_000:
                continue  # above the table, or too big to be a bureau's merged cell
            for row in range(max(top, header_row + 1), bottom + 1):
                for col in range(left, right + 1):
                    if (row, col) != (top, left):
                        self.cells.setdefault(row, []).append((col, (top, left)))
            self.values[(top, left)] = None

    @staticmethod
    def refs(sheet: Any) -> list[str]:
        source = getattr(sheet, "_get_source", None)
        if source is None:  # a sheet opened for writing knows its merged ranges
            return [str(r) for r in getattr(sheet, "merged_cells", ())]
        refs: list[str] = []
        tail = b""
        with source() as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                data = tail + block  # a reference cut by the block boundary is read whole
                refs += [m.decode() for m in _Merged._REF.findall(data)]
                tail = data[-100:]
        return list(dict.fromkeys(refs))

    def fill(
        self, number: int, cells: list[str | None], table: Table, first: int
    ) -> list[str | None]:
        values = self.values
        for i, value in enumerate(cells):
            if (number, i + 1) in values:
                values[(number, i + 1)] = value
        for col, top_left in self.cells.get(number, ()):
            while len(cells) < col:
                cells.append(None)
            if cells[col - 1] is None:
                cells[col - 1] = values.get(top_left)
                if top_left[0] != number:
                    table.merged.add((number, col - 1 - first))
        return cells


_ZERO_PADDED = re.compile(r"0+")
_DECIMALS = re.compile(r"(?:#,##)?0\.(0+)")
_TEXT_NUMBER = re.compile(r"\s*[+-]?[0-9][0-9,]*(?:\.[0-9]+)?\s*")


def _shown_rows(sheet: Any, text_numbers: list[tuple[int, int]]) -> Iterator[tuple[int, Any]]:
    """(row, values) of every row, each value as `_shown` gives it; the cells holding a
    number as text are added to `text_numbers` (a sheet's SUM leaves them out)."""
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        values = tuple(_shown(c) for c in cells)
        for i, value in enumerate(values):
            text = isinstance(value, str) and getattr(cells[i], "data_type", "s") == "s"
            if text and _TEXT_NUMBER.fullmatch(value):
                text_numbers.append((number, i + 1))
        yield number, values


def _shown(cell: Any) -> Any:
    """A cell's value, except a number whose format pads it: its displayed text, so the
    same workbook saved as CSV reads the same. An id `101` shown as `0101` is `0101`; a
    fraction shown with more decimals than it has (`2019.1` formatted `0.00` shows
    `2019.10`, a month) is the text shown. A format that rounds is never followed: the
    value is then the number itself (a number is never guessed)."""
    value = cell.value
    if not isinstance(value, int | float) or isinstance(value, bool):
        return value
    fmt = getattr(cell, "number_format", None) or ""
    if value == int(value) and _ZERO_PADDED.fullmatch(fmt):
        return str(int(value)).zfill(len(fmt))
    decimals = _DECIMALS.fullmatch(fmt)
    if decimals and value != int(value):
        from decimal import Decimal

        text = f"{value:.{len(decimals[1])}f}"
        if Decimal(text) == Decimal(repr(value)):  # padding zeros only, nothing rounded
            return text
    return value


def _cell_text(value: object) -> str | None:
    import datetime as dt
    from decimal import Decimal

    if value is None:
        return None
    if isinstance(value, dt.datetime):  # a date cell, with a time of day or not: its date
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        # Excel stores every number as a float; whole numbers are written as such.
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    text = str(value).strip()
    return text or None
