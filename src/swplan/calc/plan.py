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
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from ..model import ExamPass, LedgerRow, Site, Worker
from ..money import ZERO, share
from ..rules import Rules
from .awards import AwardsResult
from .awards import awards as compute_awards
from .pay import MONEY_FIELDS, PayCalculator, YearCosting
from .staffing import required_posts

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


def _half_up(value: Fraction) -> int:
    """Round a non-negative exact rational half-up to a whole number."""
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def rise_factor(rate: Decimal, k: int) -> Fraction:
    """(1 + rate)^k, exact."""
    return (1 + Fraction(rate)) ** k


def risen(amount: Decimal, factor: Fraction) -> Decimal:
    """`amount` x `factor`, half-up to the fen: risen(4200, 1.03^2) == 4455.78."""
    return Decimal(_half_up(Fraction(amount) * factor * 100)).scaleb(-2)


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


def grown_sites(rules: Rules, sites: Sequence[Site], k: int) -> list[Site]:
    """Each site's clients in plan year k: round-half-up(n0 x (1 + growth)^k)."""
    factors = {}
    for c in rules.categories:
        f = rise_factor(rules.plan.growth(c), k)
        if f != 1:
            factors[c] = (2 * f.numerator, 2 * f.denominator, f.denominator)
    if not factors:
        return list(sites)
    out = []
    for s in sites:
        clients = dict(s.clients)
        for category, (num2, den2, den) in factors.items():
            n = clients.get(category)
            if n:
                clients[category] = (n * num2 + den) // den2  # half-up, in integers
        out.append(Site(s.id, s.name, s.kind, clients))
    return out


def share_count(count: int, rate: Decimal) -> int:
    """round-half-up(count x rate): 5 workers x 0.1 -> 1 (0.5 rounds up)."""
    return _half_up(count * Fraction(rate))


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


# --------------------------------------------------------------------------- the two money calls


_ANNUAL_COST = MONEY_FIELDS.index("annual_cost")


def year_cost(rules: Rules, year: int, facts: Mapping[PayFacts, int]) -> Decimal:
    """The cost of calendar year `year` under `rules` of `count` workers with each set of facts.

    The cost of a year as `pay --year` and `budget` have it: month by month, each month
    under the rules in force on its first day, a worker hired during the year paid
    from the first month that starts on or after `hired`. A worker's cost depends only
    on their pay facts, so each distinct set is costed once, times its count.
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
    total = ZERO
    for profile, count in profiles.items():
        total += costing.money(*profile)[_ANNUAL_COST] * count
    return total


def first_year_awards(
    rules: Rules,
    year: int,
    workers: Sequence[Worker],
    passes: Sequence[ExamPass],
    ledger: Sequence[LedgerRow],
) -> AwardsResult:
    """The awards a budget of `year` pays: the roster's and file's passes as of 1 January."""
    return compute_awards(rules, workers, passes, ledger, dt.date(year, 1, 1))


# --------------------------------------------------------------------------- one scenario


class _Member:
    """One worker of the plan: who they are, their title now, their order for ties."""

    __slots__ = ("key", "order", "title", "worker")

    def __init__(self, order: int, worker: Worker) -> None:
        self.order = order  # roster position; planned hires after the roster, in hiring order
        self.worker = worker
        self.title = worker.title
        self.key = self._key()

    def _key(self) -> PayFacts:
        """The pay facts of plan year 0 (`years_of_service` as given)."""
        w = self.worker
        return (
            w.education,
            self.title,
            w.performance,
            w.post,
            w.hired,
            w.years_of_service,
            w.years_not_counted,
        )

    def promote(self, title: str) -> None:
        self.title = title
        self.key = self._key()

    def yos(self, k: int) -> int | None:
        given = self.worker.years_of_service
        return None if given is None else given + k

    def years_on(self, calc: PayCalculator, day: dt.date, k: int) -> int:
        """Years of service (as pay counts them) on `day` of plan year k."""
        w = self.worker
        given = w.years_of_service
        if given is None and (w.hired is None or w.hired > day):
            base = 0
        else:
            base = calc.base_years(w.hired, None if given is None else given + k, day)
        return calc.service_years(w.education, base, w.years_not_counted)


class _Seniority:
    """Years of service on one day of one plan year, worked out once per set of facts."""

    def __init__(self, calc: PayCalculator, day: dt.date, k: int) -> None:
        self.calc, self.day, self.k = calc, day, k
        self.known: dict[tuple[str, dt.date | None, int | None, int], int] = {}

    def __call__(self, m: _Member) -> int:
        w = m.worker
        key = (w.education, w.hired, w.years_of_service, w.years_not_counted)
        years = self.known.get(key)
        if years is None:
            years = self.known[key] = m.years_on(self.calc, self.day, self.k)
        return years


def plan_scenario(
    name: str,
    rules: Rules,
    sites: Sequence[Site],
    workers: Sequence[Worker],
    passes: Sequence[ExamPass],
    ledger: Sequence[LedgerRow],
    start: int,
    horizon: int,
) -> ScenarioPlan:
    """Year by year figures of one scenario (`rules` holds its assumptions)."""
    plan = rules.plan
    known = [s.id for s in sites]
    by_site: dict[str, list[_Member]] = {s: [] for s in known}
    for i, w in enumerate(workers):
        by_site.setdefault(w.site, []).append(_Member(i, w))
    next_order = len(workers)
    hire = rules.budget.new_hire
    start_month = hire.start_month
    certified_titles = rules.certified_titles
    ladder = list(rules.awards.ladder)
    cert_steps = [
        (exam, ladder[i - 1] if i else "none", _Shares(plan.certification[exam]))
        for i, exam in reversed(list(enumerate(ladder)))
        if exam in plan.certification
    ]
    leaving_count = _Shares(plan.attrition)
    paid = list(ledger)
    pending_passes: list[ExamPass] = []
    pending_workers: dict[str, Worker] = {}
    years: list[PlanYear] = []
    required: dict[str, int] = {}
    growth = any(g != 0 for g in plan.client_growth.values())
    clients = 0

    for k in range(horizon):
        year = start + k
        jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
        rules_y = rules_of_year(rules, k)
        seniority = _Seniority(PayCalculator(rules_y.in_force(dec31)), dec31, k)

        if k == 0 or growth:
            site_now = grown_sites(rules, sites, k)
            posts = required_posts(rules_y, site_now)
            required = {p.id: p.required for p in posts.sites}
            clients = sum(sum(s.clients.values()) for s in site_now)

        # 1 January: the workers, then the hires
        workers_start = sum(len(m) for m in by_site.values())
        hires = 0
        if plan.hiring == "fill":
            hired_on = dt.date(year, start_month, 1)
            for site_id in known:
                members = by_site[site_id]
                gap = required[site_id] - len(members)
                for _ in range(gap):
                    hires += 1
                    new = Worker(
                        id=f"+hire {year} #{hires}",  # never a roster id: has a space and '+'
                        site=site_id,
                        education=hire.education,
                        title=hire.title,
                        post=hire.post,
                        performance=hire.performance,
                        hired=hired_on,
                    )
                    members.append(_Member(next_order, new))
                    next_order += 1
        count = workers_start + hires
        shortage = sum(max(0, required[s] - len(by_site[s])) for s in known)

        base: Counter[PayFacts] = Counter()
        for members in by_site.values():
            base.update([m.key for m in members])
        # a worker given years_of_service has k more in year k
        facts: Counter[PayFacts] = Counter()
        for (e, t, r, p, h, given, not_counted), n in base.items():
            facts[(e, t, r, p, h, None if given is None else given + k, not_counted)] += n
        certified = sum(n for f, n in facts.items() if f[1] in certified_titles)
        staff_cost = year_cost(rules_y, year, facts)

        if k == 0:
            result = first_year_awards(rules_y, year, workers, passes, ledger)
        else:
            result = compute_awards(
                rules_y, list(pending_workers.values()), pending_passes, paid, jan1
            )
        paid.extend(LedgerRow(a.worker_id, a.exam, a.amount, jan1) for a in result.due_awards)
        awards_due = result.due
        training = rules_y.budget.training_per_worker * count

        # 31 December: planned passes (top of the ladder first), then leavers
        pending_passes, pending_workers = [], {}
        for members in by_site.values():
            if not members:
                continue
            promoted: list[tuple[_Member, str]] = []
            for exam, below, passing in cert_steps:
                candidates = [m for m in members if m.title == below]
                n = passing(len(candidates))
                if not n:
                    continue
                candidates.sort(key=lambda m: (-seniority(m), m.order))
                for m in candidates[:n]:
                    promoted.append((m, exam))
            for m, exam in promoted:
                m.promote(exam)
                w = m.worker
                pending_passes.append(ExamPass(w.id, exam, dec31))
                given = m.yos(k)
                if w.exams or given != w.years_of_service:
                    # judged as of the pass: no roster exams again, that year's service
                    w = replace(w, exams=(), years_of_service=given)
                pending_workers[w.id] = w
        leavers = 0
        if plan.attrition:
            for site_id, members in by_site.items():
                n = leaving_count(len(members))
                if not n:
                    continue
                ranked = sorted(members, key=lambda m: (seniority(m), -m.order))
                leaving = {id(m) for m in ranked[:n]}
                by_site[site_id] = [m for m in members if id(m) not in leaving]
                leavers += n

        staff_total = staff_cost + awards_due + training
        years.append(
            PlanYear(
                year=year,
                clients=clients,
                required=sum(required.values()),
                workers_start=workers_start,
                hires=hires,
                workers=count,
                leavers=leavers,
                shortage=shortage,
                certified=certified,
                certified_share=share(Decimal(certified), Decimal(count)),
                staff_cost=staff_cost,
                awards=awards_due,
                training=training,
                total=staff_total,
                passes=len(pending_passes),
            )
        )
    return ScenarioPlan(name, rules, years)


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
    workers: Sequence[Worker],
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
    plans = [
        plan_scenario(name, rules, sites, workers, passes, ledger, y0, n)
        for name, rules in scenarios
    ]
    known = {s.id for s in sites}
    unknown = Counter(w.site for w in workers if w.site not in known)
    warnings = [
        f"{count} worker(s) at site {site!r}, which is not in the populations: "
        "costed, never hired for"
        for site, count in unknown.items()
    ]
    return PlanResult(y0, n, plans, check_targets(plans, targets), warnings)
