"""What a new ledger row holds in each of the ledger's own columns (CSV and workbook alike).

A ledger's header is read as its reader reads it (`passes.read_ledger`): each column is a
ledger key (`worker_id`, `exam`, `amount`, `paid_on`, and any column a later version
adds to `LEDGER_COLUMNS`), or a column swplan does not read. New rows follow the
header's order; of the columns swplan does not read, a name column (姓名) gets the
worker's name and a serial column (序号) counts on from the last row; the others are
left empty. An exam is written as the ledger's last row writes it: its key, or its
Chinese label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import LedgerRow
from ..money import fmt_money
from ..rules import Rules
from .headers import LEDGER_COLUMNS
from .table import header_key

NAME = "name"
SERIAL = "serial"
# columns swplan does not read but fills in new rows, by header
_FILLED = {
    **{header_key(h): NAME for h in ("name", "姓名")},
    header_key("序号"): SERIAL,
}


def filled_column(header: str) -> str:
    """NAME, SERIAL or "" (left empty) for a column swplan does not read."""
    return _FILLED.get(header_key(header), "")


@dataclass(frozen=True, slots=True)
class Columns:
    """The ledger's columns, each a ledger key, NAME, SERIAL or "" (left empty)."""

    keys: tuple[str, ...]
    exam_label: bool = False  # exams written by their Chinese label
    serial: int | None = None  # the last row's serial number, when it has one

    @property
    def order(self) -> tuple[str, ...]:
        """The ledger keys, in the ledger's order (what `check` says rows follow)."""
        return tuple(k for k in self.keys if k in LEDGER_COLUMNS)

    def cells(self, rows: Sequence[LedgerRow], rules: Rules | None) -> list[list[object]]:
        """Each row's values, in the ledger's columns (amounts as Decimal, dates as dates)."""
        out: list[list[object]] = []
        serial = self.serial
        for row in rows:
            values: dict[str, object] = {
                "worker_id": row.worker_id,
                "exam": self.exam_text(row.exam, rules),
                "amount": row.amount,
                "paid_on": row.paid_on,
                "scheme": row.scheme or "",
                NAME: row.name or "",
            }
            if serial is not None:
                serial += 1
                values[SERIAL] = serial
            out.append([values.get(k, "") for k in self.keys])
        return out

    def exam_text(self, exam: str, rules: Rules | None) -> str:
        if self.exam_label and rules is not None:
            label = rules.label_of("exam", exam, lang="zh")
            if rules.word("exam", label) == exam:
                return label
        return exam


def columns_of(
    header: Sequence[str], last: dict[str, str | None] | None, rules: Rules | None
) -> Columns:
    """The `Columns` of a ledger whose header reads as `header` (keys, or the text of
    a column swplan does not read) and whose last data row held `last`."""
    keys = tuple(k if k in LEDGER_COLUMNS else filled_column(k) for k in header)
    exam_label = False
    serial = None
    if last is not None:
        written = last.get("exam")
        if written is not None and rules is not None:
            exam_label = written != rules.word("exam", written) and not written.isascii()
        column = next((c for c, k in zip(header, keys, strict=True) if k == SERIAL), None)
        text = last.get(column) if column is not None else None
        if text is not None and text.strip().isdigit():
            serial = int(text.strip())
    return Columns(keys, exam_label, serial)


def cell_text(value: object) -> str:
    """A value as a CSV cell holds it: money with two decimals, dates ISO."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return fmt_money(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)
