"""The records every calculation takes: sites, workers, exam passes, ledger rows.

Plain, typed and immutable. The readers in `swplan.io` build them from YAML, CSV and
Excel; the calculations in `swplan.calc` take them and nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

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
    # a table's headers as the file writes them, by column (see `Table.headers`)
    headers: Mapping[str, str] | None = field(default=None, compare=False)
    # where each field of the record is, by key: a problem with a field is put at its
    # own cell, not at the record's first (`where`)
    wheres: Mapping[str, str] | None = field(default=None, compare=False)

    def problem(self, message: Text, key: str = "") -> Problem:
        path = f"{self.path}.{key}" if self.path and key else (self.path or key)
        header = self.headers.get(key) if self.headers and key else None
        where = self.wheres.get(key, self.where) if self.wheres and key else self.where
        return Problem(self.file, where, path, message, self.kind, header)


@dataclass(slots=True)
class Site:
    """A site of the populations. What only a plan reads has a default: the residents
    of its area, its posts cap (编制), the years it opens and closes (it counts in years
    opens <= Y < closes) and its own yearly client growth per category.

    Not frozen: a frozen dataclass sets each field through `object.__setattr__`, six
    times slower to build (600,000 sites a national run), and with its `clients` dict
    it could not be hashed anyway. Nothing changes a site once read."""

    id: str
    name: str | None
    kind: str | None
    clients: dict[str, int]
    aliases: tuple[str, ...] = ()  # other names a roster may give the site (简称, 别名)
    area: str | None = None  # 地区: the area of the site's workers, where theirs is not given
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
    warnings: list[Any] = field(default_factory=list)  # e.g. site kinds the rules do not list
    # a table's clients per category, summed (None for YAML), for the note that lets a
    # user hold them against the sheet
    clients_read: dict[str, int] | None = None


@dataclass(frozen=True, slots=True)
class ExamPass:
    worker_id: str
    exam: str
    passed_on: dt.date
    origin: Origin | None = None
    name: str | None = field(default=None, compare=False)  # the worker's name, when given
    exam_year: int | None = None  # the exam's year, where the passes file gives it


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
    area: str | None = None  # 地区, where the rules pay by area
    title_since: dt.date | None = None  # 取证时间: the title is held from the next month


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One award paid. `origin` is the row it was read from; `name` the worker's name, for
    a ledger with a name column (written there, never read: the id is the worker)."""

    worker_id: str
    exam: str
    amount: Decimal
    paid_on: dt.date
    scheme: str | None = None  # the award scheme that paid it, as written (None: not given)
    origin: Origin | None = field(default=None, compare=False)
    name: str | None = field(default=None, compare=False)


class Facts(NamedTuple):
    """What a worker's pay and awards depend on besides service: one object shared by
    every worker of a roster with the same cells (a national roster has a few thousand)."""

    education: str
    title: str
    performance: str | None  # None: the rules' default rating
    post: str | None  # None: the rules' default post
    employment: str | None  # None: the rules' default employment
    area: str | None = None  # None: not given (or the rules list no areas)


class Service(NamedTuple):
    """How a worker's years of service are counted, shared like `Facts`."""

    hired: dt.date | None
    years_of_service: int | None  # given instead of `hired`
    years_not_counted: int
    disagrees: bool = False  # a table gave both, and they disagree (hired is used)
    title_since: dt.date | None = None  # when the title was obtained (None: not given)


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
            area=f.area,
            title_since=s.title_since,
        )
