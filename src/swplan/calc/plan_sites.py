"""What every scenario of a plan starts from: the roster's workers by site, the
populations' clients as columns, and the required posts of each year (worked out once
for all the scenarios that staff alike)."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from ..model import ExamPass, LedgerRow, Site
from ..money import half_up_ratio
from ..rules import Rules
from .plan_roster import PlanRoster
from .plan_rules import rise_factor
from .staffing import posts_required_columns

if TYPE_CHECKING:
    from .plan_workforce import Year


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
        self.workforces: dict[tuple[object, ...], list[Year]] = {}
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
                num, den = growth.numerator, growth.denominator  # n x growth, half-up
                now = {n: half_up_ratio(n * num, den) for n in set(column)}
                grown[category] = list(map(now.__getitem__, column))
            clients = sum(sum(column) for column in grown.values())
            posts = posts_required_columns(rules, self.kinds, grown)
            required = array("l", [0]) * len(set(self.known_slots))
            for slot, n in zip(self.known_slots, posts, strict=True):
                required[slot] = n  # a site listed twice: its last entry
            total = sum(required)
            known = self._required[key] = (required, clients, total)
        return known
