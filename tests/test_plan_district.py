"""`swplan plan` as a district planner checks it, worked by hand: leavers and passes
shared over the district (a tie in remainders), sites that open and close, per-site
growth, residents and workers per 10,000, assumptions that change by year, targets
per scenario, labels, `--by site`.

Rules: tests/rules/v1-national.yaml (national-v1): assistant_social_worker pays 1000.00,
claimed within 365 days (a pass of 31 December is paid on 1 January).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from conftest import swplan

SUMMED = ("clients", "required", "workers_start", "hires", "workers", "leavers", "shortage")
MONEY = ("staff_cost", "awards", "training", "total")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rules(tmp_path: Path, plan: str) -> Path:
    return write(
        tmp_path,
        "rules.yaml",
        f"extends: national-v1\nname: district\neffective: 2026-01-01\nplan:\n{plan}",
    )


def run(*args: Any) -> dict[str, Any]:
    result = swplan("plan", *args, "--format", "json")
    assert result.code == 0, result.err
    data: dict[str, Any] = result.json()
    return data


def assert_sites_sum_to_years(scenario: dict[str, Any]) -> None:
    """Each year's sites add up to the year: the counts and the money to the fen."""
    for year in scenario["years"]:
        rows = [r for r in scenario["sites"] if r["year"] == year["year"]]
        for key in SUMMED:
            assert sum(r[key] for r in rows) == year[key], (year["year"], key)
        for key in MONEY:
            assert sum(Decimal(r[key]) for r in rows) == Decimal(year[key]), (year["year"], key)


# --------------------------------------------------------------------------- apportionment


def test_leavers_and_passes_are_shared_over_the_district(tmp_path: Path) -> None:
    # Sites a and b with 5 workers each, c with 3; all title none, years of service
    # a: 1-5, b: 1-5, c: 1-3 (given). Attrition 0.1, assistant passes 0.3, no hiring.
    #
    # Passes (first): round-half-up(13 x 0.3 = 3.9) = 4 in the district.
    #   a: 5 x 0.3 = 1.5 -> 1, remainder 0.5; b: 1.5 -> 1, remainder 0.5; c: 0.9 -> 0,
    #   remainder 0.9. 2 are left: c (0.9), then the tie at 0.5 goes to the earlier site, a.
    #   a: 2 (its longest-serving, a5 and a4), b: 1 (b5), c: 1 (c3). Applied 4 / 13 = 0.3077.
    #   (Rounded site by site: 2 + 2 + 1 = 5 passes, 38 %.)
    # Leavers: round-half-up(13 x 0.1 = 1.3) = 1. a 0.5, b 0.5, c 0.3: the tie goes to a;
    #   its shortest-serving, a1, leaves. Applied 1 / 13 = 0.0769.
    #   (Rounded site by site: a 1, b 1, c 0 = 2 leavers, 15 %.)
    sites = "id,kind,elderly\na,agency,100\nb,agency,100\nc,agency,60\n"
    roster = "id,site,education,title,years_of_service\n" + "".join(
        f"{s}{i},{s},bachelor,none,{i}\n"
        for s, n in (("a", 5), ("b", 5), ("c", 3))
        for i in range(1, n + 1)
    )
    args = [
        write(tmp_path, "populations.csv", sites),
        write(tmp_path, "roster.csv", roster),
        "--rules",
        rules(
            tmp_path,
            "  years: 2\n  hiring: none\n  attrition: 0.1\n"
            "  certification: {assistant_social_worker: 0.3}\n",
        ),
    ]
    data = run(*args, "--by", "site")
    (scenario,) = data["scenarios"]
    y0, y1 = scenario["years"]
    assert (y0["leavers"], y0["attrition_applied"]) == (1, "0.0769")
    assert y0["pass_rate_applied"] == {"assistant_social_worker": "0.3077"}
    # 2027: 12 workers; the 4 who passed are certified and paid 4 x 1000.00
    assert (y1["workers_start"], y1["certified"], y1["awards"]) == (12, 4, "4000.00")
    leavers = {r["site"]: r["leavers"] for r in scenario["sites"] if r["year"] == 2026}
    awards = {r["site"]: r["awards"] for r in scenario["sites"] if r["year"] == 2027}
    assert leavers == {"a": 1, "b": 0, "c": 0}
    assert awards == {"a": "2000.00", "b": "1000.00", "c": "1000.00"}
    assert_sites_sum_to_years(scenario)
    table = swplan("plan", *args, "--lang", "zh")
    assert "比率与约束" in table.out and "0.3077" in table.out


# --------------------------------------------------------------------------- open, close


def test_a_site_opening_and_one_closing(tmp_path: Path) -> None:
    # a: 40 elderly (2 posts), 20,000 residents; b: 20 (1 post), 10,000 residents, closes
    # in 2027; c: 20 elderly, 10,000 residents, opens in 2027, its own elderly growth 0.5.
    # W1, W2 at a and W3 at b, title none. Attrition 0.5; no hiring from 2028.
    pops = write(
        tmp_path,
        "populations.csv",
        "站点编号,类型,老年人,常住人口,开办年份,撤销年份,增长率.老年人\n"
        "a,agency,40,20000,,,\n"
        "b,agency,20,10000,,2027,\n"
        "c,agency,20,10000,2027,,0.5\n",
    )
    roster = write(
        tmp_path,
        "roster.csv",
        "id,site,education,title,years_of_service\n"
        "W1,a,bachelor,none,0\nW2,a,bachelor,none,0\nW3,b,bachelor,none,0\n",
    )
    plan = "  years: 3\n  attrition: 0.5\n  by_year: {2028: {hiring: none}}\n"
    data = run(pops, roster, "--rules", rules(tmp_path, plan), "--by", "site")
    scenario = data["scenarios"][0]
    y0, y1, y2 = scenario["years"]
    # 2026: a and b count (c opens in 2027): 60 clients, 3 posts, 3 workers.
    #   per 10,000 residents: 3 x 10,000 / 30,000 = 1.00
    #   31 December: b closes at the end of the year, so W3 leaves, and is no candidate:
    #   attrition round(2 x 0.5) = 1 of a's two: W1 and W2 tie, the later (W2) leaves.
    assert (y0["clients"], y0["required"], y0["workers"], y0["per_10k"]) == (60, 3, 3, "1.00")
    assert (y0["leavers"], y0["attrition_applied"]) == (2, "0.5000")
    # 2027: b is gone, c opens with the 20 clients its row gives (1 post): a hires 1, c 1.
    #   residents 20,000 + 10,000; 3 workers -> 1.00. Attrition round(3 x 0.5 = 1.5) = 2:
    #   a 2 x 0.5 = 1.0 -> 1; c 0.5 -> 0, remainder 0.5 -> the second. At a the hire (0 years
    #   on 31 December) leaves, not W1 (1 year); at c its hire.
    assert (y1["clients"], y1["required"], y1["workers_start"], y1["hires"]) == (60, 3, 1, 2)
    assert (y1["per_10k"], y1["leavers"], y1["attrition_applied"]) == ("1.00", 2, "0.6667")
    # 2028: c's clients grow at its own 0.5 from 2027: 30 -> 2 posts; a 2. No hiring: W1
    #   alone; shortage 1 + 2 = 3; hires cut 0 (nobody was to be hired).
    assert (y2["clients"], y2["required"], y2["workers"], y2["shortage"]) == (70, 4, 1, 3)
    assert (y2["hires_cut"], y2["per_10k"]) == (0, "0.33")  # 1 x 10,000 / 30,000
    rows = {(r["site"], r["year"]) for r in scenario["sites"]}
    assert rows == {("a", 2026), ("b", 2026), ("a", 2027), ("c", 2027), ("a", 2028), ("c", 2028)}
    assert_sites_sum_to_years(scenario)
    # the years each assumption held: hiring none from 2028
    assumed = scenario["assumptions"]
    assert [assumed[y]["hiring"] for y in ("2026", "2027", "2028")] == ["fill", "fill", "none"]


def test_a_worker_at_a_site_not_yet_open_is_an_error(tmp_path: Path) -> None:
    pops = write(tmp_path, "populations.csv", "id,kind,elderly,opens\na,agency,20,2028\n")
    roster = write(
        tmp_path,
        "roster.csv",
        "id,site,education,title,years_of_service\nW1,a,bachelor,none,0\n",
    )
    result = swplan("plan", pops, roster, "--rules", rules(tmp_path, "  years: 3\n"))
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"error: {pops}: 1 worker(s) (W1) at site 'a', which opens in 2028, after the plan's "
        "first year 2026: move them to an open site, or give the site an earlier opening year\n"
    )


# --------------------------------------------------------------------------- by year


def test_assumptions_that_change_by_year_compound_year_by_year(tmp_path: Path) -> None:
    # elderly growth 0.10 from 2027 and 0.20 from 2028: 100 -> 110 -> round(100 x 1.1 x
    # 1.2 = 132) (not 1.1^2 = 121 nor 1.2^2 = 144). A pay rise of 0.10 from 2027 only (0
    # again from 2028) leaves 2028's pay at x 1.1: grade 1 4200.00 x 1.1 = 4620.00.
    pops = write(
        tmp_path, "populations.yaml", "sites:\n  - {id: a, kind: agency, clients: {elderly: 100}}\n"
    )
    roster = write(
        tmp_path,
        "roster.yaml",
        "workers:\n  - {id: W1, site: a, education: secondary, title: none, years_of_service: 0}\n",
    )
    plan = (
        "  years: 3\n  hiring: none\n"
        "  by_year:\n"
        "    2027: {client_growth: {elderly: 0.10}, pay_rise: 0.10}\n"
        "    2028: {client_growth: {elderly: 0.20}, pay_rise: 0}\n"
    )
    data = run(pops, roster, "--rules", rules(tmp_path, plan))
    years = data["scenarios"][0]["years"]
    assert [y["clients"] for y in years] == [100, 110, 132]
    # W1, secondary, 0 points then 0.5 a year: grade 1 throughout.
    # 2027: 4620.00 a month; contributions 739.20 + 369.60 + 23.10 + 9.24 + 323.40 = 1464.54;
    #   12 x (4620.00 + 1464.54) = 73014.48. 2028: the same pay (no rise that year).
    assert [y["staff_cost"] for y in years] == ["66376.80", "73014.48", "73014.48"]


def test_a_scenario_overrides_one_year(tmp_path: Path) -> None:
    pops = write(
        tmp_path, "populations.yaml", "sites:\n  - {id: a, kind: agency, clients: {elderly: 100}}\n"
    )
    roster = write(tmp_path, "roster.yaml", "workers: []\n")
    plan = "  years: 3\n  by_year: {2027: {hiring: none}}\n"
    scenarios = write(
        tmp_path,
        "scenarios.yaml",
        "scenarios:\n"
        "  baseline: {}\n"
        "  freeze_later: {plan: {by_year: {2027: {hiring: fill}, 2028: {hiring: none}}}}\n",
    )
    data = run(pops, roster, "--rules", rules(tmp_path, plan), "--scenarios", scenarios)
    # baseline: 5 hires in 2026, none after; freeze_later: 2027 hires again (the entry
    # replaced), 2028 not. 100 elderly need 5 posts; nobody leaves, so 2027 has nothing
    # to fill either way: the years differ only in what was assumed.
    base, later = data["scenarios"]
    assert [y["hires"] for y in base["years"]] == [5, 0, 0]
    assert [later["assumptions"][y]["hiring"] for y in ("2026", "2027", "2028")] == [
        "fill",
        "fill",
        "none",
    ]
    assert [base["assumptions"][y]["hiring"] for y in ("2026", "2027", "2028")] == [
        "fill",
        "none",
        "none",
    ]


# --------------------------------------------------------------------------- targets, labels


def _two_scenarios(tmp_path: Path) -> list[Any]:
    pops = write(
        tmp_path,
        "populations.yaml",
        "sites:\n  - {id: a, kind: agency, clients: {elderly: 100}, residents: 25000}\n",
    )
    roster = write(tmp_path, "roster.yaml", "workers: []\n")
    scenarios = write(
        tmp_path,
        "scenarios.yaml",
        "scenarios:\n"
        "  baseline: {}\n"
        "  frozen:\n"
        "    label: {zh: 冻结招聘, en: Hiring frozen}\n"
        "    plan: {hiring: none}\n"
        "    targets: ['hires<=0@2026', 'shortage<=5@2026']\n",
    )
    return [pops, roster, "--rules", rules(tmp_path, "  years: 1\n"), "--scenarios", scenarios]


def test_targets_per_scenario(tmp_path: Path) -> None:
    args = _two_scenarios(tmp_path)
    # shortage<=0 holds in baseline (5 hires); frozen keeps its 5 empty posts, but the
    # target names baseline only; frozen's own targets are checked in frozen only.
    result = swplan("plan", *args, "--target", "shortage<=0@2026:baseline", "-f", "json")
    assert result.code == 0, result.err
    data = result.json()
    assert [(t["target"], t["scenario"], t["value"], t["ok"]) for t in data["targets"]] == [
        ("shortage<=0@2026:baseline", "baseline", 0, True),
        ("hires<=0@2026", "frozen", 0, True),
        ("shortage<=5@2026", "frozen", 5, True),
    ]
    # 5 workers per 25,000 residents: 2.00 per 10,000
    assert data["scenarios"][0]["years"][0]["per_10k"] == "2.00"
    assert [s["label"] for s in data["scenarios"]] == [
        {"zh": "基准方案", "en": "baseline"},
        {"zh": "冻结招聘", "en": "Hiring frozen"},
    ]
    # without the scenario, the target is checked in both, and fails in frozen: exit 1
    both = swplan("plan", *args, "--target", "shortage<=0@2026")
    assert both.code == 1
    assert both.err == "target failed: shortage<=0@2026 in scenario frozen (value 5)\n"
    assert "Scenario frozen (Hiring frozen; district)" in both.out
    zh = swplan("plan", *args, "--target", "shortage<=0@2026", "--lang", "zh")
    assert zh.err == "未达成目标：shortage<=0@2026，方案 frozen（实际值 5）\n"
    assert "方案 frozen（冻结招聘，district）" in zh.out


def test_a_target_naming_an_unknown_scenario_is_a_usage_error(tmp_path: Path) -> None:
    result = swplan("plan", *_two_scenarios(tmp_path), "--target", "shortage<=0@2026:frozn")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "error: --target: target 'shortage<=0@2026:frozn' names no scenario of the plan: "
        "'frozn' is not one of: baseline, frozen (did you mean 'frozen'?)\n"
    )


def test_a_bad_target_in_the_scenarios_file_is_at_its_line(tmp_path: Path) -> None:
    args = _two_scenarios(tmp_path)
    scenarios = args[-1]
    scenarios.write_text(
        scenarios.read_text(encoding="utf-8").replace("'hires<=0@2026'", "'hires<=0@2040'"),
        encoding="utf-8",
    )
    result = swplan("plan", *args)
    assert result.code == 2
    assert result.err == (
        f"error: {scenarios}:6:15: scenarios.frozen.targets[0]: target 'hires<=0@2040': 2040 "
        "is outside the plan, which covers 2026-2026; name a year of the plan or change "
        "--from/--years\n"
    )
    scenarios.write_text(
        scenarios.read_text(encoding="utf-8").replace("'hires<=0@2040'", "'hires=0@2026'"),
        encoding="utf-8",
    )
    result = swplan("plan", *args)
    assert result.code == 2
    assert result.err.startswith(f"error: {scenarios}:6:15: scenarios.frozen.targets[0]: ")
    assert "'hires=0@2026' is not a target" in result.err


def test_a_target_without_a_value_fails_and_says_why(tmp_path: Path) -> None:
    pops = write(
        tmp_path,
        "populations.yaml",
        "sites:\n"
        "  - {id: a, kind: agency, clients: {elderly: 100}, residents: 25000}\n"
        "  - {id: b, kind: agency, clients: {elderly: 20}}\n",
    )
    roster = write(tmp_path, "roster.yaml", "workers: []\n")
    args = [pops, roster, "--rules", rules(tmp_path, "  years: 1\n")]
    result = swplan("plan", *args, "--target", "per_10k>=1@2026", "--format", "json")
    assert result.code == 1
    (target,) = result.json()["targets"]
    why = (
        "no value in 2026: 1 site(s) counted that year have no residents (b); give the "
        "populations a residents column"
    )
    assert target == {
        "target": "per_10k>=1@2026",
        "scenario": "baseline",
        "value": None,
        "ok": False,
        "reason": why,
    }
    assert result.err == f"target failed: per_10k>=1@2026 in scenario baseline ({why})\n"


DISTRICT = Path(__file__).resolve().parent.parent / "examples" / "plan" / "district"


def test_the_workbook_by_site_holds_the_json_s_sites(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    args = [
        DISTRICT / "populations.csv",
        DISTRICT / "roster.csv",
        "--rules",
        DISTRICT / "rules.yaml",
        "--scenarios",
        DISTRICT / "scenarios.yaml",
        "--by",
        "site",
    ]
    data = run(*args)
    for scenario in data["scenarios"]:
        assert_sites_sum_to_years(scenario)
    out = tmp_path / "plan.xlsx"
    assert swplan("plan", *args, "--output", out, "--lang", "zh").code == 0
    book = load_workbook(out)
    assert book.sheetnames == ["对比", "基准方案", "frozen", "tight", "各站点", "目标"]
    # a title, the unit line, then the header
    rows = list(book["各站点"].iter_rows(values_only=True))[2:]
    assert rows[0][:4] == ("方案", "站点", "年度", "服务对象")
    expected = [
        # baseline is 基准方案 in Chinese; the user's own names stay as written
        (
            "基准方案" if s["name"] == "baseline" else s["name"],
            r["site"],
            r["year"],
            r["workers"],
            Decimal(r["total"]),
        )
        for s in data["scenarios"]
        for r in s["sites"]
    ]
    got = [(r[0], r[1], r[2], r[7], Decimal(str(r[13]))) for r in rows[1:]]
    assert got == expected
    # each scenario's sheet: the limits that cut, in Chinese
    cells = [c.value for c in book["tight"]["T"]]  # one exam: the 20th column
    assert cells[2] == "约束" and "预算上限、编制数" in cells
