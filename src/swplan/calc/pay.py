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
from functools import lru_cache
from typing import Any

from ..dates import completed_years
from ..errors import InputError, Problem
from ..messages import msg
from ..model import Origin, Worker
from ..money import EXACT, ZERO
from ..rules import Rules
from .pay_profile import (
    CONTRIBUTION_MONTHS,
    MONEY_FIELDS,
    PayCalculator,
    PayFigures,
    PayMonth,
    ProfileError,
    check_service_facts,
    round_contribution,
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
    "pay",
    "round_contribution",
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


# A profile's year: education, title, rating, post, each month's years of service and
# the first month paid (13: none).
YearProfile = tuple[str, str, str | None, str | None, tuple[int, ...], int]


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
            version = rules.in_force(day)
            calc = calcs.get(id(version))
            if calc is None:
                calc = calcs[id(version)] = PayCalculator(version)
            self.calcs.append(calc)
        # months beyond 12 are paid at December's gross, under December's rules
        self.extra_months = self.calcs[-1].rules.pay.months_per_year - 12
        self.cost = lru_cache(maxsize=None)(self._cost)
        self.money = lru_cache(maxsize=None)(self._money)

    def base_years(self, hired: dt.date | None, given: int | None) -> tuple[tuple[int, ...], int]:
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

    def worker(self, worker: Worker) -> PayFigures:
        years, first = self.worker_key(worker)
        return self.cost(
            worker.education, worker.title, worker.performance, worker.post, years, first
        )

    def _money(self, *profile: *YearProfile) -> tuple[Decimal, ...]:
        """The money fields (`MONEY_FIELDS`) of one profile's year: December's monthly
        figures, then the annual sums."""
        education, title, performance, post, years, first = profile
        gross = contributions = ZERO
        december = None
        for i in range(first - 1, 12):
            december = self.calcs[i].figures(education, title, performance, post, years[i])
            gross += december.monthly_gross
            contributions += december.monthly_contributions
        if december is None:  # paid no month of the year
            return (ZERO,) * len(MONEY_FIELDS)
        salary = gross + self.extra_months * december.monthly_gross
        bonus = december.annual_bonus
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

    def _cost(self, *profile: *YearProfile) -> PayFigures:
        """One profile's figures for the year: December's, with the year's money and
        each month's figures (`months`)."""
        education, title, performance, post, years, first = profile
        months = tuple(
            PayMonth(
                m,
                calc.figures(education, title, performance, post, y) if m >= first else None,
            )
            for m, (calc, y) in enumerate(zip(self.calcs, years, strict=True), 1)
        )
        money = dict(
            zip(
                MONEY_FIELDS,
                self.money(education, title, performance, post, years, first),
                strict=True,
            )
        )
        december = months[-1].figures
        if december is None:  # paid no month of the year: listed with 0.00
            shown = self.calcs[-1].figures(education, title, performance, post, years[-1])
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
        calc = PayCalculator(rules.in_force(as_of))
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
                w.id, w.name, w.site, figures, w.hired, w.years_not_counted, w.years_of_service
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
