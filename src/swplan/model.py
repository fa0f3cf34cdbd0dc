"""The records every calculation takes: sites, workers, exam passes, ledger rows.

Plain, typed and immutable. The readers in `swplan.io` build them from YAML, CSV and
Excel; the calculations in `swplan.calc` take them and nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from .errors import Problem

if TYPE_CHECKING:
    from .messages import Text


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record came from, for messages about it."""

    file: str
    where: str
    path: str = ""

    kind: str | None = None  # the data file's kind (roster, populations, ...), for field names

    def problem(self, message: Text, key: str = "") -> Problem:
        path = f"{self.path}.{key}" if self.path and key else (self.path or key)
        return Problem(self.file, self.where, path, message, self.kind)


@dataclass(frozen=True, slots=True)
class Site:
    """A site of the populations. What only a plan reads has a default: the residents
    of its area, its posts cap (编制), the years it opens and closes (it counts in years
    opens <= Y < closes) and its own yearly client growth per category."""

    id: str
    name: str | None
    kind: str | None
    clients: dict[str, int]
    residents: int | None = None
    posts_cap: int | None = None
    opens: int | None = None
    closes: int | None = None
    growth: Mapping[str, Decimal] | None = None  # category -> yearly growth

    def counts_in(self, year: int) -> bool:
        """Whether the site is open in `year`: opens <= year < closes."""
        return (self.opens is None or self.opens <= year) and (
            self.closes is None or year < self.closes
        )


@dataclass(frozen=True, slots=True)
class Populations:
    region: str | None
    sites: list[Site]
    warnings: list[str] = field(default_factory=list)  # e.g. site kinds the rules do not list


@dataclass(frozen=True, slots=True)
class ExamPass:
    worker_id: str
    exam: str
    passed_on: dt.date
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class Worker:
    id: str
    site: str
    education: str
    title: str
    name: str | None = None
    post: str | None = None
    hired: dt.date | None = None
    years_of_service: int | None = None
    performance: str | None = None
    exams: tuple[ExamPass, ...] = ()
    origin: Origin | None = field(default=None, compare=False)
    employment: str | None = None  # None: the rules' default_employment
    years_not_counted: int = 0  # service years that do not count (e.g. a failed appraisal)


@dataclass(frozen=True, slots=True)
class LedgerRow:
    worker_id: str
    exam: str
    amount: Decimal
    paid_on: dt.date


class Facts(NamedTuple):
    """What a worker's pay and awards depend on besides service: one object shared by
    every worker of a roster with the same cells (a national roster has a few thousand)."""

    education: str
    title: str
    performance: str | None  # None: the rules' default rating
    post: str | None  # None: the rules' default post
    employment: str | None  # None: the rules' default employment


class Service(NamedTuple):
    """How a worker's years of service are counted, shared like `Facts`."""

    hired: dt.date | None
    years_of_service: int | None  # given instead of `hired`
    years_not_counted: int
    disagrees: bool = False  # a table gave both, and they disagree (hired is used)


class RosterRow(NamedTuple):
    """One worker as a roster row gives it, whatever the file's format: the typed facts
    every command reads. `number` is the row's place in its file (line, sheet row or
    YAML entry), for messages; `exams` are the passes a YAML roster lists under it."""

    number: int
    id: str
    name: str | None
    site: str
    facts: Facts
    service: Service
    exams: tuple[ExamPass, ...] = ()

    def worker(self, origin: Origin | None = None) -> Worker:
        f, s = self.facts, self.service
        return Worker(
            self.id,
            self.site,
            f.education,
            f.title,
            self.name,
            f.post,
            s.hired,
            s.years_of_service,
            f.performance,
            self.exams,
            origin,
            f.employment,
            years_not_counted=s.years_not_counted,
        )
