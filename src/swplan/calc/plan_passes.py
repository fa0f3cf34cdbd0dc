"""The planned passes of a plan: on 31 December, for each exam from the top of the
ladder down, round-half-up(candidates x share) of the district's candidates pass,
shared among the sites by the largest remainder; at a site, the longest-serving
candidates pass. They hold the new title from 1 January, when their awards are paid."""

from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import compress

from ..model import ExamPass, LedgerRow, Worker
from ..money import ZERO
from ..rules import Rules
from .awards import DUE
from .awards import awards as compute_awards
from .plan_shares import apportion
from .plan_workers import Pending, Workers

BATCH = 1 << 16  # passes applied a batch at a time: a few lists, not millions


@dataclass(frozen=True, slots=True)
class Step:
    """An exam of the ladder the plan passes: its candidates' title (by number) and share."""

    exam: str
    code: int
    share: Fraction


class PlannedPasses:
    """The ladder steps a plan's scenario passes, and each year's passes."""

    def __init__(self, rules: Rules, workers: Workers) -> None:
        self.ladder = list(rules.awards.ladder)
        self.judged = rules.awards_judge_workers
        self.workers = workers
        self.promoted_to: dict[tuple[int, str], int] = {}  # (facts, exam) -> facts after
        self.codes: dict[str, int] = {}  # the candidates' title of each step -> a number
        self._steps: dict[tuple[tuple[str, Decimal], ...], list[Step]] = {}

    def steps_of(self, certification: Mapping[str, Decimal]) -> list[Step]:
        """The steps of a year's `certification`, top of the ladder first."""
        key = tuple(sorted(certification.items()))
        known = self._steps.get(key)
        if known is None:
            ladder = self.ladder
            known = []
            for i, exam in reversed(list(enumerate(ladder))):
                if exam in certification:
                    below = ladder[i - 1] if i else "none"
                    code = self.codes.setdefault(below, len(self.codes) + 1)
                    known.append(Step(exam, code, Fraction(certification[exam])))
            self._steps[key] = known
        return known

    def year_end(
        self,
        k: int,
        steps: list[Step],
        years_of: Callable[[int], int] | None,
        pending: Pending,
        closing: Collection[int] = (),
    ) -> tuple[int, dict[str, tuple[int, int]]]:
        """The passes of 31 December of plan year k (worker `years_of` years served;
        None: no one passes, the candidates are only counted), into `pending`; how many
        passed, and per exam (passes, candidates). The sites in `closing` have none."""
        w = self.workers
        members = w.members
        codes = self.codes
        title_code = [codes.get(t, 0) for t in w.title_of]
        # per worker number: the title's number (0: not a candidate of any step); a pass
        # changes neither the years nor, within the year, whose candidate a worker is
        titles_of = array("B", map(title_code.__getitem__, w.fact)).__getitem__
        n = len(members)
        counts = [[0] * n for _ in steps]
        kept: dict[int, bytes] = {}  # per site with candidates: its workers' titles
        shut = set(closing)
        for s in compress(range(n), map(len, members)):
            if s in shut:
                continue
            titles = bytes(map(titles_of, members[s]))
            hit = False
            for j, step in enumerate(steps):
                c = titles.count(step.code)
                if c:
                    counts[j][s] = c
                    hit = True
            if hit:
                kept[s] = titles
        found: dict[str, tuple[int, int]] = {}
        passed = 0
        passers: list[int] = []
        exams: list[str] = []
        at: list[int] = []
        for j, step in enumerate(steps):
            total, shares = apportion(counts[j], step.share) if years_of else (0, [])
            found[step.exam] = (total, sum(counts[j]))
            if not total or years_of is None:
                continue
            code, exam = step.code, step.exam
            for s in compress(range(n), shares):
                candidates = compress(members[s], map(code.__eq__, kept[s]))
                # longest-serving first; ties in worker order (the sort is stable, and
                # max gives the first of the longest-serving: most sites pass one)
                share = shares[s]
                if share == 1:
                    chosen = [max(candidates, key=years_of)]
                else:
                    chosen = sorted(candidates, key=years_of, reverse=True)[:share]
                passers.extend(chosen)
                exams.extend([exam] * len(chosen))
                at.extend([s] * len(chosen))
                if len(passers) >= BATCH:
                    passed += len(passers)
                    self.apply(passers, exams, at, pending, k)
                    passers, exams, at = [], [], []
        passed += len(passers)
        self.apply(passers, exams, at, pending, k)
        return passed, found

    def apply(
        self, passers: list[int], exams: list[str], at: list[int], pending: Pending, k: int
    ) -> None:
        """Some of the year's passes (worker, exam, site): each passer's facts now, and
        the group its award is judged in."""
        w = self.workers
        fact, counts, history, promoted_to = w.fact, w.counts, w.history, self.promoted_to
        # each passer's facts now: each (facts, exam) promoted once, in order met
        olds = list(map(fact.__getitem__, passers))
        steps_taken = list(zip(olds, exams, strict=True))
        for old, exam in dict.fromkeys(steps_taken):
            if (old, exam) not in promoted_to:
                promoted_to[(old, exam)] = w.promoted(old, exam)
        news = list(map(promoted_to.__getitem__, steps_taken))
        for i, new in zip(passers, news, strict=True):
            fact[i] = new
        for (old, new), n in Counter(zip(olds, news, strict=True)).items():
            counts[old] -= n
            counts[new] += n
        # alike workers: the same exam, facts, hiring day and awards paid before (only
        # the exam and the awards, when the awards judge no worker)
        roster = w.roster
        n_roster = len(roster)
        judged = self.judged
        for i, exam, s in zip(passers, exams, at, strict=True):
            if not judged:
                key = (exam, 0, 0, history[i])
            elif i < n_roster:
                key = (exam, roster.fact[i], roster.hired[i], history[i])
            else:
                key = (exam, *w.hire_key(i), history[i])
            group = pending.get(key)
            if group is None:
                group = pending[key] = (w.as_passed(i, k, w.slot_ids[s]), [])
            group[1].append(i)


def pay_planned(
    rules: Rules,
    jan1: dt.date,
    pending: Pending,
    workers: Workers,
    by_slot: list[Decimal] | None = None,
) -> Decimal:
    """The awards of last year's planned passes, paid on 1 January; each worker's
    awards are added to their history (and, with `by_slot`, to their site's sum).

    A worker's award depends only on the exam, the worker's facts and the awards paid
    to them before, so each group of workers alike in those is judged once, by its
    first worker, and paid as many times as it has workers.
    """
    if not pending:
        return ZERO
    judged: list[Worker] = []
    passes: list[ExamPass] = []
    rows: list[LedgerRow] = []
    day = dt.date(jan1.year - 1, 12, 31)
    for (exam, _, _, before), (w, _) in pending.items():
        judged.append(w)
        passes.append(ExamPass(w.id, exam, day))
        rows.extend(
            LedgerRow(w.id, e, amount, on, scheme) for e, amount, on, scheme in before or ()
        )
    result = compute_awards(rules, judged, passes, rows, jan1)
    total = ZERO
    history, histories = workers.history, workers.histories
    # a row per pass and scheme that prices its exam, in the order of the passes
    due: list[list[tuple[str, Decimal, dt.date, str | None]]] = [[] for _ in pending]
    for a in result.awards:
        if a.status == DUE:
            due[a.index].append((a.exam, a.amount, jan1, a.scheme))
    for paid, ((_, _, _, before), (_, group)) in zip(due, pending.items(), strict=True):
        if not paid:
            continue
        each = sum((amount for _, amount, _, _ in paid), ZERO)  # a worker's awards, every scheme
        total += each * len(group)
        after = (*(before or ()), *paid)
        after = histories.setdefault(after, after)
        for i in group:
            history[i] = after
        if by_slot is not None:
            for i in group:
                by_slot[workers.slot_of(i)] += each
    return total
