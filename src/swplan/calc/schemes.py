"""One award scheme's judgement of the passes that name its exams: pure.

A scheme is an `awards` section of its own (`rules.schemes`): its exams, ladder,
conditions, deadlines, scope and cap, and the ledger rows it paid. Each pass it prices
gets one status, decided in this order: `not_on_roster` (the worker is on no roster),
`duplicate` (the same worker and exam earlier in the input), `already_paid` (the
scheme's ledger paid something for it: a row of 0.00 paid nothing), `not_awarded` (the
scheme prices the exam 0), `out_of_scope` (outside the scheme's pass dates or exam
years), `ineligible` (a condition of `eligibility`), `expired` (`claim_window_days`,
`claim_deadline` or `claim_within_months` passed), `capped` (the cap leaves nothing)
and `due`.

Amounts are decided worker by worker within the scheme: ladder exams in ladder order,
then the other exams in input order; under `upgrade: top_up` a ladder exam pays its
award less what the scheme has actually paid the worker for ladder exams (its ledger,
then this run), never below zero; `cap_per_worker` bounds all the scheme pays one
worker, its ledger included.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from ..messages import msg
from ..model import ExamPass, LedgerRow, Worker
from ..money import ZERO
from ..rules import Rules, SchemeKeys, Scope

DUE = "due"
ALREADY_PAID = "already_paid"
DUPLICATE = "duplicate"
EXPIRED = "expired"
INELIGIBLE = "ineligible"
CAPPED = "capped"
NOT_AWARDED = "not_awarded"
OUT_OF_SCOPE = "out_of_scope"
NOT_ON_ROSTER = "not_on_roster"
# in the order they are decided
STATUSES = (
    NOT_ON_ROSTER,
    DUPLICATE,
    ALREADY_PAID,
    NOT_AWARDED,
    OUT_OF_SCOPE,
    INELIGIBLE,
    EXPIRED,
    CAPPED,
    DUE,
)


@dataclass(frozen=True, slots=True)
class Failed:
    """One eligibility condition a worker does not meet, with the worker's value.

    `condition` is the `eligibility` key; `value` the worker's months, rating or
    employment; `required` the rule's value; `source` where the value came from
    (`hired 2024-03-15`, `default_performance`, ...), or empty.
    """

    condition: str
    value: str
    required: str
    source: str = ""


# --------------------------------------------------------------------------- months


def month_days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]  # December 9999 too: no day after it needed


def service_months(hired: dt.date, on: dt.date) -> int:
    """Whole months from `hired` to `on`: the month anniversaries of `hired` on or before `on`.

    A hire on the 31st has its anniversary on the last day of a shorter month::

        2024-01-31 -> 2024-02-29: 1;  2024-03-15 -> 2025-03-15: 12;  -> 2025-03-14: 11
    """
    months = (on.year - hired.year) * 12 + (on.month - hired.month)
    if on.day < min(hired.day, month_days(on.year, on.month)):
        months -= 1
    return months


def _in_calendar(start: dt.date, months: int) -> bool:
    """Whether the `months`-th month anniversary of `start` is a date (not past 9999)."""
    return start.year + (start.month - 1 + months) // 12 <= dt.MAXYEAR


def month_anniversary(start: dt.date, months: int) -> dt.date:
    """The `months`-th month anniversary of `start` (the last day of a shorter month)::

    2024-11-30 + 3 -> 2025-02-28;  2025-01-15 + 3 -> 2025-04-15
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, month_days(year, month)))


# --------------------------------------------------------------------------- conditions


def conditions_failed(
    rules: Rules, scheme: SchemeKeys, worker: Worker, p: ExamPass
) -> tuple[Failed, ...]:
    """The scheme's `eligibility` conditions this pass's worker does not meet."""
    eligibility = scheme.eligibility
    failed: list[Failed] = []
    if eligibility.min_service_months is not None:
        if worker.hired is not None:
            months = service_months(worker.hired, p.passed_on)
            source = f"hired {worker.hired.isoformat()}"
        else:
            months = (worker.years_of_service or 0) * 12
            source = f"years_of_service {worker.years_of_service or 0}"
        if months < eligibility.min_service_months:
            failed.append(
                Failed(
                    "min_service_months", str(months), str(eligibility.min_service_months), source
                )
            )
    if eligibility.min_performance is not None:
        rating = worker.performance or rules.pay.default_performance
        if rules.rating_rank(rating) > rules.rating_rank(eligibility.min_performance):
            source = "" if worker.performance else "default_performance"
            failed.append(Failed("min_performance", rating, eligibility.min_performance, source))
    if eligibility.exclude_employment:
        employment = worker.employment or rules.default_employment
        if employment is not None and employment in eligibility.exclude_employment:
            source = "" if worker.employment else "default_employment"
            failed.append(Failed("exclude_employment", employment, "", source))
    return tuple(failed)


def judges_workers(scheme: SchemeKeys) -> bool:
    e = scheme.eligibility
    return (
        e.min_service_months is not None
        or e.min_performance is not None
        or bool(e.exclude_employment)
    )


def in_scope(scope: Scope | None, p: ExamPass) -> bool:
    """Whether the pass is one the scheme rewards: its date within `passed_from` and
    `passed_to` (inclusive), or its exam year within `exam_years`."""
    if scope is None:
        return True
    if scope.exam_years is not None:
        year = p.exam_year if p.exam_year is not None else p.passed_on.year
        return scope.exam_years[0] <= year <= scope.exam_years[-1]
    if scope.passed_from is not None and p.passed_on < scope.passed_from:
        return False
    return scope.passed_to is None or p.passed_on <= scope.passed_to


# --------------------------------------------------------------------------- judging


class Judged(NamedTuple):
    """A pass as one scheme judges it (a tuple: made once per pass and scheme)."""

    status: str
    amount: Decimal = ZERO
    award: Decimal = ZERO  # the scheme's price of the exam
    deducted: Decimal = ZERO  # top-up: the ladder payments taken off
    cut: Decimal = ZERO  # what the cap took off
    paid_before: Decimal = ZERO  # capped: all the scheme paid the worker before
    paid: tuple[LedgerRow, ...] = ()  # already_paid: the scheme's ledger rows for it
    first: ExamPass | None = None  # duplicate: the pass it repeats
    failed: tuple[Failed, ...] = ()  # ineligible: the conditions failed
    deadline: dt.date | None = None  # the pass's claim_deadline, when the scheme sets one
    claim_by: dt.date | None = None  # its claim_within_months anniversary, when set
    late: str | None = None  # expired: "window", "deadline" or "months"


class Paid:
    """What a scheme's ledger paid: its rows per (worker, exam), and per worker all it
    paid and what it paid for ladder exams. A row of 0.00 paid nothing."""

    def __init__(self, ledger: Iterable[LedgerRow], ladder: Collection[str]) -> None:
        self.by_pass: dict[tuple[str, str], list[LedgerRow]] = {}
        self.ladder: dict[str, Decimal] = {}
        self.total: dict[str, Decimal] = {}
        for row in ledger:
            if not row.amount:
                continue
            self.by_pass.setdefault((row.worker_id, row.exam), []).append(row)
            self.total[row.worker_id] = self.total.get(row.worker_id, ZERO) + row.amount
            if row.exam in ladder:
                self.ladder[row.worker_id] = self.ladder.get(row.worker_id, ZERO) + row.amount


class Judge:
    """What one scheme judges a run's passes by: the rules, the scheme, the day, the
    roster's ids and the workers the conditions judge (by id)."""

    def __init__(
        self,
        rules: Rules,
        scheme: SchemeKeys,
        when: dt.date,
        on_roster: Collection[str],
        workers: Mapping[str, Worker],
    ) -> None:
        self.rules = rules
        self.scheme = scheme
        self.when = when
        self.on_roster = on_roster
        self.workers = workers
        # the scheme's keys, read once (a national run judges tens of thousands of passes)
        self.exams = scheme.exams
        self.deadline = scheme.claim_deadline
        self.months = scheme.claim_within_months
        self.window = scheme.claim_window_days
        self.scope = scheme.scope
        self.judged = judges_workers(scheme)

    def statuses(self, passes: Sequence[ExamPass], paid: Paid) -> list[Judged]:
        """Each pass's status before the amounts (`due` may yet become `capped`)."""
        seen: dict[tuple[str, str], ExamPass] = {}
        return [self._status(p, paid, seen) for p in passes]

    def _status(self, p: ExamPass, paid: Paid, seen: dict[tuple[str, str], ExamPass]) -> Judged:
        award = self.exams[p.exam]
        deadline = self.deadline
        due_by = (
            deadline.in_year(p.passed_on.year + 1)
            if deadline is not None and p.passed_on.year < dt.MAXYEAR
            else None  # a pass of 9999 is claimed in a year no date reaches: never late
        )
        months = self.months
        claim_by = None
        if months is not None and _in_calendar(p.passed_on, months):
            claim_by = month_anniversary(p.passed_on, months)
        if p.worker_id not in self.on_roster:
            return Judged(NOT_ON_ROSTER, award=award)
        key = (p.worker_id, p.exam)
        first = seen.get(key)
        if first is not None:
            return Judged(DUPLICATE, award=award, first=first)
        seen[key] = p
        rows = paid.by_pass.get(key)
        if rows:
            return Judged(ALREADY_PAID, award=award, paid=tuple(rows))
        if not award:
            return Judged(NOT_AWARDED)
        if self.scope is not None and not in_scope(self.scope, p):
            return Judged(OUT_OF_SCOPE, award=award)
        if self.judged:
            failed = conditions_failed(self.rules, self.scheme, self._worker(p), p)
            if failed:
                return Judged(INELIGIBLE, award=award, failed=failed, deadline=due_by)
        late = self._late(p, due_by, claim_by)
        status = EXPIRED if late else DUE
        return Judged(status, award=award, deadline=due_by, claim_by=claim_by, late=late)

    def _worker(self, p: ExamPass) -> Worker:
        worker = self.workers.get(p.worker_id)
        if worker is None:  # a streamed roster must keep the workers the conditions judge
            raise ValueError(str(msg("calc.worker_needed", worker=p.worker_id)))
        return worker

    def _late(self, p: ExamPass, due_by: dt.date | None, claim_by: dt.date | None) -> str | None:
        window = self.window
        if window is not None and (self.when - p.passed_on).days > window:
            return "window"
        if due_by is not None and self.when > due_by:
            return "deadline"
        if claim_by is not None and self.when > claim_by:
            return "months"
        return None


def amounts(
    scheme: SchemeKeys, passes: Sequence[ExamPass], judged: list[Judged], paid: Paid
) -> list[Judged]:
    """Every due pass with its amount; a due pass the cap cuts to nothing is capped.

    Worker by worker: ladder exams in ladder order, then the others in input order, so
    each step up pays only the difference to what the scheme paid.
    """
    ladder = {exam: i for i, exam in enumerate(scheme.ladder)}
    top_up = scheme.upgrade == "top_up"
    cap = scheme.cap_per_worker
    out = list(judged)
    per_worker: dict[str, list[int]] = {}
    for i, j in enumerate(judged):
        if j.status == DUE:
            per_worker.setdefault(passes[i].worker_id, []).append(i)
    for worker_id, indexes in per_worker.items():
        so_far = paid.ladder.get(worker_id, ZERO)
        everything = paid.total.get(worker_id, ZERO)
        indexes.sort(
            key=lambda i: (0, ladder[passes[i].exam], i) if passes[i].exam in ladder else (1, 0, i)
        )
        for i in indexes:
            exam = passes[i].exam
            award = scheme.exams[exam]
            on_ladder = exam in ladder
            base = max(ZERO, award - so_far) if top_up and on_ladder else award
            amount = base
            status = DUE
            if cap is not None:
                amount = min(base, max(ZERO, cap - everything))
                if amount < base and amount == ZERO:
                    status = CAPPED
            j = out[i]
            out[i] = Judged(
                status,
                amount=amount if status == DUE else ZERO,
                award=award,
                deducted=award - base,
                cut=base - amount,
                paid_before=everything,
                deadline=j.deadline,
                claim_by=j.claim_by,
            )
            everything += amount
            if on_ladder:
                so_far += amount
    return out


def judge(judge_: Judge, passes: Sequence[ExamPass], ledger: Iterable[LedgerRow]) -> list[Judged]:
    """Every pass of `passes` (each priced by the scheme) as the scheme judges it."""
    paid = Paid(ledger, judge_.scheme.ladder)
    return amounts(judge_.scheme, passes, judge_.statuses(passes, paid), paid)
