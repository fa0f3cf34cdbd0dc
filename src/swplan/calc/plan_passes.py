"""The planned passes of a plan: on 31 December, at every site, round-half-up(candidates
x share) of each ladder step's candidates pass (the longest-serving first), and take
the new title from 1 January; their awards are paid on that 1 January."""

from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from itertools import compress

from ..model import ExamPass, LedgerRow, Worker
from ..money import ZERO
from ..rules import Rules
from .awards import DUE
from .awards import awards as compute_awards
from .plan_rules import Shares, threshold
from .plan_workers import Pending, Workers

BATCH = 1 << 16  # passes applied a batch at a time: a few lists, not millions


class PlannedPasses:
    """The ladder steps a plan's scenario passes, and each year's passes."""

    def __init__(self, rules: Rules, workers: Workers) -> None:
        plan = rules.plan
        ladder = list(rules.awards.ladder)
        # top of the ladder first: (exam, the title of its candidates, its share)
        cert_steps = [
            (exam, ladder[i - 1] if i else "none", Shares(plan.certification[exam]))
            for i, exam in reversed(list(enumerate(ladder)))
            if exam in plan.certification
        ]
        # each step with the fewest candidates of whom one passes; a smaller site has none
        steps = [
            (exam, below, passing, fewest)
            for exam, below, passing in cert_steps
            if (fewest := threshold(passing.rate)) is not None
        ]
        # the candidates' title of each step -> a number (from 1), for quick comparisons
        self.codes = {below: n for n, (_, below, _, _) in enumerate(steps, 1)}
        self.steps = [
            (exam, self.codes[below], passing, fewest) for exam, below, passing, fewest in steps
        ]
        # the fewest workers a site has for anyone to pass there (None: no one ever passes)
        self.fewest = min(step[3] for step in steps) if steps else None
        self.judged = rules.awards_judge_workers
        self.workers = workers
        self.promoted_to: dict[tuple[int, str], int] = {}  # (facts, exam) -> facts after

    def year_end(self, k: int, years_of: Callable[[int], int], pending: Pending) -> int:
        """The passes of 31 December of plan year k, site by site in order (worker
        `years_of` years served), into `pending`; how many passed."""
        assert self.fewest is not None
        w = self.workers
        members = w.members
        title_code = [self.codes.get(t, 0) for t in w.title_of]
        # per worker number: the title's number (0: not a candidate of any step); a pass
        # changes neither the years nor, within the year, whose candidate a worker is
        titles_of = array("b", map(title_code.__getitem__, w.fact)).__getitem__
        sizes = list(map(len, members))
        most = max(sizes, default=0)
        passing_of = [
            (exam, code, passing.upto(most), least) for exam, code, passing, least in self.steps
        ]
        passed = 0
        passers: list[int] = []
        exams: list[str] = []
        at: list[int] = []
        for s in compress(range(len(members)), map(self.fewest.__le__, sizes)):
            site_members = members[s]
            size = sizes[s]
            titles = list(map(titles_of, site_members))
            for exam, code, passing_count, fewest_here in passing_of:
                if size < fewest_here:
                    continue
                n = passing_count[titles.count(code)]
                if not n:
                    continue
                candidates = compress(site_members, map(code.__eq__, titles))
                # longest-serving first; ties in worker order (the sort is stable)
                passers.extend(sorted(candidates, key=years_of, reverse=True)[:n])
                exams.extend([exam] * n)
                at.extend([s] * n)
            if len(passers) >= BATCH:
                passed += len(passers)
                self.apply(passers, exams, at, pending, k)
                passers, exams, at = [], [], []
        passed += len(passers)
        self.apply(passers, exams, at, pending, k)
        return passed

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


def pay_planned(rules: Rules, jan1: dt.date, pending: Pending, workers: Workers) -> Decimal:
    """The awards of last year's planned passes, paid on 1 January; each worker's
    awards are added to their history.

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
        total += sum((amount for _, amount, _, _ in paid), ZERO) * len(group)
        after = (*(before or ()), *paid)
        after = histories.setdefault(after, after)
        for i in group:
            history[i] = after
    return total
