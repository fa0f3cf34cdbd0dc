"""A table (CSV or a workbook's sheet) as swplan reads it: its header, its rows, the
position of every cell, and the rows that are not data (totals, examples, footers).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem, position

# --------------------------------------------------------------------------- tables


@dataclass
class Row:
    """One data row of a CSV or Excel table: cells by column, None for empty."""

    number: int  # 1-based line (CSV) or sheet row (Excel)
    cells: dict[str, str | None]


@dataclass
class Table:
    file: str
    columns: list[str]
    rows: list[Row]
    sheet: str | None = None  # Excel only
    header_row: int = 1
    first_column: int = 0  # Excel: empty columns left of the header
    notes: list[str] = field(default_factory=list)  # what was skipped or ignored, for the user
    ignored: list[str] = field(default_factory=list)  # columns swplan does not read
    header_ok: bool = True  # False once the header was found wrong: rows are not data then
    # (row, column) -> the formula, of formula cells with no saved value
    uncached: dict[tuple[int, int], str] = field(default_factory=dict)
    # (row, column) of cells filled from a merged cell spanning rows
    merged: set[tuple[int, int]] = field(default_factory=set)
    # several sheets read as one (`FILE.xlsx#*`): (sheet, first column) of each; a row
    # number is then the sheet's index times SHEET_STRIDE plus its row in the sheet
    parts: list[tuple[str, int]] = field(default_factory=list)

    def sheet_row(self, number: int) -> tuple[str | None, int]:
        """The sheet and row of a row `number`."""
        if self.parts:
            index, row = divmod(number, SHEET_STRIDE)
            return self.parts[index][0], row
        return self.sheet, number

    def cell(self, number: int, index: int) -> str:
        """Position of the cell in row `number`, 0-based column `index`."""
        if self.parts:
            part, row = divmod(number, SHEET_STRIDE)
            ref, first = self.parts[part]
            return f"{ref}!{_column_letter(first + index + 1)}{row}"
        if self.sheet is not None:
            return f"{self.sheet}!{_column_letter(self.first_column + index + 1)}{number}"
        return position(number, index + 1)

    def where(self, row: Row, column: str) -> str:
        index = self.columns.index(column) if column in self.columns else 0
        return self.cell(row.number, index)

    def header_problems(
        self,
        required: Sequence[str],
        optional: Sequence[str],
        headers: Mapping[str, str] | None = None,
        ignore: Sequence[str] = (),
    ) -> list[Problem]:
        """Read the header: each column becomes its swplan key (from the key itself or a
        header in `headers`, see `header_key`); other columns are ignored, with one note.
        The columns headed by one of `ignore` (the rules') are ignored without a note.

        Returns the problems: missing, repeated and mistyped columns.
        """
        keys, problems, ignored = check_header(
            self.file,
            self.columns,
            required,
            optional,
            lambda i: self.cell(self.header_row, i),
            headers or {},
            ignore,
        )
        if keys != self.columns:
            renamed = dict(zip(self.columns, keys, strict=True))
            self.columns = keys
            for row in self.rows:
                row.cells = {renamed.get(k, k): v for k, v in row.cells.items()}
        self.ignored = ignored
        self.header_ok = not problems
        silent = {header_key(h) for h in ignore}
        told = [c for c in ignored if header_key(c) not in silent]
        if told and not problems:
            names = ", ".join(repr(c) for c in told)
            self.notes.append(
                f"{self.file}: ignored the column{'s' if len(told) > 1 else ''} {names}, "
                "which swplan does not use"
            )
        return problems

    def problem(self, row: Row, column: str, message: str) -> Problem:
        return Problem(self.file, self.where(row, column), column, message)


def _column_letter(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def header_key(text: str) -> str:
    """A header as it is matched: spaces removed (U+3000 too), Latin letters in lower case."""
    return "".join(text.split()).lower()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


def _looks_like(header: str, key: str) -> bool:
    """A Latin header close enough to `key` to be a typo of it (never for `id`)."""
    if key == "id" or not header.isascii():
        return False
    return edit_distance(header.lower(), key) <= (2 if len(key) >= 5 else 1)


def check_header(
    file: str,
    columns: list[str],
    required: Sequence[str],
    optional: Sequence[str],
    where: Any,
    headers: Mapping[str, str] | None = None,
    ignore: Sequence[str] = (),
) -> tuple[list[str], list[Problem], list[str]]:
    """The key of each column, the header's problems, and the columns ignored.

    A column is named by its key or by one of `headers` (a header text, as matched by
    `header_key`, to its key). A column that names no key is ignored, unless it looks
    like one that is missing: a Latin header within edit distance 1 of a key (2 for
    keys of five letters or more), or a header containing a known header whose column
    is absent; those are errors with a suggestion. Two columns naming one key, and a
    missing required key, are errors. `where(index)` gives the position of the header
    cell at 0-based `index`. A column headed by one of `ignore` is ignored, whatever
    its header looks like.
    """
    headers = headers or {}
    problems: list[Problem] = []
    allowed = [*required, *optional]
    by_text = {header_key(k): k for k in allowed}
    by_text.update((header_key(h), k) for h, k in headers.items() if k in allowed)
    keys: list[str] = []
    first: dict[str, int] = {}
    unknown: list[int] = []
    skipped = {header_key(h) for h in ignore}
    for i, column in enumerate(columns):
        key = by_text.get(header_key(column)) if column else None
        if column and header_key(column) in skipped:
            key = None
        if key is None:
            keys.append(column)
            unknown.append(i)
            continue
        keys.append(key)
        if key in first:
            earlier = columns[first[key]]
            what = (
                f"column {column!r} appears twice"
                if earlier == column
                else f"columns {earlier!r} and {column!r} both give {key!r}; keep one"
            )
            problems.append(Problem(file, where(i), column, what))
        else:
            first[key] = i
    ignored: list[str] = []
    for i in unknown:
        column = columns[i]
        absent = [k for k in allowed if k not in first]
        typo = [k for k in absent if _looks_like(column, k)] if column else []
        inside = [
            k
            for h, k in headers.items()
            if k in absent and not h.isascii() and header_key(h) in header_key(column)
        ]
        if column and ((not typo and not inside) or header_key(column) in skipped):
            ignored.append(column)
            continue
        hint = (typo or inside or difflib.get_close_matches(column, allowed, n=1, cutoff=0.6))[:1]
        extra = f" (did you mean {hint[0]!r}?)" if hint else ""
        problems.append(
            Problem(
                file,
                where(i),
                column,
                f"unknown column {column!r}{extra}; allowed: {', '.join(allowed)}",
            )
        )
    for column in required:
        if column not in first:
            problems.append(
                Problem(
                    file,
                    where(0),
                    column,
                    f"required column {column!r} is missing; "
                    f"the header needs: {', '.join(required)}",
                )
            )
    return keys, problems, ignored


def second_header(
    header: Sequence[str | None],
    below: Sequence[str | None],
    merged: set[int],
    fits: Callable[[Sequence[str | None]], bool] | None,
) -> list[str | None] | None:
    """The header read together with the row below it (a two-row header), or None.

    The row below is a second header row when it names at least one known column and
    every filled cell of it is under an empty header cell or one of a merged cell
    (`merged`: 0-based columns). Its names then replace the cells above them, such as
    老年人 | 儿童 under a merged 服务对象（人）.
    """
    known = getattr(fits, "known", None)
    filled = [i for i, c in enumerate(below) if c is not None and c.strip()]
    if known is None or not filled or not any(known(below[i]) for i in filled):
        return None
    for i in filled:
        above = header[i] if i < len(header) else None
        if above is not None and above.strip() and i not in merged:
            return None
    width = max(len(header), len(below))
    out: list[str | None] = []
    for i in range(width):
        cell = below[i] if i < len(below) else None
        if cell is not None and not cell.strip():
            cell = None
        out.append(cell if cell is not None else (header[i] if i < len(header) else None))
    return out


SHEET_STRIDE = 1 << 21  # above Excel's row limit: sheet k's rows are numbered from k * it

HEADER_ROWS = 20  # the header is looked for in this many first (non-blank) rows


_TOTALS = ("合计", "总计", "小计", "共计")
_TOTAL_WORDS = ("total", "totals", "subtotal")
_EXAMPLES = ("示例", "例", "example")
# first characters a skipped row's first cell can start with (and spaces)
_SPECIAL_FIRST = frozenset("合总小共示例tTsSeE \t\u3000")


def _marks_a_skip(first: str) -> bool:
    """Whether a row's first cell could make it a totals or example row."""
    word = header_key(first)
    return not word or word.startswith(_TOTALS) or word in _TOTAL_WORDS or word in _EXAMPLES


_SKIPPED = {
    "totals": "a totals row",
    "example": "an example row",
    "empty": "no value in any column swplan reads",
}


class RowSkips:
    """The rows of a table that are not data, each named in a note (SPEC §10).

    A totals row (its first filled cell begins with 合计, 总计, 小计 or 共计, or is
    total, totals or subtotal, and its id cell is empty or holds that word), an
    example row (first filled cell 示例, 例 or example), and a row with no value in any
    column swplan reads (a footer such as 填表人 in an ignored column).
    """

    def __init__(self, table: Table) -> None:
        self.table = table
        ignored = set(table.ignored)
        self.used = [i for i, c in enumerate(table.columns) if c not in ignored]
        ids = [i for i, c in enumerate(table.columns) if c in ("id", "worker_id")]
        first = ids or self.used
        self.key_index: int | None = first[0] if first else None
        self.rows: dict[str, list[int]] = {}

    def reason(self, cells: Sequence[str | None]) -> str | None:
        first = next((c for c in cells if c and c.strip()), None)
        if first is None:
            return "empty"
        word = header_key(first)
        key = self.key_index
        if word.startswith(_TOTALS) or word in _TOTAL_WORDS:
            id_cell = header_key(cells[key] or "") if key is not None else ""
            if id_cell in ("", word):
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
        self.rows.setdefault(why, []).append(number)
        return True

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
                shown = ", ".join(str(n) for n in numbers[:10])
                more = f" and {len(numbers) - 10} more" if len(numbers) > 10 else ""
                rows = "row" if len(numbers) == 1 else "rows"
                where = f"{self.table.file} sheet {sheet}" if sheet else self.table.file
                notes.add([f"{where}: skipped {rows} {shown}{more}: {_SKIPPED[why]}"])
        self.rows = {}
