"""What kind of swplan file a file is, told from its content: the top-level keys of a
YAML file, the header of a table."""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..errors import InputError, Problem
from ..messages import msg
from ..rules import Rules
from .headers import (
    LEDGER_HEADERS,
    POPULATIONS_HEADERS,
    ROSTER_HEADERS,
    table_fits,
)
from .source import open_table
from .table import HEADER_ROWS, Table, header_key
from .text import file_format
from .yamldoc import Document, load_yaml

RULES_KEYS = {"extends", "staffing", "pay", "awards"}


def kind_of(path: str | os.PathLike[str]) -> str:
    """`roster`, `populations`, `passes`, `ledger` or `rules` (docs/formats.md)."""
    if file_format(path) == "yaml":
        return yaml_kind(load_yaml(path))
    return table_kind(open_table(path, any_table).table)


KINDS = ("roster", "populations", "passes", "ledger")


class _AnyTable:
    """Whether a row is the header of a roster, populations, passes or ledger table (and,
    as `HeaderFit.known`, whether a cell names a column of any of them: two-row headers)."""

    def __init__(self) -> None:
        self.fits = [table_fits(kind) for kind in ("ledger", "passes", "roster", "populations")]

    def __call__(self, cells: Sequence[str | None]) -> bool:
        return any(fit(cells) for fit in self.fits)

    def known(self, text: str) -> bool:
        return any(fit.known(text) for fit in self.fits)


any_table = _AnyTable()


def fitting_kinds(path: str | os.PathLike[str], rules: Rules) -> list[str]:
    """The kinds of table whose header a table file holds, as the commands look for it:
    a workbook may hold passes and a ledger on two sheets. None: no header fits."""
    if file_format(path) == "xlsx":
        from .xlsxfile import head_rows

        heads = head_rows(path)
    else:
        heads = [_csv_head(path)]
    fits = {kind: table_fits(kind, rules) for kind in KINDS}
    return [kind for kind in KINDS if any(fits[kind](row) for rows in heads for row in rows)]


def _csv_head(path: str | os.PathLike[str]) -> list[list[str | None]]:
    import csv

    from .csvfile import csv_delimiter
    from .text import text_lines

    rows: list[list[str | None]] = []
    try:
        reader = csv.reader(text_lines(path, gb18030=True), delimiter=csv_delimiter(path))
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append(list(cells))
                if len(rows) == HEADER_ROWS:
                    break
    except (csv.Error, InputError):  # read again by the reader, which says what is wrong
        pass
    return rows


def yaml_kind(doc: Document) -> str:
    data = doc.data
    keys = set(data) if isinstance(data, dict) else set()
    if "workers" in keys:
        return "roster"
    if "sites" in keys:
        return "populations"
    if "passes" in keys:
        return "passes"
    if "scenarios" in keys:
        return "scenarios"
    if keys & RULES_KEYS:
        return "rules"
    what = msg("file.yaml_empty") if data is None else msg("file.yaml_kind_unknown")
    raise InputError([Problem(doc.file, "1", "", msg("file.yaml_kinds", what=what))])


def table_kind(table: Table) -> str:
    """The kind of a table from its header (keys or the built-in headers of §2.5's kinds)."""
    known = {header_key(h): k for h, k in {**ROSTER_HEADERS, **POPULATIONS_HEADERS}.items()}
    known.update((header_key(h), k) for h, k in LEDGER_HEADERS.items())
    columns = {known.get(header_key(c), c) for c in table.columns}
    # a passes table may carry an amount (swplan's own awards CSV does); only a
    # ledger has paid_on, and an amount without passed_on is a ledger missing it
    if "paid_on" in columns or ("amount" in columns and "passed_on" not in columns):
        return "ledger"
    # a roster's 取证日期 is its title_since, not a pass's date: a roster has education
    # and title, which passes never have
    if "passed_on" in columns and not {"education", "title"} <= columns:
        return "passes"
    if {"education", "title", "hired", "years_of_service"} & columns:
        return "roster"
    if "id" in columns:
        return "populations"
    raise InputError(
        [Problem(table.file, table.cell(table.header_row, 0), "", msg("file.table_kind_unknown"))]
    )
