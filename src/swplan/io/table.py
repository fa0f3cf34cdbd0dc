"""A table (CSV or a workbook's sheet) as swplan reads it: its header, its rows and the
position of every cell (the rows that are not data are `skips`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import Problem, position
from ..messages import Field, L, Localized, Quoted, Text, Words, did_you_mean, msg

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
    header_lines: int = 1  # 2: a group header above its columns' own (read as one)
    first_column: int = 0  # Excel: empty columns left of the header
    notes: list[Text] = field(default_factory=list)  # what was skipped or ignored, for the user
    ignored: list[str] = field(default_factory=list)  # columns swplan does not read
    header_ok: bool = True  # False once the header was found wrong: rows are not data then
    # (row, column) -> the formula, of formula cells with no saved value
    uncached: dict[tuple[int, int], str] = field(default_factory=dict)
    # (row, column) of cells filled from a merged cell spanning rows
    merged: set[tuple[int, int]] = field(default_factory=set)
    # several sheets read as one (`FILE.xlsx#*`): (sheet, first column) of each; a row
    # number is then the sheet's index times SHEET_STRIDE plus its row in the sheet
    parts: list[tuple[str, int]] = field(default_factory=list)
    kind: str | None = None  # roster, populations, passes or ledger, once known
    # column key -> its header as the file writes it (人员编号 for id), where they differ
    headers: dict[str, str] = field(default_factory=dict)
    # (row, column) of cells that hold a number as text (a SUM leaves them out)
    text_numbers: set[tuple[int, int]] = field(default_factory=set)
    # rows whose only values come from merged cells begun above (empty rows)
    merged_only: set[int] = field(default_factory=set)
    # the grand total row skipped (the last totals row that is no subtotal): its number
    # and cells, and the numbers of the subtotal rows (see `skips.RowSkips`)
    totals: tuple[int, list[str | None]] | None = None
    subtotals: list[int] = field(default_factory=list)
    id_numbers: bool = False  # the id column holds identity numbers (身份证号)

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
        written = list(self.columns)
        keys, problems, ignored = check_header(
            self.file,
            self.columns,
            required=required,
            optional=optional,
            where=lambda i: self.cell(self.header_row, i),
            headers=headers or {},
            ignore=ignore,
            kind=self.kind,
        )
        if keys != self.columns:
            renamed = dict(zip(self.columns, keys, strict=True))
            self.columns = keys
            for row in self.rows:
                row.cells = {renamed.get(k, k): v for k, v in row.cells.items()}
        self.headers = {k: w for k, w in zip(keys, written, strict=True) if k != w}
        self.ignored = ignored
        self.header_ok = not problems
        silent = {header_key(h) for h in ignore}
        told = [c for c in ignored if header_key(c) not in silent and not totals_word(c)]
        if told and not problems:
            key = "file.ignored_columns" if len(told) > 1 else "file.ignored_column"
            self.notes.append(msg(key, file=self.file, columns=Words(told, quoted=True)))
        return problems

    def problem(self, row: Row, column: str, message: Text) -> Problem:
        return Problem(
            self.file, self.where(row, column), column, message, self.kind, self.header(column)
        )

    def problem_at(self, number: int, index: int, message: Text) -> Problem:
        """A problem at the cell of row `number`, 0-based column `index`."""
        column = self.columns[index]
        where = self.cell(number, index)
        return Problem(self.file, where, column, message, self.kind, self.header(column))

    def header(self, column: str) -> str | None:
        """The header a column has in the file, when it is not the column's key."""
        return self.headers.get(column)


def _column_letter(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# A unit in brackets at the end of a header is not part of its name: 金额（元）, 人数(人).
_UNIT = re.compile(
    r"\((?:单位[:：]?)?(?:元|万元|人|个|名|户|人次|岁|年|月|天|次|家|所|处|间|张|"
    r"平方公里|平方米|km2|%)\)\Z"
)


def header_key(text: str) -> str:
    """A header as it is matched: NFKC (full-width = half-width), spaces removed (U+3000
    too), Latin letters in lower case, a unit in brackets at the end dropped."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    key = "".join(text.split()).lower()
    if key.endswith(")"):
        key = _UNIT.sub("", key)
    return key


_TOTALS = ("合计", "总计", "小计", "共计")
# columns read when present but not offered in the list of allowed columns (an identity
# number beside the worker id, a worker's name on a pass)
UNLISTED = frozenset(("id_number",))


def totals_word(text: str | None) -> bool:
    """Whether a header or cell begins or ends with 合计, 总计, 小计 or 共计 (after NFKC,
    spaces removed): 全县合计, 东湖街道小计, 小计（城关镇）, 合 计, 老年人合计."""
    if not text:
        return False
    word = header_key(text)
    return word.startswith(_TOTALS) or word.endswith(_TOTALS)


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
    *,
    required: Sequence[str],
    optional: Sequence[str],
    where: Callable[[int], str],
    headers: Mapping[str, str] | None = None,
    ignore: Sequence[str] = (),
    kind: str | None = None,
) -> tuple[list[str], list[Problem], list[str]]:
    """The key of each column, the header's problems, and the columns ignored.

    A column is named by its key or by one of `headers` (a header text, as matched by
    `header_key`, to its key). A column that names no key is ignored, unless it looks
    like one that is missing: a Latin header within edit distance 1 of a key (2 for
    keys of five letters or more), or a header containing a known header whose column
    is absent; those are errors with a suggestion. A totals column (its header begins or
    ends with 合计, 总计, 小计 or 共计) is ignored, never an error. Two columns naming
    one key, and a missing required key, are errors. `where(index)` gives the position
    of the header cell at 0-based `index`. A column headed by one of `ignore` is
    ignored, whatever its header looks like. `kind` (roster, populations, ...) names
    the columns in messages by their Chinese headers.
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

    chinese: dict[
        str, str
    ] = {}  # key -> its first header written without Latin letters (老年人, 增长率.老年人)
    for h, k in headers.items():
        if not any("a" <= c.lower() <= "z" for c in h):
            chinese.setdefault(k, h)

    def named(key: str) -> Localized:
        field = Field(kind, key)
        if field.text("zh") == key and key in chinese:  # a category of the rules
            return L(key, chinese[key])
        return field

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
                msg("file.column_twice", column=column)
                if earlier == column
                else msg(
                    "file.columns_both", a=earlier, b=column, key=Quoted(key, named(key).text("zh"))
                )
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
        if column and (
            (not typo and not inside) or header_key(column) in skipped or totals_word(column)
        ):
            ignored.append(column)
            continue
        hint = (typo or inside or difflib.get_close_matches(column, allowed, n=1, cutoff=0.6))[:1]
        shown = Quoted(hint[0], named(hint[0]).text("zh")) if hint else None
        problems.append(
            Problem(
                file,
                where(i),
                column,
                msg(
                    "file.unknown_column",
                    column=column,
                    hint=did_you_mean(shown),
                    allowed=Words(named(k) for k in allowed if k not in UNLISTED),
                ),
            )
        )
    for column in required:
        if column not in first:
            problems.append(
                Problem(
                    file,
                    where(0),
                    column,
                    msg(
                        "file.column_missing",
                        column=Quoted(column, named(column).text("zh")),
                        required=Words(map(named, required)),
                    ),
                    kind,
                )
            )
    return keys, problems, ignored


def spans(header: Sequence[str | None]) -> set[int]:
    """The header cells that look merged: a filled cell followed by empty ones (a merged
    cell saved as CSV keeps its text in its first cell only; a sheet's group header
    may be written over its columns without merging them). The last filled cell spans
    the columns past the end of the row too (a sheet does not keep trailing blanks)."""
    out: set[int] = set()
    for i, cell in enumerate(header):
        after = header[i + 1] if i + 1 < len(header) else None
        if cell and cell.strip() and not (after or "").strip():
            out.add(i)
    return out


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
