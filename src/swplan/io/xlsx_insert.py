"""Rows inserted into a workbook's sheet as Excel inserts them, for a ledger's new rows.

`insert_rows(book, sheet, at, count, top)` moves every row from `at` down by `count`
and keeps the workbook true to itself: references to the moved rows follow them
(formulas in every sheet, defined names and the print area, merged cells, conditional
formats, data validations, tables, the filter, row heights, page breaks, pictures), and
a range that covers the data — starting at or above the first data row `top` and ending
on the row above `at`, like the SUM of a totals row — widens over the new rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# (first row, last row, a range: not one cell) -> the rows moved
Rows = Callable[[int, int, bool], tuple[int, int]]

_CELL = re.compile(r"(\$?)([A-Za-z]{1,3})(\$?)(\d+)\Z")
_ROWS = re.compile(r"(\$?)(\d+):(\$?)(\d+)\Z")


def row_mover(at: int, count: int, top: int, *, widen: bool = True) -> Rows:
    """How a range of rows (first, last) moves when `count` rows go in at row `at`.

    A range below the insertion moves down; one across it grows; with `widen`, a range
    (never a single cell) that starts at or above `top` and ends on the row above `at`
    grows over the new rows too (it covers the data, like a totals row's SUM).
    """

    def move(first: int, last: int, span: bool = True) -> tuple[int, int]:
        if first >= at:
            return first + count, last + count
        if last >= at or (widen and span and last == at - 1 and first <= top):
            return first, last + count
        return first, last

    return move


def _sheet_name(prefix: str) -> str | None:
    """The sheet a reference's prefix names (`'My sheet'` -> My sheet); None for a book."""
    if "[" in prefix or ":" in prefix:
        return None  # another workbook, or several sheets
    if prefix.startswith("'") and prefix.endswith("'"):
        return prefix[1:-1].replace("''", "'")
    return prefix


def _moved_ref(ref: str, move: Rows) -> str:
    """A cell, range or row range with its rows moved; anything else as it is."""
    parts = ref.split(":")
    cells = [_CELL.match(p) for p in parts]
    if len(parts) in (1, 2) and all(cells):
        rows = [int(m[4]) for m in cells if m]
        first, last = move(min(rows), max(rows), len(parts) == 2)
        out = [
            f"{m[1]}{m[2]}{m[3]}{row}" for m, row in zip(cells, (first, last), strict=False) if m
        ]
        return ":".join(out)
    whole = _ROWS.match(ref)
    if whole:
        first, last = move(int(whole[2]), int(whole[4]), True)
        return f"{whole[1]}{first}:{whole[3]}{last}"
    return ref


def move_formula(formula: str, sheet: str, here: bool, move: Rows) -> str:
    """`formula` (`=...`) with its references to rows of `sheet` moved; `here`: the formula
    is on that sheet (a reference without a sheet name is to it)."""
    from openpyxl.formula.tokenizer import Tokenizer

    try:
        tokens = Tokenizer(formula)
    except Exception:
        return formula
    changed = False
    for token in tokens.items:
        if token.type != "OPERAND" or token.subtype != "RANGE":
            continue
        prefix, bang, ref = token.value.rpartition("!")
        if bang:
            name = _sheet_name(prefix)
            if name is None or name.lower() != sheet.lower():
                continue
        elif not here:
            continue
        moved = _moved_ref(ref, move)
        if moved != ref:
            token.value = f"{prefix}{bang}{moved}"
            changed = True
    return str(tokens.render()) if changed else formula  # type: ignore[no-untyped-call]


def _moved_ranges(text: str, move: Rows) -> str:
    """A space-separated list of ranges (`A1:B2 D4`) with rows moved."""
    return " ".join(_moved_ref(part, move) for part in str(text).split())


def insert_rows(book: Any, sheet: Any, at: int, count: int, top: int) -> None:
    """Insert `count` empty rows into `sheet` at row `at` (see the module's docstring)."""
    move = row_mover(at, count, top)
    keep = row_mover(at, count, top, widen=False)  # merged cells never grow over new rows
    if at <= sheet.max_row:
        sheet.insert_rows(at, count)
        _moved_cells(sheet, at + count)
        _row_heights(sheet, at, count)
        _page_breaks(sheet, at, count)
        _pictures(sheet, at, count)
    _merged(sheet, keep)
    for each in book.worksheets:
        _formulas(each, sheet.title, each is sheet, move)
    _names(book, sheet, move)
    _formats(sheet, move)
    _tables(sheet, move)


def _moved_cells(sheet: Any, below: int) -> None:
    """Hyperlinks keep the place they were made at: put them where their cells are now."""
    for (row, _), cell in sheet._cells.items():
        if row >= below and cell.hyperlink is not None:
            cell.hyperlink.ref = cell.coordinate


def _row_heights(sheet: Any, at: int, count: int) -> None:
    dims = sheet.row_dimensions
    for row in sorted((r for r in list(dims) if r >= at), reverse=True):
        dim = dims.pop(row)
        dim.index = row + count
        dims[row + count] = dim


def _page_breaks(sheet: Any, at: int, count: int) -> None:
    for brk in getattr(sheet.row_breaks, "brk", ()):
        if brk.id is not None and brk.id >= at:
            brk.id += count


def _pictures(sheet: Any, at: int, count: int) -> None:
    """Charts and pictures anchored at or below the insertion move down with the rows."""
    for item in [*getattr(sheet, "_charts", ()), *getattr(sheet, "_images", ())]:
        anchor = item.anchor
        if isinstance(anchor, str):
            item.anchor = _moved_ref(anchor, row_mover(at, count, 0, widen=False))
            continue
        for marker in (getattr(anchor, "_from", None), getattr(anchor, "to", None)):
            if marker is not None and marker.row >= at - 1:  # 0-based rows
                marker.row += count


def _merged(sheet: Any, move: Rows) -> None:
    from openpyxl.worksheet.cell_range import CellRange

    ranges = list(sheet.merged_cells.ranges)
    for merged in ranges:
        first, last = move(merged.min_row, merged.max_row, True)
        if (first, last) != (merged.min_row, merged.max_row):
            sheet.merged_cells.remove(merged)
            sheet.merged_cells.add(
                CellRange(
                    min_col=merged.min_col, min_row=first, max_col=merged.max_col, max_row=last
                )
            )


def _formulas(sheet: Any, title: str, here: bool, move: Rows) -> None:
    from openpyxl.worksheet.formula import ArrayFormula

    for row in sheet.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, str) and value.startswith("=") and cell.data_type == "f":
                cell.value = move_formula(value, title, here, move)
            elif isinstance(value, ArrayFormula):
                value.text = move_formula(value.text or "", title, here, move)
                if here:
                    value.ref = _moved_ranges(value.ref, move)


def _names(book: Any, sheet: Any, move: Rows) -> None:
    """Defined names of the book and of every sheet, and the sheet's print area."""
    holders = [book.defined_names, *(s.defined_names for s in book.worksheets)]
    for holder in holders:
        for name in holder.values():
            text = name.attr_text
            if text:
                here = holder is sheet.defined_names
                name.attr_text = move_formula("=" + text, sheet.title, here, move)[1:]
    area = sheet.print_area
    if area:
        areas = [move_formula("=" + a, sheet.title, True, move)[1:] for a in str(area).split(",")]
        sheet.print_area = ",".join(areas)


def _formats(sheet: Any, move: Rows) -> None:
    """Conditional formats and data validations: their ranges and formulas."""
    from openpyxl.formatting.formatting import ConditionalFormattingList

    old = sheet.conditional_formatting
    new = ConditionalFormattingList()
    for formatting in old:
        ranges = _moved_ranges(str(formatting.sqref), move)
        for rule in formatting.rules:
            rule.formula = [
                move_formula("=" + f, sheet.title, True, move)[1:] for f in rule.formula or ()
            ]
            new.add(ranges, rule)
    sheet.conditional_formatting = new
    for validation in sheet.data_validations.dataValidation:
        validation.sqref = _moved_ranges(str(validation.sqref), move)
        for attr in ("formula1", "formula2"):
            text = getattr(validation, attr)
            if text:
                setattr(validation, attr, move_formula("=" + text, sheet.title, True, move)[1:])


def _tables(sheet: Any, move: Rows) -> None:
    for table in sheet.tables.values():
        table.ref = _moved_ranges(table.ref, move)
        if table.autoFilter is not None and table.autoFilter.ref:
            table.autoFilter.ref = _moved_ranges(table.autoFilter.ref, move)
    if sheet.auto_filter.ref:
        sheet.auto_filter.ref = _moved_ranges(sheet.auto_filter.ref, move)
