"""`swplan plan` counts alike workers together: it must never mix up who they are.

Workers with the same facts are costed and paid as one group, and a roster is held as
columns; these cases would go wrong if workers at different sites, or with different
hire dates, were taken for one another, or if ties stopped going by roster order.
All with tests/rules/v1-national.yaml: assistant_social_worker pays 1000, awards are
claimed within 365 days (a pass on 31 December is paid on 1 January).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from swplan.calc.plan import PlanRoster, PlanYear, plan
from swplan.calc.staffing import posts_required, required_posts
from swplan.io.rules_file import load_rules
from swplan.model import ExamPass, Site, Worker
from swplan.rules import Rules

V1 = load_rules(ROOT / "tests" / "rules" / "v1-national.yaml")


def rules_with(plan_: dict[str, Any], eligibility: dict[str, Any] | None = None) -> Rules:
    data = V1.model_dump()
    data["plan"] = {"years": 2, "hiring": "none", **plan_}
    if eligibility is not None:
        data["awards"]["eligibility"] = eligibility
    return Rules.model_validate(data)


def site(site_id: str, elderly: int) -> Site:
    return Site(site_id, None, "agency", {"elderly": elderly})


def worker(worker_id: str, site_id: str, **facts: Any) -> Worker:
    return Worker(
        id=worker_id, site=site_id, education="bachelor", title=facts.pop("title", "none"), **facts
    )


def years_of(rules: Rules, sites: list[Site], workers: list[Worker]) -> list[PlanYear]:
    result = plan([("s", rules)], sites, workers)
    # the same plan from the roster held as columns
    again = plan([("s", rules)], sites, PlanRoster(workers))
    assert again.scenarios[0].years == result.scenarios[0].years
    return result.scenarios[0].years


def test_alike_workers_at_two_sites_pass_over_the_district() -> None:
    # A and B: 20 elderly each (1 post); W1 at A and W2 at B with the same facts.
    # 2026-12-31: the district's passes are round-half-up(2 candidates x 0.5) = 1, not one
    # a site: A and B each have 1 x 0.5 = 0.5, whole part 0, remainder 0.5 each; the one
    # pass goes to the tie's earlier site, A: W1 passes, W2 does not.
    # 2027: certified 1; awards 1 x 1000.00.
    rules = rules_with({"certification": {"assistant_social_worker": "0.5"}})
    workers = [worker("W1", "A", years_of_service=5), worker("W2", "B", years_of_service=5)]
    y0, y1 = years_of(rules, [site("A", 20), site("B", 20)], workers)
    assert (y0.passes, y0.certified, y0.awards) == (1, 0, Decimal("0.00"))
    assert y0.pass_rate_applied == {"assistant_social_worker": Fraction(1, 2)}
    assert (y1.certified, y1.awards) == (1, Decimal("1000.00"))
    # in the other site order the pass is B's: W2's title, not W1's, is certified
    result = plan([("s", rules)], [site("B", 20), site("A", 20)], workers, by_site=True)
    sites_2027 = [r for r in result.scenarios[0].sites or () if r.year == 2027]
    assert [(r.site, r.awards) for r in sites_2027] == [
        ("B", Decimal("1000.00")),
        ("A", Decimal("0.00")),
    ]


def test_hire_dates_decide_who_passes_not_roster_order() -> None:
    # One site of 40 elderly (2 posts). W1 (first) hired 2020-09-01, W2 hired 2016-09-01.
    # round(2 x 0.5) = 1 pass: the longest-serving, W2 (10 years on 2026-12-31, W1 6).
    # Eligibility min_service_months 84: W2 has 123 months (2016-09 -> 2026-12), so its
    # award is paid in 2027: 1000.00; W1 (75 months) would have been ineligible: 0.00.
    rules = rules_with(
        {"certification": {"assistant_social_worker": "0.5"}}, {"min_service_months": 84}
    )
    workers = [
        worker("W1", "A", hired=dt.date(2020, 9, 1)),
        worker("W2", "A", hired=dt.date(2016, 9, 1)),
    ]
    y0, y1 = years_of(rules, [site("A", 40)], workers)
    assert y0.passes == 1
    assert (y1.certified, y1.awards) == (1, Decimal("1000.00"))


@pytest.mark.parametrize(
    ("first", "awards"),
    [
        ("good", Decimal("1000.00")),  # W1 (good) passes: eligible
        ("pass", Decimal("0.00")),  # W1 (pass) passes: below min_performance good
    ],
)
def test_a_tie_in_service_passes_the_first_in_roster_order(first: str, awards: Decimal) -> None:
    # Two workers at one site, both 3 years of service, one rated good and one pass.
    # round(2 x 0.5) = 1 pass; equal seniority -> the first in roster order (W1).
    rules = rules_with(
        {"certification": {"assistant_social_worker": "0.5"}}, {"min_performance": "good"}
    )
    other = "pass" if first == "good" else "good"
    workers = [
        worker("W1", "A", years_of_service=3, performance=first),
        worker("W2", "A", years_of_service=3, performance=other),
    ]
    _, y1 = years_of(rules, [site("A", 40)], workers)
    assert y1.awards == awards


@pytest.mark.parametrize(
    ("titles", "certified"),
    [
        (("assistant_social_worker", "none"), 1),  # W2 (none) leaves: W1 certified stays
        (("none", "assistant_social_worker"), 0),  # W2 (certified) leaves
    ],
)
def test_a_tie_in_service_loses_the_last_in_roster_order(
    titles: tuple[str, str], certified: int
) -> None:
    # Two workers at one site, both 3 years of service; attrition 0.5:
    # round(2 x 0.5) = 1 leaver at 2026-12-31, equal seniority -> the last in roster order.
    rules = rules_with({"attrition": "0.5"})
    workers = [
        worker("W1", "A", years_of_service=3, title=titles[0]),
        worker("W2", "A", years_of_service=3, title=titles[1]),
    ]
    y0, y1 = years_of(rules, [site("A", 40)], workers)
    assert (y0.leavers, y0.certified) == (1, 1)
    assert (y1.workers, y1.certified) == (1, certified)


def test_planned_hires_pass_with_the_district() -> None:
    # 60 elderly at A: 3 posts, no roster: 3 hires on 2026-01-01 (bachelor, none), alike;
    # R1 at B (20 elderly, 1 post) with the hires' very facts (hired 2026-01-01).
    # 2026-12-31: round-half-up(4 candidates x 0.5) = 2 passes. A: 3 x 0.5 = 1.5, whole 1,
    # remainder 0.5; B: 1 x 0.5 = 0.5, whole 0, remainder 0.5; the one left goes to the
    # tie's earlier site, A: A passes 2 of its hires, B nobody.
    # 2027: certified 2; awards 2 x 1000.00 = 2000.00; workers 3 + 1 = 4.
    rules = rules_with({"certification": {"assistant_social_worker": "0.5"}, "hiring": "fill"})
    workers = [worker("R1", "B", hired=dt.date(2026, 1, 1))]
    y0, y1 = years_of(rules, [site("A", 60), site("B", 20)], workers)
    assert (y0.hires, y0.workers, y0.passes) == (3, 4, 2)
    assert (y1.workers, y1.certified, y1.awards) == (4, 2, Decimal("2000.00"))


def test_scenarios_differing_only_in_pay_share_a_workforce_but_not_its_cost() -> None:
    # A 5 % pay rise changes the cost of 2027, never its workers or awards.
    base = rules_with({"certification": {"assistant_social_worker": "0.5"}, "attrition": "0.5"})
    risen = rules_with(
        {
            "certification": {"assistant_social_worker": "0.5"},
            "attrition": "0.5",
            "pay_rise": "0.05",
        }
    )
    workers = [worker(f"W{i}", "A", years_of_service=i) for i in range(1, 5)]
    result = plan([("base", base), ("risen", risen)], [site("A", 80)], workers)
    a, b = (s.years for s in result.scenarios)
    assert [(y.workers, y.leavers, y.certified, y.awards) for y in a] == [
        (y.workers, y.leavers, y.certified, y.awards) for y in b
    ]
    assert a[0].staff_cost == b[0].staff_cost  # k = 0: no rise yet
    assert b[1].staff_cost > a[1].staff_cost


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from([None, "urban_community", "agency"]),
    st.dictionaries(
        st.sampled_from(list(V1.categories)), st.integers(-3, 130), max_size=len(V1.categories)
    ),
)
def test_posts_required_is_site_posts_required(kind: str | None, clients: dict[str, int]) -> None:
    sites = [Site("S", None, kind, clients)]
    assert posts_required(V1)(kind, clients) == required_posts(V1, sites).sites[0].required


def test_a_roster_with_exams_of_its_own_and_no_passes_file() -> None:
    # W1's own pass of 2025-06-30 is 185 days old on 2026-01-01 (within 365): 1000.00 due.
    exams = (ExamPass("W1", "assistant_social_worker", dt.date(2025, 6, 30)),)
    workers = [worker("W1", "A", years_of_service=3, title="assistant_social_worker", exams=exams)]
    y0, _ = years_of(rules_with({}), [site("A", 20)], workers)
    assert y0.awards == Decimal("1000.00")
