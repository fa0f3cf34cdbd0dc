"""The sites of a populations file, whatever its format or size: one reader, each rule once.

Every row of a populations file — a YAML entry, a CSV record, a workbook row — becomes a
`Site` here. `SiteRules` holds the rules of a row (the site id, its kind, each
category's count); counts and kinds are judged once per distinct text, so 600,000
sites read as fast as the cells can be split. A CSV is read a block at a time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from ..bulk import building
from ..errors import InputError, Problem
from ..messages import L, Quoted, Text, Words, msg
from ..model import Origin, Populations, Site
from ..rules import Rules
from ..values import is_placeholder, parse_count, parse_site_id, reason, site_id_ok
from . import notes
from .fields import UniqueIds, merged_numbers, unknown_keys, yaml_records
from .headers import (
    GROWTH,
    MAX_CLIENTS,
    PLAN_SITE_COLUMNS,
    SITE_COLUMNS,
    ignored_headers,
    populations_header_problems,
    table_fits,
)
from .notes import Warned
from .site_plan import SitePlanRules
from .source import OpenTable, open_table
from .table import Table
from .text import file_format
from .totals import NumberColumns, SheetTotals
from .yamldoc import Document, format_path, load_yaml

if TYPE_CHECKING:
    from .columnar import SiteColumns

_SINGLE = msg("file.single")
_ALIASES = re.compile(r"[、,，;；]")


class SiteCells(NamedTuple):
    """A populations row's cells that make its site, as read: each judged by `SiteRules`."""

    id: Any
    name: Any = None
    kind: Any = None
    aliases: Any = None
    area: Any = None


class SiteRules:
    """Every rule of a populations row, each judged once per distinct text."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self._counts: dict[str, int | Text] = {}  # cell -> count, or what is wrong with it
        self._kinds: dict[str, tuple[str | None, Text | None]] = {}  # cell -> (kind, problem)
        self._areas: dict[str, tuple[str | None, Text | None]] = {}  # cell -> (area, problem)
        self.plan = SitePlanRules()  # residents, posts cap, opening years, own growth

    @staticmethod
    def ident(cell: Any) -> tuple[str | None, Text | None]:
        """(site id, problem)."""
        if isinstance(cell, str) and site_id_ok(cell):
            return cell, None
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            return None, msg("file.missing")
        if not isinstance(cell, str):
            return None, _SINGLE
        try:
            return parse_site_id(cell), None
        except ValueError as exc:
            return None, reason(exc)

    @staticmethod
    def name(cell: Any) -> tuple[str | None, Text | None]:
        if cell is None or isinstance(cell, str):
            return (cell.strip() or None if cell else None), None
        return None, _SINGLE

    @staticmethod
    def aliases(cell: Any) -> tuple[tuple[str, ...], Text | None]:
        """A site's other names: a list (YAML), or one cell of names separated by 、 or ,."""
        if cell is None:
            return (), None
        items = _ALIASES.split(cell) if isinstance(cell, str) else cell
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            return (), _SINGLE
        return tuple(i.strip() for i in items if i.strip()), None

    def count(self, cell: Any) -> int | Text:
        """A category's clients (empty, or a mark for none such as —: 0), or what is
        wrong with the cell."""
        if not isinstance(cell, str):
            return 0 if cell is None else _SINGLE
        found = self._counts.get(cell)
        if found is None:
            text = cell.strip()
            try:
                found = parse_count(text, MAX_CLIENTS) if text and not is_placeholder(text) else 0
            except ValueError as exc:
                found = reason(exc)
            self._counts[cell] = found
        return found

    def kind(self, cell: Any) -> tuple[str | None, Text | None]:
        """(kind, problem): the key of a listed kind (key, label or alias), else the text
        as written (a free kind, as in version 1), or a problem when the rules list their
        own kinds."""
        if cell is None:
            return None, None
        if not isinstance(cell, str):
            return None, _SINGLE
        found = self._kinds.get(cell)
        if found is None:
            text = cell.strip() or None
            key = self.rules.word("site_kind", text) if text else None
            if text is not None and key is None and self.rules.own_site_kinds:
                found = (None, self.rules.not_a_word("site_kind", text))
            else:
                found = (key or text, None)
            self._kinds[cell] = found
        return found

    def area(self, cell: Any) -> tuple[str | None, Text | None]:
        """(area, problem): the key of the area a cell names (rules without areas read
        none)."""
        if cell is None or not self.rules.areas:
            return None, None
        if not isinstance(cell, str):
            return None, _SINGLE
        found = self._areas.get(cell)
        if found is None:
            text = cell.strip() or None
            key = self.rules.word("area", text) if text else None
            if text is not None and key is None:
                found = (None, self.rules.unknown_word("area", text))
            else:
                found = (key, None)
            self._areas[cell] = found
        return found

    def listed(self, kind: str | None) -> bool:
        """Whether a site's kind is one the rules list (or needs no listing)."""
        return kind is None or not self.rules.site_kinds or kind in self.rules.site_kinds


class SiteRows:
    """The sites of one populations file, any format, read as they are asked for.

    `problems` collects every problem (each at its cell); `finish()` raises them
    together, or adds the reader's notes. `unlisted` counts the sites of kinds the
    rules do not list (see `kind_warnings`).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        rules: Rules,
        source: Document | OpenTable | None = None,
    ) -> None:
        self.rules = rules
        self.path = path
        self.check = SiteRules(rules)
        self.region: str | None = None
        self.problems: list[Problem] = []
        self.unlisted: dict[str, list[str]] = {}  # kind -> [count, first ids]
        self.totals = SheetTotals(rules, keep=False)  # the clients read, per category
        self.doc: Document | None = None
        self.table: Table | None = None
        self.ids = UniqueIds("site id", self._origin_of_id)
        self.warnings: list[Any] = []
        self.numbers: NumberColumns | None = None
        if file_format(path) == "yaml":
            self.doc = source if isinstance(source, Document) else load_yaml(path)
            self.file = self.doc.file
            self._records = yaml_records(self.doc, "sites", "populations")
            self.problems += unknown_keys(self.doc.data, ["region", "sites"], self.doc, ())
            data = self.doc.data
            if isinstance(data, dict) and isinstance(data.get("region"), str):
                self.region = data["region"]
            return
        opened = (
            source
            if isinstance(source, OpenTable)
            else open_table(path, table_fits("populations", rules))
        )
        self.opened, self.table, self.file = opened, opened.table, opened.table.file
        self.problems = opened.problems
        header = populations_header_problems(opened.table, rules)
        if header:
            opened.drain()  # rows of the wrong width are named too
            raise InputError([*header, *self.problems])  # the header explains the rows
        ignore = ignored_headers("populations", rules)
        self.numbers = NumberColumns(opened.table, rules, ignore)
        self.totals = SheetTotals(rules, keep=opened.records is None)

    # ------------------------------------------------------------------ places

    def origin(self, number: int, key: str = "id") -> Origin:
        if self.doc is not None:
            path = ("sites", number)
            where = self.doc.where((*path, key) if key else path)
            return Origin(self.file, where, format_path(path), "populations")
        assert self.table is not None
        table = self.table
        index = table.columns.index(key) if key in table.columns else 0
        return Origin(self.file, table.cell(number, index), "", "populations", table.headers)

    def _origin_of_id(self, number: int) -> Origin:
        return self.origin(number, "id")

    def fail(self, number: int, key: str, message: Text) -> None:
        self.problems.append(self.origin(number, key).problem(message, key))

    # ------------------------------------------------------------------ reading

    def __iter__(self) -> Iterator[Site]:
        return self._yaml_sites() if self.doc is not None else self._table_sites()

    def _table_sites(self) -> Iterator[Site]:
        assert self.table is not None
        table, opened = self.table, self.opened
        columns = table.columns
        col = {c: i for i, c in enumerate(columns)}
        present = [(c, col[c]) for c in self.rules.categories if c in col]
        i_name, i_kind, i_aliases = col.get("name"), col.get("kind"), col.get("aliases")
        i_id = col.get("id", i_name)  # no id column: each site's name is its id
        assert i_id is not None
        i_area = col.get("area")
        # what a plan reads, when the file has it: (column, index)
        extra = [(c, col[c]) for c in (*PLAN_SITE_COLUMNS, *self._growth_columns()) if c in col]
        records: Any = opened.records
        if records is None:  # a workbook: its rows, cells by column
            records = self._sheet_records(table, opened, [c for c, _ in present])
        numbers = self.numbers.add if self.numbers is not None and self.numbers.open else None
        for number, cells in records:
            if numbers is not None:
                numbers(cells)
            clients: dict[str, int] = {}
            bad = False
            for category, i in present:
                n = self.check.count(cells[i])
                if type(n) is not int:
                    self.fail(number, category, n)  # type: ignore[arg-type]
                    bad = True
                elif n:
                    clients[category] = n
            planned = None
            if extra:
                planned, wrong = self.check.plan.of_cells([(c, cells[i]) for c, i in extra])
                for column, problem in wrong:
                    self.fail(number, column, problem)
                    bad = True
            site_cells = SiteCells(
                cells[i_id],
                cells[i_name] if i_name is not None else None,
                cells[i_kind] if i_kind is not None else None,
                cells[i_aliases] if i_aliases is not None else None,
                cells[i_area] if i_area is not None else None,
            )
            site = self._site(number, site_cells, clients, bad, planned=planned)
            if site is not None:
                yield site

    def _growth_columns(self) -> list[str]:
        return [GROWTH + c for c in self.rules.categories]

    def _sheet_records(
        self, table: Table, opened: OpenTable, numbers: list[str]
    ) -> Iterator[tuple[int, list[Any]]]:
        columns = table.columns
        for row in opened.rows():
            self.problems += merged_numbers(table, row, numbers)
            yield row.number, [row.cells.get(c) for c in columns]

    def _site(
        self,
        number: int,
        cells: SiteCells,
        clients: dict[str, int],
        bad: bool,
        *,
        planned: dict[str, Any] | None = None,
    ) -> Site | None:
        """A site from its cells, or None (its problems noted); its id counts for the
        duplicate-id rule whenever it is readable. `planned`: what a plan reads of it."""
        ident, problem = self.check.ident(cells.id)
        if problem is not None:
            self.fail(number, "id" if self._has_ids() else "name", problem)
        name, problem = self.check.name(cells.name)
        if problem is not None:
            self.fail(number, "name", problem)
            bad = True
        aliases, problem = self.check.aliases(cells.aliases)
        if problem is not None:
            self.fail(number, "aliases", problem)
            bad = True
        kind, problem = self.check.kind(cells.kind)
        if problem is not None:
            self.fail(number, "kind", problem)
            return None
        area, problem = self.check.area(cells.area)
        if problem is not None:
            self.fail(number, "area", problem)
            bad = True
        if ident is None:
            return None
        if not self.check.listed(kind) and kind is not None:
            note_unlisted(self.unlisted, kind, ident)
        if not self.ids.add(ident, number, self.problems) or bad:
            return None
        self.totals.add(number, name, clients)
        return Site(ident, name, kind, clients, aliases, area, **(planned or {}))

    def _has_ids(self) -> bool:
        return self.table is None or "id" in self.table.columns

    def _yaml_sites(self) -> Iterator[Site]:
        assert self.doc is not None
        doc = self.doc
        for path, item in self._records:
            number = path[1]
            assert isinstance(number, int)
            self.problems += unknown_keys(item, [*SITE_COLUMNS, "clients", "growth"], doc, path)
            clients, bad = self._yaml_clients(path, item.get("clients") or {})
            planned, wrong = self._yaml_plan(path, item)
            site_cells = SiteCells(
                item.get("id"),
                item.get("name"),
                item.get("kind"),
                item.get("aliases"),
                item.get("area"),
            )
            site = self._site(number, site_cells, clients, bad or wrong, planned=planned)
            if site is not None:
                yield site

    def _yaml_clients(self, path: tuple[str | int, ...], data: Any) -> tuple[dict[str, int], bool]:
        """A YAML site's `clients: {category: count}`, each category by key, label or alias."""
        assert self.doc is not None
        doc, rules = self.doc, self.rules
        number = path[1]
        assert isinstance(number, int)
        if not isinstance(data, dict):
            self.fail(number, "clients", msg("file.clients_not_mapping"))
            return {}, True
        clients: dict[str, int] = {}
        bad = False
        for written, cell in data.items():
            where = (*path, "clients", written)
            category = rules.word("category", written) if isinstance(written, str) else None
            if category is None:
                message = msg(
                    "file.unknown_category", why=rules.not_a_word("category", str(written))
                )
                self.problems.append(doc.problem(where, message, key=True))
                bad = True
                continue
            if category in clients:
                message = msg("file.category_twice", category=category)
                self.problems.append(doc.problem(where, message, key=True))
                bad = True
                continue
            n = self.check.count(cell)
            if not isinstance(n, int):
                origin = Origin(self.file, doc.where(where), format_path(where), "populations")
                self.problems.append(origin.problem(n))
                bad = True
                continue
            clients[category] = n
        return clients, bad

    def _yaml_plan(
        self, path: tuple[str | int, ...], item: dict[str, Any]
    ) -> tuple[dict[str, Any] | None, bool]:
        """What a plan reads of a YAML site: residents, posts_cap, opens, closes and
        `growth: {category: rate}` (each category by key, label or alias)."""
        cells: list[tuple[str, Any]] = [(c, item[c]) for c in PLAN_SITE_COLUMNS if c in item]
        written: dict[str, Any] = {}  # growth column -> the category as written
        bad = False
        growth = item.get("growth")
        if growth is not None and not isinstance(growth, dict):
            self._yaml_problem((*path, "growth"), msg("plan.growth_mapping"))
            return None, True
        for name, cell in (growth or {}).items():
            category = self.rules.word("category", name) if isinstance(name, str) else None
            if category is None:
                problem = self.rules.not_a_word("category", str(name))
                message = msg("plan.unknown_growth_category", problem=problem)
                self._yaml_problem((*path, "growth", name), message, key=True)
                bad = True
                continue
            written[GROWTH + category] = name
            cells.append((GROWTH + category, cell))
        if not cells:
            return None, bad
        planned, wrong = self.check.plan.of_cells(cells)
        for column, what in wrong:
            if column in written:
                self._yaml_problem((*path, "growth", written[column]), what)
            else:
                self._yaml_problem((*path, column), what)
        return planned, bad or bool(wrong)

    def _yaml_problem(self, where: tuple[Any, ...], message: Text, *, key: bool = False) -> None:
        assert self.doc is not None
        at = self.doc.where(where, key=key)
        self.problems.append(
            Origin(self.file, at, format_path(where), "populations").problem(message)
        )

    # ------------------------------------------------------------------ the end

    def finish(self) -> None:
        """Raise every problem found; a table's columns of numbers that no category reads
        and the sheet's own totals that the clients read do not match are problems too
        (with `--no-totals-check` the totals are warnings)."""
        if self.table is not None and self.numbers is not None:
            self.problems += self.numbers.problems()
            if not self.problems:
                mismatches = self.totals.mismatches(self.table)
                if notes.totals_checked():
                    self.problems += mismatches
                else:
                    self.warnings += [Warned(p) for p in mismatches]
        if self.problems:
            raise InputError(self.problems)

    def columns(self) -> SiteColumns | None:
        """The sites in columns where the file allows (`swplan.io.columnar`), or None."""
        from .columnar import read_site_columns  # the engine only for a big file

        return read_site_columns(self) if self.table is not None else None

    def populations(self) -> Populations:
        """Every site, held (the region of a YAML file, the unlisted kinds warned about)."""
        with building():  # 600,000 sites, none referring to another
            found = self.columns()
            sites = found.sites() if found is not None else list(self)
        self.finish()
        warnings = [*kind_warnings(self.unlisted, self.rules), *self.warnings]
        read = dict(self.totals.sums) if self.table is not None else None
        self.ids.place, self.doc, self._records = None, None, []  # no cycle: data freed now
        return Populations(self.region, sites, warnings, read)


def load_populations(
    path: str | os.PathLike[str], rules: Rules, source: Document | OpenTable | None = None
) -> Populations:
    """The sites of a populations file (`source`: the file, already opened by `check`)."""
    return SiteRows(path, rules, source).populations()


def note_unlisted(unlisted: dict[str, list[str]], kind: str, site_id: str, shown: int = 5) -> None:
    """Count a site of an unlisted kind: the list is the count, then the first few ids."""
    entry = unlisted.get(kind)
    if entry is None:
        unlisted[kind] = ["1", site_id]
        return
    entry[0] = str(int(entry[0]) + 1)
    if len(entry) <= shown:
        entry.append(site_id)


def kind_warnings(unlisted: dict[str, list[str]], rules: Rules, shown: int = 5) -> list[Any]:
    """One warning per site kind the rules do not list, naming the nearest listed kind."""
    out: list[Any] = []
    for kind, (count, *ids) in unlisted.items():
        close = rules.suggest("site_kind", kind)
        nearest = rules.word("site_kind", close) if close is not None else None
        more = int(count) - len(ids)
        hint: Any
        if nearest is not None:
            named = msg("file.kind_named", name=close) if close != nearest else ""
            label = Quoted(nearest, rules.label_of("site_kind", nearest, "zh"))
            hint = msg("file.nearest_kind", kind=label, named=named)
        else:
            kinds = [L(k, rules.label_of("site_kind", k, "zh")) for k in rules.site_kinds]
            hint = msg("file.listed_kinds", kinds=Words(kinds))
        out.append(
            msg(
                "file.kind_unlisted",
                kind=kind,
                sites=Words(ids),
                more=msg("file.more_sites", n=more) if more > 0 else "",
                hint=hint,
            )
        )
    return out


__all__ = ["SiteRows", "SiteRules", "kind_warnings", "load_populations", "notes"]
