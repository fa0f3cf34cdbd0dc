"""The `plan:` section of the rules: the assumptions of `swplan plan`.

Horizon, client growth (district-wide and per site), attrition, hiring and its
constraints (hires a year, a budget ceiling), planned passes, pay and base rises, and
`by_year`: assumptions that change from a given year on, each year's entry merged into
the section as `extends` merges (a mapping key by key, anything else replaced),
cumulatively in year order. `Plan.in_year(Y)` is the section in force in year Y.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, field_validator

from ..messages import msg
from ..values import parse_amount, parse_count, parse_integer, parse_positive
from .base import Ident, Strict
from .parts import Growth, Share

Amount = Annotated[Decimal, BeforeValidator(parse_amount)]
Count = Annotated[int, BeforeValidator(parse_count)]
Positive = Annotated[int, BeforeValidator(parse_positive)]


def parse_plan_year(value: Any) -> int:
    """A calendar year, 1900-9999 (a key of `by_year`; YAML gives 2028, JSON '2028')."""
    year = parse_integer(value)
    if not 1900 <= year <= 9999:
        raise ValueError(msg("rules.not_plan_year", value=value))
    return year


PlanYearKey = Annotated[int, BeforeValidator(parse_plan_year)]
SiteGrowth = dict[str, dict[Ident, Growth]]  # site id -> category -> yearly growth


class PlanChange(Strict):
    """What `by_year` may change from a year on: any assumption but the horizon."""

    client_growth: dict[Ident, Growth] | None = None
    site_growth: SiteGrowth | None = None
    attrition: Share | None = None
    hiring: Literal["fill", "none"] | None = None
    max_hires_per_year: Count | None = None
    budget_ceiling: Amount | None = None
    certification: dict[Ident, Share] | None = None
    pay_rise: Growth | None = None
    base_rise: Growth | None = None

    @field_validator(
        "client_growth",
        "site_growth",
        "attrition",
        "hiring",
        "certification",
        "pay_rise",
        "base_rise",
        mode="before",
    )
    @classmethod
    def _given(cls, value: Any) -> Any:
        """Only a constraint is cleared by null; any other key needs a value."""
        if value is None:
            raise ValueError(msg("plan.change_null"))
        return value


# the keys of a year's entry that clear a constraint when written as null
_CLEARABLE = ("max_hires_per_year", "budget_ceiling")


class Plan(Strict):
    """The assumptions of `swplan plan`: horizon, growth, hiring, passes, rises."""

    years: Positive = 5
    client_growth: dict[Ident, Growth] = {"default": Decimal(0)}
    site_growth: SiteGrowth = {}
    attrition: Share = Decimal(0)
    hiring: Literal["fill", "none"] = "fill"
    max_hires_per_year: Count | None = None
    budget_ceiling: Amount | None = None
    certification: dict[Ident, Share] = {}
    pay_rise: Growth = Decimal(0)
    base_rise: Growth = Decimal(0)
    by_year: dict[PlanYearKey, PlanChange] = {}

    def growth(self, category: str) -> Decimal:
        own = self.client_growth.get(category)
        return own if own is not None else self.client_growth.get("default", Decimal(0))

    def in_year(self, year: int) -> Plan:
        """The section in force in `year`: every `by_year` entry up to it merged in, in
        year order (the result has no `by_year`)."""
        if not self.by_year:
            return self
        data = self.model_dump(exclude={"by_year"})
        for y in sorted(y for y in self.by_year if y <= year):
            data = merge_change(data, self.by_year[y].model_dump(exclude_unset=True))
        return Plan.model_validate(data)

    def changes_in(self, start: int, horizon: int) -> bool:
        """Whether any assumption changes during the years start .. start + horizon - 1."""
        return any(start < y < start + horizon for y in self.by_year)


def merge_change(base: Any, change: Any) -> Any:
    """A year's entry merged into the section: a mapping key by key, anything else
    replaced; `null` for a constraint clears it."""
    if isinstance(base, dict) and isinstance(change, dict):
        out = dict(base)
        for key, value in change.items():
            if value is None and key not in _CLEARABLE:
                continue
            out[key] = merge_change(base[key], value) if key in base else value
        return out
    return change
