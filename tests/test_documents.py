"""Workbooks a bureau can print and sign, read back as a spreadsheet reads them.

Each command's workbook of the examples is written once and read back with openpyxl
(cells, styles, print setup) and as the XML of its charts and drawings: a title row, a
unit line, a shaded header repeated on every page, thin borders and one CJK font on
every table cell, money, dates and shares in their formats, A4 landscape one page
wide, numbered pages, signature blocks, and charts below their tables with titles,
axis titles, data labels and a value axis from 0. Also: `--output` names swplan does
not write, and the note of a zh CSV whose ids a spreadsheet would turn into numbers.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from conftest import EXAMPLES, swplan
from hypothesis import given, settings
from hypothesis import strategies as st

from swplan.workbook import Chart, Column, Sheet, workbook_bytes

SMALL = EXAMPLES / "small"
COUNTY = EXAMPLES / "county"
SMALL_DISTRICT = [SMALL / "populations.yaml", SMALL / "roster.yaml"]
PLAN = [
    COUNTY / "populations.yaml",
    COUNTY / "roster.yaml",
    "--passes",
    COUNTY / "passes.csv",
    "--rules",
    EXAMPLES / "plan" / "rules.yaml",
    "--scenarios",
    EXAMPLES / "plan" / "scenarios.yaml",
]
# every command's workbook of the examples (the README's budget and plan among them)
RUNS: dict[str, list[Any]] = {
    "staff": ["staff", SMALL / "populations.yaml", "--roster", SMALL / "roster.yaml"],
    "pay": ["pay", SMALL / "roster.yaml", "--by", "site", "--as-of", "2026-12-01"],
    "awards": [
        "awards",
        SMALL / "roster.yaml",
        "--passes",
        SMALL / "passes.yaml",
        "--ledger",
        SMALL / "ledger.csv",
        "--as-of",
        "2026-01-01",
    ],
    "budget": ["budget", *SMALL_DISTRICT, "--passes", SMALL / "passes.yaml", "--by", "site"],
    "plan": ["plan", *PLAN],
}
SIGNED = {"budget", "awards"}  # every sheet ends with the signature block
UNITS = {"单位：元", "单位：人", "单位：人、元"}
NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


@dataclass
class DrawnChart:
    """A chart as its XML has it, with the rows its drawing anchors it between
    (0-based, as the drawing counts them)."""

    xml: ElementTree.Element
    from_row: int
    to_row: int

    def texts(self, path: str) -> list[str]:
        return ["".join(t.text or "" for t in e.iter(f"{{{NS['a']}}}t")) for e in self.find(path)]

    def find(self, path: str) -> list[ElementTree.Element]:
        return self.xml.findall(path, NS)


@dataclass
class Book:
    path: Path
    wb: Any
    charts: dict[str, list[DrawnChart]]  # by sheet name


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, str]:
    """A part's relationships: id -> the target's path in the package."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in z.namelist():
        return {}
    root = ElementTree.fromstring(z.read(rels))
    out = {}
    for r in root.findall("rel:Relationship", NS):
        target = r.get("Target", "")
        where = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        out[r.get("Id", "")] = posixpath.normpath(where)
    return out


def drawn_charts(path: Path) -> dict[str, list[DrawnChart]]:
    """Each sheet's charts, read from the package: workbook -> sheet -> drawing -> chart."""
    out: dict[str, list[DrawnChart]] = {}
    with zipfile.ZipFile(path) as z:
        sheets = _rels(z, "xl/workbook.xml")
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        for sheet in book.findall("m:sheets/m:sheet", NS):
            part = sheets[sheet.get(f"{{{NS['r']}}}id", "")]
            charts = out.setdefault(sheet.get("name", ""), [])
            for drawing in _rels(z, part).values():
                if "/drawings/" not in drawing:
                    continue
                targets = _rels(z, drawing)
                root = ElementTree.fromstring(z.read(drawing))
                for anchor in root.findall("xdr:twoCellAnchor", NS):
                    chart = anchor.find(".//c:chart", NS)
                    assert chart is not None
                    target = targets[chart.get(f"{{{NS['r']}}}id", "")]
                    charts.append(
                        DrawnChart(
                            ElementTree.fromstring(z.read(target)),
                            int(anchor.findtext("xdr:from/xdr:row", "", NS)),
                            int(anchor.findtext("xdr:to/xdr:row", "", NS)),
                        )
                    )
    return out


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Book]:
    """Every workbook of `RUNS`, in Chinese and in English."""
    folder = tmp_path_factory.mktemp("books")
    out = {}
    for lang in ("zh", "en"):
        for name, args in RUNS.items():
            path = folder / f"{name}-{lang}.xlsx"
            result = swplan(*args, "--lang", lang, "-o", path)
            assert result.code == 0, result.err
            out[name, lang] = Book(path, openpyxl.load_workbook(path), drawn_charts(path))
    return out


def table_end(ws: Any) -> int:
    """The last row of the table (its totals row): the row before the first empty
    row under the header."""
    r = 3
    while any(c.value is not None for c in ws[r + 1]):
        r += 1
    return r


def table_width(ws: Any) -> int:
    return max(c.column for c in ws[3] if c.value is not None)


def last_filled(ws: Any) -> int:
    return max(c.row for line in ws.iter_rows() for c in line if c.value is not None)


# --------------------------------------------------------------------------- every sheet


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(RUNS))
def test_every_sheet_has_title_unit_header_borders_one_font(
    books: dict[tuple[str, str], Book], name: str, lang: str
) -> None:
    book = books[name, lang]
    for ws in book.wb:
        width = table_width(ws)
        # the title: row 1, merged across at least the table, bold, larger
        title = ws["A1"]
        assert isinstance(title.value, str) and title.value, ws.title
        merged = next(r for r in ws.merged_cells.ranges if r.min_row == r.max_row == 1)
        assert merged.min_col == 1 and merged.max_col >= width, ws.title
        assert title.font.b and title.font.sz == 16 and title.font.name == "宋体"
        # the unit line (zh words under zh), or none on a sheet of assumptions
        unit = ws["A2"].value
        if lang == "zh":
            assert unit in UNITS | {None}, (ws.title, unit)
        # the header: shaded, bold, repeated on every printed page
        for cell in ws[3][:width]:
            assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("D9D9D9")
            assert cell.font.b, (ws.title, cell.coordinate)
        assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4"
        # every table cell, the totals row included: thin borders, one CJK font
        end = table_end(ws)
        for line in ws.iter_rows(min_row=3, max_row=end, max_col=width):
            for cell in line:
                sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
                assert all(s.style == "thin" for s in sides), (ws.title, cell.coordinate)
                assert cell.font.name == "宋体", (ws.title, cell.coordinate)
        if ws[end][0].value in ("合计", "Total", "all years"):
            assert all(c.font.b for c in ws[end][:width]), ws.title


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(RUNS))
def test_every_sheet_states_the_range_of_its_cells(
    books: dict[tuple[str, str], Book], name: str, lang: str
) -> None:
    # Sheets are written as a stream, a row at a time; each still opens with its
    # <dimension>, the range of its cells and merges, which readers size a sheet by
    # (openpyxl's read-only mode, pandas): the title merged across the page, down to
    # the signature block or the last note.
    book = books[name, lang]
    wb = openpyxl.load_workbook(book.path)  # read afresh: other tests look past the tables
    with zipfile.ZipFile(book.path) as z:
        parts = _rels(z, "xl/workbook.xml")
        root = ElementTree.fromstring(z.read("xl/workbook.xml"))
        for sheet in root.findall("m:sheets/m:sheet", NS):
            xml = ElementTree.fromstring(z.read(parts[sheet.get(f"{{{NS['r']}}}id", "")]))
            stated = xml.find("m:dimension", NS)
            assert stated is not None, sheet.get("name")
            ws = wb[sheet.get("name", "")]
            assert stated.get("ref") == ws.calculate_dimension(), ws.title
            assert stated.get("ref", "").startswith("A1:")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(RUNS))
def test_every_sheet_prints_a4_landscape_one_page_wide_numbered(
    books: dict[tuple[str, str], Book], name: str, lang: str
) -> None:
    footer = "第 &P 页，共 &N 页" if lang == "zh" else "Page &P of &N"
    book = books[name, lang]
    for ws in book.wb:
        setup = ws.page_setup
        assert setup.paperSize == 9 and setup.orientation == "landscape", ws.title
        assert setup.fitToWidth == 1 and setup.fitToHeight == 0  # as many pages tall as needed
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddFooter.center.text == footer
        # the print area holds everything: the chart, the signature block
        area = ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area
        end = max([last_filled(ws), *(c.to_row for c in book.charts[ws.title])])
        assert area.endswith(f"${end}"), (ws.title, area)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(SIGNED))
def test_every_budget_and_awards_sheet_ends_with_the_signature_block(
    books: dict[tuple[str, str], Book], name: str, lang: str
) -> None:
    words = (
        ["制表人：", "审核人：", "日期："]
        if lang == "zh"
        else ["Prepared by:", "Checked by:", "Date:"]
    )
    book = books[name, lang]
    for ws in book.wb:
        last = last_filled(ws)
        assert [c.value for c in ws[last] if c.value is not None] == words, ws.title
        for chart in book.charts[ws.title]:
            assert chart.to_row < last, ws.title  # below the chart too
        assert last > table_end(ws) + 1


def test_other_workbooks_carry_no_signature_block(books: dict[tuple[str, str], Book]) -> None:
    for name in set(RUNS) - SIGNED:
        for ws in books[name, "zh"].wb:
            texts = {c.value for line in ws.iter_rows() for c in line}
            assert "制表人：" not in texts, (name, ws.title)


# --------------------------------------------------------------------------- every chart


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(RUNS))
def test_every_chart_is_below_its_table_titled_labelled_from_zero(
    books: dict[tuple[str, str], Book], name: str, lang: str
) -> None:
    book = books[name, lang]
    drawn = 0
    for ws in book.wb:
        for chart in book.charts[ws.title]:
            drawn += 1
            # below the table and its notes, over no cell with data: every cell written
            # is above the chart's first row, or (the signature block) below its last
            below = []
            for line in ws.iter_rows():
                for c in line:
                    if c.value is not None and c.row > chart.from_row:  # 0-based from_row
                        assert c.row > chart.to_row + 1, (ws.title, c.coordinate)
                        below.append(c.value)
            assert below == ([] if name not in SIGNED else below[:3]), ws.title
            assert chart.from_row >= table_end(ws)
            (title,) = chart.texts("c:chart/c:title")
            assert title, ws.title
            # both axes titled, the value axis with its unit, from 0
            (category,) = chart.texts("c:chart/c:plotArea/c:catAx/c:title")
            (value,) = chart.texts("c:chart/c:plotArea/c:valAx/c:title")
            assert category and value
            unit = ("（元）", "（人）") if lang == "zh" else ("(CNY)", "(persons)")
            assert value.endswith(unit), (ws.title, value)
            (low,) = chart.find("c:chart/c:plotArea/c:valAx/c:scaling/c:min")
            assert low.get("val") == "0"
            # every series shows its values
            series = chart.find(".//c:ser")
            assert series
            for s in series:
                shown = s.find("c:dLbls/c:showVal", NS)
                assert shown is not None and shown.get("val") == "1", ws.title
            # several series: a legend, and each line its own marker
            legend = chart.find("c:chart/c:legend")
            assert len(legend) == (1 if len(series) > 1 else 0), ws.title
            markers = [m.get("val") for m in chart.find(".//c:lineChart/c:ser/c:marker/c:symbol")]
            assert len(set(markers)) == len(markers)
    assert drawn >= 1


def test_the_plan_chart_starts_at_zero_and_is_titled_in_years_and_yuan(
    books: dict[tuple[str, str], Book],
) -> None:
    # the totals run from 19.6 to 28.2 million: an axis from 0, not from 19 million
    comparison = books["plan", "zh"].charts["对比"][0]
    assert comparison.texts("c:chart/c:plotArea/c:catAx/c:title") == ["年度（年）"]
    assert comparison.texts("c:chart/c:plotArea/c:valAx/c:title") == ["合计（元）"]
    markers = [m.get("val") for m in comparison.find(".//c:ser/c:marker/c:symbol")]
    assert markers == ["circle", "square", "triangle"]  # one per scenario
    # the lines' labels in whole yuan, read against an axis in whole yuan
    formats = {f.get("formatCode") for f in comparison.find(".//c:ser/c:dLbls/c:numFmt")}
    assert formats == {"#,##0"}
    standard = books["plan", "zh"].charts["standard"][0]
    assert standard.texts("c:chart/c:plotArea/c:valAx/c:title") == ["人数（人）"]


def test_the_budget_chart_names_its_axes_and_shows_the_small_lines(
    books: dict[tuple[str, str], Book],
) -> None:
    book = books["budget", "zh"]
    (chart,) = book.charts["预算"]
    assert chart.texts("c:chart/c:title") == ["2026年度预算：709,444.60元"]
    assert chart.texts("c:chart/c:plotArea/c:catAx/c:title") == ["项目"]
    assert chart.texts("c:chart/c:plotArea/c:valAx/c:title") == ["金额（元）"]
    # 考试奖励 6,000.00 and 培训费 4,500.00 beside 509,296.60: their values are written on
    # the bars (the cells' own format), so a bar too short to see still reads
    (series,) = chart.find(".//c:ser")
    assert series.find("c:dLbls/c:dLblPos", NS).get("val") == "outEnd"  # type: ignore[union-attr]
    assert series.find("c:dLbls/c:numFmt", NS) is None
    # the table ends on row 8 (title, unit, header, four lines, total): the chart from row 10
    assert table_end(book.wb["预算"]) == 8
    assert chart.from_row == 9  # 0-based: under the blank row after the table


# --------------------------------------------------------------------------- titles and cells


def test_titles_name_region_what_and_year_or_date(books: dict[tuple[str, str], Book]) -> None:
    region = "示例街道 Example subdistrict "  # the populations' region, ending in Latin
    titles = {
        "budget": [
            f"{region}2026年度社会工作人员经费预算",
            f"{region}2026年度社会工作人员经费预算（按经济分类）",
            f"{region}2026年度各站点社会工作人员经费预算",
            f"{region}2026年度缺编站点及新增岗位经费",
            f"{region}2026年度社会工作人员经费预算测算依据",
        ],
        "pay": [
            "工资测算（2026-12-01）",
            "各站点工资汇总（2026-12-01）",
            "按薪级汇总的年度用人成本（2026-12-01）",
        ],
        "awards": [
            "考试奖励发放表（2026-01-01）",
            "本次不发放的考试奖励（2026-01-01）",
            "考试奖励按考试汇总（2026-01-01）",
        ],
        "staff": [f"{region}社会工作岗位配置测算（2026-01-01）"],
        "plan": [
            "示例区2026-2030年社会工作人员规划：各方案年度总费用对比",
            "示例区2026-2030年社会工作人员规划：方案 standard",
            "示例区2026-2030年社会工作人员规划：方案 ratio_1_15",
            "示例区2026-2030年社会工作人员规划：方案 pay_rise_5",
        ],
    }
    for name, expected in titles.items():
        assert [ws["A1"].value for ws in books[name, "zh"].wb] == expected
    units = {
        # the budget, its economic classification, the sites, the short sites; the
        # assumptions have none
        "budget": ["单位：元", "单位：元", "单位：元", "单位：人、元", None],
        "pay": ["单位：元", "单位：人、元", "单位：人、元"],
        "awards": ["单位：元", "单位：元", "单位：人、元"],
        "staff": ["单位：人"],
        "plan": ["单位：元", "单位：人、元", "单位：人、元", "单位：人、元"],
    }
    for name, expected_units in units.items():
        assert [ws["A2"].value for ws in books[name, "zh"].wb] == expected_units
    english = books["budget", "en"].wb.worksheets[0]
    assert english["A1"].value == "示例街道 Example subdistrict: Social work staff budget 2026"
    assert english["A2"].value == "Unit: CNY"


def test_shares_are_percentages(books: dict[tuple[str, str], Book]) -> None:
    ws = books["budget", "zh"].wb["测算依据"]
    values = {r[0].value: r[1] for r in ws.iter_rows(min_row=4, max_col=2) if r[0].value}
    share = values["人员费用占比"]
    # (509,296.60 + 189,648.00) / 709,444.60 = 698,944.60 / 709,444.60 = 0.98520...
    assert share.value == pytest.approx(0.9852) and share.number_format == "0.00%"
    pension = values["单位缴费比例：养老保险"]
    assert pension.value == pytest.approx(0.16) and pension.number_format == "0.00%"
    assert values["新增人员年度用人成本"].number_format == "#,##0.00"
    assert values["测算日期"].is_date
    plan = books["plan", "zh"].wb["standard"]
    header = [c.value for c in plan[3]]
    share_cell = plan.cell(4, header.index("持证比例") + 1)
    # 2026: 123 certified of 261 workers = 0.4713 (the JSON's four places)
    assert share_cell.value == pytest.approx(0.4713) and share_cell.number_format == "0.00%"
    notes = [c.value for c in plan["A"] if isinstance(c.value, str) and c.value.startswith("假设")]
    assert notes and "离职比例 8.00%" in notes[0]  # attrition 0.08 as the sheet shows shares


def test_the_awards_sheets_give_each_workers_site(books: dict[tuple[str, str], Book]) -> None:
    sites = {"W001": "jinjiang", "W002": "jinjiang", "W003": "jinjiang", "W004": "hongqi"}
    sites["W005"] = "baisha"
    for sheet in ("应发", "不发放"):
        ws = books["awards", "zh"].wb[sheet]
        header = [c.value for c in ws[3]]
        assert header[:3] == ["工号", "姓名", "站点"]
        rows = [r for r in ws.iter_rows(min_row=4, max_row=table_end(ws) - 1, values_only=True)]
        assert rows
        for row in rows:
            assert row[2] == sites[row[0]], (sheet, row)
    due = books["awards", "zh"].wb["应发"]
    # W005's 心理咨询师 pass of 2025-06-20: due, 1,000.00, at baisha
    assert [c.value for c in due[4]][:4] == ["W005", "钱七", "baisha", "心理咨询师"]
    assert due["H4"].value == 1000 and due["H4"].number_format == "#,##0.00"
    assert due["E4"].is_date and due["E4"].number_format == "yyyy-mm-dd"


def test_the_workbook_font_is_the_cjk_font(books: dict[tuple[str, str], Book]) -> None:
    # the default font too (a spreadsheet measures column widths in it)
    with zipfile.ZipFile(books["budget", "en"].path) as z:
        styles = ElementTree.fromstring(z.read("xl/styles.xml"))
    names = {f.get("val") for f in styles.iterfind("m:fonts/m:font/m:name", NS)}
    assert names == {"宋体"}


def test_a_long_table_puts_its_chart_on_a_page_of_its_own(tmp_path: Path) -> None:
    # the county's 58 sites fill pages: the chart of their posts starts a new page,
    # under the repeated header, rather than across a page break
    out = tmp_path / "staff.xlsx"
    result = swplan(
        "staff", COUNTY / "populations.yaml", "--roster", COUNTY / "roster.yaml",
        "--rules", COUNTY / "rules.yaml", "--lang", "zh", "-o", out,
    )  # fmt: skip
    assert result.code == 0, result.err
    ws = openpyxl.load_workbook(out).worksheets[0]
    (chart,) = drawn_charts(out)[ws.title]
    assert [b.id for b in ws.row_breaks.brk] == [chart.from_row]
    assert chart.from_row >= table_end(ws)


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize("name", ["预算.xls", "budget.XLS", "out.ods", "report.dat"])
def test_an_output_swplan_does_not_write_is_a_usage_error(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    result = swplan("budget", *SMALL_DISTRICT, "-o", target)
    assert result.code == 2 and result.out == ""
    assert "which swplan does not write" in result.err and ".xlsx" in result.err
    assert not target.exists()
    spreadsheet = name.lower().endswith((".xls", ".ods"))
    wanted = target.with_suffix(".xlsx" if spreadsheet else ".txt").name
    assert f"name it {tmp_path / wanted}" in result.err
    zh = swplan("budget", *SMALL_DISTRICT, "-o", target, "--lang", "zh")
    assert zh.code == 2 and "不是 swplan 能写的格式" in zh.err


def test_devices_dashes_and_names_without_an_extension_are_written(tmp_path: Path) -> None:
    assert swplan("budget", *SMALL_DISTRICT, "-o", "/dev/null").code == 0
    assert swplan("budget", *SMALL_DISTRICT, "-o", "-").out.startswith("Budget 2026")
    plain = tmp_path / "budget"
    assert swplan("budget", *SMALL_DISTRICT, "-o", plain, "-f", "json").code == 0
    assert plain.read_text(encoding="utf-8").startswith("{")


NUMBERISH = (
    "0101,张三,jinjiang,本科,无,2020-01-01\n110101199001011234,李四,jinjiang,本科,无,2020-01-01\n"
)


def test_a_zh_csv_of_ids_a_spreadsheet_would_turn_into_numbers_gets_one_note(
    tmp_path: Path,
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("工号,姓名,站点,学历,职称,入职日期\n" + NUMBERISH, encoding="utf-8")
    for extra in ([], ["--by", "site"]):
        result = swplan("pay", roster, "--lang", "zh", "-f", "csv", *extra)
        assert result.code == 0, result.err
        notes = [line for line in result.err.splitlines() if "电子表格" in line]
        if extra:  # one row per site: no worker id, and "jinjiang" is no number
            assert notes == []
            continue
        # 0101 would show as 101: the first such id is named, once, with the xlsx output
        assert notes == [
            "说明：电子表格打开此 CSV 时会把 '0101' 这样的编号当作数字（0101 显示为 101，18 位编号"
            "显示为 3.6E+17）；xlsx 输出（--format xlsx 或 -o 文件名.xlsx）中编号为文本单元格"
        ]
        assert result.out.splitlines()[1].startswith("0101,")  # the CSV keeps the id as it is
    # an English CSV keeps §5's plain columns: no note; nor ids a spreadsheet keeps as text
    english = swplan("pay", roster, "-f", "csv")
    assert "spreadsheet" not in english.err
    plain = tmp_path / "plain.csv"
    plain.write_text(
        "工号,姓名,站点,学历,职称,入职日期\nW0101,张三,jinjiang,本科,无,2020-01-01\n"
        "12345678901,李四,jinjiang,本科,无,2020-01-01\n",  # 11 digits: shown whole
        encoding="utf-8",
    )
    assert "电子表格" not in swplan("pay", plain, "--lang", "zh", "-f", "csv").err


def test_the_ids_note_for_site_ids_of_a_table_report(tmp_path: Path) -> None:
    pops = tmp_path / "populations.yaml"
    pops.write_text(
        "sites:\n  - {id: '0101', name: 金江社区, kind: urban_community, clients: {elderly: 57}}\n",
        encoding="utf-8",
    )
    result = swplan("staff", pops, "--lang", "zh", "-f", "csv")
    assert result.code == 0, result.err
    assert result.err.count("电子表格打开此 CSV 时会把 '0101' 这样的编号当作数字") == 1
    book = tmp_path / "staff.xlsx"
    assert swplan("staff", pops, "--lang", "zh", "-o", book).code == 0
    cell = openpyxl.load_workbook(book).worksheets[0]["A4"]
    assert cell.value == "0101" and cell.data_type == "s"  # in the workbook: text


# texts that wrap (long, spaced, CJK) or not, and one that looks like a formula
TEXT = st.sampled_from(
    ["社区", "Elderly", "x" * 40, "长" * 30, "", "a b c d e f g h i j k l", "=A1"]
)


@st.composite
def sheets(draw: st.DrawFn) -> Sheet:
    """A sheet of any shape a report makes: 0-4 columns, 0-40 rows, wrapped text,
    totals, notes, a chart of any kind, a signature block, a unit or none."""
    width = draw(st.integers(0, 4))
    rows = draw(st.integers(0, 40)) if width else 0
    charted = width >= 2 and draw(st.booleans())
    columns = [
        Column(draw(TEXT) or "c", widest=draw(st.sampled_from([10, 30]))) for _ in range(width)
    ]
    table = [[draw(TEXT) for _ in range(width)] for _ in range(rows)]
    chart = None
    if charted:
        columns[1] = Column("n", "int")
        for row in table:
            row[1] = draw(st.integers(0, 99))
        chart = Chart(
            "图" * draw(st.integers(1, 9)),
            0,
            [1],
            kind=draw(st.sampled_from(["bar", "col", "line"])),
        )
    return Sheet(
        "s",
        "标题" * draw(st.integers(1, 20)),
        columns,
        table,
        totals=[*(["合计"] if width else []), *([None] * (width - 1))]
        if draw(st.booleans()) and width
        else None,
        chart=chart,
        notes=[draw(TEXT) * draw(st.integers(1, 9)) for _ in range(draw(st.integers(0, 3)))],
        unit=draw(st.sampled_from([None, "yuan", "people"])),
        signature=draw(st.booleans()),
    )


@settings(max_examples=60, deadline=None)
@given(sheets(), st.sampled_from(["zh", "en"]))
def test_a_sheet_of_any_shape_is_written_to_the_range_it_states(sheet: Sheet, lang: str) -> None:
    # The layout works out ahead, before the first row is streamed, where the sheet
    # ends (a signature block below a chart included); the writer refuses to end
    # anywhere else, and the file states that range.
    data = workbook_bytes([sheet], lang)
    stated = re.search(
        r'<dimension ref="([^"]+)"',
        zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode(),
    )
    assert stated is not None
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert stated.group(1) == ws.calculate_dimension()
    if sheet.signature:  # the signature block is the sheet's last row
        last = int(re.sub(r"^A1:[A-Z]+", "", stated.group(1)))
        assert ws.cell(last, 1).value in ("制表人：", "Prepared by:")
