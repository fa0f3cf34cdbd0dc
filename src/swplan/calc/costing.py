"""The cost of a roster row by row, each distinct profile worked out once.

A worker's figures depend only on their profile: the facts (education, title,
rating, post) and the years of service on the day (or in each month) that counts.
`RosterCosting.key` gives a row's profile; `figures` and `money` work each profile
out once (`PayCalculator`, `YearCosting`). `Tally` counts workers per profile and
sums them exactly at the end; `SiteSums` is the one subtotal by site.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from ..messages import Msg
from ..model import Facts, Service
from ..rules import Rules
from .pay import (
    MONEY_FIELDS,
    PayCalculator,
    PayFigures,
    YearCosting,
    empty_totals,
    months_since,
    rules_on,
    window_month,
)
from .pay_notes import undated_windows, unpriced_areas, windowed_components

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
            self.calc = self.costing.calcs[-1]
            self.shown = self.calc.rules  # the rules a row's figures follow: December's
        else:
            self.as_of = as_of or rules.effective
            self.shown = rules_on(rules, self.as_of)
            self.calc = PayCalculator(self.shown)
        self.default_post = self.calc.default_post()
        # where pay depends on the area and on the month a title was obtained
        self.uses_area = rules.uses_area
        self.window = rules.longest_window
        # a key's length without the months since title_since and the area
        self._plain_length = 6 if year is not None else 5
        # profile number -> its key (the arguments of `figures`), and its money
        self.keys: list[Key] = []
        self._money: list[tuple[Decimal, ...] | None] = []
        # the parts of a profile, kept per distinct facts and service object (a reader
        # gives one object per distinct cells; each is held here, so its id stays its own)
        self._words: dict[int, tuple[Facts, Key, Any, int]] = {}
        self._years: dict[tuple[int, Any], tuple[Service, Key, int]] = {}
        # each distinct words and years part numbered, and a profile found by the two
        # numbers: a key of two small ints hashes at once, the whole key (a tuple with
        # the years of 12 months in it) does not
        self._word_parts: dict[Key, int] = {}
        self._word_list: list[Key] = []
        self._year_parts: dict[Key, int] = {}
        self._year_list: list[Key] = []
        self._by_parts: dict[tuple[int, int], int] = {}

    def profile(self, facts: Facts, service: Service) -> int:
        """The number of a row's profile: its words (education, title, rating, post), then
        the years on the day (or each month's years and the first month paid), and where
        they matter the months since `title_since` and the area.

        `words_part`, `years_part` and `number` one after the other, written out: a
        roster read row by row calls this once per row."""
        words = self._words.get(id(facts))
        if words is None:
            words = self._words_of(facts)
        years = self._years.get((id(service), words[2]))
        if years is None:
            years = self._years_part_of(service, facts, words[2])
        number = self._by_parts.get((words[3], years[2]))
        if number is None:
            number = self.number(words[3], years[2])
        return number

    def words_part(self, facts: Facts) -> tuple[int, Any]:
        """The number of a row's words (education, title, rating, post), and what its
        years depend on besides the service (the education, and where pay is by area the
        area): rows alike in both have the same years for the same service."""
        words = self._words.get(id(facts)) or self._words_of(facts)
        return words[3], words[2]

    def years_part(self, service: Service, facts: Facts) -> int:
        """The number of a row's years (see `_years_of`): its service's, for `facts`'s
        education (and area)."""
        basis = self.words_part(facts)[1]
        years = self._years.get((id(service), basis))
        if years is None:
            years = self._years_part_of(service, facts, basis)
        return years[2]

    def number(self, words: int, years: int) -> int:
        """The profile number of a words part and a years part (see `words_part` and
        `years_part`): the two numbers stand for the key, so a new pair is a new key."""
        number = self._by_parts.get((words, years))
        if number is None:
            number = self._by_parts[(words, years)] = len(self.keys)
            self.keys.append(self._word_list[words] + self._year_list[years])
            self._money.append(None)
        return number

    def _words_of(self, facts: Facts) -> tuple[Facts, Key, Any, int]:
        post = facts.post or self.default_post
        part = (facts.education, facts.title, facts.performance, post)
        index = self._word_parts.get(part)
        if index is None:
            index = self._word_parts[part] = len(self._word_list)
            self._word_list.append(part)
        # what the years depend on besides the service: education (and the area)
        basis = (facts.education, facts.area) if self.uses_area else facts.education
        words = self._words[id(facts)] = (facts, part, basis, index)
        return words

    def _years_part_of(
        self, service: Service, facts: Facts, basis: Any
    ) -> tuple[Service, Key, int]:
        part = self._years_of(service, facts)
        index = self._year_parts.get(part)
        if index is None:
            index = self._year_parts[part] = len(self._year_list)
            self._year_list.append(part)
        years = self._years[(id(service), basis)] = (service, part, index)
        return years

    def _years_of(self, service: Service, facts: Facts) -> Key:
        """The profile's key after its words: the years (per month, and the first month
        paid), then, where they matter, the months since `title_since` and the area."""
        hired, given, not_counted = (
            service.hired,
            service.years_of_service,
            service.years_not_counted,
        )
        education = facts.education
        area = facts.area if self.uses_area else None
        since = None
        if self.costing is not None:
            bases, first = self.costing.base_years(hired, given)
            if service.title_since is not None:
                since = self.costing.since(service.title_since)
            years: Key = (self.costing.years(education, bases, not_counted), first)
        else:
            base = self.calc.base_years(hired, given, self.as_of)
            if service.title_since is not None:
                since = window_month(months_since(service.title_since, self.as_of), self.window)
            years = (self.calc.service_years(education, base, not_counted),)
        if since is None and area is None:
            return years
        return (*years, since, area)

    def figures(self, number: int) -> PayFigures:
        key = self.keys[number]
        if self.costing is not None:
            return self.costing.cost(*key)
        return self.calc.figures(*key)

    def notes(self, counts: Sequence[int]) -> list[Msg]:
        """What the reader of the figures should know of the profiles counted (`counts`:
        workers per profile number): areas a rule by area gives no amount, and workers
        without `title_since` paid a component meant for some months after it."""
        if not self.uses_area and not self.window:
            return []
        areas: Counter[str] = Counter()
        undated: Counter[str] = Counter()
        for number, n in enumerate(counts):
            if not n:
                continue
            key = self.keys[number]
            since, area = key[-2:] if len(key) > self._plain_length else (None, None)
            if area is not None:
                areas[area] += n
            if since is None and self.window:
                paid = self.figures(number).components
                for cid in windowed_components(self.rules):
                    if paid.get(cid):
                        undated[cid] += n
        return unpriced_areas(self.rules, areas) + undated_windows(self.rules, undated)

    def money(self, number: int) -> tuple[Decimal, ...]:
        """The money fields (`MONEY_FIELDS`) of a profile."""
        found = self._money[number]
        if found is None:
            key = self.keys[number]
            if self.costing is not None:
                found = self.costing.money(*key)
            else:
                found = self.calc.figures(*key).money()
            self._money[number] = found
        return found


class Tally:
    """Workers counted per profile, and the exact sums of their money at the end."""

    def __init__(self, costing: RosterCosting) -> None:
        self.costing = costing
        self.counts: list[int] = []

    def add(self, number: int) -> None:
        counts = self.counts
        if number >= len(counts):
            counts.extend([0] * (number + 1 - len(counts)))
        counts[number] += 1

    @property
    def count(self) -> int:
        return sum(self.counts)

    def totals(self) -> dict[str, Decimal]:
        totals = empty_totals()
        for number, n in enumerate(self.counts):
            if n:
                for name, value in zip(MONEY_FIELDS, self.costing.money(number), strict=True):
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

    def groups(self) -> Iterator[tuple[str, int, dict[str, Decimal]]]:
        """(site, workers, {money field: sum}) of each site, one at a time."""
        for site, sums in self.sites.items():
            yield site, sums[0], dict(zip(MONEY_FIELDS, sums[1:], strict=True))

    def __len__(self) -> int:
        return len(self.sites)
