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
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, TypedDict, Unpack

from ..errors import InputError, Problem
from ..messages import msg
from ..model import ExamPass, LedgerRow, Site, Worker
from ..money import ZERO, ratio
from ..rules import Rules
from .awards import AwardsResult
from .awards import awards as compute_awards
from .funding import FundingResult, SiteLines, fund
from .items import BudgetItem, add_items, budget_items, figure_items, staff_items
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
    new_hire: PayFigures  # the cost of one new hire (where pay is by area: at the first site)
    staff: StaffResult
    awards: AwardsResult
    cap: Decimal | None = None
    # where pay is by area: each site's new hire (by the site's area)
    hires: NewHires | None = None
    # the lines by economic classification (`calc.items`), adding up to `total`
    items: list[BudgetItem] = field(default_factory=list)
    funding: FundingResult | None = None  # who pays each line (with `funding` rules)

    @property
    def cap_ok(self) -> bool | None:
        return None if self.cap is None else self.total <= self.cap

    def hire_cost(self, site: str) -> Decimal:
        """What one new hire at `site` costs in the year."""
        if self.hires is None:
            return self.new_hire.annual_cost
        return self.hires.at(site).annual_cost

    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per line: item and amount."""
        return [{"item": line.item, "amount": line.amount} for line in self.lines]


def budget_year(rules: Rules, year: int | None) -> int:
    return year if year is not None else rules.effective.year


def new_hire_figures(rules: Rules, year: int, area: str | None = None) -> PayFigures:
    """What one new hire costs in `year`, paid from `budget.new_hire.start_month` (at a
    site of `area`, where pay is by area)."""
    hire = rules.budget.new_hire
    costing = YearCosting(rules, year)
    bases = (hire.years_of_service,) * 12
    years = costing.years(hire.education, bases, 0)
    return costing.cost(
        hire.education,
        hire.title,
        hire.performance,
        hire.post,
        years,
        hire.start_month,
        None,
        area if costing.uses_area else None,
    )


class NewHires:
    """The new hire of each site where pay is by area: the `budget.new_hire` profile at
    the site's area, each area costed once."""

    def __init__(self, rules: Rules, year: int, site_areas: Mapping[str, str]) -> None:
        self.rules = rules
        self.year = year
        self.site_areas = site_areas
        self.by_area: dict[str, PayFigures] = {}
        self.counts: dict[str, int] = {}  # the shortage filled in each area

    def at(self, site: str) -> PayFigures:
        area = self.site_areas.get(site)
        if area is None:
            message = msg("calc.hire_no_area", site=site)
            raise InputError([Problem(self.rules.source, "", "budget.new_hire", message)])
        found = self.by_area.get(area)
        if found is None:
            found = self.by_area[area] = new_hire_figures(self.rules, self.year, area)
        return found


def _new_hires(
    rules: Rules, year: int, staff: StaffResult, site_areas: Mapping[str, str]
) -> tuple[PayFigures, NewHires | None, Decimal]:
    """One new hire's figures, each site's (where pay is by area) and the new hires' cost."""
    shortage = staff.totals.shortage or 0
    if not rules.uses_area:
        hire = new_hire_figures(rules, year)
        return hire, None, hire.annual_cost * shortage
    hires = NewHires(rules, year, site_areas)
    short = [(s.id, max(0, s.gap or 0)) for s in staff.sites]
    cost = sum((hires.at(site).annual_cost * n for site, n in short if n), ZERO)
    for site, n in short:
        if n:
            area = site_areas[site]
            hires.counts[area] = hires.counts.get(area, 0) + n
    first = next((site for site, n in short if n), None)
    if first is None:  # no shortage: the first site with an area shows the profile
        first = next((s.id for s in staff.sites if s.id in site_areas), None)
    if first is None:
        return new_hire_figures(rules, year, next(iter(rules.areas))), hires, cost
    return hires.at(first), hires, cost


class DraftOptions(TypedDict, total=False):
    """What a budget draft may take besides the roster: the passes whose awards are due,
    the ledger of the awards already paid, and a cap on the total."""

    passes: Sequence[ExamPass]
    ledger: Sequence[LedgerRow]
    cap: Decimal | None
    site_areas: Mapping[str, str]  # site id -> area, for new hires where pay is by area


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
    hire, hires, new_hires = _new_hires(rules, year, staff, options.get("site_areas") or {})
    shortage = staff.totals.shortage or 0
    current = roster.headcount
    planned = current + shortage
    training = rules.budget.training_per_worker * planned
    lines = [
        BudgetLine("current_staff", roster.staff_cost),
        BudgetLine("new_hires", new_hires),
        BudgetLine("awards", awards.due),
        BudgetLine("training", training),
    ]
    total = sum((line.amount for line in lines), ZERO)
    personnel = roster.staff_cost + new_hires
    staff_lines = dict(roster.items)
    if hires is None:
        add_items(staff_lines, figure_items(hire), shortage)
    else:  # each area's new hires at that area's pay
        for area, n in hires.counts.items():
            add_items(staff_lines, figure_items(hires.by_area[area]), n)
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
        hires=hires,
        items=budget_items(rules, year, staff_lines, awards.due, training),
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
    areas = {s.id: s.area for s in sites if s.area is not None}
    if rules.uses_area:  # a worker with no area of their own takes their site's
        workers = [
            replace(w, area=areas[w.site]) if w.area is None and w.site in areas else w
            for w in workers
        ]
    paid = compute_pay(rules, workers, year=year)
    cost = paid.totals["annual_cost"]
    counts = RosterCounts.of(workers, rules)
    items = staff_items((w.figures, 1) for w in paid.workers)
    roster = RosterSummary(cost, len(workers), counts, list(workers), None, items=items)
    staff = compute_staff(rules, sites, roster.counts)
    result = draft(
        rules,
        year,
        staff,
        roster,
        passes=passes,
        ledger=ledger,
        cap=options.get("cap"),
        site_areas=areas,
    )
    if rules.funding is not None:
        fund_budget(rules, result, site_budgets(rules, result, workers))
    return result


_NOTHING_FUNDED: Mapping[str, Decimal] = MappingProxyType({})


@dataclass(slots=True)
class SiteBudget:
    """One site's own share of the budget lines (`budget --by site`). Not frozen: a
    frozen dataclass sets each field through `object.__setattr__`, several times slower
    to build, and a national run builds 600,000; nothing changes one once made."""

    id: str
    name: str | None
    current_staff: Decimal
    new_hires: Decimal
    awards: Decimal
    training: Decimal
    known: bool = True  # False: a site the roster names but the populations do not
    kind: str | None = None
    # the part of `awards` each scheme's funder pays (schemes with a funder)
    funded: Mapping[str, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return self.current_staff + self.new_hires + self.awards + self.training

    def lines(self) -> dict[str, Decimal]:
        return {
            "current_staff": self.current_staff,
            "new_hires": self.new_hires,
            "awards": self.awards,
            "training": self.training,
        }


def budget_by_site(
    rules: Rules,
    result: BudgetResult,
    cost_by_site: Mapping[str, Decimal],
    awards_by_site: Mapping[str, Decimal],
    workers_by_site: Mapping[str, int],
    funded_by_site: Mapping[str, Mapping[str, Decimal]] | None = None,
) -> list[SiteBudget]:
    """Each site's staff cost, new hires for its own shortage, its workers' awards and the
    training of its planned headcount; the sites sum exactly to the budget's lines.

    Workers at a site the populations do not list are costed under that site's id
    (after the listed sites, `known=False`): they are in the budget's staff line, so
    they must be in some site's row for the rows to add up.
    """
    per_worker = rules.budget.training_per_worker
    funded = funded_by_site or {}
    out: list[SiteBudget] = []
    # 600,000 sites a national run: look-ups bound once, one empty mapping shared
    cost_of, awards_of, workers_of, funded_of = (
        cost_by_site.get,
        awards_by_site.get,
        workers_by_site.get,
        funded.get,
    )
    hire_cost, none = result.hire_cost, _NOTHING_FUNDED
    for s in result.staff.sites:
        short = s.gap or 0
        if short < 0:
            short = 0
        site = s.id
        out.append(
            SiteBudget(
                site,
                s.name,
                cost_of(site, ZERO),
                hire_cost(site) * short if short else ZERO,
                awards_of(site, ZERO),
                per_worker * (workers_of(site, 0) + short),
                True,
                s.kind,
                funded_of(site, none),
            )
        )
    listed = {s.id for s in result.staff.sites}
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
                funded=funded.get(site, {}),
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
    funded: dict[str, dict[str, Decimal]] = {}
    for a in result.awards.due_awards:
        site = counts.site_of_worker(a.worker_id)
        awarded[site] = awarded.get(site, ZERO) + a.amount
        if a.funder is not None:
            by_funder = funded.setdefault(site, {})
            by_funder[a.funder] = by_funder.get(a.funder, ZERO) + a.amount
    return budget_by_site(rules, result, counts.costs, awarded, counts.current, funded)


def fund_budget(rules: Rules, result: BudgetResult, sites: Sequence[SiteBudget]) -> None:
    """Who pays each line, from each site's lines (`calc.funding`): `result.funding`."""
    if rules.funding is None:
        return
    result.funding = fund(rules.funding, (SiteLines(s.kind, s.lines(), s.funded) for s in sites))
