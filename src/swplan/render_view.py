"""What a report is made of: its JSON object, CSV rows, table views and workbook sheets.

Each command builds a `Report`: the JSON object, the flat rows for CSV, a `View`
(labelled columns, rows, a totals row, notes) for tables and Markdown, and the sheets
of its workbook. `swplan.render` writes it in the format asked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .workbook import Sheet


@dataclass
class View:
    """What a table shows: a title, labelled columns, rows, a totals row and notes."""

    title: str
    columns: list[str]  # header labels, already in the chosen language
    rows: list[list[str]]
    totals: list[str] | None = None
    numeric: set[int] = field(default_factory=set)  # right-aligned columns
    notes: list[str] = field(default_factory=list)  # printed under the table
    headline: list[str] = field(default_factory=list)  # printed above (Markdown: a summary)
    sections: set[int] = field(default_factory=set)  # rows followed by a rule (tables)
    money: set[int] = field(default_factory=set)  # amounts: thousands separators in tables
    ids: set[int] = field(default_factory=lambda: {0})  # identifying columns: never dropped


class Made(list):  # type: ignore[type-arg]
    """Items made afresh each time they are iterated, never held together: a list to
    the JSON encoder (which iterates it) and to the CSV writer. A national `--by site`
    report writes its 600,000 rows without first keeping them all."""

    def __init__(self, count: int, make: Callable[[], Iterator[Any]]) -> None:
        super().__init__()
        self._count = count
        self._make = make

    def __iter__(self) -> Iterator[Any]:
        return self._make()

    def __len__(self) -> int:
        return self._count


@dataclass
class Report:
    data: dict[str, Any] | Callable[[], dict[str, Any]]  # the JSON object (callable: lazy)
    items: Iterable[Any]  # one CSV row per item: mappings, or final cells (see `columns`)
    views: list[View] | Callable[[], list[View]]  # a callable is built only when shown
    # CSV header, when known up front: rows are then streamed, not gathered first,
    # and each item is already a list of final cells in column order
    columns: list[str] | None = None
    # the workbook (`--format xlsx`): built only when asked for
    sheets: Callable[[], list[Sheet]] | None = None
    lang: str = "en"
    # zh CSV: (column, cell) -> the cell in Chinese (vocabulary labels); headers via `label`
    csv_word: Callable[[str, Any], Any] | None = None
    csv_headers: dict[str, str] = field(default_factory=dict)  # zh CSV: whole column names

    def json_data(self) -> dict[str, Any]:
        if callable(self.data):
            self.data = self.data()
        return self.data

    def table_views(self) -> list[View]:
        if callable(self.views):
            self.views = self.views()
        return self.views


_PLAIN_AMOUNT = re.compile(r"(-?)(\d{4,})\.(\d\d)( .*)?", re.ASCII | re.S)


def thousands(text: str) -> str:
    """`"1234567.50"` -> `"1,234,567.50"` (a mark after a space stays: `"1,000.00 *"`);
    anything else unchanged (tables only)."""
    m = _PLAIN_AMOUNT.fullmatch(text)
    if m:
        sign, whole, cents, mark = m.groups()
        return f"{sign}{int(whole):,}.{cents}{mark or ''}"
    return text


def shown_rows(view: View, keep: str = "\n") -> tuple[list[list[str]], list[str] | None]:
    """The view's rows and totals as a table shows them: amounts with separators, and
    control characters but those in `keep` written as escapes (a name's ESC or BEL
    never reaches the terminal)."""
    from .escapes import escaped

    money = view.money

    def shown(row: list[str]) -> list[str]:
        if not money and "".join(row).isprintable():  # the common row: nothing to change
            return row
        return [
            thousands(c) if i in money else escaped(c, keep) if c else c for i, c in enumerate(row)
        ]

    return [shown(r) for r in view.rows], (shown(view.totals) if view.totals else None)
