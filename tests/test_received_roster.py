"""A county's rosters, passes and ledgers as its offices send them (docs/formats.md): dates as
offices type them, identity numbers as ids, passes and ledger in one workbook, the
sheet's own count of workers, GB18030 CSV, amounts with thousands separators, and the
days judged by default. Each rule has its test; the numbers are worked by hand.

W1 in these rosters (national rules, as of 2026-01-01): bachelor, no title, hired
2019-10-01: 6 completed years + 3 for the degree = 9 points, grade 4, 4,400.00 a month;
contributions on 4,400.00: 704.00 + 352.00 + 22.00 + 8.80 + 308.00 = 1,394.80 a month;
4,400.00 x 12 + 1,394.80 x 12 = 52,800.00 + 16,737.60 = 69,537.60 a year.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from conftest import swplan
from office import Sheet, build, id_number

HEADER = ["序号", "工号", "姓名", "所在站点", "学历", "职称", "入职时间"]
DAY = ("--as-of", "2026-01-01")


def roster(tmp_path: Path, hired: Any, **formats: str) -> Path:
    rows = [[1, "W1", "张三", "金江社区", "本科", "无", hired]]
    spec = Sheet("花名册", [HEADER], rows, caption="东湖县社会工作者花名册", formats=formats)
    return build(tmp_path / "roster.xlsx", spec)


def cost(path: Path, *more: str) -> str:
    result = swplan("pay", path, "-f", "json", *DAY, *more)
    assert result.code == 0, result.err
    (worker,) = result.json()["workers"]
    return str(worker["annual_cost"])


# --------------------------------------------------------------------------- dates


def test_a_month_without_a_day_is_its_first_with_a_note(tmp_path: Path) -> None:
    for hired in ("2019.10", "2019年10月", "2019-10", "201910"):
        path = roster(tmp_path, hired)
        result = swplan("pay", path, "-f", "json", *DAY)
        assert result.code == 0, result.err
        assert result.json()["workers"][0]["annual_cost"] == "69537.60", hired
        assert result.err == (
            f"note: {path}: ignored the column '序号', which swplan does not use\n"
            f"note: {path} sheet 花名册: skipped rows 6, 7: a footer row (a signature or a note)\n"
            f"note: {path}: 1 date(s) written as a month without a day (花名册!G4) were read "
            "as the 1st of that month\n"
        )


def test_a_number_cell_is_read_as_it_is_displayed(tmp_path: Path) -> None:
    # 2019.10 typed into a number cell formatted 0.00 shows 2019.10: October 2019
    assert cost(roster(tmp_path, 2019.1, G4="0.00")) == "69537.60"
    # formatted General it shows 2019.1: January or October? an error at its cell
    result = swplan("pay", roster(tmp_path, 2019.1), *DAY)
    assert result.code == 2
    assert result.err.splitlines()[-1] == (
        f"error: {tmp_path / 'roster.xlsx'}:花名册!G4: hired: '2019.1' is ambiguous: a number "
        "cell shows 2019.10 (October) as 2019.1, the same as January; write the date as "
        "text, e.g. 2019-10-01 or 2019-01-01"
    )


def test_a_number_typed_into_a_date_cell_is_an_error_at_its_cell(tmp_path: Path) -> None:
    # 2019.10 typed into a cell formatted as a date: Excel shows 1905-07-11 (day 2019 of
    # its calendar). Read as a date: 123 years and grade 12, 99,565.20 instead of 69,537.60
    path = roster(tmp_path, 2019.1, G4="yyyy-mm-dd")
    for command in (["pay", path, *DAY], ["check", path]):
        result = swplan(*command)
        assert result.code == 2, command
        assert (
            f"error: {path}:花名册!G4: hired: '1905-07-11' is before 1950: a number pasted "
            "into a date cell? Excel shows the number 2019 as 1905-07-11; type the date, e.g. "
            "2019-10-01\n"
        ) in result.err


# --------------------------------------------------------------------------- days judged


def test_pay_judges_today_and_budget_costs_next_year(tmp_path: Path) -> None:
    # today is 2025-12-31 (SWPLAN_TODAY in the tests); a worker starts 2026-03-01
    path = roster(tmp_path, dt.datetime(2026, 3, 1), G4="yyyy-mm-dd")
    result = swplan("pay", path)
    assert result.code == 2
    assert result.err.splitlines()[-1] == (
        f"error: {path}:花名册!G4: hired: 2026-03-01 is after the as-of date 2025-12-31; "
        "check the date or give a later --as-of"
    )
    pops = tmp_path / "pops.csv"
    pops.write_text("站点名称,老年人\n金江社区,20\n", encoding="utf-8")
    budget = swplan("budget", pops, path, "-f", "json")
    assert budget.code == 0, budget.err
    assert budget.json()["year"] == 2026  # the year after today: costed from March
    too_late = swplan("budget", pops, path, "--year", "2025")
    assert "2026-03-01 is after the year 2025; check the date or give a later --year" in (
        too_late.err
    )
    csv = swplan("budget", pops, path, "-f", "csv")  # the one output without the year
    assert (
        "note: costed for 2026, the year after today (2025-12-31); give --year YYYY for "
        "another year"
    ) in csv.err.splitlines()


# --------------------------------------------------------------------------- identity numbers

ZHANG = id_number("36072219900101123")  # 360722199001011234 with its check character
LI = id_number("36072219851203456")


def test_a_roster_keyed_by_identity_numbers_checks_and_masks_them(tmp_path: Path) -> None:
    header = ["身份证号", "姓名", "所在站点", "学历", "职称", "入职时间"]
    rows = [[ZHANG, "张三", "金江社区", "本科", "无", "2019-10-01"]]
    path = build(tmp_path / "r.xlsx", Sheet("Sheet1", [header], rows))
    result = swplan("pay", path, "-f", "csv", *DAY)
    assert result.code == 0, result.err
    masked = ZHANG[:6] + "********" + ZHANG[-4:]
    assert result.out.splitlines()[1].startswith(f"{masked},张三,金江社区,")
    assert ZHANG not in result.out
    explained = swplan("pay", path, "--explain", masked, *DAY)
    assert explained.code == 0 and "= 69537.60" in explained.out and ZHANG not in explained.out
    # a wrong check character is an error at its cell, the number masked
    wrong = ZHANG[:-1] + ("0" if ZHANG[-1] != "0" else "1")
    rows[0][0] = wrong
    path = build(tmp_path / "w.xlsx", Sheet("Sheet1", [header], rows))
    result = swplan("pay", path, "--lang", "zh", *DAY)
    assert result.code == 2
    assert result.err.splitlines()[-1] == (
        f"错误：{path}:Sheet1!A2: 身份证号: {wrong[:6]}********{wrong[-4:]}：校验位不符："
        "请核对身份证号（数字单元格只保留 15 位有效数字：请把该列设为文本格式）"
    )


def test_a_pass_may_name_a_worker_by_identity_number(tmp_path: Path) -> None:
    # the roster is keyed by 工号 and has 身份证号 too; the passes give 身份证号 only
    roster_path = tmp_path / "r.csv"
    roster_path.write_text(
        "工号,身份证号,站点,学历,职称,工龄\n"
        f"W1,{ZHANG},s1,本科,无,3\nW2,{LI.lower()},s1,本科,无,3\n",
        encoding="utf-8",
    )
    passes = tmp_path / "p.csv"
    passes.write_text(
        f"身份证号,考试,通过日期\n{LI},中级,2025-11-01\n", encoding="utf-8"
    )  # 中级: social_worker, 2,000.00
    result = swplan("awards", roster_path, "--passes", passes, "-f", "json", *DAY)
    assert result.code == 0, result.err
    (award,) = result.json()["awards"]
    assert (award["worker_id"], award["status"], award["amount"]) == ("W2", "due", "2000.00")


# --------------------------------------------------------------------------- passes and ledger


def passes_and_ledger(tmp_path: Path, amount: Any = "1,000.00") -> Path:
    passes = Sheet(
        "考试通过",
        [["序号", "工号", "姓名", "考试级别", "取证日期"]],
        [
            [1, "W1", "张三", "助理社会工作师", "2025-11-02"],
            [2, "W2", "李四", "中级", "2025-10-10"],
        ],
        caption="2025年社会工作者职业资格考试通过人员",
    )
    ledger = Sheet(
        "发放台账",
        [["工号", "奖励项目", "发放金额（元）", "发放日期"]],
        [["W1", "助理社会工作师", amount, "2025-12-15"]],
        caption="一次性奖励发放台账",
    )
    return build(tmp_path / "passes.xlsx", passes, ledger, notes_first=True)


def test_passes_and_ledger_on_two_sheets_of_one_workbook(tmp_path: Path) -> None:
    roster_path = tmp_path / "r.csv"
    roster_path.write_text(
        "工号,姓名,站点,学历,职称,工龄\nW1,张三,s1,本科,初级,3\nW2,李四,s1,本科,中级,3\n",
        encoding="utf-8",
    )
    book = passes_and_ledger(tmp_path)
    result = swplan("awards", roster_path, "--passes", book, "--ledger", book, "-f", "json", *DAY)
    assert result.code == 0, result.err
    statuses = {
        (a["worker_id"], a["exam"]): (a["status"], a["amount"]) for a in result.json()["awards"]
    }
    # W1's 1,000.00 is in the ledger (read with its thousands separator); W2 is due 2,000.00
    assert statuses == {
        ("W1", "assistant_social_worker"): ("already_paid", "0.00"),
        ("W2", "social_worker"): ("due", "2000.00"),
    }
    check = swplan("check", roster_path, book)
    assert check.code == 0, check.err
    assert check.out.splitlines()[1].startswith(f"OK {book} (passes, 2 passes; ledger, 1 rows")


def test_amounts_are_read_exactly_or_refused(tmp_path: Path) -> None:
    roster_path = tmp_path / "r.csv"
    roster_path.write_text(
        "工号,站点,学历,职称,工龄\nW1,s1,本科,初级,3\nW2,s1,本科,中级,3\n", encoding="utf-8"
    )
    for written, said in (
        ("1,00.0", "'1,00.0' is not an amount"),
        ("1000²", "'1000²' is not an amount"),
        ("①000", "'①000' is not an amount"),
    ):
        book = passes_and_ledger(tmp_path, amount=written)
        result = swplan("awards", roster_path, "--passes", book, "--ledger", book, *DAY)
        assert result.code == 2, written
        assert f"{book}:发放台账!C4: amount: {said}" in result.err
    book = passes_and_ledger(tmp_path, amount="１０００．００")  # full-width: 1000.00
    result = swplan("awards", roster_path, "--passes", book, "--ledger", book, "-f", "json", *DAY)
    assert result.code == 0 and result.json()["awards"][0]["status"] == "already_paid"


# --------------------------------------------------------------------------- the roster's own count


def test_a_roster_total_that_counts_the_workers_is_checked(tmp_path: Path) -> None:
    rows = [
        [1, "W1", "张三", "金江社区", "本科", "无", "2019-10-01"],
        [2, "W2", "李四", "金江社区", "本科", "无", "2019-10-01"],
        [None, "合计", "3人", None, None, None, None],
    ]
    path = build(tmp_path / "r.xlsx", Sheet("花名册", [HEADER], rows))
    result = swplan("pay", path, *DAY)
    assert result.code == 2
    assert result.err.splitlines()[-1] == (
        f"error: {path}:花名册!C4: name: the totals row says 3 workers, but 2 were read; look "
        "for rows read as workers that are none (a subtotal, a worker given twice), or give "
        "--no-totals-check to go on with a warning"
    )
    lenient = swplan("pay", path, "--no-totals-check", *DAY)
    assert lenient.code == 0 and "warning: " in lenient.err
    rows[2][2] = "共2人"
    path = build(tmp_path / "r.xlsx", Sheet("花名册", [HEADER], rows))
    assert swplan("pay", path, *DAY).code == 0


# --------------------------------------------------------------------------- encodings


def test_a_gb18030_csv_is_read_with_a_note(tmp_path: Path) -> None:
    text = "工号,姓名,站点,学历,职称,入职日期\nW1,张三,金江社区,本科,无,2019-10-01\n"
    (tmp_path / "utf8.csv").write_text(text, encoding="utf-8")
    (tmp_path / "gb.csv").write_bytes(text.encode("gb18030"))
    plain = swplan("pay", tmp_path / "utf8.csv", "-f", "json", *DAY)
    saved = swplan("pay", tmp_path / "gb.csv", "-f", "json", *DAY)
    assert saved.out == plain.out and saved.json()["workers"][0]["annual_cost"] == "69537.60"
    assert saved.err == (
        f"note: {tmp_path / 'gb.csv'}: read as GB18030 (not UTF-8), as Excel's "
        '"CSV (Comma delimited)" saves it on Chinese Windows\n'
    )


def test_a_pass_after_the_day_judged_names_the_option_that_moves_it(tmp_path: Path) -> None:
    # budget judges the awards of its year on 1 January: a pass of 2026-02-01 is after
    # 2026-01-01 in a budget for 2026; the option that moves the day is --year, which
    # budget has (not --as-of, which it has not)
    roster_path = tmp_path / "r.csv"
    roster_path.write_text("工号,站点,学历,职称,工龄\nW1,金江社区,本科,无,3\n", encoding="utf-8")
    pops = tmp_path / "pops.csv"
    pops.write_text("站点名称,老年人\n金江社区,20\n", encoding="utf-8")
    passes = tmp_path / "p.csv"
    passes.write_text("工号,考试,通过日期\nW1,初级,2026-02-01\n", encoding="utf-8")
    result = swplan("budget", pops, roster_path, "--passes", passes)
    assert result.code == 2
    assert result.err.splitlines()[-1] == (
        f"error: {passes}:2:3: passed_on: 2026-02-01 is after 2026-01-01, the day the awards "
        "of 2026 are judged; a pass cannot be in the future (check the date or give a later "
        "--year)"
    )
    later = swplan("budget", pops, roster_path, "--passes", passes, "--year", "2027", "-f", "json")
    assert later.code == 0, later.err
    # the 1,000.00 award of the assistant exam, due in 2027
    assert {x["item"]: x["amount"] for x in later.json()["lines"]}["awards"] == "1000.00"


def test_a_gb18030_ledger_is_read_with_a_note(tmp_path: Path) -> None:
    roster_path = tmp_path / "r.csv"
    roster_path.write_text("工号,站点,学历,职称,工龄\nW1,s1,本科,初级,3\n", encoding="utf-8")
    passes = tmp_path / "p.csv"
    passes.write_text("工号,考试,通过日期\nW1,初级,2025-11-02\n", encoding="utf-8")
    ledger = tmp_path / "台账.csv"
    ledger.write_bytes(
        "工号,考试,金额,发放日期\nW1,助理社会工作师,1000.00,2025-12-01\n".encode("gb18030")
    )
    result = swplan(
        "awards", roster_path, "--passes", passes, "--ledger", ledger, "-f", "json", *DAY
    )
    assert result.code == 0, result.err
    assert result.json()["awards"][0]["status"] == "already_paid"  # never paid twice
    assert f"note: {ledger}: read as GB18030 (not UTF-8)" in result.err
