"""A plan's figures and its targets: a year of a scenario, the scenario's years, the
plan, and the targets (`METRIC OP VALUE@YEAR`) checked in every scenario."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ..messages import Msg, Text, msg
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
OPERATORS = ("<=", ">=", "==", "<", ">")


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

    def metric(self, name: str) -> int | Fraction | Decimal:
        value: int | Fraction | Decimal = getattr(self, name)
        return value

    def measured(self, name: str) -> int | Decimal:
        """A metric as a target compares it: the share as shown (four decimals, half-up)."""
        value = self.metric(name)
        return half_up(value, 4) if isinstance(value, Fraction) else value


@dataclass(slots=True)
class ScenarioPlan:
    name: str
    rules: Rules
    years: list[PlanYear]


@dataclass(frozen=True, slots=True)
class Target:
    """`METRIC OP VALUE@YEAR`, e.g. `certified_share>=0.6@2030`."""

    text: str
    metric: str
    op: str
    value: Decimal
    year: int

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
    value: int | Decimal  # as compared: the share with four decimals
    ok: bool


@dataclass(slots=True)
class PlanResult:
    start: int  # Y0
    horizon: int  # number of years
    scenarios: list[ScenarioPlan]
    targets: list[TargetResult] = field(default_factory=list)
    warnings: Sequence[Text] = field(default_factory=list)  # JSON: the English (str)

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.targets)


_TARGET = re.compile(
    r"\s*(?P<metric>[A-Za-z_]+)\s*(?P<op><=|>=|==|<|>)\s*"
    r"(?P<value>[+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*@\s*(?P<year>\d{4})\s*",
    re.ASCII,  # digits are ASCII digits: `٢٠٢٨` is no year
)


class TargetError(ValueError):
    """A target that cannot be read, or names a year outside the plan."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


def parse_target(text: str) -> Target:
    """`"shortage<=0@2028"` -> Target; a `TargetError` with a sentence for anything else."""
    match = _TARGET.fullmatch(text)
    if match is None:
        raise TargetError(msg("plan.not_a_target", text=text))
    metric = match["metric"]
    if metric not in METRICS:
        raise TargetError(msg("plan.in_target", text=text, problem=not_one_of(metric, METRICS)))
    return Target(text.strip(), metric, match["op"], Decimal(match["value"]), int(match["year"]))


def check_years(targets: Iterable[Target], start: int, horizon: int) -> None:
    """A `TargetError` for the first target whose year is outside the plan."""
    for t in targets:
        if not start <= t.year < start + horizon:
            span = f"{start}-{start + horizon - 1}"
            raise TargetError(msg("plan.target_outside", text=t.text, year=t.year, span=span))


def check_targets(
    scenarios: Iterable[ScenarioPlan], targets: Sequence[Target]
) -> list[TargetResult]:
    """Every target in every scenario, in target order then scenario order."""
    plans = list(scenarios)
    out = []
    for t in targets:
        for s in plans:
            year = next(y for y in s.years if y.year == t.year)
            value = year.measured(t.metric)
            out.append(TargetResult(t, s.name, value, t.holds(Decimal(value))))
    return out
