"""The two money calls of a plan: the cost of a calendar year for workers with given
pay facts (`year_cost`), and the awards a budget of the plan's first year pays
(`first_year_awards`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ..model import ExamPass, LedgerRow, Worker
from ..money import ZERO
from ..rules import Rules
from .awards import AwardsResult
from .awards import awards as compute_awards
from .pay import MONEY_FIELDS, YearCosting
from .plan_roster import PlanRoster

# education, title, performance, post, hired, years_of_service (that year's figure),
# years_not_counted; a plan that knows them may add the area and title_since (see
# `YearCosting.where`)
PayFacts = tuple[str, str, str | None, str | None, dt.date | None, int | None, int]


_ANNUAL_COST = MONEY_FIELDS.index("annual_cost")

Bases = dict[tuple[dt.date | None, int | None], tuple[tuple[int, ...], int]]
Years = dict[tuple[str, tuple[int, ...], int], tuple[int, ...]]
# per `YearCosting.service_key`: each (hired, years given)'s base years of each month
# and first month paid, and each (education, base years, years not counted)'s years
YearsMemo = dict[tuple[object, ...], tuple[Bases, Years]]


def _years_of(costing: YearCosting, memo: YearsMemo | None) -> tuple[Bases, Years]:
    """The base years and years already worked out for costings like `costing` (the
    same year and service rules: another scenario of the plan), to add to."""
    if memo is None:
        return {}, {}
    return memo.setdefault(costing.service_key(), ({}, {}))


def _years(
    costing: YearCosting, known: tuple[Bases, Years], f: PayFacts
) -> tuple[tuple[int, ...], int]:
    """The years of each month and the first month paid of a worker with facts `f`,
    each hiring day's and each (education, base years)'s worked out once (`known`)."""
    bases_of, years_of = known
    education, _, _, _, hired, given, not_counted = f[:7]
    bases = bases_of.get((hired, given))
    if bases is None:
        bases = bases_of[(hired, given)] = costing.base_years(hired, given)
    key = (education, bases[0], not_counted)
    years = years_of.get(key)
    if years is None:
        years = years_of[key] = costing.years(education, bases[0], not_counted)
    return years, bases[1]


def unit_costs(
    rules: Rules,
    year: int,
    facts: Iterable[PayFacts],
    known: dict[tuple[object, ...], Decimal] | None = None,
    memo: YearsMemo | None = None,
) -> dict[PayFacts, Decimal]:
    """The cost of calendar year `year` under `rules` of one worker with each set of
    facts (as `year_cost` costs them), for the staff cost of each site."""
    costing = YearCosting(rules, year)
    found = _years_of(costing, memo)
    if known is None:
        known = {}
    out: dict[PayFacts, Decimal] = {}
    for f in facts:
        years, first = _years(costing, found, f)
        profile = (*f[:4], years, first)
        cost = known.get(profile)
        if cost is None:
            cost = known[profile] = costing.annual_cost(profile)
        out[f] = cost
    return out


def year_cost(
    rules: Rules,
    year: int,
    facts: Mapping[PayFacts, int],
    known: dict[tuple[object, ...], Decimal] | None = None,
    memo: YearsMemo | None = None,
) -> Decimal:
    """The cost of calendar year `year` under `rules` of `count` workers with each set of facts.

    The cost of a year as `pay --year` and `budget` have it: month by month, each month
    under the rules in force on its first day, a worker hired during the year paid
    from the first month that starts on or after `hired`. A worker's cost depends only
    on their pay facts, so each distinct set is costed once, times its count. `known`
    keeps the cost of each pay profile for another call with the same rules and year;
    `memo` each worker's years for another call with the same year and service rules.
    """
    costing = YearCosting(rules, year)
    found = _years_of(costing, memo)
    profiles: Counter[tuple[Any, ...]] = Counter()
    for f, count in facts.items():
        years, first = _years(costing, found, f)
        where = costing.where(*f[7:])  # the area and title_since, where the plan gives them
        profiles[(*f[:4], years, first, *where)] += count
    if known is None:
        known = {}
    total = ZERO
    for profile, count in profiles.items():
        cost = known.get(profile)
        if cost is None:
            cost = known[profile] = costing.annual_cost(profile)
        total += cost * count
    return total


def first_year_awards(
    rules: Rules,
    year: int,
    workers: Sequence[Worker] | PlanRoster,
    passes: Sequence[ExamPass],
    ledger: Sequence[LedgerRow],
) -> AwardsResult:
    """The awards a budget of `year` pays: the roster's and file's passes as of 1 January."""
    jan1 = dt.date(year, 1, 1)
    if not isinstance(workers, PlanRoster):
        return compute_awards(rules, workers, passes, ledger, jan1)
    # only the workers with exams of their own and those the passes name are needed
    roster = workers
    positions = roster.positions(p.worker_id for p in passes)
    needed = set(roster.with_exams)
    needed.update(positions.values())
    judged = [roster.worker(i) for i in sorted(needed)]
    # the ids the passes may name: those found, and the workers with exams of their own
    ids: Collection[str] = {*positions, *(w.id for w in roster.with_exams.values())}
    if any(p.worker_id not in positions for p in passes):
        ids = roster.positions()  # every id, for the message naming the closest
    return compute_awards(rules, judged, passes, ledger, jan1, roster_ids=ids)
