"""The workers of one scenario of a plan, each a number.

Roster workers are their roster position; planned hires are numbered on after them in
hiring order (the order ties are broken in). A worker's facts are a number too, into
a table of the distinct sets of facts that grows with hires and passes, so a year's
workers are counted per set of facts. Each worker keeps the awards paid to them in
the plan (their history), for the awards of their next pass.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from ..model import LedgerRow, Worker
from ..rules import NewHire
from .awards import Award
from .plan_roster import Facts, PlanRoster
from .plan_sites import Shared

# the awards paid to a worker in the plan, in order: (exam, amount, paid_on, scheme)
History = tuple[tuple[str, Decimal, dt.date, str | None], ...]
# the planned passes of a year, per (exam, facts number of the worker as hired or
# rostered, hiring day, awards paid before): the first worker and them all
Pending = dict[tuple[Any, ...], tuple[Worker, list[int]]]


def ledger_history(roster: PlanRoster, ledger: Sequence[LedgerRow]) -> list[History | None]:
    """The awards the ledger paid to each roster worker (None: none)."""
    history: list[History | None] = [None] * len(roster)
    if ledger:
        positions = roster.positions(row.worker_id for row in ledger)
        for row in ledger:
            i = positions.get(row.worker_id)
            if i is not None:
                history[i] = (*(history[i] or ()), (row.exam, row.amount, row.paid_on, row.scheme))
    return history


class Workers:
    """Who works where in one scenario, and with what facts, as numbers."""

    def __init__(self, shared: Shared, hire: NewHire, *, by_site: bool = False) -> None:
        roster = shared.roster
        self.roster = roster
        self.hire = hire
        self.slot_ids = list(shared.slot)  # the site id of each slot
        self.members = [m[:] for m in shared.members]  # worker numbers per site, in order
        self.facts = list(roster.facts)  # the distinct sets of facts, grown by hires and passes
        self.title_of = [f[1] for f in self.facts]  # facts number -> title
        self.fact_no: dict[Facts, int] = {}  # the sets of facts new in this scenario -> number
        self.fact: list[int] = list(roster.fact)  # worker number -> the number of its facts now
        self.counts = shared.counts[:]  # facts number -> workers holding them now
        self.history = ledger_history(roster, shared.ledger)
        self.histories: dict[History, History] = {}  # each history held once
        # each year's planned hires: (first worker number, year, facts number)
        self.batches: list[tuple[int, int, int]] = []
        # the slot of each roster site; with `by_site`, the slot of each run of hires:
        # (first worker number, slot), to tell the site of any worker
        self.roster_slot = shared.roster_slot
        self.by_site = by_site
        self.hire_slots: list[tuple[int, int]] | None = [] if by_site else None

    def intern(self, f: Facts) -> int:
        """The number of a set of facts, numbered on when it is new."""
        no = self.roster.fact_numbers.get(f)
        if no is None:
            no = self.fact_no.get(f)
            if no is None:
                no = self.fact_no[f] = len(self.facts)
                self.facts.append(f)
                self.title_of.append(f[1])
                self.counts.append(0)
        return no

    def promoted(self, no: int, title: str) -> int:
        """The facts `no` with the title `title`."""
        e, _, r, p, h, y, nc, emp = self.facts[no]
        return self.intern((e, title, r, p, h, y, nc, emp))

    def hire_facts(self, year: int) -> int:
        """The facts number of the year's hires (`budget.new_hire`)."""
        hire = self.hire
        hired_on = dt.date(year, hire.start_month, 1)
        return self.intern(
            (hire.education, hire.title, hire.performance, hire.post, hired_on, None, 0, None)
        )

    def add_hires(self, year: int, first: int, hires: int, hire_no: int) -> None:
        """Workers `first` to `first + hires - 1`, hired this year with facts `hire_no`."""
        self.batches.append((first, year, hire_no))
        self.fact.extend([hire_no] * hires)
        self.history.extend([None] * hires)
        self.counts[hire_no] += hires

    def hired_at(self, slot: int, first: int) -> None:
        """Workers from `first` on are hired at `slot` (kept with `by_site` only)."""
        if self.hire_slots is not None:
            self.hire_slots.append((first, slot))

    def slot_of(self, i: int) -> int:
        """The slot worker number i works at (hires: with `by_site` only)."""
        roster = self.roster
        if i < len(roster):
            return self.roster_slot[roster.site[i]]
        assert self.hire_slots is not None
        return self.hire_slots[bisect_right(self.hire_slots, (i, 1 << 62)) - 1][1]

    def held(self) -> tuple[array[int], array[int]]:
        """The facts numbers some worker holds, and how many hold each."""
        counts = self.counts
        held = array("l", [no for no, n in enumerate(counts) if n])
        return held, array("l", [counts[no] for no in held])

    def paid(self, awards: Iterable[Award], day: dt.date) -> None:
        """Roster workers paid these awards on `day`: added to their history."""
        awards = list(awards)
        if not awards:
            return
        history = self.history
        positions = self.roster.positions(a.worker_id for a in awards)
        for a in awards:
            i = positions[a.worker_id]
            history[i] = (*(history[i] or ()), (a.exam, a.amount, day, a.scheme))

    def hire_key(self, i: int) -> tuple[int, int]:
        """A hire's facts number as hired and hiring day's ordinal."""
        _, year, no = self.batches[bisect_right(self.batches, (i, 10**9)) - 1]
        return no, dt.date(year, self.hire.start_month, 1).toordinal()

    def as_passed(self, i: int, k: int, site: str) -> Worker:
        """Worker number i as the awards judge its planned pass at the end of plan year
        k: no roster exams again, that year's years of service."""
        roster = self.roster
        if i < len(roster):
            w = roster.worker(i)
            given = None if w.years_of_service is None else w.years_of_service + k
            if w.exams or given != w.years_of_service:
                w = replace(w, exams=(), years_of_service=given)
            return w
        first, year, _ = self.batches[bisect_right(self.batches, (i, 10**9)) - 1]
        hire = self.hire
        return Worker(
            id=f"+hire {year} #{i - first + 1}",  # never a roster id: has a space and '+'
            site=site,
            education=hire.education,
            title=hire.title,
            post=hire.post,
            performance=hire.performance,
            hired=dt.date(year, hire.start_month, 1),
        )
