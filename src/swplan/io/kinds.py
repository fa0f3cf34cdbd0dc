"""What kind of swplan file a file is, told from its content: the top-level keys of a
YAML file, the header of a table."""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..errors import InputError, Problem
from .headers import (
    LEDGER_HEADERS,
    POPULATIONS_HEADERS,
    ROSTER_HEADERS,
    table_fits,
)
from .source import open_table
from .table import Table, header_key
from .text import file_format
from .yamldoc import Document, load_yaml

RULES_KEYS = {"extends", "staffing", "pay", "awards"}


def kind_of(path: str | os.PathLike[str]) -> str:
    """`roster`, `populations`, `passes`, `ledger` or `rules` (SPEC §2.5)."""
    if file_format(path) == "yaml":
        return yaml_kind(load_yaml(path))
    return table_kind(open_table(path, any_table).table)


def any_table(cells: Sequence[str | None]) -> bool:
    """Whether a row is the header of a roster, populations, passes or ledger table."""
    return any(table_fits(kind)(cells) for kind in ("ledger", "passes", "roster", "populations"))


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
    what = "is empty" if data is None else "cannot tell what kind of swplan file this is"
    raise InputError(
        [
            Problem(
                doc.file,
                "1",
                "",
                f"{what}; a roster has 'workers:', populations "
                "'sites:', passes 'passes:', plan scenarios 'scenarios:', rules 'pay:' or "
                "'extends:'",
            )
        ]
    )


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
        [
            Problem(
                table.file,
                table.cell(table.header_row, 0),
                "",
                "cannot tell what kind of swplan table this is from its header; "
                "a roster has id, site, education, title; populations id, name, kind",
            )
        ]
    )
