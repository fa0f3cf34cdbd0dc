"""Award schemes: several funders' awards, each judged per scheme and per pass, and the
statuses they add (not_on_roster, not_awarded, out_of_scope; expired by months).

The figures of 银川 (2,000 for the assistant certificate of a pass from 2022 on), 宁夏
(3,000 and 6,000 for the intermediate and senior ones) and 莆田 (600 / 900 / 1,800 for
the exams of 2021-2023, claimed within 3 months) are those of their published notices
(see `examples/awards/yinchuan/rules.yaml` and `examples/awards/putian.yaml`). Every
expected amount is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, swplan

from swplan import InputError, awards, load_rules
from swplan.calc.awards import month_anniversary
from swplan.model import ExamPass, LedgerRow, Worker
from swplan.rules import Rules

YINCHUAN = EXAMPLES / "awards" / "yinchuan"
D = dt.date(2025, 1, 10)


def rules_with(tmp_path: Path, awards_rules: dict[str, Any], **top: Any) -> Rules:
    path = tmp_path / "rules.yaml"
    data = {"extends": "national", "name": "test", "awards": awards_rules, **top}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_rules(path)


def worker(ident: str, name: str | None = None, **facts: Any) -> Worker:
    facts.setdefault("years_of_service", None if "hired" in facts else 5)
    return Worker(ident, "s1", "bachelor", "none", name=name, **facts)


def passed(ident: str, exam: str, on: str, **more: Any) -> ExamPass:
    return ExamPass(ident, exam, dt.date.fromisoformat(on), **more)


def paid(ident: str, exam: str, amount: str, scheme: str | None = None) -> LedgerRow:
    return LedgerRow(ident, exam, Decimal(amount), dt.date(2023, 1, 1), scheme)


def rows(result: Any) -> list[tuple[str, str, str | None, str, str]]:
    return [(a.worker_id, a.exam, a.scheme, a.status, str(a.amount)) for a in result.awards]


TWO = {
    "schemes": {
        "city": {"exams": {"assistant_social_worker": 2000, "social_worker": 1000}},
        "region": {
            "exams": {"social_worker": 3000, "senior_social_worker": 6000},
            "ladder": ["social_worker", "senior_social_worker"],
        },
    }
}


# --------------------------------------------------------------------------- one row per scheme


def test_a_pass_is_judged_by_every_scheme_that_prices_its_exam(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, TWO)
    result = awards(
        rules,
        [worker("W1"), worker("W2")],
        [
            passed("W1", "social_worker", "2024-06-01"),  # city 1000 and region 3000
            passed("W2", "assistant_social_worker", "2024-06-01"),  # city only: 2000
            passed("W2", "psychological_counselor", "2024-06-01"),  # no scheme: not_awarded
        ],
        as_of=D,
    )
    assert rows(result) == [
        ("W1", "social_worker", "city", "due", "1000.00"),
        ("W1", "social_worker", "region", "due", "3000.00"),
        ("W2", "assistant_social_worker", "city", "due", "2000.00"),
        ("W2", "psychological_counselor", None, "not_awarded", "0.00"),
    ]
    assert result.due == Decimal("6000.00")  # 1000 + 3000 + 2000
    assert [(t.scheme, t.count, str(t.amount)) for t in result.by_scheme] == [
        ("city", 2, "3000.00"),  # 1000 + 2000
        ("region", 1, "3000.00"),
    ]


def test_already_paid_top_ups_and_duplicates_count_within_the_scheme(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, TWO)
    ledger = [
        paid("W1", "social_worker", "1000.00", "city"),  # the city paid W1's social_worker
        paid("W2", "social_worker", "3000.00", "region"),  # the region paid W2's
    ]
    result = awards(
        rules,
        [worker("W1"), worker("W2")],
        [
            passed("W1", "social_worker", "2024-06-01"),
            passed("W2", "senior_social_worker", "2024-06-01"),
            passed("W2", "senior_social_worker", "2024-06-01"),  # the same pass again
        ],
        ledger,
        as_of=D,
    )
    assert rows(result) == [
        # the city's row does not make the region's award paid: region 3000 due
        ("W1", "social_worker", "city", "already_paid", "0.00"),
        ("W1", "social_worker", "region", "due", "3000.00"),
        # the region's ladder: senior 6000 - 3000 paid for social_worker = 3000
        ("W2", "senior_social_worker", "region", "due", "3000.00"),
        ("W2", "senior_social_worker", "region", "duplicate", "0.00"),
    ]


def test_caps_are_per_scheme(tmp_path: Path) -> None:
    schemes = {
        "schemes": {
            "city": {"exams": {"social_worker": 2000}, "cap_per_worker": 2500},
            "region": {"exams": {"social_worker": 3000, "psychological_counselor": 1000}},
        }
    }
    rules = rules_with(tmp_path, schemes)
    ledger = [paid("W1", "psychological_counselor", "1000.00", "region")]
    result = awards(
        rules, [worker("W1")], [passed("W1", "social_worker", "2024-06-01")], ledger, as_of=D
    )
    # the region's 1000 does not count against the city's cap: 2000 within 2500, due
    assert rows(result) == [
        ("W1", "social_worker", "city", "due", "2000.00"),
        ("W1", "social_worker", "region", "due", "3000.00"),
    ]
    assert not result.awards[0].capped


# --------------------------------------------------------------------------- not_on_roster


def test_not_on_roster_is_a_status_with_a_warning_and_a_suggestion_by_name(
    tmp_path: Path,
) -> None:
    rules = load_rules()
    workers = [worker("W001", "张三"), worker("W002", "李四")]
    result = awards(
        rules,
        workers,
        [
            passed("W01", "social_worker", "2025-06-01", name="张 三"),  # 张三 is W001
            passed("W009", "social_worker", "2025-06-01", name="王五"),  # no such name
            passed("W002", "social_worker", "2025-06-01"),
        ],
        as_of=dt.date(2026, 1, 1),
    )
    assert rows(result) == [
        ("W01", "social_worker", "default", "not_on_roster", "0.00"),
        ("W009", "social_worker", "default", "not_on_roster", "0.00"),
        ("W002", "social_worker", "default", "due", "2000.00"),
    ]
    assert result.awards[0].hint == ("W001",)
    assert result.awards[1].hint == ()  # a suggestion only where the name matches
    assert [str(w) for w in result.warnings] == [
        "worker 'W01' is not on the roster (left, or a wrong worker id): the social_worker "
        "pass of 2025-06-01 is not paid (did you mean 'W001'?)",
        "worker 'W009' is not on the roster (left, or a wrong worker id): the social_worker "
        "pass of 2025-06-01 is not paid",
    ]
    assert result.due == Decimal("2000.00")


def test_not_on_roster_comes_before_every_other_status(tmp_path: Path) -> None:
    # W9 left: its pass is in the ledger, repeated, and expired, yet it is not_on_roster
    result = awards(
        load_rules(),
        [worker("W1")],
        [passed("W9", "social_worker", "2020-01-01"), passed("W9", "social_worker", "2020-01-01")],
        [paid("W9", "social_worker", "2000.00")],
        as_of=dt.date(2026, 1, 1),
    )
    assert [a.status for a in result.awards] == ["not_on_roster", "not_on_roster"]


def _awards_files(tmp_path: Path) -> dict[str, Path]:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "工号,姓名,站点,学历,职称,工龄\nW001,张三,s1,本科,无,3\nW002,李四,s1,本科,无,3\n",
        encoding="utf-8",
    )
    passes = tmp_path / "passes.csv"
    passes.write_text(
        "工号,姓名,考试,通过日期\n"
        "W001,张三,社会工作师,2025-06-01\n"
        "W01,张三,助理社会工作师,2025-06-01\n",  # a wrong id: 张三 is W001
        encoding="utf-8",
    )
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("worker_id,exam,amount,paid_on\n", encoding="utf-8")
    return {"roster": roster, "passes": passes, "ledger": ledger}


def test_not_on_roster_in_every_format_and_never_recorded(tmp_path: Path) -> None:
    files = _awards_files(tmp_path)
    args = ["awards", files["roster"], "--passes", files["passes"], "--as-of", "2026-01-01"]
    warning = "worker 'W01' is not on the roster (left, or a wrong worker id)"
    out = swplan(*args, "-f", "json", "--ledger", files["ledger"], "--record")
    assert out.code == 0, out.err
    data = out.json()
    assert data["warnings"][0].startswith(f"{files['passes']}:3:1: {warning}")
    row = data["awards"][1]
    assert (row["status"], row["amount"]) == ("not_on_roster", "0.00")
    assert row["reason"] == "not on the roster (left, or a wrong worker id) (did you mean 'W001'?)"
    assert warning in out.err  # JSON on stdout: the warning on stderr too
    # only W001's 2000.00 is recorded
    assert files["ledger"].read_text(encoding="utf-8") == (
        "worker_id,exam,amount,paid_on\nW001,social_worker,2000.00,2026-01-01\n"
    )
    table = swplan(*args)
    assert warning in table.out and "not on roster" in table.out
    csv_out = swplan(*args, "-f", "csv")
    assert "W01,assistant_social_worker,2025-06-01,default,not_on_roster,0.00" in csv_out.out
    assert warning in csv_out.err
    zh = swplan(*args, "--lang", "zh")
    assert "不在花名册上（已离职或工号有误）（是否应为 'W001'？）" in zh.out
    assert "不在花名册" in zh.out and "注意：" in zh.out


def test_not_on_roster_in_budget_and_plan(tmp_path: Path) -> None:
    files = _awards_files(tmp_path)
    pops = tmp_path / "populations.yaml"
    pops.write_text("sites:\n  - {id: s1, kind: urban_community, clients: {elderly: 40}}\n")
    budget = swplan(
        "budget", pops, files["roster"], "--passes", files["passes"], "--year", "2026", "-f", "json"
    )
    assert budget.code == 0, budget.err
    data = budget.json()
    # W001's social_worker pass is paid (2000.00); W01's is not on the roster
    assert data["lines"][2] == {"item": "awards", "amount": "2000.00"}
    assert any("'W01' is not on the roster" in w for w in data["warnings"])
    plan = swplan(
        "plan", pops, files["roster"], "--passes", files["passes"], "--from", "2026", "-f", "json"
    )
    assert plan.code == 0, plan.err
    assert plan.json()["scenarios"][0]["years"][0]["awards"] == "2000.00"
    assert any("'W01' is not on the roster" in w for w in plan.json()["warnings"])


# --------------------------------------------------------------------------- not_awarded, scope


def test_an_exam_a_scheme_prices_0_is_not_awarded_there(tmp_path: Path) -> None:
    rules = rules_with(
        tmp_path,
        {
            "schemes": {
                "city": {"exams": {"social_worker": 0}},
                "region": {"exams": {"social_worker": 3000}},
            }
        },
    )
    result = awards(rules, [worker("W1")], [passed("W1", "social_worker", "2024-06-01")], as_of=D)
    assert rows(result) == [
        ("W1", "social_worker", "city", "not_awarded", "0.00"),
        ("W1", "social_worker", "region", "due", "3000.00"),
    ]


def test_putian_rewards_only_the_exams_of_2021_to_2023(tmp_path: Path) -> None:
    rules = load_rules(EXAMPLES / "awards" / "putian.yaml")
    result = awards(
        rules,
        [worker("W1"), worker("W2"), worker("W3"), worker("W4")],
        [
            passed("W1", "assistant_social_worker", "2024-11-01"),  # the 2024 exam
            # certificates of the 2023 exam (考试年度 2023) given in late 2024: 600, 900
            passed("W2", "assistant_social_worker", "2024-10-15", exam_year=2023),
            passed("W3", "social_worker", "2024-11-20", exam_year=2023),
            passed("W4", "social_worker", "2020-12-01"),  # 2020: before the scope
        ],
        as_of=dt.date(2024, 12, 1),
    )
    assert rows(result) == [
        # before, this 2024 certificate was paid 600.00 too much
        ("W1", "assistant_social_worker", "putian", "out_of_scope", "0.00"),
        ("W2", "assistant_social_worker", "putian", "due", "600.00"),
        ("W3", "social_worker", "putian", "due", "900.00"),
        ("W4", "social_worker", "putian", "out_of_scope", "0.00"),
    ]
    assert result.awards[0].funder == "city"


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2025-02-28", "due"),  # the 3rd month anniversary of 2024-11-30 is 28 February
        ("2025-03-01", "expired"),  # the day after
    ],
)
def test_claim_within_months_counts_month_anniversaries(as_of: str, status: str) -> None:
    # 莆田: claimed within 3 months of the certificate (2024-11-30 + 3 months)
    rules = load_rules(EXAMPLES / "awards" / "putian.yaml")
    result = awards(
        rules,
        [worker("W1")],
        [passed("W1", "assistant_social_worker", "2024-11-30", exam_year=2023)],
        as_of=dt.date.fromisoformat(as_of),
    )
    assert [a.status for a in result.awards] == [status]


@pytest.mark.parametrize(
    ("start", "months", "anniversary"),
    [
        ("2024-11-30", 3, "2025-02-28"),  # a shorter month: its last day
        ("2023-11-30", 3, "2024-02-29"),  # a leap year
        ("2024-12-31", 3, "2025-03-31"),  # 90 days would end on 2025-03-31 too, but
        ("2025-01-31", 1, "2025-02-28"),  # one month is not 30 days: 2025-03-02
        ("2025-01-15", 3, "2025-04-15"),
        ("2024-10-31", 14, "2025-12-31"),
    ],
)
def test_month_anniversary(start: str, months: int, anniversary: str) -> None:
    got = month_anniversary(dt.date.fromisoformat(start), months)
    assert got == dt.date.fromisoformat(anniversary)


def test_expired_by_months_has_its_reason(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("id,site,education,title,years_of_service\nW1,s1,本科,无,2\n")
    passes = tmp_path / "passes.csv"
    passes.write_text("工号,考试,通过日期,考试年度\nW1,助理社会工作师,2024-01-15,2023年\n")
    out = swplan(
        "awards",
        roster,
        "--passes",
        passes,
        "--rules",
        EXAMPLES / "awards" / "putian.yaml",
        "--as-of",
        "2024-04-16",
        "-f",
        "json",
    )
    assert out.code == 0, out.err
    (row,) = out.json()["awards"]
    # 2024-01-15 + 3 months = 2024-04-15; 16 April is a day late
    assert (row["status"], row["reason"]) == (
        "expired",
        "not claimed within 3 months of the pass (by 2024-04-15)",
    )


def test_status_order_already_paid_not_awarded_out_of_scope_ineligible(tmp_path: Path) -> None:
    rules = rules_with(
        tmp_path,
        {
            "schemes": {
                "s": {
                    "exams": {"social_worker": 3000, "assistant_social_worker": 0},
                    "scope": {"passed_from": "2024-01-01"},
                    "eligibility": {"exclude_employment": ["civil_servant"]},
                }
            }
        },
    )
    civil = worker("W1", employment="civil_servant")
    result = awards(
        rules,
        [civil],
        [
            passed("W1", "social_worker", "2023-06-01"),  # out of scope (and ineligible)
            passed("W1", "assistant_social_worker", "2023-06-01"),  # priced 0: not_awarded
        ],
        [paid("W1", "assistant_social_worker", "500.00")],  # ... but paid before
        as_of=D,
    )
    # only scheme: a ledger row without a scheme is its row
    assert [a.status for a in result.awards] == ["out_of_scope", "already_paid"]
    later = awards(rules, [civil], [passed("W1", "social_worker", "2024-06-01")], as_of=D)
    assert [a.status for a in later.awards] == ["ineligible"]


# --------------------------------------------------------------------------- the ledger


def test_ledger_rows_are_placed_in_their_schemes(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, TWO)
    with pytest.raises(InputError) as caught:
        awards(
            rules,
            [worker("W1")],
            [passed("W1", "social_worker", "2024-06-01")],
            [paid("W1", "social_worker", "1000.00"), paid("W1", "social_worker", "9.00", "cty")],
            as_of=D,
        )
    messages = [str(p.message) for p in caught.value.problems]
    assert messages == [
        "the row names no scheme, and the rules have several (city, region): "
        "say in a scheme column which one paid it",
        "'cty' is not a scheme of the rules; the schemes are: city, region",
    ]


def test_yinchuan_two_schemes_one_ledger_recorded_twice(tmp_path: Path) -> None:
    """银川's city award and 宁夏's region awards under one ledger: each pass paid once
    per scheme, and a second run records nothing."""
    for name in ("roster.csv", "passes.csv", "rules.yaml"):
        shutil.copy(YINCHUAN / name, tmp_path / name)
    ledger = tmp_path / "ledger.csv"
    args = [
        "awards",
        tmp_path / "roster.csv",
        "--passes",
        tmp_path / "passes.csv",
        "--ledger",
        ledger,
        "--rules",
        tmp_path / "rules.yaml",
        "--as-of",
        "2025-01-10",
        "--record",
        "-f",
        "json",
    ]
    first = swplan(*args, "--new-ledger")
    assert first.code == 0, first.err
    # a new ledger: city 2000 (Y01); region 3000 (Y03), 3000 and 6000 (Y04, no ladder:
    # each in full); Y02 out of scope, Y05 not awarded, Y06 not on the roster
    assert first.json()["totals"] == {"due": "14000.00", "count_due": 4}
    text = ledger.read_text(encoding="utf-8")
    assert text == (
        "worker_id,exam,amount,paid_on,scheme\n"
        "Y01,assistant_social_worker,2000.00,2025-01-10,city\n"
        "Y03,social_worker,3000.00,2025-01-10,region\n"
        "Y04,social_worker,3000.00,2025-01-10,region\n"
        "Y04,senior_social_worker,6000.00,2025-01-10,region\n"
    )
    second = swplan(*args)
    assert second.code == 0, second.err
    assert second.json()["totals"] == {"due": "0.00", "count_due": 0}
    assert ledger.read_text(encoding="utf-8") == text  # nothing recorded twice
    statuses = {
        (a["worker_id"], a["exam"], a["scheme"]): a["status"] for a in second.json()["awards"]
    }
    assert statuses[("Y01", "assistant_social_worker", "city")] == "already_paid"
    assert statuses[("Y04", "senior_social_worker", "region")] == "already_paid"


def test_a_county_top_up_on_the_same_exam_is_paid_once_per_scheme(tmp_path: Path) -> None:
    """Some 宁夏 counties add to the region's award for the same certificate (叠加奖励):
    the amount here (1,000) is an illustration. One ledger holds both payments."""
    rules = {
        "extends": "national",
        "name": "t",
        "funding": {
            "sources": ["region", "county"],
            "shares": {"default": {"county": 1}},
        },
        "awards": {
            "schemes": {
                "region": {"funder": "region", "exams": {"social_worker": 3000}},
                "county": {"funder": "county", "exams": {"social_worker": 1000}},
            }
        },
    }
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump(rules), encoding="utf-8")
    (tmp_path / "roster.csv").write_text(
        "id,site,education,title,years_of_service\nW1,s,本科,无,2\n"
    )
    (tmp_path / "passes.csv").write_text("worker_id,exam,passed_on\nW1,social_worker,2024-06-22\n")
    ledger = tmp_path / "ledger.csv"
    # an old ledger: the region paid W1 already, the county not yet
    ledger.write_text(
        "worker_id,exam,amount,paid_on,scheme\nW1,social_worker,3000.00,2024-12-01,region\n"
    )
    args = ["awards", tmp_path / "roster.csv", "--passes", tmp_path / "passes.csv"]
    args += ["--ledger", ledger, "--rules", tmp_path / "rules.yaml", "--as-of", "2025-01-10"]
    for _ in range(2):  # twice: the county's 1000.00 is recorded once
        out = swplan(*args, "--record", "-f", "json")
        assert out.code == 0, out.err
    assert ledger.read_text().splitlines()[1:] == [
        "W1,social_worker,3000.00,2024-12-01,region",
        "W1,social_worker,1000.00,2025-01-10,county",
    ]


def test_record_adds_the_scheme_column_to_a_default_ledger(tmp_path: Path) -> None:
    """A bureau whose awards were the one scheme `default` adds a second scheme: its
    ledger gains the scheme column, empty in the old rows (they are default's)."""
    rules = {
        "extends": "national",
        "name": "t",
        "awards": {
            "schemes": {
                "default": {"exams": {"assistant_social_worker": 1000}},
                "region": {"exams": {"social_worker": 3000}},
            }
        },
    }
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump(rules), encoding="utf-8")
    (tmp_path / "roster.csv").write_text(
        "id,site,education,title,years_of_service\nW1,s,本科,无,2\n"
    )
    (tmp_path / "passes.csv").write_text(
        "worker_id,exam,passed_on\n"
        "W1,assistant_social_worker,2024-06-22\n"
        "W1,social_worker,2024-06-22\n"
    )
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(
        "worker_id,exam,amount,paid_on\r\nW1,assistant_social_worker,1000.00,2024-12-01\r\n"
    )
    ledger.chmod(0o640)
    out = swplan(
        "awards",
        tmp_path / "roster.csv",
        "--passes",
        tmp_path / "passes.csv",
        "--ledger",
        ledger,
        "--rules",
        tmp_path / "rules.yaml",
        "--as-of",
        "2025-01-10",
        "--record",
    )
    assert out.code == 0, out.err
    assert ledger.read_bytes() == (
        b"worker_id,exam,amount,paid_on,scheme\r\n"
        b"W1,assistant_social_worker,1000.00,2024-12-01,\r\n"
        b"W1,social_worker,3000.00,2025-01-10,region\r\n"
    )
    assert ledger.stat().st_mode & 0o777 == 0o640


def test_record_refuses_a_ledger_whose_rows_cannot_be_placed(tmp_path: Path) -> None:
    shutil.copy(YINCHUAN / "rules.yaml", tmp_path / "rules.yaml")
    ledger = tmp_path / "ledger.csv"
    old = "worker_id,exam,amount,paid_on\nY03,assistant_social_worker,2000.00,2023-04-20\n"
    ledger.write_text(old)
    out = swplan(
        "awards",
        YINCHUAN / "roster.csv",
        "--passes",
        YINCHUAN / "passes.csv",
        "--ledger",
        ledger,
        "--rules",
        tmp_path / "rules.yaml",
        "--as-of",
        "2025-01-10",
        "--record",
    )
    assert out.code == 2
    assert "ledger.csv:2:1: scheme: the row names no scheme" in out.err
    assert ledger.read_text() == old


# --------------------------------------------------------------------------- the rules


@pytest.mark.parametrize(
    ("awards_rules", "top", "path", "text"),
    [
        (
            {"schemes": {"city": {"funder": "cty", "exams": {"social_worker": 1}}}},
            {"funding": {"sources": ["city"], "shares": {"default": {"city": 1}}}},
            "awards.schemes.city.funder",
            "names no funding source; 'cty' is not one of: city (did you mean 'city'?)",
        ),
        (
            {
                "schemes": {
                    "city": {"exams": {"social_worker": 1}, "ladder": ["senior_social_worker"]}
                }
            },
            {},
            "awards.schemes.city.ladder[0]",
            "the ladder names an exam with no award",
        ),
        (
            {"scope": {"passed_from": "2024-01-01", "exam_years": [2021, 2023]}},
            {},
            "awards.scope",
            "not both",
        ),
        (
            {"schemes": {"c": {"exams": {}, "scope": {"exam_years": [2023, 2021]}}}},
            {},
            "awards.schemes.c.scope.exam_years",
            "exam_years is [FROM, TO]",
        ),
    ],
)
def test_scheme_rules_are_checked(
    tmp_path: Path, awards_rules: dict[str, Any], top: dict[str, Any], path: str, text: str
) -> None:
    with pytest.raises(InputError) as caught:
        rules_with(tmp_path, awards_rules, **top)
    found = {p.path: str(p.message) for p in caught.value.problems}
    assert path in found, found
    assert text in found[path]


def test_without_schemes_the_numbers_are_version_2s() -> None:
    """The national rules have no schemes: the small example's awards are as before."""
    out = swplan(
        "awards",
        EXAMPLES / "small" / "roster.yaml",
        "--passes",
        EXAMPLES / "small" / "passes.yaml",
        "--ledger",
        EXAMPLES / "small" / "ledger.csv",
        "--as-of",
        "2026-01-01",
        "-f",
        "json",
    )
    data = out.json()
    assert data["totals"] == {"due": "5000.00", "count_due": 5}
    assert {a["scheme"] for a in data["awards"]} == {"default"}
