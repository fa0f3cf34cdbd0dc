"""The chart of a sheet (`swplan.workbook`): placed below the table and its notes, across
the page, never over a cell with data; a title, axis titles with their units, the
values on the bars or points, the value axis from 0, a legend when there are several
series and a marker shape of its own for each line. A chart that would not fit on
what is left of its page starts a new page.
"""

from __future__ import annotations

import math
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from .workbook import _CM_PER_CHAR, _ROW_POINTS, CHAR_PIXELS, words

if TYPE_CHECKING:
    from .workbook import Chart, Sheet

_MIN_WIDTH_CM = 16.0
_MAX_WIDTH_CM = 40.0
_HEIGHT_CM = 9.5
_LEAST_CM = 7.0  # a chart squeezed onto the end of a page is at least this tall
_POINTS_PER_CM = 72 / 2.54
_MANY = 20  # more categories than this: bars lie down, one under another
# A4 landscape inside the margins (`workbook._print_setup`), in centimetres
PAGE_WIDTH_CM = 29.7 - 2 * 0.5 * 2.54
PAGE_HEIGHT_CM = 21.0 - (0.6 + 0.7) * 2.54
# a line's marker: each series its own
MARKERS = ("circle", "square", "triangle", "diamond", "x", "star", "plus", "dash")


def lying(chart: Chart, categories: int) -> bool:
    """Bars lying down (a bar chart), one under another: a chart of many categories."""
    return chart.kind == "bar" or (chart.kind == "col" and categories > _MANY)


def chart_width(chart: Chart, categories: int) -> float:
    """The chart's width in centimetres: room for each category's bars or points."""
    if chart.kind == "line" or lying(chart, categories):
        return _MIN_WIDTH_CM
    per = 0.9 + 0.6 * (len(chart.series) - 1)
    return min(max(_MIN_WIDTH_CM, categories * per + 4), _MAX_WIDTH_CM)


def chart_height(chart: Chart, categories: int) -> float:
    """The chart's height in centimetres: bars lying down need a line each."""
    if lying(chart, categories):  # a line of 8-point type for each category's name
        return max(_HEIGHT_CM, categories * max(0.6, 0.3 * len(chart.series)) + 3)
    return _HEIGHT_CM


def axis_titles(sheet: Sheet, chart: Chart, lang: str) -> tuple[str, str]:
    """The category axis's title and the value axis's, each with its unit."""
    x = sheet.columns[chart.categories].label
    if chart.x_unit is not None:
        unit = words(f"unit_word.{chart.x_unit}", lang)
        if unit.lower() != x.lower():  # 年度（年）; "Year", not "Year (year)"
            x = words("axis", lang, title=x, unit=unit)
    y = chart.y_title
    if not y:
        if len(chart.series) == 1:
            y = sheet.columns[chart.series[0]].label
        else:
            y = words(f"axis_word.{chart.y_unit}", lang)
    y = words("axis", lang, title=y, unit=words(f"unit_word.{chart.y_unit}", lang))
    return x, y


@cache
def _label_list() -> Any:
    """openpyxl's data labels, their number format a `c:numFmt` with `sourceLinked`
    (openpyxl writes the format code alone, which LibreOffice ignores)."""
    from openpyxl.chart.descriptors import NumberFormatDescriptor
    from openpyxl.chart.label import DataLabelList

    class Labels(DataLabelList):
        tagname = "dLbls"
        numFmt = NumberFormatDescriptor()  # type: ignore[call-overload]
        __elements__ = DataLabelList.__elements__
        __nested__ = tuple(n for n in DataLabelList.__nested__ if n != "numFmt")

    return Labels


def _small_type() -> Any:
    """8-point type, for the values on the bars and the names of many categories."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    small = CharacterProperties(sz=800)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=small), endParaRPr=small)])


def _labels(position: str, number_format: str | None) -> Any:
    """The values on a series' bars or points, in 8-point type, in `number_format`
    (None: the cells' own)."""
    return _label_list()(
        numFmt=number_format,
        txPr=_small_type(),
        dLblPos=position,
        showVal=True,
        showLegendKey=False,
        showCatName=False,
        showSerName=False,
        showPercent=False,
        showBubbleSize=False,
    )


def _line_labels(sheet: Sheet, chart: Chart) -> list[str]:
    """Where each line's values sit: above the highest line, below the lowest, beside
    the others (so that two lines' labels do not sit on one another)."""

    def mean(j: int) -> float:
        values = [float(row[j]) for row in sheet.rows if isinstance(row[j], int | Decimal)]
        return sum(values) / len(values) if values else 0.0

    ranked = sorted(range(len(chart.series)), key=lambda i: -mean(chart.series[i]))
    places = ["r"] * len(chart.series)
    places[ranked[-1]] = "b"
    places[ranked[0]] = "t"
    return places


def _drawn(ws: Any, sheet: Sheet, chart: Chart, lang: str, rows: tuple[int, int]) -> Any:
    """The openpyxl chart of the table's `rows` (its header row, its last data row)."""
    from openpyxl.chart import BarChart, LineChart, Reference

    header, last = rows
    drawn: Any
    if chart.kind == "line":
        drawn = LineChart()
    else:
        drawn = BarChart()
        drawn.type = "bar" if lying(chart, last - header) else "col"
        drawn.gapWidth = 80
        if drawn.type == "bar":
            drawn.x_axis.scaling.orientation = "maxMin"  # the first row on top, as in the table
            drawn.x_axis.txPr = _small_type()  # every category named, one under another
            drawn.x_axis.tickLblSkip = 1
    drawn.title = chart.title
    drawn.x_axis.title, drawn.y_axis.title = axis_titles(sheet, chart, lang)
    drawn.y_axis.scaling.min = 0  # a rise of 5 % looks like 5 %
    drawn.y_axis.numFmt = "#,##0"  # whole yuan on the axis; the cells keep the fen
    drawn.y_axis.delete = False
    drawn.x_axis.delete = False
    for j in chart.series:
        data = Reference(ws, min_col=j + 1, min_row=header, max_row=last)
        drawn.add_data(data, titles_from_data=True)
    drawn.set_categories(
        Reference(ws, min_col=chart.categories + 1, min_row=header + 1, max_row=last)
    )
    places = _line_labels(sheet, chart)
    for i, series in enumerate(drawn.series):
        if chart.kind == "line":  # a figure per year: straight lines through marked points
            # several lines of large amounts: whole yuan, above, below, beside their points
            whole = "#,##0" if chart.y_unit == "yuan" else None
            series.dLbls = _labels(places[i], whole)
            series.smooth = False
            series.marker.symbol = MARKERS[i % len(MARKERS)]
            series.marker.size = 7
        else:
            series.dLbls = _labels("outEnd", None)
    if len(chart.series) > 1:
        drawn.legend.position = "b"
    else:
        drawn.legend = None
    return drawn


def _points_above(ws: Any, top: int) -> float:
    """The height of the rows above `top`, in points."""
    dims = ws.row_dimensions
    total = 0.0
    for r in range(1, top):
        dim = dims.get(r)
        total += dim.height if dim is not None and dim.height else _ROW_POINTS
    return total


def _page_columns_cm(page: list[float]) -> float:
    return sum((w * CHAR_PIXELS + 5) * 2.54 / 96 for w in page)


def chart_rows(
    sheet: Sheet, *, categories: int, page: list[float], above: float, head: float
) -> tuple[int, bool]:
    """How many rows `sheet.chart` covers, drawn below rows `above` points tall (the
    header row `head` points, atop every printed page), and whether it starts a new
    page. What is left of the page holds it (a chart of columns or lines squeezed to
    no less than 7 cm), or it starts the next page."""
    chart = sheet.chart
    assert chart is not None
    # the page as printed one page wide: its height in the sheet's points
    scale = min(1.0, PAGE_WIDTH_CM / _page_columns_cm(page))
    page_points = PAGE_HEIGHT_CM * _POINTS_PER_CM / scale
    used = above  # of the chart's page; later pages begin with the header row again
    if above > page_points:
        used = head + (above - page_points) % (page_points - head)
    room = 0.92 * (page_points - used) - (3 * _ROW_POINTS if sheet.signature else 0)
    wanted = chart_height(chart, categories) * _POINTS_PER_CM
    full = 0.9 * (page_points - head)  # a page of its own, under the header row
    new_page = False
    if wanted > room and (room < _LEAST_CM * _POINTS_PER_CM or lying(chart, categories)):
        new_page = True
        wanted = min(wanted, full)
    elif wanted > room:
        wanted = room
    return max(1, math.floor(wanted / _ROW_POINTS)), new_page


def add_chart(
    ws: Any, sheet: Sheet, *, lang: str, top: int, rows: tuple[int, int], page: list[float]
) -> int:
    """Draw `sheet.chart` of the table's `rows` (header, last data row) from row `top`
    down, across the `page`'s columns (their widths) as far as it needs (`chart_rows`);
    returns the last row it covers."""
    from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
    from openpyxl.worksheet.pagebreak import Break

    chart = sheet.chart
    assert chart is not None
    header, last = rows
    categories = last - header
    drawn = _drawn(ws, sheet, chart, lang, rows)
    head = ws.row_dimensions[header].height or _ROW_POINTS
    height, new_page = chart_rows(
        sheet, categories=categories, page=page, above=_points_above(ws, top), head=head
    )
    if new_page:
        ws.row_breaks.append(Break(id=top - 1))

    width = max(chart_width(chart, categories), _page_columns_cm(page[: len(sheet.columns)]))
    if not lying(chart, categories) and chart.kind != "line":
        width = min(width, max(_MAX_WIDTH_CM, chart_width(chart, categories)))
    across, covered = 0, 0.0
    while across < len(page) and covered < width / _CM_PER_CHAR:
        covered += page[across]
        across += 1
    for r in range(top, top + height):
        ws.row_dimensions[r].height = _ROW_POINTS
    anchor = TwoCellAnchor(editAs="oneCell")
    anchor._from = AnchorMarker(col=0, row=top - 1)
    anchor.to = AnchorMarker(col=across, row=top - 1 + height)
    drawn.anchor = anchor
    ws.add_chart(drawn)
    return top + height - 1
