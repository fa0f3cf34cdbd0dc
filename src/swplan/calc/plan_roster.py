"""The roster as a plan reads it: per worker an id, a site number, a facts number and
the hiring day, in arrays (`PlanRoster`)."""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Collection, Iterable, Mapping

from ..model import Worker

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
