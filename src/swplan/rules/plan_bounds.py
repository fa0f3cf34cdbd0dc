"""How far a plan may reach: a horizon a bureau plans over, growth a district can have.

A plan follows every worker of every year; growth of more than 100 % a year, or a
horizon of decades, is a typing slip (`10` for `0.10`), and would make the planned
workforce grow past what any computer holds.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ..messages import msg
from .problems import Found, KeyPath

if TYPE_CHECKING:
    from .model import Rules

MAX_PLAN_YEARS = 30  # `plan.years` and `--years`
MAX_GROWTH = Decimal(1)  # a yearly growth or rise: at most a doubling


def plan_bounded(rules: Rules) -> Found:
    """`plan.years` at most 30; client growth and the pay and base rises at most 1."""
    plan = rules.plan
    found: Found = []
    if plan.years > MAX_PLAN_YEARS:
        found.append(
            (("plan", "years"), msg("safety.plan_years", value=plan.years, most=MAX_PLAN_YEARS))
        )
    rates: list[tuple[KeyPath, Decimal]]
    rates = [(("plan", "client_growth", c), g) for c, g in plan.client_growth.items()]
    rates += [(("plan", "pay_rise"), plan.pay_rise), (("plan", "base_rise"), plan.base_rise)]
    for where, rate in rates:
        if rate > MAX_GROWTH:
            found.append((where, msg("safety.growth_too_high", value=str(rate))))
    return found
