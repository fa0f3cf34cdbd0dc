"""Recording awards in the ledger CSV: append only, crash-safe, one run at a time.

The ledger is the record of money paid, so swplan never rewrites a row of it:

* the new file is the old file's bytes, unchanged, followed by the new rows; it is
  written to a temporary file in the same directory, fsynced, and renamed over the
  ledger (then the directory is fsynced), so a crash leaves the old ledger or the
  complete new one, never a torn row;
* runs are serialised by `flock` on a sidecar lock file (`LEDGER.lock`); the ledger
  is read and the awards worked out again once the lock is held, so a second run of
  the same command records nothing.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from ..calc.awards import AwardsResult, awards
from ..errors import InputError, Problem
from ..model import ExamPass, LedgerRow, Worker
from ..money import fmt_money
from ..rules import Rules
from .atomic import atomic_file
from .loading import file_format
from .records import LEDGER_COLUMNS, load_ledger

LEDGER_HEADER = ",".join(LEDGER_COLUMNS)
# Test-only: when set to a number of seconds, a recording run sleeps that long after
# the temporary file is complete and before it is renamed over the ledger (with the
# lock held), so tests can kill a run or race a second one inside that window.
PAUSE_ENV = "SWPLAN_TEST_PAUSE_BEFORE_RENAME"
_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class Recorded:
    """What a recording run found and did."""

    result: AwardsResult  # worked out under the lock, against the ledger as it was
    rows: list[LedgerRow]  # appended to the ledger, in the order of `result.awards`
    row_count: int  # rows in the ledger afterwards
    path: str
    created: bool = False  # the ledger did not exist (or was empty) before


def lock_path(path: str | os.PathLike[str]) -> str:
    """The sidecar lock file of a ledger: `ledger.csv` -> `ledger.csv.lock`."""
    return os.path.realpath(os.fspath(path)) + ".lock"


@contextmanager
def locked(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the ledger's lock (exclusive `flock` on `LEDGER.lock`), waiting for it.

    The lock file is never removed: removing it would let two runs lock two files.
    """
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def ledger_line(row: LedgerRow) -> str:
    """`W001,social_worker,1000.00,2026-01-01` (ids are plain words: nothing to quote)."""
    return f"{row.worker_id},{row.exam},{fmt_money(row.amount)},{row.paid_on.isoformat()}"


def new_ledger_bytes(old: bytes | None, rows: Sequence[LedgerRow]) -> bytes:
    """The old bytes, unchanged, then `rows`; a missing or empty ledger gets the header.

    New lines use the file's own line ending; a last row without one is ended first.
    """
    old = old or b""
    newline = "\r\n" if b"\r\n" in old else "\n"
    if not old.removeprefix(_BOM).strip():
        prefix = (LEDGER_HEADER + newline).encode()
    elif old.endswith(b"\n"):
        prefix = old
    else:
        prefix = old + newline.encode()
    return prefix + "".join(ledger_line(r) + newline for r in rows).encode("utf-8")


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def _pause_for_tests() -> None:
    value = os.environ.get(PAUSE_ENV)
    if not value:
        return
    try:
        seconds = float(value)
    except ValueError:
        return
    time.sleep(seconds)


def _temp_prefix(path: str) -> str:
    return f".{os.path.basename(path)}."


def _remove_stale_temp_files(path: str) -> None:
    """Remove temporary files left by a run that was killed before its rename.

    Only a run holding the lock writes one, so with the lock held any that exist are
    dead; each holds a copy of the ledger that never took effect.
    """
    directory = os.path.dirname(path) or "."
    prefix = _temp_prefix(path)
    try:
        names = os.listdir(directory)
    except OSError:  # pragma: no cover - the write below reports the problem
        return
    for entry in names:
        if entry.startswith(prefix) and entry.endswith(".tmp"):
            try:
                os.unlink(os.path.join(directory, entry))
            except OSError:  # pragma: no cover - not ours to insist on
                pass


def replace_atomically(path: str, data: bytes) -> None:
    """Write `data` over `path`: the old ledger or the complete new one, never a torn row."""
    with atomic_file(
        path, binary=True, prefix=_temp_prefix(path), before_rename=_pause_for_tests
    ) as f:
        f.write(data)


def record_awards(
    rules: Rules,
    workers: Sequence[Worker],
    passes: Iterable[ExamPass],
    path: str | os.PathLike[str],
    as_of: dt.date | None = None,
) -> Recorded:
    """Work out the awards against the ledger at `path` and append the due ones.

    Every due award is recorded (`paid_on` = `as_of`), zero-amount top-ups included,
    so that a pass is never evaluated again. Raises `InputError` (and writes nothing)
    when the passes or the ledger are bad.
    """
    name = os.fspath(path)
    when = as_of if as_of is not None else dt.date.today()
    if file_format(name) == "xlsx":
        raise InputError(
            [
                Problem(
                    name,
                    "",
                    "",
                    "swplan records awards only in a CSV ledger, never in a workbook; "
                    "save it as CSV (worker_id,exam,amount,paid_on) and give the .csv file",
                )
            ]
        )
    passes = list(passes)
    target = os.path.realpath(name)  # a symlinked ledger stays a symlink
    try:
        with locked(target):
            old = _read(target)
            empty = not old  # missing or 0 bytes: a new ledger
            ledger = [] if empty else load_ledger(name, rules)
            result = awards(rules, workers, passes, ledger, when)
            rows = [LedgerRow(a.worker_id, a.exam, a.amount, when) for a in result.due_awards]
            if rows:
                _remove_stale_temp_files(target)
                replace_atomically(target, new_ledger_bytes(old, rows))
    except OSError as exc:
        raise InputError(
            [
                Problem(
                    name,
                    "",
                    "",
                    f"cannot record in the ledger: {exc.strerror or exc}; "
                    "check that its directory exists and is writable",
                )
            ]
        ) from None
    return Recorded(result, rows, len(ledger) + len(rows), name, created=empty and bool(rows))
