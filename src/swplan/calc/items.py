"""A budget by economic classification: salary, bonus, each contribution item, awards,
training, as a finance bureau reads a budget request.

The staff lines (current staff and new hires) are split into what the year's months
cost: `salary` (every month's gross and the extra months), `bonus`, and each employer
contribution (pension, medical, ..., housing fund) summed over the months paid, under
each month's rules. With the awards and training lines they add up exactly to the
budget's total, because a worker's annual cost is exactly salary + bonus + the months'
contributions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..bulk import building
from ..money import ZERO
from ..rules import Rules
from .costing import RosterCosting
from .pay import MONEY_FIELDS, PayFigures

SALARY = "salary"
BONUS = "bonus"
_SALARY_AT = MONEY_FIELDS.index("annual_salary")
_BONUS_AT = MONEY_FIELDS.index("annual_bonus")


@dataclass(frozen=True, slots=True)
class BudgetItem:
    item: str  # salary, bonus, a contribution item, awards or training
    amount: Decimal


def figure_items(figures: PayFigures) -> dict[str, Decimal]:
    """One worker's year (or run rate) as items: salary, bonus, and each contribution
    summed over the months paid (12 months of the run rate without `months`)."""
    out = {SALARY: figures.annual_salary, BONUS: figures.annual_bonus}
    if figures.months:
        for month in figures.months:
            if month.figures is not None:
                for item, amount in month.figures.contributions.items():
                    out[item] = out.get(item, ZERO) + amount
    else:
        for item, amount in figures.contributions.items():
            out[item] = out.get(item, ZERO) + amount * 12
    return out


def add_items(into: dict[str, Decimal], more: dict[str, Decimal], times: int = 1) -> None:
    for item, amount in more.items():
        into[item] = into.get(item, ZERO) + amount * times


def staff_items(figures: Iterable[tuple[PayFigures, int]]) -> dict[str, Decimal]:
    """The items of many workers: (figures, how many workers have them)."""
    out: dict[str, Decimal] = {}
    for one, count in figures:
        if count:
            add_items(out, figure_items(one), count)
    return out


def roster_items(costing: RosterCosting, counts: Sequence[int]) -> dict[str, Decimal]:
    """`staff_items` of a roster tallied by profile (`counts`: workers per profile
    number), without building each profile's year of `PayFigures`: salary and bonus
    from each profile's money, and each month's contributions summed once, times the
    workers that month's figures pay (profiles share their months' figures: a national
    roster has some 70,000 profiles and a few thousand distinct months)."""
    year = costing.costing
    out: dict[str, Decimal] = {}
    if year is None:  # the run rate: 12 months of the day's figures
        with building():
            for number, count in enumerate(counts):
                if count:
                    add_items(out, figure_items(costing.figures(number)), count)
        return out
    salary = bonus = ZERO
    paid: dict[int, list[Any]] = {}  # a month's figures (by identity) -> [them, workers]
    with building():  # a national roster has some 70,000 profiles
        for number, count in enumerate(counts):
            if not count:
                continue
            money = costing.money(number)
            salary += money[_SALARY_AT] * count
            bonus += money[_BONUS_AT] * count
            for month in year.months_paid(*costing.keys[number]):
                held = paid.get(id(month))
                if held is None:
                    paid[id(month)] = [month, count]
                else:
                    held[1] += count
    if not any(counts):
        return out
    out[SALARY], out[BONUS] = salary, bonus
    for month, workers in paid.values():  # in the order first paid: the items' order too
        add_items(out, month.contributions, workers)
    return out


def contribution_order(rules: Rules, year: int, found: Iterable[str]) -> list[str]:
    """The contribution items in the rules' order (December's), then any other item a
    month of the year had."""
    import datetime as dt

    december = rules.in_force(dt.date(year, 12, 1)).pay.contributions.rates
    order = list(december)
    for version in (rules.in_force(dt.date(year, m, 1)) for m in range(1, 13)):
        order += [k for k in version.pay.contributions.rates if k not in order]
    order += [k for k in found if k not in order and k not in (SALARY, BONUS)]
    return order


def budget_items(
    rules: Rules,
    year: int,
    staff: dict[str, Decimal],
    awards: Decimal,
    training: Decimal,
) -> list[BudgetItem]:
    """The budget by economic classification: salary, bonus, every contribution item
    (0.00 when nothing was paid for it), awards, training."""
    contributions = contribution_order(rules, year, staff)
    keys: Sequence[str] = (SALARY, BONUS, *contributions)
    out = [BudgetItem(key, staff.get(key, ZERO)) for key in keys]
    out += [BudgetItem("awards", awards), BudgetItem("training", training)]
    return out
