"""Pay grades, steps, components and employer cost: exact, explained, pure.

A worker's figures depend only on their profile (education, title, rating, post,
service years), so `PayCalculator` works each profile out once; a national roster
has a few thousand distinct profiles among a million and a half workers.

Two ways to cost a worker: the run rate on one day (`pay(..., as_of=D)`: a month's
figures under the rules in force on D, times the months of a year), and the cost of
a calendar year month by month (`pay(..., year=Y)`, `YearCosting`): each month under
the rules in force on its first day, with the years and step of that day.

One profile's figures under one day's rules are `pay_profile.PayCalculator`'s; this
module costs the workers and the year.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import lru_cache
from typing import Any

from ..dates import completed_years
from ..errors import InputError, Problem
from ..messages import msg
from ..model import Origin, Worker
from ..money import EXACT, ZERO, half_up
from ..rules import Rules
from ..rules.published import MissingFigure, resolved
from .pay_profile import (
    CONTRIBUTION_MONTHS,
    MONEY_FIELDS,
    PayCalculator,
    PayFigures,
    PayMonth,
    ProfileError,
    check_service_facts,
    months_since,
    round_contribution,
    window_month,
)

__all__ = [
    "CONTRIBUTION_MONTHS",
    "MONEY_FIELDS",
    "PayCalculator",
    "PayFigures",
    "PayMonth",
    "PayResult",
    "ProfileError",
    "WorkerPay",
    "YearCosting",
    "YearProfile",
    "completed_years",
    "empty_totals",
    "hired_after",
    "month_starts",
    "months_since",
    "pay",
    "round_contribution",
    "rules_on",
    "window_month",
    "year_since",
]


@dataclass(frozen=True, slots=True)
class WorkerPay:
    id: str
    name: str | None
    site: str
    figures: PayFigures
    hired: dt.date | None = None  # where `figures.years` came from (None: given)
    not_counted: int = 0  # the worker's years_not_counted
    years_given: int | None = None  # the worker's years_of_service, where given
    title_since: dt.date | None = None  # when the worker's title was obtained, where given


@dataclass(slots=True)
class PayResult:
    as_of: dt.date
    workers: list[WorkerPay]
    totals: dict[str, Decimal]
    count: int
    year: int | None = None  # costed month by month over this calendar year

    def shown_day(self) -> dt.date:
        """The day whose rules the per-worker figures follow: `as_of`, or 1 December."""
        return self.as_of if self.year is None else dt.date(self.year, 12, 1)

    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per worker: id, name, site, then the pay figures."""
        from .rows import flat

        return [
            {"id": w.id, "name": w.name, "site": w.site, **flat(w.figures)} for w in self.workers
        ]


def month_starts(year: int) -> list[dt.date]:
    return [dt.date(year, m, 1) for m in range(1, 13)]


# A profile's year: education, title, rating, post, each month's years of service, the
# first month paid (13: none), and where they count: January's months since the first
# month after title_since (`year_since`; None: not given) and the area.
YearProfile = tuple[str, str, str | None, str | None, tuple[int, ...], int, int | None, str | None]


def rules_on(rules: Rules, day: dt.date) -> Rules:
    """The rules in force on `day` with every share of a published figure worked out
    for its month. A figure the rules do not have for the year a share takes is an
    error (`InputError`) naming it."""
    version = rules.in_force(day)
    try:
        return resolved(version, day)
    except MissingFigure as exc:
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in exc.where)
        message = msg(
            "calc.published_missing",
            name=exc.name,
            year=exc.year,
            month=f"{day.year}-{day.month:02d}",
            where=where.lstrip("."),
        )
        raise InputError([Problem(rules.source, "", f"published.{exc.name}", message)]) from None


def year_since(title_since: dt.date | None, year: int, longest: int) -> int | None:
    """January's `months_since` of a title obtained on `title_since`, as a profile key:
    every January before which the whole year is paid the title below is the same (-12),
    and so is every January after the longest `for_months` window."""
    if title_since is None:
        return None
    return max(-12, min(months_since(title_since, dt.date(year, 1, 1)), longest))


class YearCosting:
    """The cost of calendar year `year`, month by month (each month under the rules in
    force on its first day, with the years and step of that day)."""

    def __init__(self, rules: Rules, year: int) -> None:
        self.rules = rules
        self.year = year
        self.days = month_starts(year)
        calcs: dict[int, PayCalculator] = {}
        self.calcs: list[PayCalculator] = []
        for day in self.days:
            version = rules_on(rules, day)
            calc = calcs.get(id(version))
            if calc is None:
                calc = calcs[id(version)] = PayCalculator(version)
            self.calcs.append(calc)
        # months beyond 12 are paid at December's gross, under December's rules
        december = self.calcs[-1].rules.pay
        self.extra_months = december.months_per_year - 12
        self.prorate = december.prorate
        self.window = rules.longest_window
        self.uses_area = rules.uses_area
        self.cost = lru_cache(maxsize=None)(self._cost)
        self.money = lru_cache(maxsize=None)(self._money)
        # per hiring day (or years given), whatever the education: a national roster
        # has some 11,000 services and 51,000 (service, education) pairs
        self.base_years = lru_cache(maxsize=None)(self._base_years)

    def _base_years(self, hired: dt.date | None, given: int | None) -> tuple[tuple[int, ...], int]:
        """Each month's base years and the first month paid (13: none).

        A worker is paid from the first month that starts on or after `hired`.
        """
        if given is not None:
            return tuple(given for _ in self.days), 1
        assert hired is not None
        first = 13
        bases = []
        for m, (calc, day) in enumerate(zip(self.calcs, self.days, strict=True), 1):
            if day >= hired:
                first = min(first, m)
                bases.append(calc.base_years(hired, None, day))
            else:
                bases.append(0)
        return tuple(bases), first

    def service_key(self) -> tuple[object, ...]:
        """What `base_years` and `years` depend on: the year and each month's service
        rules. Two costings with the same key (scenarios of a plan whose pay differs)
        give the same years for the same facts."""
        dumped: dict[int, str] = {}
        for calc in self.calcs:
            service = calc.rules.pay.service
            if id(service) not in dumped:
                dumped[id(service)] = service.model_dump_json()
        return (self.year, *(dumped[id(calc.rules.pay.service)] for calc in self.calcs))

    def years(self, education: str, bases: tuple[int, ...], not_counted: int) -> tuple[int, ...]:
        return tuple(
            calc.service_years(education, base, not_counted)
            for calc, base in zip(self.calcs, bases, strict=True)
        )

    def worker_key(self, worker: Worker) -> tuple[tuple[int, ...], int]:
        """(years of each month, first month paid) of one worker."""
        check_service_facts(worker)
        bases, first = self.base_years(worker.hired, worker.years_of_service)
        return self.years(worker.education, bases, worker.years_not_counted), first

    def since(self, title_since: dt.date | None) -> int | None:
        return year_since(title_since, self.year, self.window)

    def where(
        self, area: str | None = None, title_since: dt.date | None = None
    ) -> tuple[int | None, str | None] | tuple[()]:
        """The end of a profile's key for a worker's area and `title_since`: nothing
        when neither is given (the key of version 2), else (months since, area)."""
        if area is None and title_since is None:
            return ()
        return self.since(title_since), area if self.uses_area else None

    def annual_cost(self, profile: tuple[Any, ...]) -> Decimal:
        """The annual cost of a profile's year; a profile the rules cannot pay (a worker
        with no area where pay is by area) is an error about the rules."""
        try:
            return self.money(*profile)[MONEY_FIELDS.index("annual_cost")]
        except ProfileError as exc:
            raise InputError([Problem(self.rules.source, "", exc.key, exc.message)]) from None

    def worker(self, worker: Worker) -> PayFigures:
        years, first = self.worker_key(worker)
        return self.cost(
            worker.education,
            worker.title,
            worker.performance,
            worker.post,
            years,
            first,
            self.since(worker.title_since),
            worker.area if self.uses_area else None,
        )

    def month_figures(self, profile: YearProfile, i: int) -> PayFigures:
        """The figures of month i (0: January) of a profile's year."""
        return self.months_of(profile, i)[0]

    def months_of(self, profile: YearProfile, start: int) -> list[PayFigures]:
        """The figures of the months from `start` (0: January) to December of a profile."""
        education, title, performance, post, years, _, since, area = profile
        calcs = self.calcs
        if since is None and area is None:  # the usual profile: the figures of version 2
            return [
                calcs[i].figures(education, title, performance, post, years[i])
                for i in range(start, 12)
            ]
        window = self.window
        return [
            calcs[i].figures(
                education,
                title,
                performance,
                post,
                years[i],
                None if since is None else window_month(since + i, window),
                area,
            )
            for i in range(start, 12)
        ]

    def months_paid(
        self,
        education: str,
        title: str,
        performance: str | None,
        post: str | None,
        years: tuple[int, ...],
        first: int,
        since: int | None = None,
        area: str | None = None,
    ) -> list[PayFigures]:
        """The figures of the months a profile's year pays, from its first (`first`,
        1-12; 13: none) to December; the arguments are the profile's key."""
        profile = (education, title, performance, post, years, first, since, area)
        return self.months_of(profile, min(first, 13) - 1)

    def _money(
        self,
        education: str,
        title: str,
        performance: str | None,
        post: str | None,
        years: tuple[int, ...],
        first: int,
        since: int | None = None,
        area: str | None = None,
    ) -> tuple[Decimal, ...]:
        """The money fields (`MONEY_FIELDS`) of one profile's year: December's monthly
        figures, then the annual sums."""
        gross = contributions = ZERO
        december = None
        paying = self.months_paid(education, title, performance, post, years, first, since, area)
        for december in paying:
            gross += december.monthly_gross
            contributions += december.monthly_contributions
        if december is None:  # paid no month of the year
            return (ZERO,) * len(MONEY_FIELDS)
        paid = 13 - first
        extra = self.extra_months * december.monthly_gross
        bonus = december.annual_bonus
        if paid < 12:  # a part-year worker: what `prorate` says is paid by months paid
            if self.prorate.extra_months:
                extra = half_up(Fraction(extra) * paid / 12, 2)
            if self.prorate.bonus:
                bonus = half_up(Fraction(bonus) * paid / 12, 2)
        salary = gross + extra
        return (
            december.monthly_base,
            december.monthly_allowance,
            december.monthly_gross,
            december.monthly_contributions,
            salary,
            bonus,
            contributions,
            salary + bonus + contributions,
        )

    def _cost(
        self,
        education: str,
        title: str,
        performance: str | None,
        post: str | None,
        years: tuple[int, ...],
        first: int,
        since: int | None = None,
        area: str | None = None,
    ) -> PayFigures:
        """One profile's figures for the year: December's, with the year's money and
        each month's figures (`months`)."""
        profile = (education, title, performance, post, years, first, since, area)
        paid = self.months_of(profile, min(first, 13) - 1)
        months = tuple(PayMonth(m, paid[m - first] if m >= first else None) for m in range(1, 13))
        # the key `RosterCosting` gives a profile, so the year's money is worked out once
        key = profile if since is not None or area is not None else profile[:6]
        money = dict(zip(MONEY_FIELDS, self.money(*key), strict=True))
        december = months[-1].figures
        if december is None:  # paid no month of the year: listed with 0.00
            shown = self.month_figures(profile, 11)
            return dataclasses.replace(
                shown,
                **money,  # type: ignore[arg-type]
                components={k: ZERO for k in shown.components},
                bonus_month=ZERO,
                contributions={k: ZERO for k in shown.contributions},
                months=months,
            )
        return dataclasses.replace(december, **money, months=months)  # type: ignore[arg-type]


def _origin(worker: Worker) -> Origin:
    return worker.origin or Origin(f"worker {worker.id}", "")


def hired_after(
    workers: Iterable[Worker], as_of: dt.date, year: int | None = None
) -> list[Problem]:
    """A `hired` date after the as-of date (or after the costed year) is an error, one per worker."""
    problems = []
    for w in workers:
        if w.hired is not None and w.hired > as_of:
            hired = w.hired.isoformat()
            if year is not None:
                message = msg("calc.hired_after_year", hired=hired, year=year)
            else:
                message = msg("calc.hired_after_as_of", hired=hired, as_of=as_of.isoformat())
            problems.append(_origin(w).problem(message, "hired"))
    return problems


def empty_totals() -> dict[str, Decimal]:
    return {name: ZERO for name in MONEY_FIELDS}


def pay(
    rules: Rules,
    workers: Sequence[Worker],
    as_of: dt.date | None = None,
    *,
    year: int | None = None,
) -> PayResult:
    """Grade and cost of every worker.

    With `year`, the cost of that calendar year month by month (a `hired` date inside
    the year is fine: the worker is paid from the first month starting on or after it).
    Otherwise the run rate at `as_of` (default: the rules' effective date) under the
    rules in force that day.

    Raises `InputError` listing every worker the rules cannot pay (a `hired` after
    `as_of` or after the year, a word the rules do not know); the loaders catch these first.
    """
    if year is not None:
        as_of = dt.date(year, 1, 1)
        problems = hired_after(workers, dt.date(year, 12, 31), year)
        costing = YearCosting(rules, year)
        figures_of: Callable[[Worker], PayFigures] = costing.worker
    else:
        as_of = as_of or rules.effective
        problems = hired_after(workers, as_of)
        calc = PayCalculator(rules_on(rules, as_of))
        day = as_of

        def figures_of(w: Worker) -> PayFigures:  # the run rate on one day
            return calc.worker(w, day)

    if problems:
        raise InputError(problems)
    rows = []
    for w in workers:
        try:
            figures = figures_of(w)
        except ProfileError as exc:
            problems.append(_origin(w).problem(exc.message, exc.key))
            continue
        rows.append(
            WorkerPay(
                w.id,
                w.name,
                w.site,
                figures,
                w.hired,
                w.years_not_counted,
                w.years_of_service,
                w.title_since,
            )
        )
    if problems:
        raise InputError(problems)
    totals = empty_totals()
    with localcontext(EXACT):
        for row in rows:
            for name, value in zip(MONEY_FIELDS, row.figures.money(), strict=True):
                totals[name] += value
    return PayResult(as_of, rows, totals, len(rows), year)
