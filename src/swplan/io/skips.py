"""The rows of a table that are not data: totals, footers, examples and empty rows.

A bureau's sheet has subtotal rows in the middle (东湖街道小计), a grand total at the
foot (全县合计), signature and note lines below it (填表人, 审核人, 备注) and
pre-numbered empty rows. Each is skipped and named in a note; a totals row is
remembered (`Table.totals`), so that a reader can hold the sheet's own grand total
against what it read.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..messages import Words, msg
from .table import Table, header_key, totals_word

_TOTAL_WORDS = ("total", "totals", "subtotal")
_EXAMPLES = ("示例", "例", "example")
_FOOTERS = ("备注", "注:", "说明", "填表人", "制表人", "审核人", "负责人", "联系电话", "填报日期")
# the columns whose text can label a totals row
LABEL_COLUMNS = frozenset(("id", "name", "site", "kind", "worker_id"))

# First characters a skipped row's first cell can start with (and spaces), and the first
# and last characters of a cell that labels a totals row: a row whose cells start and
# end with none of them is data, without a closer look (the fast path of a big CSV).
SPECIAL_FIRST = frozenset("合总小共示例tTsSeEｔＴｓＳｅＥ备注说填制审负联 \t\u3000")
LABEL_FIRST = frozenset("合总小共ｔＴｓＳ \t\u3000")
_LATIN_FIRST = frozenset("tTsS")
LABEL_LAST = frozenset("计 \t\u3000")


ASCII_MARKS = frozenset(("total", "totals", "subtotal", "example"))


def ordinary(first: str) -> bool:
    """Whether a first cell that is one ASCII word of letters and digits (`S000123`)
    marks no skipped row: such a cell marks one only as total, totals, subtotal or
    example (what `marks_a_skip` finds of it, without its look-ups)."""
    return first.isascii() and first.isalnum() and first.lower() not in ASCII_MARKS


def marks_a_skip(first: str) -> bool:
    """Whether a row's first cell could make it a totals, example or footer row."""
    word = header_key(first)
    return (
        not word
        or totals_word(word)
        or word in _TOTAL_WORDS
        or word in _EXAMPLES
        or word.startswith(_FOOTERS)
    )


def totals_label(cell: str | None) -> bool:
    """A cell that labels a totals row: it begins or ends with 合计, 总计, 小计 or 共计, or
    is total, totals or subtotal (any case)."""
    if not cell:
        return False
    return totals_word(cell) or header_key(cell) in _TOTAL_WORDS


def subtotal(cells: Sequence[str | None]) -> bool:
    """Whether a totals row is a subtotal (小计 or subtotal in one of its cells)."""
    return any(c and ("小计" in header_key(c) or "subtotal" in header_key(c)) for c in cells)


_SKIPPED = {
    "totals": "file.skip_totals",
    "example": "file.skip_example",
    "empty": "file.skip_empty",
    "footer": "bureau.skip_footer",
}


class RowSkips:
    """The rows of a table that are not data, each named in a note (docs/formats.md).

    * a totals row: a text cell of it in a column swplan reads as text (id, name, site,
      kind), or its first filled cell, begins or ends with 合计, 总计, 小计 or 共计, or
      is total, totals or subtotal; the last one that is no subtotal is the grand
      total, kept in `Table.totals` with the row's cells;
    * a footer row: its first filled cell begins with 备注, 注：, 说明, 填表人, 制表人,
      审核人, 负责人, 联系电话 or 填报日期;
    * an example row: its first filled cell is 示例, 例 or example;
    * an empty row: no value in any column swplan reads.
    """

    def __init__(self, table: Table) -> None:
        self.table = table
        ignored = set(table.ignored)
        self.used = [i for i, c in enumerate(table.columns) if c not in ignored]
        self.labels = [i for i, c in enumerate(table.columns) if c in LABEL_COLUMNS]
        ids = [i for i, c in enumerate(table.columns) if c in ("id", "worker_id")]
        first = ids or self.used
        self.key_index: int | None = first[0] if first else None
        self.rows: dict[str, list[int]] = {}

    def plain(self, cells: Sequence[str]) -> bool:
        """Whether no label cell of a full-width CSV record marks a totals row (the fast
        path: a character look-up or two for the usual cell, such as an id `S502418`)."""
        for i in self.labels:
            cell = cells[i]
            if not cell:
                continue
            first = cell[0]
            if first in _LATIN_FIRST:  # total, subtotal: the whole cell, in any case
                if cell.lower() in _TOTAL_WORDS:
                    return False
            elif (first in LABEL_FIRST or cell[-1] in LABEL_LAST) and totals_label(cell):
                return False
        return True

    def reason(self, cells: Sequence[str | None]) -> str | None:
        first = next((c for c in cells if c and c.strip()), None)
        if first is None:
            return "empty"
        word = header_key(first)
        if word.startswith(_FOOTERS):
            return "footer"
        key = self.key_index
        if totals_word(word) or word in _TOTAL_WORDS:
            id_cell = header_key(cells[key] or "") if key is not None else ""
            if id_cell in ("", word):
                return "totals"
        if any(totals_label(cells[i]) for i in self.labels):
            return "totals"
        if word in _EXAMPLES:
            return "example"
        if not any(cells[i] and cells[i].strip() for i in self.used):  # type: ignore[union-attr]
            return "empty"
        return None

    def skip(self, number: int, cells: Sequence[str | None]) -> bool:
        why = self.reason(cells)
        if why is None:
            return False
        self.note(number, why)
        if why == "totals":
            if subtotal(cells):
                self.table.subtotals.append(number)
            else:
                self.table.totals = (number, list(cells))
        return True

    def note(self, number: int, why: str) -> None:
        """Count row `number` as skipped for `why` (totals, footer, example, empty)."""
        self.rows.setdefault(why, []).append(number)

    def done(self) -> None:
        """Note every skipped row (see `io.notes`)."""
        from . import notes

        if not self.table.header_ok:
            return
        for why, found in self.rows.items():
            by_sheet: dict[str | None, list[int]] = {}
            for number in found:
                sheet, row = self.table.sheet_row(number)
                by_sheet.setdefault(sheet, []).append(row)
            for sheet, numbers in by_sheet.items():
                notes.add([skipped_note(self.table.file, sheet, numbers, _SKIPPED[why])])
        self.rows = {}


def skipped_note(file: str, sheet: str | None, numbers: list[int], why: str) -> object:
    """`FILE sheet S: skipped rows 5, 9 and 3 more: a totals row`."""
    where = msg("file.in_sheet", file=file, sheet=sheet) if sheet else file
    shown = Words(numbers[:10])
    if len(numbers) > 10:
        rows = msg("file.rows_more", rows=shown, more=len(numbers) - 10)
    elif len(numbers) > 1:
        rows = msg("file.rows", rows=shown)
    else:
        rows = msg("file.row", row=numbers[0])
    return msg("file.skipped", where=where, rows=rows, why=msg(why))
