"""A table file of either format, opened: its header read, its rows read as asked for."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..errors import Problem
from ..messages import msg
from .csvfile import csv_rows, open_csv
from .skips import RowSkips
from .table import Row, Table
from .text import file_format
from .xlsxfile import read_xlsx_table


@dataclass
class OpenTable:
    """A table whose header has been read and whose rows are read as they are asked for.

    CSV rows are read lazily (a big file is never held); `problems` collects the rows
    of the wrong width as they are met. `records` are the raw CSV records for the
    streamed readers (None for a workbook, whose rows are in `table.rows`).
    """

    table: Table
    problems: list[Problem]
    records: Iterator[tuple[int, list[str]]] | None = None

    def rows(self) -> Iterator[Row]:
        if self.records is None:
            return _sheet_rows(self.table, self.problems)
        return csv_rows(self.table, self.records)

    def drain(self) -> None:
        """Read the rest, so that every row of the wrong width is in `problems`."""
        for _ in self.records or ():
            pass


def _sheet_rows(table: Table, problems: list[Problem]) -> Iterator[Row]:
    skips = RowSkips(table)
    for row in table.rows:
        if row.number in table.merged_only:  # its values are those of merged cells above
            skips.note(row.number, "empty")
            continue
        if skips.skip(row.number, [row.cells.get(c) for c in table.columns]):
            continue
        before = len(problems)
        for i, column in enumerate(table.columns):
            formula = table.uncached.get((row.number, i))
            if formula is not None and column not in table.ignored:
                message = msg("file.formula_no_value", formula=formula[:40])
                problems.append(table.problem(row, column, message))
        if len(problems) == before:  # else told here, not again as a missing value
            yield row
    skips.done()


def open_table(
    path: str | os.PathLike[str], fits: Callable[[Sequence[str | None]], bool] | None = None
) -> OpenTable:
    """A CSV (read lazily) or Excel table, header read (see `open_csv` for `fits`)."""
    if file_format(path) == "xlsx":
        table, found = read_xlsx_table(path, fits)
        return OpenTable(table, found)
    problems: list[Problem] = []
    table, records = open_csv(path, problems, fits)
    return OpenTable(table, problems, records)
