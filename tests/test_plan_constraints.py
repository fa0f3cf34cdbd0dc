"""`swplan plan` under the constraints a government sets: hires a year, a budget ceiling,
posts caps (编制数) — each alone and two together, worked by hand.

Rules: tests/rules/v1-national.yaml (national-v1). Every worker and every hire is a
bachelor with no title and 0 years: 2 points, grade 1, 4200.00 a month; contributions
672.00 + 336.00 + 21.00 + 8.40 + 294.00 = 1331.40; a year 50400.00 + 15976.80 = 66376.80,
and training 500.00: 66876.80 a year each. Sites are agencies (no minimum posts) of
elderly clients, one post per 20.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import V1_RULES, swplan

EACH = "66876.80"  # a worker's year: 66376.80 of pay and 500.00 of training


def district(
    tmp_path: Path,
    plan: str,
    sites: list[tuple[str, int, str]],
    workers: dict[str, int],
) -> list[Any]:
    """A rules file with `plan`, a populations CSV (id, elderly, posts_cap) and a roster
    with `workers[site]` workers at each site; the arguments of `swplan plan`."""
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        f"extends: national-v1\nname: constraints\neffective: 2026-01-01\nplan: {plan}\n",
        encoding="utf-8",
    )
    pops = tmp_path / "populations.csv"
    pops.write_text(
        "id,kind,elderly,编制数\n" + "".join(f"{s},agency,{n},{cap}\n" for s, n, cap in sites),
        encoding="utf-8",
    )
    roster = tmp_path / "roster.csv"
    rows = [f"{site}{i},{site},bachelor,none,0\n" for site, n in workers.items() for i in range(n)]
    roster.write_text("id,site,education,title,years_of_service\n" + "".join(rows), "utf-8")
    return [pops, roster, "--rules", rules, "--years", "1"]


def first_year(args: list[Any], *more: str) -> tuple[dict[str, Any], Any]:
    result = swplan("plan", *args, *more, "--format", "json", "--by", "site")
    assert result.code == 0, result.err
    data = result.json()
    scenario = data["scenarios"][0]
    hires = {row["site"]: row["hires"] for row in scenario["sites"]}
    return {**scenario["years"][0], "by_site": hires}, data


# A: 60 elderly -> 3 posts; B: 40 elderly -> 2 posts; nobody on the roster: gaps 3 and 2.
SITES = [("A", 60, ""), ("B", 40, "")]


def test_max_hires_alone(tmp_path: Path) -> None:
    # 3 hires at most. One at a time to the largest gap: A (3 -> 2); A and B tie at 2,
    # the earlier site, A (2 -> 1); then B has the largest gap (2 -> 1). Left: 1 + 1.
    year, _ = first_year(district(tmp_path, "{max_hires_per_year: 3}", SITES, {}))
    assert (year["hires"], year["by_site"]) == (3, {"A": 2, "B": 1})
    assert (year["shortage"], year["hires_cut"], year["binding"]) == (2, 2, ["max_hires"])
    assert year["total"] == "200630.40"  # 3 x 66876.80


def test_budget_ceiling_alone(tmp_path: Path) -> None:
    # 200000.00 a year: 2 hires cost 133753.60; a third would make 200630.40, above the
    # ceiling, so it is not made. The two go to A (gap 3), then A again (A and B at 2: A).
    year, _ = first_year(district(tmp_path, "{budget_ceiling: 200000}", SITES, {}))
    assert (year["hires"], year["by_site"]) == (2, {"A": 2, "B": 0})
    assert (year["total"], year["hires_cut"], year["binding"]) == (
        "133753.60",
        3,
        ["budget_ceiling"],
    )


def test_a_ceiling_exactly_met_takes_the_hire(tmp_path: Path) -> None:
    # the ceiling is the year's total it may reach: 3 x 66876.80 = 200630.40 is allowed
    year, _ = first_year(district(tmp_path, "{budget_ceiling: 200630.40}", SITES, {}))
    assert (year["hires"], year["total"], year["binding"]) == (3, "200630.40", ["budget_ceiling"])


def test_current_staff_above_the_ceiling_hire_no_one_and_say_so(tmp_path: Path) -> None:
    # 4 workers at A (3 posts) cost 4 x 66876.80 = 267507.20 > 200000.00: B's 2 posts stay
    # empty, and a warning says why
    args = district(tmp_path, "{budget_ceiling: 200000}", SITES, {"A": 4})
    year, data = first_year(args)
    assert (year["hires"], year["total"], year["shortage"]) == (0, "267507.20", 2)
    assert year["binding"] == ["budget_ceiling"]
    warning = (
        "scenario baseline, 2026: the current staff alone cost more than the budget ceiling, "
        "so no one is hired"
    )
    assert data["warnings"] == [warning]
    zh = swplan("plan", *args, "--lang", "zh", "--format", "csv")
    assert "注意：方案 baseline，2026 年：现有人员费用已超过预算上限，不再招聘" in zh.err


def test_posts_cap_alone(tmp_path: Path) -> None:
    # A may have 1 worker (编制数 1): it hires 1 and keeps a gap of 2 at its cap; B fills.
    sites = [("A", 60, "1"), ("B", 40, "")]
    year, _ = first_year(district(tmp_path, "{}", sites, {}))
    assert (year["hires"], year["by_site"]) == (3, {"A": 1, "B": 2})
    assert (year["shortage"], year["hires_cut"], year["binding"]) == (2, 2, ["posts_cap"])


def test_a_site_above_its_cap_keeps_its_workers(tmp_path: Path) -> None:
    # A has 3 workers and a cap of 2: hires are cut, never workers; A is not short
    sites = [("A", 60, "2"), ("B", 40, "")]
    year, _ = first_year(district(tmp_path, "{}", sites, {"A": 3}))
    assert (year["workers_start"], year["hires"], year["by_site"]) == (3, 2, {"A": 0, "B": 2})
    assert (year["shortage"], year["binding"]) == (0, [])


def test_max_hires_and_posts_cap_together(tmp_path: Path) -> None:
    # 2 hires at most; A capped at 1. A (gap 3) takes the first and is at its cap with a
    # gap of 2; B (gap 2) the second, and keeps a gap of 1 below its cap.
    sites = [("A", 60, "1"), ("B", 40, "")]
    year, _ = first_year(district(tmp_path, "{max_hires_per_year: 2}", sites, {}))
    assert (year["hires"], year["by_site"]) == (2, {"A": 1, "B": 1})
    assert (year["hires_cut"], year["binding"]) == (3, ["max_hires", "posts_cap"])


def test_budget_ceiling_and_posts_cap_together(tmp_path: Path) -> None:
    # A capped at 1 leaves room for 3 hires (A 1, B 2); 150000.00 pays for 2 (133753.60):
    # A (gap 3) then B (gap 2).
    sites = [("A", 60, "1"), ("B", 40, "")]
    year, _ = first_year(district(tmp_path, "{budget_ceiling: 150000}", sites, {}))
    assert (year["hires"], year["by_site"], year["total"]) == (2, {"A": 1, "B": 1}, "133753.60")
    assert year["binding"] == ["budget_ceiling", "posts_cap"]


def test_hiring_none_cuts_nothing(tmp_path: Path) -> None:
    # hires_cut is what a constraint left unfilled: 0 when the plan hires no one
    year, _ = first_year(district(tmp_path, "{hiring: none, max_hires_per_year: 1}", SITES, {}))
    assert (year["hires"], year["shortage"], year["hires_cut"], year["binding"]) == (0, 5, 0, [])


@pytest.mark.parametrize(
    ("plan", "problem"),
    [
        ("{max_hires_per_year: -1}", "plan.max_hires_per_year: '-1' is negative"),
        ("{budget_ceiling: lots}", "plan.budget_ceiling: "),
    ],
)
def test_a_bad_constraint_is_bad_rules(tmp_path: Path, plan: str, problem: str) -> None:
    result = swplan("plan", *district(tmp_path, plan, SITES, {}))
    assert result.code == 2 and result.out == ""
    assert problem in result.err


def test_a_constraint_in_the_scenarios_file(tmp_path: Path) -> None:
    """The most asked question: how many can we hire under this ceiling, and what
    shortage is left — one scenario per ceiling, side by side."""
    args = district(tmp_path, "{}", SITES, {})
    scenarios = tmp_path / "scenarios.yaml"
    scenarios.write_text(
        "scenarios:\n"
        "  baseline: {}\n"
        "  ceiling_200k: {plan: {budget_ceiling: 200000}}\n"
        "  ceiling_140k: {plan: {budget_ceiling: 140000}}\n",
        encoding="utf-8",
    )
    result = swplan("plan", *args, "--scenarios", scenarios, "--format", "json")
    assert result.code == 0, result.err
    years = [s["years"][0] for s in result.json()["scenarios"]]
    # 5 hires; 2 (133753.60 <= 200000 < 200630.40); 2 (133753.60 <= 140000)
    assert [(y["hires"], y["hires_cut"]) for y in years] == [(5, 0), (2, 3), (2, 3)]
    assert V1_RULES.exists()
