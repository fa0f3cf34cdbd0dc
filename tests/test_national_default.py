"""The packaged national default: 三岗十八级, worked by hand.

Three posts on one ladder of eighteen grades: 一般 (staff) grades 1-12, 副职 (deputy)
4-15, 正职 (lead) 7-18. Points = the post's points (lead 18, deputy 9, staff 0) + one
point a year of service (at most 33); a grade needs 3 points more than the one below
(grade g from 3 x (g - 1) points), so a worker climbs a grade every 3 years. A degree
counts as years (bachelor 3, master 5, doctorate 7). A title pays 持证津贴 (300 / 500 /
800) on top of the grade's monthly. Contributions: 0.16 + 0.08 + 0.005 + 0.002 + 0.07 of
the gross, each rounded to the fen, base 4000-25000.
"""

from __future__ import annotations

import pytest
from conftest import EXAMPLES, swplan

GRADE_MONTHLY = {1: 3800, 2: 4000, 4: 4400, 7: 5050, 9: 5550, 12: 6300, 15: 7200, 18: 8100}


def pay_json(tmp_path, rows: list[str], *args: str) -> dict:
    roster = tmp_path / "roster.csv"
    header = "id,site,education,title,post,hired,years_of_service,performance"
    roster.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    result = swplan("pay", roster, "-f", "json", *args)
    assert result.code == 0, result.err
    return result.json()


@pytest.mark.parametrize(
    ("education", "post", "years", "grade"),
    [
        ("secondary", "staff", 0, 1),  # 0 points: the foot of the staff band
        ("bachelor", "staff", 0, 2),  # a degree is 3 years: 3 points -> grade 2
        ("secondary", "deputy", 0, 4),  # 9 points -> grade 4, the foot of the deputy band
        ("secondary", "lead", 0, 7),  # 18 points -> grade 7, the foot of the lead band
        ("secondary", "staff", 40, 12),  # years capped at 33: 33 points -> grade 12, the top
        ("secondary", "deputy", 40, 15),  # 9 + 33 = 42 -> grade 15
        ("doctorate", "lead", 40, 18),  # 18 + 33 (capped) = 51 -> grade 18
    ],
)
def test_each_post_has_its_band_of_twelve_grades(
    tmp_path, education: str, post: str, years: int, grade: int
) -> None:
    data = pay_json(tmp_path, [f"W1,s1,{education},none,{post},,{years},pass"])
    (w,) = data["workers"]
    assert w["grade"] == grade
    assert w["monthly_base"] == f"{GRADE_MONTHLY[grade]}.00"
    assert w["monthly_gross"] == f"{GRADE_MONTHLY[grade]}.00"  # no title, no 持证津贴


def test_one_grade_every_three_years() -> None:
    # staff, secondary: years 0-2 -> grade 1, 3-5 -> 2, 6-8 -> 3
    from swplan import load_rules, pay
    from swplan.model import Worker

    rules = load_rules()
    workers = [Worker(f"W{y}", "s1", "secondary", "none", years_of_service=y) for y in range(9)]
    grades = [w.figures.grade for w in pay(rules, workers).workers]
    assert grades == [1, 1, 1, 2, 2, 2, 3, 3, 3]


def test_a_deputy_master_social_worker_by_hand(tmp_path) -> None:
    # master (5 years) + 10 years given = 15 years; points 9 (deputy) + 15 = 24 -> grade 9,
    #   monthly 5550.00; 持证津贴 social_worker 500.00 -> gross 6050.00
    # contributions 6050 x 0.16 = 968.00, x 0.08 = 484.00, x 0.005 = 30.25, x 0.002 = 12.10,
    #   x 0.07 = 423.50 -> 1917.85 a month
    # annual salary 6050.00 x 12 = 72600.00; bonus good 0.5 x 5550.00 = 2775.00;
    #   contributions 1917.85 x 12 = 23014.20; cost 72600.00 + 2775.00 + 23014.20 = 98389.20
    data = pay_json(tmp_path, ["W1,s1,硕士,社会工作师,副职,,10,良好"])
    (w,) = data["workers"]
    assert (w["years"], w["points"], w["grade"]) == (15, "24", 9)
    assert w["components"] == {"grade": "5550.00", "cert": "500.00"}
    assert (w["monthly_base"], w["monthly_allowance"], w["monthly_gross"]) == (
        "5550.00",
        "500.00",
        "6050.00",
    )
    assert w["monthly_contributions"] == "1917.85"
    assert (w["annual_salary"], w["annual_bonus"], w["annual_contributions"]) == (
        "72600.00",
        "2775.00",
        "23014.20",
    )
    assert w["annual_cost"] == "98389.20"


def test_the_grade_rises_on_the_anniversary_in_the_year(tmp_path) -> None:
    # bachelor (3 years), staff, hired 2020-08-15. On 1 August 2026: 5 completed years + 3
    #   = 8 -> grade 3, 4200.00; from 1 September: 6 + 3 = 9 -> grade 4, 4400.00.
    # contributions: 4200 -> 672.00 + 336.00 + 21.00 + 8.40 + 294.00 = 1331.40;
    #   4400 -> 704.00 + 352.00 + 22.00 + 8.80 + 308.00 = 1394.80
    # salary 8 x 4200.00 + 4 x 4400.00 = 33600.00 + 17600.00 = 51200.00
    # contributions 8 x 1331.40 + 4 x 1394.80 = 10651.20 + 5579.20 = 16230.40
    # cost 51200.00 + 0.00 (rated pass: no bonus) + 16230.40 = 67430.40
    data = pay_json(tmp_path, ["W1,s1,本科,,,2020-08-15,,合格"], "--year", "2026")
    (w,) = data["workers"]
    assert data["year"] == 2026
    assert (w["years"], w["grade"]) == (9, 4)  # those of December, the last month paid
    assert (w["annual_salary"], w["annual_contributions"], w["annual_cost"]) == (
        "51200.00",
        "16230.40",
        "67430.40",
    )


def test_small_example_budget_by_hand() -> None:
    # examples/small under the packaged default, as of 2026-01-01 (years = completed
    # years + the degree's years; gross = grade monthly + 持证津贴; contributions of the
    # gross, clamped to 4000-25000, at 0.317 in five items each rounded to the fen):
    #   W001 bachelor, assistant, staff, good, 9 + 3 = 12 years -> grade 5 4600 + 300 = 4900;
    #        1553.30/month; 58800.00 + bonus 0.5 x 4600 = 2300.00 + 18639.60 = 79739.60
    #   W002 master, social_worker, lead, excellent, 12 + 5 = 17 -> 18 + 17 = 35 points ->
    #        grade 12 6300 + 500 = 6800; 2155.60; 81600.00 + 6300.00 + 25867.20 = 113767.20
    #   W003 associate, none, staff, 1 year -> grade 1 3800; base raised to the floor 4000:
    #        1268.00; 45600.00 + 0.00 + 15216.00 = 60816.00
    #   W004 bachelor, none, deputy, pass, 6 + 3 = 9 -> 9 + 9 = 18 points -> grade 7 5050;
    #        808.00 + 404.00 + 25.25 + 10.10 + 353.50 = 1600.85; 60600.00 + 19210.20 = 79810.20
    #   W005 secondary, assistant, staff, fail, 3 years -> grade 2 4000 + 300 = 4300;
    #        1363.10; 51600.00 + 16357.20 = 67957.20
    #   W006 doctorate, senior, staff, good, 20 + 7 = 27 -> grade 10 5800 + 800 = 6600;
    #        2092.20; 79200.00 + 2900.00 + 25106.40 = 107206.40
    #   current staff 79739.60 + 113767.20 + 60816.00 + 79810.20 + 67957.20 + 107206.40
    #     = 509296.60
    #   new hire (bachelor, none, 0 + 3 years -> grade 2 4000): 48000.00 + 1268.00 x 12
    #     = 63216.00; 3 short (jinjiang 1, baisha 2): 189648.00
    #   awards 5000.00 and training 9 x 500 = 4500.00 as in the version-1 walk-through
    #   total 509296.60 + 189648.00 + 5000.00 + 4500.00 = 708444.60

    small = EXAMPLES / "small"
    result = swplan(
        "budget",
        small / "populations.yaml",
        small / "roster.yaml",
        "--passes",
        small / "passes.yaml",
        "--ledger",
        small / "ledger.csv",
        "-f",
        "json",
    )
    assert result.code == 0, result.err
    data = result.json()
    assert [(line["item"], line["amount"]) for line in data["lines"]] == [
        ("current_staff", "509296.60"),
        ("new_hires", "189648.00"),
        ("awards", "5000.00"),
        ("training", "4500.00"),
    ]
    assert data["total"] == "708444.60"
    # (509296.60 + 189648.00) / 708444.60 = 0.98659... -> 0.9866
    assert data["personnel_share"] == "0.9866"


def test_the_chinese_explanation_names_the_component_and_what_it_is_keyed_on() -> None:
    # W001: grade 5 (4600.00) + 持证津贴 for an assistant social worker (300.00)
    result = swplan("pay", EXAMPLES / "small" / "roster.yaml", "--explain", "W001", "--lang", "zh")
    assert result.code == 0, result.err
    lines = [line.strip() for line in result.out.splitlines()]
    assert "持证津贴（按 职称 助理社会工作师）= 300.00" in lines
    assert "月应发 = 4600.00 + 300.00 = 4900.00" in lines
    assert "title" not in result.out and "cert" not in result.out
