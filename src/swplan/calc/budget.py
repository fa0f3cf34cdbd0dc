"""Budget drafts (SPEC §3.4): staff cost, new hires for the shortage, awards, training.

`budget()` takes the roster as workers; `budget_from_parts()` takes what a streamed
national roster provides (pay totals, per-site counts), so both give the same draft.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..model import ExamPass, LedgerRow, Site, Worker
from ..money import ZERO, share
from ..rules import Rules
from .awards import AwardsResult
from .awards import awards as compute_awards
from .pay import PayCalculator, PayFigures
from .pay import pay as compute_pay
from .staffing import RosterCounts, StaffResult
from .staffing import staff as compute_staff


@dataclass(frozen=True, slots=True)
class BudgetLine:
    item: str
    amount: Decimal


@dataclass(slots=True)
class BudgetResult:
    year: int
    as_of: dt.date
    lines: list[BudgetLine]
    total: Decimal
    personnel: Decimal  # salaries, bonuses and contributions: current staff + new hires
    personnel_share: str
    current: int
    shortage: int
    planned: int
    new_hire: PayFigures  # the cost of one new hire
    staff: StaffResult
    awards: AwardsResult
    cap: Decimal | None = None

    @property
    def cap_ok(self) -> bool | None:
        return None if self.cap is None else self.total <= self.cap


def budget_year(rules: Rules, year: int | None) -> int:
    return year if year is not None else rules.effective.year


def new_hire_figures(rules: Rules) -> PayFigures:
    hire = rules.budget.new_hire
    return PayCalculator(rules).figures(
        hire.education, hire.title, hire.performance, hire.post, hire.years_of_service
    )


def budget_from_parts(
    rules: Rules,
    year: int,
    staff_cost: Decimal,
    current: int,
    staff: StaffResult,
    awards: AwardsResult,
    cap: Decimal | None = None,
) -> BudgetResult:
    """Combine the parts into lines, total, personnel share and headcount."""
    hire = new_hire_figures(rules)
    shortage = staff.totals.shortage or 0
    planned = current + shortage
    new_hires = hire.annual_cost * shortage
    training = rules.budget.training_per_worker * planned
    lines = [
        BudgetLine("current_staff", staff_cost),
        BudgetLine("new_hires", new_hires),
        BudgetLine("awards", awards.due),
        BudgetLine("training", training),
    ]
    total = sum((line.amount for line in lines), ZERO)
    personnel = staff_cost + new_hires
    return BudgetResult(
        year=year,
        as_of=dt.date(year, 1, 1),
        lines=lines,
        total=total,
        personnel=personnel,
        personnel_share=share(personnel, total),
        current=current,
        shortage=shortage,
        planned=planned,
        new_hire=hire,
        staff=staff,
        awards=awards,
        cap=cap,
    )


def budget(
    rules: Rules,
    sites: Sequence[Site],
    workers: Sequence[Worker],
    passes: Sequence[ExamPass] = (),
    ledger: Sequence[LedgerRow] = (),
    year: int | None = None,
    cap: Decimal | None = None,
) -> BudgetResult:
    """The budget draft for `year` (default: the rules' effective year), as of 1 January."""
    year = budget_year(rules, year)
    as_of = dt.date(year, 1, 1)
    pay_result = compute_pay(rules, workers, as_of)
    staff_result = compute_staff(rules, sites, RosterCounts.of(workers, rules))
    awards_result = compute_awards(rules, workers, passes, ledger, as_of)
    return budget_from_parts(
        rules,
        year,
        pay_result.totals["annual_cost"],
        len(workers),
        staff_result,
        awards_result,
        cap,
    )
