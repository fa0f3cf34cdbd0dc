"""Excel workbooks out (`--format xlsx`): one sheet per table, native charts.

A report describes its workbook as `Sheet` values (labelled, typed columns, rows of
plain values, a totals row, an optional chart); `write_workbook` lays them out: money
as numbers formatted `#,##0.00` (written from the exact decimals, so reading them back
gives the JSON's numbers), dates as date cells, text as text (never a formula), a bold
totals row, a frozen header row, fitted column widths and the header repeated on every
printed page. Nothing here computes a number.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from .escapes import xlsx_text

Kind = Literal["text", "int", "money", "number", "date", "any"]

MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
_MAX_WIDTH = 60
_SHEET_NAME_BAD = set("[]:*?/\\")


@dataclass
class Column:
    label: str
    kind: Kind = "text"


@dataclass
class Chart:
    """A chart of some columns of a sheet's rows (the totals row left out): bars, or
    lines (a figure over the years)."""

    title: str
    categories: int  # column whose values name the bars (or the points of a line)
    series: list[int]  # columns charted, one series each
    y_title: str = ""
    kind: Literal["bar", "col", "line"] = "col"


@dataclass
class Sheet:
    name: str  # tab name (at most 31 characters, some characters not allowed)
    title: str  # printed in the page header
    columns: list[Column]
    rows: list[list[Any]]
    totals: list[Any] | None = None
    chart: Chart | None = None
    notes: list[str] = field(default_factory=list)  # written below the table


def display_width(text: str) -> int:
    """Columns a text takes: CJK (wide and fullwidth) characters count double."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def sheet_name(name: str, taken: set[str]) -> str:
    cleaned = "".join("_" if c in _SHEET_NAME_BAD else c for c in name).strip("'")[:31] or "Sheet"
    candidate, n = cleaned, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate = cleaned[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(candidate.lower())
    return candidate


def _shown(value: Any, kind: Kind) -> str:
    """Roughly what Excel shows in the cell, for fitting the column width."""
    if value is None:
        return ""
    if kind == "money" and isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _put(ws: Any, value: Any, kind: Kind) -> Any:
    """A cell of a write-only sheet: `value` written as `kind`."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws)
    if value is None or value == "":
        return cell
    if kind == "any":  # by the value's type: an amount has two places
        if isinstance(value, Decimal):
            kind = "money" if value.as_tuple().exponent == -2 else "number"
        elif isinstance(value, dt.date):
            kind = "date"
        elif isinstance(value, int) and not isinstance(value, bool):
            kind = "int"
        else:
            kind = "text"
    if kind == "money" and isinstance(value, Decimal):
        cell.value = value
        cell.number_format = MONEY_FORMAT
    elif kind == "date" and isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif kind in ("int", "number") and isinstance(value, int | Decimal):
        cell.value = value
        exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
        if isinstance(exponent, int) and exponent < 0:
            cell.number_format = "0." + "0" * -exponent
    else:
        cell.value = xlsx_text(str(value))
        cell.data_type = "s"  # text, even when it begins with "=": never a formula
    return cell


def _widths(sheet: Sheet) -> list[int]:
    """Each column's width: its widest cell, as Excel shows it."""
    widths = [display_width(c.label) for c in sheet.columns]
    kinds = [c.kind for c in sheet.columns]
    for row in [*sheet.rows, *([sheet.totals] if sheet.totals is not None else [])]:
        for j, value in enumerate(row):
            if value is not None:
                widths[j] = max(widths[j], display_width(_shown(value, kinds[j])))
    return widths


def _add_sheet(book: Any, sheet: Sheet, taken: set[str]) -> None:
    """The sheet's rows, written as they go (a write-only sheet holds none of them)."""
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(sheet_name(sheet.name, taken))
    bold = Font(bold=True)
    widths = _widths(sheet)
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(width + 2, _MAX_WIDTH)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.oddHeader.center.text = xlsx_text(sheet.title).replace("&", "&&")
    ws.page_setup.orientation = "landscape" if len(sheet.columns) > 6 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    header = []
    for column in sheet.columns:
        cell = _put(ws, column.label, "text")
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center")
        header.append(cell)
    ws.append(header)
    kinds = [c.kind for c in sheet.columns]
    for row in sheet.rows:
        ws.append([_put(ws, value, kind) for kind, value in zip(kinds, row, strict=True)])
    last_data = 1 + len(sheet.rows)
    if sheet.totals is not None:
        totals = [_put(ws, value, kind) for kind, value in zip(kinds, sheet.totals, strict=True)]
        for cell in totals:
            cell.font = bold
        ws.append(totals)
    if sheet.notes:
        ws.append([])
        for note in sheet.notes:
            ws.append([_put(ws, note, "text")])

    chart = sheet.chart
    if chart is not None and last_data >= 2:
        drawn: Any
        if chart.kind == "line":
            drawn = LineChart()
        else:
            drawn = BarChart()
            drawn.type = chart.kind
        drawn.title = chart.title
        drawn.y_axis.title = chart.y_title or None
        drawn.y_axis.numFmt = "#,##0"  # whole yuan on the axis; the cells keep the fen
        if chart.kind != "line":  # lines read against the grid
            drawn.y_axis.majorGridlines = (
                None if len(chart.series) > 1 else drawn.y_axis.majorGridlines
            )
        drawn.y_axis.delete = False
        drawn.x_axis.delete = False
        for j in chart.series:
            data = Reference(ws, min_col=j + 1, min_row=1, max_row=last_data)
            drawn.add_data(data, titles_from_data=True)
        cats = Reference(ws, min_col=chart.categories + 1, min_row=2, max_row=last_data)
        drawn.set_categories(cats)
        if chart.kind == "line":  # a figure per year: straight lines through marked points
            for line in drawn.series:
                line.smooth = False
                line.marker.symbol = "circle"
        drawn.legend = None if len(chart.series) == 1 else drawn.legend
        drawn.height = 9
        drawn.width = max(16.0, min(40.0, 1.2 * (last_data - 1) + 6))
        ws.add_chart(drawn, f"{get_column_letter(len(sheet.columns) + 2)}2")


EXCEL_ROWS = 1_048_576  # rows a worksheet can hold


def too_many(name: str, rows: int) -> None:
    """An `InputError` when a sheet of `rows` rows is more than a worksheet holds."""
    if rows > EXCEL_ROWS:
        from .errors import InputError, Problem
        from .messages import msg

        problem = msg("safety.xlsx_rows", sheet=name, rows=rows, limit=EXCEL_ROWS)
        raise InputError([Problem("--format", "", "", problem)])


def workbook_bytes(sheets: list[Sheet]) -> bytes:
    """The workbook of `sheets`, as the bytes of an .xlsx file."""
    from openpyxl import Workbook

    for sheet in sheets:
        needed = 1 + len(sheet.rows) + (1 if sheet.totals is not None else 0)
        too_many(sheet.name, needed + (len(sheet.notes) + 1 if sheet.notes else 0))

    book = Workbook(write_only=True)
    taken: set[str] = set()
    for sheet in sheets:
        _add_sheet(book, sheet, taken)
    if not sheets:
        book.create_sheet("Sheet")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
