"""The public functions that read or write files as well as compute (see `swplan`)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence

from .calc.awards import AwardsResult, awards
from .io.ledger import Publish, Recorded, record_rows
from .model import ExamPass, LedgerRow, Worker
from .rules import Rules, award_schemes


def record_awards(
    rules: Rules,
    workers: Sequence[Worker],
    passes: Iterable[ExamPass],
    path: str | os.PathLike[str],
    as_of: dt.date | None = None,
    *,
    new_ledger: bool = False,
    publish: Publish | None = None,
) -> Recorded:
    """Work out the awards against the ledger at `path` and append the due ones.

    Every due award of more than 0.00 is recorded (`paid_on` = `as_of`, default today) so that a pass is
    never evaluated again; the ledger is read and the awards worked out under its
    lock, so a second run of the same command records nothing. A ledger that does not
    exist is created only with `new_ledger`. `publish(result, commit)`, when given,
    writes the report and calls `commit()` once it is written; only `commit` appends.

    Each row names its scheme where the ledger has a `scheme` column; under several
    schemes a ledger without one gains it (its old rows, which then must all belong
    to the scheme `default`, left empty).
    """
    when = as_of if as_of is not None else dt.date.today()
    passes = list(passes)

    def decide(ledger: list[LedgerRow]) -> tuple[AwardsResult, list[LedgerRow]]:
        result = awards(rules, workers, passes, ledger, when)
        return result, [
            LedgerRow(a.worker_id, a.exam, a.amount, when, a.scheme) for a in result.to_record
        ]

    several = len(award_schemes(rules)) > 1
    return record_rows(
        path,
        decide,
        rules=rules,
        new_ledger=new_ledger,
        publish=publish,
        columns=("scheme",) if several else (),
    )
