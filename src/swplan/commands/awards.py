"""`swplan awards`: the one-off exam awards due, checked against the ledger; `--record`."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem
from ..messages import Msg, msg
from .common import (
    Outcome,
    RosterFiles,
    attempt,
    gather,
    judged_day,
    load_rules_opt,
    raise_,
    warning_lines,
)

if TYPE_CHECKING:
    from ..calc.awards import AwardsResult
    from ..io.ledger import Recorded
    from ..messages import Text


_SHOWN_RECORDED = 50  # recorded rows listed on stderr; the ledger holds them all


def awards(
    files: RosterFiles,
    *,
    record: bool,
    new_ledger: bool,
    as_of: str | None,
    fmt: str,
    output: Path | None,
) -> Outcome:
    from ..calc.awards import awards as compute
    from ..calc.awards import name_key
    from ..io.passes import load_ledger, load_passes
    from ..io.roster import by_worker_id, id_number_map
    from ..report.awards import awards_report
    from .roster import workers_for_awards

    ledger, lang = files.ledger, files.lang
    if record and ledger is None:
        raise InputError([Problem("--record", "", "", msg("ledger.record_needs_ledger"))])
    if new_ledger and not record:
        raise InputError([Problem("--new-ledger", "", "", msg("ledger.new_needs_record"))])
    if record and ledger is not None and not new_ledger and not _exists(ledger):
        raise InputError([Problem(str(ledger), "", "--ledger", msg("ledger.does_not_exist"))])
    r = load_rules_opt(files.rules)
    judged = judged_day(as_of)
    when = judged.day
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
        lambda: load_passes(files.passes, r) if files.passes is not None else no_passes,
        passes_problems,
        no_passes,
    )
    # a roster keyed by 工号 with a 身份证号 column: passes may name workers by either
    numbers = id_number_map(files.roster, r) if extra or ledger is not None else {}
    extra, _ = by_worker_id(extra, [], numbers)
    wanted = {p.worker_id for p in extra}
    # the roster workers a pass off the roster may mean, by the name it gives
    names = {name_key(p.name) for p in extra if p.name}
    (workers, roster_ids), _, paid, _ = gather(
        lambda: workers_for_awards(files.roster, r, wanted, names, judged=when),
        lambda: raise_(passes_problems) if passes_problems else extra,
        # a recording run reads the ledger under its lock (after taking back an
        # append a stopped run left half done), not here
        lambda: load_ledger(ledger, r) if ledger is not None and not record else [],
        output_dir,
    )
    _, paid = by_worker_id([], paid, numbers)
    # bad passes stop here, before any write
    if paid:
        from ..api import ledger_problems

        ledger_problems(roster_ids, paid)
    result = compute(r, workers, extra, paid, when, roster_ids=roster_ids)
    from ..io import notes

    if not (record and ledger is not None):
        return Outcome(
            awards_report(result, r, lang),
            0,
            [
                *judged.messages(fmt),
                *due_message(ledger, result),
                *warning_lines(notes.take_warnings()),
            ],
            warnings=list(result.warnings),
        )

    recorded: list[Recorded] = []
    warnings: list[Text] = []  # those of the run under the ledger's lock

    def write(target: str | None) -> None:
        from ..api import record_awards
        from ..render import emit

        def publish(found: AwardsResult, commit: Callable[[], None]) -> None:
            # the report of what is recorded, worked out under the ledger's lock;
            # the ledger gains its rows only once the report is written
            emit(awards_report(found, r, lang), fmt, target, before_publish=commit)

        recorded.append(
            record_awards(
                r,
                workers,
                extra,
                ledger,
                when,
                new_ledger=new_ledger,
                publish=publish,
                roster_ids=roster_ids,
            )
        )
        warnings.extend(recorded[0].result.warnings)

    def exam_word(exam: str) -> str:
        from ..report.vocab import word

        return word(r, "exam", exam, lang) if lang == "zh" else exam

    return Outcome(
        write=write,
        messages=lambda: recorded_messages(recorded[0], ledger, when, exam_word),
        warnings=warnings,
    )


def _exists(ledger: Path) -> bool:
    """Whether the ledger file is there (`FILE.xlsx#SHEET`: the workbook)."""
    from ..io.text import split_sheet

    return os.path.lexists(split_sheet(ledger)[0])


def due_message(ledger: Path | None, result: AwardsResult) -> list[Msg]:
    """With a ledger and no --record: how much is due, and how to record it."""
    from ..money import fmt_money

    if ledger is None or not result.count_due:
        return []
    return [msg("ledger.due", count=result.count_due, total=fmt_money(result.due))]


def recorded_messages(
    recorded: Recorded,
    ledger: Path,
    when: dt.date,
    exam_word: Callable[[str], str] = str,
) -> list[Msg]:
    """What --record added to the ledger (the first rows of it), or that it added nothing;
    `exam_word` names an exam in the language of the run."""
    from decimal import Decimal

    from ..money import fmt_money

    if not recorded.rows:
        return [msg("ledger.recorded_nothing", ledger=str(ledger), rows=recorded.row_count)]
    total = sum((row.amount for row in recorded.rows), Decimal(0))
    messages = [
        msg(
            "ledger.recorded",
            count=len(recorded.rows),
            total=fmt_money(total),
            paid_on=when.isoformat(),
            ledger=str(ledger),
            rows=recorded.row_count,
        )
    ]
    for row in recorded.rows[:_SHOWN_RECORDED]:
        messages.append(
            msg(
                "ledger.recorded_row",
                worker=row.worker_id,
                exam=exam_word(row.exam),
                amount=fmt_money(row.amount),
            )
        )
    if len(recorded.rows) > _SHOWN_RECORDED:
        more = len(recorded.rows) - _SHOWN_RECORDED
        messages.append(msg("ledger.recorded_more", count=more))
    return messages
