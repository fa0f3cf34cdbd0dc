"""Plans: a workforce year by year, under one or more scenarios. Pure and deterministic.

For each scenario and each year Y = Y0 + k of the horizon:

1. the rules of Y: every money amount of `pay` x (1 + pay_rise)^k and every
   contribution base bound x (1 + base_rise)^k, each half-up to the fen;
2. clients per site and category: round-half-up(n0 x (1 + growth)^k), and the
   required posts of §3.1 for those clients;
3. the workers of 1 January: the roster in Y0, later the previous year's workers
   less its leavers; with `hiring: fill` every site short of its posts hires the
   difference (the `budget.new_hire` profile, hired on the first day of `start_month`);
4. the cost of the year for every worker of the year (`year_cost`), the awards of
   the year and training per worker;
5. at 31 December the planned passes (longest-serving candidates first; their
   awards are paid the next year) and then the leavers (shortest-serving first).

Two calls carry the money: `year_cost` (the cost of a calendar year for workers with
given pay facts) and `first_year_awards` (the awards a budget of that year pays).
Workers with the same pay facts are costed once, whatever their number.

The parts, each in its own module: the figures and targets (`plan_targets`), the
rules of a year (`plan_rules`), the roster as columns (`plan_roster`), what every
scenario starts from (`plan_sites`), the workers as numbers (`plan_workers`), the
planned passes (`plan_passes`), the workforce year by year (`plan_workforce`) and
the two money calls (`plan_cost`); this module runs the scenarios.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypedDict, Unpack

from ..messages import Text, msg
from ..model import ExamPass, LedgerRow, Site, Worker
from ..money import half_up, ratio
from ..rules import Rules
from .plan_cost import PayFacts, first_year_awards, unit_costs, year_cost
from .plan_roster import Facts, PlanRoster, day_class
from .plan_rules import rise_factor, risen, risen_rules, rules_of_year
from .plan_site_figures import site_figures
from .plan_sites import Shared
from .plan_targets import (
    METRICS,
    MONEY_METRICS,
    OPERATORS,
    RATIOS,
    TARGET_METRICS,
    PlanResult,
    PlanYear,
    ScenarioPlan,
    SitePlanYear,
    Target,
    TargetError,
    TargetResult,
    check_scenarios,
    check_targets,
    check_years,
    parse_target,
)
from .plan_timeline import Timeline
from .plan_workforce import Year, workforce

__all__ = [
    "METRICS",
    "MONEY_METRICS",
    "OPERATORS",
    "RATIOS",
    "TARGET_METRICS",
    "Facts",
    "PayFacts",
    "PlanInputError",
    "PlanOptions",
    "PlanResult",
    "PlanRoster",
    "PlanYear",
    "ScenarioPlan",
    "SitePlanYear",
    "Target",
    "TargetError",
    "TargetResult",
    "check_targets",
    "check_years",
    "day_class",
    "first_year_awards",
    "parse_target",
    "plan",
    "plan_scenario",
    "rise_factor",
    "risen",
    "risen_rules",
    "rules_of_year",
    "year_cost",
]


class PlanInputError(ValueError):
    """Files a plan cannot be made of: a worker at a site not open in the first year, a
    site growth naming no site."""

    def __init__(self, messages: Sequence[Text]) -> None:
        super().__init__("; ".join(map(str, messages)))
        self.messages = list(messages)


def plan_scenario(
    name: str, rules: Rules, shared: Shared, timeline: Timeline, *, by_site: bool = False
) -> ScenarioPlan:
    """Year by year figures of one scenario (`rules` holds its assumptions).

    Scenarios that differ only in pay amounts and their rises (a pay rise scenario)
    have the same workforce: it is worked out once and each costed with its own pay.
    """
    key = _workforce_key(rules, timeline, by_site)
    years = shared.workforces.pop(key, None)
    if years is None:
        years = workforce(rules, shared, timeline, by_site=by_site)
    shared.to_come[key] -= 1
    if shared.to_come[key] > 0:  # kept only for a scenario still to come
        shared.workforces[key] = years
    pay_key = _pay_key(rules, timeline)
    shared.costs_to_come[pay_key] -= 1
    keep = shared.costs_to_come[pay_key] > 0
    out: list[PlanYear] = []
    sites: list[SitePlanYear] | None = [] if by_site else None
    for k, y in enumerate(years):
        rules_y = timeline.rules_of(k)
        costs = shared.costs.pop((pay_key, y.year), {})
        units: dict[PayFacts, Decimal] | None = None
        staff_cost = y.staff_cost
        if sites is not None:  # each worker's cost, for each site's: the year's is their sum
            facts = y.pay_facts(k)
            units = unit_costs(rules_y, y.year, facts, costs, shared.years)
            if staff_cost is None:
                staff_cost = sum((units[f] * n for f, n in facts.items()), Decimal(0))
        if staff_cost is None:
            staff_cost = year_cost(rules_y, y.year, y.pay_facts(k), costs, shared.years)
        if keep:
            shared.costs[(pay_key, y.year)] = costs
        training = rules_y.budget.training_per_worker * y.workers
        out.append(_plan_year(y, shared, staff_cost, training))
        if sites is not None and units is not None and y.sites is not None:
            sites += site_figures(y, shared, units, k, rules_y.budget.training_per_worker)
    plans = [p.model_dump(mode="json", exclude={"years", "by_year"}) for p in timeline.plans]
    return ScenarioPlan(name, rules, out, assumptions=plans, sites=sites)


def _plan_year(y: Year, shared: Shared, staff_cost: Decimal, training: Decimal) -> PlanYear:
    total = staff_cost + y.awards + training
    residents = shared.residents(y.year)
    per_10k = None
    if not residents.missing and residents.total > 0:
        per_10k = Fraction(y.workers * 10_000, residents.total)
    leaving, candidates = y.attrition
    return PlanYear(
        year=y.year,
        clients=y.clients,
        required=y.required,
        workers_start=y.workers_start,
        hires=y.hires,
        workers=y.workers,
        leavers=y.leavers,
        shortage=y.shortage,
        certified=y.certified,
        certified_share=ratio(y.certified, y.workers),
        staff_cost=staff_cost,
        awards=y.awards,
        training=training,
        total=total,
        passes=y.passes,
        hires_cut=y.hires_cut,
        binding=y.binding,
        per_10k=per_10k,
        cost_per_client=half_up(Fraction(total) / y.clients, 2) if y.clients else None,
        attrition_applied=Fraction(leaving, candidates) if candidates else None,
        pass_rate_applied={
            exam: Fraction(n, of) if of else None for exam, (n, of) in y.pass_rates.items()
        },
        no_residents=(residents.missing, residents.first_missing),
        over_ceiling=y.over_ceiling,
        attrition_counts=y.attrition,
        pass_counts=dict(y.pass_rates),
    )


def _costing_part(rules: Rules) -> dict[str, Any]:
    """The rules but the plan and the staffing ratios (which cost no one)."""
    data = rules.model_dump(mode="json")
    data.pop("plan", None)
    data.pop("staffing", None)
    return data


def _without_pay_amounts(rules: Rules) -> dict[str, Any]:
    data = rules.model_dump(mode="json")
    for amounts in ("allowances", "components", "contributions", "grades"):
        data["pay"].pop(amounts, None)
    data["plan"].pop("pay_rise", None)
    data["plan"].pop("base_rise", None)
    for change in data["plan"].get("by_year", {}).values():
        change.pop("pay_rise", None)
        change.pop("base_rise", None)
    return data


def _pay_key(rules: Rules, timeline: Timeline) -> object:
    """What the cost of a scenario's pay profiles depends on: its rules but the plan and
    the staffing ratios, and its rises year by year."""
    parts = [(day, _costing_part(v)) for day, v in rules.versions()]
    return _frozen([parts, [str(f) for f in timeline.pay], [str(f) for f in timeline.base]])


def _workforce_key(rules: Rules, timeline: Timeline, by_site: bool) -> object:
    """What a scenario's workforce depends on: its rules but the pay amounts and rises
    (all of them when a budget ceiling makes the hires depend on the cost)."""
    if any(p.budget_ceiling is not None for p in timeline.plans):
        return _frozen([(day, v.model_dump(mode="json")) for day, v in rules.versions()])
    return _frozen([(day, _without_pay_amounts(v)) for day, v in rules.versions()])


def _frozen(value: object) -> object:
    """A dumped value as nested tuples, to compare and hash (mappings in key order)."""
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


class PlanOptions(TypedDict, total=False):
    """What a plan may take besides its scenarios, sites and roster."""

    passes: Sequence[ExamPass]  # the exam passes whose awards the first year pays
    ledger: Sequence[LedgerRow]  # the awards already paid
    start: int | None  # the first year (default: the first scenario's effective year)
    horizon: int | None  # the number of years (default: its plan.years)
    targets: Sequence[Target]  # checked in every scenario (or the one each names)
    own_targets: Mapping[str, Sequence[Target]]  # scenario -> targets checked in it only
    labels: Mapping[str, Mapping[str, str]]  # scenario -> {zh, en}
    by_site: bool  # each site's figures too
    rules: Rules  # the rules the scenarios were made from (default: the first's)


BASELINE_LABEL = {"zh": "基准方案", "en": "baseline"}


def plan(
    scenarios: Sequence[tuple[str, Rules]],
    sites: Sequence[Site],
    workers: Sequence[Worker] | PlanRoster,
    **options: Unpack[PlanOptions],
) -> PlanResult:
    """The plan of every scenario, with the targets checked in each.

    `start` defaults to the first scenario's effective year, `horizon` to its
    `plan.years`. A target whose year is outside the plan, or that names a scenario
    the plan does not have, raises `TargetError`; a worker at a site not open in the
    first year raises `PlanInputError`.
    """
    first = scenarios[0][1]
    start, horizon = options.get("start"), options.get("horizon")
    y0 = start if start is not None else first.effective.year
    n = horizon if horizon is not None else first.plan.years
    targets = options.get("targets", ())
    own = options.get("own_targets", {})
    names = [name for name, _ in scenarios]
    check_years([*targets, *(t for ts in own.values() for t in ts)], y0, n)
    check_scenarios(targets, names)
    by_site = options.get("by_site", False)
    roster = workers if isinstance(workers, PlanRoster) else PlanRoster(workers)
    shared = Shared(sites, roster, options.get("passes", ()), options.get("ledger", ()))
    timelines = [Timeline(rules, y0, n) for _, rules in scenarios]
    _check_sites(sites, roster, shared, y0, timelines)
    for (_, rules), tl in zip(scenarios, timelines, strict=True):
        shared.to_come[_workforce_key(rules, tl, by_site)] += 1
        shared.costs_to_come[_pay_key(rules, tl)] += 1
    plans = [
        plan_scenario(name, rules, shared, tl, by_site=by_site)
        for (name, rules), tl in zip(scenarios, timelines, strict=True)
    ]
    labels = options.get("labels", {})
    for p in plans:
        given = labels.get(p.name, {})
        fallback = BASELINE_LABEL if p.name == "baseline" else {"zh": p.name, "en": p.name}
        p.label = {lang: given.get(lang) or fallback[lang] for lang in ("zh", "en")}
    warnings: list[Text] = [*_unknown_sites(sites, roster), *_over_ceilings(plans)]
    result = PlanResult(y0, n, plans, check_targets(plans, targets, own), warnings)
    result.rules = options.get("rules", first)
    result.by_site = by_site
    return result


def _check_sites(
    sites: Sequence[Site], roster: PlanRoster, shared: Shared, start: int, timelines: list[Timeline]
) -> None:
    """Workers only at sites open in the first year; a site's own growth names a site."""
    problems: list[Text] = []
    for s in sites:
        members = shared.members[shared.slot[s.id]]
        if s.counts_in(start) or not members:
            continue
        ids = ", ".join(roster.ids[i] for i in members[:3]) + (" ..." if len(members) > 3 else "")
        opens_later = s.opens is not None and s.opens > start
        key = "plan.worker_before_opening" if opens_later else "plan.worker_after_closing"
        year = s.opens if opens_later else s.closes
        problems.append(msg(key, site=s.id, year=year, start=start, count=len(members), ids=ids))
    known = {s.id for s in sites}
    for tl in timelines:
        for site in sorted(tl.site_growth_named() - known):
            problems.append(msg("plan.site_growth_unknown", site=site))
    if problems:
        raise PlanInputError(list(dict.fromkeys(problems)))


def _over_ceilings(plans: Sequence[ScenarioPlan]) -> list[Text]:
    """A warning for each year whose current staff alone pass the budget ceiling."""
    return [
        msg("plan.over_ceiling", scenario=p.name, year=y.year)
        for p in plans
        for y in p.years
        if y.over_ceiling
    ]


def _unknown_sites(sites: Sequence[Site], roster: PlanRoster) -> list[Text]:
    """A warning for each site of the roster the populations do not have."""
    known = {s.id for s in sites}
    unknown: Counter[str] = Counter()
    for number, count in Counter(roster.site).items():
        if roster.sites[number] not in known:
            unknown[roster.sites[number]] += count
    return [msg("plan.unknown_site", count=count, site=site) for site, count in unknown.items()]
