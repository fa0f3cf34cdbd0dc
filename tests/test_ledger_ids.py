"""Ids as the user meant them: a ledger or passes id that matches a roster id only after
NFKC, a change of case or dropping leading zeros is an error naming both spellings,
never a different worker and never a new one (what Excel's round trip does to ids).

The roster has 0101, 0102 and W001. As of 2026-01-01 the passes make due:
0101 assistant 1,000.00 and its social_worker top-up 2,000.00 - 1,000.00 = 1,000.00;
0102 assistant 1,000.00; W001 psychological_counselor 1,000.00: 4,000.00 in all. The
three awards of 0101 and 0102 are the 3,000.00 that a ledger saved by Excel pays again.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from conftest import Result, swplan

AS_OF = "2026-01-01"
ROSTER = (
    "id,name,site,education,title,years_of_service\n"
    "0101,王芳,s1,bachelor,none,3\n"
    "0102,李强,s1,bachelor,none,3\n"
    "W001,张敏,s1,bachelor,none,3\n"
)
PASSES = (
    "worker_id,exam,passed_on\n"
    "0101,assistant_social_worker,2025-03-01\n"
    "0101,social_worker,2025-09-01\n"
    "0102,assistant_social_worker,2025-06-01\n"
    "W001,psychological_counselor,2025-06-01\n"
)
HEADER = "worker_id,exam,amount,paid_on\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {
        "roster": tmp_path / "roster.csv",
        "passes": tmp_path / "passes.csv",
        "ledger": tmp_path / "ledger.csv",
        "populations": tmp_path / "populations.yaml",
    }
    out["roster"].write_text(ROSTER, encoding="utf-8")
    out["passes"].write_text(PASSES, encoding="utf-8")
    out["populations"].write_text(
        "sites:\n  - {id: s1, name: One, kind: agency, clients: {elderly: 40}}\n"
    )
    return out


def awards(files: dict[str, Path], *extra: str, ledger: Path | None = None) -> Result:
    return swplan(
        "awards",
        files["roster"],
        "--passes",
        files["passes"],
        "--ledger",
        ledger or files["ledger"],
        "--as-of",
        AS_OF,
        "-f",
        "json",
        *extra,
    )


def excel_round_trip(text: str) -> str:
    """The CSV as Excel saves it after opening it: numbers lose their leading zeros and
    trailing decimals, dates take the Chinese short form, lines end in CRLF, a BOM first."""
    lines = []
    for line in text.splitlines():
        cells = []
        for cell in line.split(","):
            if re.fullmatch(r"\d+", cell):
                cell = str(int(cell))
            elif re.fullmatch(r"\d+\.00", cell):
                cell = cell[:-3]
            elif re.fullmatch(r"\d{4}-\d\d-\d\d", cell):
                day = dt.date.fromisoformat(cell)
                cell = f"{day.year}/{day.month}/{day.day}"
            cells.append(cell)
        lines.append(",".join(cells))
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


def test_a_ledger_saved_by_excel_pays_nobody_again(files: dict[str, Path]) -> None:
    files["ledger"].write_text(HEADER, encoding="utf-8")
    first = awards(files, "--record")
    assert first.code == 0, first.err
    assert first.json()["totals"] == {"due": "4000.00", "count_due": 4}
    saved = excel_round_trip(files["ledger"].read_text(encoding="utf-8"))
    assert "\r\n101,assistant_social_worker,1000,2026/1/1\r\n" in saved
    files["ledger"].write_text(saved, encoding="utf-8", newline="")
    for extra in ((), ("--record",)):
        run = awards(files, *extra)
        assert run.code == 2, run.out
        err = run.err
        assert (
            "ledger.csv:2:1: worker_id: 0101 on the roster, 101 in the ledger: was it saved by Excel?"
            in err
        )
        assert "ledger.csv:4:1: worker_id: 0102 on the roster, 102 in the ledger" in err
        assert "W001" not in err  # its id came back as it was
    assert files["ledger"].read_bytes() == saved.encode("utf-8")  # nothing added
    for args in (
        ("budget", files["populations"], files["roster"], "--ledger", files["ledger"]),
        ("plan", files["populations"], files["roster"], "--ledger", files["ledger"]),
        ("check", files["roster"], files["ledger"]),
    ):
        run = swplan(*args)
        assert run.code == 2, (args, run.out)
        assert "0101 on the roster, 101 in the ledger: was it saved by Excel?" in run.err, args


def test_an_xlsx_ledger_with_ids_as_numbers_is_an_error(
    files: dict[str, Path], tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["worker_id", "exam", "amount", "paid_on"])
    sheet.append([101, "assistant_social_worker", 1000, dt.datetime(2025, 12, 1)])
    sheet.append(["W001", "psychological_counselor", 1000, dt.datetime(2025, 12, 1)])
    ledger = tmp_path / "ledger.xlsx"
    book.save(ledger)
    run = awards(files, ledger=ledger)
    assert run.code == 2, run.out
    assert "ledger.xlsx:Sheet!A2: worker_id: 0101 on the roster, 101 in the ledger" in run.err


def test_a_roster_saved_by_excel_against_an_older_ledger(files: dict[str, Path]) -> None:
    files["roster"].write_text(excel_round_trip(ROSTER), encoding="utf-8", newline="")
    files["passes"].write_text("worker_id,exam,passed_on\n")
    files["ledger"].write_text(HEADER + "0101,assistant_social_worker,1000.00,2025-12-01\n")
    run = awards(files)
    assert run.code == 2, run.out
    assert "101 on the roster, 0101 in the ledger: was it saved by Excel?" in run.err


@pytest.mark.parametrize("written", ["Ｗ００１", "w001", " w001 "])
def test_a_ledger_id_in_another_case_or_width_is_an_error(
    files: dict[str, Path], written: str
) -> None:
    files["ledger"].write_text(
        HEADER + f'"{written}",psychological_counselor,1000.00,2025-12-01\n', encoding="utf-8"
    )
    run = awards(files)
    assert run.code == 2, run.out
    assert f"W001 on the roster, {written.strip()} in the ledger" in run.err
    recorded = awards(files, "--record")
    assert recorded.code == 2
    assert written in files["ledger"].read_text(encoding="utf-8")
    assert files["ledger"].read_text(encoding="utf-8").count("\n") == 2  # nothing added


@pytest.mark.parametrize("written", ["Ｗ００１", "w001", "101"])
def test_a_passes_id_in_another_spelling_is_an_error(files: dict[str, Path], written: str) -> None:
    files["passes"].write_text(f"worker_id,exam,passed_on\n{written},social_worker,2025-09-01\n")
    files["ledger"].write_text(HEADER)
    run = awards(files)
    assert run.code == 2, run.out
    meant = "0101" if written == "101" else "W001"
    assert f"passes.csv:2:1: worker_id: {meant} on the roster, {written} in the passes" in run.err
    check = swplan("check", files["roster"], files["passes"])
    assert check.code == 2 and f"{meant} on the roster, {written} in the passes" in check.err


def test_a_former_worker_in_the_ledger_is_still_no_error(files: dict[str, Path]) -> None:
    # W900 matches no roster id however it is spelt: an award paid to someone who left
    files["ledger"].write_text(HEADER + "W900,social_worker,2000.00,2024-01-01\n")
    run = awards(files)
    assert run.code == 0, run.err
    assert run.json()["totals"] == {"due": "4000.00", "count_due": 4}


def test_chinese_messages_name_both_spellings(files: dict[str, Path]) -> None:
    files["ledger"].write_text(HEADER + "101,assistant_social_worker,1000.00,2025-12-01\n")
    run = awards(files, "--lang", "zh")
    assert run.code == 2
    assert "花名册上为 0101，台账中为 101：是否经 Excel 另存过？" in run.err
