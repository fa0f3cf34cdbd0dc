"""Local pay policies: service years, steps, components, education posts, bonus parts,
contribution items and rounding, dated changes and the cost of a year month by month.

Every expected figure is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, swplan

from swplan import InputError, load_rules, pay
from swplan.calc.budget import new_hire_figures
from swplan.calc.pay import round_contribution
from swplan.io.rules_file import load_builtin
from swplan.model import Worker

XIANGAN = EXAMPLES / "xiangan"
BEIJING = EXAMPLES / "beijing"

D = Decimal


def rules_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def by_id(result: Any) -> dict[str, Any]:
    return {w.id: w.figures for w in result.workers}


# A small step-and-post standard: no grades, 3 steps a year apart, a basic wage by step,
# a post wage, a seniority pay of 10 a year (at most 5 years), a 100 allowance for
# certified workers, and one contribution item, so every figure is easy to follow.
STEPS_RULES = """\
name: steps
effective: 2026-01-01
categories: {elderly: {}}
pay:
  points:
    education: {bachelor: 0, master: 0}
    title: {none: 0, social_worker: 0}
    performance: {good: 0, pass: 0}
  default_performance: pass
  posts:
    lead:  {label: {zh: 正职}}
    staff: {label: {zh: 一般}}
  default_post: staff
  steps: {every_years: 1, first: 1, max: 3}
  components:
    basic:     {by: step, amounts: {1: 1000, 2: 1100, 3: 1200}}
    post_wage: {by: post, amounts: {lead: 500}}
    seniority: {by: post, per_year: 10, max_years: 5}
  allowances:
    title: {social_worker: 100}
  contributions:
    base: {floor: 0, ceiling: 100000}
    rates: {pension: 0.1}
budget:
  new_hire: {education: bachelor, title: none}
"""


def steps_rules(tmp_path: Path, extra: str = "") -> Any:
    return load_rules(rules_file(tmp_path, STEPS_RULES + extra))


# --------------------------------------------------------------------------- the 翔安 example


def test_xiangan_year_by_hand() -> None:
    data = swplan(
        "pay",
        XIANGAN / "roster.yaml",
        "--rules",
        XIANGAN / "rules.yaml",
        "--year",
        "2026",
        "--format",
        "json",
    ).json()
    assert data["year"] == 2026
    w = {row["id"]: row for row in data["workers"]}
    # X001, 正职, hired 2005-06-01, before 2008-03-01, the date years count from:
    # Jan-Feb 17 years -> step 1 + 17 // 2 = 9 (1540); from 1 March 18 years -> step 10 (1600).
    # gross 1540 + 1100 + 800 = 3440 twice, 1600 + 1100 + 800 = 3500 ten times:
    # 6880 + 35000 = 41880.00
    assert w["X001"]["annual_cost"] == "41880.00"
    assert (w["X001"]["years"], w["X001"]["step"]) == (18, 10)
    assert w["X001"]["components"] == {
        "basic": "1600.00",
        "post_wage": "1100.00",
        "allowance": "800.00",
    }
    # X002, 一般, hired 2018-08-20: 7 years -> step 4 (1300) until her anniversary;
    # 8 years from 20 August -> step 5 (1340), paid from the next month start, September.
    # 8 x (1300 + 700 + 400) + 4 x (1340 + 700 + 400) = 19200 + 9760 = 28960.00
    assert w["X002"]["annual_cost"] == "28960.00"
    # X003, 副职, hired 2012-05-10, one year not counted: 13 - 1 = 12 -> step 7 (1430),
    # and 14 - 1 = 13 -> still step 7 from May: 12 x (1430 + 900 + 600) = 35160.00
    assert w["X003"]["annual_cost"] == "35160.00"
    assert w["X003"]["years"] == 13
    # X004, 工作站, hired 2026-04-15: paid from May, 8 months x (1200 + 500 + 0) = 13600.00
    # (the document gives 工作站 no 津贴)
    assert w["X004"]["annual_cost"] == "13600.00"
    # X005, 专职委员, 3 years given -> step 2 (1230): 12 x (1230 + 800 + 500) = 30360.00
    assert w["X005"]["annual_cost"] == "30360.00"
    # 41880 + 28960 + 35160 + 13600 + 30360 = 149960.00; no contributions in the preset
    assert data["totals"]["annual_cost"] == "149960.00"
    assert data["totals"]["annual_contributions"] == "0.00"


def test_xiangan_run_rate_on_one_day_is_the_v1_way() -> None:
    data = swplan(
        "pay",
        XIANGAN / "roster.yaml",
        "--rules",
        XIANGAN / "rules.yaml",
        "--as-of",
        "2026-12-31",
        "--format",
        "json",
    ).json()
    w = {row["id"]: row for row in data["workers"]}
    assert "year" not in data
    # X001 on 2026-12-31: 18 years -> step 10: 3500 x 12 = 42000.00
    assert w["X001"]["annual_cost"] == "42000.00"
    # X004 hired 2026-04-15: 0 years -> step 1: 1700 x 12 = 20400.00 (a run rate, not the year)
    assert w["X004"]["annual_cost"] == "20400.00"


def test_explain_year_shows_the_twelve_months() -> None:
    args = ["pay", XIANGAN / "roster.yaml", "--rules", XIANGAN / "rules.yaml", "--year", "2026"]
    result = swplan(*args, "--explain", "X002", "--format", "json")
    assert result.code == 0, result.err
    months = result.json()["workers"][0]["months"]
    assert [m["month"] for m in months] == list(range(1, 13))
    # step 4 through August, step 5 from September (anniversary 2026-08-20)
    assert [m["step"] for m in months] == [4] * 8 + [5] * 4
    assert months[7]["monthly_gross"] == "2400.00" and months[8]["monthly_gross"] == "2440.00"
    text = swplan(*args, "--explain", "X004").out
    assert "2026-04  not paid (hired 2026-04-15)" in text
    assert "annual salary = sum of 8 months' gross 13600.00 = 13600.00" in text
    assert "step 1 = min(1 + 0 // 2, 12)" in text


def test_year_and_as_of_together_is_a_usage_error() -> None:
    result = swplan("pay", XIANGAN / "roster.yaml", "--year", "2026", "--as-of", "2026-01-01")
    assert result.code == 2
    assert result.err.startswith("error: --year")


# --------------------------------------------------------------------------- the Beijing example


def test_beijing_master_paid_as_deputy_july_base_and_rounding() -> None:
    data = swplan(
        "pay",
        BEIJING / "roster.yaml",
        "--rules",
        BEIJING / "rules.yaml",
        "--year",
        "2025",
        "--explain",
        "B002",
        "--format",
        "json",
    ).json()
    b = data["workers"][0]
    # a master's degree is paid as deputy: 640 + (845 + 50 x 2) + 1100 = 2685.00;
    # the worker's own post stays staff, the breakdown names the post that paid
    assert b["post"] == "staff"
    assert b["breakdown"]["pay_post"] == "deputy"
    assert b["components"] == {"basic": "640.00", "seniority": "945.00", "post_pay": "1100.00"}
    assert b["monthly_gross"] == "2685.00"
    january, july = b["months"][0], b["months"][6]
    # January, base 6821 (the floor; the gross is below it), social insurance up to the jiao:
    # pension 6821 x 0.16 = 1091.36 -> 1091.40; medical x 0.098 = 668.458 -> 668.50;
    # unemployment x 0.005 = 34.105 -> 34.20; work injury x 0.004 = 27.284 -> 27.30;
    # housing fund (whole yuan) 6821 x 0.12 = 818.52 -> 819.00. Sum 2640.40
    assert january["contributions"] == {
        "pension": "1091.40",
        "medical": "668.50",
        "unemployment": "34.20",
        "work_injury": "27.30",
        "housing_fund": "819.00",
    }
    assert january["monthly_contributions"] == "2640.40"
    # July, base 7162: 1145.92 -> 1146.00; 701.876 -> 701.90; 35.81 -> 35.90; 28.648 -> 28.70;
    # housing fund 859.44 -> 859.00. Sum 2771.50
    assert july["monthly_contributions"] == "2771.50"
    # 6 x 2640.40 + 6 x 2771.50 = 15842.40 + 16629.00 = 32471.40; salary 12 x 2685 = 32220
    assert b["annual_contributions"] == "32471.40"
    assert b["annual_cost"] == "64691.40"


def test_beijing_budget_new_hires_from_july() -> None:
    result = swplan(
        "budget",
        BEIJING / "populations.yaml",
        BEIJING / "roster.yaml",
        "--rules",
        BEIJING / "rules.yaml",
        "--format",
        "json",
        "--year",
        "2025",  # the year of the rules (effective 2025-01-01)
    )
    assert result.code == 0, result.err
    data = result.json()
    assert data["schema"] == "swplan.budget/2"
    lines = {line["item"]: line["amount"] for line in data["lines"]}
    # one new hire (staff, 0 years) from July: 6 x (590 + 740 + 950) = 13680.00 salary,
    # 6 x 2771.50 = 16629.00 contributions (base 7162 from July): 30309.00
    assert lines["new_hires"] == "30309.00"
    # B001 staff 4 years: 590 + 940 + 950 = 2480 x 12 = 29760 + 32471.40 = 62231.40;
    # B002 64691.40; B003 lead 10 years: 720 + 1460 + 1300 = 3480 x 12 = 41760 + 32471.40
    # = 74231.40; 62231.40 + 64691.40 + 74231.40 = 201154.20
    assert lines["current_staff"] == "201154.20"


# --------------------------------------------------------------------------- rules, one at a time


def test_a_step_on_an_anniversary_mid_year(tmp_path: Path) -> None:
    rules = steps_rules(tmp_path)
    # hired 2024-08-01: 1 year until 1 August 2026, then 2 -> steps 2 then 3, and the
    # anniversary falls on a month start, so August is paid at the new step.
    # Jan-Jul: 1100 + 0 + 10 x 1 = 1110; Aug-Dec: 1200 + 10 x 2 = 1220
    # 7 x 1110 + 5 x 1220 = 7770 + 6100 = 13870.00; pension 10 %: 777 + 610 = 1387.00
    worker = Worker("A", "s", "bachelor", "none", hired=dt.date(2024, 8, 1))
    f = by_id(pay(rules, [worker], year=2026))["A"]
    assert [m.figures.step for m in f.months] == [2] * 7 + [3] * 5
    assert f.annual_salary == D("13870.00")
    assert f.annual_contributions == D("1387.00")
    # a day later, the new step is paid from September
    later = Worker("B", "s", "bachelor", "none", hired=dt.date(2024, 8, 2))
    g = by_id(pay(rules, [later], year=2026))["B"]
    assert [m.figures.step for m in g.months] == [2] * 8 + [3] * 4


def test_counted_from_against_a_hire_before_it(tmp_path: Path) -> None:
    rules = load_rules(
        rules_file(
            tmp_path,
            STEPS_RULES.replace("  steps:", "  service: {counted_from: 2025-03-01}\n  steps:"),
        )
    )
    early = Worker("E", "s", "bachelor", "none", hired=dt.date(2010, 1, 1))
    late = Worker("L", "s", "bachelor", "none", hired=dt.date(2025, 6, 1))
    f = by_id(pay(rules, [early, late], as_of=dt.date(2026, 6, 1)))
    # hired 2010, but years count from 2025-03-01: 1 completed year on 2026-06-01
    assert f["E"].years == 1
    # hired after the date: from the hire, 2025-06-01 -> 2026-06-01 = 1 year
    assert f["L"].years == 1
    # on 2026-02-01 the early hire has 0 (the anniversary of 2025-03-01 is not yet reached)
    g = by_id(pay(rules, [early], as_of=dt.date(2026, 2, 1)))
    assert g["E"].years == 0 and g["E"].step == 1


def test_education_years_and_years_not_counted(tmp_path: Path) -> None:
    rules = load_rules(
        rules_file(
            tmp_path,
            STEPS_RULES.replace("  steps:", "  service: {education_years: {master: 2}}\n  steps:"),
        )
    )
    master = Worker("M", "s", "master", "none", years_of_service=0)
    failed = Worker("F", "s", "bachelor", "none", years_of_service=1, years_not_counted=3)
    f = by_id(pay(rules, [master, failed]))
    # 0 + 2 for the master's degree = 2 -> step min(1 + 2, 3) = 3
    assert (f["M"].years, f["M"].step) == (2, 3)
    # 1 - 3 not counted = -2, never below 0 -> 0 years, step 1
    assert (f["F"].years, f["F"].step) == (0, 1)


def test_components_per_year_max_years_and_title_allowance(tmp_path: Path) -> None:
    rules = steps_rules(tmp_path)
    lead = Worker("L", "s", "bachelor", "social_worker", post="lead", years_of_service=9)
    f = by_id(pay(rules, [lead]))["L"]
    # step min(1 + 9, 3) = 3 -> 1200; lead 500; seniority 10 x min(9, 5) = 50;
    # certified 100: gross 1850.00, base 0 (no grades), allowance 1850.00
    assert f.components == {"basic": D("1200.00"), "post_wage": D("500.00"), "seniority": D("50")}
    assert f.monthly_gross == D("1850.00")
    assert f.monthly_base == D("0.00") and f.monthly_allowance == D("1850.00")
    assert f.grade is None


def test_master_paid_as_deputy_but_a_lead_stays_lead(tmp_path: Path) -> None:
    rules = load_rules(
        rules_file(
            tmp_path,
            STEPS_RULES.replace(
                "  default_post: staff", "  default_post: staff\n  education_post: {master: lead}"
            ),
        )
    )
    master = Worker("M", "s", "master", "none", post="staff", years_of_service=0)
    f = by_id(pay(rules, [master]))["M"]
    # paid as lead: 1000 + 500 + 0 = 1500; the own post stays staff
    assert (f.post, f.pay_post, f.monthly_gross) == ("staff", "lead", D("1500.00"))
    bachelor = Worker("B", "s", "bachelor", "none", post="staff", years_of_service=0)
    assert by_id(pay(rules, [bachelor]))["B"].pay_post is None


def test_performance_bonus_of_named_parts(tmp_path: Path) -> None:
    text = STEPS_RULES.replace(
        "  allowances:",
        "  performance_bonus: {months: {good: 1.5}, of: [basic, post_wage]}\n  allowances:",
    )
    rules = load_rules(rules_file(tmp_path, text))
    good = Worker("G", "s", "bachelor", "none", post="lead", performance="good", years_of_service=0)
    f = by_id(pay(rules, [good]))["G"]
    # one month = basic 1000 + post_wage 500 = 1500; x 1.5 = 2250.00
    assert f.annual_bonus == D("2250.00")


def test_both_bonus_forms_is_an_error_but_extending_national_is_not(tmp_path: Path) -> None:
    both = STEPS_RULES.replace(
        "  allowances:",
        "  performance_bonus: {months: {good: 1}}\n  performance_bonus_months: {good: 1}\n"
        "  allowances:",
    )
    result = swplan("check", rules_file(tmp_path, both))
    assert result.code == 2
    assert "pay.performance_bonus: give either performance_bonus or performance_bonus_months" in (
        result.err
    )
    # the national default has performance_bonus_months; a file extending it with the new
    # form replaces it rather than giving both
    extending = rules_file(
        tmp_path, "extends: national-v1\npay:\n  performance_bonus: {months: {good: 2}}\n"
    )
    rules = load_rules(extending)
    assert rules.pay.performance_bonus_months is None
    assert rules.pay.bonus_months() == {"good": D("2")}


@pytest.mark.parametrize(
    ("value", "how", "expected"),
    [
        # fen: half-up on the exact product
        ("21.605", "fen", "21.61"),
        ("21.6049", "fen", "21.60"),
        # jiao_up: up to the next 0.1 whenever anything is left, even below a fen
        ("1050.00105", "jiao_up", "1050.10"),
        ("1091.36", "jiao_up", "1091.40"),
        ("800.00", "jiao_up", "800.00"),
        ("800.10", "jiao_up", "800.10"),
        # yuan: half-up on the exact product, so an exact half goes up
        ("841.50", "yuan", "842.00"),
        ("841.4999", "yuan", "841.00"),
        ("818.52", "yuan", "819.00"),
    ],
)
def test_rounding(value: str, how: str, expected: str) -> None:
    assert str(round_contribution(D(value), how)) == expected


def test_rounding_and_item_bases_in_a_rules_file(tmp_path: Path) -> None:
    text = STEPS_RULES.replace(
        "    rates: {pension: 0.1}",
        "    rates: {pension: 0.105, fund: 0.12}\n"
        "    round: jiao_up\n"
        "    items:\n"
        "      fund: {base: {floor: 1402.50}, round: yuan}",
    )
    rules = load_rules(rules_file(tmp_path, text))
    worker = Worker("W", "s", "bachelor", "none", years_of_service=0)
    f = by_id(pay(rules, [worker]))["W"]
    # gross 1000.00 (step 1); pension 1000 x 0.105 = 105.00 exactly -> 105.00;
    # fund on its own floor 1402.50 (the general ceiling 100000 stays): 1402.50 x 0.12 =
    # 168.30 -> whole yuan 168.00
    assert f.contributions == {"pension": D("105.00"), "fund": D("168.00")}
    assert f.contribution_bases == {"pension": D("1000.00"), "fund": D("1402.50")}
    # an exact half: floor 1412.50 x 0.12 = 169.50 -> 170.00
    half = load_rules(rules_file(tmp_path, text.replace("1402.50", "1412.50")))
    assert by_id(pay(half, [worker]))["W"].contributions["fund"] == D("170.00")
    # jiao_up on a product a thousandth above a fen: step 2 gross 1100.01? use 1000.01 via
    # a component: 1000.01 x 0.105 = 105.00105 -> 105.10
    odd = load_rules(rules_file(tmp_path, text.replace("1: 1000,", "1: 1000.01,")))
    assert by_id(pay(odd, [worker]))["W"].contributions["pension"] == D("105.10")


def test_an_item_must_have_a_rate(tmp_path: Path) -> None:
    text = STEPS_RULES.replace(
        "    rates: {pension: 0.1}", "    rates: {pension: 0.1}\n    items: {fund: {round: yuan}}"
    )
    result = swplan("check", rules_file(tmp_path, text))
    assert result.code == 2
    assert "pay.contributions.items.fund: an item with its own base or rounding needs a rate" in (
        result.err
    )


CHANGES = """\
changes:
  - from: 2026-07-15
    note: a raise, dated mid-month
    set:
      pay:
        components:
          basic: {amounts: {1: 2000}}
  - from: 2026-10-01
    set:
      pay: {contributions: {rates: {pension: 0.2}}}
"""


def test_dated_changes_apply_from_the_first_month_starting_after(tmp_path: Path) -> None:
    rules = steps_rules(tmp_path, CHANGES)
    worker = Worker("W", "s", "bachelor", "none", years_of_service=0)
    f = by_id(pay(rules, [worker], year=2026))["W"]
    # the 15 July raise is paid from August: Jan-Jul 1000, Aug-Dec 2000
    # salary 7 x 1000 + 5 x 2000 = 17000.00
    assert [m.figures.monthly_gross for m in f.months] == [D("1000.00")] * 7 + [D("2000.00")] * 5
    assert f.annual_salary == D("17000.00")
    # pension 10 % Jan-Sep (7 x 100 + 2 x 200 = 1100), 20 % Oct-Dec (3 x 400 = 1200): 2300.00
    assert f.annual_contributions == D("2300.00")
    # the run rate on one day uses the rules in force that day
    assert by_id(pay(rules, [worker], as_of=dt.date(2026, 7, 15)))["W"].monthly_gross == D(
        "2000.00"
    )
    assert by_id(pay(rules, [worker], as_of=dt.date(2026, 7, 14)))["W"].monthly_gross == D(
        "1000.00"
    )


def test_a_change_is_checked_as_it_applies(tmp_path: Path) -> None:
    bad = STEPS_RULES + (
        "changes:\n"
        "  - from: 2026-07-01\n"
        "    set:\n"
        "      pay: {steps: {max: 4}}\n"  # step 4 has no basic amount
        "  - from: 2026-03-01\n"
        "    set: {pay: {months_per_year: 12}}\n"
    )
    result = swplan("check", rules_file(tmp_path, bad))
    assert result.code == 2
    lines = result.err.splitlines()
    assert any(
        "changes[0].set.pay.components.basic.amounts: no amount for step 4" in line
        for line in lines
    ), lines
    assert any("changes[1].from: 2026-03-01 is before 2026-07-01" in line for line in lines), lines


def test_months_per_year_and_a_hire_paid_no_month(tmp_path: Path) -> None:
    rules = load_rules(
        rules_file(
            tmp_path, STEPS_RULES.replace("  allowances:", "  months_per_year: 14\n  allowances:")
        )
    )
    june = Worker("J", "s", "bachelor", "none", hired=dt.date(2026, 6, 1))
    december = Worker("D", "s", "bachelor", "none", hired=dt.date(2026, 12, 2))
    f = by_id(pay(rules, [june, december], year=2026))
    # paid June-December: 7 x 1000, plus 2 extra months at December's 1000 = 9000.00
    assert f["J"].annual_salary == D("9000.00")
    # contributions are monthly only: 7 x 100 = 700.00
    assert f["J"].annual_contributions == D("700.00")
    # hired 2 December: no month starts on or after it within 2026 -> 0.00
    assert f["D"].annual_cost == D("0.00") and f["D"].monthly_gross == D("0.00")
    assert set(f["D"].components.values()) == {D("0.00")}


def test_a_hire_after_the_year_is_an_error(tmp_path: Path) -> None:
    rules = steps_rules(tmp_path)
    with pytest.raises(InputError) as caught:
        pay(rules, [Worker("N", "s", "bachelor", "none", hired=dt.date(2027, 1, 1))], year=2026)
    assert "is after the year 2026" in str(caught.value.problems[0].message)


def test_component_rules_are_checked(tmp_path: Path) -> None:
    text = STEPS_RULES.replace("{1: 1000, 2: 1100, 3: 1200}", "{1: 1000, 3: 1200, 7: 5}")
    text = text.replace("    seniority:", "    grade: {by: title}\n    seniority:")
    result = swplan("check", rules_file(tmp_path, text))
    assert result.code == 2
    err = result.err
    assert "pay.components.basic.amounts.7: '7' is not one of: 1, 2, 3" in err
    assert "pay.components.basic.amounts: no amount for step 2" in err
    assert "pay.components.grade: 'grade' is reserved" in err


def test_new_hire_start_month(tmp_path: Path) -> None:
    rules = load_rules(
        rules_file(
            tmp_path,
            STEPS_RULES.replace(
                "new_hire: {education: bachelor, title: none}",
                "new_hire: {education: bachelor, title: none, start_month: 10}",
            ),
        )
    )
    hire = new_hire_figures(rules, 2026)
    # October-December: 3 x 1000 salary + 3 x 100 pension = 3300.00
    assert hire.annual_cost == D("3300.00")


# --------------------------------------------------------------------------- presets


def test_xiangan_preset_published_figures() -> None:
    rules = load_builtin("xiamen-xiangan-2013")
    # 基本工资 by 档, as published: 1200 1230 1260 1300 1340 1380 1430 1480 1540 1600 1670 1740
    steps = [1200, 1230, 1260, 1300, 1340, 1380, 1430, 1480, 1540, 1600, 1670, 1740]
    # one 档 per 2 full years: years 0, 2, 4, ... 22 give 档 1 .. 12; 30 years stay at 12
    workers = [
        Worker(f"Y{y}", "s", "bachelor", "none", post="yiban", years_of_service=y)
        for y in [*range(0, 24, 2), 30]
    ]
    f = by_id(pay(rules, workers, as_of=dt.date(2026, 1, 1)))
    assert [f[f"Y{y}"].components["basic"] for y in range(0, 24, 2)] == [D(n) for n in steps]
    assert f["Y30"].step == 12
    # 岗位工资 and 津贴 by post (the 津贴's four amounts read in post order; 工作站 none)
    posts = {
        "zhengzhi": (1100, 800),
        "fuzhi": (900, 600),
        "zhuanzhi_weiyuan": (800, 500),
        "yiban": (700, 400),
        "gongzuozhan": (500, 0),
    }
    for post, (wage, allowance) in posts.items():
        g = by_id(pay(rules, [Worker("P", "s", "bachelor", "none", post=post, years_of_service=0)]))
        assert g["P"].components["post_wage"] == D(wage)
        assert g["P"].components["allowance"] == D(allowance)
    # years count from 2008-03-01: a worker hired in 2000 has 2 years on 2010-03-01
    old = Worker("O", "s", "bachelor", "none", hired=dt.date(2000, 1, 1))
    assert by_id(pay(rules, [old], as_of=dt.date(2010, 3, 1)))["O"].years == 2


def test_beijing_preset_published_figures(tmp_path: Path) -> None:
    rules = load_builtin("beijing-2025")
    first, second = rules, rules.in_force(dt.date(2025, 7, 1))
    assert (first.pay.contributions.base.floor, first.pay.contributions.base.ceiling) == (
        D("6821.00"),
        D("35283.00"),
    )
    assert (second.pay.contributions.base.floor, second.pay.contributions.base.ceiling) == (
        D("7162.00"),
        D("35811.00"),
    )
    assert rules.in_force(dt.date(2025, 6, 30)) is rules
    assert dict(rules.pay.contributions.rates) == {
        "pension": D("0.16"),
        "medical": D("0.098"),
        "unemployment": D("0.005"),
        "work_injury": D("0.004"),
        "housing_fund": D("0.12"),
    }
    # a worker far above the ceiling pays on it: 2025 contributions
    # Jan-Jun 35283 x (0.16 + 0.098 + 0.005 + 0.004 + 0.12 = 0.387) = 13654.521 -> each item:
    # 5645.28 + 3457.73 + 176.42 + 141.13 + 4233.96 = 13654.52; x 6 = 81927.12
    # Jul-Dec 35811: 5729.76 + 3509.48 + 179.06 (179.055) + 143.24 + 4297.32 = 13858.86;
    # x 6 = 83153.16; year 165080.28
    rich = Worker("R", "s", "bachelor", "none", years_of_service=0)
    high = load_rules(
        rules_file(tmp_path, "extends: beijing-2025\npay: {allowances: {title: {none: 50000}}}\n")
    )
    f = by_id(pay(high, [rich], year=2025))["R"]
    assert f.annual_contributions == D("165080.28")


def test_a_scale_of_a_hundred_million_steps_is_refused(tmp_path: Path) -> None:
    text = "extends: national-v1\npay:\n  steps: {every_years: 1, max: 100000000}\n"
    result = swplan("check", rules_file(tmp_path, text))
    assert result.code == 2
    # first 1 to max 100000000: 100000000 steps
    assert result.err == (
        f"error: {tmp_path / 'rules.yaml'}:3:32: pay.steps.max: 100000000 steps; "
        "at most 1000 are allowed\n"
    )
