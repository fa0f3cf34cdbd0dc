"""Pay as local notices write it: published figures and shares of them, floors (托底),
areas, calendar-year service, certificate dates and windows, part-year workers.

Every expected figure is worked out by hand in the comment beside it. The rules are
kept small (one basic wage, one contribution item) so the arithmetic stays short.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import swplan

from swplan import InputError, load_rules, pay
from swplan.model import Worker

D = Decimal

# A basic wage of 3000 for everyone; one contribution item, 10 % on a base held
# between 4000 and 20000, so a month's contributions are 400.00 up to a gross of 4000.
BASE_RULES = """\
name: notices
effective: 2026-01-01
categories: {elderly: {}}
areas:
  city:   {label: {zh: 主城区}}
  county: {label: {zh: 郊县}, aliases: [县城]}
published:
  average_wage: {2024: 60000, 2025: 66000}
pay:
  points:
    education: {bachelor: 0}
    title: {none: 0, assistant_social_worker: 0, social_worker: 0}
    performance: {pass: 0}
  default_performance: pass
  components:
    basic: {by: education, amounts: {bachelor: 3000}}
  contributions:
    base: {floor: 4000, ceiling: 20000}
    rates: {pension: 0.1}
awards:
  exams: {assistant_social_worker: 500, social_worker: 1000}
  ladder: [assistant_social_worker, social_worker]
budget:
  new_hire: {education: bachelor, title: none}
"""


BASIC = "    basic: {by: education, amounts: {bachelor: 3000}}\n"


def rules_with(
    tmp_path: Path, pay_extra: str = "", *, components: str = "", published: str = ""
) -> Path:
    """BASE_RULES with more keys under `pay:` (indented by two), more components after
    `basic` and, where given, other published figures."""
    text = BASE_RULES.replace("pay:\n", "pay:\n" + pay_extra, 1)
    text = text.replace(BASIC, BASIC + components)
    if published:
        text = text.replace("{2024: 60000, 2025: 66000}", published)
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def worker(ident: str = "W", **facts: Any) -> Worker:
    facts.setdefault("hired", dt.date(2020, 1, 1))
    return Worker(ident, "s1", "bachelor", facts.pop("title", "none"), **facts)


def year_of(rules: Any, *workers: Worker, year: int = 2026) -> dict[str, Any]:
    return {w.id: w.figures for w in pay(rules, list(workers), year=year).workers}


def month_gross(figures: Any) -> list[Decimal | None]:
    return [pm.figures.monthly_gross if pm.figures else None for pm in figures.months]


# --------------------------------------------------------------------------- floors


def test_floor_with_contributions_reached_exactly_at_the_base_floor(tmp_path: Path) -> None:
    rules = load_rules(
        rules_with(tmp_path, "  floor: {monthly: 4400, includes: [gross, contributions]}\n")
    )
    f = year_of(rules, worker())["W"]
    # gross 3000 + 400.00 (10 % of the base floor 4000) = 3400 < 4400. Up to a gross of
    # 4000 the contributions stay 400.00 (the base is held at its floor), so the sum is
    # gross + 400: it reaches 4400 at a gross of exactly 4000.00 (3999.99 + 400 = 4399.99),
    # the base floor itself. The raise: 4000.00 - 3000.00 = 1000.00 (托底补差).
    assert f.monthly_gross == D("4000.00")
    assert f.components == {"basic": D("3000.00"), "floor": D("1000.00")}
    assert f.monthly_contributions == D("400.00")
    assert f.floor == D("4400.00")
    # the year: 12 x 4000 = 48000.00 salary, 12 x 400 = 4800.00 contributions
    assert (f.annual_salary, f.annual_contributions) == (D("48000.00"), D("4800.00"))


def test_floor_with_contributions_above_the_base_floor(tmp_path: Path) -> None:
    rules = load_rules(
        rules_with(tmp_path, "  floor: {monthly: 5000, includes: [gross, contributions]}\n")
    )
    f = year_of(rules, worker())["W"]
    # above a gross of 4000 the sum is g + round(0.1 g): 4545.45 + 454.55 (454.545 half-up)
    # = 5000.00; 4545.44 + 454.54 = 4999.98 falls short. So 4545.45, a raise of 1545.45.
    assert f.monthly_gross == D("4545.45")
    assert f.components["floor"] == D("1545.45")
    assert f.monthly_contributions == D("454.55")


def test_floor_not_reached_is_a_raise_of_nothing(tmp_path: Path) -> None:
    rules = load_rules(rules_with(tmp_path, "  floor: {monthly: 2500}\n"))
    f = year_of(rules, worker())["W"]
    # the gross 3000 is above the floor 2500: nothing is added, the component shows 0.00
    assert f.monthly_gross == D("3000.00")
    assert f.components == {"basic": D("3000.00"), "floor": D("0.00")}
    assert f.floor == D("2500.00")


def test_floor_of_the_gross_alone_and_the_extra_months(tmp_path: Path) -> None:
    rules = load_rules(rules_with(tmp_path, "  floor: {monthly: 3600}\n  months_per_year: 13\n"))
    as_of = pay(rules, [worker()], as_of=dt.date(2026, 6, 1)).workers[0].figures
    # the gross is raised to the floor, 3600.00; the 13th month is paid at that gross:
    # 13 x 3600 = 46800.00 (the run rate on one day as well as the year)
    assert as_of.monthly_gross == D("3600.00")
    assert as_of.annual_salary == D("46800.00")
    f = year_of(rules, worker())["W"]
    assert f.annual_salary == D("46800.00")  # 12 x 3600 + 1 x December's 3600


def test_the_highest_floor_that_applies_to_the_post(tmp_path: Path) -> None:
    posts = (
        "  posts:\n    lead: {}\n    staff: {}\n  default_post: staff\n"
        "  floor:\n    - {monthly: 3200}\n    - {monthly: 3800, posts: [lead]}\n"
    )
    rules = load_rules(rules_with(tmp_path, posts))
    f = year_of(rules, worker("S"), worker("L", post="lead"))
    # staff: only the first floor applies, 3200; lead: the higher, 3800
    assert f["S"].monthly_gross == D("3200.00")
    assert f["L"].monthly_gross == D("3800.00")


def test_the_highest_floor_is_the_workers_floor_whatever_it_counts(tmp_path: Path) -> None:
    floors = (
        "  floor:\n    - {monthly: 3950}\n    - {monthly: 4300, includes: [gross, contributions]}\n"
    )
    rules = load_rules(rules_with(tmp_path, floors))
    f = year_of(rules, worker())["W"]
    # the worker's floor is the highest, 4300 of gross and contributions: below a gross of
    # 4000 the contribution is 400.00 (the base floor), so 3900.00 + 400.00 reaches it.
    # The lower floor of 3950 of the gross alone is not the worker's floor.
    assert f.monthly_gross == D("3900.00")
    assert (f.floor, f.floor_includes) == (D("4300.00"), ("gross", "contributions"))


def test_bonus_counts_the_floor_only_when_of_names_it(tmp_path: Path) -> None:
    floor = "  floor: {monthly: 3600}\n"
    without = load_rules(
        rules_with(tmp_path, floor + "  performance_bonus: {months: {pass: 1}, of: [basic]}\n")
    )
    (tmp_path / "b").mkdir()
    with_floor = load_rules(
        rules_with(
            tmp_path / "b",
            floor + "  performance_bonus: {months: {pass: 1}, of: [basic, floor]}\n",
        )
    )
    # one month of bonus: basic 3000.00; with the floor's raise of 600: 3600.00
    assert year_of(without, worker())["W"].annual_bonus == D("3000.00")
    assert year_of(with_floor, worker())["W"].annual_bonus == D("3600.00")


def test_floor_component_in_json_csv_and_explain(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, "  floor: {monthly: 4400, includes: [gross, contributions]}\n")
    roster = tmp_path / "roster.csv"
    roster.write_text("工号,站点,学历,职称,入职日期\nW1,s1,bachelor,none,2020-01-01\n", "utf-8")
    data = swplan("pay", roster, "--rules", rules, "--year", "2026", "-f", "json").json()
    row = data["workers"][0]
    assert row["components"] == {"basic": "3000.00", "floor": "1000.00"}
    assert row["breakdown"]["floor"] == {
        "monthly": "4400.00",
        "includes": "gross+contributions",
        "amount": "1000.00",
    }
    csv = swplan("pay", roster, "--rules", rules, "-f", "csv", "--lang", "zh").out
    assert "托底补差" in csv.splitlines()[0]
    text = swplan("pay", roster, "--rules", rules, "--explain", "W1").out
    assert (
        "floor 4400.00 of gross and employer contributions: raised by 1000.00 (floor) to a "
        "gross of 4000.00, the least at which 4000.00 + 400.00 = 4400.00 reaches it"
    ) in text


# --------------------------------------------------------------------------- published


def test_share_of_last_years_average_wage_from_july(tmp_path: Path) -> None:
    floor = "  floor: {monthly: {share: 0.8, of: average_wage, year: -1, from_month: 7}}\n"
    rules = load_rules(rules_with(tmp_path, floor))
    f = year_of(rules, worker())["W"]
    # 2026 January-June take 2024's figure (one year earlier before July):
    # 0.8 x 60000 / 12 = 4000.00; July-December 2025's: 0.8 x 66000 / 12 = 4400.00
    assert month_gross(f) == [D("4000.00")] * 6 + [D("4400.00")] * 6
    # salary 6 x 4000 + 6 x 4400 = 50400.00; contributions 6 x 400 + 6 x 440 = 5040.00
    assert (f.annual_salary, f.annual_contributions) == (D("50400.00"), D("5040.00"))


def test_a_share_of_a_missing_year_is_an_error_naming_it(tmp_path: Path) -> None:
    floor = "  floor: {monthly: {share: 0.8, of: average_wage, year: -1}}\n"
    path = rules_with(tmp_path, floor)
    rules = load_rules(path)
    # 2027 takes 2026's average wage, which is not listed (and there is no growth)
    with pytest.raises(InputError) as caught:
        pay(rules, [worker()], year=2027)
    assert "no figure for 2026" in str(caught.value)
    roster = tmp_path / "roster.csv"
    roster.write_text("id,site,education,title,hired\nW1,s1,bachelor,none,2020-01-01\n", "utf-8")
    result = swplan("pay", roster, "--rules", path, "--year", "2027")
    assert result.code == 2 and result.out == ""
    assert result.err.strip() == (
        f"error: {path}: published.average_wage: no figure for 2026, which "
        "pay.floor[0].monthly takes in 2027-01; add 2026 under published.average_wage, "
        "or give its growth"
    )
    # 2026 itself is fine: it takes 2025's
    assert year_of(rules, worker())["W"].monthly_gross == D("4400.00")  # 0.8 x 66000 / 12


def test_published_growth_rounds_each_year_to_the_yuan(tmp_path: Path) -> None:
    floor = "  floor: {monthly: {share: 1, of: average_wage, year: -1}}\n"
    rules = load_rules(rules_with(tmp_path, floor, published="{2025: 66000, growth: 0.05}"))
    # 2026: 66000 x 1.05 = 69300; 2027: 72765; 2028: 76403.25 -> 76403 (to the yuan);
    # 2029 pays 2028's: 76403 / 12 = 6366.9166... -> 6366.92 a month
    assert year_of(rules, worker(), year=2029)["W"].monthly_gross == D("6366.92")


def test_a_grade_and_a_component_as_shares(tmp_path: Path) -> None:
    text = (
        "  grades:\n    - {grade: 1, min_points: 0, monthly: {share: 0.5, of: average_wage}}\n"
        "  allowances: {title: {social_worker: {share: 0.1, of: average_wage}}}\n"
    )
    rules = load_rules(rules_with(tmp_path, text))
    f = pay(rules, [worker(title="social_worker")], as_of=dt.date(2025, 3, 1)).workers[0].figures
    # as of March 2025 (year 0, from January): 0.5 x 66000 / 12 = 2750.00 grade,
    # 0.1 x 66000 / 12 = 550.00 allowance, plus basic 3000: 6300.00
    assert f.monthly_base == D("2750.00")
    assert f.monthly_gross == D("6300.00")


# --------------------------------------------------------------------------- areas


def test_floor_by_area_and_an_area_the_floor_leaves_out(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, "  floor: {by: area, amounts: {city: 3500}}\n")
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "工号,站点,学历,职称,入职日期,区县\n"
        "W1,s1,bachelor,none,2020-01-01,主城区\n"
        "W2,s1,bachelor,none,2020-01-01,县城\n",
        "utf-8",
    )
    result = swplan("pay", roster, "--rules", rules, "--year", "2026", "-f", "json")
    assert result.code == 0, result.err
    rows = {r["id"]: r for r in result.json()["workers"]}
    # city: raised to 3500.00; county (written by its alias 县城): no floor there, 3000.00
    assert rows["W1"]["monthly_gross"] == "3500.00"
    assert rows["W2"]["monthly_gross"] == "3000.00"
    assert rows["W2"]["breakdown"]["area"] == "county"
    assert rows["W2"]["breakdown"]["floor"]["monthly"] is None
    assert (
        "note: area 'county' has no amount in pay.floor[0]: its workers (1) get 0 there, no floor"
    ) in result.err


def test_no_area_under_a_floor_by_area_is_an_error_at_the_row(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, "  floor: {by: area, amounts: {city: 3500}}\n")
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "工号,站点,学历,职称,入职日期,地区\nW1,s1,bachelor,none,2020-01-01,\n", "utf-8"
    )
    result = swplan("pay", roster, "--rules", rules)
    assert result.code == 2
    assert result.err.strip() == (
        f"error: {roster}:2:6: area: no area, and pay.floor[0] pays by area; fill in the "
        "area, or give the site's area in the populations"
    )


def test_budget_takes_the_sites_area_for_workers_and_new_hires(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, "  floor: {by: area, amounts: {city: 3500, county: 3200}}\n")
    pops = tmp_path / "populations.csv"
    pops.write_text("id,name,地区,elderly\nA,甲,主城区,40\nB,乙,郊县,20\n", "utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,site,education,title,hired,area\n"
        "W1,A,bachelor,none,2020-01-01,\n"  # no area of their own: site A's, city
        "W2,B,bachelor,none,2020-01-01,city\n",  # their own area wins: city
        "utf-8",
    )
    result = swplan("budget", pops, roster, "--rules", rules, "--year", "2026", "-f", "json")
    assert result.code == 0, result.err
    lines = {line["item"]: line["amount"] for line in result.json()["lines"]}
    # W1 and W2 both at 3500 (city): contributions on the base floor, 400 a month each:
    # 2 x 12 x (3500 + 400) = 93600.00
    assert lines["current_staff"] == "93600.00"
    # site A needs 40 / 20 = 2 posts, has 1: one hire at A's city floor, 3500 + 400;
    # site B needs 1, has 1. New hires: 12 x 3900 = 46800.00
    assert lines["new_hires"] == "46800.00"


# --------------------------------------------------------------------------- service


def test_calendar_year_service_on_31_december_and_1_january(tmp_path: Path) -> None:
    rules = load_rules(
        rules_with(
            tmp_path,
            "  service: {count: calendar_year}\n",
            components="    seniority: {by: education, per_year: 15}\n",
        )
    )
    hired = worker(hired=dt.date(2024, 7, 1))
    # on 31 December 2025 the year completed on 1 July 2025 does not count yet: 0 years
    dec31 = pay(rules, [hired], as_of=dt.date(2025, 12, 31)).workers[0].figures
    assert (dec31.years, dec31.components["seniority"]) == (0, D("0.00"))
    # from 1 January 2026 it does: 1 year, 15.00 a month
    jan1 = pay(rules, [hired], as_of=dt.date(2026, 1, 1)).workers[0].figures
    assert (jan1.years, jan1.components["seniority"]) == (1, D("15.00"))
    # hired on 31 December: the year is full on the next 31 December and counts from the
    # 1 January after it; hired on 1 January: full on the next 1 January, counted that day
    dec = worker(hired=dt.date(2024, 12, 31))
    assert pay(rules, [dec], as_of=dt.date(2025, 12, 31)).workers[0].figures.years == 0
    assert pay(rules, [dec], as_of=dt.date(2026, 1, 1)).workers[0].figures.years == 1
    jan = worker(hired=dt.date(2025, 1, 1))
    assert pay(rules, [jan], as_of=dt.date(2025, 12, 31)).workers[0].figures.years == 0
    assert pay(rules, [jan], as_of=dt.date(2026, 1, 1)).workers[0].figures.years == 1
    # hired 2025-07-01: counted by anniversary the year would count from July 2026;
    # counted by calendar year it counts from 1 January 2027: none in 2026
    late = year_of(rules, worker(hired=dt.date(2025, 7, 1)))["W"]
    assert late.annual_salary == D("36000.00")  # 12 x 3000, no seniority
    assert year_of(rules, worker(hired=dt.date(2025, 7, 1)), year=2027)["W"].years == 1


# --------------------------------------------------------------------------- certificates


def test_title_since_on_the_1st_and_on_the_31st(tmp_path: Path) -> None:
    allowances = "  allowances: {title: {assistant_social_worker: 100, social_worker: 300}}\n"
    rules = load_rules(rules_with(tmp_path, allowances))
    first = worker("F", title="social_worker", title_since=dt.date(2026, 3, 1))
    last = worker("L", title="social_worker", title_since=dt.date(2026, 3, 31))
    f = year_of(rules, first, last)
    # both hold the title from the first month that starts after the date: April.
    # Until then the rung below on the ladder, assistant_social_worker (100):
    # 3 x 3100 + 9 x 3300 = 9300 + 29700 = 39000.00
    for who in ("F", "L"):
        assert month_gross(f[who]) == [D("3100.00")] * 3 + [D("3300.00")] * 9
        assert f[who].annual_salary == D("39000.00")
    # the run rate on a day: still the assistant's in March, the title's in April
    march = pay(rules, [first], as_of=dt.date(2026, 3, 31)).workers[0].figures
    april = pay(rules, [first], as_of=dt.date(2026, 4, 1)).workers[0].figures
    assert (march.title, march.own_title, march.monthly_gross) == (
        "assistant_social_worker",
        "social_worker",
        D("3100.00"),
    )
    assert (april.title, april.monthly_gross) == ("social_worker", D("3300.00"))


def test_a_certificate_allowance_runs_out_mid_year(tmp_path: Path) -> None:
    cert = "    cert: {by: title, amounts: {social_worker: 150}, for_months: 36}\n"
    path = rules_with(tmp_path, components=cert)
    rules = load_rules(path)
    w = worker(title="social_worker", title_since=dt.date(2023, 4, 10))
    f = year_of(rules, w)["W"]
    # 36 months from May 2023 (the month after 2023-04-10): May 2023 to April 2026.
    # 2026: January-April 3150.00, May-December 3000.00; 4 x 150 = 600.00 of allowance
    assert month_gross(f) == [D("3150.00")] * 4 + [D("3000.00")] * 8
    assert f.annual_salary == D("36600.00")
    # without title_since it is paid every month, and a note says so
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,site,education,title,hired,title_since\n"
        "W1,s1,bachelor,social_worker,2020-01-01,2023-04-10\n"
        "W2,s1,bachelor,social_worker,2020-01-01,\n",
        "utf-8",
    )
    result = swplan("pay", roster, "--rules", path, "--year", "2026", "-f", "json")
    rows = {r["id"]: r for r in result.json()["workers"]}
    assert rows["W1"]["annual_salary"] == "36600.00"
    assert rows["W2"]["annual_salary"] == "37800.00"  # 12 x 3150
    assert (
        "note: 1 workers have no title_since: pay.components.cert, paid for some months "
        "after it, is paid them every month"
    ) in result.err


# --------------------------------------------------------------------------- part-year


@pytest.mark.parametrize(
    ("hired", "paid", "extra", "bonus"),
    [
        # hired 15 November: paid December only, n = 1: 3000 x 1/12 = 250.00 each
        (dt.date(2026, 11, 15), 1, D("250.00"), D("250.00")),
        # hired 10 March: paid April-December, n = 9: 3000 x 9/12 = 2250.00 each
        (dt.date(2026, 3, 10), 9, D("2250.00"), D("2250.00")),
        # hired before the year: paid in full
        (dt.date(2020, 1, 1), 12, D("3000.00"), D("3000.00")),
    ],
)
def test_a_part_year_worker_prorated(
    tmp_path: Path, hired: dt.date, paid: int, extra: Decimal, bonus: Decimal
) -> None:
    text = (
        "  months_per_year: 13\n"
        "  performance_bonus: {months: {pass: 1}, of: [basic]}\n"
        "  prorate: {extra_months: true, bonus: true}\n"
    )
    rules = load_rules(rules_with(tmp_path, text))
    f = year_of(rules, worker(hired=hired))["W"]
    assert f.annual_salary == paid * D("3000.00") + extra
    assert f.annual_bonus == bonus
    # contributions: the base floor 4000 x 10 % = 400.00 a month paid
    assert f.annual_contributions == paid * D("400.00")


def test_without_prorate_a_november_hire_gets_the_13th_month_in_full(tmp_path: Path) -> None:
    text = "  months_per_year: 13\n  performance_bonus: {months: {pass: 1}, of: [basic]}\n"
    rules = load_rules(rules_with(tmp_path, text))
    f = year_of(rules, worker(hired=dt.date(2026, 11, 15)))["W"]
    # December 3000 + the 13th month 3000 = 6000.00; the bonus 3000.00 in full
    assert (f.annual_salary, f.annual_bonus) == (D("6000.00"), D("3000.00"))


# --------------------------------------------------------------------------- presets


def test_changzhou_preset_published_figures(tmp_path: Path) -> None:
    from swplan.io.rules_file import load_builtin

    rules = load_builtin("changzhou-2011")
    assert rules.published["average_wage"] == {"2010": D("43750.00")}
    anyone = worker(hired=dt.date(2009, 3, 1))
    f = year_of(rules, anyone, year=2011)["W"]
    # no floor before July 2011, and the preset has no pay scale of its own: 0.00.
    # From July, 80 % of 2010's average wage: 0.8 x 43750 / 12 = 2916.666... -> 2916.67
    # a month, the notice's 3.5 万元 a year (12 x 2916.67 = 35000.04, the rounding of
    # twelve months). July-December: 6 x 2916.67 = 17500.02
    assert month_gross(f) == [D("0.00")] * 6 + [D("2916.67")] * 6
    assert f.annual_cost == D("17500.02")
    # January-June 2012 are still the 2011 standard (2010's figure); July 2012 needs
    # 2011's, which the notice does not give: an error naming the year
    with pytest.raises(InputError, match="no figure for 2011"):
        pay(rules, [anyone], year=2012)
    # a district that adds 2011's figure and its own pension rate of 20 %: from July 2012
    # 90 % of 49000 / 12 = 3675.00 counts pay and pension together: the least gross g
    # with g + round(0.2 g) >= 3675 is 3062.50 (+ 612.50); January-June 2012, 2916.67:
    # 2430.56 + 486.11 = 2916.67 (2430.55 + 486.11 falls a fen short)
    district = tmp_path / "district.yaml"
    district.write_text(
        "extends: changzhou-2011\nname: 天宁区\n"
        "published: {average_wage: {2011: 49000}}\n"
        "pay: {contributions: {base: {floor: 0, ceiling: 100000}, rates: {pension: 0.2}}}\n",
        "utf-8",
    )
    g = year_of(load_rules(district), anyone, year=2012)["W"]
    assert month_gross(g) == [D("2430.56")] * 6 + [D("3062.50")] * 6
    assert g.components["floor"] == D("3062.50")  # no pay scale: the floor is all of it


def test_shaanxi_preset_published_figures() -> None:
    from swplan.io.rules_file import load_builtin

    rules = load_builtin("shaanxi-2015")

    def monthly(education: str, title: str, post: str | None = None, hired: Any = None) -> Any:
        w = Worker("S", "s", education, title, post=post, hired=hired or dt.date(2015, 10, 1))
        return pay(rules, [w], year=2017).workers[0].figures

    # 基础报酬 1000 / 1300 / 1800 by education, 工作补贴 700, 生活补贴 500, 职称补贴 100 /
    # 200 / 300, and 年限报酬 15 a full year from the next 1 January: hired 2015-10-01,
    # the year full on 2016-10-01 counts from 2017-01-01 (1 year in all of 2017).
    assert monthly("associate", "assistant_social_worker").monthly_gross == D("2315.00")
    assert monthly("bachelor", "social_worker").monthly_gross == D("2715.00")
    assert monthly("master", "senior_social_worker").monthly_gross == D("3315.00")
    assert monthly("doctorate", "none").monthly_gross == D("3015.00")
    # 居委会 posts add 1100 / 800 / 600
    assert monthly("bachelor", "none", "director").monthly_gross == D("3615.00")
    assert monthly("bachelor", "none", "deputy").monthly_gross == D("3315.00")
    assert monthly("bachelor", "none", "member").monthly_gross == D("3115.00")
    # 2017 costed month by month: 12 x 2715 = 32580.00 (by anniversary the year would
    # pay 15 more from October, 32625.00); no contributions in the notice
    f = monthly("bachelor", "social_worker")
    assert (f.annual_cost, f.annual_contributions) == (D("32580.00"), D("0.00"))
    # hired on 31 December 2016: no full year in 2017; the year full on 2017-12-31
    # counts from 1 January 2018: 1000 + 700 + 500 + 15 = 2215.00 all 2018
    late = Worker("L", "s", "associate", "none", hired=dt.date(2016, 12, 31))
    assert pay(rules, [late], year=2017).workers[0].figures.years == 0
    assert pay(rules, [late], year=2018).workers[0].figures.monthly_gross == D("2215.00")
