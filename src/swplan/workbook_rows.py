"""A worksheet written as a stream of rows (openpyxl's write-only mode), for `workbook`.

A national workbook has millions of cells: openpyxl's ordinary worksheet keeps a cell
object for each until the file is saved (4.2 GiB for a national `budget --by site`);
a write-only worksheet sends each row to the file as it is appended. `Rows` lets the
layout put cells at (row, column), top down, as it did on an ordinary worksheet.
"""

from __future__ import annotations

from typing import Any

from .messages import msg

EXCEL_ROWS = 1_048_576  # rows a worksheet can hold


def too_many(name: str, rows: int) -> None:
    """An `InputError` when a sheet of `rows` rows is more than a worksheet holds."""
    if rows > EXCEL_ROWS:
        from .errors import InputError, Problem

        problem = msg("safety.xlsx_rows", sheet=name, rows=rows, limit=EXCEL_ROWS)
        raise InputError([Problem("--format", "", "", problem)])


class Rows:
    """The cells of a sheet written as a stream: a row is sent to the worksheet (in
    write-only mode) when a later row is begun, with the height set for it by then, so
    a national table's millions of cells are never all held at once.

    The sheet's extent (its `<dimension>`, what a reader sizes the sheet by) is written
    before its first row, so the layout gives it ahead (`extent`: the last row and
    column that hold a cell or a merge); `close` holds the sheet to it."""

    def __init__(self, ws: Any, extent: tuple[int, int]) -> None:
        self.ws = ws
        self.at = 1  # the row being filled
        self.cells: dict[int, Any] = {}
        self.extent = extent
        self.used = (1, 1)  # the last row and column with a cell or a merge, so far
        ws.calculate_dimension = self.dimension  # asked for by the writer, before row 1

    def dimension(self) -> str:
        from openpyxl.utils import get_column_letter

        rows, cols = self.extent
        return f"A1:{get_column_letter(cols)}{rows}"

    def cell(self, row: int, col: int, value: Any = None) -> Any:
        """A new cell at (`row`, `col`): `row` is this row or one below it."""
        from openpyxl.cell import WriteOnlyCell

        self.to(row)
        self.used = (row, max(self.used[1], col))
        cell = self.cells[col] = WriteOnlyCell(self.ws, value)
        return cell

    def merge(self, row: int, first: str, last: str) -> None:
        """Merge row `row`'s cells from column `first` to column `last` (letters)."""
        from openpyxl.utils import column_index_from_string

        self.ws.merged_cells.add(f"{first}{row}:{last}{row}")
        end = column_index_from_string(last)
        self.used = (max(self.used[0], row), max(self.used[1], end))

    def to(self, row: int) -> None:
        """Send every row above `row` (an empty one for a row without cells)."""
        if row < self.at:
            raise ValueError(f"row {row} after row {self.at}: a sheet is written top down")
        while self.at < row:
            cells = self.cells
            self.ws.append([cells.get(j) for j in range(1, max(cells, default=0) + 1)])
            self.cells = {}
            self.at += 1

    def close(self) -> None:
        """Send the last rows: the one being filled, and any below it given a height."""
        heights = [r for r, dim in self.ws.row_dimensions.items() if dim.height]
        self.to(max([self.at, *heights]) + 1)
        if self.extent != self.used:
            raise AssertionError(f"a sheet laid out to {self.extent} was written to {self.used}")
