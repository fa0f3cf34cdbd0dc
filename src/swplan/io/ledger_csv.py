"""Rows appended to a CSV ledger as its own: in its header's order, with its delimiter (a
tab for `.tsv`), its line ending and its encoding (UTF-8, or the GB18030 that Excel's
"CSV (逗号分隔)" writes on Chinese Windows). A header swplan could not write back the
same way (a name with spaces around it, a header over several lines) is refused
before anything is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError, Problem
from ..messages import msg
from ..model import LedgerRow
from ..rules import Rules
from .csvfile import csv_delimiter
from .headers import LEDGER_REQUIRED
from .ledger_rows import Columns, cell_text, columns_of
from .passes import LedgerRead

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class CsvLayout:
    """How rows are written into one CSV ledger."""

    columns: Columns
    delimiter: str = ","
    newline: str = "\n"
    encoding: str = "utf-8"

    def text(self, rows: Sequence[LedgerRow], rules: Rules | None = None) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=self.delimiter, lineterminator=self.newline)
        for cells in self.columns.cells(rows, rules):
            writer.writerow([cell_text(c) for c in cells])
        return out.getvalue()

    def header(self) -> str:
        """A new ledger's header: its columns' keys."""
        return self.delimiter.join(self.columns.keys) + self.newline


def encoding_of(data: bytes) -> str:
    """`utf-8`, or `gb18030` for bytes that are not UTF-8 but are wholly GB18030."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            return "utf-8"  # the reader has refused it already
        return "gb18030"
    return "utf-8"


def csv_layout(
    name: str,
    data: bytes,
    read: LedgerRead,
    rules: Rules | None = None,
    columns: Sequence[str] = (),
) -> CsvLayout:
    """The layout of a CSV ledger holding `data`, read as `read`; or an `InputError`.
    A new ledger has the required columns, then `columns` (`scheme`)."""
    delimiter = csv_delimiter(name)
    newline = "\r\n" if b"\r\n" in data[: 1 << 16] else "\n"
    encoding = encoding_of(data)
    table = read.table
    if table is None:
        return CsvLayout(Columns((*LEDGER_REQUIRED, *columns)), delimiter, newline, encoding)
    text = data.removeprefix(BOM).decode(encoding, errors="replace")
    lines = text.splitlines()
    raw = lines[table.header_row - 1] if 0 < table.header_row <= len(lines) else ""
    cells = next(csv.reader([raw], delimiter=delimiter), [])
    if len(cells) != len(table.columns):
        raise _refused(name, table.header_row, raw, msg("ledger.header_lines"))
    for cell in cells:
        if cell != cell.strip():
            raise _refused(name, table.header_row, raw, msg("ledger.header_spaces", column=cell))
    return CsvLayout(columns_of(table.columns, read.last, rules), delimiter, newline, encoding)


def _refused(name: str, line: int, header: str, why: object) -> InputError:
    text = msg("ledger.header_refused", header=header, why=why)
    return InputError([Problem(name, str(line), "", text)])


def appended_bytes(
    layout: CsvLayout, old: bytes, rows: Sequence[LedgerRow], rules: Rules | None = None
) -> bytes:
    """What to append to a ledger holding `old` so that it ends with `rows`; a ledger with
    nothing in it (or only blank lines) gets the header first. A last row without a
    line ending is ended first."""
    newline = layout.newline
    body = old.removeprefix(BOM)
    if not body.strip():
        prefix = layout.header()
        if body:  # only blank lines: end them first
            prefix = ("" if old.endswith(b"\n") else newline) + prefix
    elif old.endswith((b"\n", b"\r")):
        prefix = ""
    else:
        prefix = newline
    return (prefix + layout.text(rows, rules)).encode(layout.encoding)


def ledger_line(row: LedgerRow) -> str:
    """`W001,social_worker,1000.00,2026-01-01` (ids are plain words: nothing to quote)."""
    return CsvLayout(Columns(LEDGER_REQUIRED)).text([row]).rstrip("\n")


def new_ledger_bytes(old: bytes | None, rows: Sequence[LedgerRow]) -> bytes:
    """The old bytes, unchanged, then `rows`; a missing or empty ledger gets the header.

    New lines use the file's own line ending; a last row without one is ended first.
    """
    old = old or b""
    newline = "\r\n" if b"\r\n" in old[: 1 << 16] else "\n"
    layout = CsvLayout(Columns(LEDGER_REQUIRED), ",", newline, encoding_of(old))
    return old + appended_bytes(layout, old, rows)
