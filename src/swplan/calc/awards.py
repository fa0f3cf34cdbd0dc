"""One-off exam awards: pure, over passes, the ledger and the rules' award schemes.

Every pass is judged by every scheme that prices its exam (`rules.schemes`; without
`awards.schemes` the `awards` section is the one scheme `default`): one row per
scheme and pass, in input order, the schemes in the rules' order; a pass no scheme
prices is one row, `not_awarded`. How one scheme decides a pass's status and amount
is `swplan.calc.schemes`::

    ledger: W001 assistant_social_worker 1000.00
    passes: W001 social_worker               ->  due 1000.00 (top_up), 2000.00 (full)

A pass whose worker is on no roster is `not_on_roster` (decided before anything
else), paid nothing, never recorded, and named in a warning; when its name is that of
one roster worker, the warning and reason suggest that worker's id.

The ledger's rows are placed in their schemes here (`place_ledger`); recording the due
awards in the ledger file is `swplan.api.record_awards`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any, TypedDict, Unpack

from ..errors import InputError, Problem
from ..messages import Clauses, L, Msg, Words, did_you_mean, msg
from ..model import ExamPass, LedgerRow, Origin, Worker
from ..money import ZERO
from ..rules import DEFAULT, Rules, SchemeKeys, award_schemes, funder_of
from .choices import not_one_of
from .ids import respellings, spelling_message, spelling_problems
from .schemes import (
    ALREADY_PAID,
    CAPPED,
    DUE,
    DUPLICATE,
    EXPIRED,
    INELIGIBLE,
    NOT_AWARDED,
    NOT_ON_ROSTER,
    OUT_OF_SCOPE,
    STATUSES,
    Failed,
    Judge,
    Judged,
    conditions_failed,
    judge,
    month_anniversary,
    service_months,
)

__all__ = [
    "ALREADY_PAID",
    "CAPPED",
    "DUE",
    "DUPLICATE",
    "EXPIRED",
    "INELIGIBLE",
    "NOT_AWARDED",
    "NOT_ON_ROSTER",
    "OUT_OF_SCOPE",
    "STATUSES",
    "Award",
    "AwardsResult",
    "ExamTotal",
    "Failed",
    "SchemeTotal",
    "all_passes",
    "awards",
    "check_passes",
    "conditions_failed",
    "month_anniversary",
    "name_key",
    "not_on_roster_warnings",
    "place_ledger",
    "service_months",
]


@dataclass(slots=True)
class Award:
    """One exam pass as one scheme judges it, at the as-of date. (Not frozen: a frozen
    dataclass sets each of its 25 fields through `object.__setattr__`, and a national
    run judges 81,197 passes; nothing changes one once made.)

    `amount` is what is due now (0.00 unless `status` is `due`); `award` is the exam's
    amount in the scheme and `deducted` the ladder payments taken off it (top_up).
    `paid` holds the ledger rows of an `already_paid` pass; `first` is where the pass
    a `duplicate` repeats came from; `hint` the roster ids whose name is the name a
    `not_on_roster` pass gives.
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
    site: str | None = None  # the worker's site, when the worker is on the roster
    paid: tuple[LedgerRow, ...] = ()
    first: ExamPass | None = None
    origin: Origin | None = field(default=None, compare=False)
    capped: bool = False  # the due amount was cut by cap_per_worker
    cut: Decimal = ZERO  # what the cap took off
    paid_before: Decimal = ZERO  # capped: all the scheme paid the worker before this award
    failed: tuple[Failed, ...] = ()  # the conditions an `ineligible` pass fails
    deadline: dt.date | None = None  # the claim_deadline of this pass, when the scheme sets one
    scheme: str | None = None  # the scheme that judged it (None: no scheme prices the exam)
    funder: str | None = None  # the scheme's funder (None: the budget's `awards` shares)
    hint: tuple[str, ...] = ()  # not_on_roster: the roster ids of workers with its name
    claim_by: dt.date | None = None  # its claim_within_months anniversary, when set
    late: str | None = None  # expired: "window", "deadline" or "months"
    exam_year: int | None = None  # the passes file's exam year, where given
    index: int = 0  # the pass's place among the passes (a pass has a row per scheme)


@dataclass(frozen=True, slots=True)
class ExamTotal:
    exam: str
    count: int
    amount: Decimal


@dataclass(frozen=True, slots=True)
class SchemeTotal:
    scheme: str
    funder: str | None
    count: int
    amount: Decimal


@dataclass(slots=True)
class AwardsResult:
    as_of: dt.date
    awards: list[Award]  # in input order (roster exams, then the passes file), by scheme
    due: Decimal  # sum of the due amounts
    count_due: int  # due rows, zero-amount ones (a top-up paid in full before) included
    by_exam: list[ExamTotal]  # due totals per exam, in the rules' order
    # the first scheme's window, upgrade and cap (the `awards` section without schemes)
    claim_window_days: int | None = None
    upgrade: str = "top_up"
    cap_per_worker: Decimal | None = None
    schemes: dict[str, SchemeKeys] = field(default_factory=dict)  # every scheme, by name
    by_scheme: list[SchemeTotal] = field(default_factory=list)  # due totals per scheme
    warnings: list[Msg] = field(default_factory=list)  # the passes not on the roster

    @property
    def due_awards(self) -> list[Award]:
        return [a for a in self.awards if a.status == DUE]

    @property
    def to_record(self) -> list[Award]:
        """The due awards the ledger gains: a due amount of 0.00 is never recorded (a
        ledger row of 0.00 pays nothing, and would only hide a later award)."""
        return [a for a in self.awards if a.status == DUE and a.amount > ZERO]

    @property
    def named_schemes(self) -> bool:
        """Whether the rules give `awards.schemes` (else the one scheme is `default`)."""
        return len(self.schemes) > 1 or DEFAULT not in self.schemes

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
    passes: Iterable[ExamPass],
    as_of: dt.date,
    roster_ids: Collection[str] = frozenset(),
) -> list[Problem]:
    """Every pass that must not be silently skipped: an exam the rules do not know (a
    typo must not cost someone an award), a pass dated after `as_of`, or a worker id
    that is a roster id (of `roster_ids`) spelt another way (Excel's 101 for 0101)."""
    exams = rules.words("exam")
    problems: list[Problem] = []
    exam_label = partial(rules.label_of, "exam", lang="zh")
    passes = list(passes)
    off = {p.worker_id: p.origin for p in passes if p.worker_id not in roster_ids}
    respelt = respellings(roster_ids, off) if off and roster_ids else {}
    for p in passes:
        origin = p.origin or Origin("<passes>", "")
        if p.exam not in exams:
            wrong = not_one_of(p.exam, exams, exam_label)
            problems.append(origin.problem(Clauses(wrong, msg("calc.add_exam")), "exam"))
        meant = respelt.get(p.worker_id)
        if meant:  # named once, where it is first written
            text = spelling_message(p.worker_id, meant, "passes")
            problems.append(origin.problem(text, "worker_id"))
            respelt[p.worker_id] = []
        if p.passed_on > as_of:
            text = msg(
                "calc.pass_in_future", passed_on=p.passed_on.isoformat(), as_of=as_of.isoformat()
            )
            problems.append(origin.problem(text, "passed_on"))
    return problems


def place_ledger(rules: Rules, ledger: Iterable[LedgerRow]) -> dict[str, list[LedgerRow]]:
    """The ledger's rows by the scheme that paid them.

    A row's `scheme` names a scheme by key, label or alias; a row without one belongs
    to `default`, or to the only scheme when there is one. Raises `InputError` naming
    every row that cannot be placed.
    """
    schemes = award_schemes(rules)
    names = list(schemes)
    unnamed = DEFAULT if DEFAULT in schemes else names[0] if len(names) == 1 else None
    placed: dict[str, list[LedgerRow]] = {name: [] for name in names}
    listed = Words(_scheme_word(rules, name) for name in names)
    problems: list[Problem] = []
    for row in ledger:
        if row.scheme is None or not row.scheme.strip():
            name = unnamed
            if name is None:
                problems.append(
                    _ledger_problem(row, msg("schemes.row_without_scheme", schemes=listed))
                )
                continue
        else:
            name = rules.word("scheme", row.scheme)
            if name is None:
                problem = msg("schemes.not_a_scheme", value=row.scheme, schemes=listed)
                problems.append(_ledger_problem(row, problem))
                continue
        placed[name].append(row)
    if problems:
        raise InputError(problems)
    return placed


def _scheme_word(rules: Rules, name: str) -> L | Msg:
    """A scheme as a ledger names it: its key, in Chinese its label."""
    label = rules.label_of("scheme", name, "zh")
    if label == name and name == DEFAULT:
        return msg("schemes.default")
    return L(name, label)


def _ledger_problem(row: LedgerRow, message: Msg) -> Problem:
    origin = row.origin or Origin("<ledger>", "")
    return origin.problem(message, "scheme")


def name_key(name: str) -> str:
    """A name as names are compared: NFKC, with no spaces at all."""
    return "".join(unicodedata.normalize("NFKC", name).split())


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
    """The status and amount of every exam pass under every scheme that prices its exam,
    at `as_of` (default: today).

    Passes are the workers' own `exams`, then `passes`; `ledger` holds the awards
    already paid. Raises `InputError` listing every pass naming an unknown exam or
    dated after `as_of`, and every ledger row no scheme can be found for. `roster_ids`
    stands in for the workers' ids when the roster was streamed rather than loaded (a
    national CSV has no `exams`); the workers are then needed only for those the
    conditions judge and those whose name a pass off the roster gives.

    Statuses are decided in the order not_on_roster, duplicate, already_paid,
    not_awarded, out_of_scope, ineligible, expired, capped, due, within each scheme.
    """
    when = as_of if as_of is not None else dt.date.today()
    items = all_passes(workers, passes)
    roster_ids = options.get("roster_ids")
    ids = roster_ids if roster_ids is not None else {w.id for w in workers}
    problems = check_passes(rules, items, when, ids)
    ledger = ledger if isinstance(ledger, Sequence) else list(ledger)
    if roster_ids is None:  # the workers are the roster: a ledger id spelt otherwise is told
        paid_ids = ((row.worker_id, row.origin) for row in ledger)
        problems += spelling_problems(ids, ids, paid_ids, "ledger")
    try:
        placed = place_ledger(rules, ledger)
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)
    schemes = award_schemes(rules)
    by_id = {w.id: w for w in workers}
    pricing = {
        exam: [name for name, s in schemes.items() if exam in s.exams]
        for exam in {p.exam for p in items}
    }
    judged: dict[tuple[str, int], Judged] = {}
    for name, scheme in schemes.items():
        indexes = [i for i, p in enumerate(items) if name in pricing[p.exam]]
        found = judge(
            Judge(rules, scheme, when, ids, by_id), [items[i] for i in indexes], placed[name]
        )
        judged.update(((name, i), j) for i, j in zip(indexes, found, strict=True))
    names = _names(workers)
    funders = {name: funder_of(scheme) for name, scheme in schemes.items()}
    out: list[Award] = []
    for i, p in enumerate(items):
        off = p.worker_id not in ids
        hint = names.get(name_key(p.name), ()) if off and p.name else ()
        rows: list[tuple[str | None, Judged]] = [(n, judged[(n, i)]) for n in pricing[p.exam]]
        if not rows:  # no scheme prices the exam
            rows = [(None, Judged(NOT_ON_ROSTER if off else NOT_AWARDED))]
        for scheme_name, j in rows:
            funder = funders[scheme_name] if scheme_name is not None else None
            out.append(_award(i, p, j, (scheme_name, funder), when, by_id, hint))
    return _result(rules, when, out, schemes, not_on_roster_warnings(rules, items, ids, names))


def _names(workers: Iterable[Worker]) -> dict[str, tuple[str, ...]]:
    """Each roster name -> the ids of the workers who have it."""
    out: dict[str, tuple[str, ...]] = {}
    for w in workers:
        if w.name:
            key = name_key(w.name)
            if w.id not in out.get(key, ()):
                out[key] = (*out.get(key, ()), w.id)
    return out


def _award(
    i: int,
    p: ExamPass,
    j: Judged,
    scheme: tuple[str | None, str | None],  # the scheme and its funder
    when: dt.date,
    by_id: Mapping[str, Worker],
    hint: tuple[str, ...],
) -> Award:
    worker = by_id.get(p.worker_id)
    return Award(
        worker_id=p.worker_id,
        exam=p.exam,
        passed_on=p.passed_on,
        status=j.status,
        amount=j.amount,
        award=j.award,
        deducted=j.deducted,
        days=(when - p.passed_on).days,
        name=worker.name if worker is not None else p.name,
        site=worker.site if worker is not None else None,
        paid=j.paid,
        first=j.first,
        origin=p.origin,
        capped=j.cut > ZERO,
        cut=j.cut,
        paid_before=j.paid_before,
        failed=j.failed,
        deadline=j.deadline,
        scheme=scheme[0],
        funder=scheme[1],
        hint=hint,
        claim_by=j.claim_by,
        late=j.late,
        exam_year=p.exam_year,
        index=i,
    )


def not_on_roster_warnings(
    rules: Rules,
    items: Iterable[ExamPass],
    ids: Collection[str],
    names: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Msg]:
    """One warning per pass whose worker is not on the roster (`ids`); `names`: each
    roster name (`name_key`) -> the ids of its workers, for the suggestion."""
    names = names or {}
    out: list[Msg] = []
    for p in items:
        if p.worker_id in ids:
            continue
        hint = names.get(name_key(p.name), ()) if p.name else ()
        o = p.origin
        place = (f"{o.file}:{o.where}: " if o.where else f"{o.file}: ") if o is not None else ""
        out.append(
            msg(
                "schemes.not_on_roster_warning",
                place=place,
                worker=p.worker_id,
                exam=L(p.exam, rules.label_of("exam", p.exam, "zh")),
                passed_on=p.passed_on.isoformat(),
                hint=did_you_mean(hint[0]) if len(hint) == 1 else "",
            )
        )
    return out


def _result(
    rules: Rules,
    when: dt.date,
    out: list[Award],
    schemes: dict[str, SchemeKeys],
    warnings: list[Msg],
) -> AwardsResult:
    due_rows = [a for a in out if a.status == DUE]
    first = next(iter(schemes.values()))
    return AwardsResult(
        as_of=when,
        awards=out,
        due=sum((a.amount for a in due_rows), ZERO),
        count_due=len(due_rows),
        by_exam=_by_exam(due_rows, rules.words("exam")),
        claim_window_days=first.claim_window_days,
        upgrade=first.upgrade,
        cap_per_worker=first.cap_per_worker,
        schemes=schemes,
        by_scheme=_by_scheme(due_rows, schemes),
        warnings=warnings,
    )


def _by_exam(due_rows: Sequence[Award], exams: Iterable[str]) -> list[ExamTotal]:
    """The due awards' count and sum per exam, in the rules' order."""
    counts: dict[str, int] = {}
    sums: dict[str, Decimal] = {}
    for a in due_rows:
        counts[a.exam] = counts.get(a.exam, 0) + 1
        sums[a.exam] = sums.get(a.exam, ZERO) + a.amount
    return [ExamTotal(exam, counts[exam], sums[exam]) for exam in exams if exam in counts]


def _by_scheme(due_rows: Sequence[Award], schemes: Mapping[str, SchemeKeys]) -> list[SchemeTotal]:
    """The due awards' count and sum per scheme, in the rules' order (every scheme)."""
    out = []
    for name, scheme in schemes.items():
        rows = [a for a in due_rows if a.scheme == name]
        amount = sum((a.amount for a in rows), ZERO)
        out.append(SchemeTotal(name, funder_of(scheme), len(rows), amount))
    return out
