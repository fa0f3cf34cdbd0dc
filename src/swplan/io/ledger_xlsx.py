"""Recording into an Excel ledger (`--ledger FILE.xlsx[#SHEET]`): the new rows go into the
ledger sheet below its last row and above its totals row (合计), whose SUM is widened
over them; the other sheets, the styles and the columns stay as they are.

The workbook is written whole to a new file beside it, read back as every command reads
it (it must give the old rows and the new ones, nothing else), and only then renamed
over the old one: a reader sees the old workbook or the complete new one. A workbook
that cannot be replaced that way (other names by hard links, an owner that cannot be
kept, a directory where no new file can be made, parts of it the rewrite would lose)
is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import suppress
from copy import copy
from decimal import Decimal
from typing import Any

from ..errors import InputError, Problem
from ..messages import Msg, msg
from ..model import LedgerRow
from ..money import fmt_money
from ..rules import Rules
from .ledger_rows import Columns, columns_of
from .passes import LedgerRead, read_ledger
from .text import split_sheet

# parts of a workbook that must come through a rewrite: what would be lost otherwise
_KEPT_PARTS = (
    "xl/charts/",
    "xl/chartsheets/",
    "xl/drawings/",
    "xl/media/",
    "xl/comments",
    "xl/pivotTables/",
    "xl/pivotCache/",
    "xl/tables/",
    "xl/externalLinks/",
    "xl/vbaProject",
    "xl/slicers/",
    "xl/slicerCaches/",
    "xl/timelines/",
    "xl/queryTables/",
    "xl/connections",
    "customXml/",
    "xl/worksheets/sheet",
)


def _refuse(name: str, text: Msg) -> InputError:
    return InputError([Problem(name, "", "", text)])


def xlsx_columns(read: LedgerRead, rules: Rules | None) -> Columns:
    """The columns new rows are written in (as `check` reports them)."""
    table = read.table
    if table is None:
        from .headers import LEDGER_COLUMNS

        return Columns(LEDGER_COLUMNS)
    return columns_of(table.columns, read.last, rules)


def record_xlsx(
    path: str,
    read: LedgerRead,
    rows: Sequence[LedgerRow],
    *,
    rules: Rules | None,
    before: Callable[[], None] | None = None,
) -> None:
    """Add `rows` to the ledger sheet of the workbook at `path` (`FILE.xlsx[#SHEET]`),
    read as `read`, and replace the file; `before` runs just before the rename."""
    file, _ = split_sheet(path)
    table = read.table
    if table is None:
        raise _refuse(file, msg("ledger.xlsx_empty"))
    if table.parts:
        raise _refuse(file, msg("ledger.xlsx_several_sheets", file=file))
    import openpyxl

    info = os.stat(file)
    if info.st_nlink > 1:
        raise _refuse(file, msg("ledger.xlsx_links"))
    book = openpyxl.load_workbook(file, keep_vba=file.lower().endswith(".xlsm"))
    sheet = next((s for s in book.worksheets if _ref(s.title) == table.sheet), None)
    if sheet is None:  # pragma: no cover - the reader found it a moment ago
        raise _refuse(file, msg("ledger.xlsx_empty"))
    numbers = [_row_number(r) for r in read.rows]
    last = max((n for n in numbers if n is not None), default=None)
    top = min((n for n in numbers if n is not None), default=table.header_row + 1)
    at = (
        last or _after_header(sheet, table.header_row, table.first_column, len(table.columns))
    ) + 1
    from .xlsx_insert import insert_rows

    insert_rows(book, sheet, at, len(rows), top)
    columns = xlsx_columns(read, rules)
    _write_rows(sheet, at, columns.cells(rows, rules), table.first_column, last)
    _replace(file, book, sheet.title, (read, rows, rules), before)


def _ref(title: str) -> str:
    from .xlsxfile import _sheet_ref

    return _sheet_ref(title)


def _row_number(row: LedgerRow) -> int | None:
    where = row.origin.where if row.origin is not None else ""
    found = re.search(r"(\d+)\Z", where)
    return int(found[1]) if found else None


def _after_header(sheet: Any, header: int, first: int, width: int) -> int:
    """The last row above the data of a ledger sheet with no rows yet: the header, or the
    row below it that continues it (a two-row header, an example row)."""
    row = header
    while row < sheet.max_row:
        cells = [sheet.cell(row + 1, first + i + 1).value for i in range(width)]
        if all(c is None or str(c).strip() == "" for c in cells):
            return row
        text = str(next(c for c in cells if c is not None and str(c).strip())).strip()
        if text.startswith(("合计", "总计", "小计", "共计")) or text.lower() == "total":
            return row
        row += 1
    return row


def _write_rows(
    sheet: Any, at: int, values: list[list[object]], first: int, template: int | None
) -> None:
    """The new rows' cells, each shaped like the cell above it in the last data row."""
    height = sheet.row_dimensions[template].height if template is not None else None
    for offset, cells in enumerate(values):
        row = at + offset
        for i, value in enumerate(cells):
            cell = sheet.cell(row, first + i + 1)
            like = sheet.cell(template, first + i + 1) if template is not None else None
            cell.value = _value_like(value, like.value if like is not None else None)
            if like is not None and like.has_style:
                cell._style = copy(like._style)
        if height is not None:
            sheet.row_dimensions[row].height = height


def _value_like(value: object, like: object) -> object:
    """A value written as the cell above holds it: a date cell gets a date, a number
    cell a number, a text cell text; with nothing above, ISO dates and plain text."""
    if value == "":
        return None
    if isinstance(value, dt.date):
        return (
            dt.datetime.combine(value, dt.time())
            if isinstance(like, dt.date)
            else value.isoformat()
        )
    if isinstance(value, Decimal):
        return (
            value
            if isinstance(like, int | float | Decimal) and not isinstance(like, bool)
            else fmt_money(value)
        )
    if isinstance(value, int) and not isinstance(like, int | float):
        return str(value)
    return value


def _parts(data: Any) -> Counter[str]:
    """The parts of a workbook that must come through, counted by kind."""
    with zipfile.ZipFile(data) as archive:
        names = archive.namelist()
    kinds: Counter[str] = Counter()
    for name in names:
        if "_rels/" in name:
            continue
        for kind in _KEPT_PARTS:
            if name.startswith(kind):
                kinds[kind.rstrip("/")] += 1
    return kinds


def _replace(
    file: str,
    book: Any,
    title: str,
    wanted: tuple[LedgerRead, Sequence[LedgerRow], Rules | None],
    before: Callable[[], None] | None,
) -> None:
    """Write the workbook beside `file`, check it, and rename it over `file`."""
    from .atomic import rename_allowed, why

    directory = os.path.dirname(os.path.realpath(file))
    old = os.stat(file)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".swplan-", suffix=".xlsx", dir=directory)
    except OSError as exc:
        raise _refuse(
            file, msg("ledger.xlsx_no_new_file", directory=directory, why=why(exc))
        ) from None
    try:
        with os.fdopen(fd, "wb") as f:
            book.save(f)
            f.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), stat.S_IMODE(old.st_mode))
            _keep_owner(file, f.fileno(), old)
            os.fsync(f.fileno())
        lost = _parts(file) - _parts(tmp)
        if lost:
            raise _refuse(file, msg("ledger.xlsx_would_lose", parts=", ".join(sorted(lost))))
        _read_back(file, f"{tmp}#{title}", *wanted)
        if not rename_allowed(file):
            raise _refuse(file, msg("ledger.xlsx_cannot_rename", directory=directory))
        if before is not None:
            before()
        os.replace(tmp, file)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    from .journal import _sync_directory

    _sync_directory(directory)


def _keep_owner(file: str, fd: int, old: os.stat_result) -> None:
    if not hasattr(os, "fchown"):  # pragma: no cover - Windows: no owners to keep
        return
    now = os.fstat(fd)
    if (now.st_uid, now.st_gid) == (old.st_uid, old.st_gid):
        return
    try:
        os.fchown(fd, old.st_uid, old.st_gid)
    except PermissionError:
        raise _refuse(file, msg("ledger.xlsx_owner")) from None


def _read_back(
    file: str, written: str, read: LedgerRead, rows: Sequence[LedgerRow], rules: Rules | None
) -> None:
    """The new workbook, read as the commands read it, holds the old rows and the new."""
    from . import notes

    told = notes.take()  # what reading the copy notes is about the copy: not for the user
    try:
        again = read_ledger(written, rules)
    except InputError as exc:
        raise _refuse(file, msg("ledger.xlsx_reads_back", why=exc.problems[0].message)) from None
    finally:
        notes.take()
        notes.add(told)
    want = [_plain(r) for r in (*read.rows, *rows)]
    if [_plain(r) for r in again.rows] != want:
        raise _refuse(file, msg("ledger.xlsx_reads_back", why=msg("ledger.xlsx_rows_differ")))


def _plain(row: LedgerRow) -> tuple[str, str, Decimal, dt.date]:
    return (row.worker_id, row.exam, row.amount, row.paid_on)
