"""CSV tables, read lazily a block of lines at a time (a national roster is never held)."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..errors import InputError, Problem
from ..messages import msg
from ..rules.problems import Theirs
from .skips import SPECIAL_FIRST, RowSkips, marks_a_skip
from .table import HEADER_ROWS, Row, Table, second_header, spans
from .text import display_name, text_lines


def _malformed(name: str, start: int, exc: csv.Error) -> InputError:
    # the record that failed starts at `start`; an unterminated quote only shows at the end
    hint = msg("file.unclosed_quote") if "end of data" in str(exc) else ""
    message = msg("file.malformed_csv", line=start, why=Theirs(str(exc)), hint=hint)
    return InputError([Problem(name, str(start), "", message)])


def csv_delimiter(path: str | os.PathLike[str]) -> str:
    """A `.tsv` file is tab-separated; every other table text file comma-separated."""
    return "\t" if os.fspath(path).lower().endswith(".tsv") else ","


def open_csv(
    path: str | os.PathLike[str],
    problems: list[Problem],
    fits: Callable[[Sequence[str | None]], bool] | None = None,
) -> tuple[Table, Iterator[tuple[int, list[str]]]]:
    """The header of a CSV file (an empty `Table`) and its data records, read lazily.

    The header is the first row, among the first `HEADER_ROWS`, that `fits` (holds the
    columns the file kind needs); rows above it (a title) are not read as data. With
    no such row, or no `fits`, it is the first row. Records come as (line, cells);
    blank ones, and the rows `RowSkips` skips, are left out. The one row rule of every
    CSV reader lives here: a record whose number of cells differs from the header's is
    added to `problems` (and not yielded). A file that is not UTF-8 text or not CSV
    raises one `InputError`, alone, wherever in the file it shows.
    """
    name = display_name(path)
    reader = csv.reader(text_lines(path, gb18030=True), strict=True, delimiter=csv_delimiter(path))
    first: list[tuple[int, list[str]]] = []  # the first rows, with the line each starts on
    line = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                first.append((line, cells))
                if fits is None or fits(cells) or len(first) == HEADER_ROWS:
                    break
            line = reader.line_num + 1
    except csv.Error as exc:
        raise _malformed(name, line, exc) from None
    if not first:
        raise InputError([Problem(name, "1", "", msg("file.empty"))])
    at = next((i for i, (_, cells) in enumerate(first) if fits and fits(cells)), 0)
    line, header = first[at]
    pending = first[at + 1 :]
    joined: list[str | None] | None = None
    if fits is not None and fits(header):
        below: list[str] | None = None
        below_line = reader.line_num + 1
        try:
            if pending:
                below_line, below = pending[0]
            else:
                below = next(reader, None)
        except csv.Error as exc:
            raise _malformed(name, below_line, exc) from None
        if below is not None:
            joined = second_header(header, below, spans(header), fits)
        if joined is not None:
            header = [c or "" for c in joined]
            pending = pending[1:]
        elif below is not None and not pending:
            pending = [(below_line, below)]
    table = Table(name, [c.strip() for c in header], [], header_row=line)
    if joined is not None:
        table.header_lines = 2
    return table, _records(table, reader, len(header), problems, pending)


def _records(
    table: Table,
    reader: Any,
    width: int,
    problems: list[Problem],
    pending: list[tuple[int, list[str]]],
) -> Iterator[tuple[int, list[str]]]:
    name = table.file
    skips = RowSkips(table)  # made at the first row: the header has been read by then
    key = skips.key_index

    def keep(line: int, cells: list[str]) -> bool:
        if not any(c.strip() for c in cells):
            return False
        if len(cells) != width:
            problems.append(
                Problem(name, str(line), "", msg("file.row_width", n=len(cells), width=width))
            )
            return False
        return not skips.skip(line, cells)

    for line, cells in pending:
        if keep(line, cells):
            yield line, cells
    start = reader.line_num + 1
    special = SPECIAL_FIRST
    plain = skips.plain
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            # the usual row: full width, its first cell an ordinary value, its id filled,
            # no label cell that could mark a totals row
            if (
                len(cells) == width
                and (first := cells[0])
                and (first[0] not in special or not marks_a_skip(first))
                and (key is None or cells[key])
                and plain(cells)
            ):
                yield line, cells
                continue
            if keep(line, cells):
                yield line, cells
    except csv.Error as exc:
        raise _malformed(name, start, exc) from None
    skips.done()


def read_csv_table(path: str | os.PathLike[str]) -> tuple[Table, list[Problem]]:
    """Header and rows of a CSV file; rows with the wrong number of cells are problems."""
    problems: list[Problem] = []
    table, records = open_csv(path, problems)
    table.rows.extend(csv_rows(table, records))
    return table, problems


def csv_rows(table: Table, records: Iterator[tuple[int, list[str]]]) -> Iterator[Row]:
    """`open_csv`'s records as `Row`s: cells by column, stripped, None for empty."""
    columns = table.columns
    for line, cells in records:
        yield Row(line, {c: (v.strip() or None) for c, v in zip(columns, cells, strict=True)})
