"""Recording awards in the ledger: one run at a time, the report first, nothing half done.

The ledger is the record of money paid, so swplan never rewrites a row of it:

* a run locks the ledger file itself (`ledger_lock`), so every name of it shares one
  lock; the ledger is read and the awards worked out again once the lock is held, so a
  second run of the same command records nothing;
* a CSV ledger gains its rows in place (`O_APPEND`, then fsync): its owner, group,
  mode, hard links and every byte already in it stay as they are, and a row another
  program appends while swplan works is kept. A journal (`journal`) makes an append
  cut short by a kill, a power cut or a full disk seen through every name of the
  ledger and taken back by the next recording run; a ledger where no journal can be
  kept is refused;
* an Excel ledger gains its rows above its totals row and is replaced whole, atomically
  (`ledger_xlsx`);
* rows are written in the ledger's own columns (`ledger_rows`, `ledger_csv`); a header
  swplan cannot write back the same way is refused before anything is written;
* the ledger gains its rows only once the report is written (or about to appear by a
  rename that was checked): a report that cannot be written records nothing;
* `--record` on a ledger that does not exist is an error unless `--new-ledger` asks
  for a new one: a mistyped path must not start an empty ledger and pay every award
  again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import Any

from ..errors import InputError, Problem
from ..messages import Msg, msg
from ..model import LedgerRow
from ..rules import Rules
from . import journal
from .atomic import why
from .ledger_columns import replace_ledger, with_columns
from .ledger_csv import BOM, CsvLayout, appended_bytes, csv_layout, ledger_line, new_ledger_bytes
from .ledger_lock import locked_ledger, same_file
from .ledger_xlsx import record_xlsx, xlsx_columns
from .passes import LedgerRead, read_ledger
from .text import file_format, split_sheet

# Test-only: when set to a number of seconds, a recording run sleeps that long with
# the lock held, once the report is ready and the journal written, just before the
# rows are appended (an Excel ledger: before it is renamed into place), so tests can
# kill a run or race a second one inside that window.
PAUSE_ENV = "SWPLAN_TEST_PAUSE_BEFORE_APPEND"

# `decide(ledger rows) -> (result, rows to append)`: worked out under the lock
Decide = Callable[[list[LedgerRow]], tuple[Any, list[LedgerRow]]]
# `publish(result, commit)`: writes the report of `result`, then calls `commit()`
Publish = Callable[[Any, Callable[[], None]], None]

__all__ = [
    "PAUSE_ENV",
    "Decide",
    "Publish",
    "Recorded",
    "append_order",
    "journal_path",
    "ledger_line",
    "new_ledger_bytes",
    "record_rows",
]

journal_path = journal.journal_path


@dataclass(slots=True)
class Recorded:
    """What a recording run found and did."""

    result: Any  # what `decide` worked out under the lock, against the ledger as it was
    rows: list[LedgerRow]  # appended to the ledger, in the order of `result.awards`
    row_count: int  # rows in the ledger afterwards
    path: str
    created: bool = False  # the ledger did not exist (or was empty) before


def append_order(path: str | os.PathLike[str], rules: Rules | None = None) -> tuple[str, ...]:
    """The ledger columns, in the order `--record` would write them into the ledger at
    `path`; an `InputError` when it would refuse that ledger."""
    name = os.fspath(path)
    read = read_ledger(name, rules)
    if file_format(name) == "xlsx":
        return xlsx_columns(read, rules).order
    try:
        with open(split_sheet(name)[0], "rb") as f:
            data = f.read()
    except FileNotFoundError:
        data = b""
    return csv_layout(name, data, read, rules).columns.order


# --------------------------------------------------------------------------- recording


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)  # O_APPEND: always at the current end
        view = view[written:]
    os.fsync(fd)


def _pause_for_tests() -> None:
    value = os.environ.get(PAUSE_ENV)
    if not value:
        return
    try:
        seconds = float(value)
    except ValueError:
        return
    time.sleep(seconds)


def _problem(name: str, message: Msg) -> InputError:
    return InputError([Problem(name, "", "", message)])


def _append(
    name: str,
    fd: int,
    old: bytes,
    layout: CsvLayout,
    rows: Sequence[LedgerRow],
    rules: Rules | None,
) -> None:
    """Append `rows` to the CSV ledger open as `fd`, read as `old`: all of them, or (after
    a failure) none. Rows another program added since are kept, after them."""
    now = _read_all(fd)
    if not same_file(fd, name) or not now.startswith(old):
        raise _problem(name, msg("ledger.replaced_meanwhile"))
    data = appended_bytes(layout, now, rows, rules)
    noted, marked = journal.begin(name, fd, data, now)
    _pause_for_tests()
    try:
        _write_all(fd, data)
    except OSError as exc:
        try:
            os.ftruncate(fd, len(now))  # a write cut short by a full disk: take it back
            os.fsync(fd)
        except OSError:
            pass  # the journal stays: the next run takes the rows back
        else:
            journal.end(fd, noted, marked)
        raise _problem(name, msg("ledger.cannot_record", why=why(exc))) from None
    journal.end(fd, noted, marked)


class _Run:
    """One recording run, under the lock: what it read, and how it commits."""

    def __init__(
        self, name: str, fd: int, rules: Rules | None, created: bool, columns: Sequence[str]
    ) -> None:
        self.name = name
        self.created = created
        self.file = split_sheet(name)[0]
        self.fd = fd
        self.rules = rules
        self.xlsx = file_format(name) == "xlsx"
        if not self.xlsx:
            journal.take_back(self.file, fd)
        self.old = _read_all(fd)
        self.seen = os.fstat(fd)
        self.empty = not self.old.removeprefix(BOM).strip()
        self.read = LedgerRead([]) if self.empty else read_ledger(name, rules)
        # refuse a header it cannot write back, before anything
        if self.xlsx:
            self.layout = None
        else:
            self.layout = csv_layout(self.file, self.old, self.read, rules, columns)
        # columns the new rows need that the ledger lacks (`scheme`, under several schemes)
        have = self.layout.columns.keys if self.layout is not None else self.read_keys()
        self.missing = [] if self.empty else [c for c in columns if c not in have]
        self.rows: list[LedgerRow] = []
        self.committed = False

    def read_keys(self) -> tuple[str, ...]:
        table = self.read.table
        return tuple(table.columns) if table is not None else ()

    def commit(self) -> None:
        rows = self.rows
        if rows and self.missing:
            self._with_columns()
        elif rows and self.layout is not None:
            _append(self.file, self.fd, self.old, self.layout, rows, self.rules)
        elif rows:
            record_xlsx(self.name, self.read, rows, rules=self.rules, before=self.unchanged)
        elif self.created and self.layout is not None:  # a new ledger: its header
            _append(self.file, self.fd, self.old, self.layout, rows, self.rules)
        self.committed = True

    def _with_columns(self) -> None:
        """Record into a ledger that lacks a column the rows need: a CSV gains it (empty in
        its old rows), written anew as a whole; a workbook is refused (its sheet is the
        user's to change)."""
        if self.layout is None:
            raise _problem(
                self.file, msg("ledger.xlsx_needs_column", columns=", ".join(self.missing))
            )
        layout = self.layout
        whole = with_columns(
            self.file, self.old, self.missing, delimiter=layout.delimiter, newline=layout.newline
        )
        wider = replace(
            layout, columns=replace(layout.columns, keys=(*layout.columns.keys, *self.missing))
        )
        _pause_for_tests()
        replace_ledger(self.file, whole + appended_bytes(wider, whole, self.rows, self.rules))

    def unchanged(self) -> None:
        """Just before a workbook is renamed into place: refuse when the ledger was
        saved over meanwhile (a spreadsheet does not take swplan's lock)."""
        _pause_for_tests()
        now = os.fstat(self.fd)
        if not same_file(self.fd, self.file) or (now.st_size, now.st_mtime_ns) != (
            self.seen.st_size,
            self.seen.st_mtime_ns,
        ):
            raise _problem(self.file, msg("ledger.replaced_meanwhile"))


def record_rows(
    path: str | os.PathLike[str],
    decide: Decide,
    *,
    rules: Rules | None = None,
    new_ledger: bool = False,
    publish: Publish | None = None,
    columns: Sequence[str] = (),
) -> Recorded:
    """Lock the ledger at `path`, read it, `decide` what to append, and append it.

    `columns`: optional ledger columns the new rows need (`scheme`, when the awards
    have several schemes). A new ledger's header has them; a CSV ledger without them
    gains them (empty in its old rows) when there is a row to record: the file is then
    replaced as a whole, atomically, rather than appended to.

    `decide(rows)` gets the ledger's rows as they are under the lock and returns its
    result and the rows to append. A ledger that does not exist is created (as CSV)
    only with `new_ledger`. `publish(result, commit)`, when given, writes the report of
    `result` and calls `commit()` once the report is written (or ready to appear by a
    rename that was checked); only `commit` writes the ledger, so a report that cannot
    be written records nothing. Raises `InputError` (and writes nothing) when the
    ledger or the output is bad.
    """
    name = os.fspath(path)
    file = split_sheet(name)[0]
    xlsx = file_format(name) == "xlsx"
    if xlsx and not os.path.exists(file):
        raise _problem(file, msg("ledger.xlsx_new"))
    try:
        with locked_ledger(file, create=new_ledger and not xlsx) as (fd, created):
            try:
                run = _Run(name, fd, rules, created, columns)
                result, run.rows = decide(run.read.rows)
                _publish(run, result, publish)
            except BaseException:
                if created and os.fstat(fd).st_size == 0:  # nothing recorded: leave no file
                    with suppress(OSError):
                        os.unlink(file)
                raise
    except FileNotFoundError:
        if new_ledger:
            raise _problem(file, msg("ledger.no_directory")) from None
        raise _problem(file, msg("ledger.does_not_exist")) from None
    except OSError as exc:
        raise _problem(file, msg("ledger.cannot_record_plain", why=why(exc))) from None
    rows = run.rows
    count = len(run.read.rows) + len(rows)
    return Recorded(result, rows, count, name, created=run.empty and bool(rows))


def _publish(run: _Run, result: Any, publish: Publish | None) -> None:
    if publish is None:
        run.commit()
        return
    try:
        publish(result, run.commit)
    except InputError as exc:
        if run.committed and run.rows:  # the rename of the report failed after all
            text = msg("ledger.recorded_all_the_same", count=len(run.rows))
            exc.problems.append(Problem(run.file, "", "", text))
        raise
