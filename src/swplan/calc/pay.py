"""Pay grades, steps, components and employer cost: exact, explained, pure.

A worker's figures depend only on their profile (education, title, rating, post,
service years), so `PayCalculator` works each profile out once; a national roster
has a few thousand distinct profiles among a million and a half workers.

Two ways to cost a worker: the run rate on one day (`pay(..., as_of=D)`: a month's
figures under the rules in force on D, times the months of a year), and the cost of
a calendar year month by month (`pay(..., year=Y)`, `YearCosting`): each month under
the rules in force on its first day, with the years and step of that day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal, localcontext
from functools import lru_cache, partial

from ..errors import InputError, Problem
from ..messages import Msg, msg
from ..model import Origin, Worker
from ..money import EXACT, FEN, ZERO, half_up, round_fen
from ..rules import Rules
from .choices import not_one_of

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
JIAO = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class PayFigures:
    """Everything that follows from one profile; shared by every worker who has it."""

    education: str
    title: str
    performance: str  # the rating used: the worker's own or the rules' default
    performance_default: bool  # True when the worker had no rating
    post: str | None
    years: int
    pay_post: str | None  # the post that paid, where education_post raised it; else None
    points_by_factor: dict[str, Decimal]
    points: Decimal
    grade_by_points: int | None  # None: the rules have no grades
    grade_min_points: Decimal | None  # min_points of the grade the points reach
    below_lowest_grade: bool  # points below every min_points: the lowest grade
    grade: int | None
    post_bound: str | None  # "min_grade" / "max_grade" when the post moved the grade
    step: int | None  # None: the rules have no steps
    components: dict[str, Decimal]  # the grade's monthly under "grade", then each component
    component_keys: dict[str, str | None]  # the post, title, step... each component was read by
    monthly_base: Decimal
    monthly_allowance: Decimal
    monthly_gross: Decimal
    contribution_base: Decimal
    contribution_limit: str | None  # "floor" / "ceiling" when the gross was clamped
    contribution_bases: dict[str, Decimal]  # each item's base (its own range where it has one)
    contributions: dict[str, Decimal]
    monthly_contributions: Decimal
    bonus_months: Decimal
    bonus_month: Decimal  # one month of bonus: the sum of `performance_bonus.of`
    annual_salary: Decimal
    annual_bonus: Decimal
    annual_contributions: Decimal
    annual_cost: Decimal
    months: tuple[PayMonth, ...] = ()  # with a year costed month by month: its twelve months

    def money(self) -> tuple[Decimal, ...]:
        return tuple(getattr(self, name) for name in MONEY_FIELDS)


@dataclass(frozen=True, slots=True)
class PayMonth:
    """One month of a costed year: `figures` under the rules of its first day (None: not paid)."""

    month: int
    figures: PayFigures | None


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


class ProfileError(ValueError):
    """A worker record the rules cannot pay (only records not made by the loaders)."""

    def __init__(self, key: str, message: Msg) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


def _check_service_facts(worker: Worker) -> None:
    """A worker built in code gives exactly one of hired and years_of_service (the
    readers say so at the cell; this guards records made by a script)."""
    if worker.hired is not None and worker.years_of_service is not None:
        raise ProfileError("years_of_service", msg("calc.hired_and_years"))
    if worker.hired is None and worker.years_of_service is None:
        raise ProfileError("hired", msg("calc.hired_or_years"))


def completed_years(hired: dt.date, as_of: dt.date) -> int:
    """Whole years from `hired` to `as_of`: 2016-09-01 -> 2026-01-01 is 9.

    A year is complete on its anniversary; for 29 February that is 1 March in a
    common year.
    """
    years = as_of.year - hired.year
    if (as_of.month, as_of.day) < (hired.month, hired.day):
        years -= 1
    return years


def round_contribution(value: Decimal, how: str) -> Decimal:
    """One contribution from the exact product base x rate.

    `fen`: half-up to 0.01; `jiao_up`: up to the next 0.1 yuan whenever anything is
    left over, even less than a fen (见分进角); `yuan`: half-up to whole yuan.
    """
    if how == "jiao_up":
        return value.quantize(JIAO, rounding=ROUND_CEILING).quantize(FEN)
    if how == "yuan":
        return half_up(value, 0).quantize(FEN)
    return round_fen(value)


class PayCalculator:
    """The pay rules in force on one day, with each profile worked out once.

    `rules` may carry dated changes; this calculator uses `rules` as given (the
    version in force from its own date). `YearCosting` and `pay` pick the version.
    """

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        pay = rules.pay
        grades = pay.grades or []
        self._grades = [(g.min_points, g.grade, g.monthly) for g in grades]
        self._grade_index = {g.grade: i for i, g in enumerate(grades)}
        self._post_rank = {name: i for i, name in enumerate(pay.posts)}
        self.figures = lru_cache(maxsize=None)(self._figures)

    def default_post(self) -> str | None:
        return self.rules.pay.default_post if self.rules.pay.posts else None

    def _check(self, education: str, title: str, rating: str, post: str | None, years: int) -> None:
        rules = self.rules
        points = rules.pay.points
        for key, value, allowed in (
            ("education", education, points.education),
            ("title", title, points.title),
            ("performance", rating, points.performance),
            ("post", post, rules.pay.posts),
        ):
            if value is not None and value not in allowed:
                if key == "post" and not allowed:
                    raise ProfileError(key, msg("calc.no_posts"))
                label = partial(rules.label_of, key, lang="zh")
                raise ProfileError(key, not_one_of(value, allowed, label))
        if years < 0:
            raise ProfileError("years_of_service", msg("calc.negative_years", years=years))

    def _figures(
        self, education: str, title: str, performance: str | None, post: str | None, years: int
    ) -> PayFigures:
        with localcontext(EXACT):
            return self._figures_exact(education, title, performance, post, years)

    def paying_post(self, education: str, post: str | None) -> str | None:
        """The post a worker is paid as: their own, or the higher one their education gives."""
        raised = self.rules.pay.education_post.get(education)
        if raised is None or raised == post:
            return post
        if post is None or self._post_rank[raised] < self._post_rank[post]:
            return raised
        return post

    def _figures_exact(
        self, education: str, title: str, performance: str | None, post: str | None, years: int
    ) -> PayFigures:
        pay = self.rules.pay
        points_rules = pay.points
        rating = performance or pay.default_performance
        post = post or self.default_post()
        self._check(education, title, rating, post, years)
        paid_as = self.paying_post(education, post)
        post_rule = pay.posts.get(paid_as) if paid_as else None
        per_year = points_rules.years_of_service
        factors = {
            "education": points_rules.education[education],
            "title": points_rules.title[title],
            "performance": points_rules.performance[rating],
            "post": post_rule.points if post_rule else Decimal(0),
            "years_of_service": min(years * per_year.per_year, per_year.max),
        }
        points = sum(factors.values(), Decimal(0))
        grade: int | None = None
        by_points: int | None = None
        by_points_min: Decimal | None = None
        bound = None
        monthly_base = ZERO
        if self._grades:
            # the highest grade whose min_points the points reach; below them all, the lowest
            index = 0
            for i, (min_points, _, _) in enumerate(self._grades):
                if min_points <= points:
                    index = i
            by_points = self._grades[index][1]
            by_points_min = self._grades[index][0]
            if post_rule is not None:
                if (
                    post_rule.min_grade is not None
                    and index < self._grade_index[post_rule.min_grade]
                ):
                    index, bound = self._grade_index[post_rule.min_grade], "min_grade"
                if (
                    post_rule.max_grade is not None
                    and index > self._grade_index[post_rule.max_grade]
                ):
                    index, bound = self._grade_index[post_rule.max_grade], "max_grade"
            _, grade, monthly_base = self._grades[index]
        steps = pay.steps
        step = None if steps is None else min(steps.first + years // steps.every_years, steps.max)
        components: dict[str, Decimal] = {"grade": monthly_base} if self._grades else {}
        keys: dict[str, str | None] = {}
        facts = {
            "post": paid_as,
            "title": title,
            "education": education,
            "performance": rating,
            "grade": None if grade is None else str(grade),
            "step": None if step is None else str(step),
        }
        for cid, comp in pay.components.items():
            key = facts[comp.by]
            amount = comp.amounts.get(key, ZERO) if key is not None else ZERO
            if comp.per_year is not None:
                counted = years if comp.max_years is None else min(years, comp.max_years)
                amount += comp.per_year * counted
            components[cid] = amount
            keys[cid] = key
        allowance = pay.allowances.title.get(title, ZERO)
        gross = sum(components.values(), ZERO) + allowance
        contributions_rule = pay.contributions
        base_rule = contributions_rule.base
        if gross < base_rule.floor:
            contribution_base, limit = base_rule.floor, "floor"
        elif gross > base_rule.ceiling:
            contribution_base, limit = base_rule.ceiling, "ceiling"
        else:
            contribution_base, limit = gross, None
        bases: dict[str, Decimal] = {}
        contributions: dict[str, Decimal] = {}
        for name, rate in contributions_rule.rates.items():
            floor, ceiling = contributions_rule.bounds(name)
            item_base = min(max(gross, floor), ceiling)
            bases[name] = item_base
            contributions[name] = round_contribution(
                item_base * rate, contributions_rule.rounding(name)
            )
        monthly_contributions = sum(contributions.values(), ZERO)
        bonus_months = pay.bonus_months().get(rating, Decimal(0))
        bonus_month = sum((components.get(part, ZERO) for part in pay.bonus_of()), ZERO)
        annual_salary = gross * pay.months_per_year
        annual_bonus = round_fen(bonus_month * bonus_months)
        annual_contributions = monthly_contributions * CONTRIBUTION_MONTHS
        return PayFigures(
            education=education,
            title=title,
            performance=rating,
            performance_default=performance is None,
            post=post,
            years=years,
            pay_post=paid_as if paid_as != post else None,
            points_by_factor=factors,
            points=points,
            grade_by_points=by_points,
            grade_min_points=by_points_min,
            below_lowest_grade=bool(self._grades) and points < self._grades[0][0],
            grade=grade,
            post_bound=bound,
            step=step,
            components=components,
            component_keys=keys,
            monthly_base=monthly_base,
            monthly_allowance=gross - monthly_base,
            monthly_gross=gross,
            contribution_base=contribution_base,
            contribution_limit=limit,
            contribution_bases=bases,
            contributions=contributions,
            monthly_contributions=monthly_contributions,
            bonus_months=bonus_months,
            bonus_month=bonus_month,
            annual_salary=annual_salary,
            annual_bonus=annual_bonus,
            annual_contributions=annual_contributions,
            annual_cost=annual_salary + annual_bonus + annual_contributions,
        )

    # ----------------------------------------------------------------- service years

    def base_years(self, hired: dt.date | None, given: int | None, day: dt.date) -> int:
        """Completed years from max(hired, service.counted_from) to `day` (0 before
        that date), or the years given."""
        if given is not None:
            return given
        assert hired is not None
        start = hired
        counted_from = self.rules.pay.service.counted_from
        if counted_from is not None and counted_from > start:
            start = counted_from
        return completed_years(start, day) if start <= day else 0

    def service_years(self, education: str, base: int, not_counted: int) -> int:
        """Base years + the education's years - years not counted, never below 0."""
        extra = self.rules.pay.service.education_years.get(education, 0)
        return max(0, base + extra - not_counted)

    def worker_years(self, worker: Worker, as_of: dt.date) -> int:
        _check_service_facts(worker)
        base = self.base_years(worker.hired, worker.years_of_service, as_of)
        return self.service_years(worker.education, base, worker.years_not_counted)

    def worker(self, worker: Worker, as_of: dt.date) -> PayFigures:
        return self.figures(
            worker.education,
            worker.title,
            worker.performance,
            worker.post,
            self.worker_years(worker, as_of),
        )


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
        _check_service_facts(worker)
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
