"""Recording awards in the ledger CSV: append only, in place, one run at a time.

The ledger is the record of money paid, so swplan never rewrites a row of it:

* a run locks the ledger file itself (`flock`; on Windows `msvcrt.locking`), so every
  path to it (a symlink, a second hard link) shares one lock, and no lock file is left
  beside it; the ledger is read and the awards worked out again once the lock is
  held, so a second run of the same command records nothing;
* the new rows are appended to the file in place (`O_APPEND`, then fsync): its
  owner, group, mode, hard links and every byte already in it stay as they are, and
  a row another program appends while swplan works is kept, because swplan never
  writes a copy of the file it read;
* a journal beside the ledger (`.swplan-journal-DEV-INODE`, removed once the rows
  are on disk) says where the ledger ended and what was being added, so an append
  cut short by a kill, a power cut or a full disk is taken back by the next run: the
  ledger is always the old one or the complete new one, never a torn row;
* rows are written in the ledger's own column order, with its own delimiter (a tab
  for `.tsv`) and line ending; a header swplan cannot write back the same way is
  refused before anything is written;
* `--record` on a ledger that does not exist is an error unless `--new-ledger` asks
  for a new one: a mistyped path must not start an empty ledger and pay every award
  again.
"""

from __future__ import annotations

import csv
import importlib
import io
import os
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, Problem
from ..model import LedgerRow
from ..money import fmt_money
from ..rules import Rules
from .atomic import why
from .headers import LEDGER_COLUMNS, LEDGER_REQUIRED
from .ledger_columns import replace_ledger, with_columns
from .passes import load_ledger
from .text import file_format

LEDGER_HEADER = ",".join(LEDGER_REQUIRED)
# Test-only: when set to a number of seconds, a recording run sleeps that long with
# the lock held, after the report is ready and just before the rows are appended, so
# tests can kill a run or race a second one inside that window.
PAUSE_ENV = "SWPLAN_TEST_PAUSE_BEFORE_APPEND"
_BOM = b"\xef\xbb\xbf"
# Windows locks byte ranges; this one is far past any real ledger's end, so the
# lock never stands in the way of reading the file.
_WINDOWS_LOCK_OFFSET = 1 << 40

# `decide(ledger rows) -> (result, rows to append)`: worked out under the lock
Decide = Callable[[list[LedgerRow]], tuple[Any, list[LedgerRow]]]
# `publish(result, commit)`: writes the report of `result`, then calls `commit()`
Publish = Callable[[Any, Callable[[], None]], None]


@dataclass(slots=True)
class Recorded:
    """What a recording run found and did."""

    result: Any  # what `decide` worked out under the lock, against the ledger as it was
    rows: list[LedgerRow]  # appended to the ledger, in the order of `result.awards`
    row_count: int  # rows in the ledger afterwards
    path: str
    created: bool = False  # the ledger did not exist (or was empty) before


# --------------------------------------------------------------------------- locking


def _lock(fd: int) -> Callable[[], None]:
    """Wait for an exclusive lock on the open file `fd`; return what releases it.

    `flock` where there is one (closing the file releases it too); on Windows, a
    one-byte `msvcrt` lock far past the end of the file.
    """
    try:
        import fcntl
    except ImportError:
        pass
    else:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return lambda: fcntl.flock(fd, fcntl.LOCK_UN)
    msvcrt: Any = importlib.import_module("msvcrt")  # Windows (typed loosely: checked on Linux)

    def at_lock_byte() -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)

    while True:
        at_lock_byte()
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            break
        except OSError:
            time.sleep(0.05)

    def unlock() -> None:
        at_lock_byte()
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    return unlock


@contextmanager
def locked_ledger(path: str, *, create: bool) -> Iterator[tuple[int, bool]]:
    """The ledger opened for appending, under its lock: (fd, created).

    The lock belongs to the file, not to its name: two names of one file (a
    symlink, a hard link) wait for each other. Should the name be moved to another
    file while this run waits, the new file is opened and locked instead.
    """
    flags = os.O_RDWR | os.O_APPEND | getattr(os, "O_BINARY", 0)
    while True:
        created = False
        try:
            fd = os.open(path, flags)
        except FileNotFoundError:
            if not create:
                raise
            try:
                fd = os.open(path, flags | os.O_CREAT | os.O_EXCL, 0o666)
                created = True
            except FileExistsError:
                continue  # another run created it first: open that one
        try:
            unlock = _lock(fd)
            if _same_file(fd, path):
                try:
                    yield fd, created
                finally:
                    with suppress(OSError):
                        unlock()
                return
        finally:
            os.close(fd)


def _same_file(fd: int, path: str) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True, slots=True)
class Layout:
    """How the ledger's rows are written: its column order, delimiter and line ending."""

    columns: tuple[str, ...]  # the header's columns, as ledger keys
    delimiter: str = ","
    newline: str = "\n"

    def line(self, row: LedgerRow) -> str:
        cells = {
            "worker_id": row.worker_id,
            "exam": row.exam,
            "amount": fmt_money(row.amount),
            "paid_on": row.paid_on.isoformat(),
            "scheme": row.scheme or "",
        }
        return self.delimiter.join(cells[c] for c in self.columns) + self.newline


def delimiter_of(path: str | os.PathLike[str]) -> str:
    return "\t" if os.fspath(path).lower().endswith(".tsv") else ","


def layout_of(name: str, data: bytes, columns: Sequence[str] = ()) -> Layout:
    """The layout of a ledger's bytes (empty: the standard header, with `columns`
    after it), or an `InputError`.

    Refused: a header whose columns are not exactly the four ledger columns, each
    once, in any order, with at most the ledger's optional columns (`scheme`) beside
    them; rows are then written in that order.
    """
    delimiter = "\t" if name.lower().endswith(".tsv") else ","
    newline = "\r\n" if b"\r\n" in data[: 1 << 16] else "\n"
    text = data.removeprefix(_BOM).decode("utf-8", errors="replace")
    if not text.strip():
        return Layout((*LEDGER_REQUIRED, *columns), delimiter, newline)
    first = next((line for line in text.splitlines() if line.strip()), "")
    header = next(csv.reader(io.StringIO(first), delimiter=delimiter), [])
    found = tuple(c.strip() for c in header)
    optional = [c for c in found if c not in LEDGER_REQUIRED]
    if (
        sorted(c for c in found if c in LEDGER_REQUIRED) != sorted(LEDGER_REQUIRED)
        or any(c not in LEDGER_COLUMNS for c in optional)
        or len(set(found)) != len(found)
        or any(c != raw for c, raw in zip(found, header, strict=True))
    ):
        raise InputError(
            [
                Problem(
                    name,
                    "1",
                    "",
                    f"--record cannot append to this ledger: its header "
                    f"{delimiter.join(header)!r} is not the four columns "
                    f"{', '.join(LEDGER_REQUIRED)} (in any order, each once, no other "
                    "column but scheme); rows written under it could be misread. Fix the "
                    "header and run again; nothing was recorded",
                )
            ]
        )
    return Layout(found, delimiter, newline)


def append_order(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """The column order `--record` would append rows to the ledger at `path` in."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as f:
            head = f.read(1 << 16)
    except FileNotFoundError:
        head = b""
    return layout_of(name, head).columns


def ledger_line(row: LedgerRow) -> str:
    """`W001,social_worker,1000.00,2026-01-01` (ids are plain words: nothing to quote)."""
    return Layout(LEDGER_REQUIRED).line(row).rstrip("\n")


def new_ledger_bytes(old: bytes | None, rows: Sequence[LedgerRow]) -> bytes:
    """The old bytes, unchanged, then `rows`; a missing or empty ledger gets the header.

    New lines use the file's own line ending; a last row without one is ended first.
    """
    old = old or b""
    return old + appended_bytes("ledger.csv", old, rows)


def appended_bytes(
    name: str, old: bytes, rows: Sequence[LedgerRow], columns: Sequence[str] = ()
) -> bytes:
    """What to append to a ledger holding `old` so that it ends with `rows`."""
    layout = layout_of(name, old, columns)
    newline = layout.newline
    if not old.removeprefix(_BOM).strip():
        prefix = layout.delimiter.join(layout.columns) + newline
        if old.removeprefix(_BOM):  # only blank lines: end them first
            prefix = ("" if old.endswith(b"\n") else newline) + prefix
    elif old.endswith(b"\n"):
        prefix = ""
    else:
        prefix = newline
    return (prefix + "".join(layout.line(r) for r in rows)).encode("utf-8")


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


# --------------------------------------------------------------------------- journal
#
# One write of many rows can be cut short by a kill or a power cut. Before appending,
# swplan notes in a journal beside the ledger where the ledger ended and what it is
# about to add; the journal is removed once the rows are on disk. A run that finds a
# journal (under the lock) undoes a half-done append: the ledger is the old one again,
# or, when the rows were all written, the complete new one.

_JOURNAL_MAGIC = b"swplan-ledger-journal 1"


def journal_path(path: str, fd: int) -> str:
    """The journal of the ledger open as `fd`: named by the file, not by the path."""
    info = os.fstat(fd)
    directory = os.path.dirname(os.path.abspath(path))
    return os.path.join(directory, f".swplan-journal-{info.st_dev}-{info.st_ino}")


def _read_journal(journal: str) -> tuple[int, bytes] | None:
    """(ledger size before, bytes being appended), or None for no (usable) journal."""
    try:
        with open(journal, "rb") as f:
            content = f.read()
    except OSError:
        return None
    head, _, pending = content.partition(b"\n")
    parts = head.split(b" ")
    if len(parts) != 4 or b" ".join(parts[:2]) != _JOURNAL_MAGIC:
        return None
    try:
        size, length = int(parts[2]), int(parts[3])
    except ValueError:
        return None
    if len(pending) != length:
        return None  # the journal itself was cut short: the append had not begun
    return size, pending


def _recover(name: str, fd: int) -> None:
    """Finish what a run stopped while appending left behind (with the lock held)."""
    journal = journal_path(name, fd)
    if not os.path.exists(journal):
        return
    noted = _read_journal(journal)
    if noted is not None:
        size, pending = noted
        now = os.fstat(fd).st_size
        os.lseek(fd, size, os.SEEK_SET)
        tail = os.read(fd, max(now - size, 0)) if now >= size else None
        if tail is None or not pending.startswith(tail):
            raise _problem(
                name,
                "a run was stopped while recording in this ledger, and the ledger changed "
                "since; check its last rows by hand (the rows that run was adding are in "
                f"{journal}), then delete that file and run again",
            )
        if tail != pending:  # cut short: back to the old ledger
            os.ftruncate(fd, size)
            os.fsync(fd)
    os.unlink(journal)


def _append(name: str, fd: int, data: bytes) -> None:
    """Append `data` to the ledger open as `fd`: all of it, or (after a failure) none."""
    size = os.fstat(fd).st_size
    journal = journal_path(name, fd)
    noted = False
    try:
        mode = stat.S_IMODE(os.fstat(fd).st_mode)
        jfd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        with os.fdopen(jfd, "wb") as f:
            f.write(_JOURNAL_MAGIC + f" {size} {len(data)}\n".encode() + data)
            f.flush()
            os.fsync(f.fileno())
        noted = True
    except OSError:  # a directory swplan may not write in: append without a journal
        pass
    try:
        _write_all(fd, data)
    except OSError:
        try:
            os.ftruncate(fd, size)  # a write cut short by a full disk: take it back
            os.fsync(fd)
        except OSError:
            noted = False  # keep the journal: the next run takes the rows back
        raise
    finally:
        if noted:
            with suppress(OSError):
                os.unlink(journal)


def _pause_for_tests() -> None:
    value = os.environ.get(PAUSE_ENV)
    if not value:
        return
    try:
        seconds = float(value)
    except ValueError:
        return
    time.sleep(seconds)


def _problem(name: str, message: str) -> InputError:
    return InputError([Problem(name, "", "", message)])


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
    have several schemes). A new ledger's header has them; a ledger without them gains
    them (empty in its old rows) when there is a row to record: the file is then
    replaced as a whole, atomically, rather than appended to.

    `decide(rows)` gets the ledger's rows as they are under the lock and returns its
    result and the rows to append. A ledger that does not exist is created only with
    `new_ledger`. `publish(result, commit)`, when given, writes the report of `result`
    and calls `commit()` once the report is written (or ready to appear); only `commit`
    appends to the ledger, so a report that cannot be written records nothing. Raises
    `InputError` (and writes nothing) when the ledger or the output is bad.
    """
    name = os.fspath(path)
    if file_format(name) == "xlsx":
        raise _problem(
            name,
            "swplan records awards only in a CSV ledger, never in a workbook; "
            "save it as CSV (worker_id,exam,amount,paid_on) and give the .csv file",
        )
    created = False
    try:
        with locked_ledger(name, create=new_ledger) as (fd, created):
            try:
                _recover(name, fd)
                old = _read_all(fd)
                empty = not old.removeprefix(_BOM).strip()
                # refuse a header it cannot write back, before anything
                layout = layout_of(name, old, columns)
                ledger = [] if empty else load_ledger(name, rules)
                result, rows = decide(ledger)
                missing = [c for c in columns if c not in layout.columns]
                whole = None  # the new ledger, when a column must be added
                if rows and missing and not empty:
                    whole = with_columns(
                        name, old, missing, delimiter=layout.delimiter, newline=layout.newline
                    )
                    whole += appended_bytes(name, whole, rows)
                data = appended_bytes(name, old, rows, columns) if rows or created else b""

                committed: list[bool] = []

                def commit() -> None:
                    _pause_for_tests()
                    if whole is not None:
                        replace_ledger(name, whole)
                    elif data:
                        try:
                            _append(name, fd, data)
                        except OSError as exc:
                            raise _problem(
                                name,
                                f"cannot record in the ledger: {why(exc)}; nothing was recorded",
                            ) from None
                    committed.append(True)

                if publish is None:
                    commit()
                else:
                    try:
                        publish(result, commit)
                    except InputError as exc:
                        if committed and rows:  # the rename of the report failed after all
                            exc.problems.append(
                                Problem(
                                    name,
                                    "",
                                    "",
                                    f"the {len(rows)} due award(s) were recorded in the ledger "
                                    "all the same; a new run lists them as already paid",
                                )
                            )
                        raise
            except BaseException:
                if created and os.fstat(fd).st_size == 0:  # nothing recorded: leave no file
                    with suppress(OSError):
                        os.unlink(name)
                raise
    except FileNotFoundError:
        if new_ledger:
            raise _problem(name, "cannot create the ledger: its directory does not exist") from None
        raise _problem(
            name,
            "the ledger does not exist; check the path (a new, empty ledger would pay "
            "every award again), or add --new-ledger to start a new ledger",
        ) from None
    except OSError as exc:
        raise _problem(name, f"cannot record in the ledger: {why(exc)}") from None
    return Recorded(result, rows, len(ledger) + len(rows), name, created=empty and bool(rows))
