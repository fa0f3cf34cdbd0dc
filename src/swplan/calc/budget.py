"""Budget drafts: staff cost, new hires for the shortage, awards, training.

Every cost is the cost of the budget year month by month (`calc.pay.YearCosting`):
a step that rises on an anniversary in August costs more from August, a contribution
base that changes in July changes from July, and new hires are paid from
`budget.new_hire.start_month`.

`draft()` is the one assembly. The CLI gives it what it read of a roster (a streamed
national CSV provides only pay totals, per-site counts and the ids asked for); the
Python API's `budget()` takes the roster as workers and summarises it first.
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
from .pay import PayFigures, YearCosting
from .pay import pay as compute_pay
from .staffing import RosterCounts, RosterSummary, StaffResult
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


def new_hire_figures(rules: Rules, year: int) -> PayFigures:
    """What one new hire costs in `year`, paid from `budget.new_hire.start_month`."""
    hire = rules.budget.new_hire
    costing = YearCosting(rules, year)
    bases = (hire.years_of_service,) * 12
    years = costing.years(hire.education, bases, 0)
    return costing.cost(
        hire.education, hire.title, hire.performance, hire.post, years, hire.start_month
    )


def draft(
    rules: Rules,
    year: int,
    staff: StaffResult,
    roster: RosterSummary,
    passes: Sequence[ExamPass] = (),
    ledger: Sequence[LedgerRow] = (),
    cap: Decimal | None = None,
) -> BudgetResult:
    """The budget draft for `year`, as of 1 January: `staff` holds the required posts
    with the roster's gaps, `roster` its cost over the year and its headcount."""
    as_of = dt.date(year, 1, 1)
    awards = compute_awards(rules, roster.workers, passes, ledger, as_of, roster_ids=roster.ids)
    hire = new_hire_figures(rules, year)
    shortage = staff.totals.shortage or 0
    current = roster.headcount
    planned = current + shortage
    new_hires = hire.annual_cost * shortage
    training = rules.budget.training_per_worker * planned
    lines = [
        BudgetLine("current_staff", roster.staff_cost),
        BudgetLine("new_hires", new_hires),
        BudgetLine("awards", awards.due),
        BudgetLine("training", training),
    ]
    total = sum((line.amount for line in lines), ZERO)
    personnel = roster.staff_cost + new_hires
    return BudgetResult(
        year=year,
        as_of=as_of,
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
    """The budget draft for `year` (default: the rules' effective year): pay costed month
    by month over the year, awards due as of 1 January."""
    year = budget_year(rules, year)
    cost = compute_pay(rules, workers, year=year).totals["annual_cost"]
    roster = RosterSummary(cost, len(workers), RosterCounts.of(workers, rules), list(workers), None)
    return draft(
        rules, year, compute_staff(rules, sites, roster.counts), roster, passes, ledger, cap
    )
