"""A county's populations workbooks as its offices send them: no edit, no silent wrong
number (docs/formats.md). Each rule has its test, on a workbook built here as an office builds
one (`office.py`); the right numbers are worked out by hand in the comments.

National rules: one post per 20 clients of a category; the remainders of all
categories share ceil(sum(remainder / 20)) mixed posts; an urban community needs at
least 1 post.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import swplan
from office import Sheet, build, first_row

CAPTION = "东湖县2026年社工站服务对象统计表"


def staff(path: Path, *more: str | Path) -> Any:
    result = swplan("staff", path, *more, "-f", "json")
    assert result.code == 0, result.err
    return result.json()


def required(data: Any) -> dict[str, int]:
    return {s["id"]: s["required"] for s in data["sites"]}


# --------------------------------------------------------------------------- totals rows


def county(tmp_path: Path, total: list[Any] | None = None, **cells: Any) -> tuple[Path, Sheet]:
    """东湖县's sites under two towns, each with its subtotal, and the county total."""
    rows = [
        [1, "金江社区", cells.get("jinjiang", 30), 5],
        [2, "红旗社区", 10, None],
        [None, "东湖街道小计", 40, 5],
        [3, "白沙社区", cells.get("baisha", 25), 0],
        [None, "小计（城关镇）", 25, 0],
        total or [None, "全 县 合 计", 65, 5],
    ]
    spec = Sheet("服务对象", [["序号", "站点名称", "老年人", "儿童"]], rows, caption=CAPTION)
    return build(tmp_path / "populations.xlsx", spec, notes_first=True), spec


def test_totals_rows_whatever_their_label_are_skipped_and_named(tmp_path: Path) -> None:
    # Read as sites, 东湖街道小计 (40, 5), 小计（城关镇） (25) and 全县合计 (65, 5) would
    # ask for 3 + 2 + 4 more posts. The three sites alone:
    #   金江 30 elderly, 5 children: 1 dedicated; (10 + 5) / 20 = 0.75 -> 1 mixed: 2
    #   红旗 10 elderly: 0 dedicated; 0.5 -> 1 mixed: 1
    #   白沙 25 elderly: 1 dedicated; 0.25 -> 1 mixed: 2            total 5
    path, spec = county(tmp_path)
    data = staff(path)
    assert required(data) == {"金江社区": 2, "红旗社区": 1, "白沙社区": 2}
    assert data["totals"]["required"] == 5
    first = first_row(spec)  # 4: caption, 单位, header
    assert data["notes"] == [
        f"{path}: ignored the column '序号', which swplan does not use",
        f"{path} sheet 服务对象: skipped rows {first + 2}, {first + 4}, {first + 5}: a totals row",
        f"{path} sheet 服务对象: skipped rows 11, 12: a footer row (a signature or a note)",
        "read 70 clients: Elderly 65, Children 5",  # 30 + 10 + 25 = 65; 5
    ]


def test_the_sheets_own_total_is_held_against_the_sites_read(tmp_path: Path) -> None:
    # 全县合计 says 70 elderly; the sites read hold 30 + 10 + 25 = 65: an error at the
    # total's own cell (C9: caption, 单位, header, then six rows from row 4)
    path, _ = county(tmp_path, total=[None, "全县合计", 70, 5])
    result = swplan("staff", path)
    assert result.code == 2
    assert (
        f"error: {path}:服务对象!C9: elderly: the sheet's total of Elderly is 70, but the "
        "sites read hold 65; fix the sheet, or give --no-totals-check to go on with a "
        "warning\n"
    ) in result.err
    # --no-totals-check: the same words as a warning, in every format, and the numbers
    lenient = swplan("staff", path, "--no-totals-check", "-f", "json")
    assert lenient.code == 0, lenient.err
    assert lenient.json()["totals"]["required"] == 5
    (warning,) = lenient.json()["warnings"]
    assert warning.startswith(f"{path}:服务对象!C9: elderly: the sheet's total of Elderly is 70")


def test_a_total_that_leaves_out_a_number_stored_as_text_names_that_cell(
    tmp_path: Path,
) -> None:
    # 白沙社区's 25 typed as text: the sheet's own SUM leaves it out (30 + 10 = 40), the
    # sites read hold 65; the excess, 25, is 白沙社区's row (row 7) and its text cell C7
    path, _ = county(tmp_path, total=[None, "全县合计", 40, 5], baisha="25")
    result = swplan("staff", path)
    assert result.code == 2
    assert (
        "the sheet's total of Elderly is 40, but the sites read hold 65; rows that may be "
        "subtotals or given twice: 7; cells holding a number as text, which the sheet's own "
        "SUM leaves out: 服务对象!C7;"
    ) in result.err


def test_a_subtotal_without_a_totals_word_is_named_as_the_rows_to_look_at(tmp_path: Path) -> None:
    # 东湖街道 (no 小计): read as a site, 40 = 30 + 10, the two rows above it; the sites
    # read then hold 105 elderly against the sheet's 65
    rows = [
        [1, "金江社区", 30],
        [2, "红旗社区", 10],
        [None, "东湖街道", 40],
        [3, "白沙社区", 25],
        [None, "合计", 65],
    ]
    spec = Sheet("服务对象", [["序号", "站点名称", "老年人"]], rows, caption=CAPTION)
    path = build(tmp_path / "p.xlsx", spec)
    result = swplan("staff", path)
    assert result.code == 2
    assert "total of Elderly is 65, but the sites read hold 105; rows that may be" in result.err
    assert "subtotals or given twice: 6;" in result.err  # sheet row 6: 东湖街道


# --------------------------------------------------------------------------- every client


def test_a_category_by_its_national_alias_is_counted(tmp_path: Path) -> None:
    # 20 elderly + 40 低保对象 (national alias of social_assistance): 1 + 2 = 3 posts; with
    # 低保对象 dropped as an unknown column it was 1
    spec = Sheet(
        "Sheet1", [["站点名称", "类型", "老年人", "低保对象"]], [["金江社区", "社区", 20, 40]]
    )
    data = staff(build(tmp_path / "p.xlsx", spec))
    assert required(data) == {"金江社区": 3}
    assert data["sites"][0]["kind"] == "urban_community"  # 社区: national alias
    assert data["notes"][-1] == "read 60 clients: Elderly 20, Social assistance 40"


def test_a_column_of_numbers_that_names_no_category_is_refused(tmp_path: Path) -> None:
    # 孤寡老人 names no category: its 12 clients would be lost; 常住人口, 面积 and 联系电话
    # hold numbers that are no clients, and 备注 text: those are read past
    header = [
        "序号",
        "站点名称",
        "老年人",
        "孤寡老人",
        "常住人口",
        "面积（平方公里）",
        "联系电话",
        "备注",
    ]
    rows = [[1, "金江社区", 30, 12, 5210, 2.5, 5551234, "新建"]]
    path = build(tmp_path / "p.xlsx", Sheet("Sheet1", [header], rows))
    result = swplan("staff", path)
    assert result.code == 2
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {path}:Sheet1!D1: 孤寡老人: column '孤寡老人' holds numbers but names no "
        "category, so they would not be counted (nearest category: Elderly); if they are "
        "clients, add the header to categories.elderly.aliases in the rules; if not, add "
        "it to columns.populations.ignore"
    ]
    # the fix the message names: an alias in the bureau's rules; 30 + 12 = 42 elderly:
    # 2 dedicated, 2 / 20 -> 1 mixed: 3 posts
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "extends: national\ncolumns: {populations: {elderly: [孤寡老人]}}\n", encoding="utf-8"
    )
    result = swplan("staff", path, "--rules", rules, "-f", "json")
    assert result.code == 2  # 老年人 and 孤寡老人 now both give elderly: keep one
    assert "columns '老年人' and '孤寡老人' both give 'elderly'; keep one" in result.err
    rules.write_text(
        "extends: national\ncolumns: {populations: {ignore: [孤寡老人]}}\n", encoding="utf-8"
    )
    assert required(staff(path, "--rules", rules)) == {"金江社区": 2}  # 30: 1 + 1


def test_a_two_row_header_with_units_and_national_aliases(tmp_path: Path) -> None:
    # 服务对象（人） merged over 老年人 | 困境儿童 | 特困人员: elderly, children, social
    # assistance. 金江: 45 / 12 / 8 -> 2 dedicated; (5 + 12 + 8) / 20 = 1.25 -> 2 mixed: 4
    header = [
        ["序号", "站点名称", "服务对象（人）", None, None],
        [None, None, "老年人", "困境儿童", "特困人员"],
    ]
    spec = Sheet(
        "统计", header, [[1, "金江社区", 45, 12, 8]], merge_header=["C3:E3"], caption=CAPTION
    )
    data = staff(build(tmp_path / "p.xlsx", spec))
    assert required(data) == {"金江社区": 4}
    assert data["sites"][0]["dedicated"] == {"elderly": 2, "children": 0, "social_assistance": 0}
    assert data["notes"][-1] == ("read 65 clients: Elderly 45, Children 12, Social assistance 8")


def test_a_totals_column_is_read_past_unless_it_is_a_category_s_only_column(
    tmp_path: Path,
) -> None:
    header = ["站点名称", "老年人", "儿童", "合计"]
    path = build(tmp_path / "p.xlsx", Sheet("Sheet1", [header], [["金江社区", 30, 5, 35]]))
    assert required(staff(path)) == {"金江社区": 2}  # 合计 is no category: read past
    header = ["站点名称", "老年人合计", "儿童"]
    path = build(tmp_path / "q.xlsx", Sheet("Sheet1", [header], [["金江社区", 30, 5]]))
    result = swplan("staff", path)
    assert result.code == 2
    assert "column '老年人合计' is a total of Elderly, and the sheet has no column of" in result.err


# --------------------------------------------------------------------------- sheets, rows


def test_a_notes_sheet_first_and_a_hidden_sheet_are_passed_over(tmp_path: Path) -> None:
    old = Sheet("2025年", [["站点名称", "老年人"]], [["金江社区", 200]], hidden=True)
    now = Sheet("2026年", [["站点名称", "老年人"]], [["金江社区", 30]], caption=CAPTION)
    path = build(tmp_path / "p.xlsx", old, now, notes_first=True)
    assert required(staff(path)) == {"金江社区": 2}  # 30, not the hidden sheet's 200
    check = swplan("check", path)
    assert (check.code, check.out) == (0, f"OK {path} (populations, 1 sites)\n")


def test_footer_rows_are_skipped_even_in_the_id_column(tmp_path: Path) -> None:
    spec = Sheet(
        "Sheet1",
        [["站点编号", "站点名称", "老年人"]],
        [["JJ", "金江社区", 30]],
        footer=["备注：数据截至2025年12月31日", "填报日期：2026年1月5日"],
    )
    data = staff(build(tmp_path / "p.xlsx", spec))
    assert required(data) == {"JJ": 2}
    assert (
        f"{tmp_path / 'p.xlsx'} sheet Sheet1: skipped rows 4, 5: a footer row" in data["notes"][0]
    )


def test_marks_for_none_and_full_width_digits_in_number_cells(tmp_path: Path) -> None:
    # —, -, / and 无 are 0 clients; ３０ is 30; 1,200 (Excel's #,##0) is 1200
    rows = [["金江社区", "３０", "—"], ["红旗社区", "/", "无"], ["白沙社区", "1,200", "-"]]
    path = build(tmp_path / "p.xlsx", Sheet("Sheet1", [["站点名称", "老年人", "儿童"]], rows))
    data = staff(path)
    # 1200 / 20 = 60 posts for 白沙; 红旗 has none and no minimum (no kind)
    assert required(data) == {"金江社区": 2, "红旗社区": 0, "白沙社区": 60}
    bad = build(
        tmp_path / "b.xlsx", Sheet("Sheet1", [["站点名称", "老年人"]], [["金江社区", "3²"]])
    )
    result = swplan("staff", bad)
    assert result.code == 2 and "Sheet1!B2: elderly: '3²' is not a whole number" in result.err


# --------------------------------------------------------------------------- sites by name


def test_a_roster_names_sites_by_name_alias_or_spaced_name(tmp_path: Path) -> None:
    header = ["站点编号", "站点名称", "简称", "类型", "老年人"]
    rows = [["JJ", "金江社区", "金江、金江站", "社区", 30], ["HQ", "红旗社区", None, "社区", 10]]
    pops = build(tmp_path / "p.xlsx", Sheet("Sheet1", [header], rows))
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "工号,姓名,所属站点,学历,职称,入职日期\n"
        "W1,张三,金江 社区,本科,无,2020-01-01\n"  # the name, spaced
        "W2,李四,金江站,本科,中级社会工作师,2020-01-01\n"  # an alias; 中级: social_worker
        "W3,王五,ＨＱ,本科,无,2020-01-01\n",  # an id is compared as written: no match
        encoding="utf-8",
    )
    result = swplan("staff", pops, "--roster", roster)
    assert result.code == 2
    assert result.err.splitlines()[-1].startswith(
        f"error: {roster}:4:3: site: 'ＨＱ' is not a site of the populations (did you mean "
        "'HQ'?); 1 worker (W3) would be costed twice"
    )
    roster.write_text(roster.read_text(encoding="utf-8").replace("ＨＱ", "红旗社"), "utf-8")
    result = swplan("staff", pops, "--roster", roster)
    # 红旗社 is one character off 红旗社区 (1 <= 4 / 3): suggested
    assert "'红旗社' is not a site of the populations (did you mean '红旗社区'?)" in result.err
    roster.write_text(roster.read_text(encoding="utf-8").replace("红旗社", "HQ"), "utf-8")
    data = staff(pops, "--roster", roster)
    current = {s["id"]: (s["current"], s["certified"]) for s in data["sites"]}
    assert current == {"JJ": (2, 1), "HQ": (1, 0)}


def test_populations_without_ids_take_each_name_as_its_id(tmp_path: Path) -> None:
    pops = build(tmp_path / "p.xlsx", Sheet("Sheet1", [["站点名称", "老年人"]], [["金江社区", 30]]))
    roster = tmp_path / "r.csv"
    roster.write_text("工号,站点,学历,职称,工龄\nW1,金江社区,本科,无,3\n", encoding="utf-8")
    data = staff(pops, "--roster", roster)
    assert [(s["id"], s["current"], s["gap"]) for s in data["sites"]] == [("金江社区", 1, 1)]


def test_errors_name_the_column_as_the_sheet_heads_it_in_chinese(tmp_path: Path) -> None:
    header = ["站点名称", "老年人"]
    path = build(tmp_path / "p.xlsx", Sheet("Sheet1", [header], [["金江社区", "三十"]]))
    result = swplan("staff", path, "--lang", "zh")
    assert result.code == 2
    assert result.err.endswith(
        f"错误：{path}:Sheet1!B2: 老年人: '三十' 不是整数；请填写 0 至 10,000,000 的整数\n"
    )
    # the roster heads its columns 人员编号, 文化程度, 参加工作时间: the errors say so
    roster = tmp_path / "r.csv"
    roster.write_text(
        "人员编号,所属站点,文化程度,职称,参加工作时间\nW1,金江社区,大学,无,2019年13月\n",
        encoding="utf-8",
    )
    result = swplan("pay", roster, "--lang", "zh")
    assert result.code == 2
    lines = result.err.splitlines()
    assert lines[0].startswith(
        f"错误：{roster}:2:3: 文化程度: '大学' 不在可选值中：中专、大专、本科"
    )
    assert lines[1] == (
        f"错误：{roster}:2:5: 参加工作时间: '2019年13月' 不是真实存在的日期；"
        "请写成 YYYY-MM-DD，例如 2026-01-01"
    )
    assert "education" not in result.err and "hired" not in result.err
