"""Award eligibility as local notices write it (docs/rules.md): conditions, deadline, cap.

Every expected amount and status is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, swplan
from hypothesis import given, settings
from hypothesis import strategies as st

from swplan import InputError, awards, budget, load_rules
from swplan.calc.awards import service_months
from swplan.model import ExamPass, LedgerRow, Site, Worker
from swplan.rules import Rules

AWARDS = EXAMPLES / "awards"


def rules_with(tmp_path: Path, awards_rules: dict[str, Any], **top: Any) -> Rules:
    """The national rules with `awards` (and other top-level keys) overridden."""
    path = tmp_path / "rules.yaml"
    data = {"extends": "national", "name": "test", "awards": awards_rules, **top}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_rules(path)


def worker(ident: str = "W1", **facts: Any) -> Worker:
    facts.setdefault("years_of_service", None if "hired" in facts else 5)
    return Worker(ident, "s1", "bachelor", "none", **facts)


def passed(exam: str, on: str, ident: str = "W1") -> ExamPass:
    return ExamPass(ident, exam, dt.date.fromisoformat(on))


def paid(exam: str, amount: str, ident: str = "W1") -> LedgerRow:
    return LedgerRow(ident, exam, Decimal(amount), dt.date(2020, 1, 1))


def decided(result: Any) -> list[tuple[str, str, str]]:
    return [(a.exam, a.status, str(a.amount)) for a in result.awards]


# --------------------------------------------------------------------------- service months


@pytest.mark.parametrize(
    ("hired", "on", "months"),
    [
        ("2024-03-15", "2025-03-15", 12),  # the 12th anniversary itself
        ("2024-03-15", "2025-03-14", 11),  # one day short of it
        ("2024-01-31", "2024-02-29", 1),  # a hire on the 31st: last day of February
        ("2024-01-31", "2024-02-28", 0),
        ("2023-01-31", "2023-02-28", 1),  # not a leap year: 28 February
        ("2024-01-31", "2024-04-30", 3),  # 30 April is April's anniversary
        ("2024-05-01", "2024-05-01", 0),
        ("2024-05-02", "2024-05-01", -1),  # hired after the pass
    ],
)
def test_service_months_count_month_anniversaries(hired: str, on: str, months: int) -> None:
    assert service_months(dt.date.fromisoformat(hired), dt.date.fromisoformat(on)) == months


def test_min_service_months_exactly_12_is_enough(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, {"eligibility": {"min_service_months": 12}})
    workers = [
        worker("W1", hired=dt.date(2024, 3, 15)),
        worker("W2", hired=dt.date(2024, 3, 16)),
    ]
    result = awards(
        rules,
        workers,
        [
            passed("assistant_social_worker", "2025-03-15", "W1"),  # 12 months: due 1000
            passed("assistant_social_worker", "2025-03-15", "W2"),  # 11 months: ineligible
        ],
        as_of=dt.date(2025, 4, 1),
    )
    assert decided(result) == [
        ("assistant_social_worker", "due", "1000.00"),
        ("assistant_social_worker", "ineligible", "0.00"),
    ]
    failed = result.awards[1].failed[0]
    assert (failed.condition, failed.value, failed.required) == ("min_service_months", "11", "12")


def test_min_service_months_from_years_of_service_is_times_12(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, {"eligibility": {"min_service_months": 12}})
    workers = [worker("W1", years_of_service=1), worker("W2", years_of_service=0)]
    result = awards(
        rules,
        workers,
        [
            passed("social_worker", "2025-06-01", "W1"),  # 1 x 12 = 12 months: due 2000
            passed("social_worker", "2025-06-01", "W2"),  # 0 x 12 = 0: ineligible
        ],
        as_of=dt.date(2025, 7, 1),
    )
    assert decided(result) == [
        ("social_worker", "due", "2000.00"),
        ("social_worker", "ineligible", "0.00"),
    ]


# --------------------------------------------------------------------------- rating, employment


def test_min_performance_by_rank(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, {"eligibility": {"min_performance": "pass"}})
    workers = [
        worker("W1", performance="pass"),  # pass is not below pass: due
        worker("W2", performance="basic_pass"),  # ranked below pass: ineligible
        worker("W3"),  # no rating: default_performance pass: due
        worker("W4", performance="excellent"),  # above: due
    ]
    result = awards(
        rules,
        workers,
        [passed("assistant_social_worker", "2025-06-01", w.id) for w in workers],
        as_of=dt.date(2025, 7, 1),
    )
    assert [a.status for a in result.awards] == ["due", "ineligible", "due", "due"]
    assert result.due == Decimal("3000.00")  # 3 x 1000


def test_ratings_rank_in_the_order_the_bureau_lists_them(tmp_path: Path) -> None:
    """A bureau listing ratings in its own order (worst first) ranks them that way; the
    inherited basic_pass stays just after pass, where the national list has it."""
    path = tmp_path / "rules.yaml"
    path.write_text(
        "extends: national-v1\nname: t\n"
        "pay:\n  points:\n    performance: {fail: -1, pass: 0, good: 1, excellent: 2}\n",
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert list(rules.pay.points.performance) == ["fail", "pass", "basic_pass", "good", "excellent"]
    assert rules.label_of("performance", "basic_pass", "zh") == "基本合格"


def test_exclude_employment_and_the_default(tmp_path: Path) -> None:
    rules = rules_with(
        tmp_path, {"eligibility": {"exclude_employment": ["civil_servant", "public_institution"]}}
    )
    workers = [
        worker("W1", employment="civil_servant"),  # excluded
        worker("W2", employment="civil_servant_managed"),  # not listed: due
        worker("W3"),  # none given: default_employment contract: due
    ]
    result = awards(
        rules,
        workers,
        [passed("social_worker", "2025-06-01", w.id) for w in workers],
        as_of=dt.date(2025, 7, 1),
    )
    assert [a.status for a in result.awards] == ["ineligible", "due", "due"]


def test_employment_column_takes_chinese_words(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,site,education,title,years_of_service,employment\n"
        "W1,s1,本科,无,3,事业编制\n"  # the label
        "W2,s1,本科,无,3,事业编\n"  # an alias
        "W3,s1,本科,无,3,\n",  # blank: contract
        encoding="utf-8",
    )
    passes = tmp_path / "passes.csv"
    passes.write_text(
        "worker_id,exam,passed_on\n" + "".join(f"W{i},社工师,2025-06-01\n" for i in (1, 2, 3)),
        encoding="utf-8",
    )
    (tmp_path / "r.yaml").write_text(
        "extends: national-v1\nname: t\nawards:\n  eligibility:\n"
        "    exclude_employment: [public_institution]\n",
        encoding="utf-8",
    )
    result = swplan(
        "awards", roster, "--passes", passes, "--rules", tmp_path / "r.yaml",
        "--as-of", "2025-07-01", "-f", "json",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert [a["status"] for a in result.json()["awards"]] == ["ineligible", "ineligible", "due"]


# --------------------------------------------------------------------------- claim deadline


def test_claim_deadline_day_itself_is_in_time(tmp_path: Path) -> None:
    rules = rules_with(
        tmp_path, {"claim_window_days": None, "claim_deadline": {"month": 3, "day": 31}}
    )
    workers = [worker("W1")]
    passes = [passed("assistant_social_worker", "2024-08-20")]
    # passes of 2024 must be claimed by 2025-03-31
    on_the_day = awards(rules, workers, passes, as_of=dt.date(2025, 3, 31))
    assert decided(on_the_day) == [("assistant_social_worker", "due", "1000.00")]
    day_after = awards(rules, workers, passes, as_of=dt.date(2025, 4, 1))
    assert decided(day_after) == [("assistant_social_worker", "expired", "0.00")]
    assert day_after.awards[0].deadline == dt.date(2025, 3, 31)


def test_claim_deadline_29_february_in_a_common_year_is_the_28th(tmp_path: Path) -> None:
    rules = rules_with(
        tmp_path, {"claim_window_days": None, "claim_deadline": {"month": 2, "day": 29}}
    )
    passes = [passed("assistant_social_worker", "2024-08-20")]  # claim year 2025: no 29 Feb
    assert awards(rules, [worker()], passes, as_of=dt.date(2025, 2, 28)).awards[0].status == "due"
    assert (
        awards(rules, [worker()], passes, as_of=dt.date(2025, 3, 1)).awards[0].status == "expired"
    )


def test_claim_deadline_must_be_a_real_day(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        "extends: national-v1\nname: t\nawards:\n  claim_deadline: {month: 2, day: 30}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_rules(tmp_path / "r.yaml")
    assert "awards.claim_deadline.day: month 2 has no day 30" in str(err.value)


# --------------------------------------------------------------------------- cap per worker


def test_top_up_meeting_the_cap_exactly_is_paid_in_full(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, {"cap_per_worker": 2000, "upgrade": "top_up"})
    # ledger 1000 (assistant); social_worker 2000 - 1000 = 1000; 1000 + 1000 = 2000 = cap
    result = awards(
        rules,
        [worker()],
        [passed("social_worker", "2025-06-01")],
        [paid("assistant_social_worker", "1000.00")],
        as_of=dt.date(2025, 7, 1),
    )
    assert decided(result) == [("social_worker", "due", "1000.00")]
    assert result.awards[0].capped is False


def test_cap_cuts_and_cut_to_zero_is_capped(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, {"cap_per_worker": 2000, "upgrade": "top_up"})
    ledger = [
        paid("psychological_counselor", "1000.00", "W1"),
        paid("psychological_counselor", "1000.00", "W2"),
        paid("assistant_social_worker", "1000.00", "W2"),
    ]
    result = awards(
        rules,
        [worker("W1"), worker("W2")],
        [passed("social_worker", "2025-06-01", "W1"), passed("social_worker", "2025-06-01", "W2")],
        ledger,
        as_of=dt.date(2025, 7, 1),
    )
    # W1: top-up 2000 - 0 (no ladder paid) = 2000; cap room 2000 - 1000 = 1000: cut to 1000
    # W2: top-up 2000 - 1000 = 1000; room 2000 - 2000 = 0: cut to 0, status capped
    assert decided(result) == [
        ("social_worker", "due", "1000.00"),
        ("social_worker", "capped", "0.00"),
    ]
    assert [a.capped for a in result.awards] == [True, True]
    assert result.due == Decimal("1000.00") and result.count_due == 1


def test_decided_in_ladder_order_then_input_order_and_top_up_uses_what_was_paid(
    tmp_path: Path,
) -> None:
    rules = rules_with(tmp_path, {"cap_per_worker": 2500, "upgrade": "top_up"})
    result = awards(
        rules,
        [worker()],
        [
            passed("psychological_counselor", "2025-06-01"),  # not on the ladder: decided last
            passed("social_worker", "2025-06-01"),  # ladder step 2
            passed("assistant_social_worker", "2025-05-01"),  # ladder step 1: decided first
        ],
        as_of=dt.date(2025, 7, 1),
    )
    # assistant 1000 (room 2500): 1000; paid 1000
    # social_worker: top-up 2000 - 1000 actually paid = 1000 (room 1500): 1000; paid 2000
    # psychological_counselor 1000, room 2500 - 2000 = 500: cut to 500
    assert decided(result) == [
        ("psychological_counselor", "due", "500.00"),
        ("social_worker", "due", "1000.00"),
        ("assistant_social_worker", "due", "1000.00"),
    ]
    assert [a.capped for a in result.awards] == [True, False, False]


def test_top_up_subtracts_the_capped_amount_not_the_award(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, {"cap_per_worker": 1500, "upgrade": "top_up"})
    result = awards(
        rules,
        [worker()],
        [passed("assistant_social_worker", "2025-06-01")],
        [paid("psychological_counselor", "1000.00")],
        as_of=dt.date(2025, 7, 1),
    )
    # assistant 1000, room 1500 - 1000 = 500: cut to 500 (actually paid 500)
    assert decided(result) == [("assistant_social_worker", "due", "500.00")]
    later = awards(
        rules_with(tmp_path, {"cap_per_worker": 5000, "upgrade": "top_up"}),
        [worker()],
        [passed("social_worker", "2026-06-01")],
        [paid("psychological_counselor", "1000.00"), paid("assistant_social_worker", "500.00")],
        as_of=dt.date(2026, 7, 1),
    )
    # social_worker 2000 - 500 actually paid for the ladder = 1500 (room 5000 - 1500 = 3500)
    assert decided(later) == [("social_worker", "due", "1500.00")]


# --------------------------------------------------------------------------- status order


def test_statuses_are_decided_in_order(tmp_path: Path) -> None:
    rules = rules_with(
        tmp_path,
        {
            "claim_window_days": None,
            "claim_deadline": {"month": 3, "day": 31},
            "cap_per_worker": 1000,
            "eligibility": {"min_performance": "pass"},
        },
    )
    workers = [
        worker("W1", performance="fail"),  # ineligible on every pass
        worker("W2"),
        worker("W3"),
        worker("W4"),
    ]
    passes = [
        passed("social_worker", "2023-06-01", "W1"),  # in the ledger and ineligible
        passed("assistant_social_worker", "2023-06-01", "W1"),  # ineligible and expired
        passed("assistant_social_worker", "2023-06-01", "W1"),  # duplicate (and all of those)
        passed("social_worker", "2023-06-01", "W2"),  # expired, and the cap would cut it to 0
        passed("social_worker", "2025-01-10", "W3"),  # capped: ledger 1000 = cap
        passed("assistant_social_worker", "2025-01-10", "W4"),  # due: 1000 within the cap
    ]
    ledger = [
        paid("social_worker", "2000.00", "W1"),
        paid("psychological_counselor", "1000.00", "W2"),
        paid("psychological_counselor", "1000.00", "W3"),
    ]
    result = awards(rules, workers, passes, ledger, as_of=dt.date(2025, 3, 1))
    assert [a.status for a in result.awards] == [
        "already_paid",
        "ineligible",
        "duplicate",
        "expired",
        "capped",
        "due",
    ]


# --------------------------------------------------------------------------- reasons, JSON, CLI


def weihai(*extra: str, ledger: Path | None = None, as_of: str = "2025-04-15") -> Any:
    return swplan(
        "awards",
        AWARDS / "roster.csv",
        "--passes",
        AWARDS / "passes.csv",
        "--ledger",
        ledger or AWARDS / "ledger.csv",
        "--rules",
        AWARDS / "weihai.yaml",
        "--as-of",
        as_of,
        *extra,
    )


def test_reason_and_capped_in_json_and_chinese_under_lang_zh() -> None:
    en = weihai("-f", "json")
    assert en.code == 0, en.err
    by_id = {a["worker_id"]: a for a in en.json()["awards"]}
    assert by_id["W09"] == {
        "worker_id": "W09",
        "exam": "social_worker",
        "passed_on": "2024-08-20",
        "scheme": "default",
        "status": "capped",
        "amount": "0.00",
        "reason": "cap_per_worker 2000.00 reached: 2000.00 already paid to this worker",
        "capped": True,
    }
    assert by_id["W10"]["status"] == "due" and by_id["W10"]["capped"] is True
    assert by_id["W10"]["reason"] is None
    assert by_id["W11"]["reason"] == "passes of 2023 had to be claimed by 2024-04-15"
    zh = weihai("-f", "json", "--lang", "zh").json()
    zh_by_id = {a["worker_id"]: a for a in zh["awards"]}
    assert zh_by_id["W09"]["status"] == "capped"  # JSON values stay as they are
    assert zh_by_id["W09"]["reason"] == "已达每人奖励上限 2000.00（此前已发放 2000.00）"
    table = weihai("--lang", "zh")
    assert "已达上限" in table.out and "2023 年的通过须在 2024-04-15 前领取，已过期" in table.out
    csv_out = weihai("-f", "csv").out.splitlines()
    assert csv_out[0] == "worker_id,exam,passed_on,scheme,status,amount,reason,capped"
    assert csv_out[9] == (
        "W09,social_worker,2024-08-20,default,capped,0.00,"
        "cap_per_worker 2000.00 reached: 2000.00 already paid to this worker,true"
    )
    md = weihai("-f", "markdown").out
    assert "cap_per_worker 2000.00 reached" in md


def test_ineligible_reason_names_the_condition_and_the_value() -> None:
    result = swplan(
        "awards", AWARDS / "roster.csv", "--passes", AWARDS / "passes.csv",
        "--rules", AWARDS / "ninghe.yaml", "--as-of", "2025-10-31", "-f", "json",
    )  # fmt: skip
    reasons = {a["worker_id"]: a["reason"] for a in result.json()["awards"]}
    assert reasons["W02"] == (
        "11 months' service at the pass (hired 2023-09-01), under min_service_months 12"
    )
    assert reasons["W05"] == "employment state_enterprise is excluded (exclude_employment)"


def test_record_twice_with_a_cap_records_each_award_at_most_once(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.csv"
    ledger.write_bytes((AWARDS / "ledger.csv").read_bytes())
    before = ledger.read_text(encoding="utf-8").splitlines()
    first = weihai("--record", "-f", "json", ledger=ledger)
    assert first.code == 0, first.err
    lines = ledger.read_text(encoding="utf-8").splitlines()
    assert lines[: len(before)] == before
    added = lines[len(before) :]
    # the 9 due rows (W01-W08, W10 cut to 1000); not W09 (capped to 0) nor W11 (expired)
    assert [row.split(",")[0] for row in added] == [
        f"W{i:02d}" for i in (1, 2, 3, 4, 5, 6, 7, 8, 10)
    ]
    assert "W10,social_worker,1000.00,2025-04-15" in added
    second = weihai("--record", "-f", "json", ledger=ledger)
    assert second.code == 0, second.err
    assert ledger.read_text(encoding="utf-8").splitlines() == lines  # nothing new
    statuses = {a["worker_id"]: a["status"] for a in second.json()["awards"]}
    assert statuses["W10"] == "already_paid" and statuses["W09"] == "capped"


def test_record_never_records_an_ineligible_pass(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.csv"
    result = swplan(
        "awards", AWARDS / "roster.csv", "--passes", AWARDS / "passes.csv",
        "--rules", AWARDS / "ninghe.yaml", "--as-of", "2025-10-31",
        "--ledger", ledger, "--record", "--new-ledger", "-f", "json",
    )  # fmt: skip
    assert result.code == 0, result.err
    recorded = [line.split(",")[0] for line in ledger.read_text(encoding="utf-8").splitlines()[1:]]
    assert recorded == ["W01", "W07", "W08", "W09", "W10"]  # the 5 due; W02-W06 ineligible


def test_budget_counts_only_due_amounts(tmp_path: Path) -> None:
    rules = rules_with(
        tmp_path, {"cap_per_worker": 2000, "eligibility": {"min_performance": "pass"}}
    )
    workers = [worker("W1", performance="fail"), worker("W2"), worker("W3")]
    passes = [
        passed("social_worker", "2025-06-01", "W1"),  # ineligible: 0
        passed("social_worker", "2025-06-01", "W2"),  # ledger 2000 = cap: capped, 0
        passed("social_worker", "2025-06-01", "W3"),  # due 2000
    ]
    result = budget(
        rules,
        [Site("s1", None, None, {"elderly": 60})],
        workers,
        passes,
        [paid("psychological_counselor", "2000.00", "W2")],
        year=2026,
    )
    assert {line.item: line.amount for line in result.lines}["awards"] == Decimal("2000.00")


def test_budget_judges_the_workers_of_a_streamed_csv_roster(tmp_path: Path) -> None:
    (tmp_path / "pops.csv").write_text("id,name,kind,elderly\ns1,a,城市社区,40\n", encoding="utf-8")
    (tmp_path / "roster.csv").write_text(
        "id,site,education,title,years_of_service,employment\n"
        "W1,s1,本科,无,3,公务员\nW2,s1,本科,无,3,合同制\n",
        encoding="utf-8",
    )
    (tmp_path / "passes.csv").write_text(
        "worker_id,exam,passed_on\nW1,社工师,2025-06-01\nW2,社工师,2025-06-01\n",
        encoding="utf-8",
    )
    (tmp_path / "r.yaml").write_text(
        "extends: national-v1\nname: t\nawards:\n  eligibility: {exclude_employment: [公务员]}\n",
        encoding="utf-8",
    )
    # inside a rules file words are named by key only
    bad = swplan("rules", "show", "--rules", tmp_path / "r.yaml")
    assert bad.code == 2 and "'公务员' is not one of" in bad.err
    (tmp_path / "r.yaml").write_text(
        "extends: national-v1\nname: t\nawards:\n  eligibility: {exclude_employment: [civil_servant]}\n",
        encoding="utf-8",
    )
    for parallel in ("0", "999999999"):  # roster read in a second process, then in this one
        result = swplan(
            "budget", tmp_path / "pops.csv", tmp_path / "roster.csv",
            "--passes", tmp_path / "passes.csv", "--rules", tmp_path / "r.yaml", "-f", "json",
            env={"SWPLAN_PARALLEL_BYTES": parallel},
        )  # fmt: skip
        assert result.code == 0, result.err
        lines = {line["item"]: line["amount"] for line in result.json()["lines"]}
        assert lines["awards"] == "2000.00"  # W2 only; W1 is a civil servant


def test_rules_errors_name_the_condition(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        "extends: national-v1\nname: t\nawards:\n"
        "  eligibility: {min_performance: avg, exclude_employment: [civil]}\n",
        encoding="utf-8",
    )
    result = swplan("rules", "show", "--rules", tmp_path / "r.yaml")
    assert result.code == 2
    assert "r.yaml:4:34: awards.eligibility.min_performance: 'avg' is not one of:" in result.err
    assert "awards.eligibility.exclude_employment[0]: 'civil' is not one of: contract" in result.err


# --------------------------------------------------------------------------- the five notices

POLICIES = [
    # (rules, as-of, due statuses by worker, total due, counted due)
    # 宁河: 2000 / 3000, 12 months, no 在编 / 国企; deadline 31 Oct of the next year (the day)
    # W02 11 months; W03 公务员, W04 事业编制, W05 国企, W06 参公; W11's 2023 pass expired
    # due: W01 2000 + W07 2000 + W08 3000 + W09 3000 + W10 3000 = 13000
    ("ninghe", "2025-10-31", "D I I I I I D D D D E", "13000.00", 5),
    # 横琴: 2000 / 5000, no 公务员 / 事业编制; 31 March (the day)
    # due: W01 2000 + W02 5000 + W05 2000 + W06 5000 + W07 2000 + W08-W10 3 x 5000 = 31000
    ("hengqin", "2025-03-31", "D D I I D D D D D D E", "31000.00", 8),
    # 宁波: 1500 / 3000, no 公务员 / 参公; 28 February (the day)
    # due: W01 1500 + W02 3000 + W04 3000 + W05 1500 + W07 1500 + W08-W10 3 x 3000 = 19500
    ("ningbo", "2025-02-28", "D D I D D I D D D D E", "19500.00", 8),
    # 威海: 1000 / 2000, top-up, cap 2000; 15 April (the day)
    # W01, W03, W05, W07 1000; W02, W04, W06 2000; W08 2000 - 1000 = 1000 (meets the cap);
    # W09 ledger 2000 = cap: capped; W10 ledger 1000: 2000 cut to 1000. Sum 12000, 9 due
    ("weihai", "2025-04-15", "D D D D D D D D C D E", "12000.00", 9),
    # 长宁: 1500 / 3000 / 5000, rating 合格 or better; no deadline
    # W07 基本合格, W11 不合格: ineligible; 3 x 1500 + 6 x 3000 = 22500
    ("changning", "2025-03-01", "D D D D D D I D D D I", "22500.00", 9),
]
STATUS = {"D": "due", "I": "ineligible", "E": "expired", "C": "capped"}


@pytest.mark.parametrize(("name", "as_of", "statuses", "total", "count"), POLICIES)
def test_local_notice(name: str, as_of: str, statuses: str, total: str, count: int) -> None:
    result = swplan(
        "awards", AWARDS / "roster.csv", "--passes", AWARDS / "passes.csv",
        "--ledger", AWARDS / "ledger.csv", "--rules", AWARDS / f"{name}.yaml",
        "--as-of", as_of, "-f", "json",
    )  # fmt: skip
    assert result.code == 0, result.err
    data = result.json()
    assert [a["status"] for a in data["awards"]] == [STATUS[s] for s in statuses.split()]
    assert data["totals"] == {"due": total, "count_due": count}


# --------------------------------------------------------------------------- properties

EXAMS = [
    "assistant_social_worker",
    "social_worker",
    "senior_social_worker",
    "psychological_counselor",
]
CAPPED_RULES: dict[str, Rules] = {}


def capped_rules(cap: int, upgrade: str) -> Rules:
    key = f"{cap}-{upgrade}"
    if key not in CAPPED_RULES:
        from swplan.io.rules_file import builtin_document, merge

        data = merge(
            builtin_document().data,
            {"awards": {"cap_per_worker": cap, "upgrade": upgrade, "claim_window_days": None}},
        )
        CAPPED_RULES[key] = Rules.model_validate(data)
    return CAPPED_RULES[key]


@settings(max_examples=80, deadline=None)
@given(
    cap=st.sampled_from([0, 500, 1000, 2500, 4000, 8000]),
    upgrade=st.sampled_from(["top_up", "full"]),
    passes=st.lists(st.tuples(st.sampled_from(["W1", "W2"]), st.sampled_from(EXAMS)), max_size=6),
    ledger=st.lists(
        st.tuples(
            st.sampled_from(["W1", "W2"]),
            st.sampled_from([*EXAMS, "retired_exam"]),
            st.sampled_from(["0.00", "300.00", "1000.00", "2000.00"]),
        ),
        max_size=4,
    ),
)
def test_the_cap_is_never_passed_and_amounts_stay_within_the_award(
    cap: int, upgrade: str, passes: list[tuple[str, str]], ledger: list[tuple[str, str, str]]
) -> None:
    rules = capped_rules(cap, upgrade)
    result = awards(
        rules,
        [worker("W1"), worker("W2")],
        [passed(exam, "2025-06-01", ident) for ident, exam in passes],
        [paid(exam, amount, ident) for ident, exam, amount in ledger],
        as_of=dt.date(2025, 7, 1),
    )
    for ident in ("W1", "W2"):
        before = sum((Decimal(a) for i, _, a in ledger if i == ident), Decimal(0))
        now = sum((a.amount for a in result.awards if a.worker_id == ident), Decimal(0))
        assert now <= max(Decimal(0), cap - before)  # the cap counts the ledger too
    for a in result.awards:
        assert Decimal(0) <= a.amount <= a.award
        assert (a.amount > 0) <= (a.status == "due")
        assert (a.status == "capped") <= (a.capped and a.amount == 0)
