"""The bureau's own ledger: an Excel 台账 recorded into above its 合计 row, and a CSV
saved by Excel on Chinese Windows (GB18030), appended in its own encoding.

吴晓燕 (W007) was paid 1,000.00 for the assistant exam in 2024 and passed the social
worker exam on 2025-11-20. The national rules top a ladder exam up: 2,000.00 - 1,000.00
= 1,000.00 is due. Starting again with an empty ledger (`--new-ledger`) loses that
history and pays her 2,000.00.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import Result, swplan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Border, Font, Side
from test_ledger import start, wait_for

from swplan import load_ledger, load_rules, record_awards
from swplan.io.ledger import PAUSE_ENV
from swplan.model import ExamPass, Worker

AS_OF = "2026-01-01"
ROSTER = (
    "id,name,site,education,title,years_of_service\n"
    "W003,李娜,s1,bachelor,social_worker,6\n"
    "W007,吴晓燕,s1,bachelor,assistant_social_worker,4\n"
)
PASSES = "worker_id,exam,passed_on\nW007,social_worker,2025-11-20\n"
TITLE = "2025年社会工作者职业资格考试奖励发放台账"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def bureau_ledger(path: Path) -> None:
    """The 台账 as a bureau keeps it: a title, a header, two rows, 合计 and a footer,
    and a summary sheet that reads the total."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append([TITLE])
    sheet.merge_cells("A1:G1")
    sheet.append(["序号", "姓名", "工号", "考试", "金额", "发放日期", "备注"])
    sheet.append([1, "李娜", "W003", "社会工作师", 2000, dt.datetime(2024, 12, 1), None])
    sheet.append([2, "吴晓燕", "W007", "助理社会工作师", 1000, dt.datetime(2024, 12, 1), None])
    sheet.append(["合计", None, None, None, "=SUM(E3:E4)", None, None])
    sheet.append(["制表人：张三"])
    sheet.merge_cells("A6:B6")
    for row in sheet.iter_rows(min_row=2, max_row=5, max_col=7):
        for cell in row:
            cell.border = BOX
    for row in range(3, 6):
        sheet.cell(row, 5).number_format = "#,##0.00"
        sheet.cell(row, 6).number_format = "yyyy-mm-dd"
    sheet["A2"].font = Font(bold=True)
    summary = book.create_sheet("汇总")
    summary["A1"] = "奖励合计"
    summary["B1"] = "=台账!E5"
    book.save(path)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    (tmp_path / "passes.csv").write_text(PASSES, encoding="utf-8")
    bureau_ledger(tmp_path / "台账.xlsx")
    return {
        "roster": tmp_path / "roster.csv",
        "passes": tmp_path / "passes.csv",
        "ledger": tmp_path / "台账.xlsx",
    }


def awards(files: dict[str, Path], ledger: Path | str, *extra: str) -> Result:
    return swplan(
        "awards",
        files["roster"],
        "--passes",
        files["passes"],
        "--ledger",
        ledger,
        "--as-of",
        AS_OF,
        "-f",
        "json",
        *extra,
    )


def test_record_into_the_bureaus_xlsx_tops_up_wu_xiaoyan(
    files: dict[str, Path], tmp_path: Path
) -> None:
    run = awards(files, files["ledger"], "--record")
    assert run.code == 0, run.err
    assert run.json()["totals"] == {"due": "1000.00", "count_due": 1}  # 2,000.00 - 1,000.00
    book = openpyxl.load_workbook(files["ledger"])
    sheet = book["台账"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=1, max_row=7, max_col=7)]
    # the new row above 合计, in the sheet's own columns; 序号 counts on, the exam is
    # written as the sheet writes it
    assert rows[4] == [3, "吴晓燕", "W007", "社会工作师", 1000, dt.datetime(2026, 1, 1), None]
    assert rows[5][:5] == ["合计", None, None, None, "=SUM(E3:E5)"]  # widened over it
    assert rows[6][0] == "制表人：张三"
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A1:G1", "A7:B7"}
    assert book["汇总"]["B1"].value == "=台账!E6"  # the other sheet follows the total
    # the new row looks like the rows above it
    assert sheet["E5"].number_format == "#,##0.00"
    assert sheet["F5"].number_format == "yyyy-mm-dd"
    assert sheet["C5"].border == BOX
    assert sheet["A2"].font.bold
    # read back, nothing is due twice
    again = awards(files, files["ledger"], "--record")
    assert again.code == 0, again.err
    assert again.json()["totals"] == {"due": "0.00", "count_due": 0}
    assert "recorded nothing" in again.err
    # starting again with a new, empty ledger loses the history: 2,000.00 instead
    fresh = awards(files, tmp_path / "new.csv", "--record", "--new-ledger")
    assert fresh.json()["totals"] == {"due": "2000.00", "count_due": 1}


def test_an_xlsx_ledger_sheet_is_found_by_header_or_named(
    files: dict[str, Path], tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(files["ledger"])
    passes = book.create_sheet("通过", 0)  # a passes sheet first: no amount column
    passes.append(["工号", "考试", "通过日期"])
    passes.append(["W007", "社会工作师", dt.datetime(2025, 11, 20)])
    book.save(files["ledger"])
    run = awards(files, f"{files['ledger']}#台账", "--record")
    assert run.code == 0, run.err
    run = swplan(
        "awards",
        files["roster"],
        "--passes",
        files["ledger"],
        "--ledger",
        files["ledger"],
        "--as-of",
        AS_OF,
        "-f",
        "json",
    )
    assert run.code == 0, run.err
    assert run.json()["totals"] == {"due": "0.00", "count_due": 0}
    assert openpyxl.load_workbook(files["ledger"])["台账"]["C5"].value == "W007"


def test_nothing_is_written_when_the_run_fails(files: dict[str, Path], tmp_path: Path) -> None:
    before = files["ledger"].read_bytes()
    (tmp_path / "a-directory").mkdir()
    run = awards(files, files["ledger"], "--record", "-o", str(tmp_path / "a-directory"))
    assert run.code == 2
    assert files["ledger"].read_bytes() == before
    files["passes"].write_text("worker_id,exam,passed_on\nW007,social_worker,2025-13-01\n")
    run = awards(files, files["ledger"], "--record")
    assert run.code == 2
    assert files["ledger"].read_bytes() == before
    assert not list(tmp_path.glob(".swplan-*"))


def test_a_kill_leaves_the_old_workbook_or_the_new_one(files: dict[str, Path]) -> None:
    before = files["ledger"].read_bytes()
    args = ["awards", str(files["roster"]), "--passes", str(files["passes"])]
    args += ["--ledger", str(files["ledger"]), "--as-of", AS_OF, "--record", "-f", "json"]
    proc = start(args, **{PAUSE_ENV: "30"})
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "{\n"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
    assert files["ledger"].read_bytes() == before
    first = start(args, **{PAUSE_ENV: "1"})
    wait_for(lambda: first.poll() is not None or _locked(files["ledger"]))
    second = start(args)
    _, err2 = second.communicate(timeout=60)
    _, err1 = first.communicate(timeout=60)
    assert first.returncode == 0 and second.returncode == 0, err1 + err2
    assert "recorded 1 award(s)" in err1 and "recorded nothing" in err2
    sheet = openpyxl.load_workbook(files["ledger"])["台账"]
    assert [sheet.cell(r, 3).value for r in range(3, 7)] == ["W003", "W007", "W007", None]


def _locked(path: Path) -> bool:
    import fcntl

    with open(path, "rb") as f:
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(f.fileno(), fcntl.LOCK_UN)
        return False


def test_check_says_where_record_would_append(files: dict[str, Path]) -> None:
    run = swplan("check", files["ledger"])
    assert run.code == 0, run.err
    assert "ledger, 2 rows" in run.out
    assert "--record appends in its column order: worker_id, exam, amount, paid_on" in run.out


# --------------------------------------------------------------------------- GB18030

GB_LEDGER = "工号,考试,金额,发放日期\r\nW003,社会工作师,2000.00,2024-12-01\r\nW007,助理社会工作师,1000.00,2024-12-01\r\n"


def test_a_gb18030_ledger_is_read_and_appended_in_gb18030(files: dict[str, Path]) -> None:
    ledger = files["ledger"].with_name("台账.csv")
    ledger.write_bytes(GB_LEDGER.encode("gb18030"))
    run = awards(files, ledger)
    assert run.code == 0, run.err
    assert run.json()["totals"] == {"due": "1000.00", "count_due": 1}
    assert "GB18030" in run.err
    run = awards(files, ledger, "--record")
    assert run.code == 0, run.err
    data = ledger.read_bytes()
    assert data.startswith(GB_LEDGER.encode("gb18030"))
    assert data[len(GB_LEDGER.encode("gb18030")) :].decode("gb18030") == (
        "W007,社会工作师,1000.00,2026-01-01\r\n"
    )
    assert "recorded nothing" in awards(files, ledger, "--record").err


def test_a_file_in_neither_encoding_is_still_refused(files: dict[str, Path]) -> None:
    ledger = files["ledger"].with_name("ledger.csv")
    ledger.write_bytes("工号,考试,金额,发放日期\n".encode("gb18030") + b"\xff\xfe\x80\n")
    run = awards(files, ledger)
    assert run.code == 2
    assert "not UTF-8" in run.err
    assert os.path.getsize(ledger) > 0


# --------------------------------------------------------------------------- one ledger, two formats

LEDGER_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["W1", "W2", "W3", "W9"]),
        st.sampled_from(["assistant_social_worker", "social_worker", "psychological_counselor"]),
        st.integers(0, 300_000).map(lambda fen: Decimal(fen).scaleb(-2)),
    ),
    max_size=5,
)
PASS_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["W1", "W2", "W3"]),
        st.sampled_from(["assistant_social_worker", "social_worker", "psychological_counselor"]),
        st.integers(0, 300),
    ),
    max_size=6,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LEDGER_ROWS, PASS_ROWS, st.booleans())
def test_a_csv_and_an_xlsx_ledger_record_the_same(
    ledger: list[tuple[str, str, Decimal]], drawn: list[tuple[str, str, int]], totals: bool
) -> None:
    rules = load_rules()
    day = dt.date(2026, 1, 1)
    workers = [Worker(w, "s1", "bachelor", "none", years_of_service=1) for w in ("W1", "W2", "W3")]
    passes = [ExamPass(w, e, day - dt.timedelta(days=d)) for w, e, d in drawn]
    paid_on = dt.date(2025, 1, 1)
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "ledger.csv"
        csv_path.write_text(
            "worker_id,exam,amount,paid_on\n"
            + "".join(f"{w},{e},{a},{paid_on}\n" for w, e, a in ledger),
            encoding="utf-8",
        )
        xlsx_path = Path(tmp) / "ledger.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["worker_id", "exam", "amount", "paid_on"])
        for w, e, a in ledger:
            sheet.append([w, e, a, dt.datetime(2025, 1, 1)])
        if totals and ledger:
            sheet.append(["合计", None, f"=SUM(C2:C{sheet.max_row})", None])
        book.save(xlsx_path)
        first = [record_awards(rules, workers, passes, p, day) for p in (csv_path, xlsx_path)]
        assert first[0].rows == first[1].rows
        assert [(a.status, a.amount) for a in first[0].result.awards] == [
            (a.status, a.amount) for a in first[1].result.awards
        ]
        assert load_ledger(csv_path, rules) == load_ledger(xlsx_path, rules)
        assert len(load_ledger(xlsx_path, rules)) == len(ledger) + len(first[0].rows)
        again = [record_awards(rules, workers, passes, p, day) for p in (csv_path, xlsx_path)]
        assert again[0].rows == again[1].rows == []
        if totals and ledger and first[1].rows:
            last = openpyxl.load_workbook(xlsx_path).active
            bottom = last.max_row
            assert last.cell(bottom, 1).value == "合计"
            assert last.cell(bottom, 3).value == f"=SUM(C2:C{bottom - 1})"
