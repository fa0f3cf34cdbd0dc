"""`swplan awards`: the one-off exam awards due, checked against the ledger; `--record`."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem
from .common import (
    Outcome,
    attempt,
    gather,
    load_rules_opt,
    option_date,
    raise_,
)

if TYPE_CHECKING:
    from ..calc.awards import AwardsResult
    from ..io.ledger import Recorded


_SHOWN_RECORDED = 50  # recorded rows listed on stderr; the ledger holds them all


def awards(
    *,
    roster: Path,
    passes: Path | None,
    ledger: Path | None,
    record: bool,
    new_ledger: bool,
    rules: Path | None,
    as_of: str | None,
    fmt: str,
    output: Path | None,
    lang: str,
) -> Outcome:
    from ..calc.awards import awards as compute
    from ..io.passes import load_ledger, load_passes
    from ..report.awards import awards_report
    from .roster import workers_for_awards

    if record and ledger is None:
        raise InputError(
            [
                Problem(
                    "--record",
                    "",
                    "",
                    "needs --ledger FILE, the ledger CSV to record the awards in "
                    "(with --new-ledger to start one)",
                )
            ]
        )
    if new_ledger and not record:
        raise InputError(
            [Problem("--new-ledger", "", "", "only applies with --record; add --record")]
        )
    if record and ledger is not None and not new_ledger and not os.path.lexists(ledger):
        raise InputError(
            [
                Problem(
                    str(ledger),
                    "",
                    "--ledger",
                    "the ledger does not exist; check the path (a new, empty ledger "
                    "would pay every award again), or add --new-ledger to start one",
                )
            ]
        )
    r = load_rules_opt(rules)
    when = option_date(as_of, "--as-of") or dt.date.today()
    out = str(output) if output else None

    def output_dir() -> None:
        from ..io.atomic import target_problem

        problem = target_problem(out) if out else None
        if problem:
            raise InputError([Problem(str(output), "", "--output", problem)])

    # the passes first: of a CSV roster only the workers they name are kept
    no_passes: list[Any] = []
    passes_problems: list[Problem] = []
    extra = attempt(
        lambda: load_passes(passes, r) if passes is not None else no_passes,
        passes_problems,
        no_passes,
    )
    wanted = {p.worker_id for p in extra}
    (workers, roster_ids), _, paid, _ = gather(
        lambda: workers_for_awards(roster, r, wanted),
        lambda: raise_(passes_problems) if passes_problems else extra,
        # a recording run reads the ledger under its lock (after taking back an
        # append a stopped run left half done), not here
        lambda: load_ledger(ledger, r) if ledger is not None and not record else [],
        output_dir,
    )
    # bad passes stop here, before any write
    result = compute(r, workers, extra, paid, when, roster_ids=roster_ids)
    if not (record and ledger is not None):
        return Outcome(awards_report(result, r, lang), 0, due_message(ledger, result))

    recorded: list[Recorded] = []

    def write(target: str | None) -> None:
        from ..api import record_awards
        from ..render import emit

        def publish(found: AwardsResult, commit: Callable[[], None]) -> None:
            # the report of what is recorded, worked out under the ledger's lock;
            # the ledger gains its rows only once the report is written
            emit(awards_report(found, r, lang), fmt, target, before_publish=commit)

        recorded.append(
            record_awards(r, workers, extra, ledger, when, new_ledger=new_ledger, publish=publish)
        )

    def exam_word(exam: str) -> str:
        from ..report.vocab import word

        return word(r, "exam", exam, lang) if lang == "zh" else exam

    return Outcome(
        write=write, messages=lambda: recorded_messages(recorded[0], ledger, when, exam_word)
    )


def due_message(ledger: Path | None, result: AwardsResult) -> list[str]:
    """With a ledger and no --record: how much is due, and how to record it."""
    from ..money import fmt_money

    if ledger is None or not result.count_due:
        return []
    return [
        f"{result.count_due} award(s) due, {fmt_money(result.due)} in total; "
        "add --record to record them in the ledger"
    ]


def recorded_messages(
    recorded: Recorded,
    ledger: Path,
    when: dt.date,
    exam_word: Callable[[str], str] = str,
) -> list[str]:
    """What --record added to the ledger (the first rows of it), or that it added nothing;
    `exam_word` names an exam in the language of the run."""
    from decimal import Decimal

    from ..money import fmt_money

    if not recorded.rows:
        return [
            f"recorded nothing: no award is due that {ledger} does not already hold; "
            f"the ledger has {recorded.row_count} rows"
        ]
    total = sum((row.amount for row in recorded.rows), Decimal(0))
    messages = [
        f"recorded {len(recorded.rows)} award(s), {fmt_money(total)} in total, "
        f"paid_on {when.isoformat()}, in {ledger}; the ledger now has "
        f"{recorded.row_count} rows:"
    ]
    for row in recorded.rows[:_SHOWN_RECORDED]:
        messages.append(f"  {row.worker_id} {exam_word(row.exam)} {fmt_money(row.amount)}")
    if len(recorded.rows) > _SHOWN_RECORDED:
        messages.append(f"  ... and {len(recorded.rows) - _SHOWN_RECORDED} more (see the ledger)")
    return messages
