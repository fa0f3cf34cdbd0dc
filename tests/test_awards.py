"""`swplan awards`: statuses, ladder top-ups, errors and the report (docs/algorithms.md)."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, swplan

from swplan import InputError, awards, load_ledger, load_passes, load_roster, load_rules
from swplan.model import ExamPass, LedgerRow, Worker

AS_OF = "2026-01-01"
D = dt.date(2026, 1, 1)


def write_case(
    tmp_path: Path,
    *,
    passes: list[tuple[str, str, str]] | None = None,
    ledger: list[tuple[str, str, str, str]] | None = None,
    roster_exams: dict[str, list[tuple[str, str]]] | None = None,
    workers: tuple[str, ...] = ("W001", "W002", "W003"),
    awards_rules: dict[str, Any] | None = None,
) -> dict[str, Path]:
    """Roster, passes, ledger and rules files for one case; returns their paths."""
    roster_exams = roster_exams or {}
    roster = {"workers": []}
    for ident in workers:
        w: dict[str, Any] = {
            "id": ident,
            "name": f"name-{ident}",
            "site": "s1",
            "education": "bachelor",
            "title": "none",
            "years_of_service": "1",
        }
        if ident in roster_exams:
            w["exams"] = [{"exam": e, "passed_on": d} for e, d in roster_exams[ident]]
        roster["workers"].append(w)
    files = {
        "roster": tmp_path / "roster.yaml",
        "passes": tmp_path / "passes.yaml",
        "ledger": tmp_path / "ledger.csv",
        "rules": tmp_path / "rules.yaml",
    }
    files["roster"].write_text(yaml.safe_dump(roster, sort_keys=False), encoding="utf-8")
    files["passes"].write_text(
        yaml.safe_dump(
            {"passes": [{"worker_id": w, "exam": e, "passed_on": d} for w, e, d in passes or []]},
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    if ledger is not None:
        files["ledger"].write_text(
            "worker_id,exam,amount,paid_on\n" + "".join(",".join(r) + "\n" for r in ledger),
            encoding="utf-8",
        )
    rules = {"extends": "national", "name": "test rules", "awards": awards_rules or {}}
    files["rules"].write_text(yaml.safe_dump(rules, sort_keys=False), encoding="utf-8")
    return files


def run_awards(files: dict[str, Path], *extra: str, as_of: str = AS_OF) -> Any:
    result = swplan(
        "awards",
        files["roster"],
        "--passes",
        files["passes"],
        "--ledger",
        files["ledger"],
        "--rules",
        files["rules"],
        "--as-of",
        as_of,
        "--format",
        "json",
        *extra,
    )
    assert result.code == 0, result.err
    return result.json()


def rows(data: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    return [
        (a["worker_id"], a["exam"], a["passed_on"], a["status"], a["amount"])
        for a in data["awards"]
    ]


# --------------------------------------------------------------------------- the ladder


def test_ladder_top_up_pays_only_the_difference(tmp_path: Path) -> None:
    files = write_case(
        tmp_path,
        passes=[("W001", "social_worker", "2025-12-20")],
        ledger=[("W001", "assistant_social_worker", "1000.00", "2025-06-01")],
        awards_rules={"upgrade": "top_up"},
    )
    data = run_awards(files)
    assert data["schema"] == "swplan.awards/1"
    assert data["as_of"] == AS_OF
    assert data["rules"] == "test rules"
    assert rows(data) == [("W001", "social_worker", "2025-12-20", "due", "1000.00")]
    assert data["totals"] == {"due": "1000.00", "count_due": 1}


def test_ladder_full_pays_the_whole_award(tmp_path: Path) -> None:
    files = write_case(
        tmp_path,
        passes=[("W001", "social_worker", "2025-12-20")],
        ledger=[("W001", "assistant_social_worker", "1000.00", "2025-06-01")],
        awards_rules={"upgrade": "full"},
    )
    data = run_awards(files)
    assert rows(data) == [("W001", "social_worker", "2025-12-20", "due", "2000.00")]
    assert data["totals"] == {"due": "2000.00", "count_due": 1}


def test_both_ladder_exams_in_one_run_are_taken_in_ladder_order(tmp_path: Path) -> None:
    # Input order is social_worker first; the assistant award is still worked out first,
    # so it pays 1000.00 and the social-worker award tops up by 2000.00 - 1000.00.
    files = write_case(
        tmp_path,
        passes=[
            ("W001", "social_worker", "2025-12-20"),
            ("W001", "assistant_social_worker", "2025-03-01"),
        ],
        ledger=[],
    )
    data = run_awards(files)
    assert rows(data) == [
        ("W001", "social_worker", "2025-12-20", "due", "1000.00"),
        ("W001", "assistant_social_worker", "2025-03-01", "due", "1000.00"),
    ]
    assert data["totals"] == {"due": "2000.00", "count_due": 2}


def test_both_ladder_exams_in_one_run_under_full(tmp_path: Path) -> None:
    files = write_case(
        tmp_path,
        passes=[
            ("W001", "social_worker", "2025-12-20"),
            ("W001", "assistant_social_worker", "2025-03-01"),
        ],
        awards_rules={"upgrade": "full"},
    )
    data = run_awards(files)
    assert [r[4] for r in rows(data)] == ["2000.00", "1000.00"]
    assert data["totals"] == {"due": "3000.00", "count_due": 2}


def test_three_ladder_steps_with_ledger_and_other_workers(tmp_path: Path) -> None:
    # W001: ledger 1000 (assistant) -> social_worker 1000, senior 5000 - 2000 = 3000.
    # W002: nothing paid -> senior 5000. The counsellor award is off the ladder: full 1000
    # (the ledger's 0.00 row for it paid nothing).
    files = write_case(
        tmp_path,
        passes=[
            ("W001", "senior_social_worker", "2025-12-01"),
            ("W002", "senior_social_worker", "2025-12-01"),
            ("W001", "psychological_counselor", "2025-12-01"),
            ("W001", "social_worker", "2025-02-01"),
        ],
        ledger=[
            ("W001", "assistant_social_worker", "1000.00", "2024-06-01"),
            ("W001", "psychological_counselor", "0.00", "2020-01-01"),
        ],
    )
    data = run_awards(files)
    assert rows(data) == [
        ("W001", "senior_social_worker", "2025-12-01", "due", "3000.00"),
        ("W002", "senior_social_worker", "2025-12-01", "due", "5000.00"),
        ("W001", "psychological_counselor", "2025-12-01", "due", "1000.00"),
        ("W001", "social_worker", "2025-02-01", "due", "1000.00"),
    ]
    assert data["totals"] == {"due": "10000.00", "count_due": 4}  # 3000 + 5000 + 1000 + 1000


def test_top_up_never_goes_below_zero(tmp_path: Path) -> None:
    files = write_case(
        tmp_path,
        passes=[("W001", "assistant_social_worker", "2025-12-20")],
        ledger=[("W001", "senior_social_worker", "5000.00", "2023-01-01")],
    )
    data = run_awards(files)
    assert rows(data) == [("W001", "assistant_social_worker", "2025-12-20", "due", "0.00")]
    assert data["totals"] == {"due": "0.00", "count_due": 1}


def test_ledger_rows_of_former_workers_and_old_exams_are_accepted(tmp_path: Path) -> None:
    files = write_case(
        tmp_path,
        passes=[("W002", "assistant_social_worker", "2025-12-20")],
        ledger=[
            ("W999", "assistant_social_worker", "1000.00", "2020-01-01"),
            ("W002", "retired_exam", "300.00", "2020-01-01"),
        ],
    )
    data = run_awards(files)
    assert rows(data) == [("W002", "assistant_social_worker", "2025-12-20", "due", "1000.00")]


# --------------------------------------------------------------------------- statuses


def test_duplicate_pass_is_paid_once(tmp_path: Path) -> None:
    files = write_case(
        tmp_path,
        roster_exams={"W001": [("assistant_social_worker", "2025-11-02")]},
        passes=[
            ("W001", "assistant_social_worker", "2025-11-05"),
            ("W002", "psychological_counselor", "2025-10-01"),
            ("W002", "psychological_counselor", "2025-10-01"),
        ],
    )
    data = run_awards(files)
    assert rows(data) == [
        ("W001", "assistant_social_worker", "2025-11-02", "due", "1000.00"),
        ("W001", "assistant_social_worker", "2025-11-05", "duplicate", "0.00"),
        ("W002", "psychological_counselor", "2025-10-01", "due", "1000.00"),
        ("W002", "psychological_counselor", "2025-10-01", "duplicate", "0.00"),
    ]
    assert data["totals"] == {"due": "2000.00", "count_due": 2}


def test_duplicate_comes_before_already_paid(tmp_path: Path) -> None:
    files = write_case(
        tmp_path,
        passes=[("W001", "social_worker", "2025-11-05"), ("W001", "social_worker", "2025-11-05")],
        ledger=[("W001", "social_worker", "2000.00", "2025-12-01")],
    )
    data = run_awards(files)
    assert [r[3:] for r in rows(data)] == [("already_paid", "0.00"), ("duplicate", "0.00")]
    assert data["totals"] == {"due": "0.00", "count_due": 0}


def test_expired_pass_and_the_window_boundary(tmp_path: Path) -> None:
    # 2026-01-01 minus 2025-01-01 is 365 days: still inside a 365-day window; 366 is not.
    files = write_case(
        tmp_path,
        passes=[
            ("W001", "assistant_social_worker", "2025-01-01"),
            ("W002", "assistant_social_worker", "2024-12-31"),
            ("W003", "social_worker", "2026-01-01"),
        ],
        awards_rules={"claim_window_days": 365},
    )
    data = run_awards(files)
    assert rows(data) == [
        ("W001", "assistant_social_worker", "2025-01-01", "due", "1000.00"),
        ("W002", "assistant_social_worker", "2024-12-31", "expired", "0.00"),
        ("W003", "social_worker", "2026-01-01", "due", "2000.00"),
    ]
    assert data["totals"] == {"due": "3000.00", "count_due": 2}


def test_already_paid_comes_before_expired_and_no_window_means_never_expired(
    tmp_path: Path,
) -> None:
    files = write_case(
        tmp_path,
        passes=[
            ("W001", "assistant_social_worker", "2010-01-01"),
            ("W002", "assistant_social_worker", "2010-01-01"),
        ],
        ledger=[("W001", "assistant_social_worker", "1000.00", "2010-02-01")],
        awards_rules={"claim_window_days": None},
    )
    data = run_awards(files)
    assert [r[3:] for r in rows(data)] == [("already_paid", "0.00"), ("due", "1000.00")]
    files["rules"].write_text("extends: national-v1\nname: test rules\n", encoding="utf-8")
    data = run_awards(files)  # the national window is 365 days
    assert [r[3:] for r in rows(data)] == [("already_paid", "0.00"), ("expired", "0.00")]


def test_an_exam_priced_0_is_not_awarded_and_a_later_award_is_paid(tmp_path: Path) -> None:
    """The way to drop an exam is to price it 0: it must not be recorded as paid, or the
    award a later notice gives it is lost (`already_paid 0.00`, exit 0)."""
    files = write_case(
        tmp_path,
        passes=[("W001", "first_aid", "2025-12-01"), ("W002", "social_worker", "2025-12-01")],
        awards_rules={"exams": {"first_aid": 0}},
    )
    data = run_awards(files)
    assert rows(data) == [
        ("W001", "first_aid", "2025-12-01", "not_awarded", "0.00"),
        ("W002", "social_worker", "2025-12-01", "due", "2000.00"),
    ]
    assert data["awards"][0]["reason"] == "the rules give no award for this exam"
    assert data["totals"] == {"due": "2000.00", "count_due": 1}
    run_awards(files, "--record", "--new-ledger")
    # only the 2000.00 is recorded: the exam priced 0 is in no ledger row
    assert files["ledger"].read_text(encoding="utf-8") == (
        "worker_id,exam,amount,paid_on\nW002,social_worker,2000.00,2026-01-01\n"
    )
    # a later notice rewards the exam: 800.00 is due, and recorded
    rules = yaml.safe_load(files["rules"].read_text(encoding="utf-8"))
    rules["awards"]["exams"]["first_aid"] = 800
    files["rules"].write_text(yaml.safe_dump(rules), encoding="utf-8")
    later = run_awards(files, "--record", as_of="2026-02-01")
    assert [r[3:] for r in rows(later)] == [("due", "800.00"), ("already_paid", "0.00")]
    assert later["totals"] == {"due": "800.00", "count_due": 1}
    assert (
        files["ledger"]
        .read_text(encoding="utf-8")
        .endswith("W002,social_worker,2000.00,2026-01-01\nW001,first_aid,800.00,2026-02-01\n")
    )


def test_a_ledger_row_of_0_00_counts_as_nothing_paid(tmp_path: Path) -> None:
    """A ledger an older swplan wrote holds `first_aid 0.00` for a pass it did not pay:
    the award the rules give now is due, not `already_paid 0.00`."""
    files = write_case(
        tmp_path,
        passes=[("W001", "first_aid", "2025-12-01")],
        ledger=[("W001", "first_aid", "0.00", "2025-12-15")],
        awards_rules={"exams": {"first_aid": 800}},
    )
    data = run_awards(files, "--record")
    assert rows(data) == [("W001", "first_aid", "2025-12-01", "due", "800.00")]
    assert files["ledger"].read_text(encoding="utf-8").splitlines()[-1] == (
        "W001,first_aid,800.00,2026-01-01"
    )
    # recorded once: the second run finds the 800.00 row
    again = run_awards(files, "--record")
    assert rows(again) == [("W001", "first_aid", "2025-12-01", "already_paid", "0.00")]
    assert len(files["ledger"].read_text(encoding="utf-8").splitlines()) == 3


def test_a_top_up_of_0_00_is_due_but_never_recorded(tmp_path: Path) -> None:
    # W001 was paid 2000.00 for social_worker; the assistant exam (1000, lower on the
    # ladder) tops up 1000 - 2000 -> 0.00: due, with nothing to record
    files = write_case(
        tmp_path,
        passes=[("W001", "assistant_social_worker", "2025-12-01")],
        ledger=[("W001", "social_worker", "2000.00", "2025-06-01")],
    )
    data = run_awards(files, "--record")
    assert rows(data) == [("W001", "assistant_social_worker", "2025-12-01", "due", "0.00")]
    assert files["ledger"].read_text(encoding="utf-8") == (
        "worker_id,exam,amount,paid_on\nW001,social_worker,2000.00,2025-06-01\n"
    )


def test_amounts_with_fen(tmp_path: Path) -> None:
    files = write_case(
        tmp_path,
        passes=[
            ("W001", "assistant_social_worker", "2025-12-01"),
            ("W001", "social_worker", "2025-12-02"),
        ],
        ledger=[("W001", "psychological_counselor", "1000.00", "2025-01-01")],
        awards_rules={"exams": {"assistant_social_worker": "999.99", "social_worker": "2000.5"}},
    )
    data = run_awards(files)
    assert [r[4] for r in rows(data)] == ["999.99", "1000.51"]
    assert data["totals"] == {"due": "2000.50", "count_due": 2}


# --------------------------------------------------------------------------- bad input


def _assert_nothing_written(files: dict[str, Path], before: bytes, output: Path) -> None:
    assert files["ledger"].read_bytes() == before
    assert not output.exists()
    assert not list(files["ledger"].parent.glob("*.tmp"))


@pytest.mark.parametrize(
    ("passes", "expected"),
    [
        (
            [("W001", "social_workr", "2025-12-01")],
            [
                "passes.yaml:3:",
                "passes[0].exam",
                "'social_workr' is not one of",
                "did you mean 'social_worker'?",
            ],
        ),
        (
            [("W001", "social_worker", "2026-01-02")],
            [
                "passes.yaml:4:",  # the passed_on line: an error is at its value's own place
                "passes[0].passed_on",
                "2026-01-02 is after the as-of date 2026-01-01",
            ],
        ),
    ],
    ids=["unknown-exam", "future-date"],
)
def test_bad_passes_exit_2_with_file_line_and_write_nothing(
    tmp_path: Path, passes: list[tuple[str, str, str]], expected: list[str]
) -> None:
    files = write_case(
        tmp_path, passes=passes, ledger=[("W002", "social_worker", "2000.00", "2025-01-01")]
    )
    before = files["ledger"].read_bytes()
    output = tmp_path / "out.json"
    result = swplan(
        "awards",
        files["roster"],
        "--passes",
        files["passes"],
        "--ledger",
        files["ledger"],
        "--as-of",
        AS_OF,
        "--record",
        "--format",
        "json",
        "--output",
        output,
    )
    assert result.code == 2
    assert result.out == ""
    assert "Traceback" not in result.err
    line = result.err.splitlines()[0]
    assert line.startswith("error: ")
    for text in expected:
        assert text in line, (text, result.err)
    _assert_nothing_written(files, before, output)


def test_every_bad_pass_is_reported_together(tmp_path: Path) -> None:
    (tmp_path / "passes.csv").write_text(
        "worker_id,exam,passed_on\n"
        "W001,social_worker,2025-12-01\n"
        "W777,social_worker,2025-12-01\n"
        "W002,assistant_social_worker,2027-05-05\n",
        encoding="utf-8",
    )
    files = write_case(
        tmp_path, roster_exams={"W003": [("social_worker", "2026-06-01")]}, ledger=[]
    )
    before = files["ledger"].read_bytes()
    output = tmp_path / "out.csv"
    result = swplan(
        "awards",
        files["roster"],
        "--passes",
        tmp_path / "passes.csv",
        "--ledger",
        files["ledger"],
        "--as-of",
        AS_OF,
        "--record",
        "--output",
        output,
    )
    assert result.code == 2
    errors = result.err.splitlines()
    assert len(errors) == 2, result.err  # (W777, not on the roster, is no error: a status)
    assert "roster.yaml:" in errors[0] and "workers[2].exams[0].passed_on" in errors[0]
    assert "2026-06-01 is after the as-of date" in errors[0]
    assert errors[1].startswith("error: ") and "passes.csv:4:" in errors[1]
    assert "2027-05-05 is after the as-of date" in errors[1]
    _assert_nothing_written(files, before, output)


def test_record_without_ledger_is_a_usage_error(tmp_path: Path) -> None:
    files = write_case(tmp_path, passes=[("W001", "social_worker", "2025-12-01")])
    result = swplan(
        "awards", files["roster"], "--passes", files["passes"], "--record", "--as-of", AS_OF
    )
    assert result.code == 2
    assert result.out == ""
    assert "--record" in result.err and "--ledger" in result.err
    assert not files["ledger"].exists()


def test_api_raises_every_problem_with_its_origin() -> None:
    rules = load_rules()
    workers = [Worker("W001", "s1", "bachelor", "none", years_of_service=1)]
    passes = [
        ExamPass("W001", "nope", D),
        ExamPass("W002", "social_worker", D),
        ExamPass("W001", "social_worker", D + dt.timedelta(days=1)),
    ]
    with pytest.raises(InputError) as info:
        awards(rules, workers, passes, [], D)
    # W002 is not on the roster: a status, not a problem
    assert [p.path for p in info.value.problems] == ["exam", "passed_on"]


# --------------------------------------------------------------------------- the example


@pytest.fixture
def small(tmp_path: Path) -> Path:
    target = tmp_path / "small"
    shutil.copytree(EXAMPLES / "small", target)
    return target


EXAMPLE_ROWS = [
    ("W001", "assistant_social_worker", "2025-11-02", "already_paid", "0.00"),
    ("W005", "psychological_counselor", "2025-06-20", "due", "1000.00"),
    ("W001", "social_worker", "2025-12-20", "due", "1000.00"),
    ("W004", "social_worker", "2025-11-15", "due", "1000.00"),
    ("W004", "assistant_social_worker", "2025-03-08", "due", "1000.00"),
    ("W003", "assistant_social_worker", "2025-11-30", "due", "1000.00"),
    ("W003", "assistant_social_worker", "2025-11-30", "duplicate", "0.00"),
    ("W002", "social_worker", "2024-10-12", "expired", "0.00"),
]


def test_small_example_shows_every_status(small: Path) -> None:
    result = swplan(
        "awards",
        small / "roster.yaml",
        "--passes",
        small / "passes.yaml",
        "--ledger",
        small / "ledger.csv",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    data = result.json()
    assert rows(data) == EXAMPLE_ROWS
    assert data["totals"] == {"due": "5000.00", "count_due": 5}
    assert "5 award(s) due, 5000.00 in total; add --record" in result.err


def test_small_example_table(small: Path) -> None:
    result = swplan(
        "awards",
        small / "roster.yaml",
        "--passes",
        small / "passes.yaml",
        "--ledger",
        small / "ledger.csv",
        "--as-of",
        AS_OF,
    )
    assert result.code == 0, result.err
    out = result.out
    assert "Exam awards due — national default (2026-01-01)" in out
    lines = out.splitlines()
    w001 = next(x for x in lines if "W001" in x and "social_worker " in x and "| 2025-12-20" in x)
    assert [c.strip() for c in w001.strip("|").split("|")] == [
        "W001",
        "张三",
        "social_worker",
        "2025-12-20",
        "2,000.00",  # tables separate thousands; JSON and CSV do not
        "1,000.00",
        "1,000.00",
    ]
    totals = [x for x in lines if x.startswith("| Total")]
    assert [c.strip() for c in totals[0].strip("|").split("|")][-1] == "5,000.00"
    by_exam = [
        [c.strip() for c in x.strip("|").split("|")]
        for x in lines
        if x.startswith("| assistant_social_worker ")
        or x.startswith("| social_worker ")
        or x.startswith("| psychological_counselor ")
    ]
    assert by_exam == [
        ["assistant_social_worker", "2", "2,000.00"],
        ["social_worker", "2", "2,000.00"],
        ["psychological_counselor", "1", "1,000.00"],
    ]
    assert [c.strip() for c in totals[1].strip("|").split("|")] == ["Total", "5", "5,000.00"]
    assert "paid 1000.00 on 2025-12-01" in out
    assert "repeats the pass of 2025-11-30 at " in out and "passes.yaml:" in out
    assert "passed 446 days ago, window 365" in out
    assert "already paid" in out and "duplicate" in out and "expired" in out


def test_small_example_csv_markdown_and_zh(small: Path) -> None:
    args = (
        "awards",
        small / "roster.yaml",
        "--passes",
        small / "passes.yaml",
        "--ledger",
        small / "ledger.csv",
        "--as-of",
        AS_OF,
    )
    csv_out = swplan(*args, "--format", "csv")
    assert csv_out.code == 0
    lines = csv_out.out.splitlines()
    assert lines[0] == "worker_id,exam,passed_on,scheme,status,amount,reason,capped"
    cells = [line.split(",") for line in lines[1:]]
    assert [c[:3] + c[4:6] for c in cells] == [list(r) for r in EXAMPLE_ROWS]
    assert {c[3] for c in cells} == {"default"}  # no awards.schemes: the one scheme
    assert lines[1].endswith(",paid 1000.00 on 2025-12-01,false")  # reason, capped
    assert lines[2].endswith(",1000.00,,false")  # a due award has no reason
    md = swplan(*args, "--format", "markdown")
    assert md.code == 0
    assert "| W001 | 张三 | social_worker | 2025-12-20 | 2,000.00 | 1,000.00 | 1,000.00 |" in md.out
    assert "| **Total** | **5** | **5,000.00** |" in md.out
    zh = swplan(*args, "--lang", "zh")
    assert zh.code == 0
    assert "应发考试奖励" in zh.out and "合计" in zh.out and "已过期" in zh.out
    assert "社会工作师" in zh.out and "已于 2025-12-01 发放 1000.00" in zh.out


def test_small_example_through_the_python_api() -> None:
    small = EXAMPLES / "small"
    rules = load_rules()
    result = awards(
        rules,
        load_roster(small / "roster.yaml", rules),
        load_passes(small / "passes.yaml", rules),
        load_ledger(small / "ledger.csv"),
        D,
    )
    assert [
        (a.worker_id, a.exam, a.passed_on.isoformat(), a.status, str(a.amount))
        for a in result.awards
    ] == EXAMPLE_ROWS
    assert result.due == Decimal("5000.00")
    assert result.count_due == 5
    assert [(t.exam, t.count, t.amount) for t in result.by_exam] == [
        ("assistant_social_worker", 2, Decimal("2000.00")),
        ("social_worker", 2, Decimal("2000.00")),
        ("psychological_counselor", 1, Decimal("1000.00")),
    ]


def test_as_of_defaults_to_today(tmp_path: Path) -> None:
    today = dt.date.today()
    files = write_case(tmp_path, passes=[("W001", "social_worker", today.isoformat())], ledger=[])
    result = swplan(
        *("awards", files["roster"], "--passes", files["passes"], "--format", "json"),
        env={"SWPLAN_TODAY": ""},  # the machine's today, not the tests' fixed one
    )
    assert result.code == 0, result.err
    data = result.json()
    assert data["as_of"] == today.isoformat()
    assert rows(data) == [("W001", "social_worker", today.isoformat(), "due", "2000.00")]


def test_api_without_passes_or_ledger() -> None:
    rules = load_rules()
    worker = Worker(
        "W001",
        "s1",
        "bachelor",
        "none",
        years_of_service=1,
        exams=(ExamPass("W001", "social_worker", dt.date(2025, 12, 1)),),
    )
    result = awards(
        rules,
        [worker],
        [],
        [LedgerRow("W001", "assistant_social_worker", Decimal("1000.00"), dt.date(2025, 1, 1))],
        D,
    )
    assert [(a.status, a.amount, a.award, a.deducted) for a in result.awards] == [
        ("due", Decimal("1000.00"), Decimal("2000.00"), Decimal("1000.00"))
    ]


def test_a_pass_knows_where_each_of_its_cells_is_and_travels_with_them(tmp_path: Path) -> None:
    # the positions are worked out when a message asks; a pass sent to another
    # process carries them as a plain mapping
    import pickle

    passes = tmp_path / "passes.csv"
    passes.write_text(
        "name,worker_id,exam,passed_on\n张三,W001,social_worker,2025-12-20\n", encoding="utf-8"
    )
    (found,) = load_passes(passes, load_rules())
    assert found.origin is not None and found.origin.wheres is not None
    where = {k: found.origin.wheres[k] for k in ("worker_id", "exam", "passed_on")}
    assert where == {"worker_id": "2:2", "exam": "2:3", "passed_on": "2:4"}
    travelled = pickle.loads(pickle.dumps(found))
    assert travelled.origin is not None
    assert dict(travelled.origin.wheres or {}) == dict(found.origin.wheres)
    assert travelled.origin.problem("x", "exam").where == "2:3"  # a message at its cell
