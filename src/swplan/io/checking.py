"""`swplan check`: tell a file's kind from its content and validate it.

Each file is read once: the header (or the YAML document) that tells its kind is
handed on to the loader, and a CSV roster or populations file is streamed, so
checking a national file never holds it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

from ..errors import InputError, Problem
from ..rules import Rules
from .loading import Document, OpenTable, Table, file_format, header_key, load_yaml, open_table
from .records import (
    LEDGER_HEADERS,
    POPULATIONS_HEADERS,
    ROSTER_HEADERS,
    iter_sites_csv,
    load_ledger,
    load_passes,
    load_populations,
    load_roster,
    table_fits,
)
from .rules_file import load_rules, rules_from_document

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
    if {"amount", "paid_on"} & columns:
        return "ledger"
    if "passed_on" in columns:
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


def check_file(path: str | os.PathLike[str], rules: Rules | None) -> str:
    """Validate one file; return a short summary, or raise `InputError`."""
    source: Document | OpenTable
    if file_format(path) == "yaml":
        source = load_yaml(path)
        kind = yaml_kind(source)
        if kind == "rules":
            loaded = rules_from_document(source)
            return (
                f"rules {loaded.name!r}, {len(loaded.categories)} categories, "
                f"{len(loaded.pay.grades or [])} grades"
            )
    else:
        source = open_table(path, any_table)
        kind = table_kind(source.table)
    if rules is None:
        rules = load_rules()
    if isinstance(source, OpenTable) and source.records is not None:  # CSV: streamed
        if kind == "roster":
            from .stream import stream_table

            count = stream_table(
                source.table,
                source.records,
                source.problems,
                rules,
                dt.date.max,
                costed=False,
            ).count
            return f"roster, {count} workers"
        if kind == "populations":
            count = sum(1 for _ in iter_sites_csv(source, rules, {}))
            if source.problems:
                raise InputError(source.problems)
            return f"populations, {count} sites"
    if kind == "roster":
        return f"roster, {len(load_roster(path, rules, source=source))} workers"
    if kind == "populations":
        return f"populations, {len(load_populations(path, rules, source).sites)} sites"
    if kind == "passes":
        return f"passes, {len(load_passes(path, rules, source))} passes"
    if kind == "scenarios":
        from .scenarios import scenarios_from

        assert isinstance(source, Document)
        named = scenarios_from(source, rules)
        return f"scenarios, {len(named)}: {', '.join(name for name, _ in named)}"
    from .ledger import append_order

    assert isinstance(source, OpenTable)
    rows = len(load_ledger(path, rules, source=source))
    try:
        order = ", ".join(append_order(path))
    except InputError as exc:
        return f"ledger, {rows} rows; --record refuses it: {exc.problems[0].message}"
    return f"ledger, {rows} rows; --record appends in its column order: {order}"


__all__ = ["check_file", "kind_of", "load_rules"]
