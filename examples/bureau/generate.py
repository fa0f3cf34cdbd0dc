"""Build the bureau workbooks of this folder: examples/small as a bureau keeps it.

The same six workers, three sites and exam passes as examples/small, laid out the way
a 民政局 keeps them in Excel: a title row above the table, Chinese headers and values,
a 序号 column, merged site cells, a 合计 row and a signature line below the table, and
a 填表说明 sheet beside it. The roster's own exams (examples/small/roster.yaml) are
rows of the passes workbook, since a roster table has no place for them.

Run from the repository root:  python examples/bureau/generate.py
The output is the same on every run (fixed document dates, no formulas).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2026, 1, 1)

ROSTER_HEADERS = [
    "序号",
    "工号",
    "姓名",
    "性别",
    "所在站点",
    "学历",
    "职称",
    "岗位",
    "入职日期",
    "工龄",
    "考核等次",
    "联系电话",
]
ROSTER_ROWS: list[list[Any]] = [
    [
        1,
        "W001",
        "张三",
        "男",
        "金江社区",
        "本科",
        "助理社会工作师",
        None,
        dt.date(2016, 9, 1),
        None,
        "良好",
        "13800000001",
    ],
    [
        2,
        "W002",
        "李四",
        "男",
        "金江社区",
        "硕士",
        "社会工作师",
        "站长",
        None,
        12,
        "优秀",
        "13800000002",
    ],
    [
        3,
        "W003",
        "王五",
        "女",
        "金江社区",
        "大专",
        "无",
        None,
        dt.date(2024, 3, 15),
        None,
        None,
        "13800000003",
    ],
    [
        4,
        "W004",
        "赵六",
        "女",
        "红旗社区",
        "本科",
        None,
        "副站长",
        dt.date(2019, 7, 1),
        None,
        "合格",
        "13800000004",
    ],
    [
        5,
        "W005",
        "钱七",
        "男",
        "白沙镇社工站",
        "中专",
        "助理社工师",
        None,
        None,
        3,
        "不合格",
        "13800000005",
    ],
    [
        6,
        "W006",
        "孙八",
        "女",
        "白沙镇社工站",
        "博士",
        "高级社会工作师",
        None,
        dt.date(2005, 3, 1),
        None,
        "良好",
        "13800000006",
    ],
]
ROSTER_NOTES = [
    "1. 每名社会工作者填写一行；工号为人员编号，不得重复。",
    "2. 所在站点填写站点名称（与服务对象统计表一致）；同一站点的人员可合并单元格。",
    "3. 学历填写：中专、大专、本科、硕士、博士。",
    "4. 职称填写：无、助理社会工作师、社会工作师、高级社会工作师；无职称可不填。",
    "5. 岗位填写：站长、副站长；一般岗位可不填。",
    "6. 入职日期与工龄填写其一；考核等次填写：优秀、良好、合格、基本合格、不合格。",
    "7. 合计行及填表人、审核人行不属于人员数据。",
]

POPULATION_CATEGORIES = ["老年人", "儿童", "青少年", "残疾人", "社会救助对象", "社区矫正对象"]
POPULATION_HEADERS = ["序号", "站点编号", "站点名称", "站点类型", *POPULATION_CATEGORIES]
POPULATION_ROWS: list[list[Any]] = [
    [1, "jinjiang", "金江社区", "城市社区", 57, 12, 0, 9, 0, 0],
    [2, "hongqi", "红旗社区", "城市社区", 8, 0, 5, 0, 0, 0],
    [3, "baisha", "白沙镇社工站", "乡镇社工站", 41, 0, 0, 0, 23, 6],
]
POPULATION_NOTES = [
    "1. 每个站点填写一行，站点编号不得重复。",
    "2. 站点类型填写：城市社区、农村社区、乡镇社工站、社工机构、福利机构。",
    "3. 服务对象人数填写整数，没有的填 0。",
]

PASSES_HEADERS = ["序号", "工号", "姓名", "考试名称", "通过日期", "备注"]
PASSES_ROWS: list[list[Any]] = [
    [1, "W001", "张三", "助理社会工作师", dt.date(2025, 11, 2), None],
    [2, "W005", "钱七", "心理咨询师", dt.date(2025, 6, 20), None],
    [3, "W001", "张三", "社会工作师", dt.date(2025, 12, 20), None],
    [4, "W004", "赵六", "社会工作师", dt.date(2025, 11, 15), None],
    [5, "W004", "赵六", "助理社会工作师", dt.date(2025, 3, 8), None],
    [6, "W003", "王五", "助理社会工作师", dt.date(2025, 11, 30), None],
    [7, "W003", "王五", "助理社会工作师", dt.date(2025, 11, 30), "重复上报"],
    [8, "W002", "李四", "社会工作师", dt.date(2024, 10, 12), None],
]
PASSES_NOTES = [
    "1. 每次考试通过填写一行；同一人通过多项考试的分行填写。",
    "2. 考试名称填写：助理社会工作师、社会工作师、高级社会工作师、心理咨询师。",
    "3. 通过日期以成绩公布或证书签发日期为准。",
]

BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center")


def _table_sheet(ws: Worksheet, title: str, headers: list[str], rows: list[list[Any]]) -> int:
    """Title row, blank-free header row and data rows; returns the next free row."""
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = CENTER
    ws.append(headers)
    for cell in ws[2]:
        cell.font = BOLD
        cell.alignment = CENTER
    for row in rows:
        ws.append(row)
    first, last = 3, 2 + len(rows)
    for col, header in enumerate(headers, start=1):
        if header == "序号":
            for r in range(first, last + 1):
                ws.cell(r, col).number_format = "000"
        for r in range(first, last + 1):
            if isinstance(ws.cell(r, col).value, dt.date):
                ws.cell(r, col).number_format = "yyyy-mm-dd"
        width = max(len(str(header)), *(len(str(row[col - 1] or "")) for row in rows))
        ws.column_dimensions[ws.cell(2, col).column_letter].width = 2 * width + 2
    ws.freeze_panes = "A3"
    return last + 1


def _notes_sheet(wb: Workbook, lines: list[str]) -> None:
    ws = wb.create_sheet("填表说明")
    ws.append(["填表说明"])
    ws.cell(1, 1).font = BOLD
    for line in lines:
        ws.append([line])
    ws.column_dimensions["A"].width = 80


def _merge_runs(ws: Worksheet, column: int, first: int, last: int) -> None:
    """Merge each run of equal values in one column (the way site cells are merged)."""
    start = first
    for r in range(first + 1, last + 2):
        if r > last or ws.cell(r, column).value != ws.cell(start, column).value:
            if r - 1 > start:
                ws.merge_cells(
                    start_row=start, start_column=column, end_row=r - 1, end_column=column
                )
                ws.cell(start, column).alignment = CENTER
            start = r


def _footer(ws: Worksheet, row: int, totals: list[Any]) -> None:
    ws.append(totals)
    for cell in ws[row]:
        cell.font = BOLD
    ws.append([])
    ws.append(["填表人：李明    审核人：王芳    填报日期：2026年1月5日"])


def build_roster() -> Workbook:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "花名册"
    end = _table_sheet(ws, "2026年度社会工作者花名册", ROSTER_HEADERS, ROSTER_ROWS)
    _merge_runs(ws, ROSTER_HEADERS.index("所在站点") + 1, 3, end - 1)
    _footer(ws, end, ["合计", None, f"{len(ROSTER_ROWS)}人"])
    _notes_sheet(wb, ROSTER_NOTES)
    return wb


def build_populations() -> Workbook:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "服务对象"
    end = _table_sheet(ws, "2026年度各站点服务对象统计表", POPULATION_HEADERS, POPULATION_ROWS)
    _merge_runs(ws, POPULATION_HEADERS.index("站点类型") + 1, 3, end - 1)
    sums = [sum(row[i] for row in POPULATION_ROWS) for i in range(4, len(POPULATION_HEADERS))]
    _footer(ws, end, ["合计", None, f"{len(POPULATION_ROWS)}个站点", None, *sums])
    _notes_sheet(wb, POPULATION_NOTES)
    return wb


def build_passes() -> Workbook:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "考试通过"
    end = _table_sheet(
        ws, "2025年度社会工作者职业水平考试通过人员名单", PASSES_HEADERS, PASSES_ROWS
    )
    _footer(ws, end, ["合计", None, f"{len(PASSES_ROWS)}人次"])
    _notes_sheet(wb, PASSES_NOTES)
    return wb


WORKBOOKS = {
    "roster.xlsx": build_roster,
    "populations.xlsx": build_populations,
    "passes.xlsx": build_passes,
}


def main(out_dir: Path = HERE) -> None:
    for name, build in WORKBOOKS.items():
        wb = build()
        wb.properties.created = FIXED_TIME
        wb.properties.modified = FIXED_TIME
        wb.save(out_dir / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
