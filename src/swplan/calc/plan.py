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
"""

from __future__ import annotations

import datetime as dt
import math
import re
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from itertools import compress
from operator import sub
from typing import Any

from ..model import ExamPass, LedgerRow, Site, Worker
from ..money import ZERO, half_up, share
from ..rules import NewHire, Rules
from .awards import DUE, AwardsResult
from .awards import awards as compute_awards
from .pay import MONEY_FIELDS, PayCalculator, YearCosting
from .staffing import posts_required_columns

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

# education, title, performance, post, hired, years_of_service (that year's figure),
# years_not_counted
PayFacts = tuple[str, str, str | None, str | None, dt.date | None, int | None, int]


# --------------------------------------------------------------------------- results


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
    certified_share: str  # certified / workers, four decimals half-up
    staff_cost: Decimal
    awards: Decimal
    training: Decimal
    total: Decimal
    passes: int = 0  # planned passes at 31 December (their awards are paid next year)

    def metric(self, name: str) -> int | str | Decimal:
        value: int | str | Decimal = getattr(self, name)
        return value


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
    value: int | str | Decimal
    ok: bool


@dataclass(slots=True)
class PlanResult:
    start: int  # Y0
    horizon: int  # number of years
    scenarios: list[ScenarioPlan]
    targets: list[TargetResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.targets)


_TARGET = re.compile(
    r"\s*(?P<metric>[A-Za-z_]+)\s*(?P<op><=|>=|==|<|>)\s*"
    r"(?P<value>[+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*@\s*(?P<year>\d{4})\s*"
)


def parse_target(text: str) -> Target:
    """`"shortage<=0@2028"` -> Target; a `ValueError` with a sentence for anything else."""
    match = _TARGET.fullmatch(text)
    if match is None:
        raise ValueError(
            f"{text!r} is not a target; write METRIC OP VALUE@YEAR, e.g. "
            "certified_share>=0.6@2030 or total<=25000000@2027 (OP one of <= >= < > ==)"
        )
    metric = match["metric"]
    if metric not in METRICS:
        from ..errors import one_of

        raise ValueError(f"in {text!r}: " + one_of(metric, METRICS))
    return Target(text.strip(), metric, match["op"], Decimal(match["value"]), int(match["year"]))


# --------------------------------------------------------------------------- exact rises


def rise_factor(rate: Decimal, k: int) -> Fraction:
    """(1 + rate)^k, exact."""
    return (1 + Fraction(rate)) ** k


def risen(amount: Decimal, factor: Fraction) -> Decimal:
    """`amount` x `factor`, half-up to the fen: risen(4200, 1.03^2) == 4455.78."""
    return half_up(Fraction(amount) * factor, 2)


def _risen_pay(rules: Rules, pay_f: Fraction, base_f: Fraction) -> Rules:
    """`rules` with every money amount of `pay` x pay_f and every contribution base
    bound x base_f, each half-up to the fen."""
    pay = rules.pay
    contributions = pay.contributions
    base = contributions.base

    def up(amount: Decimal) -> Decimal:
        return risen(amount, pay_f)

    def up_base(amount: Decimal | None) -> Decimal | None:
        return None if amount is None else risen(amount, base_f)

    update: dict[str, object] = {
        "allowances": pay.allowances.model_copy(
            update={"title": {t: up(a) for t, a in pay.allowances.title.items()}}
        ),
        "components": {
            name: c.model_copy(
                update={
                    "amounts": {k: up(a) for k, a in c.amounts.items()},
                    "per_year": None if c.per_year is None else up(c.per_year),
                }
            )
            for name, c in pay.components.items()
        },
        "contributions": contributions.model_copy(
            update={
                "base": base.model_copy(
                    update={
                        "floor": risen(base.floor, base_f),
                        "ceiling": risen(base.ceiling, base_f),
                    }
                ),
                "items": {
                    name: item.model_copy(
                        update={
                            "base": item.base.model_copy(
                                update={
                                    "floor": up_base(item.base.floor),
                                    "ceiling": up_base(item.base.ceiling),
                                }
                            )
                        }
                    )
                    for name, item in contributions.items.items()
                },
            }
        ),
    }
    if pay.grades is not None:
        update["grades"] = [g.model_copy(update={"monthly": up(g.monthly)}) for g in pay.grades]
    return rules.model_copy(update={"pay": pay.model_copy(update=update)})


def rules_of_year(rules: Rules, k: int) -> Rules:
    """The rules of plan year k: pay amounts and contribution base bounds risen k times,
    on top of the dated changes in force (each version of the rules is risen)."""
    plan = rules.plan
    if k == 0 or (plan.pay_rise == 0 and plan.base_rise == 0):
        return rules
    pay_f = rise_factor(plan.pay_rise, k)
    base_f = rise_factor(plan.base_rise, k)
    out = _risen_pay(rules, pay_f, base_f)
    versions = [(day, v) for day, v in rules.versions() if day is not None]
    if versions:
        out._versions = [(day, _risen_pay(v, pay_f, base_f)) for day, v in versions]
    return out


def share_count(count: int, rate: Decimal) -> int:
    """round-half-up(count x rate): 5 workers x 0.1 -> 1 (0.5 rounds up)."""
    return half_up(count * Fraction(rate))


class _Shares:
    """`share_count` for one rate, remembered for each count (a site has few workers)."""

    def __init__(self, rate: Decimal) -> None:
        self.rate = rate
        self.known: dict[int, int] = {}

    def __call__(self, count: int) -> int:
        n = self.known.get(count)
        if n is None:
            n = self.known[count] = share_count(count, self.rate)
        return n

    def upto(self, most: int) -> list[int]:
        """The share of every count from 0 to `most`, by count (to look up many)."""
        return [self(count) for count in range(most + 1)]


# --------------------------------------------------------------------------- the two money calls


_ANNUAL_COST = MONEY_FIELDS.index("annual_cost")


def year_cost(
    rules: Rules,
    year: int,
    facts: Mapping[PayFacts, int],
    known: dict[tuple[object, ...], Decimal] | None = None,
) -> Decimal:
    """The cost of calendar year `year` under `rules` of `count` workers with each set of facts.

    The cost of a year as `pay --year` and `budget` have it: month by month, each month
    under the rules in force on its first day, a worker hired during the year paid
    from the first month that starts on or after `hired`. A worker's cost depends only
    on their pay facts, so each distinct set is costed once, times its count. `known`
    keeps the cost of each pay profile for another call with the same rules and year.
    """
    costing = YearCosting(rules, year)
    bases_of: dict[tuple[dt.date | None, int | None], tuple[tuple[int, ...], int]] = {}
    years_of: dict[tuple[str, tuple[int, ...], int], tuple[int, ...]] = {}
    profiles: Counter[tuple[str, str, str | None, str | None, tuple[int, ...], int]] = Counter()
    for (education, title, performance, post, hired, given, not_counted), count in facts.items():
        bases = bases_of.get((hired, given))
        if bases is None:
            bases = bases_of[(hired, given)] = costing.base_years(hired, given)
        key = (education, bases[0], not_counted)
        years = years_of.get(key)
        if years is None:
            years = years_of[key] = costing.years(education, bases[0], not_counted)
        profiles[(education, title, performance, post, years, bases[1])] += count
    if known is None:
        known = {}
    total = ZERO
    for profile, count in profiles.items():
        cost = known.get(profile)
        if cost is None:
            cost = known[profile] = costing.money(*profile)[_ANNUAL_COST]
        total += cost * count
    return total


# --------------------------------------------------------------------------- the roster, compact

# education, title, performance, post, hired (as `day_class` has it), years_of_service
# (as given), years_not_counted, employment: all a plan reads of a worker but the id,
# the site and the exact hiring day
Facts = tuple[str, str, str | None, str | None, dt.date | None, int | None, int, str | None]


def day_class(hired: dt.date | None) -> dt.date | None:
    """`hired` as the plan's years and months need it: the 1st of a month stays, any
    later day of the month reads as the 2nd.

    A plan compares a hiring day only with the first day of a month (a month's years,
    the first month paid) and with 31 December (years served), and every later day of
    the same month compares with those as the 2nd does, `service.counted_from` or not.
    So workers hired on different days of a month have the same facts (a national
    roster hired day by day has a few thousand sets of facts, not one per worker);
    the exact day is kept apart, for the awards.
    """
    if hired is None or hired.day <= 2:
        return hired
    return hired.replace(day=2)


class PlanRoster:
    """The roster as a plan reads it: per worker an id, a site number, a facts number
    and the hiring day.

    A national roster has 1.5 million workers but far fewer distinct sets of facts, so
    each set of facts and each site name is held once and a worker is a few integers in
    arrays. Workers are added one at a time in roster order (`append`, or `add` from a
    reader that has the parts, so it can fill it row by row without a list of
    workers); a worker with exams of its own is also kept whole, for the first year's
    awards.
    """

    def __init__(self, workers: Iterable[Worker] = ()) -> None:
        self.ids: list[str] = []
        self.sites: list[str] = []  # site ids, in order of first appearance
        self.facts: list[Facts] = []
        self.site = array("i")  # per worker: an index into `sites`
        self.fact = array("i")  # per worker: an index into `facts`
        self.hired = array("i")  # per worker: the hiring day's ordinal (0: none given)
        self.with_exams: dict[int, Worker] = {}  # roster position -> the worker
        self.site_no: dict[str, int] = {}
        self.fact_numbers: dict[Facts, int] = {}  # each set of facts -> its number
        self._positions: dict[str, int] | None = None
        for w in workers:
            self.append(w)

    def __len__(self) -> int:
        return len(self.ids)

    def append(self, w: Worker) -> None:
        facts = (
            w.education,
            w.title,
            w.performance,
            w.post,
            day_class(w.hired),
            w.years_of_service,
            w.years_not_counted,
            w.employment,
        )
        if w.exams:
            self.with_exams[len(self.ids)] = w
        self.add(w.id, w.site, facts, 0 if w.hired is None else w.hired.toordinal())

    def adder(self) -> Callable[[str, str, Facts, int], None]:
        """`add`, with its look-ups done once: for a reader adding a million workers."""
        site_no, sites, fact_numbers, all_facts = (
            self.site_no,
            self.sites,
            self.fact_numbers,
            self.facts,
        )
        add_id, add_site, add_fact, add_hired = (
            self.ids.append,
            self.site.append,
            self.fact.append,
            self.hired.append,
        )
        self._positions = None

        def add(worker_id: str, site_id: str, facts: Facts, hired: int) -> None:
            site = site_no.get(site_id)
            if site is None:
                site = site_no[site_id] = len(sites)
                sites.append(site_id)
            no = fact_numbers.get(facts)
            if no is None:
                no = fact_numbers[facts] = len(all_facts)
                all_facts.append(facts)
            add_id(worker_id)
            add_site(site)
            add_fact(no)
            add_hired(hired)

        return add

    def add(self, worker_id: str, site_id: str, facts: Facts, hired: int) -> None:
        """One worker by its parts: `facts` with the hiring day as `day_class` has it,
        `hired` the day's ordinal (0: none)."""
        site = self.site_no.get(site_id)
        if site is None:
            site = self.site_no[site_id] = len(self.sites)
            self.sites.append(site_id)
        no = self.fact_numbers.get(facts)
        if no is None:
            no = self.fact_numbers[facts] = len(self.facts)
            self.facts.append(facts)
        self.ids.append(worker_id)
        self.site.append(site)
        self.fact.append(no)
        self.hired.append(hired)
        self._positions = None

    def site_of(self, i: int) -> str:
        return self.sites[self.site[i]]

    def not_at(self, sites: Collection[str]) -> list[int]:
        """The roster positions of the workers at none of `sites`."""
        odd = {n for n, site in enumerate(self.sites) if site not in sites}
        return [i for i, n in enumerate(self.site) if n in odd] if odd else []

    def move(self, sites: Mapping[str, str]) -> None:
        """Workers at each site of `sites` are at the site it names instead (a site
        written by its name, once its id is known)."""
        self.sites = [sites.get(site, site) for site in self.sites]
        self.site_no = {}
        for n, site in enumerate(self.sites):
            self.site_no.setdefault(site, n)

    def positions(self, ids: Iterable[str] | None = None) -> dict[str, int]:
        """Each worker id -> its roster position; with `ids`, only those found of them
        (a national roster's every id would be a large dict)."""
        if self._positions is not None:
            everyone = self._positions
            return everyone if ids is None else {i: everyone[i] for i in ids if i in everyone}
        if ids is None:
            self._positions = {w: i for i, w in enumerate(self.ids)}
            return self._positions
        wanted = set(ids)
        if not wanted:
            return {}
        return {w: i for i, w in enumerate(self.ids) if w in wanted}

    def worker(self, i: int) -> Worker:
        """The worker at roster position i, as pay and awards read it (without a name)."""
        kept = self.with_exams.get(i)
        if kept is not None:
            return kept
        education, title, performance, post, _, given, not_counted, employment = self.facts[
            self.fact[i]
        ]
        day = self.hired[i]
        return Worker(
            id=self.ids[i],
            site=self.sites[self.site[i]],
            education=education,
            title=title,
            post=post,
            hired=dt.date.fromordinal(day) if day else None,
            years_of_service=given,
            performance=performance,
            employment=employment,
            years_not_counted=not_counted,
        )


def first_year_awards(
    rules: Rules,
    year: int,
    workers: Sequence[Worker] | PlanRoster,
    passes: Sequence[ExamPass],
    ledger: Sequence[LedgerRow],
) -> AwardsResult:
    """The awards a budget of `year` pays: the roster's and file's passes as of 1 January."""
    jan1 = dt.date(year, 1, 1)
    if not isinstance(workers, PlanRoster):
        return compute_awards(rules, workers, passes, ledger, jan1)
    # only the workers with exams of their own and those the passes name are needed
    roster = workers
    positions = roster.positions(p.worker_id for p in passes)
    needed = set(roster.with_exams)
    needed.update(positions.values())
    judged = [roster.worker(i) for i in sorted(needed)]
    # the ids the passes may name: those found, and the workers with exams of their own
    ids: Collection[str] = {*positions, *(w.id for w in roster.with_exams.values())}
    if any(p.worker_id not in positions for p in passes):
        ids = roster.positions()  # every id, for the message naming the closest
    return compute_awards(rules, judged, passes, ledger, jan1, roster_ids=ids)


# --------------------------------------------------------------------------- one scenario


def _threshold(rate: Decimal) -> int | None:
    """The fewest people of whom round-half-up(count x rate) is at least 1 (None: never)."""
    if rate <= 0:
        return None
    return math.ceil(Fraction(1, 2) / Fraction(rate))


class _Shared:
    """What every scenario of a plan starts from: the roster, its sites, required posts."""

    def __init__(self, sites: Sequence[Site], roster: PlanRoster) -> None:
        self.sites = sites
        self.roster = roster
        self.known = [s.id for s in sites]
        # the plan's sites: the populations' in their order, then the roster's others
        slot: dict[str, int] = {}
        for site_id in self.known:
            slot.setdefault(site_id, len(slot))
        of_roster = array("l")
        for site_id in roster.sites:
            n = slot.get(site_id)
            if n is None:
                n = slot[site_id] = len(slot)
            of_roster.append(n)
        self.slot = slot
        # arrays, not lists: a national plan holds millions of worker numbers
        members: list[array[int]] = [array("i") for _ in slot]
        for i, site in enumerate(roster.site):
            members[of_roster[site]].append(i)
        self.members = members  # roster positions per site, in roster order
        counts = array("l", [0]) * len(roster.facts)  # facts number -> workers
        for no, n in Counter(roster.fact).items():
            counts[no] = n
        self.counts = counts
        self.known_slots = [slot[site_id] for site_id in self.known]
        # each category's clients as a column, a number per site (0: none)
        self.kinds = [s.kind for s in sites]
        self.columns: dict[str, array[int]] = {}
        for category in dict.fromkeys(c for s in sites for c in s.clients):
            self.columns[category] = array("q", (s.clients.get(category, 0) for s in sites))
        self._required: dict[tuple[object, ...], tuple[array[int], int, int]] = {}
        self.workforces: dict[tuple[object, ...], list[_Year]] = {}
        self.to_come: Counter[tuple[object, ...]] = Counter()  # scenarios per workforce
        # the cost of each pay profile per year, kept for scenarios still to come that
        # cost alike (the same pay and rises: a scenario changing only the staffing)
        self.costs: dict[tuple[object, int], dict[tuple[object, ...], Decimal]] = {}
        self.costs_to_come: Counter[object] = Counter()

    def required(self, rules: Rules, k: int) -> tuple[array[int], int, int]:
        """Required posts per site (by slot; a site listed twice: its last entry), the
        clients in all and the required posts in all, in plan year k."""
        factors = {}
        for c in rules.categories:
            f = rise_factor(rules.plan.growth(c), k)
            if f != 1:
                factors[c] = f
        staffing = rules.staffing
        key = (
            tuple((c, rules.ratio(c)) for c in rules.categories),
            tuple(sorted(staffing.minimum_posts.items())),
            tuple(factors.items()),
        )
        known = self._required.get(key)
        if known is None:
            columns = self.columns
            grown: dict[str, Sequence[int]] = {}
            for category, column in columns.items():
                growth = factors.get(category)
                if growth is None:
                    grown[category] = column
                    continue
                now = {n: half_up(n * growth) for n in set(column)}
                grown[category] = list(map(now.__getitem__, column))
            clients = sum(sum(column) for column in grown.values())
            posts = posts_required_columns(rules, self.kinds, grown)
            required = array("l", [0]) * len(set(self.known_slots))
            for slot, n in zip(self.known_slots, posts, strict=True):
                required[slot] = n  # a site listed twice: its last entry
            total = sum(required)
            known = self._required[key] = (required, clients, total)
        return known


def _years_served(
    calc: PayCalculator, day: dt.date, k: int, facts: list[Facts], alive: Iterable[int]
) -> list[int]:
    """Years of service on `day` of plan year k, per facts number (0 for those not alive)."""
    out = [0] * len(facts)
    known: dict[tuple[object, ...], int] = {}
    for no in alive:
        education, _, _, _, hired, given, not_counted, _ = facts[no]
        key = (education, hired, given, not_counted)
        years = known.get(key)
        if years is None:
            if given is None and (hired is None or hired > day):
                base = 0
            else:
                base = calc.base_years(hired, None if given is None else given + k, day)
            years = known[key] = calc.service_years(education, base, not_counted)
        out[no] = years
    return out


@dataclass(slots=True)
class _Year:
    """One year of a scenario's workforce: everything of a `PlanYear` but the staff cost
    and training, with the workers counted per facts number (into `table`) for the
    staff cost."""

    year: int
    clients: int
    required: int
    workers_start: int
    hires: int
    workers: int
    leavers: int
    shortage: int
    certified: int
    awards: Decimal
    passes: int
    table: list[Facts]
    facts: array[int]  # the facts numbers held by workers this year
    counts: array[int]  # how many workers hold each

    def pay_facts(self, k: int) -> Counter[PayFacts]:
        """The workers per set of pay facts (a worker given years_of_service has k more)."""
        out: Counter[PayFacts] = Counter()
        table = self.table
        for no, n in zip(self.facts, self.counts, strict=True):
            e, t, r, p, h, given, not_counted, _ = table[no]
            out[(e, t, r, p, h, None if given is None else given + k, not_counted)] += n
        return out


def plan_scenario(
    name: str,
    rules: Rules,
    sites: Sequence[Site],
    workers: Sequence[Worker] | PlanRoster,
    passes: Sequence[ExamPass],
    ledger: Sequence[LedgerRow],
    start: int,
    horizon: int,
    shared: _Shared | None = None,
) -> ScenarioPlan:
    """Year by year figures of one scenario (`rules` holds its assumptions).

    Scenarios that differ only in pay amounts and their rises (a pay rise scenario)
    have the same workforce: it is worked out once and each costed with its own pay.
    """
    if shared is None:
        roster = workers if isinstance(workers, PlanRoster) else PlanRoster(workers)
        shared = _Shared(sites, roster)
    key = (_workforce_key(rules), start, horizon)
    workforce = shared.workforces.pop(key, None)
    if workforce is None:
        workforce = _workforce(rules, shared, passes, ledger, start, horizon)
    shared.to_come[key] -= 1
    if shared.to_come[key] > 0:  # kept only for a scenario still to come
        shared.workforces[key] = workforce
    pay_key = _pay_key(rules)
    shared.costs_to_come[pay_key] -= 1
    keep = shared.costs_to_come[pay_key] > 0
    years: list[PlanYear] = []
    for k, y in enumerate(workforce):
        rules_y = rules_of_year(rules, k)
        costs = shared.costs.pop((pay_key, y.year), {})
        staff_cost = year_cost(rules_y, y.year, y.pay_facts(k), costs)
        if keep:
            shared.costs[(pay_key, y.year)] = costs
        training = rules_y.budget.training_per_worker * y.workers
        years.append(
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
                certified_share=share(Decimal(y.certified), Decimal(y.workers)),
                staff_cost=staff_cost,
                awards=y.awards,
                training=training,
                total=staff_cost + y.awards + training,
                passes=y.passes,
            )
        )
    return ScenarioPlan(name, rules, years)


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


def _workforce(
    rules: Rules,
    shared: _Shared,
    passes: Sequence[ExamPass],
    ledger: Sequence[LedgerRow],
    start: int,
    horizon: int,
) -> list[_Year]:
    """The workforce of a scenario year by year: hires, passes and their awards, leavers.

    Each worker of the plan is a number: roster workers their roster position, planned
    hires numbered on after them in hiring order (the order ties are broken in). A
    worker's facts are a number too, into a table of the distinct sets of facts, so a
    year's workers are counted per set of facts, and last year's planned passes are
    paid per exam, worker facts and awards paid before, not per worker.
    """
    roster = shared.roster
    plan = rules.plan
    known_slots = shared.known_slots
    slot_ids = list(shared.slot)  # the site id of each slot
    members = [m[:] for m in shared.members]  # worker numbers per site, in order
    facts = list(roster.facts)  # the distinct sets of facts, grown by hires and passes
    roster_no = roster.fact_numbers  # the roster's sets of facts -> number (not copied)
    fact_no: dict[Facts, int] = {}  # the sets of facts new in this scenario -> number
    fact: list[int] = list(roster.fact)  # worker number -> the number of its facts now
    counts = shared.counts[:]  # facts number -> workers holding them now
    n_roster = len(roster)
    # the awards paid in the plan to each worker: (exam, amount, paid_on), or None
    history: list[tuple[tuple[str, Decimal, dt.date], ...] | None] = [None] * n_roster
    if ledger:
        positions = roster.positions(row.worker_id for row in ledger)
        for row in ledger:
            i = positions.get(row.worker_id)
            if i is not None:
                history[i] = (*(history[i] or ()), (row.exam, row.amount, row.paid_on))
    histories: dict[tuple[tuple[str, Decimal, dt.date], ...], Any] = {}
    # each year's planned hires: (first worker number, year, facts number)
    batches: list[tuple[int, int, int]] = []

    title_of = [f[1] for f in facts]  # facts number -> title

    def intern(f: Facts) -> int:
        no = roster_no.get(f)
        if no is None:
            no = fact_no.get(f)
            if no is None:
                no = fact_no[f] = len(facts)
                facts.append(f)
                title_of.append(f[1])
                counts.append(0)
        return no

    def promotion(no: int, title: str) -> int:
        e, _, r, p, h, y, nc, emp = facts[no]
        return intern((e, title, r, p, h, y, nc, emp))

    hire = rules.budget.new_hire
    start_month = hire.start_month
    certified_titles = rules.certified_titles
    ladder = list(rules.awards.ladder)
    cert_steps = [
        (exam, ladder[i - 1] if i else "none", _Shares(plan.certification[exam]))
        for i, exam in reversed(list(enumerate(ladder)))
        if exam in plan.certification
    ]
    # each step with the fewest candidates of whom one passes; a smaller site has no pass
    steps = [
        (exam, below, passing, fewest)
        for exam, below, passing in cert_steps
        if (fewest := _threshold(passing.rate)) is not None
    ]
    # the candidates' title of each step -> a number (from 1), for quick comparisons
    codes = {below: n for n, (_, below, _, _) in enumerate(steps, 1)}
    steps_by_code = [
        (exam, codes[below], passing, fewest) for exam, below, passing, fewest in steps
    ]
    promoted_to: dict[tuple[int, str], int] = {}
    slots_unique = len(set(known_slots)) == len(known_slots)
    short = (
        0
    ).__lt__  # a gap above 0: a site short of posts  # (facts number, exam) -> facts after the pass
    judged = rules.awards_judge_workers
    fewest_passing = min(step[3] for step in steps) if steps else None
    leaving_count = _Shares(plan.attrition)
    fewest_leaving = _threshold(plan.attrition)
    # the planned passes of 31 December, paid the next year: per (exam, facts number of
    # the worker as hired or rostered, awards paid before) the first worker and them all
    pending: dict[tuple[Any, ...], tuple[Worker, list[int]]] = {}
    years: list[_Year] = []
    required = array("l")
    required_total = 0
    growth = any(g != 0 for g in plan.client_growth.values())
    clients = 0
    alive = n_roster

    for k in range(horizon):
        year = start + k
        jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
        rules_y = rules_of_year(rules, k)

        if k == 0 or growth:
            required, clients, required_total = shared.required(rules, k)

        # 1 January: the workers, then the hires
        workers_start = alive
        hires = 0
        if plan.hiring == "fill":
            hired_on = dt.date(year, start_month, 1)
            hire_facts = (
                hire.education,
                hire.title,
                hire.performance,
                hire.post,
                hired_on,
                None,
                0,
                None,
            )
            hire_no = intern(hire_facts)
            first = len(fact)
            if slots_unique:  # the known sites are slots 0, 1, ...: only those short
                gaps = list(map(sub, required, map(len, members)))
                for s in compress(known_slots, map(short, gaps)):
                    gap = gaps[s]
                    members[s].extend(range(first + hires, first + hires + gap))
                    hires += gap
            else:
                for s in known_slots:
                    site_members = members[s]
                    gap = required[s] - len(site_members)
                    if gap > 0:
                        site_members.extend(range(first + hires, first + hires + gap))
                        hires += gap
            if hires:
                batches.append((first, year, hire_no))
                fact.extend([hire_no] * hires)
                history.extend([None] * hires)
                counts[hire_no] += hires
        count = workers_start + hires
        alive = count
        if slots_unique:
            shortage = sum(filter(short, map(sub, required, map(len, members))))
        else:
            shortage = sum(max(0, required[s] - len(members[s])) for s in known_slots)

        held = array("l", [no for no, n in enumerate(counts) if n])
        how_many = array("l", [counts[no] for no in held])
        certified = sum(
            n for no, n in zip(held, how_many, strict=True) if title_of[no] in certified_titles
        )

        if k == 0:
            result = first_year_awards(rules_y, year, roster, passes, ledger)
            awards_due = result.due
            if result.due_awards:
                positions = roster.positions(a.worker_id for a in result.due_awards)
                for a in result.due_awards:
                    i = positions[a.worker_id]
                    history[i] = (*(history[i] or ()), (a.exam, a.amount, jan1))
        else:
            awards_due = _pay_planned(rules_y, jan1, pending, history, histories)

        # 31 December: planned passes (top of the ladder first), then leavers
        pending = {}
        passed = 0
        served: list[int] = []
        if fewest_passing is not None or fewest_leaving is not None:
            calc = PayCalculator(rules_y.in_force(dec31))
            served = _years_served(calc, dec31, k, facts, held)
            # per worker number: years served, and the title's number (0: not a
            # candidate of any step); a pass changes neither the years nor, within the
            # year, whose candidate a worker is
            years_of = array("h", map(served.__getitem__, fact)).__getitem__
        if fewest_passing is not None:
            title_code = [codes.get(t, 0) for t in title_of]
            titles_of = array("b", map(title_code.__getitem__, fact)).__getitem__
            sizes = list(map(len, members))
            most = max(sizes, default=0)
            passing_of = [
                (exam, code, passing.upto(most), least)
                for exam, code, passing, least in steps_by_code
            ]
            big_enough = map(fewest_passing.__le__, sizes)

            def apply(
                passers: list[int],
                exams: list[str],
                at: list[int],
                pending: dict[tuple[Any, ...], tuple[Worker, list[int]]],
                k: int,
            ) -> None:
                """Some of the year's passes, each passer's facts now and the group its
                award is judged in (a batch at a time: a few lists, not millions)."""
                # each passer's facts now: each (facts, exam) promoted once, in order met
                olds = list(map(fact.__getitem__, passers))
                steps_taken = list(zip(olds, exams, strict=True))
                for old, exam in dict.fromkeys(steps_taken):
                    if (old, exam) not in promoted_to:
                        promoted_to[(old, exam)] = promotion(old, exam)
                news = list(map(promoted_to.__getitem__, steps_taken))
                for i, new in zip(passers, news, strict=True):
                    fact[i] = new
                for (old, new), n in Counter(zip(olds, news, strict=True)).items():
                    counts[old] -= n
                    counts[new] += n
                # alike workers: the same exam, facts, hiring day and awards paid before
                # (only the exam and the awards, when the awards judge no worker)
                for i, exam, s in zip(passers, exams, at, strict=True):
                    if not judged:
                        key = (exam, 0, 0, history[i])
                    elif i < n_roster:
                        key = (exam, roster.fact[i], roster.hired[i], history[i])
                    else:
                        _, hired_in, no = batches[bisect_right(batches, (i, 10**9)) - 1]
                        day = dt.date(hired_in, start_month, 1).toordinal()
                        key = (exam, no, day, history[i])
                    group = pending.get(key)
                    if group is None:
                        group = pending[key] = (
                            _as_passed(roster, i, k, slot_ids[s], batches, hire),
                            [],
                        )
                    group[1].append(i)

            # the year's passes, site by site in order: worker, exam, site
            passers: list[int] = []
            exams: list[str] = []
            at: list[int] = []
            for s in compress(range(len(members)), big_enough):
                site_members = members[s]
                size = sizes[s]
                titles = list(map(titles_of, site_members))
                for exam, code, passing_count, fewest_here in passing_of:
                    if size < fewest_here:
                        continue
                    n = passing_count[titles.count(code)]
                    if not n:
                        continue
                    candidates = compress(site_members, map(code.__eq__, titles))
                    # longest-serving first; ties in worker order (the sort is stable)
                    passers.extend(sorted(candidates, key=years_of, reverse=True)[:n])
                    exams.extend([exam] * n)
                    at.extend([s] * n)
                if len(passers) >= 1 << 16:
                    passed += len(passers)
                    apply(passers, exams, at, pending, k)
                    passers, exams, at = [], [], []
            passed += len(passers)
            apply(passers, exams, at, pending, k)
        leavers = 0
        if fewest_leaving is not None:
            leaving_of = leaving_count.upto(max(map(len, members), default=0))
            leaving_at = list(map(leaving_of.__getitem__, map(len, members)))
            for s in compress(range(len(members)), leaving_at):  # the sites someone leaves
                site_members = members[s]
                n = leaving_at[s]
                # shortest-serving first; ties: the latest in worker order first
                if n == 1:
                    gone = min(reversed(site_members), key=years_of)
                    site_members.remove(gone)
                    counts[fact[gone]] -= 1
                else:
                    leaving = set(sorted(reversed(site_members), key=years_of)[:n])
                    members[s] = array("i", [i for i in site_members if i not in leaving])
                    for i in leaving:
                        counts[fact[i]] -= 1
                leavers += n
        alive -= leavers

        years.append(
            _Year(
                year,
                clients,
                required_total,
                workers_start,
                hires,
                count,
                leavers,
                shortage,
                certified,
                awards_due,
                passed,
                facts,
                held,
                how_many,
            )
        )
    return years


def _as_passed(
    roster: PlanRoster,
    i: int,
    k: int,
    site: str,
    batches: list[tuple[int, int, int]],
    hire: NewHire,
) -> Worker:
    """Worker number i as the awards judge its planned pass at the end of plan year k:
    no roster exams again, that year's years of service."""
    if i < len(roster):
        w = roster.worker(i)
        given = None if w.years_of_service is None else w.years_of_service + k
        if w.exams or given != w.years_of_service:
            w = replace(w, exams=(), years_of_service=given)
        return w
    first, year, _ = batches[bisect_right(batches, (i, 10**9)) - 1]
    return Worker(
        id=f"+hire {year} #{i - first + 1}",  # never a roster id: has a space and '+'
        site=site,
        education=hire.education,
        title=hire.title,
        post=hire.post,
        performance=hire.performance,
        hired=dt.date(year, hire.start_month, 1),
    )


def _pay_planned(
    rules: Rules,
    jan1: dt.date,
    pending: dict[tuple[Any, ...], tuple[Worker, list[int]]],
    history: list[tuple[tuple[str, Decimal, dt.date], ...] | None],
    histories: dict[tuple[tuple[str, Decimal, dt.date], ...], Any],
) -> Decimal:
    """The awards of last year's planned passes, paid on 1 January; each worker's
    awards are added to their history.

    A worker's award depends only on the exam, the worker's facts and the awards paid
    to them before, so each group of workers alike in those is judged once, by its
    first worker, and paid as many times as it has workers.
    """
    if not pending:
        return ZERO
    judged: list[Worker] = []
    passes: list[ExamPass] = []
    rows: list[LedgerRow] = []
    day = dt.date(jan1.year - 1, 12, 31)
    for (exam, _, _, before), (w, _) in pending.items():
        judged.append(w)
        passes.append(ExamPass(w.id, exam, day))
        rows.extend(LedgerRow(w.id, e, amount, on) for e, amount, on in before or ())
    result = compute_awards(rules, judged, passes, rows, jan1)
    total = ZERO
    # one award per pass, in the order of the passes
    for a, ((_, _, _, before), (_, group)) in zip(result.awards, pending.items(), strict=True):
        if a.status != DUE:
            continue
        total += a.amount * len(group)
        after = (*(before or ()), (a.exam, a.amount, jan1))
        after = histories.setdefault(after, after)
        for i in group:
            history[i] = after
    return total


# --------------------------------------------------------------------------- the plan


def check_targets(
    scenarios: Iterable[ScenarioPlan], targets: Sequence[Target]
) -> list[TargetResult]:
    """Every target in every scenario, in target order then scenario order."""
    plans = list(scenarios)
    out = []
    for t in targets:
        for s in plans:
            year = next(y for y in s.years if y.year == t.year)
            value = year.metric(t.metric)
            out.append(TargetResult(t, s.name, value, t.holds(Decimal(value))))
    return out


def plan(
    scenarios: Sequence[tuple[str, Rules]],
    sites: Sequence[Site],
    workers: Sequence[Worker] | PlanRoster,
    passes: Sequence[ExamPass] = (),
    ledger: Sequence[LedgerRow] = (),
    start: int | None = None,
    horizon: int | None = None,
    targets: Sequence[Target] = (),
) -> PlanResult:
    """The plan of every scenario, with the targets checked in each.

    `start` defaults to the first scenario's effective year, `horizon` to its
    `plan.years`. A target whose year is outside the plan raises `ValueError`.
    """
    first = scenarios[0][1]
    y0 = start if start is not None else first.effective.year
    n = horizon if horizon is not None else first.plan.years
    for t in targets:
        if not y0 <= t.year < y0 + n:
            raise ValueError(
                f"target {t.text!r}: {t.year} is outside the plan, which covers "
                f"{y0}-{y0 + n - 1}; name a year of the plan or change --from/--years"
            )
    roster = workers if isinstance(workers, PlanRoster) else PlanRoster(workers)
    shared = _Shared(sites, roster)
    shared.to_come.update((_workforce_key(rules), y0, n) for _, rules in scenarios)
    shared.costs_to_come.update(_pay_key(rules) for _, rules in scenarios)
    plans = [
        plan_scenario(name, rules, sites, roster, passes, ledger, y0, n, shared)
        for name, rules in scenarios
    ]
    known = {s.id for s in sites}
    unknown: Counter[str] = Counter()
    for number, count in Counter(roster.site).items():
        if roster.sites[number] not in known:
            unknown[roster.sites[number]] += count
    warnings = [
        f"{count} worker(s) at site {site!r}, which is not in the populations: "
        "costed, never hired for"
        for site, count in unknown.items()
    ]
    return PlanResult(y0, n, plans, check_targets(plans, targets), warnings)
