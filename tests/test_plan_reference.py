"""Random plans against a reference written from the rules of a plan, one worker at a
time: hires made one by one to the largest gap (within the caps and the yearly limit),
passes and leavers shared over the district by the largest remainder, sites opening
and closing. And the properties a planner relies on: the applied rates are within one
worker of the stated ones, the sites sum to the district, no site passes its cap, no
year passes the budget ceiling unless its current staff alone do.

Rules: tests/rules/v1-national.yaml. Workers are given `years_of_service`, so their
years on 31 December of plan year k are that figure + k; a hire has k - (its year).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from conftest import V1_RULES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swplan.calc.plan import plan
from swplan.calc.staffing import required_posts
from swplan.io.rules_file import load_rules
from swplan.model import Site, Worker
from swplan.rules import Rules

V1 = load_rules(V1_RULES)
START = 2026
YEARS = 4
LADDER = ["assistant_social_worker", "social_worker", "senior_social_worker"]
TITLES = ["none", *LADDER]


def half_up(x: Fraction) -> int:
    return math.floor(x + Fraction(1, 2))


@dataclass
class W:
    order: int  # roster order, then hires in the order they were made
    site: int
    title: str
    given: int  # years on 31 December of the first year; a hire: minus its year's index

    def years(self, k: int) -> int:
        return self.given + k


def largest_remainder(counts: list[int], rate: Fraction) -> list[int]:
    """The district's round-half-up(sum x rate), by whole parts and then the largest
    remainders (ties: the earlier site), written the plain way."""
    total = half_up(sum(counts) * rate)
    quotas = [c * rate for c in counts]
    shares = [math.floor(q) for q in quotas]
    by_remainder = sorted(range(len(counts)), key=lambda i: (-(quotas[i] - shares[i]), i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def reference(rules: Rules, sites: list[Site], workers: list[Worker]) -> list[dict[str, Any]]:
    """Each year's counts, worker by worker."""
    p = rules.plan
    people = [
        W(i, [s.id for s in sites].index(w.site), w.title, w.years_of_service or 0)
        for i, w in enumerate(workers)
    ]
    order = len(people)
    out = []
    for k in range(YEARS):
        year = START + k
        counted = [s.counts_in(year) for s in sites]
        grown = []
        for s, on in zip(sites, counted, strict=True):
            first = max(START, s.opens or START)
            factor = (1 + Fraction(p.growth("elderly"))) ** (year - first)
            n = half_up(s.clients.get("elderly", 0) * factor) if on else 0
            grown.append(Site(s.id, None, s.kind, {"elderly": n}))
        posts = [
            r.required if on else 0
            for r, on in zip(required_posts(rules, grown).sites, counted, strict=True)
        ]
        at = [[w for w in people if w.site == i] for i in range(len(sites))]
        start = len(people)
        hires = 0
        while p.hiring == "fill" and (p.max_hires_per_year is None or hires < p.max_hires_per_year):
            open_ = [
                i
                for i, s in enumerate(sites)
                if posts[i] > len(at[i]) and (s.posts_cap is None or len(at[i]) < s.posts_cap)
            ]
            if not open_:
                break
            i = max(open_, key=lambda i: (posts[i] - len(at[i]), -i))
            w = W(order, i, "none", -k)
            order += 1
            people.append(w)
            at[i].append(w)
            hires += 1
        shortage = sum(max(0, posts[i] - len(at[i])) for i in range(len(sites)))
        certified = sum(w.title != "none" for w in people)
        workers_now = len(people)
        closing = [s.closes == year + 1 for s in sites]
        passes = 0
        for j in reversed(range(len(LADDER))):
            exam = LADDER[j]
            if exam not in p.certification:
                continue
            below = LADDER[j - 1] if j else "none"
            cands = [
                [] if closing[i] else [w for w in at[i] if w.title == below]
                for i in range(len(sites))
            ]
            shares = largest_remainder([len(c) for c in cands], Fraction(p.certification[exam]))
            for c, n in zip(cands, shares, strict=True):
                for w in sorted(c, key=lambda w: (-w.years(k), w.order))[:n]:
                    w.title = exam
                    passes += 1
        leaving = largest_remainder(
            [0 if closing[i] else len(at[i]) for i in range(len(sites))], Fraction(p.attrition)
        )
        gone = set()
        for i, n in enumerate(leaving):
            gone.update(w.order for w in sorted(at[i], key=lambda w: (w.years(k), -w.order))[:n])
            if closing[i]:
                gone.update(w.order for w in at[i])
        people = [w for w in people if w.order not in gone]
        out.append(
            {
                "at": [len(a) for a in at],  # each site's workers after hiring
                "workers_start": start,
                "hires": hires,
                "workers": workers_now,
                "shortage": shortage,
                "certified": certified,
                "passes": passes,
                "leavers": len(gone),
            }
        )
    return out


@st.composite
def districts(draw: Any) -> tuple[Rules, list[Site], list[Worker]]:
    sites = []
    for i in range(draw(st.integers(1, 5))):
        opens = draw(st.sampled_from([None, None, START + 1, START + 2]))
        closes = draw(st.sampled_from([None, None, START + 2, START + 3]))
        if opens is not None and closes is not None and closes <= opens:
            closes = None
        sites.append(
            Site(
                f"s{i}",
                None,
                "agency",
                {"elderly": draw(st.integers(0, 120))},
                residents=draw(st.sampled_from([None, 5000, 12000])),
                posts_cap=draw(st.sampled_from([None, None, 1, 3, 6])),
                opens=opens,
                closes=closes,
            )
        )
    open_now = [s.id for s in sites if s.counts_in(START)]
    workers = []
    for i in range(draw(st.integers(0, 25)) if open_now else 0):
        workers.append(
            Worker(
                id=f"W{i}",
                site=draw(st.sampled_from(open_now)),
                education="bachelor",
                title=draw(st.sampled_from(TITLES)),
                years_of_service=draw(st.integers(0, 30)),
            )
        )
    data = V1.model_dump()
    data["plan"] = {
        "years": YEARS,
        "attrition": draw(st.sampled_from(["0", "0.05", "0.08", "0.1", "0.25", "0.5", "1"])),
        "hiring": draw(st.sampled_from(["fill", "fill", "none"])),
        "max_hires_per_year": draw(st.sampled_from([None, None, 0, 1, 3, 7])),
        "client_growth": {"default": draw(st.sampled_from(["0", "0.05", "-0.2", "0.5"]))},
        "certification": {
            exam: draw(st.sampled_from(["0", "0.15", "0.25", "0.3", "0.5", "1"]))
            for exam in draw(st.sets(st.sampled_from(LADDER)))
        },
    }
    return Rules.model_validate(data), sites, workers


SETTINGS = settings(max_examples=35, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(districts())
def test_random_plans_match_the_reference(case: Any) -> None:
    rules, sites, workers = case
    result = plan([("s", rules)], sites, workers, by_site=True)
    scenario = result.scenarios[0]
    got = []
    for y in scenario.years:
        at = {r.site: r.workers for r in scenario.sites or () if r.year == y.year}
        got.append(
            {"at": [at.get(s.id, 0) for s in sites]}
            | {key: getattr(y, key) for key in ("workers_start", "hires", "workers", "shortage")}
            | {"certified": y.certified, "passes": y.passes, "leavers": y.leavers}
        )
    assert got == reference(rules, sites, workers)


@SETTINGS
@given(districts(), st.sampled_from([None, "150000", "400000", "900000"]))
def test_applied_rates_are_within_one_worker_of_the_stated(case: Any, ceiling: str | None) -> None:
    rules, sites, workers = case
    if ceiling is not None:
        data = rules.model_dump()
        data["plan"]["budget_ceiling"] = ceiling
        rules = Rules.model_validate(data)
    result = plan([("s", rules)], sites, workers, by_site=True)
    scenario = result.scenarios[0]
    stated = rules.plan
    # by site or not, the district's figures are the same
    assert plan([("s", rules)], sites, workers).scenarios[0].years == scenario.years
    for y in scenario.years:
        leaving, candidates = y.attrition_counts
        # round-half-up of the district's candidates x the rate: never a worker off
        assert abs(leaving - candidates * Fraction(stated.attrition)) <= Fraction(1, 2)
        if candidates:
            assert y.attrition_applied == Fraction(leaving, candidates)
        for exam, share in stated.certification.items():
            passed, of = y.pass_counts[exam]
            assert abs(passed - of * Fraction(share)) <= Fraction(1, 2)
        # the sites add up to the district's year, to the fen
        rows = [r for r in scenario.sites or () if r.year == y.year]
        for key in ("clients", "required", "hires", "workers", "leavers", "shortage"):
            assert sum(getattr(r, key) for r in rows) == getattr(y, key), key
        for key in ("staff_cost", "awards", "training", "total"):
            assert sum((getattr(r, key) for r in rows), Decimal(0)) == getattr(y, key), key
        # no site hires past its cap; no year hires past the ceiling or the limit
        caps = {s.id: s.posts_cap for s in sites}
        for r in rows:
            cap = caps.get(r.site)
            if r.hires and cap is not None:
                assert r.workers <= cap
        if ceiling is not None and y.hires:
            assert y.total <= Decimal(ceiling)
        if stated.max_hires_per_year is not None:
            assert y.hires <= stated.max_hires_per_year
        assert y.hires_cut == (y.shortage if stated.hiring == "fill" else 0)
