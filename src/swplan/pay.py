"""Pay grades and employer cost (SPEC §3.2): exact, explained, pure.

A worker's figures depend only on their profile (education, title, rating, post,
completed years), so `PayCalculator` works each profile out once; a national
roster has a few thousand distinct profiles among a million and a half workers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .errors import InputError, Problem
from .inputs import Origin, Worker
from .money import ZERO, round_fen
from .rules import Rules

MONEY_FIELDS = (
    "monthly_base",
    "monthly_allowance",
    "monthly_gross",
    "monthly_contributions",
    "annual_salary",
    "annual_bonus",
    "annual_contributions",
    "annual_cost",
)
CONTRIBUTION_MONTHS = 12  # contributions are monthly, whatever months_per_year says


@dataclass(frozen=True, slots=True)
class PayFigures:
    """Everything that follows from one profile; shared by every worker who has it."""

    education: str
    title: str
    performance: str
    post: str | None
    years: int
    points_by_factor: dict[str, Decimal]
    points: Decimal
    grade_by_points: int
    grade: int
    post_bound: str | None  # "min_grade" / "max_grade" when the post moved the grade
    monthly_base: Decimal
    monthly_allowance: Decimal
    monthly_gross: Decimal
    contribution_base: Decimal
    contributions: dict[str, Decimal]
    monthly_contributions: Decimal
    bonus_months: Decimal
    annual_salary: Decimal
    annual_bonus: Decimal
    annual_contributions: Decimal
    annual_cost: Decimal

    def money(self) -> tuple[Decimal, ...]:
        return tuple(getattr(self, name) for name in MONEY_FIELDS)


@dataclass(frozen=True, slots=True)
class WorkerPay:
    id: str
    name: str | None
    site: str
    figures: PayFigures


@dataclass(slots=True)
class PayResult:
    as_of: dt.date
    workers: list[WorkerPay]
    totals: dict[str, Decimal]
    count: int


def completed_years(hired: dt.date, as_of: dt.date) -> int:
    """Whole years from `hired` to `as_of`: 2016-09-01 -> 2026-01-01 is 9."""
    years = as_of.year - hired.year
    if (as_of.month, as_of.day) < (hired.month, hired.day):
        years -= 1
    return years


class PayCalculator:
    """The pay rules of one rules file, with each profile worked out once."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        pay = rules.pay
        self._grades = [(g.min_points, g.grade, g.monthly) for g in pay.grades]
        self._grade_index = {g.grade: i for i, g in enumerate(pay.grades)}
        self.figures = lru_cache(maxsize=None)(self._figures)

    def default_post(self) -> str | None:
        return self.rules.pay.default_post if self.rules.pay.posts else None

    def _figures(
        self, education: str, title: str, performance: str | None, post: str | None, years: int
    ) -> PayFigures:
        pay = self.rules.pay
        points_rules = pay.points
        rating = performance or pay.default_performance
        post = post or self.default_post()
        post_rule = pay.posts.get(post) if post else None
        per_year = points_rules.years_of_service
        factors = {
            "education": points_rules.education[education],
            "title": points_rules.title[title],
            "performance": points_rules.performance[rating],
            "post": post_rule.points if post_rule else Decimal(0),
            "years_of_service": min(years * per_year.per_year, per_year.max),
        }
        points = sum(factors.values(), Decimal(0))
        index = 0
        for i, (min_points, _, _) in enumerate(self._grades):
            if min_points <= points:
                index = i
        by_points = self._grades[index][1]
        bound = None
        if post_rule is not None:
            if post_rule.min_grade is not None and index < self._grade_index[post_rule.min_grade]:
                index, bound = self._grade_index[post_rule.min_grade], "min_grade"
            if post_rule.max_grade is not None and index > self._grade_index[post_rule.max_grade]:
                index, bound = self._grade_index[post_rule.max_grade], "max_grade"
        _, grade, monthly_base = self._grades[index]
        allowance = pay.allowances.title.get(title, ZERO)
        gross = monthly_base + allowance
        base_rule = pay.contributions.base
        contribution_base = min(max(gross, base_rule.floor), base_rule.ceiling)
        contributions = {
            name: round_fen(contribution_base * rate) for name, rate in pay.contributions.rates.items()
        }
        monthly_contributions = sum(contributions.values(), ZERO)
        bonus_months = pay.performance_bonus_months.get(rating, Decimal(0))
        annual_salary = gross * pay.months_per_year
        annual_bonus = round_fen(monthly_base * bonus_months)
        annual_contributions = monthly_contributions * CONTRIBUTION_MONTHS
        return PayFigures(
            education=education,
            title=title,
            performance=rating,
            post=post,
            years=years,
            points_by_factor=factors,
            points=points,
            grade_by_points=by_points,
            grade=grade,
            post_bound=bound,
            monthly_base=monthly_base,
            monthly_allowance=allowance,
            monthly_gross=gross,
            contribution_base=contribution_base,
            contributions=contributions,
            monthly_contributions=monthly_contributions,
            bonus_months=bonus_months,
            annual_salary=annual_salary,
            annual_bonus=annual_bonus,
            annual_contributions=annual_contributions,
            annual_cost=annual_salary + annual_bonus + annual_contributions,
        )

    def worker_years(self, worker: Worker, as_of: dt.date) -> int:
        if worker.years_of_service is not None:
            return worker.years_of_service
        assert worker.hired is not None
        return completed_years(worker.hired, as_of)

    def worker(self, worker: Worker, as_of: dt.date) -> PayFigures:
        return self.figures(
            worker.education,
            worker.title,
            worker.performance,
            worker.post,
            self.worker_years(worker, as_of),
        )


def hired_after(workers: Iterable[Worker], as_of: dt.date) -> list[Problem]:
    """A `hired` date after the as-of date is an error, one per worker."""
    problems = []
    for w in workers:
        if w.hired is not None and w.hired > as_of:
            origin = w.origin or Origin("", "", w.id)
            problems.append(
                origin.problem(
                    f"hired {w.hired.isoformat()} is after the as-of date {as_of.isoformat()}; "
                    "check the date or give a later --as-of",
                    "hired",
                )
            )
    return problems


def empty_totals() -> dict[str, Decimal]:
    return {name: ZERO for name in MONEY_FIELDS}


def pay(rules: Rules, workers: Sequence[Worker], as_of: dt.date | None = None) -> PayResult:
    """Grade and cost of every worker at `as_of` (default: the rules' effective date)."""
    as_of = as_of or rules.effective
    problems = hired_after(workers, as_of)
    if problems:
        raise InputError(problems)
    calc = PayCalculator(rules)
    rows = [WorkerPay(w.id, w.name, w.site, calc.worker(w, as_of)) for w in workers]
    totals = empty_totals()
    for row in rows:
        for name, value in zip(MONEY_FIELDS, row.figures.money(), strict=True):
            totals[name] += value
    return PayResult(as_of, rows, totals, len(rows))
