"""The workforce of a plan's scenario, year by year.

Each year Y = Y0 + k: the required posts of the year's clients; on 1 January the
workers (the roster, later last year's workers less its leavers) and, with
`hiring: fill`, a hire for every post a site is short of; the awards of the year (the
roster's and the passes file's in Y0, later those of last year's planned passes); on
31 December the planned passes and then the leavers (`round-half-up(workers x
attrition)` per site, the shortest-serving first).
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import compress
from operator import sub

from ..messages import msg
from ..rules import Rules
from .pay import PayCalculator
from .plan_cost import PayFacts, first_year_awards
from .plan_passes import PlannedPasses, pay_planned
from .plan_roster import Facts
from .plan_rules import Shares, rules_of_year, threshold
from .plan_sites import Shared
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


@dataclass(slots=True)
class Year:
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

    def __init__(self, rules: Rules, shared: Shared) -> None:
        plan = rules.plan
        self.rules = rules
        self.shared = shared
        self.workers = Workers(shared, rules.budget.new_hire)
        self.passes = PlannedPasses(rules, self.workers)
        self.leaving = Shares(plan.attrition)
        self.fewest_leaving = threshold(plan.attrition)
        self.fill = plan.hiring == "fill"
        self.certified_titles = rules.certified_titles
        self.known_slots = shared.known_slots
        self.slots_unique = len(set(self.known_slots)) == len(self.known_slots)
        self.growth = any(g != 0 for g in plan.client_growth.values())
        self.required = array("l")  # required posts per slot
        self.clients = self.required_total = 0
        self.alive = len(shared.roster)
        self.pending: Pending = {}  # the year's planned passes, paid the next year

    def year(self, start: int, k: int) -> Year:
        """Plan year k: its hires, awards, passes and leavers."""
        year = start + k
        rules_y = rules_of_year(self.rules, k)
        if k == 0 or self.growth:
            self.required, self.clients, self.required_total = self.shared.required(self.rules, k)
        # 1 January: the workers, then the hires
        workers_start = self.alive
        hires = self.hire(year) if self.fill else 0
        count = workers_start + hires
        shortage = self.shortage()
        held, how_many = self.workers.held()
        title_of, titles = self.workers.title_of, self.certified_titles
        certified = sum(n for no, n in zip(held, how_many, strict=True) if title_of[no] in titles)
        awards = self.awards(year, k, rules_y)
        # 31 December: planned passes (top of the ladder first), then leavers
        passed, leavers = self.year_end(year, k, rules_y, held)
        self.alive = count - leavers
        return Year(
            year,
            self.clients,
            self.required_total,
            workers_start,
            hires,
            count,
            leavers,
            shortage,
            certified,
            awards,
            passed,
            self.workers.facts,
            held,
            how_many,
        )

    def hire(self, year: int) -> int:
        """Every site short of its posts hires the difference (the `budget.new_hire`
        profile, hired on the first day of `start_month`); how many were hired."""
        w = self.workers
        hire_no = w.hire_facts(year)
        first = len(w.fact)
        members, required = w.members, self.required
        hires = 0
        if self.slots_unique:  # the known sites are slots 0, 1, ...: only those short
            gaps = list(map(sub, required, map(len, members)))
            self.bounded(sum(filter(_short, gaps)), year)
            for s in compress(self.known_slots, map(_short, gaps)):
                gap = gaps[s]
                members[s].extend(range(first + hires, first + hires + gap))
                hires += gap
        else:
            for s in self.known_slots:
                site_members = members[s]
                gap = required[s] - len(site_members)
                if gap > 0:
                    self.bounded(hires + gap, year)
                    site_members.extend(range(first + hires, first + hires + gap))
                    hires += gap
        if hires:
            w.add_hires(year, first, hires, hire_no)
        return hires

    def bounded(self, hires: int, year: int) -> None:
        """A `PlanTooBig` when `hires` more workers would be more than a plan follows."""
        if self.alive + hires > MAX_PLAN_WORKERS:
            raise PlanTooBig(self.alive + hires, year)

    def shortage(self) -> int:
        """The posts the sites are short of, in all."""
        members, required = self.workers.members, self.required
        if self.slots_unique:
            return sum(filter(_short, map(sub, required, map(len, members))))
        return sum(max(0, required[s] - len(members[s])) for s in self.known_slots)

    def awards(self, year: int, k: int, rules_y: Rules) -> Decimal:
        """The awards paid in the year: in the first, the roster's and the passes file's
        as a budget of that year pays them; later, last year's planned passes'."""
        jan1 = dt.date(year, 1, 1)
        if k > 0:
            return pay_planned(rules_y, jan1, self.pending, self.workers)
        shared = self.shared
        result = first_year_awards(rules_y, year, shared.roster, shared.passes, shared.ledger)
        self.workers.paid(result.due_awards, jan1)
        return result.due

    def year_end(self, year: int, k: int, rules_y: Rules, held: Iterable[int]) -> tuple[int, int]:
        """31 December: the planned passes and the leavers (how many of each)."""
        self.pending = {}
        if self.passes.fewest is None and self.fewest_leaving is None:
            return 0, 0
        w = self.workers
        dec31 = dt.date(year, 12, 31)
        served = years_served(PayCalculator(rules_y.in_force(dec31)), dec31, k, w.facts, held)
        # per worker number: years served (a pass does not change them within the year)
        years_of = array("h", map(served.__getitem__, w.fact)).__getitem__
        passed = 0
        if self.passes.fewest is not None:
            passed = self.passes.year_end(k, years_of, self.pending)
        leavers = self.leave(years_of) if self.fewest_leaving is not None else 0
        return passed, leavers

    def leave(self, years_of: Callable[[int], int]) -> int:
        """round-half-up(workers x attrition) leave each site, the shortest-serving
        first (ties: the latest in worker order first); how many left."""
        w = self.workers
        members, counts, fact = w.members, w.counts, w.fact
        leaving_of = self.leaving.upto(max(map(len, members), default=0))
        leaving_at = list(map(leaving_of.__getitem__, map(len, members)))
        leavers = 0
        for s in compress(range(len(members)), leaving_at):  # the sites someone leaves
            site_members = members[s]
            n = leaving_at[s]
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
        return leavers


def workforce(rules: Rules, shared: Shared, start: int, horizon: int) -> list[Year]:
    """The workforce of a scenario year by year: hires, passes and their awards, leavers."""
    scenario = Workforce(rules, shared)
    return [scenario.year(start, k) for k in range(horizon)]
