"""`check` reads every file exactly as the commands do (docs/formats.md): on each workbook of
the tests of files as received, `check` accepts what the command accepts and refuses
what it refuses, at the same cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import swplan
from office import Sheet, build, id_number

ROSTER = ["序号", "工号", "姓名", "所在站点", "学历", "职称", "入职时间"]
POPS = ["序号", "站点名称", "老年人", "儿童"]


def _roster(tmp: Path, hired: object, fmt: str | None = None, *more: list[object]) -> Path:
    rows = [[1, "W1", "张三", "金江社区", "本科", "无", hired], *more]
    formats = {"G4": fmt} if fmt else {}
    spec = Sheet("花名册", [ROSTER], rows, caption="花名册", formats=formats)
    return build(tmp / "roster.xlsx", spec, notes_first=True)


def _pops(tmp: Path, *rows: list[object], header: list[list[object]] | None = None) -> Path:
    spec = Sheet("服务对象", header or [POPS], list(rows), caption="服务对象统计表")
    return build(tmp / "pops.xlsx", spec, notes_first=True)


Case = Callable[[Path], tuple[list[Path], list[str | Path]]]


def subtotals(tmp: Path) -> tuple[list[Path], list[str | Path]]:
    p = _pops(tmp, [1, "金江社区", 30, 5], [None, "东湖街道小计", 30, 5], [None, "全县合计", 30, 5])
    return [p], ["staff", p]


def total_wrong(tmp: Path) -> tuple[list[Path], list[str | Path]]:
    p = _pops(tmp, [1, "金江社区", 30, 5], [None, "全县合计", 31, 5])
    return [p], ["staff", p]


def number_column(tmp: Path) -> tuple[list[Path], list[str | Path]]:
    header = [[*POPS, "孤寡老人"]]
    p = _pops(tmp, [1, "金江社区", 30, 5, 4], header=header)
    return [p], ["staff", p]


def two_row_header(tmp: Path) -> tuple[list[Path], list[str | Path]]:
    header = [["序号", "站点名称", "服务对象（人）", None], [None, None, "老年人", "困境儿童"]]
    p = _pops(tmp, [1, "金江社区", 30, 5], header=header)
    return [p], ["staff", p]


def with_roster(tmp: Path) -> tuple[list[Path], list[str | Path]]:
    p = _pops(tmp, [1, "金江社区", 30, 5])
    r = _roster(tmp, "2019.07")  # a month without a day: its 1st, with a note
    return [p, r], ["staff", p, "--roster", r]


def month(tmp: Path) -> tuple[list[Path], list[str | Path]]:
    r = _roster(tmp, "2019年7月")
    return [r], ["pay", r]


def ambiguous(tmp: Path) -> tuple[list[Path], list[str | Path]]:
    r = _roster(tmp, 2019.1)
    return [r], ["pay", r]


def date_cell(tmp: Path) -> tuple[list[Path], list[str | Path]]:
    r = _roster(tmp, 2019.1, "yyyy-mm-dd")
    return [r], ["pay", r]


def future_hire(tmp: Path) -> tuple[list[Path], list[str | Path]]:
    r = _roster(tmp, dt.datetime(2027, 1, 4), "yyyy-mm-dd")  # after next year
    return [r], ["pay", r]


def id_numbers(tmp: Path, check: str = "") -> tuple[list[Path], list[str | Path]]:
    number = id_number("36072219900101123")
    if check:
        number = number[:-1] + check
    header = ["身份证号", "姓名", "所在站点", "学历", "职称", "工龄"]
    r = build(tmp / "r.xlsx", Sheet("Sheet1", [header], [[number, "张三", "s1", "本科", "无", 3]]))
    return [r], ["pay", r]


def roster_count(tmp: Path) -> tuple[list[Path], list[str | Path]]:
    r = _roster(tmp, "2019-07-01", None, [None, "合计", "2人", None, None, None, None])
    return [r], ["pay", r]


def passes_and_ledger(tmp: Path, amount: str = "1,000.00") -> tuple[list[Path], list[str | Path]]:
    roster = tmp / "r.csv"
    roster.write_text("工号,站点,学历,职称,工龄\nW1,s1,本科,初级,3\n", encoding="utf-8")
    passes = Sheet("考试", [["工号", "考试级别", "取证日期"]], [["W1", "初级", "2025-11-02"]])
    ledger = Sheet(
        "台账",
        [["工号", "奖励项目", "发放金额", "发放日期"]],
        [["W1", "初级", amount, "2025-12-01"]],
    )
    book = build(tmp / "awards.xlsx", passes, ledger, notes_first=True)
    return [roster, book], ["awards", roster, "--passes", book, "--ledger", book]


def gb18030(tmp: Path) -> tuple[list[Path], list[str | Path]]:
    r = tmp / "r.csv"
    r.write_bytes("工号,姓名,站点,学历,职称,工龄\nW1,张三,s1,本科,无,3\n".encode("gb18030"))
    return [r], ["pay", r]


def places(err: str) -> list[str]:
    """`FILE:CELL: column` of each error line."""
    return sorted(": ".join(x.split(": ")[:2]) for x in err.splitlines() if x.startswith("error:"))


CASES: dict[str, tuple[Case, bool]] = {  # name -> (files and command, accepted)
    "subtotals": (subtotals, True),
    "total that differs": (total_wrong, False),
    "a column of numbers": (number_column, False),
    "two-row header": (two_row_header, True),
    "roster with populations": (with_roster, True),
    "month without a day": (month, True),
    "2019.1": (ambiguous, False),
    "number in a date cell": (date_cell, False),
    "hired after next year": (future_hire, False),
    "identity numbers": (id_numbers, True),
    "wrong check character": (lambda t: id_numbers(t, "0"), False),
    "roster count that differs": (roster_count, False),
    "passes and ledger workbook": (passes_and_ledger, True),
    "amount 1,00.0": (lambda t: passes_and_ledger(t, "1,00.0"), False),
    "GB18030 CSV": (gb18030, True),
}


@pytest.mark.parametrize("name", list(CASES))
def test_check_accepts_what_the_command_accepts_and_refuses_the_rest(
    tmp_path: Path, name: str
) -> None:
    make, accepted = CASES[name]
    files, command = make(tmp_path)
    ran = swplan(*command)
    checked = swplan("check", *files)
    assert ran.code == (0 if accepted else 2), ran.err
    assert checked.code == ran.code, checked.out + checked.err
    # a refusal is at the same cells (check names the day it judges in its own words)
    assert places(checked.err) == places(ran.err)
    # and a file accepted by both is also accepted with --no-totals-check
    if accepted:
        assert swplan(*command, "--no-totals-check").code == 0
