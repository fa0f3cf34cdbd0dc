"""One-off exam awards (SPEC §3.3): pure, over passes, the ledger and the rules.

Each pass gets one status, decided in this order: a repeat of a (worker, exam)
already seen in the input is `duplicate`; a (worker, exam) in the ledger is
`already_paid`; a pass older than `claim_window_days` is `expired`; anything else is
`due`. Under `upgrade: top_up` a due ladder exam pays its award less everything the
worker has already had for ladder exams (the ledger, then the ladder exams due in
this run, taken in ladder order), never less than zero::

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

from ..errors import InputError, Problem, one_of
from ..model import ExamPass, LedgerRow, Origin, Worker
from ..money import ZERO
from ..rules import Rules

DUE = "due"
ALREADY_PAID = "already_paid"
DUPLICATE = "duplicate"
EXPIRED = "expired"


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
    paid: tuple[LedgerRow, ...] = ()
    first: ExamPass | None = None
    origin: Origin | None = field(default=None, compare=False)


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

    @property
    def due_awards(self) -> list[Award]:
        return [a for a in self.awards if a.status == DUE]


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
    for p in passes:
        origin = p.origin or Origin("<passes>", "")
        if p.exam not in exams:
            problems.append(
                origin.problem(
                    one_of(p.exam, exams)
                    + "; add the exam to awards.exams in the rules or fix the name",
                    "exam",
                )
            )
        if p.worker_id not in ids:
            if id_list is None:
                id_list = sorted(ids)
            text = f"worker {p.worker_id!r} is not on the roster"
            close = difflib.get_close_matches(p.worker_id, id_list, n=1, cutoff=0.6)
            if close:
                text += f" (did you mean {close[0]!r}?)"
            problems.append(
                origin.problem(text + "; every pass must name a rostered worker", "worker_id")
            )
        if p.passed_on > as_of:
            problems.append(
                origin.problem(
                    f"{p.passed_on.isoformat()} is after the as-of date {as_of.isoformat()}; "
                    "a pass cannot be in the future (check the date or use --as-of)",
                    "passed_on",
                )
            )
    return problems


def awards(
    rules: Rules,
    workers: Sequence[Worker],
    passes: Iterable[ExamPass] = (),
    ledger: Iterable[LedgerRow] = (),
    as_of: dt.date | None = None,
    roster_ids: Collection[str] | None = None,
) -> AwardsResult:
    """The status and amount of every exam pass at `as_of` (default: today).

    Passes are the workers' own `exams`, then `passes`; `ledger` holds the awards
    already paid. Raises `InputError` listing every pass naming an unknown exam or
    worker, or dated after `as_of`. `roster_ids` stands in for the workers' ids when
    the roster was streamed rather than loaded (a national CSV has no `exams`).
    """
    when = as_of if as_of is not None else dt.date.today()
    config = rules.awards
    items = all_passes(workers, passes)
    problems = check_passes(rules, workers, items, when, roster_ids)
    if problems:
        raise InputError(problems)

    names = {w.id: w.name for w in workers}
    ladder = {exam: i for i, exam in enumerate(config.ladder)}
    top_up = config.upgrade == "top_up"
    window = config.claim_window_days

    paid: dict[tuple[str, str], list[LedgerRow]] = {}
    ladder_paid: dict[str, Decimal] = {}
    for row in ledger:
        paid.setdefault((row.worker_id, row.exam), []).append(row)
        if row.exam in ladder:
            ladder_paid[row.worker_id] = ladder_paid.get(row.worker_id, ZERO) + row.amount

    statuses: list[str] = []
    firsts: list[ExamPass | None] = []
    seen: dict[tuple[str, str], ExamPass] = {}
    for p in items:
        key = (p.worker_id, p.exam)
        first = seen.get(key)
        firsts.append(first)
        if first is not None:
            statuses.append(DUPLICATE)
            continue
        seen[key] = p
        if key in paid:
            statuses.append(ALREADY_PAID)
        elif window is not None and (when - p.passed_on).days > window:
            statuses.append(EXPIRED)
        else:
            statuses.append(DUE)

    # Due amounts: ladder exams of one worker are taken in ladder order, whatever
    # order they came in, so each step up pays only the difference.
    amounts: dict[int, tuple[Decimal, Decimal]] = {}  # index -> (amount, deducted)
    ladder_due: dict[str, list[int]] = {}
    for i, (p, status) in enumerate(zip(items, statuses, strict=True)):
        if status != DUE:
            continue
        award = config.exams[p.exam]
        if top_up and p.exam in ladder:
            ladder_due.setdefault(p.worker_id, []).append(i)
        else:
            amounts[i] = (award, ZERO)
    for worker_id, indexes in ladder_due.items():
        so_far = ladder_paid.get(worker_id, ZERO)
        for i in sorted(indexes, key=lambda i: ladder[items[i].exam]):
            award = config.exams[items[i].exam]
            amount = max(ZERO, award - so_far)
            amounts[i] = (amount, award - amount)
            so_far += amount

    out: list[Award] = []
    for i, (p, status, first) in enumerate(zip(items, statuses, firsts, strict=True)):
        amount, deducted = amounts.get(i, (ZERO, ZERO))
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
                paid=tuple(paid.get((p.worker_id, p.exam), ())) if status == ALREADY_PAID else (),
                first=first,
                origin=p.origin,
            )
        )

    due_rows = [a for a in out if a.status == DUE]
    counts: dict[str, int] = {}
    sums: dict[str, Decimal] = {}
    for a in due_rows:
        counts[a.exam] = counts.get(a.exam, 0) + 1
        sums[a.exam] = sums.get(a.exam, ZERO) + a.amount
    by_exam = [ExamTotal(exam, counts[exam], sums[exam]) for exam in config.exams if exam in counts]
    return AwardsResult(
        as_of=when,
        awards=out,
        due=sum((a.amount for a in due_rows), ZERO),
        count_due=len(due_rows),
        by_exam=by_exam,
        claim_window_days=window,
        upgrade=config.upgrade,
    )
