"""The workforce of a plan's scenario, year by year.

Each year Y = Y0 + k: the required posts of the year's clients (at the sites open that
year); the awards of the year (the roster's and the passes file's in Y0, later those
of last year's planned passes); on 1 January the workers (the roster, later last
year's workers less its leavers) and, with `hiring: fill`, the hires (`plan_hiring`:
to the largest gaps, within the posts caps, the yearly limit and the budget ceiling);
on 31 December the planned passes and then the leavers, each apportioned over the
district (`plan_shares.apportion`) and, within a site, the longest-serving passing
and the shortest-serving leaving; the workers of a site closing that day all leave.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import compress
from operator import sub

from ..messages import msg
from ..rules import Plan, Rules
from .pay import PayCalculator
from .plan_cost import PayFacts, first_year_awards, year_cost
from .plan_hiring import Ceiling, Hiring, hires_under
from .plan_passes import PlannedPasses, pay_planned
from .plan_roster import Facts
from .plan_shares import apportion
from .plan_sites import NO_CAP, Shared
from .plan_timeline import Timeline
from .plan_workers import Pending, Workers

_short = (0).__lt__  # a gap above 0: a site short of posts

# The workers a plan follows, hires included: a national workforce several times over.
# Growth past that (a typing slip in client_growth) is an error before memory runs out.
MAX_PLAN_WORKERS = 10_000_000


class PlanTooBig(ValueError):
    """A planned workforce past `MAX_PLAN_WORKERS`."""

    def __init__(self, workers: int, year: int) -> None:
        self.message = msg(
            "safety.plan_workforce", workers=workers, year=year, limit=MAX_PLAN_WORKERS
        )
        super().__init__(str(self.message))


Rate = tuple[int, int]  # (how many, of how many candidates)


@dataclass(slots=True)
class SiteYear:
    """A year's figures per slot (with --by site): what the staff cost of each site is
    worked out from (the facts numbers its workers hold), and the rest as counts."""

    clients: Sequence[int]
    required: Sequence[int]
    starts: list[int]
    hires: list[int]
    workers: list[int]
    leavers: list[int]
    facts: list[Counter[int]]  # per slot: facts number -> workers
    awards: list[Decimal]


@dataclass(slots=True)
class Year:
    """One year of a scenario's workforce: everything of a `PlanYear` but the money of
    the staff and training, with the workers counted per facts number (into `table`)."""

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
    hires_cut: int = 0
    binding: tuple[str, ...] = ()
    attrition: Rate = (0, 0)  # attrition leavers, of the candidates
    pass_rates: dict[str, Rate] = field(default_factory=dict)  # exam -> passes, candidates
    staff_cost: Decimal | None = None  # worked out already (a budget ceiling needed it)
    over_ceiling: bool = False  # the current staff alone passed the budget ceiling
    sites: SiteYear | None = None

    def pay_facts(self, k: int) -> Counter[PayFacts]:
        """The workers per set of pay facts (a worker given years_of_service has k more)."""
        return pay_facts(self.table, self.facts, self.counts, k)


def pay_facts(
    table: list[Facts], numbers: Iterable[int], counts: Iterable[int], k: int
) -> Counter[PayFacts]:
    """Workers per set of pay facts: `counts` hold each facts number of `numbers`."""
    out: Counter[PayFacts] = Counter()
    for no, n in zip(numbers, counts, strict=True):
        e, t, r, p, h, given, not_counted, _ = table[no]
        out[(e, t, r, p, h, None if given is None else given + k, not_counted)] += n
    return out


def years_served(
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


class Workforce:
    """One scenario's workforce, worked out a year at a time (`year`)."""

    def __init__(
        self, rules: Rules, shared: Shared, timeline: Timeline, *, by_site: bool = False
    ) -> None:
        self.rules = rules
        self.shared = shared
        self.timeline = timeline
        self.by_site = by_site
        self.workers = Workers(shared, rules.budget.new_hire, by_site=by_site)
        self.passes = PlannedPasses(rules, self.workers)
        self.certified_titles = rules.certified_titles
        self.known_slots = shared.known_slots
        self.slots_unique = len(set(self.known_slots)) == len(self.known_slots)
        self.required: Sequence[int] = array("l")  # required posts per slot
        self.alive = len(shared.roster)
        self.pending: Pending = {}  # the year's planned passes, paid the next year
        self.awarded: list[Decimal] | None = None  # the year's awards per slot (by site)
        self._staff_before = self._hire_cost = Decimal(0)  # under a budget ceiling

    def year(self, k: int) -> Year:
        """Plan year k: its hires, awards, passes and leavers."""
        tl = self.timeline
        year = tl.start + k
        plan = tl.plan(k)
        rules_y = tl.rules_of(k)
        staffing = self.shared.staffing(self.rules, tl, k, self.by_site)
        self.required = staffing.required
        w = self.workers
        workers_start = self.alive
        starts = list(map(len, w.members)) if self.by_site else []
        awards = self.awards(year, k, rules_y)
        # 1 January: the workers, then the hires
        ceiling = self.ceiling(plan, rules_y, year, k, awards)
        hires, binding, staff_cost = 0, tuple[str, ...](), None
        if plan.hiring == "fill":
            hiring = self.hire(year, plan, ceiling)
            hires, binding = hiring.hires, hiring.binding
        if ceiling is not None:
            staff_cost = self._staff_before + hires * self._hire_cost
        count = workers_start + hires
        shortage = self.shortage()
        held, how_many = w.held()
        title_of, titles = w.title_of, self.certified_titles
        certified = sum(n for no, n in zip(held, how_many, strict=True) if title_of[no] in titles)
        sites = self.site_year(staffing.clients_of, starts) if self.by_site else None
        # 31 December: planned passes (top of the ladder first), then leavers
        passed, rates, attrition, leavers = self.year_end(year, k, plan, rules_y, held)
        if sites is not None:
            sites.leavers = list(map(sub, sites.workers, map(len, w.members)))
        self.alive = count - leavers
        return Year(
            year,
            staffing.clients,
            staffing.required_total,
            workers_start,
            hires,
            count,
            leavers,
            shortage,
            certified,
            awards,
            passed,
            w.facts,
            held,
            how_many,
            hires_cut=shortage if plan.hiring == "fill" else 0,
            binding=binding,
            attrition=attrition,
            pass_rates=rates,
            staff_cost=staff_cost,
            over_ceiling=ceiling is not None and ceiling.passed,
            sites=sites,
        )

    # ------------------------------------------------------------------ 1 January

    def ceiling(
        self, plan: Plan, rules_y: Rules, year: int, k: int, awards: Decimal
    ) -> Ceiling | None:
        """The year's budget ceiling, with the total before hiring and a hire's cost."""
        if plan.budget_ceiling is None:
            return None
        w = self.workers
        held, how_many = w.held()
        training = rules_y.budget.training_per_worker
        staff = year_cost(rules_y, year, pay_facts(w.facts, held, how_many, k))
        hire = pay_facts(w.facts, [w.hire_facts(year)], [1], k)
        self._staff_before = staff
        self._hire_cost = year_cost(rules_y, year, hire)
        before = staff + awards + training * self.alive
        return Ceiling(plan.budget_ceiling, before, self._hire_cost + training)

    def hire(self, year: int, plan: Plan, ceiling: Ceiling | None) -> Hiring:
        """The year's hires (the `budget.new_hire` profile, hired on the first day of
        `start_month`), each to its site."""
        w = self.workers
        members, required = w.members, self.required
        slots = self.known_slots if self.slots_unique else list(dict.fromkeys(self.known_slots))
        limit = plan.max_hires_per_year
        if limit is None and ceiling is None and not self.shared.capped:
            # every site hires its whole gap: only the sites short of posts are looked at
            # (a site of the roster only has no required posts, so it is never short)
            gaps = list(map(sub, required, map(len, members)))
            short = list(compress(range(len(gaps)), map(_short, gaps)))
            hiring = Hiring(list(map(gaps.__getitem__, short)), ())
            if not w.by_site:
                self._hire(year, short, hiring.per_site)
                return hiring
        else:
            caps = self.shared.caps
            hiring = hires_under(
                [len(members[s]) for s in slots],
                [required[s] for s in slots],
                [caps[s] for s in slots] if self.shared.capped else [NO_CAP] * len(slots),
                limit=limit,
                ceiling=ceiling,
            )
            short = slots
        self._hire(year, short, hiring.per_site)
        return hiring

    def _hire(self, year: int, slots: Sequence[int], counts: Sequence[int]) -> None:
        """`counts[i]` hires at `slots[i]`, numbered on in that order."""
        self.bounded(sum(counts), year)
        w = self.workers
        members = w.members
        first = at = len(w.fact)
        for s, n in zip(slots, counts, strict=True):
            if n:
                if w.by_site:
                    w.hired_at(s, at)
                members[s].extend(range(at, at + n))
                at += n
        if at > first:
            w.add_hires(year, first, at - first, w.hire_facts(year))

    def bounded(self, hires: int, year: int) -> None:
        """A `PlanTooBig` when `hires` more workers would be more than a plan follows."""
        if self.alive + hires > MAX_PLAN_WORKERS:
            raise PlanTooBig(self.alive + hires, year)

    def shortage(self) -> int:
        """The posts the sites are short of, in all."""
        members, required = self.workers.members, self.required
        if self.slots_unique:
            return sum(filter(_short, map(sub, required, map(len, members))))
        return sum(max(0, required[s] - len(members[s])) for s in set(self.known_slots))

    def awards(self, year: int, k: int, rules_y: Rules) -> Decimal:
        """The awards paid in the year: in the first, the roster's and the passes file's
        as a budget of that year pays them; later, last year's planned passes'."""
        jan1 = dt.date(year, 1, 1)
        w = self.workers
        by_slot = [Decimal(0)] * len(w.members) if self.by_site else None
        self.awarded = by_slot
        if k > 0:
            return pay_planned(rules_y, jan1, self.pending, w, by_slot)
        shared = self.shared
        result = first_year_awards(rules_y, year, shared.roster, shared.passes, shared.ledger)
        w.paid(result.due_awards, jan1)
        if by_slot is not None:
            positions = shared.roster.positions(a.worker_id for a in result.due_awards)
            for a in result.due_awards:
                by_slot[w.slot_of(positions[a.worker_id])] += a.amount
        return result.due

    def site_year(self, clients: Sequence[int] | None, starts: list[int]) -> SiteYear:
        """The year's figures per slot, before the passes and leavers of 31 December."""
        w = self.workers
        fact = w.fact
        sizes = list(map(len, w.members))
        hires = list(map(sub, sizes, starts))
        facts = [Counter(map(fact.__getitem__, m)) for m in w.members]
        assert clients is not None and self.awarded is not None
        return SiteYear(clients, self.required, starts, hires, sizes, [], facts, self.awarded)

    # ------------------------------------------------------------------ 31 December

    def year_end(
        self, year: int, k: int, plan: Plan, rules_y: Rules, held: Iterable[int]
    ) -> tuple[int, dict[str, Rate], Rate, int]:
        """31 December: the planned passes (how many, and per exam of how many
        candidates), the attrition (leavers of candidates) and the leavers in all."""
        self.pending = {}
        closing = self.shared.closing(year)
        attrition = Fraction(plan.attrition)
        steps = self.passes.steps_of(plan.certification)
        w = self.workers
        rates: dict[str, Rate] = {exam: (0, 0) for exam in plan.certification}
        passed, years_of = 0, None
        if steps:
            if any(step.share for step in steps) or attrition:
                years_of = self.years_of(year, k, rules_y, held)
            passed, found = self.passes.year_end(k, steps, years_of, self.pending, closing)
            rates.update(found)
        if attrition and years_of is None:
            years_of = self.years_of(year, k, rules_y, held)
        sizes = list(map(len, w.members))
        for s in closing:
            sizes[s] = 0
        candidates = sum(sizes)
        leaving = 0
        if attrition and years_of is not None:
            leaving = self.leave(years_of, *apportion(sizes, attrition))
        closed = self.close(closing)
        return passed, rates, (leaving, candidates), leaving + closed

    def years_of(
        self, year: int, k: int, rules_y: Rules, held: Iterable[int]
    ) -> Callable[[int], int]:
        """Years served on 31 December, per worker number (a pass does not change them)."""
        w = self.workers
        dec31 = dt.date(year, 12, 31)
        served = years_served(PayCalculator(rules_y.in_force(dec31)), dec31, k, w.facts, held)
        return array("h", map(served.__getitem__, w.fact)).__getitem__

    def leave(self, years_of: Callable[[int], int], total: int, shares: list[int]) -> int:
        """`shares[s]` leave site s, the shortest-serving first (ties: the latest in
        worker order first); how many left."""
        w = self.workers
        members, counts, fact = w.members, w.counts, w.fact
        for s in compress(range(len(shares)), shares):  # the sites someone leaves
            site_members = members[s]
            n = shares[s]
            if n == 1:
                gone = min(reversed(site_members), key=years_of)
                site_members.remove(gone)
                counts[fact[gone]] -= 1
            else:
                leaving = set(sorted(reversed(site_members), key=years_of)[:n])
                members[s] = array("i", [i for i in site_members if i not in leaving])
                for i in leaving:
                    counts[fact[i]] -= 1
        return total

    def close(self, closing: Iterable[int]) -> int:
        """Every worker of the sites closing at the end of the year leaves; how many."""
        w = self.workers
        members, counts, fact = w.members, w.counts, w.fact
        left = 0
        for s in closing:
            for i in members[s]:
                counts[fact[i]] -= 1
            left += len(members[s])
            members[s] = array("i")
        return left


def workforce(
    rules: Rules, shared: Shared, timeline: Timeline, *, by_site: bool = False
) -> list[Year]:
    """The workforce of a scenario year by year: hires, passes and their awards, leavers."""
    scenario = Workforce(rules, shared, timeline, by_site=by_site)
    return [scenario.year(k) for k in range(timeline.horizon)]
