"""One pay profile's figures under the rules in force on one day (`PayCalculator`):
points, grade, step, components, contributions and the year's cost, exact.

A worker's figures depend only on their profile (education, title, rating, post,
service years), so `PayCalculator` works each profile out once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal, localcontext
from functools import lru_cache, partial

from ..dates import completed_years
from ..messages import Msg, msg
from ..model import Worker
from ..money import EXACT, FEN, ZERO, half_up, round_fen
from ..rules import Floor, Rules, number
from .choices import not_one_of
from .floors import floor_gross

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
    area: str | None = None  # the worker's area, where the rules pay by area
    floor: Decimal | None = None  # the floor that applied (None: none applies)
    floor_includes: tuple[str, ...] = ()  # what that floor counts: gross[, contributions]
    own_title: str | None = None  # the worker's title, where the one below was paid (title_since)

    def money(self) -> tuple[Decimal, ...]:
        return tuple(getattr(self, name) for name in MONEY_FIELDS)


@dataclass(frozen=True, slots=True)
class PayMonth:
    """One month of a costed year: `figures` under the rules of its first day (None: not paid)."""

    month: int
    figures: PayFigures | None


class ProfileError(ValueError):
    """A worker record the rules cannot pay (only records not made by the loaders)."""

    def __init__(self, key: str, message: Msg) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


def check_service_facts(worker: Worker) -> None:
    """A worker built in code gives exactly one of hired and years_of_service (the
    readers say so at the cell; this guards records made by a script)."""
    if worker.hired is not None and worker.years_of_service is not None:
        raise ProfileError("years_of_service", msg("calc.hired_and_years"))
    if worker.hired is None and worker.years_of_service is None:
        raise ProfileError("hired", msg("calc.hired_or_years"))


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
        self._grades = [(g.min_points, g.grade, number(g.monthly)) for g in grades]
        self._grade_index = {g.grade: i for i, g in enumerate(grades)}
        self._post_rank = {name: i for i, name in enumerate(pay.posts)}
        self.uses_area = rules.uses_area
        self.window = rules.longest_window
        # each contribution item with its rate, base range and rounding, looked up once
        contributions = pay.contributions
        self._items = [
            (name, rate, *contributions.bounds(name), contributions.rounding(name))
            for name, rate in contributions.rates.items()
        ]
        self.figures = lru_cache(maxsize=None)(self._figures)

    def default_post(self) -> str | None:
        return self.rules.pay.default_post if self.rules.pay.posts else None

    def _check(
        self,
        education: str,
        title: str,
        rating: str,
        post: str | None,
        years: int,
        area: str | None = None,
    ) -> None:
        rules = self.rules
        points = rules.pay.points
        for key, value, allowed in (
            ("education", education, points.education),
            ("title", title, points.title),
            ("performance", rating, points.performance),
            ("post", post, rules.pay.posts),
            ("area", area, rules.areas),
        ):
            if value is not None and value not in allowed:
                if key == "post" and not allowed:
                    raise ProfileError(key, msg("calc.no_posts"))
                label = partial(rules.label_of, key, lang="zh")
                raise ProfileError(key, not_one_of(value, allowed, label))
        if years < 0:
            raise ProfileError("years_of_service", msg("calc.negative_years", years=years))

    def _figures(
        self,
        education: str,
        title: str,
        performance: str | None,
        post: str | None,
        years: int,
        since: int | None = None,
        area: str | None = None,
    ) -> PayFigures:
        """One profile's figures in a month. `since`: months from the first month after
        the worker's `title_since` to this one (None: no `title_since`); before it the
        title one rung below is paid, and a component `for_months: N` only while it is
        0 to N - 1. `area`: the worker's area."""
        with localcontext(EXACT):
            return self._figures_exact(education, title, performance, post, years, since, area)

    def paying_post(self, education: str, post: str | None) -> str | None:
        """The post a worker is paid as: their own, or the higher one their education gives."""
        raised = self.rules.pay.education_post.get(education)
        if raised is None or raised == post:
            return post
        if post is None or self._post_rank[raised] < self._post_rank[post]:
            return raised
        return post

    def _figures_exact(
        self,
        education: str,
        title: str,
        performance: str | None,
        post: str | None,
        years: int,
        since: int | None,
        area: str | None,
    ) -> PayFigures:
        pay = self.rules.pay
        points_rules = pay.points
        rating = performance or pay.default_performance
        post = post or self.default_post()
        self._check(education, title, rating, post, years, area)
        own_title = None
        if since is not None and since < 0:  # the certificate's month has not yet come
            own_title, title = title, self.rules.title_below(title)
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
            "area": area,
        }
        for cid, comp in pay.components.items():
            key = facts[comp.by]
            if key is None and comp.by == "area":
                raise ProfileError("area", msg("calc.no_area", where=f"pay.components.{cid}"))
            amount = number(comp.amounts.get(key, ZERO)) if key is not None else ZERO
            if comp.per_year is not None:
                counted = years if comp.max_years is None else min(years, comp.max_years)
                amount += number(comp.per_year) * counted
            window = comp.for_months
            if window is not None and since is not None and not 0 <= since < window:
                amount = ZERO  # outside the months after the certificate
            components[cid] = amount
            keys[cid] = key
        allowance = number(pay.allowances.title.get(title, ZERO))
        gross = sum(components.values(), ZERO) + allowance
        floor: Decimal | None = None
        includes: tuple[str, ...] = ()
        if pay.floor:
            raised, floor, includes = self._floored(gross, paid_as, area)
            components["floor"] = raised - gross
            gross = raised
        contribution_base, limit = self._clamped(gross)
        bases, contributions, monthly_contributions = self._contributions(gross)
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
            area=area,
            floor=floor,
            floor_includes=includes,
            own_title=own_title,
        )

    # ----------------------------------------------------------------- contributions

    def _clamped(self, gross: Decimal) -> tuple[Decimal, str | None]:
        """The general contribution base of a gross, and the bound that held it."""
        base_rule = self.rules.pay.contributions.base
        if gross < base_rule.floor:
            return base_rule.floor, "floor"
        if gross > base_rule.ceiling:
            return base_rule.ceiling, "ceiling"
        return gross, None

    def _contributions(
        self, gross: Decimal
    ) -> tuple[dict[str, Decimal], dict[str, Decimal], Decimal]:
        """Each item's base and contribution on a month's gross, and their sum."""
        bases: dict[str, Decimal] = {}
        contributions: dict[str, Decimal] = {}
        for name, rate, floor, ceiling, how in self._items:
            item_base = min(max(gross, floor), ceiling)
            bases[name] = item_base
            contributions[name] = round_contribution(item_base * rate, how)
        return bases, contributions, sum(contributions.values(), ZERO)

    def _contributions_on(self, gross: Decimal) -> Decimal:
        return self._contributions(gross)[2]

    def _floored(
        self, gross: Decimal, paid_as: str | None, area: str | None
    ) -> tuple[Decimal, Decimal | None, tuple[str, ...]]:
        """The month's gross under its floor, the floor (None: none applies) and what it
        counts. The worker's floor is the highest that applies (of two as high, the one
        that needs the higher gross); the gross is raised to the least that reaches it."""
        best, floor = gross, None
        includes: tuple[str, ...] = ()
        for amount, rule in self._floors(paid_as, area):
            on = self._contributions_on if rule.with_contributions() else None
            needed = floor_gross(gross, amount, on)
            if floor is None or amount > floor or (amount == floor and needed > best):
                best, floor, includes = needed, amount, tuple(rule.includes)
        return best, floor, includes

    def _floors(self, paid_as: str | None, area: str | None) -> list[tuple[Decimal, Floor]]:
        """Each floor that applies to a post and an area, with its amount."""
        out = []
        for i, rule in enumerate(self.rules.pay.floor):
            if rule.posts and paid_as not in rule.posts:
                continue
            if rule.by == "area":
                if area is None:
                    raise ProfileError("area", msg("calc.no_area", where=f"pay.floor[{i}]"))
                amount = rule.amounts.get(area)
                if amount is None:  # an area the floor leaves out: no floor
                    continue
            else:
                amount = rule.monthly
            assert amount is not None  # a floor without by has monthly (rules checks)
            out.append((number(amount), rule))
        return out

    # ----------------------------------------------------------------- service years

    def base_years(self, hired: dt.date | None, given: int | None, day: dt.date) -> int:
        """Completed years from max(hired, service.counted_from) to `day` (0 before
        that date), or the years given."""
        if given is not None:
            return given
        assert hired is not None
        start = hired
        service = self.rules.pay.service
        counted_from = service.counted_from
        if counted_from is not None and counted_from > start:
            start = counted_from
        if service.count == "calendar_year":  # a full year counts from the next 1 January
            day = dt.date(day.year, 1, 1)
        return completed_years(start, day) if start <= day else 0

    def service_years(self, education: str, base: int, not_counted: int) -> int:
        """Base years + the education's years - years not counted, never below 0."""
        extra = self.rules.pay.service.education_years.get(education, 0)
        return max(0, base + extra - not_counted)

    def worker_years(self, worker: Worker, as_of: dt.date) -> int:
        check_service_facts(worker)
        base = self.base_years(worker.hired, worker.years_of_service, as_of)
        return self.service_years(worker.education, base, worker.years_not_counted)

    def worker(self, worker: Worker, as_of: dt.date) -> PayFigures:
        since = None
        if worker.title_since is not None:
            since = window_month(months_since(worker.title_since, as_of), self.window)
        return self.figures(
            worker.education,
            worker.title,
            worker.performance,
            worker.post,
            self.worker_years(worker, as_of),
            since,
            worker.area if self.uses_area else None,
        )


def months_since(title_since: dt.date, day: dt.date) -> int:
    """Months from the first month that starts after `title_since` (次月起) to the month
    of `day`: 0 in that first month, negative before it."""
    return (day.year - title_since.year) * 12 + day.month - title_since.month - 1


def window_month(since: int, longest: int) -> int:
    """`months_since` as the figures need it: every month before the first is -1, every
    month past the longest `for_months` window is the same."""
    return -1 if since < 0 else min(since, longest)
