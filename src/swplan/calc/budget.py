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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypedDict, Unpack

from ..model import ExamPass, LedgerRow, Site, Worker
from ..money import ZERO, ratio
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
    personnel_share: Fraction  # personnel / total, exact (0 for a total of 0)
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

    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per line: item and amount."""
        return [{"item": line.item, "amount": line.amount} for line in self.lines]


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


class DraftOptions(TypedDict, total=False):
    """What a budget draft may take besides the roster: the passes whose awards are due,
    the ledger of the awards already paid, and a cap on the total."""

    passes: Sequence[ExamPass]
    ledger: Sequence[LedgerRow]
    cap: Decimal | None


def draft(
    rules: Rules,
    year: int,
    staff: StaffResult,
    roster: RosterSummary,
    **options: Unpack[DraftOptions],
) -> BudgetResult:
    """The budget draft for `year`, as of 1 January: `staff` holds the required posts
    with the roster's gaps, `roster` its cost over the year and its headcount."""
    as_of = dt.date(year, 1, 1)
    passes, ledger = options.get("passes", ()), options.get("ledger", ())
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
        personnel_share=ratio(personnel, total),
        current=current,
        shortage=shortage,
        planned=planned,
        new_hire=hire,
        staff=staff,
        awards=awards,
        cap=options.get("cap"),
    )


class BudgetOptions(TypedDict, total=False):
    """The year of a budget (default: the rules' effective year) and a cap on its total."""

    year: int | None
    cap: Decimal | None


def budget(
    rules: Rules,
    sites: Sequence[Site],
    workers: Sequence[Worker],
    passes: Sequence[ExamPass] = (),
    ledger: Sequence[LedgerRow] = (),
    **options: Unpack[BudgetOptions],
) -> BudgetResult:
    """The budget draft for `year` (default: the rules' effective year): pay costed month
    by month over the year, awards due as of 1 January."""
    year = budget_year(rules, options.get("year"))
    cost = compute_pay(rules, workers, year=year).totals["annual_cost"]
    roster = RosterSummary(cost, len(workers), RosterCounts.of(workers, rules), list(workers), None)
    staff = compute_staff(rules, sites, roster.counts)
    return draft(rules, year, staff, roster, passes=passes, ledger=ledger, cap=options.get("cap"))


@dataclass(frozen=True, slots=True)
class SiteBudget:
    """One site's own share of the budget lines (`budget --by site`)."""

    id: str
    name: str | None
    current_staff: Decimal
    new_hires: Decimal
    awards: Decimal
    training: Decimal
    known: bool = True  # False: a site the roster names but the populations do not

    @property
    def total(self) -> Decimal:
        return self.current_staff + self.new_hires + self.awards + self.training


def budget_by_site(
    rules: Rules,
    result: BudgetResult,
    cost_by_site: Mapping[str, Decimal],
    awards_by_site: Mapping[str, Decimal],
    workers_by_site: Mapping[str, int],
) -> list[SiteBudget]:
    """Each site's staff cost, new hires for its own shortage, its workers' awards and the
    training of its planned headcount; the sites sum exactly to the budget's lines.

    Workers at a site the populations do not list are costed under that site's id
    (after the listed sites, `known=False`): they are in the budget's staff line, so
    they must be in some site's row for the rows to add up.
    """
    hire_cost = result.new_hire.annual_cost
    per_worker = rules.budget.training_per_worker
    out: list[SiteBudget] = []
    listed = set()
    for s in result.staff.sites:
        listed.add(s.id)
        short = max(0, s.gap or 0)
        current = workers_by_site.get(s.id, 0)
        out.append(
            SiteBudget(
                id=s.id,
                name=s.name,
                current_staff=cost_by_site.get(s.id, ZERO),
                new_hires=hire_cost * short,
                awards=awards_by_site.get(s.id, ZERO),
                training=per_worker * (current + short),
                known=True,
            )
        )
    for site in sorted(set(workers_by_site) - listed):
        out.append(
            SiteBudget(
                id=site,
                name=None,
                current_staff=cost_by_site.get(site, ZERO),
                new_hires=ZERO,
                awards=awards_by_site.get(site, ZERO),
                training=per_worker * workers_by_site[site],
                known=False,
            )
        )
    return out


def site_budgets(
    rules: Rules, result: BudgetResult, roster: RosterCounts | Sequence[Worker]
) -> list[SiteBudget]:
    """`budget_by_site` from the roster's per-site costs (`RosterCounts.with_costs`: what a
    streamed roster gives) or from the workers themselves, each costed over the budget
    year as the staff line costs them. Due awards go to their worker's site."""
    if isinstance(roster, RosterCounts):
        counts = roster
    else:
        counts = RosterCounts.of(roster, rules).with_costs([w.id for w in roster])
        for w in compute_pay(rules, roster, year=result.year).workers:
            counts.add_cost(w.id, w.site, w.figures.annual_cost)
    assert counts.costs is not None, "the counts were made without the sites' costs"
    awarded: dict[str, Decimal] = {}
    for a in result.awards.due_awards:
        site = counts.site_of_worker(a.worker_id)
        awarded[site] = awarded.get(site, ZERO) + a.amount
    return budget_by_site(rules, result, counts.costs, awarded, counts.current)
