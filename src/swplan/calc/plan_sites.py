"""What every scenario of a plan starts from: the roster's workers by site, the
populations' clients as columns, each site's posts cap, the years sites open and
close, the residents counted each year, and the required posts of each year (worked
out once for all the scenarios that staff and grow alike)."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from ..model import ExamPass, LedgerRow, Site
from ..money import half_up_ratio
from ..rules import Rules
from .plan_roster import PlanRoster
from .plan_timeline import Timeline
from .staffing import posts_required_columns

if TYPE_CHECKING:
    from .plan_cost import YearsMemo
    from .plan_workforce import Year

NO_CAP = -1


@dataclass(frozen=True, slots=True)
class Staffing:
    """The clients and required posts of a year."""

    required: array[int]  # required posts per slot (a site listed twice: its last entry)
    clients: int  # in all
    required_total: int
    clients_of: array[int] | None = None  # clients per slot (with --by site)


@dataclass(frozen=True, slots=True)
class Residents:
    """The residents of the sites counted in a year: their sum, and the sites without
    a figure (then workers per 10,000 residents has no value)."""

    total: int
    missing: int  # counted sites without residents
    first_missing: tuple[str, ...]  # the first few of them


class Shared:
    """What every scenario of a plan starts from: the roster, its sites, the passes and
    the ledger, the required posts."""

    def __init__(
        self,
        sites: Sequence[Site],
        roster: PlanRoster,
        passes: Sequence[ExamPass] = (),
        ledger: Sequence[LedgerRow] = (),
    ) -> None:
        self.sites = sites
        self.roster = roster
        self.passes = passes
        self.ledger = ledger
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
        self.roster_slot = of_roster  # roster site number -> slot
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
        # each site's posts cap (编制), by slot; NO_CAP: none (a site listed twice: its last)
        caps = array("l", [NO_CAP]) * len(slot)
        for n, listed in zip(self.known_slots, sites, strict=True):
            caps[n] = NO_CAP if listed.posts_cap is None else listed.posts_cap
        self.caps = caps
        self.capped = any(s.posts_cap is not None for s in sites)
        # sites that open after the plan's first year, or close: counted in some years only
        self.dated = [i for i, s in enumerate(sites) if s.opens is not None or s.closes is not None]
        # each category's clients as a column, a number per site (0: none)
        self.kinds = [s.kind for s in sites]
        self.columns: dict[str, array[int]] = {}
        for category in dict.fromkeys(c for s in sites for c in s.clients):
            self.columns[category] = array("q", (s.clients.get(category, 0) for s in sites))
        self._required: dict[tuple[object, ...], Staffing] = {}
        self._own: dict[tuple[object, ...], dict[int, list[dict[str, Fraction]]]] = {}
        self._residents: dict[int, Residents] = {}
        self.workforces: dict[object, list[Year]] = {}
        self.to_come: Counter[object] = Counter()  # scenarios per workforce
        # the cost of each pay profile per year, kept for scenarios still to come that
        # cost alike (the same pay and rises: a scenario changing only the staffing)
        self.costs: dict[tuple[object, int], dict[tuple[object, ...], Decimal]] = {}
        self.costs_to_come: Counter[object] = Counter()
        # each worker's years per year and service rules, for every scenario
        self.years: YearsMemo = {}

    # ------------------------------------------------------------------ the years

    def closed(self, year: int) -> tuple[int, ...]:
        """The sites (by index) that do not count in `year`: not yet open, or closed."""
        sites = self.sites
        return tuple(i for i in self.dated if not sites[i].counts_in(year))

    def closing(self, year: int) -> list[int]:
        """The slots whose site counts in `year` and closes at its end."""
        sites, slots = self.sites, self.known_slots
        return sorted(
            {
                slots[i]
                for i in self.dated
                if sites[i].counts_in(year) and sites[i].closes == year + 1
            }
        )

    def residents(self, year: int) -> Residents:
        """The residents of the sites counted in `year`."""
        known = self._residents.get(year)
        if known is None:
            total = missing = 0
            first: list[str] = []
            for s in self.sites:
                if not s.counts_in(year):
                    continue
                if s.residents is None:
                    missing += 1
                    if len(first) < 3:
                        first.append(s.id)
                else:
                    total += s.residents
            known = self._residents[year] = Residents(total, missing, tuple(first))
        return known

    def _own_growth(self, timeline: Timeline) -> dict[int, list[dict[str, Fraction]]]:
        """The sites that grow otherwise than the district (their own growth, or opened
        after the first year), each with its growth factors year by year."""
        key = (timeline.key(), timeline.start, timeline.horizon)
        known = self._own.get(key)
        if known is None:
            named = timeline.site_growth_named()
            start = timeline.start
            known = self._own[key] = {
                i: timeline.site_factors(s)
                for i, s in enumerate(self.sites)
                if s.growth or s.id in named or (s.opens is not None and s.opens > start)
            }
        return known

    def staffing(self, rules: Rules, timeline: Timeline, k: int, by_site: bool = False) -> Staffing:
        """Required posts per slot, the clients and the required posts in all, in plan year k."""
        year = timeline.start + k
        common = timeline.common[k]
        own = self._own_growth(timeline)
        own_k = tuple((i, tuple(sorted(f[k].items()))) for i, f in own.items())
        closed = self.closed(year)
        staffing = rules.staffing
        key = (
            tuple((c, rules.ratio(c)) for c in rules.categories),
            tuple(sorted(staffing.minimum_posts.items())),
            tuple(common.items()),
            own_k,
            closed,
            by_site,
        )
        known = self._required.get(key)
        if known is None:
            known = self._required[key] = self._staffing(rules, common, own, k, closed, by_site)
        return known

    def _staffing(
        self,
        rules: Rules,
        common: dict[str, Fraction],
        own: dict[int, list[dict[str, Fraction]]],
        k: int,
        closed: tuple[int, ...],
        by_site: bool,
    ) -> Staffing:
        grown: dict[str, Sequence[int]] = {}
        for category, column in self.columns.items():
            growth = common.get(category)
            now: Sequence[int]
            if growth is None:
                now = column
            else:
                num, den = growth.numerator, growth.denominator  # n x growth, half-up
                of = {n: half_up_ratio(n * num, den) for n in set(column)}
                now = list(map(of.__getitem__, column))
            if own or closed:
                patched = list(now)
                for i, factors in own.items():
                    f = factors[k].get(category, Fraction(1))
                    patched[i] = half_up_ratio(column[i] * f.numerator, f.denominator)
                for i in closed:
                    patched[i] = 0
                now = patched
            grown[category] = now
        clients = sum(sum(column) for column in grown.values())
        posts = posts_required_columns(rules, self.kinds, grown)
        for i in closed:
            posts[i] = 0
        required = array("l", [0]) * len(self.slot)
        for slot, n in zip(self.known_slots, posts, strict=True):
            required[slot] = n  # a site listed twice: its last entry
        clients_of = None
        if by_site:
            clients_of = array("q", [0]) * len(self.slot)
            for counts in grown.values():
                for slot, n in zip(self.known_slots, counts, strict=True):
                    clients_of[slot] += n
        return Staffing(required, clients, sum(required), clients_of)
