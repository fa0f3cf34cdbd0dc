"""The sites of a populations file (YAML, CSV or Excel; a national CSV streamed): ids,
names, kinds and clients per category."""

from __future__ import annotations

import os
from collections.abc import Iterator

from ..errors import InputError, Problem
from ..model import Origin, Populations, Site
from ..rules import Rules
from ..values import (
    parse_count,
    site_id_ok,
)
from .fields import (
    Fields,
    UniqueIds,
    merged_numbers,
    table_origin,
    unknown_keys,
    yaml_origin,
    yaml_records,
)
from .headers import (
    MAX_CLIENTS,
    SITE_COLUMNS,
    populations_header_problems,
    table_fits,
)
from .source import OpenTable, open_table
from .table import Row, Table
from .text import file_format
from .yamldoc import Document, load_yaml

# --------------------------------------------------------------------------- populations


def load_populations(
    path: str | os.PathLike[str], rules: Rules, source: Document | OpenTable | None = None
) -> Populations:
    """The sites of a populations file (`source`: the file, already opened by `check`)."""
    warnings: dict[str, list[str]] = {}  # unlisted site kind -> [count, first ids]
    problems: list[Problem] = []
    sites: list[Site] = []
    ids = UniqueIds("site id")
    categories = list(rules.categories)
    region: str | None = None
    if file_format(path) == "yaml":
        doc = source if isinstance(source, Document) else load_yaml(path)
        records = yaml_records(doc, "sites", "populations")
        problems += unknown_keys(doc.data, ["region", "sites"], doc, ())
        if isinstance(doc.data.get("region"), str):
            region = doc.data["region"]
        for path_, item in records:
            origin_of = yaml_origin(doc, path_)
            problems += unknown_keys(item, [*SITE_COLUMNS, "clients"], doc, path_)
            f = Fields(item.get, origin_of, problems)
            clients_data = item.get("clients") or {}
            clients: dict[str, int] = {}
            if not isinstance(clients_data, dict):
                f.fail("clients", "must be a mapping of category: count")
            else:
                cf = Fields(clients_data.get, yaml_origin(doc, (*path_, "clients")), problems)
                for written in clients_data:
                    category = rules.word("category", written) if isinstance(written, str) else None
                    if category is None:
                        problems.append(
                            doc.problem(
                                (*path_, "clients", written),
                                "unknown category; " + rules.unknown_word("category", str(written)),
                                key=True,
                            )
                        )
                        continue
                    if category in clients:
                        problems.append(
                            doc.problem(
                                (*path_, "clients", written),
                                f"category {category!r} is given twice",
                                key=True,
                            )
                        )
                        continue
                    n = cf.count(written, maximum=MAX_CLIENTS)
                    if n is not None:
                        clients[category] = n
            site = _site(f, clients, rules, warnings)
            if site and ids.add(site.id, origin_of("id"), problems):
                sites.append(site)
    else:
        opened = (
            source
            if isinstance(source, OpenTable)
            else open_table(path, table_fits("populations", rules))
        )
        if opened.records is not None:  # CSV: streamed
            sites = list(iter_sites_csv(opened, rules, warnings))
            if opened.problems:
                raise InputError(opened.problems)
            return Populations(None, sites, kind_warnings(warnings, rules))
        table, problems = opened.table, opened.problems
        problems += populations_header_problems(table, rules)
        if problems:
            raise InputError(problems)
        present = [c for c in categories if c in table.columns]
        for row in opened.rows():
            origin_of = table_origin(table, row)
            problems += merged_numbers(table, row, present)
            f = Fields(row.cells.get, origin_of, problems)
            clients = {}
            for category in present:
                n = f.count(category, maximum=MAX_CLIENTS)
                clients[category] = n or 0
            site = _site(f, clients, rules, warnings)
            if site and ids.add(site.id, origin_of("id"), problems):
                sites.append(site)
    if problems:
        raise InputError(problems)
    return Populations(region, sites, kind_warnings(warnings, rules))


def iter_sites_csv(
    opened: OpenTable, rules: Rules, unlisted: dict[str, list[str]]
) -> Iterator[Site]:
    """The sites of a populations CSV, built for 600,000 sites, streamed; problems go to
    `opened.problems` (the caller raises them once the sites are read), site kinds the
    rules do not list to `unlisted` (see `kind_warnings`).

    Client counts are parsed once per distinct cell text (a cache, not a rule); a row
    whose id or counts do not pass is read again through `Fields`, so its problems are
    worded exactly as everywhere else. Zero counts are left out of `clients`.
    """
    table, problems, records = opened.table, opened.problems, opened.records
    assert records is not None
    categories = list(rules.categories)
    header = populations_header_problems(table, rules)
    if header:
        opened.drain()  # rows of the wrong width are named too
        raise InputError([*header, *problems])  # the header explains the rows
    columns = table.columns
    i_id = columns.index("id")
    i_name = columns.index("name") if "name" in columns else None
    i_kind = columns.index("kind") if "kind" in columns else None
    present = [(c, columns.index(c)) for c in categories if c in columns]
    counts: dict[str, int | None] = {"": 0}  # cell text -> count, None when it is not one
    kinds: dict[str, str] = {}  # cell -> kind key ("" when the rules do not list it)
    ids = UniqueIds("site id", lambda line: Origin(table.file, table.cell(line, i_id)))
    for line, cells in records:
        site_id = cells[i_id]
        clients: dict[str, int] = {}
        ok = site_id_ok(site_id)
        for category, i in present:
            cell = cells[i]
            n = counts.get(cell, -1)
            if n == -1:
                try:
                    n = counts[cell] = parse_count(cell, MAX_CLIENTS)
                except ValueError:
                    n = counts[cell] = None
            if n is None:
                ok = False
                break
            if n:
                clients[category] = n
        if not ok:
            row = Row(line, {c: (v.strip() or None) for c, v in zip(columns, cells, strict=True)})
            f = Fields(row.cells.get, table_origin(table, row), problems)
            clients = {}
            for category, _ in present:
                count = f.count(category, maximum=MAX_CLIENTS)
                if count:
                    clients[category] = count
            site = _site(f, clients, rules, unlisted)
            if site is None:
                continue
            site_id = site.id
        else:
            site_name = cells[i_name].strip() if i_name is not None else ""
            kind = cells[i_kind].strip() if i_kind is not None else ""
            if kind:
                known = kinds.get(kind)
                if known is None:
                    known = kinds[kind] = site_kind(kind, rules) or ""
                if not known:
                    if rules.own_site_kinds:  # the ordinary reader words the problem
                        _site(_row_fields(table, columns, line, cells, problems), {}, rules, {})
                        continue
                    if rules.site_kinds:
                        note_unlisted(unlisted, kind, site_id)
                kind = known or kind
            site = Site(site_id, site_name or None, kind or None, clients)
        if ids.add(site_id, line, problems):
            yield site


def _row_fields(
    table: Table, columns: list[str], line: int, cells: list[str], problems: list[Problem]
) -> Fields:
    row = Row(line, {c: (v.strip() or None) for c, v in zip(columns, cells, strict=True)})
    return Fields(row.cells.get, table_origin(table, row), problems)


def _site(
    f: Fields, clients: dict[str, int], rules: Rules, unlisted: dict[str, list[str]]
) -> Site | None:
    ident = f.site_id("id", required=True)
    name = f.text("name")
    written = f.text("kind")
    kind = site_kind(written, rules)
    if written is not None and kind is None:
        if rules.own_site_kinds:
            f.fail("kind", rules.unknown_word("site_kind", written))
            return None
        kind = written  # free text, as in version 1; warned about below
        if ident is not None and rules.site_kinds:
            note_unlisted(unlisted, written, ident)
    if ident is None:
        return None
    return Site(ident, name, kind, clients)


def note_unlisted(unlisted: dict[str, list[str]], kind: str, site_id: str, shown: int = 5) -> None:
    """Count a site of an unlisted kind: the list is the count, then the first few ids."""
    entry = unlisted.get(kind)
    if entry is None:
        unlisted[kind] = ["1", site_id]
        return
    entry[0] = str(int(entry[0]) + 1)
    if len(entry) <= shown:
        entry.append(site_id)


def site_kind(written: str | None, rules: Rules) -> str | None:
    """The site kind key a populations cell names (key, label or alias), or None."""
    return rules.word("site_kind", written) if written else None


def kind_warnings(unlisted: dict[str, list[str]], rules: Rules, shown: int = 5) -> list[str]:
    """One warning per site kind the rules do not list, naming the nearest listed kind."""
    out = []
    for kind, (count, *ids) in unlisted.items():
        close = rules.suggest("site_kind", kind)
        nearest = rules.word("site_kind", close) if close is not None else None
        more = int(count) - len(ids)
        sites = ", ".join(ids) + (f" and {more} more" if more > 0 else "")
        hint = (
            f"nearest listed kind: {nearest!r}" + (f" ({close})" if close != nearest else "")
            if nearest is not None
            else "listed kinds: " + ", ".join(rules.site_kinds)
        )
        out.append(
            f"site kind {kind!r} (site {sites}) is not listed in the rules' site_kinds, so no "
            f"minimum applies to it; {hint}"
        )
    return out
