"""`swplan budget`: a hand-checked draft, exact totals, and the --cap gate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import ROOT, V1_RULES, swplan
from hypothesis import given, settings
from hypothesis import strategies as st
from test_pay_properties import reference_cost

from swplan import (
    budget,
    load_ledger,
    load_passes,
    load_populations,
    load_roster,
    load_rules,
    staff,
)
from swplan.model import Site, Worker
from swplan.report.budget import budget_json

SMALL = ROOT / "examples" / "small"
ARGS = [
    SMALL / "populations.yaml",
    SMALL / "roster.yaml",
    "--passes",
    SMALL / "passes.yaml",
    "--ledger",
    SMALL / "ledger.csv",
]


def test_small_example_by_hand() -> None:
    data = swplan("budget", "--rules", V1_RULES, *ARGS, "--format", "json").json()
    # current staff: the six workers of examples/small, each worked out in test_pay.py:
    #   83000.40 + 100324.00 + 66376.80 + 86922.00 + 71118.00 + 90902.40 = 498643.60
    # shortage: jinjiang 4 required - 3 current = 1, hongqi 1 - 1 = 0, baisha 4 - 2 = 2 -> 3
    # one new hire (bachelor 2 + none 0 + pass 0 + staff post 0 + 0 years = 2 points): grade 1,
    #   gross 4200.00; contributions 672.00 + 336.00 + 21.00 + 8.40 + 294.00 = 1331.40 a month;
    #   4200.00 x 12 + 0 bonus + 1331.40 x 12 = 50400.00 + 15976.80 = 66376.80; x 3 = 199130.40
    # awards due at 2026-01-01: W005 psychological_counselor 1000; W001 social_worker 2000 less
    #   the 1000 paid for assistant = 1000; W004 assistant 1000 then social_worker 2000 - 1000
    #   = 1000; W003 assistant 1000 (its repeat is a duplicate) -> 5000.00
    # training: 500 x (6 current + 3 shortage) = 4500.00
    # total 498643.60 + 199130.40 + 5000.00 + 4500.00 = 707274.00
    # personnel share (498643.60 + 199130.40) / 707274.00 = 0.986568... -> 0.9866
    assert data["schema"] == "swplan.budget/2"
    assert data["as_of"] == "2026-01-01"
    assert data["lines"] == [
        {"item": "current_staff", "amount": "498643.60"},
        {"item": "new_hires", "amount": "199130.40"},
        {"item": "awards", "amount": "5000.00"},
        {"item": "training", "amount": "4500.00"},
    ]
    assert data["total"] == "707274.00"
    assert data["personnel_share"] == "0.9866"
    assert data["headcount"] == {"current": 6, "shortage": 3, "planned": 9}
    assert "cap_ok" not in data


def test_small_example_in_chinese() -> None:
    # the figures of test_small_example_by_hand, with Chinese labels
    result = swplan("budget", "--rules", V1_RULES, *ARGS, "--lang", "zh")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    # the title, then the headline as a Chinese reader writes it
    assert lines[0].startswith("预算 2026")
    assert lines[1] == "2026年度预算：707,274.00元；人数6人→9人（+3）；未设上限"
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines if "|" in line]
    for item, amount in [
        ("现有人员费用", "498,643.60"),
        ("新增岗位", "199,130.40"),
        ("考试奖励", "5,000.00"),
        ("培训费", "4,500.00"),
        ("合计", "707,274.00"),
    ]:
        assert [item, amount] in cells, item
    assert "人员费用占比：98.66%（0.9866）" in lines
    assert "人数：现有6人，缺编3人，计划9人" in lines
    assert "考试奖励：应发5人次，5,000.00元" in lines
    # the sites short of posts, most short first: baisha 4 - 2 = 2, jinjiang 4 - 3 = 1
    assert "缺编最多的站点" in lines
    assert ["站点", "名称", "所需岗位", "现有人数", "缺编"] in cells
    assert ["baisha", "白沙镇社工站", "4", "2", "2"] in cells
    assert ["jinjiang", "金江社区", "4", "3", "1"] in cells


def test_cap_at_the_total_passes_one_fen_below_fails() -> None:
    at = swplan("budget", "--rules", V1_RULES, *ARGS, "--cap", "707274.00", "--format", "json")
    assert at.code == 0 and at.json()["cap_ok"] is True
    below = swplan("budget", "--rules", V1_RULES, *ARGS, "--cap", "707273.99", "--format", "json")
    assert below.code == 1 and below.json()["cap_ok"] is False
    assert "over the cap" in below.err
    yuan_below = swplan(
        "budget", "--rules", V1_RULES, *ARGS, "--cap", "707,273", "--format", "json"
    )
    assert yuan_below.code == 1


def test_bad_cap_and_fail_on_shortage(tmp_path) -> None:
    out = tmp_path / "b.json"
    bad = swplan("budget", *ARGS, "--cap", "lots", "--output", out)
    assert bad.code == 2 and "error: --cap" in bad.err and not out.exists()
    short = swplan("budget", *ARGS, "--fail-on-shortage", "--format", "json")
    assert short.code == 1 and "3 posts short" in short.err


def test_year_moves_the_as_of_date() -> None:
    data = swplan("budget", "--rules", V1_RULES, *ARGS, "--year", "2027", "--format", "json").json()
    assert data["as_of"] == "2027-01-01" and data["year"] == 2027
    # a year on, every pass of 2025 is past the 365-day claim window: nothing is due
    assert data["lines"][2] == {"item": "awards", "amount": "0.00"}
    # W003 (hired 2024-03-15) now has 2 years: 2 points, still grade 1, so staff cost holds
    assert data["lines"][0]["amount"] == "498643.60"


def test_api_matches_the_command_line() -> None:
    rules = load_rules(V1_RULES)
    result = budget(
        rules,
        load_populations(SMALL / "populations.yaml", rules).sites,
        load_roster(SMALL / "roster.yaml", rules),
        load_passes(SMALL / "passes.yaml", rules),
        load_ledger(SMALL / "ledger.csv"),
    )
    assert result.total == Decimal("707274.00")
    # (498643.60 current staff + 199130.40 new hires) / 707274.00, exact: 0.98656...
    assert result.personnel_share == Fraction("697774.00") / Fraction("707274.00")
    # one assembly serves both: the API's draft is the command's, key for key
    cli = swplan("budget", "--rules", V1_RULES, *ARGS, "--format", "json").json()
    assert budget_json(result, rules) == cli


RULES = load_rules(V1_RULES)
EDUCATION = list(RULES.pay.points.education)
TITLES = list(RULES.pay.points.title)


@st.composite
def districts(draw: st.DrawFn) -> tuple[list[Site], list[Worker]]:
    n_sites = draw(st.integers(1, 6))
    sites = [
        Site(
            f"S{i}",
            None,
            draw(st.sampled_from(["urban_community", "township"])),
            {c: draw(st.integers(0, 90)) for c in ("elderly", "children", "corrections")},
        )
        for i in range(n_sites)
    ]
    workers = [
        Worker(
            f"W{i}",
            f"S{draw(st.integers(0, n_sites))}",
            draw(st.sampled_from(EDUCATION)),
            draw(st.sampled_from(TITLES)),
            years_of_service=draw(st.integers(0, 30)),
        )
        for i in range(draw(st.integers(0, 12)))
    ]
    return sites, workers


@settings(max_examples=60, deadline=None)
@given(districts(), st.integers(2020, 2030))
def test_lines_total_and_cap_on_random_districts(district, year) -> None:
    sites, workers = district
    result = budget(RULES, sites, workers, year=year)
    shortage = staff(RULES, sites, workers).totals.shortage
    # the workers give years_of_service, so their cost does not depend on the year
    current_staff = sum((reference_cost(RULES, w) for w in workers), Decimal(0))
    # national rules: one new hire costs 66376.80 (see test_small_example_by_hand), training
    # is 500.00 a planned worker, and with no passes (the workers have no exams) no awards
    expected = [
        ("current_staff", current_staff),
        ("new_hires", Decimal("66376.80") * shortage),
        ("awards", Decimal("0.00")),
        ("training", Decimal("500.00") * (len(workers) + shortage)),
    ]
    assert [(line.item, line.amount) for line in result.lines] == expected
    assert result.total == sum((amount for _, amount in expected), Decimal(0))
    assert (result.current, result.shortage) == (len(workers), shortage)
    assert result.as_of == dt.date(year, 1, 1)
    at = budget(RULES, sites, workers, year=year, cap=result.total)
    below = budget(RULES, sites, workers, year=year, cap=result.total - Decimal("0.01"))
    assert at.cap_ok is True and below.cap_ok is False


SITE_NAMES = {"jinjiang": "金江社区", "hongqi": "红旗社区", "baisha": "白沙镇社工站"}


@pytest.mark.parametrize(
    ("roster", "parallel"),
    [("roster.csv", "0"), ("roster.csv", str(10**12)), ("roster.yaml", str(10**12))],
    ids=["csv read beside", "csv read inline", "yaml"],
)
def test_by_site_with_a_roster_naming_its_sites_by_name(
    tmp_path: Path, roster: str, parallel: str
) -> None:
    text = (SMALL / roster).read_text(encoding="utf-8")
    for site, name in SITE_NAMES.items():  # "site: jinjiang" and ",jinjiang," alike
        text = text.replace(f"site: {site}", f"site: {name}").replace(f",{site},", f",{name},")
    assert "jinjiang" not in text
    (tmp_path / roster).write_text(text, encoding="utf-8")
    result = swplan(
        "budget", SMALL / "populations.yaml", tmp_path / roster, *ARGS[2:],
        "--by", "site", "--rules", V1_RULES, "-f", "json",
        env={"SWPLAN_PARALLEL_BYTES": parallel},  # "0": the CSV is read in a child process
    )  # fmt: skip
    assert result.code == 0, result.err
    sites = {s["id"]: s for s in result.json()["sites"]}
    assert list(sites) == ["jinjiang", "hongqi", "baisha"]  # by id; no name-only rows
    # the workers' costs of test_small_example_by_hand, each at its own site:
    #   jinjiang W001 + W002 + W003 = 83000.40 + 100324.00 + 66376.80 = 249701.20
    #   hongqi W004 = 86922.00; baisha W005 + W006 = 71118.00 + 90902.40 = 162020.40
    # new hires 66376.80 each: jinjiang 1 short, baisha 2 short = 132753.60
    # awards: jinjiang W001 1000 (top-up) + W003 1000 = 2000; hongqi W004 1000 + 1000;
    #   baisha W005 1000 (psychological_counselor, an exam in roster.yaml only)
    # training 500 x (current + short): jinjiang 3 + 1, hongqi 1 + 0, baisha 2 + 2
    baisha_awards = "1000.00" if roster.endswith(".yaml") else "0.00"
    expected = {
        "jinjiang": ("249701.20", "66376.80", "2000.00", "2000.00"),
        "hongqi": ("86922.00", "0.00", "2000.00", "500.00"),
        "baisha": ("162020.40", "132753.60", baisha_awards, "2000.00"),
    }
    for site, (staff_cost, new_hires, awards, training) in expected.items():
        s = sites[site]
        assert (s["name"], s["current_staff"], s["new_hires"]) == (
            SITE_NAMES[site],
            staff_cost,
            new_hires,
        )
        assert (s["awards"], s["training"]) == (awards, training)


def test_by_site_costs_every_worker_when_award_conditions_judge_a_few(tmp_path: Path) -> None:
    # the 宁河 rules judge the workers a pass names (service months, employment); a CSV
    # roster then keeps those workers only, yet every worker's cost goes to their site
    awards = ROOT / "examples" / "awards"
    (tmp_path / "passes.csv").write_text(
        "worker_id,exam,passed_on\nW01,助理社会工作师,2024-08-20\n", encoding="utf-8"
    )
    args = [SMALL / "populations.yaml", awards / "roster.csv", "--rules", awards / "ninghe.yaml"]
    args += ["--year", "2025", "--by", "site", "-f", "json"]
    alone = swplan("budget", *args)
    judged = swplan("budget", *args, "--passes", tmp_path / "passes.csv")
    assert alone.code == judged.code == 0, judged.err
    data = judged.json()
    for line in data["lines"]:
        assert sum(Decimal(s[line["item"]]) for s in data["sites"]) == Decimal(line["amount"])
    # the pass changes the awards of W01's site only (2000, 助理社会工作师 under 宁河)
    for mine, before in zip(data["sites"], alone.json()["sites"], strict=True):
        assert mine["current_staff"] == before["current_staff"] != "0.00"
        assert mine["training"] == before["training"]
        assert mine["awards"] == ("2000.00" if mine["id"] == "jinjiang" else "0.00")
