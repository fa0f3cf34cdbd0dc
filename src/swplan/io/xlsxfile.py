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
from ..messages import Words, msg
from .table import HEADER_ROWS, SHEET_STRIDE, Row, Table, header_key, second_header, spans
from .text import display_name, read_bytes, split_sheet
from .xlsxbounds import (
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    TooBig,
    inflated_size_problem,
    load_bounded,
)
from .xlsxcells import _cell_text, _header_merged, _Merged, _shown_rows


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
        raise InputError([Problem(name, "", "", msg("file.no_such_file"))]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", "", msg("file.is_directory"))]) from None
    except Exception:  # not a zip at all: openpyxl's turn to say so below
        size_problem = None
    if size_problem:
        raise InputError([Problem(name, "", "", size_problem)])
    try:
        book = load_bounded(source, data_only=True)
    except TooBig as exc:
        raise InputError([Problem(name, "", "", exc.message)]) from None
    except FileNotFoundError:
        raise InputError([Problem(name, "", "", msg("file.no_such_file"))]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", "", msg("file.is_directory"))]) from None
    except Exception:  # a zip that is not a workbook, a renamed .xls or CSV, a damaged file
        raise InputError([Problem(name, "", "", msg("file.not_xlsx"))]) from None
    try:
        if wanted == "*" and not any(s.title == "*" for s in book.worksheets):
            return _all_sheets(name, source, book, fits)
        sheet = _choose_sheet(name, book, wanted, fits)
        return _sheet_table(name, sheet, fits, _formulas(source, book, sheet))
    except TooBig as exc:
        raise InputError([Problem(name, "", "", exc.message)]) from None
    except (zipfile.BadZipFile, zlib.error, KeyError, SyntaxError, EOFError, OSError):
        # damaged sheet XML or compression shows only while the rows are read
        raise InputError([Problem(name, "", "", msg("file.not_xlsx"))]) from None
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
        titles = Words([s.title for s in sheets], quoted=True)
        message = msg("file.no_sheet", sheet=wanted, sheets=titles)
        raise InputError([Problem(name, "", "", message)])
    visible = [s for s in sheets if getattr(s, "sheet_state", "visible") == "visible"]
    if not visible:  # hidden sheets (lookup lists, old versions) are read only when named
        raise InputError([Problem(name, "", "", msg("file.no_visible_sheet"))])
    if fits is None or len(visible) == 1:
        return visible[0]
    fitting = [s for s in visible if _header_fits(s, fits)]
    if len(fitting) > 1:
        titles = Words([s.title for s in fitting], quoted=True)
        message = msg("file.sheets_fit", n=len(fitting), sheets=titles, file=name)
        raise InputError([Problem(name, "", "", message)])
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
        titles = Words([s.title for s in visible], quoted=True)
        raise InputError([Problem(name, "", "", msg("file.no_sheet_fits", sheets=titles))])
    problems: list[Problem] = []
    tables = []
    for sheet in fitting:
        table, found = _sheet_table(name, sheet, fits, _formulas(source, book, sheet))
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
                    msg("file.sheet_headers_differ", sheet=table.sheet, first=first.sheet),
                )
            )
            continue
        for row in table.rows:
            cells = dict(zip(first.columns, row.cells.values(), strict=True))
            combined.rows.append(Row(offset + row.number, cells))
        combined.uncached.update(((offset + r, c), f) for (r, c), f in table.uncached.items())
        combined.merged.update((offset + r, c) for r, c in table.merged)
    return combined, problems


def head_rows(path: str | os.PathLike[str]) -> list[list[list[str | None]]]:
    """The first non-empty rows (up to `HEADER_ROWS`) of each sheet a reader could take:
    the one named after `#`, else every visible sheet (for telling which kinds of table
    a workbook holds, as `swplan check` does)."""
    import openpyxl

    path, wanted = split_sheet(path)
    name = display_name(path)
    try:
        source: Any = path if stat.S_ISREG(os.stat(path).st_mode) else io.BytesIO(read_bytes(path))
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError([Problem(name, "", "", msg("file.no_such_file"))]) from None
    except Exception:  # read again by the reader, which says what is wrong
        return []
    try:
        sheets = [
            s
            for s in book.worksheets
            if (s.title == wanted if wanted not in (None, "*") else s.sheet_state == "visible")
        ]
        out = []
        for sheet in sheets:
            rows: list[list[str | None]] = []
            for values in sheet.iter_rows(values_only=True):
                cells = [_cell_text(v) for v in values]
                if any(c is not None for c in cells):
                    rows.append(cells)
                    if len(rows) == HEADER_ROWS:
                        break
            out.append(rows)
        return out
    except Exception:
        return []
    finally:
        book.close()


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


def _formulas(path: Any, read: Any, sheet: Any) -> dict[tuple[int, int], str]:
    """Formula cells of `sheet` of the workbook `read` (opened for its values):
    (row, column) -> formula (small sheets only).

    Its XML is looked at first: a sheet without a formula (nearly every one) is not
    opened a second time for the formulas.
    """
    xml = _sheet_xml(read, sheet)
    if not xml or b"<f" not in xml:
        return {}
    try:
        book = load_bounded(path, data_only=False)
    except Exception:
        return {}
    try:
        sheet = book[sheet.title]
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
    _check_size(name, ref, sheet)
    # A workbook's stored dimensions may be wrong (some writers leave "A1"); read
    # what the sheet really holds instead of trusting them, row by row.
    sheet.reset_dimensions()
    text_numbers: list[tuple[int, int]] = []  # (row, 1-based column) of numbers kept as text
    header, header_row, rows = _header(_shown_rows(sheet, text_numbers), fits)
    data_from = header_row  # the last header row: merged cells above the data end here
    refs = _Merged.refs(sheet)
    if header_row and fits is not None and fits([_cell_text(v) for v in header]):
        header, data_from, rows = _second_header_row(header, header_row, rows, refs, fits)
    if not header_row:
        raise InputError(
            [
                Problem(
                    name,
                    f"{ref}!A1",
                    "",
                    msg("file.sheet_empty", sheet=sheet.title),
                )
            ]
        )
    columns = [_cell_text(v) or "" for v in header]
    while columns and not columns[-1]:
        columns.pop()
    first = next(i for i, c in enumerate(columns) if c)  # a header may start right of column A
    table = Table(name, columns[first:], [], sheet=ref, header_row=header_row, first_column=first)
    problems = _read_rows(table, rows, _Merged(refs, data_from), formulas or {})
    table.text_numbers = {(r, c - 1 - first) for r, c in text_numbers if r > data_from}
    return table, problems


def _check_size(name: str, ref: str, sheet: Any) -> None:
    """A sheet declared bigger than swplan reads is refused before it is read."""
    declared = sheet.max_row or 0
    if declared > MAX_SHEET_ROWS or (sheet.max_column or 0) > MAX_SHEET_COLUMNS:
        raise InputError(
            [
                Problem(
                    name,
                    f"{ref}!A1",
                    "",
                    msg(
                        "file.sheet_too_big",
                        sheet=sheet.title,
                        rows=f"{declared:,}",
                        columns=f"{sheet.max_column or 0:,}",
                        max_rows=f"{MAX_SHEET_ROWS:,}",
                        max_columns=f"{MAX_SHEET_COLUMNS:,}",
                    ),
                )
            ]
        )


def _header(
    rows: Iterator[tuple[int, Any]], fits: Callable[[Sequence[str | None]], bool] | None
) -> tuple[tuple[Any, ...], int, Iterator[tuple[int, Any]]]:
    """The header row's values, its number (0: the sheet is empty) and the rows after it.

    As in open_csv, the header is the first of the first non-empty rows that fits (the
    first non-empty row when none does)."""
    first_rows: list[tuple[int, Any]] = []
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
    return header, header_row, itertools.chain(first_rows[at + 1 :], rows)


def _second_header_row(
    header: tuple[Any, ...],
    header_row: int,
    rows: Iterator[tuple[int, Any]],
    refs: list[str],
    fits: Callable[[Sequence[str | None]], bool],
) -> tuple[tuple[Any, ...], int, Iterator[tuple[int, Any]]]:
    """A group header above its columns' own, read as one: the header, the last header
    row and the rows after it (the row below given back when it is no header)."""
    below = next(rows, None)
    joined = None
    if below is not None and below[0] == header_row + 1:
        joined = second_header(
            [_cell_text(v) for v in header],
            [_cell_text(v) for v in below[1]],
            _header_merged(refs, header_row) | spans([_cell_text(v) for v in header]),
            fits,
        )
    if joined is not None:
        return tuple(joined), header_row + 1, rows
    if below is not None:
        rows = itertools.chain([below], rows)
    return header, header_row, rows


def _read_rows(
    table: Table,
    rows: Iterator[tuple[int, Any]],
    merged: _Merged,
    formulas: dict[tuple[int, int], str],
) -> list[Problem]:
    """The data rows into `table` (an empty row is skipped); the problems of their cells."""
    name, first, width = table.file, table.first_column, len(table.columns)
    problems: list[Problem] = []
    for number, values in rows:
        if number > MAX_SHEET_ROWS:
            raise InputError(
                [
                    Problem(
                        name,
                        f"{table.sheet}!A{number}",
                        "",
                        msg("file.sheet_rows", most=f"{MAX_SHEET_ROWS:,}"),
                    )
                ]
            )
        cells = _merged_cells(table, number, [_cell_text(v) for v in values], merged)
        if formulas:  # a formula with no saved value reads as empty: remember which
            _note_uncached(table, number, cells, formulas)
        problems += _cells_without_header(table, number, cells)
        cells = cells[first : first + width]
        cells += [None] * (width - len(cells))
        if all(c is None for c in cells) and not any(
            (number, i) in table.uncached for i in range(width)
        ):
            continue
        table.rows.append(Row(number, dict(zip(table.columns, cells, strict=True))))
    return problems


def _merged_cells(
    table: Table, number: int, cells: list[str | None], merged: _Merged
) -> list[str | None]:
    """The row's cells with those a merged cell begun above fills (a row only they fill
    is noted in `table.merged_only`)."""
    if not merged.cells:
        return cells
    own = any(c is not None for c in cells)
    cells = merged.fill(number, cells, table, table.first_column)
    if not own and any(c is not None for c in cells):
        table.merged_only.add(number)
    return cells


def _note_uncached(
    table: Table, number: int, cells: list[str | None], formulas: dict[tuple[int, int], str]
) -> None:
    """The row's formula cells with no saved value, in `table.uncached`."""
    first = table.first_column
    for i in range(first, first + len(table.columns)):
        if (i >= len(cells) or cells[i] is None) and (number, i + 1) in formulas:
            table.uncached[(number, i - first)] = formulas[(number, i + 1)]


def _cells_without_header(table: Table, number: int, cells: list[str | None]) -> list[Problem]:
    """A problem for each value of the row outside the header's columns."""
    first, width = table.first_column, len(table.columns)
    return [
        Problem(
            table.file,
            table.cell(number, i - first),
            "",
            msg("file.cell_without_header", value=value),
        )
        for i, value in enumerate(cells)
        if value is not None and not first <= i < first + width
    ]
