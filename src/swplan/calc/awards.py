"""One-off exam awards (SPEC §3.3): pure, over passes, the ledger and the rules.

Each pass gets one status, decided in this order (SPEC §13): a repeat of a
(worker, exam) already seen in the input is `duplicate`; a (worker, exam) in the
ledger is `already_paid`; a worker failing an `awards.eligibility` condition is
`ineligible`; a pass older than `claim_window_days` or claimed after its
`claim_deadline` is `expired`; a due amount that `cap_per_worker` cuts to zero is
`capped`; anything else is `due`. Under `upgrade: top_up` a due ladder exam pays its
award less everything the worker has actually been paid for ladder exams (the
ledger, then the ladder exams decided earlier in this run, in ladder order), never
less than zero::

    ledger: W001 assistant_social_worker 1000.00
    passes: W001 social_worker               ->  due 1000.00 (top_up), 2000.00 (full)

Recording the due awards in the ledger file is `ledger.record_awards`.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any, TypedDict, Unpack

from ..errors import InputError, Problem
from ..messages import Clauses, did_you_mean, msg
from ..model import ExamPass, LedgerRow, Origin, Worker
from ..money import ZERO
from ..rules import Rules
from .choices import not_one_of

DUE = "due"
ALREADY_PAID = "already_paid"
DUPLICATE = "duplicate"
EXPIRED = "expired"
INELIGIBLE = "ineligible"
CAPPED = "capped"
STATUSES = (DUE, ALREADY_PAID, DUPLICATE, INELIGIBLE, EXPIRED, CAPPED)


@dataclass(frozen=True, slots=True)
class Failed:
    """One eligibility condition a worker does not meet, with the worker's value.

    `condition` is the `awards.eligibility` key; `value` the worker's months, rating
    or employment; `required` the rule's value; `source` where the value came from
    (`hired 2024-03-15`, `default_performance`, ...), or empty.
    """

    condition: str
    value: str
    required: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class Award:
    """One exam pass and what it earns at the as-of date.

    `amount` is what is due now (0.00 unless `status` is `due`); `award` is the exam's
    amount in the rules and `deducted` the ladder payments taken off it (top_up).
    `paid` holds the ledger rows of an `already_paid` pass; `first` is where the
    pass a `duplicate` repeats came from.
    """

    worker_id: str
    exam: str
    passed_on: dt.date
    status: str
    amount: Decimal
    award: Decimal
    deducted: Decimal = ZERO
    days: int = 0  # as-of date minus passed_on
    name: str | None = None
    site: str | None = None  # the worker's site as the roster gives it
    paid: tuple[LedgerRow, ...] = ()
    first: ExamPass | None = None
    origin: Origin | None = field(default=None, compare=False)
    capped: bool = False  # the due amount was cut by cap_per_worker
    cut: Decimal = ZERO  # what the cap took off
    paid_before: Decimal = ZERO  # capped: all paid to the worker before this award
    failed: tuple[Failed, ...] = ()  # the conditions an `ineligible` pass fails
    deadline: dt.date | None = None  # the claim_deadline of this pass, when the rules set one


@dataclass(frozen=True, slots=True)
class ExamTotal:
    exam: str
    count: int
    amount: Decimal


@dataclass(slots=True)
class AwardsResult:
    as_of: dt.date
    awards: list[Award]  # in input order: roster exams, then the passes file
    due: Decimal  # sum of the due amounts
    count_due: int  # due rows, zero-amount ones included
    by_exam: list[ExamTotal]  # due totals per exam, in the rules' order
    claim_window_days: int | None = None
    upgrade: str = "top_up"
    cap_per_worker: Decimal | None = None

    @property
    def due_awards(self) -> list[Award]:
        return [a for a in self.awards if a.status == DUE]

    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per award (see `swplan.calc.rows`)."""
        from .rows import rows

        return rows(self.awards)


def all_passes(workers: Iterable[Worker], passes: Iterable[ExamPass] = ()) -> list[ExamPass]:
    """The roster's own passes, worker by worker, then those of the passes file."""
    out = [p for w in workers for p in w.exams]
    out.extend(passes)
    return out


def check_passes(
    rules: Rules,
    workers: Sequence[Worker],
    passes: Iterable[ExamPass],
    as_of: dt.date,
    roster_ids: Collection[str] | None = None,
) -> list[Problem]:
    """Every pass that must not be silently skipped: unknown exam or worker, future date."""
    exams = rules.awards.exams
    ids = roster_ids if roster_ids is not None else {w.id for w in workers}
    id_list: list[str] | None = None
    problems: list[Problem] = []
    exam_label = partial(rules.label_of, "exam", lang="zh")
    for p in passes:
        origin = p.origin or Origin("<passes>", "")
        if p.exam not in exams:
            wrong = not_one_of(p.exam, exams, exam_label)
            problems.append(origin.problem(Clauses(wrong, msg("calc.add_exam")), "exam"))
        if p.worker_id not in ids:
            if id_list is None:
                id_list = sorted(ids)
            close = difflib.get_close_matches(p.worker_id, id_list, n=1, cutoff=0.6)
            hint = did_you_mean(close[0]) if close else ""
            text = msg("calc.pass_worker_unknown", worker=p.worker_id, hint=hint)
            problems.append(origin.problem(text, "worker_id"))
        if p.passed_on > as_of:
            text = msg(
                "calc.pass_in_future", passed_on=p.passed_on.isoformat(), as_of=as_of.isoformat()
            )
            problems.append(origin.problem(text, "passed_on"))
    return problems


def service_months(hired: dt.date, on: dt.date) -> int:
    """Whole months from `hired` to `on`: the month anniversaries of `hired` on or before `on`.

    A hire on the 31st has its anniversary on the last day of a shorter month::

        2024-01-31 -> 2024-02-29: 1;  2024-03-15 -> 2025-03-15: 12;  -> 2025-03-14: 11
    """
    months = (on.year - hired.year) * 12 + (on.month - hired.month)
    if on.day < min(hired.day, _month_days(on.year, on.month)):
        months -= 1
    return months


def _month_days(year: int, month: int) -> int:
    return (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day


def conditions_failed(rules: Rules, worker: Worker, p: ExamPass) -> tuple[Failed, ...]:
    """The `awards.eligibility` conditions this pass's worker does not meet."""
    eligibility = rules.awards.eligibility
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


class AwardsOptions(TypedDict, total=False):
    """What `awards` may be told besides the passes: the roster's ids, when the roster
    was streamed rather than loaded (a national CSV has no `exams`)."""

    roster_ids: Collection[str] | None


def awards(
    rules: Rules,
    workers: Sequence[Worker],
    passes: Iterable[ExamPass] = (),
    ledger: Iterable[LedgerRow] = (),
    as_of: dt.date | None = None,
    **options: Unpack[AwardsOptions],
) -> AwardsResult:
    """The status and amount of every exam pass at `as_of` (default: today).

    Passes are the workers' own `exams`, then `passes`; `ledger` holds the awards
    already paid. Raises `InputError` listing every pass naming an unknown exam or
    worker, or dated after `as_of`. `roster_ids` stands in for the workers' ids when
    the roster was streamed rather than loaded (a national CSV has no `exams`); the
    workers themselves are then needed only for those the eligibility conditions judge.

    Statuses are decided in the order duplicate, already_paid, ineligible, expired,
    capped, due. Amounts are decided worker by worker: ladder exams in ladder order,
    then the other exams in input order; a top-up subtracts what was actually paid
    (after the cap), and `cap_per_worker` bounds everything paid to one worker,
    ledger included.
    """
    when = as_of if as_of is not None else dt.date.today()
    config = rules.awards
    items = all_passes(workers, passes)
    problems = check_passes(rules, workers, items, when, options.get("roster_ids"))
    if problems:
        raise InputError(problems)
    paid = _Paid(ledger, config.ladder)
    decided = _statuses(rules, items, paid, {w.id: w for w in workers}, when)
    statuses = [d.status for d in decided]
    amounts = _amounts(rules, items, statuses, paid)
    names = {w.id: w.name for w in workers}
    sites = {w.id: w.site for w in workers}
    out: list[Award] = []
    for i, (p, d, status) in enumerate(zip(items, decided, statuses, strict=True)):
        amount, deducted, cut, before = amounts.get(i, (ZERO, ZERO, ZERO, ZERO))
        out.append(
            Award(
                worker_id=p.worker_id,
                exam=p.exam,
                passed_on=p.passed_on,
                status=status,
                amount=amount,
                award=config.exams[p.exam],
                deducted=deducted,
                days=(when - p.passed_on).days,
                name=names.get(p.worker_id),
                site=sites.get(p.worker_id),
                paid=paid.rows(p) if status == ALREADY_PAID else (),
                first=d.first,
                origin=p.origin,
                capped=cut > ZERO,
                cut=cut,
                paid_before=before,
                failed=d.failed,
                deadline=d.deadline,
            )
        )
    due_rows = [a for a in out if a.status == DUE]
    return AwardsResult(
        as_of=when,
        awards=out,
        due=sum((a.amount for a in due_rows), ZERO),
        count_due=len(due_rows),
        by_exam=_by_exam(due_rows, config.exams),
        claim_window_days=config.claim_window_days,
        upgrade=config.upgrade,
        cap_per_worker=config.cap_per_worker,
    )


class _Paid:
    """What the ledger paid: its rows per (worker, exam), and per worker all it paid and
    what it paid for ladder exams."""

    def __init__(self, ledger: Iterable[LedgerRow], ladder: Collection[str]) -> None:
        self.by_pass: dict[tuple[str, str], list[LedgerRow]] = {}
        self.ladder: dict[str, Decimal] = {}
        self.total: dict[str, Decimal] = {}
        for row in ledger:
            self.by_pass.setdefault((row.worker_id, row.exam), []).append(row)
            self.total[row.worker_id] = self.total.get(row.worker_id, ZERO) + row.amount
            if row.exam in ladder:
                self.ladder[row.worker_id] = self.ladder.get(row.worker_id, ZERO) + row.amount

    def rows(self, p: ExamPass) -> tuple[LedgerRow, ...]:
        return tuple(self.by_pass.get((p.worker_id, p.exam), ()))


@dataclass(frozen=True, slots=True)
class _Decided:
    """A pass's status before the amounts (`due` may yet become `capped`)."""

    status: str
    first: ExamPass | None  # the pass a duplicate repeats
    failed: tuple[Failed, ...]  # the conditions an ineligible pass fails
    deadline: dt.date | None  # its claim deadline, when the rules set one


def _statuses(
    rules: Rules,
    items: Sequence[ExamPass],
    paid: _Paid,
    by_id: dict[str, Worker],
    when: dt.date,
) -> list[_Decided]:
    """Each pass's status, in order: duplicate, already_paid, ineligible, expired, due."""
    config = rules.awards
    deadline = config.claim_deadline
    window = config.claim_window_days
    judged = rules.awards_judge_workers
    seen: dict[tuple[str, str], ExamPass] = {}
    out: list[_Decided] = []
    for p in items:
        key = (p.worker_id, p.exam)
        first = seen.get(key)
        failed: tuple[Failed, ...] = ()
        due_by = deadline.in_year(p.passed_on.year + 1) if deadline is not None else None
        if first is not None:
            status = DUPLICATE
        elif key in paid.by_pass:
            status = ALREADY_PAID
        else:
            if judged:
                failed = conditions_failed(rules, _judged_worker(by_id, p), p)
            late = (window is not None and (when - p.passed_on).days > window) or (
                due_by is not None and when > due_by
            )
            status = INELIGIBLE if failed else EXPIRED if late else DUE
        if first is None:
            seen[key] = p
        out.append(_Decided(status, first, failed, due_by))
    return out


def _judged_worker(by_id: dict[str, Worker], p: ExamPass) -> Worker:
    worker = by_id.get(p.worker_id)
    if worker is None:
        raise ValueError(str(msg("calc.worker_needed", worker=p.worker_id)))
    return worker


def _amounts(
    rules: Rules, items: Sequence[ExamPass], statuses: list[str], paid: _Paid
) -> dict[int, tuple[Decimal, Decimal, Decimal, Decimal]]:
    """The amount of every due pass: index -> amount, deducted (top-up), cut (cap),
    paid to the worker before it; a due pass the cap cuts to nothing becomes capped.

    Worker by worker: ladder exams in ladder order, then the others in input order,
    so each step up pays only the difference to what was paid.
    """
    config = rules.awards
    ladder = {exam: i for i, exam in enumerate(config.ladder)}
    top_up = config.upgrade == "top_up"
    cap = config.cap_per_worker
    amounts: dict[int, tuple[Decimal, Decimal, Decimal, Decimal]] = {}
    per_worker: dict[str, list[int]] = {}
    for i, status in enumerate(statuses):
        if status == DUE:
            per_worker.setdefault(items[i].worker_id, []).append(i)
    for worker_id, indexes in per_worker.items():
        so_far = paid.ladder.get(worker_id, ZERO)
        everything = paid.total.get(worker_id, ZERO)
        indexes.sort(
            key=lambda i: (0, ladder[items[i].exam], i) if items[i].exam in ladder else (1, 0, i)
        )
        for i in indexes:
            exam = items[i].exam
            award = config.exams[exam]
            on_ladder = exam in ladder
            base = max(ZERO, award - so_far) if top_up and on_ladder else award
            amount = base
            if cap is not None:
                amount = min(base, max(ZERO, cap - everything))
                if amount < base and amount == ZERO:
                    statuses[i] = CAPPED
            amounts[i] = (amount, award - base, base - amount, everything)
            everything += amount
            if on_ladder:
                so_far += amount
    return amounts


def _by_exam(due_rows: Sequence[Award], exams: Iterable[str]) -> list[ExamTotal]:
    """The due awards' count and sum per exam, in the rules' order."""
    counts: dict[str, int] = {}
    sums: dict[str, Decimal] = {}
    for a in due_rows:
        counts[a.exam] = counts.get(a.exam, 0) + 1
        sums[a.exam] = sums.get(a.exam, ZERO) + a.amount
    return [ExamTotal(exam, counts[exam], sums[exam]) for exam in exams if exam in counts]
