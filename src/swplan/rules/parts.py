"""The parts of the rules: one pydantic model per section of a rules file.

Each part checks its own values (a whole number, an amount, a share); what parts
say about each other is checked on the whole (`swplan.rules.checks`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
)

from ..messages import msg
from ..values import (
    parse_amount,
    parse_count,
    parse_date,
    parse_decimal,
    parse_ident,
    parse_integer,
    parse_positive,
    parse_rate,
)
from .base import Ident, Label, Strict, Word, parse_growth
from .floors import Floor, Prorate, parse_floors
from .published import PayAmount

Amount = Annotated[Decimal, BeforeValidator(parse_amount)]
Rate = Annotated[Decimal, BeforeValidator(parse_rate)]
Number = Annotated[Decimal, BeforeValidator(parse_decimal)]
Count = Annotated[int, BeforeValidator(parse_count)]
Positive = Annotated[int, BeforeValidator(parse_positive)]
IsoDate = Annotated[dt.date, BeforeValidator(parse_date)]


class Category(Word):
    clients_per_worker: Positive | None = None


class SiteKind(Word):
    pass


class Employment(Word):
    pass


class Staffing(Strict):
    clients_per_worker: Positive = 20
    minimum_posts: dict[Ident, Count] = {}
    minimum_certified: dict[Ident, Count] = {}
    certified_titles: list[Ident] | None = None  # None: every title but `none`


class YearsPoints(Strict):
    per_year: Rate = Decimal("0.5")
    max: Rate = Decimal("10")


class Points(Strict):
    education: dict[Ident, Number]
    title: dict[Ident, Number]
    performance: dict[Ident, Number]
    years_of_service: YearsPoints = YearsPoints()


class Post(Word):
    points: Number = Decimal(0)
    min_grade: Annotated[int, BeforeValidator(parse_integer)] | None = None
    max_grade: Annotated[int, BeforeValidator(parse_integer)] | None = None


class Service(Strict):
    counted_from: IsoDate | None = None  # years count from max(hired, counted_from)
    education_years: dict[Ident, Count] = {}  # years added by education
    # anniversary: a year counts from its anniversary; calendar_year: from the next
    # 1 January (每满一年，从下一年度起)
    count: Literal["anniversary", "calendar_year"] = "anniversary"

    @field_validator("education_years", mode="before")
    @classmethod
    def _none_is_no_years(cls, value: Any) -> Any:
        """`education_years: null` in a file that extends another: no years by education."""
        return {} if value is None else value


class Steps(Strict):
    every_years: Positive
    first: Annotated[int, BeforeValidator(parse_integer)] = 1
    max: Annotated[int, BeforeValidator(parse_integer)]


COMPONENT_BY = ("post", "title", "education", "performance", "grade", "step", "area")


def _parse_key(value: Any) -> str:
    """A key of `amounts`: a word (post, title, ...) or a whole number (grade, step)."""
    if isinstance(value, bool):
        raise ValueError(msg("rules.not_name_or_number", value=value))
    if isinstance(value, int):
        return str(value)
    return str(parse_ident(value))


AmountKey = Annotated[str, BeforeValidator(_parse_key)]


class Component(Strict):
    label: Label = Label()
    by: Literal["post", "title", "education", "performance", "grade", "step", "area"]
    amounts: dict[AmountKey, PayAmount] = {}
    per_year: PayAmount | None = None
    max_years: Count | None = None
    for_months: Positive | None = None  # paid only this many months after title_since


class PerformanceBonus(Strict):
    months: dict[Ident, Rate] = {}
    of: list[Ident] = ["grade"]


class Grade(Strict):
    grade: Annotated[int, BeforeValidator(parse_integer)]
    min_points: Number
    monthly: PayAmount


class Allowances(Strict):
    title: dict[Ident, PayAmount] = {}


class ContributionBase(Strict):
    floor: Amount
    ceiling: Amount


class ItemBase(Strict):
    floor: Amount | None = None  # None: the general bound in force
    ceiling: Amount | None = None


Rounding = Literal["fen", "jiao_up", "yuan"]


class ContributionItem(Word):
    """One contribution's label and aliases, and its own base range and rounding."""

    base: ItemBase = ItemBase()
    round: Rounding | None = None  # None: the general `round`


class Contributions(Strict):
    base: ContributionBase
    rates: dict[Ident, Rate] = {}
    round: Rounding = "fen"
    items: dict[Ident, ContributionItem] = {}

    def bounds(self, item: str) -> tuple[Decimal, Decimal]:
        """(floor, ceiling) of one item's contribution base."""
        own = self.items.get(item)
        floor, ceiling = self.base.floor, self.base.ceiling
        if own is not None:
            floor = own.base.floor if own.base.floor is not None else floor
            ceiling = own.base.ceiling if own.base.ceiling is not None else ceiling
        return floor, ceiling

    def rounding(self, item: str) -> str:
        own = self.items.get(item)
        return own.round if own is not None and own.round is not None else self.round


class Pay(Strict):
    points: Points
    default_performance: Ident
    posts: dict[Ident, Post] = {}
    default_post: Ident | None = None
    grades: list[Grade] | None = None  # optional: without grades, grade is null and counts 0
    months_per_year: Positive = 12
    allowances: Allowances = Allowances()
    performance_bonus_months: dict[Ident, Rate] | None = None  # version 1's form
    performance_bonus: PerformanceBonus | None = None
    contributions: Contributions
    service: Service = Service()
    steps: Steps | None = None
    components: dict[Ident, Component] = {}
    education_post: dict[Ident, Ident] = {}
    floor: list[Floor] = []  # 托底: the least paid a month (one floor or a list)
    prorate: Prorate = Prorate()

    @field_validator("floor", mode="before")
    @classmethod
    def _one_or_more_floors(cls, value: Any) -> Any:
        return parse_floors(value)

    @field_validator("components", mode="before")
    @classmethod
    def _drop_removed_components(cls, value: Any) -> Any:
        """A component set to null (`cert: null`) removes the one the base rules define."""
        if isinstance(value, dict):
            return {key: part for key, part in value.items() if part is not None}
        return value

    def bonus_months(self) -> dict[str, Decimal]:
        if self.performance_bonus is not None:
            return self.performance_bonus.months
        return self.performance_bonus_months or {}

    def bonus_of(self) -> list[str]:
        return self.performance_bonus.of if self.performance_bonus is not None else ["grade"]


class Eligibility(Strict):
    min_service_months: Count | None = None
    min_performance: Ident | None = None
    exclude_employment: list[Ident] = []


class MonthDay(Strict):
    month: Annotated[int, BeforeValidator(parse_integer)] = Field(ge=1, le=12)
    day: Annotated[int, BeforeValidator(parse_integer)] = Field(ge=1, le=31)

    def in_year(self, year: int) -> dt.date:
        """This day of `year`; a day past the month's end is its last day (29 Feb -> 28 Feb)."""
        last = calendar.monthrange(year, self.month)[1]  # December 9999 too
        return dt.date(year, self.month, min(self.day, last))


class Awards(Strict):
    exams: dict[Ident, Amount] = {}
    ladder: list[Ident] = []
    upgrade: Literal["top_up", "full"] = "top_up"
    claim_window_days: Count | None = None
    eligibility: Eligibility = Eligibility()
    claim_deadline: MonthDay | None = None
    cap_per_worker: Amount | None = None


class NewHire(Strict):
    education: Ident
    title: Ident
    years_of_service: Count = 0
    post: Ident | None = None
    performance: Ident | None = None
    start_month: Annotated[int, BeforeValidator(parse_integer)] = 1  # 1-12: costed from that month


class Budget(Strict):
    new_hire: NewHire
    training_per_worker: Amount = Decimal("0.00")


def parse_share(value: Any) -> Decimal:
    number = parse_decimal(value)
    if not 0 <= number <= 1:
        raise ValueError(msg("rules.not_a_share", value=value))
    return number


Growth = Annotated[Decimal, BeforeValidator(parse_growth)]
Share = Annotated[Decimal, BeforeValidator(parse_share)]


# `Plan`, the assumptions of `swplan plan`, is in `swplan.rules.plan`.


class Change(Strict):
    """A dated change: from `from` on, `set` is merged into the rules (as `extends` merges)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: IsoDate = Field(alias="from")
    note: str | None = None
    set: dict[str, Any]
