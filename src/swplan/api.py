"""The public functions that read or write files as well as compute (see `swplan`)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection, Iterable, Sequence

from .calc.awards import AwardsResult, awards
from .calc.ids import spelling_problems
from .errors import InputError
from .io.ledger import Publish, Recorded, record_rows
from .model import ExamPass, LedgerRow, Worker
from .rules import Rules, award_schemes


def ledger_problems(roster_ids: Collection[str], ledger: Iterable[LedgerRow]) -> None:
    """Raise `InputError` for every ledger id that is a roster id spelt another way
    (`101` for `0101`, `w001` for `W001`): such a row must not pay an award again."""
    rows = ((row.worker_id, row.origin) for row in ledger)
    problems = spelling_problems(roster_ids, roster_ids, rows, "ledger")
    if problems:
        raise InputError(problems)


def record_awards(
    rules: Rules,
    workers: Sequence[Worker],
    passes: Iterable[ExamPass],
    path: str | os.PathLike[str],
    as_of: dt.date | None = None,
    *,
    new_ledger: bool = False,
    publish: Publish | None = None,
    roster_ids: Collection[str] | None = None,
) -> Recorded:
    """Work out the awards against the ledger at `path` and append the due ones.

    Every due award of more than 0.00 is recorded (`paid_on` = `as_of`, default today) so that a pass is
    never evaluated again; the ledger is read and the awards worked out under its
    lock, so a second run of the same command records nothing. A ledger that does not
    exist is created only with `new_ledger`. `publish(result, commit)`, when given,
    writes the report and calls `commit()` once it is written; only `commit` appends.
    `roster_ids`: every id of the roster, when `workers` holds only some of it.

    Each row names its scheme where the ledger has a `scheme` column; under several
    schemes a ledger without one gains it (its old rows, which then must all belong
    to the scheme `default`, left empty).
    """
    when = as_of if as_of is not None else dt.date.today()
    passes = list(passes)
    ids = roster_ids if roster_ids is not None else {w.id for w in workers}
    names = {w.id: w.name for w in workers}

    def decide(ledger: list[LedgerRow]) -> tuple[AwardsResult, list[LedgerRow]]:
        ledger_problems(ids, ledger)
        result = awards(rules, workers, passes, ledger, when, roster_ids=ids)
        rows = [
            LedgerRow(a.worker_id, a.exam, a.amount, when, a.scheme, name=names.get(a.worker_id))
            for a in result.to_record
        ]
        return result, rows

    several = len(award_schemes(rules)) > 1
    return record_rows(
        path,
        decide,
        rules=rules,
        new_ledger=new_ledger,
        publish=publish,
        columns=("scheme",) if several else (),
    )
