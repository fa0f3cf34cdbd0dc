"""Excel workbooks (.xlsx): the sheet that holds the table, its cells as the text a CSV
would hold, merged cells, formulas without a saved value, and bounds on what a
workbook may make swplan hold."""

from __future__ import annotations

import io
import itertools
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..errors import InputError, Problem
from .table import HEADER_ROWS, SHEET_STRIDE, Row, Table, header_key, second_header
from .text import display_name, read_bytes, split_sheet
from .xlsxbounds import (
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    TooBig,
    inflated_size_problem,
    load_bounded,
)


def read_xlsx_table(
    path: str | os.PathLike[str], fits: Callable[[Sequence[str | None]], bool] | None = None
) -> tuple[Table, list[Problem]]:
    """The first sheet of a workbook as a table; cell values become strings.

    The sheet is the one named after `#` (`roster.xlsx#花名册`), else the one visible
    sheet whose header `fits` (two that fit are an error naming them). The header is
    found as in `open_csv` (the first non-empty row that `fits`). Numbers and dates
    become the text a CSV
    would hold (`9.0` -> "9", a date cell -> "2016-09-01"), so both paths validate
    the same way; positions are cells: `roster.xlsx:Sheet1!D7`.
    """
    path, wanted = split_sheet(path)
    name = display_name(path)
    source: Any = path
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe: read once, then look inside
            source = io.BytesIO(read_bytes(path))
        size_problem = inflated_size_problem(source)
    except FileNotFoundError:
        raise InputError([Problem(name, "", "", "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", "", "is a directory, not a file")]) from None
    except Exception:  # not a zip at all: openpyxl's turn to say so below
        size_problem = None
    if size_problem:
        raise InputError([Problem(name, "", "", size_problem)])
    try:
        book = load_bounded(source, data_only=True)
    except TooBig as exc:
        raise InputError([Problem(name, "", "", exc.message)]) from None
    except FileNotFoundError:
        raise InputError([Problem(name, "", "", "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", "", "is a directory, not a file")]) from None
    except Exception:  # a zip that is not a workbook, a renamed .xls or CSV, a damaged file
        raise InputError([Problem(name, "", "", _NOT_XLSX)]) from None
    try:
        if wanted == "*" and not any(s.title == "*" for s in book.worksheets):
            return _all_sheets(name, source, book, fits)
        sheet = _choose_sheet(name, book, wanted, fits)
        return _sheet_table(name, sheet, fits, _formulas(source, sheet.title))
    except TooBig as exc:
        raise InputError([Problem(name, "", "", exc.message)]) from None
    except (zipfile.BadZipFile, zlib.error, KeyError, SyntaxError, EOFError, OSError):
        # damaged sheet XML or compression shows only while the rows are read
        raise InputError([Problem(name, "", "", _NOT_XLSX)]) from None
    finally:
        book.close()


def _choose_sheet(
    name: str, book: Any, wanted: str | None, fits: Callable[[Sequence[str | None]], bool] | None
) -> Any:
    """The sheet named after `#`, else the one visible sheet whose header fits."""
    sheets = list(book.worksheets)
    if wanted is not None:  # hidden sheets are read only when named
        for sheet in sheets:
            if sheet.title == wanted:
                return sheet
        titles = ", ".join(repr(s.title) for s in sheets)
        raise InputError([Problem(name, "", "", f"has no sheet {wanted!r}; its sheets: {titles}")])
    visible = [s for s in sheets if getattr(s, "sheet_state", "visible") == "visible"]
    if not visible:  # hidden sheets (lookup lists, old versions) are read only when named
        raise InputError([Problem(name, "", "", "has no visible sheet to read")])
    if fits is None or len(visible) == 1:
        return visible[0]
    fitting = [s for s in visible if _header_fits(s, fits)]
    if len(fitting) > 1:
        titles = ", ".join(repr(s.title) for s in fitting)
        raise InputError(
            [
                Problem(
                    name,
                    "",
                    "",
                    f"has {len(fitting)} sheets that hold such a table ({titles}); "
                    f"name the one to read, as {name}#SHEET",
                )
            ]
        )
    return (fitting or visible)[0]


def _all_sheets(
    name: str, source: Any, book: Any, fits: Callable[[Sequence[str | None]], bool] | None
) -> tuple[Table, list[Problem]]:
    """Every visible sheet whose header fits, read as one table (`FILE.xlsx#*`).

    The sheets need the same columns in the same order; each cell keeps its own sheet
    in `Table.cell`.
    """
    visible = [s for s in book.worksheets if getattr(s, "sheet_state", "visible") == "visible"]
    fitting = [s for s in visible if fits is None or _header_fits(s, fits)]
    if not fitting:
        titles = ", ".join(repr(s.title) for s in visible) or "none"
        raise InputError(
            [
                Problem(
                    name,
                    "",
                    "",
                    f"no visible sheet holds such a table (#* reads every one that does); "
                    f"its visible sheets: {titles}",
                )
            ]
        )
    problems: list[Problem] = []
    tables = []
    for sheet in fitting:
        table, found = _sheet_table(name, sheet, fits, _formulas(source, sheet.title))
        tables.append(table)
        problems += found
    first = tables[0]
    combined = Table(
        name,
        first.columns,
        [],
        sheet=first.sheet,
        header_row=first.header_row,
        first_column=first.first_column,
    )
    same = [header_key(c) for c in first.columns]
    for k, table in enumerate(tables):
        offset = k * SHEET_STRIDE
        combined.parts.append((table.sheet or "", table.first_column))
        if [header_key(c) for c in table.columns] != same:
            problems.append(
                Problem(
                    name,
                    table.cell(table.header_row, 0),
                    "",
                    f"the header of sheet {table.sheet} differs from that of sheet "
                    f"{first.sheet}; sheets read as one table (#*) need the same columns "
                    "in the same order",
                )
            )
            continue
        for row in table.rows:
            cells = dict(zip(first.columns, row.cells.values(), strict=True))
            combined.rows.append(Row(offset + row.number, cells))
        combined.uncached.update(((offset + r, c), f) for (r, c), f in table.uncached.items())
        combined.merged.update((offset + r, c) for r, c in table.merged)
    return combined, problems


def _header_fits(sheet: Any, fits: Callable[[Sequence[str | None]], bool]) -> bool:
    seen = 0
    for values in sheet.iter_rows(values_only=True):
        cells = [_cell_text(v) for v in values]
        if any(c is not None for c in cells):
            if fits(cells):
                return True
            seen += 1
            if seen == HEADER_ROWS:
                break
    return False


# Formulas are looked up in sheets up to this size (inflated XML).
_DETAIL_BYTES = 32 << 20


def _sheet_xml(book: Any, sheet: Any) -> bytes | None:
    """The sheet's XML, when it is small enough to look at twice."""
    archive = getattr(book, "_archive", None)
    member = getattr(sheet, "_worksheet_path", None)
    if archive is None or member is None:
        return None
    try:
        if archive.getinfo(member).file_size > _DETAIL_BYTES:
            return None
        data: bytes = archive.read(member)
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError):
        return None
    return data


def _formulas(path: Any, title: str) -> dict[tuple[int, int], str]:
    """Formula cells of the sheet `title`: (row, column) -> formula (small sheets only)."""
    try:
        book = load_bounded(path, data_only=False)
    except Exception:
        return {}
    try:
        sheet = book[title]
        xml = _sheet_xml(book, sheet)
        if not xml or b"<f" not in xml:
            return {}
        found: dict[tuple[int, int], str] = {}
        for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            for c, value in enumerate(values, start=1):
                if isinstance(value, str) and value.startswith("="):
                    found[(r, c)] = value
                elif value is not None and not isinstance(value, str | int | float | bool):
                    found[(r, c)] = "=" + str(getattr(value, "text", "") or "")  # array formula
        return found
    except Exception:
        return {}
    finally:
        book.close()


_NOT_XLSX = (
    "is not a readable Excel workbook (.xlsx); open it in Excel and save it as "
    "'Excel Workbook (.xlsx)', or save the sheet as CSV UTF-8"
)


def _sheet_ref(title: str) -> str:
    """The sheet name as Excel writes it in a reference: `Sheet1`, `'My roster'`."""
    if re.fullmatch(r"[^\W\d]\w*", title):
        return title
    return "'" + title.replace("'", "''") + "'"


def _sheet_table(
    name: str,
    sheet: Any,
    fits: Callable[[Sequence[str | None]], bool] | None = None,
    formulas: dict[tuple[int, int], str] | None = None,
) -> tuple[Table, list[Problem]]:
    ref = _sheet_ref(sheet.title)
    declared = sheet.max_row or 0
    if declared > MAX_SHEET_ROWS or (sheet.max_column or 0) > MAX_SHEET_COLUMNS:
        raise InputError(
            [
                Problem(
                    name,
                    f"{ref}!A1",
                    "",
                    f"sheet {sheet.title!r} declares {declared:,} rows and "
                    f"{sheet.max_column or 0:,} columns; at most {MAX_SHEET_ROWS:,} rows and "
                    f"{MAX_SHEET_COLUMNS:,} columns (Excel's own limits) are read",
                )
            ]
        )
    # A workbook's stored dimensions may be wrong (some writers leave "A1"); read
    # what the sheet really holds instead of trusting them, row by row.
    sheet.reset_dimensions()
    shown = (tuple(_shown(c) for c in cells) for cells in sheet.iter_rows())
    rows: Iterator[tuple[int, Any]] = enumerate(shown, start=1)
    first_rows: list[tuple[int, Any]] = []  # see open_csv: the header is the first that fits
    for number, values in rows:
        if any(_cell_text(v) is not None for v in values):
            first_rows.append((number, values))
            if fits is None or fits([_cell_text(v) for v in values]):
                break
            if len(first_rows) == HEADER_ROWS:
                break
    at = next(
        (
            i
            for i, (_, values) in enumerate(first_rows)
            if fits and fits([_cell_text(v) for v in values])
        ),
        0,
    )
    header: tuple[Any, ...] = first_rows[at][1] if first_rows else ()
    header_row = first_rows[at][0] if first_rows else 0
    rows = itertools.chain(first_rows[at + 1 :], rows)
    data_from = header_row  # the last header row: merged cells above the data end here
    refs = _Merged.refs(sheet)
    if header_row and fits is not None and fits([_cell_text(v) for v in header]):
        below = next(rows, None)
        joined = None
        if below is not None and below[0] == header_row + 1:
            joined = second_header(
                [_cell_text(v) for v in header],
                [_cell_text(v) for v in below[1]],
                _header_merged(refs, header_row),
                fits,
            )
        if joined is not None:
            header, data_from = tuple(joined), header_row + 1
        elif below is not None:
            rows = itertools.chain([below], rows)
    if not header_row:
        raise InputError(
            [
                Problem(
                    name,
                    f"{ref}!A1",
                    "",
                    f"the sheet {sheet.title} is empty; a header row is required",
                )
            ]
        )
    columns = [_cell_text(v) or "" for v in header]
    while columns and not columns[-1]:
        columns.pop()
    first = next(i for i, c in enumerate(columns) if c)  # a header may start right of column A
    table = Table(name, columns[first:], [], sheet=ref, header_row=header_row, first_column=first)
    width = len(table.columns)
    problems: list[Problem] = []
    formulas = formulas or {}
    merged = _Merged(refs, data_from)
    for number, values in rows:
        if number > MAX_SHEET_ROWS:
            raise InputError(
                [
                    Problem(
                        name,
                        f"{ref}!A{number}",
                        "",
                        f"the sheet has more than {MAX_SHEET_ROWS:,} rows (Excel's own limit); "
                        "save the table as CSV UTF-8 instead",
                    )
                ]
            )
        cells = [_cell_text(v) for v in values]
        if merged.cells:
            cells = merged.fill(number, cells, table, first)
        if formulas:  # a formula with no saved value reads as empty: remember which
            for i in range(first, first + width):
                if (i >= len(cells) or cells[i] is None) and (number, i + 1) in formulas:
                    table.uncached[(number, i - first)] = formulas[(number, i + 1)]
        for i, value in enumerate(cells):
            if value is not None and not first <= i < first + width:
                problems.append(
                    Problem(
                        name,
                        table.cell(number, i - first),
                        "",
                        f"cell has a value ({value!r}) but its column has no "
                        "header; name the column or clear the cell",
                    )
                )
        cells = cells[first : first + width]
        cells += [None] * (width - len(cells))
        if all(c is None for c in cells) and not any(
            (number, i) in table.uncached for i in range(width)
        ):
            continue
        table.rows.append(Row(number, dict(zip(table.columns, cells, strict=True))))
    return table, problems


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


def _shown(cell: Any) -> Any:
    """A cell's value, except a whole number formatted `0000`: its displayed text, so an
    id `101` shown as `0101` reads as the same workbook saved as CSV does."""
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool) and value == int(value):
        fmt = getattr(cell, "number_format", None) or ""
        if _ZERO_PADDED.fullmatch(fmt):
            return str(int(value)).zfill(len(fmt))
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
