"""`swplan pay` (docs/algorithms.md): grades, costs, explanations, rosters in three formats.

Every test runs the command line (`swplan(...)`, in this process) or the public API, and checks
real numbers worked out by hand in the comments.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES, V1_RULES, swplan

from swplan import load_rules, pay
from swplan.calc.pay import completed_years
from swplan.model import Worker

SMALL = EXAMPLES / "small"

# A rules file of its own, small enough to work out by hand: two grades, one far
# below the contribution floor and one far above the ceiling, and rates whose
# products land on half a fen (so half-up rounding shows).
TINY_RULES = """\
name: tiny
effective: 2026-01-01
categories:
  elderly: {}
pay:
  points:
    education: {secondary: 0, bachelor: 2}
    title: {none: 0, social_worker: 4}
    performance: {good: 1, pass: 0}
    years_of_service: {per_year: 1, max: 5}
  default_performance: pass
  grades:
    - {grade: 1, min_points: 0, monthly: 3000}
    - {grade: 2, min_points: 2, monthly: 4300.10}
    - {grade: 3, min_points: 8, monthly: 30000}
  months_per_year: 13
  allowances:
    title: {social_worker: 500}
  performance_bonus_months: {good: 0.25}
  contributions:
    base: {floor: 4000, ceiling: 25000}
    rates: {pension: 0.16, levy: 0.00155}
budget:
  new_hire: {education: bachelor, title: none}
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def row(result_json: dict, worker_id: str) -> dict:
    return next(w for w in result_json["workers"] if w["id"] == worker_id)


# --------------------------------------------------------------------------- numbers


def test_hand_computed_worker_national_rules() -> None:
    # W001: bachelor, assistant social worker, post staff (the default), hired
    # 2016-09-01, rated good; as of 2026-01-01 (the national rules' effective date).
    #   years  = 9 (2016-09-01 -> 2025-09-01 is 9 completed years; 2026-09-01 not yet)
    #   points = education 2 + title 2 + performance 1 + post 0 + min(9 x 0.5, 10) 4.5 = 9.5
    #   grade  = 3 by points (highest min_points <= 9.5 is 6), held to 2 by staff's max_grade 2
    #   base 4800.00 + allowance 300.00 = gross 5100.00 (within floor 4000 / ceiling 25000)
    #   pension 5100 x 0.16 = 816.00, medical x 0.08 = 408.00, unemployment x 0.005 = 25.50,
    #   work_injury x 0.002 = 10.20, housing_fund x 0.07 = 357.00  -> 1616.70 a month
    #   annual salary 5100.00 x 12 = 61200.00; bonus 4800.00 x 0.5 = 2400.00;
    #   contributions 1616.70 x 12 = 19400.40; cost 61200.00 + 2400.00 + 19400.40 = 83000.40
    day = ("--as-of", "2026-01-01")
    result = swplan("pay", "--rules", V1_RULES, SMALL / "roster.yaml", "--format", "json", *day)
    assert result.code == 0, result.err
    data = result.json()
    assert data["schema"] == "swplan.pay/1"
    assert data["as_of"] == "2026-01-01"
    assert data["rules"] == "national default (version 1)"
    w = row(data, "W001")
    assert {k: w[k] for k in ("id", "name", "site", "post", "years", "points", "grade")} == {
        "id": "W001",
        "name": "张三",
        "site": "jinjiang",
        "post": "staff",
        "years": 9,
        "points": "9.5",
        "grade": 2,
    }
    assert {k: w[k] for k in w if k.startswith(("monthly", "annual"))} == {
        "monthly_base": "4800.00",
        "monthly_allowance": "300.00",
        "monthly_gross": "5100.00",
        "monthly_contributions": "1616.70",
        "annual_salary": "61200.00",
        "annual_bonus": "2400.00",
        "annual_contributions": "19400.40",
        "annual_cost": "83000.40",
    }
    b = w["breakdown"]
    assert b["points"] == {
        "education": "2",
        "title": "2",
        "performance": "1",
        "post": "0",
        "years_of_service": "4.5",
    }
    assert (b["grade_by_points"], b["grade_min_points"], b["post_bound"]) == (3, "6", "max_grade")
    assert b["below_lowest_grade"] is False
    assert b["contribution_base"] == "5100.00" and b["contribution_limit"] is None
    assert b["contributions"] == {
        "pension": {"rate": "0.16", "amount": "816.00"},
        "medical": {"rate": "0.08", "amount": "408.00"},
        "unemployment": {"rate": "0.005", "amount": "25.50"},
        "work_injury": {"rate": "0.002", "amount": "10.20"},
        "housing_fund": {"rate": "0.07", "amount": "357.00"},
    }
    assert b["bonus_months"] == "0.5" and b["months_per_year"] == 12


def test_small_example_every_worker_and_totals() -> None:
    # Grades and annual costs of the six example workers (national rules, 2026-01-01):
    #   W002 master/social_worker/excellent/lead, 12 years: 3+4+2+6+min(6,10)=21 -> 3 (lead
    #        min=max=3); gross 5500+500=6000; contributions 6000 x 0.317 = 1902.00;
    #        cost 72000 + 5500 (1 month) + 22824 = 100324.00
    #   W003 associate/none/no rating (pass)/staff, hired 2024-03-15 -> 1 year: 1+0+0+0+0.5=1.5
    #        -> grade 1; gross 4200; 4200 x 0.317 = 1331.40; cost 50400 + 0 + 15976.80 = 66376.80
    #   W004 bachelor/none/pass/deputy, hired 2019-07-01 -> 6 years: 2+0+0+3+3=8 -> grade 3;
    #        gross 5500; 1743.50; cost 66000 + 0 + 20922 = 86922.00
    #   W005 secondary/assistant/fail/staff, 3 years: 0+2-1+0+1.5=2.5 -> grade 1; gross 4500;
    #        1426.50; cost 54000 + 0 + 17118 = 71118.00
    #   W006 doctorate/senior/good/staff, hired 2005-03-01 -> 20 years: 4+7+1+0+10=22 -> 3,
    #        held to 2; gross 4800+800=5600; 1775.20; cost 67200 + 2400 + 21302.40 = 90902.40
    data = swplan("pay", "--rules", V1_RULES, SMALL / "roster.yaml", "-f", "json").json()
    got = {
        w["id"]: (w["years"], w["points"], w["grade"], w["annual_cost"]) for w in data["workers"]
    }
    assert got == {
        "W001": (9, "9.5", 2, "83000.40"),
        "W002": (12, "21", 3, "100324.00"),
        "W003": (1, "1.5", 1, "66376.80"),
        "W004": (6, "8", 3, "86922.00"),
        "W005": (3, "2.5", 1, "71118.00"),
        "W006": (20, "22", 2, "90902.40"),
    }
    assert data["totals"] == {
        "monthly_base": "29000.00",  # 4800 + 5500 + 4200 + 5500 + 4200 + 4800
        "monthly_allowance": "1900.00",  # 300 + 500 + 0 + 0 + 300 + 800
        "monthly_gross": "30900.00",
        "monthly_contributions": "9795.30",
        "annual_salary": "370800.00",
        "annual_bonus": "10300.00",
        "annual_contributions": "117543.60",
        "annual_cost": "498643.60",  # 83000.40 + 100324 + 66376.80 + 86922 + 71118 + 90902.40
        "workers": 6,
    }
    assert row(data, "W003")["breakdown"]["performance_default"] is True


def test_half_up_rounding_and_months_per_year(tmp_path: Path) -> None:
    # tiny rules; a bachelor (2), no title (0), rated good (1), 0 years -> 3 points -> grade 2:
    #   base 4300.10, no allowance -> gross 4300.10 (inside floor 4000 / ceiling 25000)
    #   pension 4300.10 x 0.16    = 688.016    -> 688.02
    #   levy    4300.10 x 0.00155 = 6.665155   -> 6.67
    #   monthly contributions 694.69; annual x 12 (not x 13) = 8336.28
    #   annual salary 4300.10 x 13 = 55901.30
    #   bonus 4300.10 x 0.25 = 1075.025 -> 1075.03 (half-up; half-even would give 1075.02)
    #   annual cost 55901.30 + 1075.03 + 8336.28 = 65312.61
    rules = write(tmp_path / "rules.yaml", TINY_RULES)
    roster = write(
        tmp_path / "roster.yaml",
        """\
workers:
  - {id: A1, site: s1, education: bachelor, title: none, years_of_service: 0, performance: good}
""",
    )
    data = swplan("pay", roster, "--rules", rules, "-f", "json").json()
    w = data["workers"][0]
    assert w["grade"] == 2
    assert w["breakdown"]["contributions"] == {
        "pension": {"rate": "0.16", "amount": "688.02"},
        "levy": {"rate": "0.00155", "amount": "6.67"},
    }
    assert (w["monthly_contributions"], w["annual_contributions"]) == ("694.69", "8336.28")
    assert (w["annual_salary"], w["annual_bonus"], w["annual_cost"]) == (
        "55901.30",
        "1075.03",
        "65312.61",
    )
    assert w["breakdown"]["months_per_year"] == 13


def test_contribution_floor_and_ceiling(tmp_path: Path) -> None:
    # Under the tiny rules:
    # LOW  secondary/none/pass, 1 year: 0+0+0+1 = 1 point -> grade 1, gross 3000.00 < floor:
    #      base 4000.00; pension 640.00, levy 4000 x 0.00155 = 6.20 -> 646.20 a month;
    #      annual 3000 x 13 = 39000.00 + 0 bonus + 646.20 x 12 = 7754.40 -> 46754.40
    # HIGH bachelor/social_worker/pass, 5 years: 2+4+0+5 = 11 -> grade 3, gross 30500.00 > ceiling:
    #      base 25000.00; pension 4000.00, levy 38.75 -> 4038.75 a month;
    #      annual 30500 x 13 = 396500.00 + 0 + 48465.00 -> 444965.00
    rules = write(tmp_path / "rules.yaml", TINY_RULES)
    roster = write(
        tmp_path / "roster.yaml",
        """\
workers:
  - {id: LOW, site: s1, education: secondary, title: none, years_of_service: 1}
  - {id: HIGH, site: s1, education: bachelor, title: social_worker, years_of_service: 5}
""",
    )
    data = swplan("pay", roster, "--rules", rules, "-f", "json").json()
    low, high = row(data, "LOW"), row(data, "HIGH")
    assert (low["grade"], low["monthly_gross"]) == (1, "3000.00")
    assert low["breakdown"]["contribution_base"] == "4000.00"
    assert low["breakdown"]["contribution_limit"] == "floor"
    assert low["monthly_contributions"] == "646.20"
    assert low["annual_cost"] == "46754.40"
    assert (high["grade"], high["monthly_gross"]) == (3, "30500.00")
    assert high["breakdown"]["contribution_base"] == "25000.00"
    assert high["breakdown"]["contribution_limit"] == "ceiling"
    assert high["breakdown"]["contributions"]["levy"]["amount"] == "38.75"
    assert high["monthly_contributions"] == "4038.75"
    assert high["annual_cost"] == "444965.00"
    assert data["totals"]["annual_cost"] == "491719.40"  # 46754.40 + 444965.00


def test_grade_below_all_and_post_bounds() -> None:
    # national rules, as of 2026-01-01:
    # LOW:  secondary 0 + none 0 + fail -1 + staff 0 + 0 years = -1 < every min_points -> grade 1
    # LEAD: secondary 0 + none 0 + fail -1 + lead 6 + 0 = 5 -> grade 2 by points, lead's
    #       min_grade 3 raises it to 3 (base 5500)
    rules = load_rules(V1_RULES)
    workers = [
        Worker("LOW", "s1", "secondary", "none", performance="fail", years_of_service=0),
        Worker(
            "LEAD", "s1", "secondary", "none", post="lead", performance="fail", years_of_service=0
        ),
    ]
    low, lead = (w.figures for w in pay(rules, workers).workers)
    assert (low.points, low.grade, low.below_lowest_grade) == (Decimal(-1), 1, True)
    assert low.monthly_base == Decimal("4200.00")
    assert (lead.points, lead.grade_by_points, lead.grade, lead.post_bound) == (
        Decimal(5),
        2,
        3,
        "min_grade",
    )
    assert lead.monthly_base == Decimal("5500.00")


@pytest.mark.parametrize(
    ("hired", "as_of", "years"),
    [
        ("2016-09-01", "2026-01-01", 9),
        ("2016-09-01", "2026-09-01", 10),  # the anniversary completes the year
        ("2016-09-01", "2026-08-31", 9),
        ("2026-01-01", "2026-01-01", 0),
        ("2016-02-29", "2017-02-28", 0),  # 29 February: complete on 1 March in a common year
        ("2016-02-29", "2017-03-01", 1),
        ("2016-02-29", "2020-02-29", 4),
    ],
)
def test_completed_years(hired: str, as_of: str, years: int) -> None:
    assert completed_years(dt.date.fromisoformat(hired), dt.date.fromisoformat(as_of)) == years


def test_as_of_moves_years(tmp_path: Path) -> None:
    # W001 hired 2016-09-01: 9 years on 2026-01-01, 10 on 2026-09-01 (points 9.5 -> 10)
    data = swplan(
        "pay", "--rules", V1_RULES, SMALL / "roster.yaml", "--as-of", "2026-09-01", "-f", "json"
    ).json()
    assert data["as_of"] == "2026-09-01"
    assert (row(data, "W001")["years"], row(data, "W001")["points"]) == (10, "10")


def test_api_rejects_words_the_rules_do_not_know() -> None:
    from swplan import InputError

    with pytest.raises(InputError) as info:
        pay(load_rules(), [Worker("X1", "s1", "bachlor", "none", years_of_service=1)])
    assert "did you mean 'bachelor'" in str(info.value)


# --------------------------------------------------------------------------- formats


ROSTER_FIELDS = [
    "id",
    "name",
    "site",
    "education",
    "title",
    "post",
    "hired",
    "years_of_service",
    "performance",
]
PEOPLE = [
    {
        "id": "A01",
        "name": "陈一",
        "site": "north",
        "education": "bachelor",
        "title": "assistant_social_worker",
        "hired": dt.date(2016, 9, 1),
        "performance": "good",
    },
    {
        "id": "A02",
        "name": 'Li, "Junior"',
        "site": "north",
        "education": "master",
        "title": "social_worker",
        "post": "lead",
        "years_of_service": 12,
        "performance": "excellent",
    },
    {
        "id": "A03",
        "name": None,
        "site": "south",
        "education": "associate",
        "title": "none",
        "hired": dt.date(2024, 2, 29),
    },
    {
        "id": "0104",
        "name": "赵六",
        "site": "south",
        "education": "bachelor",
        "title": "none",
        "post": "deputy",
        "years_of_service": 9,
        "performance": "pass",
    },
]


def write_yaml_roster(path: Path) -> Path:
    lines = ["workers:"]
    for person in PEOPLE:
        lines.append(f"  - id: {person['id']}")
        for key in ROSTER_FIELDS[1:]:
            value = person.get(key)
            if value is not None:
                text = value.isoformat() if isinstance(value, dt.date) else str(value)
                lines.append(f"    {key}: {json.dumps(text, ensure_ascii=False)}")
    return write(path, "\n".join(lines) + "\n")


def write_csv_roster(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(ROSTER_FIELDS)
        for person in PEOPLE:
            cells = [person.get(k) for k in ROSTER_FIELDS]
            out.writerow(
                ["" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in cells]
            )
    return path


def write_xlsx_roster(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(ROSTER_FIELDS)
    for i, person in enumerate(PEOPLE):
        cells = [person.get(k) for k in ROSTER_FIELDS]
        years = ROSTER_FIELDS.index("years_of_service")
        if cells[years] is not None and i % 2:
            cells[years] = float(cells[years])  # 12.0: how Excel itself stores a number
        sheet.append(cells)  # dates stay date cells
    book.save(path)
    return path


def test_same_roster_as_yaml_csv_and_excel_gives_identical_json(tmp_path: Path) -> None:
    outputs = []
    for path in (
        write_yaml_roster(tmp_path / "roster.yaml"),
        write_csv_roster(tmp_path / "roster.csv"),
        write_xlsx_roster(tmp_path / "roster.xlsx"),
    ):
        result = swplan("pay", "--rules", V1_RULES, path, "-f", "json")
        assert result.code == 0, result.err
        outputs.append(result.json())
    assert outputs[0] == outputs[1] == outputs[2]
    data = outputs[0]
    assert [w["id"] for w in data["workers"]] == ["A01", "A02", "A03", "0104"]
    assert row(data, "A02")["name"] == 'Li, "Junior"'
    assert row(data, "A03")["years"] == 1  # 2024-02-29 -> 2026-01-01
    assert row(data, "0104")["years"] == 9
    assert data["totals"]["workers"] == 4


def test_shipped_csv_example_matches_the_yaml_one() -> None:
    from_yaml = swplan("pay", SMALL / "roster.yaml", "-f", "json")
    from_csv = swplan("pay", SMALL / "roster.csv", "-f", "json")
    assert from_yaml.code == from_csv.code == 0, from_csv.err
    assert from_yaml.json() == from_csv.json()


def test_excel_header_below_and_right_of_a1(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet["A1"] = None
    for col, value in zip(
        "CDEFG", ["id", "site", "education", "title", "years_of_service"], strict=True
    ):
        sheet[f"{col}3"] = value
    for col, value in zip("CDEFG", ["B1", "s1", "bachlor", "none", 2], strict=True):
        sheet[f"{col}4"] = value
    book.save(tmp_path / "roster.xlsx")
    result = swplan("pay", tmp_path / "roster.xlsx")
    assert result.code == 2
    assert "roster.xlsx:花名册!E4: education: 'bachlor' is not one of" in result.err


@pytest.mark.parametrize("content", [b"id,site\nW1,s1\n", b"workers: []\n", b"PK\x03\x04junk"])
def test_a_file_named_xlsx_that_is_not_a_workbook(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(content)
    result = swplan("pay", path, "-o", tmp_path / "out.json")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {path}: is not a readable Excel workbook (.xlsx)")
    assert "Traceback" not in result.err
    assert not (tmp_path / "out.json").exists()


def test_table_has_a_row_per_worker_and_a_totals_row() -> None:
    result = swplan("pay", "--rules", V1_RULES, SMALL / "roster.yaml")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    w001 = next(line for line in lines if "W001" in line)
    assert [c.strip() for c in w001.strip("|").split("|")] == [
        "W001",
        "张三",
        "jinjiang",
        "Staff",  # the post's label in the rules
        "9",
        "9.5",
        "2",
        "5,100.00",
        "1,616.70",
        "83,000.40",
    ]
    total = next(line for line in lines if "Total" in line)
    assert "6 workers" in total and "30,900.00" in total and "498,643.60" in total
    assert "Annual salary 370,800.00   Bonus 10,300.00   Annual contributions 117,543.60" in lines


def test_by_site_subtotals_in_table_markdown_json_and_csv() -> None:
    # jinjiang: W001 83000.40 + W002 100324.00 + W003 66376.80 = 249701.20
    # hongqi:   W004 86922.00;  baisha: W005 71118.00 + W006 90902.40 = 162020.40
    table = swplan("pay", "--rules", V1_RULES, SMALL / "roster.yaml", "--by", "site")
    assert table.code == 0, table.err
    subtotals = [line for line in table.out.splitlines() if "Subtotal" in line]
    assert len(subtotals) == 3
    assert (
        "3 workers" in subtotals[0] and "jinjiang" in subtotals[0] and "249,701.20" in subtotals[0]
    )
    assert "1 worker " in subtotals[1] and "86,922.00" in subtotals[1]
    assert "162,020.40" in subtotals[2]
    markdown = swplan(
        "pay", "--rules", V1_RULES, SMALL / "roster.yaml", "--by", "site", "-f", "markdown"
    ).out
    assert (
        "| Subtotal | 3 workers | jinjiang |  |  |  |  | 15,300.00 | 4,850.10 | 249,701.20 |"
        in markdown
    )
    assert "| **Total** | **6 workers** |" in markdown
    data = swplan(
        "pay", "--rules", V1_RULES, SMALL / "roster.yaml", "--by", "site", "-f", "json"
    ).json()
    assert [(s["site"], s["workers"], s["annual_cost"]) for s in data["by_site"]] == [
        ("jinjiang", 3, "249701.20"),
        ("hongqi", 1, "86922.00"),
        ("baisha", 2, "162020.40"),
    ]
    assert len(data["workers"]) == 6
    lines = swplan(
        "pay", "--rules", V1_RULES, SMALL / "roster.yaml", "--by", "site", "-f", "csv"
    ).out.splitlines()
    assert lines[0].startswith("site,workers,monthly_base,")
    assert lines[1].startswith("jinjiang,3,14500.00,800.00,15300.00,")


def test_zh_labels() -> None:
    out = swplan("pay", SMALL / "roster.yaml", "--lang", "zh").out
    assert "薪级" in out and "年度用人成本" in out and "合计" in out and "6 人" in out


# --------------------------------------------------------------------------- --explain


def test_explain_shows_how_each_figure_was_reached() -> None:
    result = swplan(
        "pay",
        "--rules",
        V1_RULES,
        SMALL / "roster.yaml",
        "--explain",
        "W001",
        "--as-of",
        "2026-01-01",
    )
    assert result.code == 0, result.err
    lines = [line.strip() for line in result.out.splitlines()]
    expected = [
        "W001 张三 — pay as of 2026-01-01 under national default (version 1)",
        "years of service: 9 (completed years from hired 2016-09-01 to 2026-01-01)",
        "grade 3 by points: the highest grade with min_points <= 9.5 (min_points 6)",
        "grade held to 2 by post staff (max_grade 2)",
        "monthly base (grade 2) = 4800.00",
        "post allowance (assistant_social_worker) = 300.00",
        "monthly gross = 4800.00 + 300.00 = 5100.00",
        "contribution base = 5100.00 (the monthly gross, within floor 4000.00 and ceiling 25000.00)",
        "monthly contributions = 816.00 + 408.00 + 25.50 + 10.20 + 357.00 = 1616.70",
        "annual salary = 5100.00 x 12 months = 61200.00",
        "annual bonus = 4800.00 x 0.5 months (good) = 2400.00",
        "annual contributions = 1616.70 x 12 = 19400.40",
        "annual cost = 61200.00 + 2400.00 + 19400.40 = 83000.40",
    ]
    for line in expected:
        assert line in lines, line
    squeezed = [" ".join(line.split()) for line in lines]
    assert "Education bachelor 2 pay.points.education.bachelor" in squeezed
    assert "Years 9 x 0.5, at most 10 4.5 pay.points.years_of_service" in squeezed
    assert "Total 9.5" in squeezed
    assert "housing_fund 5100.00 x 0.07 = 357.00" in squeezed
    assert "W002" not in result.out


def test_explain_in_chinese() -> None:
    # the same W001 figures as test_explain_shows_how_each_figure_was_reached, in Chinese
    result = swplan(
        *("pay", "--rules", V1_RULES, SMALL / "roster.yaml", "--explain", "W001", "--lang", "zh"),
        *("--as-of", "2026-01-01"),
    )
    assert result.code == 0, result.err
    lines = [line.strip() for line in result.out.splitlines()]
    expected = [
        "W001 张三 — 薪酬测算，截至 2026-01-01，规则：全国默认标准（第1版）",
        "工龄：9 年（入职 2016-09-01 至 2026-01-01 的整年数）",
        "按积分为薪级 3：起点积分不高于 9.5 的最高薪级（起点积分 6）",
        "受岗位 一般 限制，薪级定为 2（最高薪级 2）",
        "月基本工资（薪级 2）= 4800.00",
        "岗位津贴（助理社会工作师）= 300.00",
        "月应发 = 4800.00 + 300.00 = 5100.00",
        "缴费基数 = 5100.00（月应发，在下限 4000.00 与上限 25000.00 之间）",
        "单位缴费（每月）= 816.00 + 408.00 + 25.50 + 10.20 + 357.00 = 1616.70",
        "年度工资 = 5100.00 × 12 个月 = 61200.00",
        "绩效奖金 = 4800.00 × 0.5 个月（良好）= 2400.00",
        "年度单位缴费 = 1616.70 × 12 = 19400.40",
        "年度用人成本 = 61200.00 + 2400.00 + 19400.40 = 83000.40",
    ]
    for line in expected:
        assert line in lines, line
    # the rules' words by their Chinese labels; no English key paths under zh
    squeezed = [" ".join(line.split()) for line in lines]
    assert "学历 本科 2" in squeezed
    assert "工龄 9 × 0.5，最多 10 4.5" in squeezed
    assert "合计 9.5" in squeezed
    assert "住房公积金 5100.00 × 0.07 = 357.00" in squeezed


def test_explain_floor_default_rating_and_given_years(tmp_path: Path) -> None:
    rules = write(tmp_path / "rules.yaml", TINY_RULES)
    roster = write(
        tmp_path / "roster.yaml",
        """\
workers:
  - {id: LOW, site: s1, education: secondary, title: none, years_of_service: 1}
""",
    )
    result = swplan("pay", roster, "--rules", rules, "--explain", "LOW")
    assert result.code == 0, result.err
    squeezed = [" ".join(line.split()) for line in result.out.splitlines()]
    assert "years of service: 1 (as given)" in squeezed
    assert "Performance pass (default) 0 pay.points.performance.pass" in squeezed
    assert "contribution base = 4000.00 (the floor: monthly gross 3000.00 is below it)" in squeezed
    assert "levy 4000.00 x 0.00155 = 6.20" in squeezed


def test_explain_json_is_the_worker_and_its_breakdown() -> None:
    result = swplan(
        "pay", "--rules", V1_RULES, SMALL / "roster.yaml", "--explain", "W004", "-f", "json"
    )
    assert result.code == 0, result.err
    data = result.json()
    assert [w["id"] for w in data["workers"]] == ["W004"]
    w = data["workers"][0]
    assert w["breakdown"]["hired"] == "2019-07-01"
    assert w["breakdown"]["points"] == {
        "education": "2",
        "title": "0",
        "performance": "0",
        "post": "3",
        "years_of_service": "3",
    }
    assert data["totals"]["annual_cost"] == w["annual_cost"] == "86922.00"
    assert data["totals"]["workers"] == 1


def test_explain_unknown_id_suggests_a_close_one(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    result = swplan("pay", SMALL / "roster.yaml", "--explain", "W01", "-o", out)
    assert result.code == 2
    assert "error: --explain: no worker with id 'W01'" in result.err
    assert "(did you mean 'W001'?)" in result.err
    assert not out.exists()


def test_explain_with_by_is_a_usage_error() -> None:
    result = swplan("pay", SMALL / "roster.yaml", "--explain", "W001", "--by", "site")
    assert result.code == 2
    assert "--explain" in result.err and "--by" in result.err


# --------------------------------------------------------------------------- bad input

HEADER = "id,site,education,title,hired,years_of_service,performance"
GOOD_ROW = "OK1,s1,bachelor,none,,3,"

# (what is wrong, the row's cells, the column at fault, words the message must hold)
BAD_ROWS = [
    (
        "education",
        "B1,s1,bachlor,none,,3,",
        "education",
        "'bachlor' is not one of: secondary, associate, bachelor, master, doctorate "
        "(did you mean 'bachelor'?)",
    ),
    ("title", "B1,s1,bachelor,socialworker,,3,", "title", "(did you mean 'social_worker'?)"),
    ("rating", "B1,s1,bachelor,none,,3,excelent", "performance", "(did you mean 'excellent'?)"),
    (
        "both",
        "B1,s1,bachelor,none,2020-01-01,3,",
        "years_of_service",
        "give either hired or years_of_service, not both",
    ),
    (
        "neither",
        "B1,s1,bachelor,none,,,",
        "hired",
        "give hired (YYYY-MM-DD) or years_of_service; one is required",
    ),
    (
        "late",
        "B1,s1,bachelor,none,2026-03-01,,",
        "hired",
        "2026-03-01 is after the as-of date 2026-01-01",
    ),
    (
        "duplicate",
        "OK1,s1,bachelor,none,,5,",
        "id",
        "duplicate worker id 'OK1' (first at {file}:{first}); worker ids must be unique",
    ),
]
COLUMNS = HEADER.split(",")


def bad_yaml(path: Path, cells: str) -> Path:
    lines = ["workers:"]
    for text in (GOOD_ROW, cells):
        values = dict(zip(COLUMNS, text.split(","), strict=True))
        lines.append(f"  - id: {values['id']}")
        lines += [f"    {k}: {v}" for k, v in values.items() if v and k != "id"]
    return write(path, "\n".join(lines) + "\n")


def bad_csv(path: Path, cells: str) -> Path:
    return write(path, f"{HEADER}\n{GOOD_ROW}\n{cells}\n")


def bad_xlsx(path: Path, cells: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(COLUMNS)
    for text in (GOOD_ROW, cells):
        values: list[object] = [v or None for v in text.split(",")]
        if values[4]:
            values[4] = dt.date.fromisoformat(str(values[4]))  # a real date cell
        if values[5]:
            values[5] = int(str(values[5]))
        sheet.append(values)
    book.save(path)
    return path


def where(kind: str, path: Path, cells: str, column: str) -> tuple[str, str]:
    """(position of the bad value, position of the first OK1 id) as swplan writes them."""
    col = COLUMNS.index(column)
    if kind == "csv":
        return f"3:{col + 1}", "2:1"
    if kind == "xlsx":
        return f"Sheet1!{'ABCDEFG'[col]}3", "Sheet1!A2"
    # YAML: the bad record starts on the line after the good one; keys follow in order
    good_lines = 1 + sum(1 for v in GOOD_ROW.split(",")[1:] if v)
    start = 2 + good_lines
    present = [k for k, v in zip(COLUMNS, cells.split(","), strict=True) if v]
    if column == "id":
        return f"{start}:9", "2:9"
    if column not in present:  # an absent key: the record itself
        return f"{start}:5", "2:9"
    key_line = start + present.index(column)
    return f"{key_line}:{len(column) + 7}", "2:9"


@pytest.mark.parametrize("kind", ["yaml", "csv", "xlsx"])
@pytest.mark.parametrize(
    ("case", "cells", "column", "message"), BAD_ROWS, ids=[c[0] for c in BAD_ROWS]
)
def test_bad_roster_rows(
    tmp_path: Path, kind: str, case: str, cells: str, column: str, message: str
) -> None:
    path = {"yaml": bad_yaml, "csv": bad_csv, "xlsx": bad_xlsx}[kind](
        tmp_path / f"roster.{kind}", cells
    )
    out = tmp_path / "pay.json"
    result = swplan("pay", path, "-f", "json", "-o", out, "--as-of", "2026-01-01")
    if case == "both" and kind != "yaml":
        # a table row may fill both, as bureau sheets do: hired is used, and the row is
        # named when the two disagree (3 years given; 2020-01-01 to 2026-01-01 is 6)
        assert result.code == 0, result.err
        at = "3:5" if kind == "csv" else "Sheet1!E3"
        assert result.err == (
            f"note: {path}: hired and years_of_service disagree at 2026-01-01 in {at}; "
            "hired was used\n"
        )
        return
    assert result.code == 2, result.out
    assert "Traceback" not in result.err
    at, first = where(kind, path, cells, column)
    errors = result.err.strip().splitlines()
    assert len(errors) == 1, result.err
    key = f"workers[1].{column}" if kind == "yaml" else column
    assert errors[0].startswith(f"error: {path}:{at}: {key}: "), errors[0]
    assert message.format(file=path, first=first) in errors[0]
    assert not out.exists(), "bad input must not write --output"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    table_bad = [row for row in BAD_ROWS if row[0] != "both"]  # both is fine in a table
    rows = [GOOD_ROW] + [c.replace("B1,", f"B{i},", 1) for i, (_, c, _, _) in enumerate(table_bad)]
    path = write(tmp_path / "roster.csv", "\n".join([HEADER, *rows]) + "\n")
    existing = write(tmp_path / "pay.json", "old contents\n")
    result = swplan("pay", path, "-f", "json", "-o", existing)
    assert result.code == 2
    errors = result.err.strip().splitlines()
    assert [e.split(": ")[1] for e in errors] == [
        f"{path}:{line}:{COLUMNS.index(column) + 1}"
        for line, (_, _, column, _) in enumerate(table_bad, start=3)
    ]
    assert existing.read_text(encoding="utf-8") == "old contents\n"


def test_unknown_roster_column_and_hired_after_a_given_as_of(tmp_path: Path) -> None:
    path = write(
        tmp_path / "roster.csv", "id,site,education,title,hird\nA,s1,bachelor,none,2020-01-01\n"
    )
    result = swplan("pay", path)
    assert result.code == 2
    assert f"error: {path}:1:5: hird: unknown column 'hird' (did you mean 'hired'?)" in result.err
    fine = bad_csv(tmp_path / "late.csv", "B1,s1,bachelor,none,2026-03-01,,")
    assert swplan("pay", fine, "--as-of", "2026-03-01").code == 0
    early = swplan("pay", fine, "--as-of", "2026-02-28")
    assert early.code == 2 and "after the as-of date 2026-02-28" in early.err
