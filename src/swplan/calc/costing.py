"""The cost of a roster row by row, each distinct profile worked out once.

A worker's figures depend only on their profile: the facts (education, title,
rating, post) and the years of service on the day (or in each month) that counts.
`RosterCosting.key` gives a row's profile; `figures` and `money` work each profile
out once (`PayCalculator`, `YearCosting`). `Tally` counts workers per profile and
sums them exactly at the end; `SiteSums` is the one subtotal by site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from ..model import Facts, Service
from ..rules import Rules
from .pay import MONEY_FIELDS, PayCalculator, PayFigures, YearCosting, empty_totals

Key = tuple[Any, ...]
ANNUAL_COST_INDEX = MONEY_FIELDS.index("annual_cost")


class RosterCosting:
    """The pay rules of a run: the run rate on `as_of` (default: the rules' effective
    date), or with `year` the cost of that calendar year, month by month."""

    def __init__(self, rules: Rules, *, as_of: dt.date | None = None, year: int | None = None):
        self.rules = rules
        self.year = year
        self.costing: YearCosting | None = None
        if year is not None:
            self.costing = YearCosting(rules, year)
            self.as_of = dt.date(year, 12, 31)
            self.shown = rules.in_force(dt.date(year, 12, 1))  # the rules a row's figures follow
            self.calc = self.costing.calcs[-1]
        else:
            self.as_of = as_of or rules.effective
            self.shown = rules.in_force(self.as_of)
            self.calc = PayCalculator(self.shown)
        self.default_post = self.calc.default_post()
        self._keys: dict[tuple[Facts, Service], Key] = {}

    def key(self, facts: Facts, service: Service) -> Key:
        """The profile of a row: its facts, then the years on the day (or each month's
        years and the first month paid)."""
        pair = (facts, service)
        found = self._keys.get(pair)
        if found is None:
            found = self._keys[pair] = self._key(facts, service)
        return found

    def _key(self, facts: Facts, service: Service) -> Key:
        words = (facts.education, facts.title, facts.performance, facts.post or self.default_post)
        hired, given, not_counted = (
            service.hired,
            service.years_of_service,
            service.years_not_counted,
        )
        if self.costing is not None:
            bases, first = self.costing.base_years(hired, given)
            return (*words, self.costing.years(facts.education, bases, not_counted), first)
        base = self.calc.base_years(hired, given, self.as_of)
        return (*words, self.calc.service_years(facts.education, base, not_counted))

    def figures(self, key: Key) -> PayFigures:
        if self.costing is not None:
            return self.costing.cost(*key)
        return self.calc.figures(*key)

    def money(self, key: Key) -> tuple[Decimal, ...]:
        """The money fields (`MONEY_FIELDS`) of a profile."""
        if self.costing is not None:
            return self.costing.money(*key)
        return self.calc.figures(*key).money()


class Tally:
    """Workers counted per profile, and the exact sums of their money at the end."""

    def __init__(self, costing: RosterCosting) -> None:
        self.costing = costing
        self.counts: dict[Key, int] = {}

    def add(self, key: Key) -> None:
        counts = self.counts
        counts[key] = counts.get(key, 0) + 1

    @property
    def count(self) -> int:
        return sum(self.counts.values())

    def totals(self) -> dict[str, Decimal]:
        totals = empty_totals()
        for key, n in self.counts.items():
            for name, value in zip(MONEY_FIELDS, self.costing.money(key), strict=True):
                totals[name] += value * n
        return totals


class SiteSums:
    """Workers and money summed per site, in the order sites first appear."""

    def __init__(self) -> None:
        self.sites: dict[str, list[Any]] = {}

    def add(self, site: str, money: Iterable[Decimal]) -> None:
        sums = self.sites.get(site)
        if sums is None:
            sums = self.sites[site] = [0, *(Decimal(0) for _ in MONEY_FIELDS)]
        sums[0] += 1
        for i, value in enumerate(money, 1):
            sums[i] += value

    def groups(self) -> list[tuple[str, int, dict[str, Decimal]]]:
        """(site, workers, {money field: sum}) of each site."""
        return [
            (site, sums[0], dict(zip(MONEY_FIELDS, sums[1:], strict=True)))
            for site, sums in self.sites.items()
        ]

    def __len__(self) -> int:
        return len(self.sites)
