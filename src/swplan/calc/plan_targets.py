"""A plan's figures and its targets: a year of a scenario, the scenario's years, the
plan, and the targets (`METRIC OP VALUE@YEAR`, checked in every scenario, or with
`:SCENARIO` in that one)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..messages import Msg, Text, Words, msg
from ..money import half_up
from ..rules import Rules
from .choices import not_one_of

METRICS = (
    "clients",
    "required",
    "workers_start",
    "hires",
    "workers",
    "leavers",
    "shortage",
    "certified",
    "certified_share",
    "staff_cost",
    "awards",
    "training",
    "total",
)
MONEY_METRICS = ("staff_cost", "awards", "training", "total")
# what a target may name besides the figures of the table
RATIOS = ("hires_cut", "per_10k", "cost_per_client", "attrition_applied")
TARGET_METRICS = (*METRICS, *RATIOS)
OPERATORS = ("<=", ">=", "==", "<", ">")
PLACES = {"certified_share": 4, "attrition_applied": 4, "per_10k": 2}  # shown, half-up


@dataclass(frozen=True, slots=True)
class PlanYear:
    year: int
    clients: int
    required: int
    workers_start: int  # on 1 January, before hiring
    hires: int
    workers: int  # workers_start + hires
    leavers: int  # at 31 December
    shortage: int  # sum over sites of max(0, required - workers), after hiring
    certified: int  # workers holding a certified title on 1 January, hires included
    certified_share: Fraction  # certified / workers, exact (shown with four decimals, half-up)
    staff_cost: Decimal
    awards: Decimal
    training: Decimal
    total: Decimal
    passes: int = 0  # planned passes at 31 December (their awards are paid next year)
    hires_cut: int = 0  # the gaps left after hiring (= shortage under fill; 0 under none)
    binding: tuple[str, ...] = ()  # the constraints that cut the hires
    per_10k: Fraction | None = None  # workers per 10,000 residents (None: no figure)
    cost_per_client: Decimal | None = None  # total / clients, half-up to the fen
    attrition_applied: Fraction | None = None  # attrition leavers / their candidates
    pass_rate_applied: dict[str, Fraction | None] = field(default_factory=dict)
    no_residents: tuple[int, tuple[str, ...]] = (0, ())  # sites without residents, first ids
    over_ceiling: bool = False  # the current staff alone passed the budget ceiling
    # the applied rates as counts: attrition (leavers, candidates), per exam (passes,
    # candidates)
    attrition_counts: tuple[int, int] = (0, 0)
    pass_counts: dict[str, tuple[int, int]] = field(default_factory=dict)

    def metric(self, name: str) -> int | Fraction | Decimal | None:
        value: int | Fraction | Decimal | None = getattr(self, name)
        return value

    def measured(self, name: str) -> int | Decimal | None:
        """A metric as a target compares it: as shown (a share with four decimals,
        workers per 10,000 residents with two, half-up); None when it has no value."""
        value = self.metric(name)
        if isinstance(value, Fraction):
            return half_up(value, PLACES.get(name, 4))
        return value

    def why_none(self, name: str) -> Msg:
        """Why a metric has no value this year."""
        if name == "per_10k":
            missing, first = self.no_residents
            if missing:
                more = missing - len(first)
                sites: Text = Words(first)
                if more > 0:
                    sites = msg("plan.sites_and_more", sites=sites, n=more)
                return msg("plan.no_residents", year=self.year, count=missing, sites=sites)
            return msg("plan.no_residents_counted", year=self.year)
        if name == "cost_per_client":
            return msg("plan.no_clients", year=self.year)
        return msg("plan.no_candidates", year=self.year)


@dataclass(frozen=True, slots=True)
class SitePlanYear:
    """One site's figures of a year (`--by site`); the sites' figures sum to the year's."""

    site: str
    year: int
    clients: int
    required: int
    workers_start: int
    hires: int
    workers: int
    leavers: int
    shortage: int
    staff_cost: Decimal
    awards: Decimal
    training: Decimal
    total: Decimal
    known: bool = True  # False: a site of the roster the populations do not have


@dataclass(slots=True)
class ScenarioPlan:
    name: str
    rules: Rules
    years: list[PlanYear]
    label: dict[str, str] = field(default_factory=dict)  # zh, en
    assumptions: list[Any] = field(default_factory=list)  # the `plan:` in force each year
    sites: list[SitePlanYear] | None = None  # with --by site


@dataclass(frozen=True, slots=True)
class Target:
    """`METRIC OP VALUE@YEAR`, e.g. `certified_share>=0.6@2030`."""

    text: str
    metric: str
    op: str
    value: Decimal
    year: int
    scenario: str | None = None  # checked in this scenario only (None: in every one)

    def holds(self, actual: Decimal) -> bool:
        op, v = self.op, self.value
        if op == "<=":
            return actual <= v
        if op == ">=":
            return actual >= v
        if op == "<":
            return actual < v
        if op == ">":
            return actual > v
        return actual == v


@dataclass(frozen=True, slots=True)
class TargetResult:
    target: Target
    scenario: str
    value: int | Decimal | None  # as compared: the share with four decimals; None: no value
    ok: bool
    reason: Msg | None = None  # why there is no value (the target then fails)


@dataclass(slots=True)
class PlanResult:
    start: int  # Y0
    horizon: int  # number of years
    scenarios: list[ScenarioPlan]
    targets: list[TargetResult] = field(default_factory=list)
    warnings: Sequence[Text] = field(default_factory=list)  # JSON: the English (str)
    rules: Rules | None = None  # the rules the scenarios were made from
    by_site: bool = False

    @property
    def as_of(self) -> dt.date:
        """1 January of the first year."""
        return dt.date(self.start, 1, 1)

    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per scenario and year: the figures, the ratios and the applied
        rates (four places; per 10,000 residents two), money as Decimal."""
        out = []
        for s in self.scenarios:
            for y in s.years:
                row: dict[str, Any] = {"scenario": s.name, "year": y.year}
                for m in (*METRICS, *RATIOS):
                    row[m] = y.measured(m)
                row["binding"] = ";".join(y.binding)
                for exam, rate in y.pass_rate_applied.items():
                    row[f"pass_rate_applied.{exam}"] = None if rate is None else half_up(rate, 4)
                out.append(row)
        return out

    def site_rows(self) -> list[dict[str, Any]]:
        """With `by_site`: one flat dict per scenario, year and site."""
        from .rows import rows

        return [r for s in self.scenarios for r in rows(s.sites or (), scenario=s.name)]

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.targets)


_TARGET = re.compile(
    r"\s*(?P<metric>[A-Za-z_0-9]+)\s*(?P<op><=|>=|==|<|>)\s*"
    r"(?P<value>[+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*@\s*(?P<year>\d{4})\s*"
    r"(?::\s*(?P<scenario>[^\s:@]+)\s*)?",
    re.ASCII,  # digits are ASCII digits: `٢٠٢٨` is no year
)


class TargetError(ValueError):
    """A target that cannot be read, or names a year outside the plan."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


def parse_target(text: str) -> Target:
    """`"shortage<=0@2028"` (or `"shortage<=0@2028:baseline"`, for one scenario) ->
    Target; a `TargetError` with a sentence for anything else."""
    match = _TARGET.fullmatch(text)
    if match is None:
        raise TargetError(msg("plan.not_a_target", text=text))
    metric = match["metric"]
    if metric not in TARGET_METRICS:
        problem = not_one_of(metric, TARGET_METRICS)
        raise TargetError(msg("plan.in_target", text=text, problem=problem))
    value, year = Decimal(match["value"]), int(match["year"])
    return Target(text.strip(), metric, match["op"], value, year, match["scenario"])


def check_scenarios(targets: Iterable[Target], names: Sequence[str]) -> None:
    """A `TargetError` for the first target naming a scenario the plan does not have."""
    for t in targets:
        if t.scenario is not None and t.scenario not in names:
            problem = not_one_of(t.scenario, names)
            raise TargetError(msg("plan.target_scenario", text=t.text, problem=problem))


def check_years(targets: Iterable[Target], start: int, horizon: int) -> None:
    """A `TargetError` for the first target whose year is outside the plan."""
    for t in targets:
        if not start <= t.year < start + horizon:
            span = f"{start}-{start + horizon - 1}"
            raise TargetError(msg("plan.target_outside", text=t.text, year=t.year, span=span))


def check_targets(
    scenarios: Iterable[ScenarioPlan],
    targets: Sequence[Target],
    own: Mapping[str, Sequence[Target]] | None = None,
) -> list[TargetResult]:
    """Every target in every scenario (or the one it names), in target order then
    scenario order; then each scenario's `own` targets, in that scenario. A metric
    with no value fails its target."""
    plans = list(scenarios)
    pairs = [(t, s) for t in targets for s in plans if t.scenario in (None, s.name)]
    for s in plans:
        pairs += [(t, s) for t in (own or {}).get(s.name, ())]
    out = []
    for t, s in pairs:
        year = next(y for y in s.years if y.year == t.year)
        value = year.measured(t.metric)
        if value is None:
            out.append(TargetResult(t, s.name, None, False, year.why_none(t.metric)))
        else:
            out.append(TargetResult(t, s.name, value, t.holds(Decimal(value))))
    return out
