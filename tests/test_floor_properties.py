"""A property of pay floors (托底) over random rules: `pay --year` never pays a month
below the worker's floor (the highest that applies), and never more than the smallest
gross, to the fen, that reaches it.

The rules are random: a basic wage by post, one to three contribution items with
their own rates, base bounds and rounding, one to three floors (of the gross, or of
gross and contributions; for every post or one), and a dated change in July that moves
the contribution bounds and the first floor. Contributions are worked out again here
from docs/rules.md (base held between its bounds, each item rounded its own way), not by
swplan's code.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swplan import Rules, pay
from swplan.model import Worker

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
YEAR = 2026
FEN = Fraction(1, 100)

fen_amounts = st.integers(0, 3_000_000)  # up to 30,000.00 yuan


def yuan(fen: int) -> str:
    return str(Decimal(fen) / 100)


@st.composite
def bases(draw: st.DrawFn) -> dict[str, str]:
    low, high = sorted(draw(st.lists(fen_amounts, min_size=2, max_size=2)))
    return {"floor": yuan(low), "ceiling": yuan(high)}


@st.composite
def floors(draw: st.DrawFn) -> dict[str, Any]:
    floor: dict[str, Any] = {"monthly": yuan(draw(fen_amounts))}
    if draw(st.booleans()):
        floor["includes"] = ["gross", "contributions"]
    if draw(st.booleans()):
        floor["posts"] = [draw(st.sampled_from(["lead", "staff"]))]
    return floor


@st.composite
def rule_sets(draw: st.DrawFn) -> Rules:
    names = draw(st.lists(st.sampled_from(["pension", "medical", "fund"]), min_size=1, unique=True))
    rates = {n: str(Decimal(draw(st.integers(0, 30_000))) / 100_000) for n in names}
    items = {}
    for name in names:
        item: dict[str, Any] = {}
        if draw(st.booleans()):
            item["base"] = draw(bases())
        if draw(st.booleans()):
            item["round"] = draw(st.sampled_from(["fen", "jiao_up", "yuan"]))
        if item:
            items[name] = item
    listed = draw(st.lists(floors(), min_size=1, max_size=3))
    data = {
        "name": "floors",
        "effective": "2026-01-01",
        "categories": {"elderly": {}},
        "pay": {
            "points": {
                "education": {"bachelor": 0},
                "title": {"none": 0},
                "performance": {"pass": 0},
            },
            "default_performance": "pass",
            "posts": {"lead": {}, "staff": {}},
            "default_post": "staff",
            "components": {
                "basic": {
                    "by": "post",
                    "amounts": {"lead": yuan(draw(fen_amounts)), "staff": yuan(draw(fen_amounts))},
                }
            },
            "contributions": {
                "base": draw(bases()),
                "rates": rates,
                "round": draw(st.sampled_from(["fen", "jiao_up", "yuan"])),
                "items": items,
            },
            "floor": listed,
        },
        "budget": {"new_hire": {"education": "bachelor", "title": "none"}},
        "changes": [
            {
                "from": "2026-07-01",
                "set": {
                    "pay": {
                        "contributions": {"base": draw(bases())},
                        "floor": [{**listed[0], "monthly": yuan(draw(fen_amounts))}, *listed[1:]],
                    }
                },
            }
        ],
    }
    return Rules.model_validate(data)


def rounded(value: Fraction, how: str) -> Fraction:
    """One contribution from the exact product, as docs/rules.md rounds it."""
    if how == "jiao_up":
        return Fraction(math.ceil(value * 10), 10)
    places = 1 if how == "yuan" else 100
    return Fraction(math.floor(value * places + Fraction(1, 2)), places)


def contributions(rules: Rules, gross: Fraction) -> Fraction:
    c = rules.pay.contributions
    total = Fraction(0)
    for name, rate in c.rates.items():
        own = c.items.get(name)
        low, high = Fraction(c.base.floor), Fraction(c.base.ceiling)
        if own is not None and own.base.floor is not None:
            low = Fraction(own.base.floor)
        if own is not None and own.base.ceiling is not None:
            high = Fraction(own.base.ceiling)
        how = own.round if own is not None and own.round is not None else c.round
        total += rounded(min(max(gross, low), high) * Fraction(rate), how)
    return total


def counted(rules: Rules, floor: Any, gross: Fraction) -> Fraction:
    """What a floor counts at a gross: the gross, with contributions where it says so."""
    if "contributions" in floor.includes:
        return gross + contributions(rules, gross)
    return gross


@SETTINGS
@given(
    rule_sets(),
    st.lists(
        st.tuples(
            st.sampled_from(["lead", "staff"]),
            st.dates(dt.date(2015, 1, 1), dt.date(2026, 12, 31)),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_pay_year_never_below_a_floor_nor_a_fen_above_the_least_that_reaches_it(
    rules: Rules, staff: list[tuple[str, dt.date]]
) -> None:
    workers = [
        Worker(f"W{i}", "s", "bachelor", "none", post=post, hired=hired)
        for i, (post, hired) in enumerate(staff)
    ]
    for row in pay(rules, workers, year=YEAR).workers:
        for pm in row.figures.months:
            f = pm.figures
            if f is None:
                continue
            month_rules = rules.in_force(dt.date(YEAR, pm.month, 1))
            applying = [fl for fl in month_rules.pay.floor if not fl.posts or f.post in fl.posts]
            gross = Fraction(f.monthly_gross)
            raised = Fraction(f.components["floor"])
            assert raised >= 0
            # the contributions are those of the raised gross
            assert Fraction(f.monthly_contributions) == contributions(month_rules, gross)
            # the worker's floor is the highest that applies (of two as high, either)
            top = max((Fraction(fl.monthly) for fl in applying), default=None)
            highest = [fl for fl in applying if Fraction(fl.monthly) == top]
            # never below it
            for fl in highest:
                assert counted(month_rules, fl, gross) >= Fraction(fl.monthly), (pm.month, fl)
            # a raise is the least: one fen less falls short of it
            if raised:
                assert any(
                    counted(month_rules, fl, gross - FEN) < Fraction(fl.monthly) for fl in highest
                ), (pm.month, gross)
            else:  # no raise: the gross is what the components make
                assert gross == Fraction(f.components["basic"])
