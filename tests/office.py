"""Workbooks built the way a county's offices make them, for the tests of files as received.

A bureau's sheet has a merged title over the table, often a 序号 column, sometimes a
two-row header (服务对象（人） merged over 老年人 | 儿童), subtotal rows in the middle
(东湖街道小计), a grand total (全县合计), then signature and note lines (填表人, 审核人,
备注); a 填表说明 sheet may come first and a hidden sheet hold an old version.
`Sheet` writes such a table with openpyxl: the tests below it read what it wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter


@dataclass
class Sheet:
    """One table of a workbook: `header` (one row, or two for a two-row header), `rows`
    (a cell None is empty), and what an office puts around it."""

    title: str
    header: list[list[Any]]
    rows: list[list[Any]]
    caption: str | None = None  # the merged title row above the table
    footer: list[str] = field(default_factory=lambda: ["填表人：张敏", "审核人：李强"])
    merge_header: list[str] = field(default_factory=list)  # ranges, e.g. "C3:D3"
    formats: dict[str, str] = field(default_factory=dict)  # cell -> number format
    hidden: bool = False


def build(path: Path, *sheets: Sheet, notes_first: bool = False) -> Path:
    """A workbook of `sheets` (with a 填表说明 sheet first when `notes_first`)."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    if notes_first:
        first.title = "填表说明"
        first.append(["填表说明"])
        first.append(["1. 站点名称请与民政局登记的名称一致。"])
        first.append(["2. 人数填写年末数，单位：人。"])
    else:
        book.remove(first)
    for spec in sheets:
        _write(book.create_sheet(spec.title), spec)
    book.save(path)
    return path


def _write(sheet: Any, spec: Sheet) -> None:
    width = max(len(r) for r in [*spec.header, *spec.rows])
    if spec.caption:
        sheet.append([spec.caption])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        sheet.append(["单位：人"])
    for row in spec.header:
        sheet.append(row)
    for ref in spec.merge_header:
        sheet.merge_cells(ref)
    for row in spec.rows:
        sheet.append(row)
    sheet.append([])
    for line in spec.footer:
        sheet.append([line])
    for ref, number_format in spec.formats.items():
        sheet[ref].number_format = number_format
    for i in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(i)].width = 14
    if spec.hidden:
        sheet.sheet_state = "hidden"


def first_row(spec: Sheet) -> int:
    """The sheet row of the first data row of `spec` (1-based)."""
    return (2 if spec.caption else 0) + len(spec.header) + 1


def id_number(first17: str) -> str:
    """An identity number (18 characters) with its GB 11643 check character."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]
