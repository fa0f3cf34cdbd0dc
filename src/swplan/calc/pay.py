"""Pay grades and employer cost (SPEC §3.2): exact, explained, pure.

A worker's figures depend only on their profile (education, title, rating, post,
completed years), so `PayCalculator` works each profile out once; a national
roster has a few thousand distinct profiles among a million and a half workers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from functools import lru_cache

from ..errors import InputError, Problem, one_of
from ..model import Origin, Worker
from ..money import ZERO, round_fen
from ..rules import Rules

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

# Products of amounts and rates are exact before the one rounding step: the default
# context (28 digits, half-even) would round a long rate twice.
_EXACT = Context(prec=200, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class PayFigures:
    """Everything that follows from one profile; shared by every worker who has it."""

    education: str
    title: str
    performance: str  # the rating used: the worker's own or the rules' default
    performance_default: bool  # True when the worker had no rating
    post: str | None
    years: int
    points_by_factor: dict[str, Decimal]
    points: Decimal
    grade_by_points: int
    grade_min_points: Decimal  # min_points of the grade the points reach
    below_lowest_grade: bool  # points below every min_points: the lowest grade
    grade: int
    post_bound: str | None  # "min_grade" / "max_grade" when the post moved the grade
    monthly_base: Decimal
    monthly_allowance: Decimal
    monthly_gross: Decimal
    contribution_base: Decimal
    contribution_limit: str | None  # "floor" / "ceiling" when the gross was clamped
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
    hired: dt.date | None = None  # where `figures.years` came from (None: given)


@dataclass(slots=True)
class PayResult:
    as_of: dt.date
    workers: list[WorkerPay]
    totals: dict[str, Decimal]
    count: int


class ProfileError(ValueError):
    """A worker record the rules cannot pay (only records not made by the loaders)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


def completed_years(hired: dt.date, as_of: dt.date) -> int:
    """Whole years from `hired` to `as_of`: 2016-09-01 -> 2026-01-01 is 9.

    A year is complete on its anniversary; for 29 February that is 1 March in a
    common year.
    """
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

    def _check(self, education: str, title: str, rating: str, post: str | None, years: int) -> None:
        points = self.rules.pay.points
        for key, value, allowed in (
            ("education", education, points.education),
            ("title", title, points.title),
            ("performance", rating, points.performance),
        ):
            if value not in allowed:
                raise ProfileError(key, one_of(value, allowed))
        if post is not None and post not in self.rules.pay.posts:
            if not self.rules.pay.posts:
                raise ProfileError("post", "the rules define no posts; leave post out")
            raise ProfileError("post", one_of(post, self.rules.pay.posts))
        if years < 0:
            raise ProfileError("years_of_service", f"{years} is negative; must be 0 or more")

    def _figures(
        self, education: str, title: str, performance: str | None, post: str | None, years: int
    ) -> PayFigures:
        with localcontext(_EXACT):
            return self._figures_exact(education, title, performance, post, years)

    def _figures_exact(
        self, education: str, title: str, performance: str | None, post: str | None, years: int
    ) -> PayFigures:
        pay = self.rules.pay
        points_rules = pay.points
        rating = performance or pay.default_performance
        post = post or self.default_post()
        self._check(education, title, rating, post, years)
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
        # the highest grade whose min_points the points reach; below them all, the lowest
        index = 0
        for i, (min_points, _, _) in enumerate(self._grades):
            if min_points <= points:
                index = i
        by_points = self._grades[index][1]
        by_points_min = self._grades[index][0]
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
        if gross < base_rule.floor:
            contribution_base, limit = base_rule.floor, "floor"
        elif gross > base_rule.ceiling:
            contribution_base, limit = base_rule.ceiling, "ceiling"
        else:
            contribution_base, limit = gross, None
        contributions = {
            name: round_fen(contribution_base * rate)
            for name, rate in pay.contributions.rates.items()
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
            performance_default=performance is None,
            post=post,
            years=years,
            points_by_factor=factors,
            points=points,
            grade_by_points=by_points,
            grade_min_points=by_points_min,
            below_lowest_grade=points < self._grades[0][0],
            grade=grade,
            post_bound=bound,
            monthly_base=monthly_base,
            monthly_allowance=allowance,
            monthly_gross=gross,
            contribution_base=contribution_base,
            contribution_limit=limit,
            contributions=contributions,
            monthly_contributions=monthly_contributions,
            bonus_months=bonus_months,
            annual_salary=annual_salary,
            annual_bonus=annual_bonus,
            annual_contributions=annual_contributions,
            annual_cost=annual_salary + annual_bonus + annual_contributions,
        )

    def worker_years(self, worker: Worker, as_of: dt.date) -> int:
        if worker.hired is not None and worker.years_of_service is not None:
            raise ProfileError(
                "years_of_service", "give either hired or years_of_service, not both"
            )
        if worker.years_of_service is not None:
            return worker.years_of_service
        if worker.hired is None:
            raise ProfileError(
                "hired", "give hired (YYYY-MM-DD) or years_of_service; one is required"
            )
        return completed_years(worker.hired, as_of)

    def worker(self, worker: Worker, as_of: dt.date) -> PayFigures:
        return self.figures(
            worker.education,
            worker.title,
            worker.performance,
            worker.post,
            self.worker_years(worker, as_of),
        )


def _origin(worker: Worker) -> Origin:
    return worker.origin or Origin(f"worker {worker.id}", "")


def hired_after(workers: Iterable[Worker], as_of: dt.date) -> list[Problem]:
    """A `hired` date after the as-of date is an error, one per worker."""
    problems = []
    for w in workers:
        if w.hired is not None and w.hired > as_of:
            problems.append(
                _origin(w).problem(
                    f"hired {w.hired.isoformat()} is after the as-of date {as_of.isoformat()}; "
                    "check the date or give a later --as-of",
                    "hired",
                )
            )
    return problems


def empty_totals() -> dict[str, Decimal]:
    return {name: ZERO for name in MONEY_FIELDS}


def pay(rules: Rules, workers: Sequence[Worker], as_of: dt.date | None = None) -> PayResult:
    """Grade and cost of every worker at `as_of` (default: the rules' effective date).

    Raises `InputError` listing every worker the rules cannot pay (a `hired` after
    `as_of`, a word the rules do not know); the loaders catch these first.
    """
    as_of = as_of or rules.effective
    problems = hired_after(workers, as_of)
    if problems:
        raise InputError(problems)
    calc = PayCalculator(rules)
    rows = []
    for w in workers:
        try:
            figures = calc.worker(w, as_of)
        except ProfileError as exc:
            problems.append(_origin(w).problem(exc.message, exc.key))
            continue
        rows.append(WorkerPay(w.id, w.name, w.site, figures, w.hired))
    if problems:
        raise InputError(problems)
    totals = empty_totals()
    with localcontext(_EXACT):
        for row in rows:
            for name, value in zip(MONEY_FIELDS, row.figures.money(), strict=True):
                totals[name] += value
    return PayResult(as_of, rows, totals, len(rows))
