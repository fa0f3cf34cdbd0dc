"""Excel workbooks out (`--format xlsx`): documents a bureau can print and sign.

A report describes its workbook as `Sheet` values (a title, a unit, labelled and typed
columns, rows of plain values, a totals row, notes, an optional chart);
`workbook_bytes` lays every sheet of every command out the same way:

    row 1    the title (region, what, year or as-of date), merged across the page
    row 2    the unit line (单位：元, 单位：人, 单位：人、元), or empty
    row 3    the header: shaded, bold, wrapped; the row printed atop every page
    rows     the table and its bold totals row: thin borders on every cell
             the notes, merged across the page and wrapped
             the chart, below the notes (never over a cell with data or notes)
             the signature block (制表人： 审核人： 日期：), where the sheet asks for one

Every cell is in one CJK font; money is a number formatted `#,##0.00` (written from
the exact decimals, so reading it back gives the JSON's numbers), a share `0.00%`,
a date a date cell, text is text (never a formula). A page is A4 landscape, one page
wide and as many tall as needed, numbered in the footer. Nothing here computes a
number of the report. Each sheet is written top down as a stream of rows
(`workbook_rows.Rows`): a national sheet of 600,000 sites never holds its cells.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from .escapes import xlsx_text
from .messages import msg
from .workbook_rows import Rows, too_many

Kind = Literal["text", "int", "money", "number", "percent", "date", "any"]
Unit = Literal["yuan", "people", "people_yuan"]

MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00%"
DATE_FORMAT = "yyyy-mm-dd"
FONT = "宋体"  # one CJK font on every cell, Latin letters and digits included
HEADER_ROW = 3  # title, unit line, then the header
PAPER_A4 = 9  # the page setup's paper size: A4
HEADER_FILL = "D9D9D9"
_BODY_SIZE = 11
_TITLE_SIZE = 16
_ROW_POINTS = 15.0  # a row of 11-point text
_HEADER_LINES = 3  # a header wraps onto as many lines, where its column is narrower
_FILLER_WIDTH = 10.0  # a column beyond the table, where the page is wider than the table
# a character of column width: 8 pixels at 96 per inch (a digit of the 11-point CJK
# font), and 5 pixels of margin in each column
CHAR_PIXELS = 8
_CM_PER_CHAR = CHAR_PIXELS * 2.54 / 96
_SHEET_NAME_BAD = set("[]:*?/\\")
_LATIN_WORD = re.compile(r"[!-~]+")  # a header breaks between words, not inside one


@dataclass
class Column:
    label: str
    kind: Kind = "text"
    widest: int = 30  # text wider than this wraps


@dataclass(frozen=True)
class Cell:
    """A value with a kind of its own, in a column whose values differ in kind (a
    share among counts and amounts)."""

    value: Any
    kind: Kind


@dataclass
class Chart:
    """A chart of some columns of a sheet's rows (the totals row left out): bars, or
    lines (a figure over the years).

    The value axis is titled `y_title` with the unit (`金额（元）`): by default the
    charted column's label, or with several series the unit's word (金额, 人数). The
    category axis is titled after the categories column, with `x_unit` (年) if given.
    """

    title: str
    categories: int  # column whose values name the bars (or the points of a line)
    series: list[int]  # columns charted, one series each
    y_title: str = ""
    kind: Literal["bar", "col", "line"] = "col"
    y_unit: Literal["yuan", "people"] = "yuan"
    x_unit: Literal["year"] | None = None


@dataclass
class Sheet:
    name: str  # tab name (at most 31 characters, some characters not allowed)
    title: str  # the title row: region, what, and the year or as-of date
    columns: list[Column]
    rows: list[list[Any]]
    totals: list[Any] | None = None
    chart: Chart | None = None
    notes: list[str] = field(default_factory=list)  # written below the table
    unit: Unit | None = None  # the line under the title; None: a sheet of notes
    signature: bool = False  # ends with 制表人： 审核人： 日期：


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


def words(key: str, lang: str, /, **values: Any) -> str:
    """`documents.<key>` of the catalogue in `lang`."""
    return msg(f"documents.{key}", **values).text(lang)


# --------------------------------------------------------------------------- cells


def typed(value: Any, kind: Kind) -> tuple[Any, Kind]:
    """The value and the kind it is written as: a `Cell` brings its own; in a column
    of kind "any" the value's type decides (an amount has two places)."""
    if isinstance(value, Cell):
        return value.value, value.kind
    if kind != "any":
        return value, kind
    if isinstance(value, Decimal):
        return value, "money" if value.as_tuple().exponent == -2 else "number"
    if isinstance(value, dt.date):
        return value, "date"
    if isinstance(value, int) and not isinstance(value, bool):
        return value, "int"
    return value, "text"


def _shown(value: Any, kind: Kind) -> str:
    """Roughly what Excel shows in the cell, for fitting the column width."""
    if value is None:
        return ""
    if kind == "money" and isinstance(value, Decimal):
        return f"{value:,.2f}"
    if kind == "percent" and isinstance(value, Decimal | int):
        return f"{value * 100:.2f}%"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _number_format(value: Any, kind: Kind) -> str | None:
    """The cell's number format, or None for a text cell."""
    if kind == "money" and isinstance(value, Decimal):
        return MONEY_FORMAT
    if kind == "percent" and isinstance(value, Decimal | int):
        return PERCENT_FORMAT
    if kind == "date" and isinstance(value, dt.date):
        return DATE_FORMAT
    if kind in ("int", "number") and isinstance(value, int | Decimal):
        exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
        if isinstance(exponent, int) and exponent < 0:
            return "0." + "0" * -exponent
        return "General"
    return None


class _Styles:
    """The styles of a workbook's cells, each made once and copied onto every cell
    that wears it (a style per cell would be made again and looked up each time)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="000000")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.fonts = {
            "body": Font(name=FONT, size=_BODY_SIZE),
            "bold": Font(name=FONT, size=_BODY_SIZE, bold=True),
            "title": Font(name=FONT, size=_TITLE_SIZE, bold=True),
        }
        self.fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
        self.align = {
            "text": Alignment(vertical="center", wrap_text=True),
            "number": Alignment(vertical="center"),
            "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
            "right": Alignment(horizontal="right", vertical="center"),
            "left": Alignment(horizontal="left", vertical="center"),
        }
        self.made: dict[tuple[str, str | None], Any] = {}

    def put(self, cell: Any, role: str, number_format: str | None = None) -> None:
        """Style `cell` as `role`: head, body, total (table cells, bordered), title,
        unit, note or plain."""
        key = (role, number_format)
        made = self.made.get(key)
        if made is not None:
            cell._style = made.__copy__()  # an array of style ids: copied at C speed
            return
        table = role in ("head", "body", "total")
        cell.font = self.fonts["bold" if role in ("head", "total") else "body"]
        if role == "title":
            cell.font = self.fonts["title"]
        if table:
            cell.border = self.border
        if role == "head":
            cell.fill = self.fill
            cell.alignment = self.align["center"]
        elif role == "title":
            cell.alignment = self.align["center"]
        elif role == "unit":
            cell.alignment = self.align["right"]
        elif role in ("note", "plain"):
            cell.alignment = self.align["left"] if role == "plain" else self.align["text"]
        else:
            cell.alignment = self.align["number" if number_format else "text"]
        if number_format is not None:
            cell.number_format = number_format
        self.made[key] = copy(cell._style)


def _extent(sheet: Sheet, page: list[float], widths: list[float]) -> tuple[int, int]:
    """The last row and column a sheet writes a cell in or merges: the title is merged
    across the `page`; a chart's rows hold no cell, but a signature block below a
    chart is as far down as the chart reaches (`chart_rows`, from the heights of the
    rows above it, as `_add_sheet` sets them)."""
    last_data = HEADER_ROW + len(sheet.rows)
    r = last_data + (1 if sheet.totals is not None else 0)
    last = r if sheet.columns else 1 if sheet.unit is None else 2  # no header: the title's
    if sheet.notes:
        r = last = r + 1 + len(sheet.notes)
    if sheet.signature:
        if sheet.chart is not None and last_data > HEADER_ROW:
            from .workbook_chart import chart_rows

            head = _head_height(sheet, widths)
            above = 30 + _ROW_POINTS + head  # the title, the unit line, the header
            above += sum(_row_height(row, widths) or _ROW_POINTS for row in sheet.rows)
            above += (r + 1 - last_data - len(sheet.notes)) * _ROW_POINTS  # totals, blanks
            above += sum(_note_height(note, page) for note in sheet.notes)
            categories = len(sheet.rows)
            height, _ = chart_rows(sheet, categories=categories, page=page, above=above, head=head)
            r += 1 + height
        last = r + 2
    return last, max(len(page), len(sheet.columns))


def _row_height(row: list[Any], widths: list[float]) -> float | None:
    """A table row's height: as tall as its longest wrapped text (None: one line)."""
    lines = 1
    for value, width in zip(row, widths, strict=False):
        if isinstance(value, str) and 2 * len(value) > width:  # text, never a number format
            lines = max(lines, _lines(value, width))
    return _ROW_POINTS * lines + 2 if lines > 1 else None


def _head_height(sheet: Sheet, widths: list[float]) -> float:
    """The header row's height: as tall as its longest wrapped label."""
    lines = max(
        (_lines(c.label, w) for c, w in zip(sheet.columns, widths, strict=False)), default=1
    )
    return _ROW_POINTS * lines + 3


def _note_height(note: str, page: list[float]) -> float:
    return _ROW_POINTS * _lines(note, sum(page))


def _write(rows: Rows, row: int, col: int, value: Any, kind: Kind) -> tuple[Any, str | None]:
    """Put `value` in the cell; returns the cell and its number format (None: text)."""
    cell = rows.cell(row, col)
    value, kind = typed(value, kind)
    if value is None or value == "":
        return cell, None
    number_format = _number_format(value, kind)
    if number_format is not None:
        cell.value = value
    else:
        cell.value = xlsx_text(str(value))
        cell.data_type = "s"  # text, even when it begins with "=": never a formula
    return cell, number_format


# --------------------------------------------------------------------------- layout


def _widths(sheet: Sheet) -> list[float]:
    """Each column's width: its widest value (up to the column's `widest`: text wraps beyond),
    and room for its header on up to three lines (a word of Latin letters unbroken)."""
    widths = []
    for j, column in enumerate(sheet.columns):
        widest = 0
        for row in [*sheet.rows, *([sheet.totals] if sheet.totals is not None else [])]:
            value, kind = typed(row[j], column.kind)
            widest = max(widest, display_width(_shown(value, kind)))
        head = display_width(column.label)
        word = max((len(w) for w in _LATIN_WORD.findall(column.label)), default=0)
        head = max(math.ceil(head / _HEADER_LINES), word, 4)
        widths.append(float(min(max(widest, head), column.widest) + 2))
    return widths


def _lines(text: str, width: float) -> int:
    """Lines `text` takes, wrapped in `width` characters."""
    return max(1, math.ceil(display_width(text) / max(width - 1, 1)))


def _page_width(sheet: Sheet, widths: list[float]) -> float:
    """What the page must hold: the table, the title at its size, the chart."""
    need = sum(widths)
    need = max(need, display_width(sheet.title) * _TITLE_SIZE / _BODY_SIZE + 4)
    if sheet.chart is not None:
        from .workbook_chart import chart_width

        need = max(need, chart_width(sheet.chart, len(sheet.rows)) / _CM_PER_CHAR)
    return need


def _add_sheet(book: Any, sheet: Sheet, taken: set[str], styles: _Styles, lang: str) -> None:
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(sheet_name(sheet.name, taken))
    widths = _widths(sheet)
    page = _page_columns(sheet, widths)
    for j, width in enumerate(page, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    last = get_column_letter(len(page))
    # what is written before the rows: the frozen panes, fitting to the page
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    rows = Rows(ws, _extent(sheet, page, widths))
    _write_title(rows, sheet, styles, lang, last)
    _write_head(rows, sheet, styles, widths)
    r = last_data = _write_rows(rows, sheet, styles, widths)
    if sheet.totals is not None:
        r += 1
        for j, (column, value) in enumerate(zip(sheet.columns, sheet.totals, strict=True), start=1):
            cell, number_format = _write(rows, r, j, value, column.kind)
            styles.put(cell, "total", number_format)
    if sheet.notes:
        r = _write_notes(rows, sheet, styles, r + 1, page)
    if sheet.chart is not None and last_data > HEADER_ROW:
        from .workbook_chart import add_chart

        r = add_chart(ws, sheet, lang=lang, top=r + 2, rows=(HEADER_ROW, last_data), page=page)
    if sheet.signature:
        r += 2
        for j, key in zip(_thirds(page), ("prepared", "checked", "date"), strict=True):
            cell = rows.cell(r, j, words(f"signature.{key}", lang))
            styles.put(cell, "plain")
        ws.row_dimensions[r].height = 2 * _ROW_POINTS
    rows.close()
    _print_setup(ws, lang, f"A1:{last}{r}")


def _page_columns(sheet: Sheet, widths: list[float]) -> list[float]:
    """The widths of the table's columns, then of empty ones to the page's width (and
    at least three, for a signature block)."""
    need = _page_width(sheet, widths)
    page = list(widths)
    while sum(page) < need or (sheet.signature and len(page) < 3):
        page.append(_FILLER_WIDTH)
    return page


def _write_title(rows: Rows, sheet: Sheet, styles: _Styles, lang: str, last: str) -> None:
    """The title across the page, and below it the unit across the table."""
    from openpyxl.utils import get_column_letter

    ws = rows.ws
    title = rows.cell(1, 1, xlsx_text(sheet.title))
    title.data_type = "s"
    styles.put(title, "title")
    rows.merge(1, "A", last)
    ws.row_dimensions[1].height = 30
    if sheet.unit is not None:
        unit = rows.cell(2, 1, words(f"unit.{sheet.unit}", lang))
        styles.put(unit, "unit")
        n = len(sheet.columns)
        if n > 1:
            rows.merge(2, "A", get_column_letter(n))


def _write_head(rows: Rows, sheet: Sheet, styles: _Styles, widths: list[float]) -> None:
    """The header row, as tall as its longest wrapped label."""
    for j, column in enumerate(sheet.columns, start=1):
        cell, _ = _write(rows, HEADER_ROW, j, column.label, "text")
        styles.put(cell, "head")
    rows.ws.row_dimensions[HEADER_ROW].height = _head_height(sheet, widths)


def _write_rows(rows: Rows, sheet: Sheet, styles: _Styles, widths: list[float]) -> int:
    """The table's rows below the header; the number of the last."""
    r = HEADER_ROW
    for row in sheet.rows:
        r += 1
        for j, (column, value) in enumerate(zip(sheet.columns, row, strict=True), start=1):
            cell, number_format = _write(rows, r, j, value, column.kind)
            styles.put(cell, "body", number_format)
        height = _row_height(row, widths)
        if height is not None:  # wrapped text: the row as tall as its lines
            rows.ws.row_dimensions[r].height = height
    return r


def _write_notes(rows: Rows, sheet: Sheet, styles: _Styles, r: int, page: list[float]) -> int:
    """The notes, one a row from below row `r`, each across the page; the last row."""
    from openpyxl.utils import get_column_letter

    ws = rows.ws
    last = get_column_letter(len(page))
    for note in sheet.notes:
        r += 1
        cell, _ = _write(rows, r, 1, note, "text")
        styles.put(cell, "note")
        rows.merge(r, "A", last)
        ws.row_dimensions[r].height = _note_height(note, page)
    return r


def _thirds(page: list[float]) -> list[int]:
    """The columns where the signature block's three labels start: the first, and
    those a third and two thirds across the page."""
    starts, across = [1], 0.0
    for j, width in enumerate(page, start=1):
        if len(starts) < 3 and across >= sum(page) * len(starts) / 3 and j > starts[-1]:
            starts.append(j)
        across += width
    while len(starts) < 3:  # a page of few, wide columns
        starts.append(min(starts[-1] + 1, len(page)))
    return starts


def _print_setup(ws: Any, lang: str, area: str) -> None:
    """A4 landscape, one page wide and as many tall as needed, the header row atop
    every page, the page numbers in the footer."""
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = area
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.7
    ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = words("footer", lang)


def _default_font(book: Any) -> None:
    """The workbook's own font (its Normal style, and of every cell left unstyled) is
    the CJK font too: a spreadsheet measures column widths in its characters."""
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    book._fonts = IndexedList([Font(name=FONT, sz=_BODY_SIZE, family=3, charset=134)])


def rows_needed(sheet: Sheet) -> int:
    """The rows of the sheet's table, from the title to the totals."""
    return HEADER_ROW + len(sheet.rows) + (1 if sheet.totals is not None else 0)


def workbook_bytes(sheets: list[Sheet], lang: str = "en") -> bytes:
    """The workbook of `sheets`, as the bytes of an .xlsx file; the unit lines, the
    signature blocks and the footers in `lang`."""
    from openpyxl import Workbook

    for sheet in sheets:
        too_many(sheet.name, rows_needed(sheet) + (len(sheet.notes) + 1 if sheet.notes else 0))

    book = Workbook(write_only=True)  # each sheet's rows streamed, not held as cells
    _default_font(book)
    taken: set[str] = set()
    styles = _Styles()
    for sheet in sheets:
        _add_sheet(book, sheet, taken, styles, lang)
    if not sheets:
        book.create_sheet("Sheet")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
