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
from collections.abc import Sequence
from typing import Any, TypedDict, Unpack

from ..messages import Text, msg
from ..model import ExamPass, LedgerRow, Site, Worker
from ..money import ratio
from ..rules import Rules
from .plan_cost import PayFacts, first_year_awards, year_cost
from .plan_roster import Facts, PlanRoster, day_class
from .plan_rules import rise_factor, risen, rules_of_year, share_count
from .plan_sites import Shared
from .plan_targets import (
    METRICS,
    MONEY_METRICS,
    OPERATORS,
    PlanResult,
    PlanYear,
    ScenarioPlan,
    Target,
    TargetError,
    TargetResult,
    check_targets,
    check_years,
    parse_target,
)
from .plan_workforce import workforce

__all__ = [
    "METRICS",
    "MONEY_METRICS",
    "OPERATORS",
    "Facts",
    "PayFacts",
    "PlanOptions",
    "PlanResult",
    "PlanRoster",
    "PlanYear",
    "ScenarioPlan",
    "Target",
    "TargetError",
    "TargetResult",
    "check_targets",
    "day_class",
    "first_year_awards",
    "parse_target",
    "plan",
    "plan_scenario",
    "rise_factor",
    "risen",
    "rules_of_year",
    "share_count",
    "year_cost",
]


def plan_scenario(
    name: str, rules: Rules, shared: Shared, start: int, horizon: int
) -> ScenarioPlan:
    """Year by year figures of one scenario (`rules` holds its assumptions).

    Scenarios that differ only in pay amounts and their rises (a pay rise scenario)
    have the same workforce: it is worked out once and each costed with its own pay.
    """
    key = (_workforce_key(rules), start, horizon)
    years = shared.workforces.pop(key, None)
    if years is None:
        years = workforce(rules, shared, start, horizon)
    shared.to_come[key] -= 1
    if shared.to_come[key] > 0:  # kept only for a scenario still to come
        shared.workforces[key] = years
    pay_key = _pay_key(rules)
    shared.costs_to_come[pay_key] -= 1
    keep = shared.costs_to_come[pay_key] > 0
    out: list[PlanYear] = []
    for k, y in enumerate(years):
        rules_y = rules_of_year(rules, k)
        costs = shared.costs.pop((pay_key, y.year), {})
        staff_cost = year_cost(rules_y, y.year, y.pay_facts(k), costs)
        if keep:
            shared.costs[(pay_key, y.year)] = costs
        training = rules_y.budget.training_per_worker * y.workers
        out.append(
            PlanYear(
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
                total=staff_cost + y.awards + training,
                passes=y.passes,
            )
        )
    return ScenarioPlan(name, rules, out)


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
    return data


def _pay_key(rules: Rules) -> object:
    """What the cost of a scenario's pay profiles depends on: its rules but the plan and
    the staffing ratios, and its rises."""
    parts = [(day, _costing_part(v)) for day, v in rules.versions()]
    return _frozen([parts, str(rules.plan.pay_rise), str(rules.plan.base_rise)])


def _workforce_key(rules: Rules) -> object:
    """What a scenario's workforce depends on: its rules but the pay amounts and rises."""
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
    targets: Sequence[Target]  # checked in every scenario


def plan(
    scenarios: Sequence[tuple[str, Rules]],
    sites: Sequence[Site],
    workers: Sequence[Worker] | PlanRoster,
    **options: Unpack[PlanOptions],
) -> PlanResult:
    """The plan of every scenario, with the targets checked in each.

    `start` defaults to the first scenario's effective year, `horizon` to its
    `plan.years`. A target whose year is outside the plan raises `TargetError`.
    """
    first = scenarios[0][1]
    start, horizon = options.get("start"), options.get("horizon")
    y0 = start if start is not None else first.effective.year
    n = horizon if horizon is not None else first.plan.years
    targets = options.get("targets", ())
    check_years(targets, y0, n)
    roster = workers if isinstance(workers, PlanRoster) else PlanRoster(workers)
    shared = Shared(sites, roster, options.get("passes", ()), options.get("ledger", ()))
    shared.to_come.update((_workforce_key(rules), y0, n) for _, rules in scenarios)
    shared.costs_to_come.update(_pay_key(rules) for _, rules in scenarios)
    plans = [plan_scenario(name, rules, shared, y0, n) for name, rules in scenarios]
    return PlanResult(y0, n, plans, check_targets(plans, targets), _unknown_sites(sites, roster))


def _unknown_sites(sites: Sequence[Site], roster: PlanRoster) -> list[Text]:
    """A warning for each site of the roster the populations do not have."""
    known = {s.id for s in sites}
    unknown: Counter[str] = Counter()
    for number, count in Counter(roster.site).items():
        if roster.sites[number] not in known:
            unknown[roster.sites[number]] += count
    return [msg("plan.unknown_site", count=count, site=site) for site, count in unknown.items()]
