"""The records every calculation takes: sites, workers, exam passes, ledger rows.

Plain, typed and immutable. The readers in `swplan.io` build them from YAML, CSV and
Excel; the calculations in `swplan.calc` take them and nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from .errors import Problem

if TYPE_CHECKING:
    from .messages import Text


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record came from, for messages about it."""

    file: str
    where: str
    path: str = ""

    def problem(self, message: Text, key: str = "") -> Problem:
        path = f"{self.path}.{key}" if self.path and key else (self.path or key)
        return Problem(self.file, self.where, path, message)


@dataclass(frozen=True, slots=True)
class Site:
    id: str
    name: str | None
    kind: str | None
    clients: dict[str, int]


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
