"""The workers of a roster, whatever its format or size: one reader, each rule once.

Every row of a roster — a YAML entry, a CSV record, a workbook row — becomes a
`RosterRow` here and nowhere else. `WorkerRules` holds every per-row rule
(vocabulary and aliases, blank cells, dates, ids, sites, "not both" and "needs
one"), each a function of a few cells; `RosterRows` applies them to each row and
collects the problems at their cells. The rules are pure functions of the cells'
text, so their answers are kept per distinct text: a national roster of 1.5 million
rows has a few thousand distinct profiles, and is checked by the same rules as a
county's ten rows, without a second implementation. Iterating is streaming: a CSV is
read a block at a time and no row is kept; a command that needs every worker holds
them itself (`load_roster`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import replace
from operator import itemgetter
from typing import Any

from ..errors import InputError, Problem
from ..identity import is_id_number, parse_id_number, shown_id
from ..messages import msg
from ..model import ExamPass, Origin, RosterRow, Worker
from ..rules import Rules
from ..values import IDENT_RE, reason, site_id_ok
from . import notes
from .fields import (
    Fields,
    MonthDates,
    UniqueIds,
    merged_numbers,
    unknown_keys,
    yaml_origin,
    yaml_records,
)
from .headers import ID_NUMBER, ROSTER_COLUMNS, roster_header_problems, table_fits
from .notes import Warned
from .passes import exam_pass
from .source import OpenTable, open_table
from .table import Table
from .text import file_format
from .totals import roster_total
from .worker_rules import (
    _AREA,
    _EDUCATION,
    _EMPLOYMENT,
    _HIRED,
    _ID,
    _NAME,
    _NOT_COUNTED,
    _PERFORMANCE,
    _POST,
    _SITE,
    _TITLE,
    _TITLE_SINCE,
    _YEARS,
    NOT_SCALAR,
    Bad,
    WorkerRules,
)
from .yamldoc import Document, format_path, load_yaml

# --------------------------------------------------------------------------- the rows


class RosterRows:
    """The rows of one roster file, any format, as `RosterRow`s, read as they are asked for.

    `problems` collects every problem (each at its cell) while the rows are read;
    `finish()` raises them together, or adds the reader's notes when there are none.
    `ids` maps every readable worker id to the row it first appears on (for the
    duplicate-id rule and for telling which ids the roster has).

    `site_areas` (site id or name -> area, from the populations) gives a row with no
    area its site's; with `need_area` (the rules pay by area: `pay` and `budget`) a row
    left without one is a problem.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        rules: Rules,
        *,
        judged: dt.date | None = None,
        year: int | None = None,
        source: Document | OpenTable | None = None,
        option: str | None = None,
        site_areas: dict[str, str] | None = None,
        need_area: bool = False,
    ) -> None:
        self.path = path
        self.rules = rules
        self.yaml = file_format(path) == "yaml"
        self.check = WorkerRules(
            rules,
            judged,
            year=year,
            table=not self.yaml,
            option=option,
            site_areas=site_areas,
            need_area=need_area,
        )
        self.problems: list[Problem] = []
        self.disagree: list[str] = []  # where (the hired cell) a table's two values disagree
        self.months: list[int] = []  # rows whose hired cell is a month without a day
        self.exam_months = MonthDates(str(path))  # a YAML roster's own passes, likewise
        # identity number -> worker id, of a roster with both a 工号 and a 身份证号 column
        self.id_numbers: dict[str, str] = {}
        self.doc: Document | None = None
        self.table: Table | None = None
        if self.yaml:
            self.doc = source if isinstance(source, Document) else load_yaml(path)
            self.file = self.doc.file
            self._records = yaml_records(self.doc, "workers", "roster")
            self.problems += unknown_keys(self.doc.data, ["workers"], self.doc, ())
        else:
            opened = (
                source
                if isinstance(source, OpenTable)
                else open_table(path, table_fits("roster", rules))
            )
            self.opened = opened
            self.table = opened.table
            self.file = opened.table.file
            self.problems = opened.problems
            header = roster_header_problems(opened.table, rules)
            if header:  # rows cannot be read without their columns
                opened.drain()  # rows of the wrong width are named too
                raise InputError([*header, *self.problems])  # the header explains the rows
            self.check.id_numbers = opened.table.id_numbers
        self.ids = UniqueIds("worker id", self._origin_of_id)
        self.ids.show = shown_id
        self.count = 0

    # ------------------------------------------------------------------ places

    def origin(self, number: int, key: str = "id") -> Origin:
        """Where the cell `key` of row `number` is."""
        if self.doc is not None:
            path = ("workers", number)
            where = self.doc.where((*path, key) if key else path)
            return Origin(self.file, where, format_path(path), "roster")
        assert self.table is not None
        table = self.table
        index = table.columns.index(key) if key in table.columns else 0
        return Origin(self.file, table.cell(number, index), "", "roster", table.headers)

    def _origin_of_id(self, number: int) -> Origin:
        return self.origin(number, "id")

    # ------------------------------------------------------------------ reading

    def __iter__(self) -> Iterator[RosterRow]:
        """Every good row, in file order; the problems of the others go to `problems`."""
        return self._yaml_rows() if self.yaml else self._table_rows()

    def _table_rows(self) -> Iterator[RosterRow]:
        """The rows of a CSV or a sheet. A row whose cells each of `WorkerRules` has
        already judged good (the usual row of a national roster) takes a few look-ups;
        any other is read by `WorkerRules.read`, which judges and words its problems."""
        assert self.table is not None
        table, opened = self.table, self.opened
        col = {c: i for i, c in enumerate(table.columns)}
        width = len(table.columns)  # an absent column reads as an empty cell past the end
        picks = [col.get(c, width) for c in ROSTER_COLUMNS]
        i_id, i_name, i_site = picks[_ID], picks[_NAME], picks[_SITE]
        i_edu, i_title, i_perf, i_post, i_emp = (
            picks[_EDUCATION],
            picks[_TITLE],
            picks[_PERFORMANCE],
            picks[_POST],
            picks[_EMPLOYMENT],
        )
        i_hired, i_years, i_nc = picks[_HIRED], picks[_YEARS], picks[_NOT_COUNTED]
        i_area, i_since = picks[_AREA], picks[_TITLE_SINCE]
        check = self.check
        site_areas = check.site_areas if check.areas else None
        # the cells each group of rules is judged on, taken at once; an area or a
        # title_since column only where the roster has one (or the sites give areas)
        facts_at = [i_edu, i_title, i_perf, i_post, i_emp]
        if i_area != width or site_areas is not None:
            facts_at.append(i_area)
        service_at = [i_hired, i_years, i_nc, *([i_since] if i_since != width else [])]
        facts_cells, service_cells = itemgetter(*facts_at), itemgetter(*service_at)
        records: Iterator[tuple[int, list[Any]]]
        if opened.records is not None:  # CSV: raw records, read lazily
            records = opened.records
        else:
            records = self._sheet_records(table, opened)
        # typed loosely: a value is good unless it is a `Bad` (checked by type, for speed)
        facts_of: dict[Any, Any] = check._facts
        service_of: dict[Any, Any] = check._service
        ident_ok: Any = is_id_number if table.id_numbers else IDENT_RE.match
        site_ok, first, bad = site_id_ok, self.ids.first, Bad
        months = check.months  # the hired texts that are a month without a day
        i_number = col.get(ID_NUMBER)
        pad = width in picks
        for number, cells in records:
            if pad:
                cells.append("")
            ident = cells[i_id]
            site = cells[i_site]
            fkey = facts_cells(cells)
            if site_areas is not None and not fkey[5]:  # the site's area, if it has one
                fkey = (*fkey[:5], site_areas.get(site, ""))
            facts: Any = facts_of.get(fkey) or check.facts(*fkey)
            skey = service_cells(cells)
            service: Any = service_of.get(skey) or check.service(*skey)
            if months and cells[i_hired] in months:
                self.months.append(number)
            if i_number is not None and not self._id_number(number, cells[i_number], ident):
                continue
            if (
                not ident_ok(ident)
                or type(facts) is bad
                or type(service) is bad
                or not site_ok(site)
            ):
                row = tuple(cells[i] for i in picks)
                yield from self._row(number, *check.read(row))
                continue
            if ident in first:
                self.problems.append(self.ids.duplicate(ident, number))
                continue
            first[ident] = number
            if service.disagrees:
                self.disagree.append(self.origin(number, "hired").where)
            self.count += 1
            name = cells[i_name].strip() or None
            yield RosterRow(number, ident, name, site, facts, service)

    def _id_number(self, number: int, cell: str, ident: str) -> bool:
        """Keep a row's identity number (a roster keyed by 工号 that has 身份证号 too), by
        which passes and ledger rows may name the worker; False (a problem) when it is
        not a valid identity number."""
        if not cell or not cell.strip():
            return True
        try:
            self.id_numbers.setdefault(parse_id_number(cell), ident.strip())
        except ValueError as exc:
            self.problems.append(self.origin(number, ID_NUMBER).problem(reason(exc), ID_NUMBER))
            return False
        return True

    def _sheet_records(self, table: Table, opened: OpenTable) -> Iterator[tuple[int, list[Any]]]:
        columns = table.columns
        for row in opened.rows():
            self.problems += merged_numbers(table, row, ["years_of_service"])
            yield row.number, [row.cells.get(c) or "" for c in columns]

    def _row(
        self,
        number: int,
        ident: str | None,
        name: Any,
        site: Any,
        facts: Any,
        service: Any,
        found: Any,
        exams: tuple[ExamPass, ...] = (),
    ) -> Iterator[RosterRow]:
        if found:
            for _, key, message in found:
                self.problems.append(self.origin(number, key).problem(message, key))
            if ident is not None:
                self.ids.add(ident, number, self.problems)
            return
        assert ident is not None
        if not self.ids.add(ident, number, self.problems):
            return
        if service.disagrees:
            self.disagree.append(self.origin(number, "hired").where)
        self.count += 1
        yield RosterRow(number, ident, name, site, facts, service, exams)

    def _yaml_rows(self) -> Iterator[RosterRow]:
        assert self.doc is not None
        read = self.check.read
        for path, item in self._records:
            number = path[1]
            assert isinstance(number, int)
            self.problems += unknown_keys(item, [*ROSTER_COLUMNS, "exams"], self.doc, path)
            cells = tuple(_yaml_cell(item.get(c)) for c in ROSTER_COLUMNS)
            ident, name, site, facts, service, found = read(cells)
            if self.check.months and cells[_HIRED] in self.check.months:
                self.months.append(number)
            exams = self._exams(path, item.get("exams"), ident if not found else None)
            yield from self._row(number, ident, name, site, facts, service, found, exams)

    def _exams(
        self, path: tuple[str | int, ...], exams: Any, worker_id: str | None
    ) -> tuple[ExamPass, ...]:
        """The passes listed under a YAML worker, checked even when the worker has problems."""
        if exams is None:
            return ()
        assert self.doc is not None
        doc = self.doc
        if not isinstance(exams, list):
            origin = yaml_origin(doc, path, "roster")("exams")
            self.problems.append(origin.problem(msg("file.exams_not_list"), "exams"))
            return ()
        passes = []
        for j, entry in enumerate(exams):
            epath = (*path, "exams", j)
            if not isinstance(entry, dict):
                self.problems.append(doc.problem(epath, msg("file.exam_not_mapping")))
                continue
            self.problems += unknown_keys(entry, ["exam", "passed_on"], doc, epath)
            origin_of = yaml_origin(doc, epath, "roster")
            fields = Fields(entry.get, origin_of, self.problems, self.exam_months)
            found = exam_pass(fields, worker_id, self.rules, origin_of(""))
            if found:
                passes.append(found)
        return tuple(passes)

    # ------------------------------------------------------------------ the end

    def finish(self) -> None:
        """Raise every problem found; else note what the reader noticed."""
        if self.table is not None and not self.problems:
            self._check_total()
        if self.problems:
            raise InputError(self.problems)
        notes.add(self.disagreement_note())
        notes.add(self.exam_months.note())
        if self.months:
            places = [self.origin(n, "hired").where for n in self.months[:5]]
            shown = ", ".join(places) + (", ..." if len(self.months) > 5 else "")
            notes.add([msg("bureau.month_dates", file=self.file, n=len(self.months), cells=shown)])

    def _check_total(self) -> None:
        """The roster's own totals row, when it counts the workers (合计 15人): the count
        must be the number of workers read (`--no-totals-check`: a warning)."""
        assert self.table is not None
        found = roster_total(self.table)
        if found is None or found[1] == self.count:
            return
        index, said = found
        number = self.table.totals[0] if self.table.totals else 0
        column = self.table.columns[index]
        message = msg("bureau.roster_total", said=said, read=self.count)
        origin = Origin(self.file, self.table.cell(number, index), "", "roster", self.table.headers)
        problem = origin.problem(message, column)
        if notes.totals_checked():
            self.problems.append(problem)
        else:
            notes.warn(Warned(problem))

    def disagreement_note(self) -> list[Any]:
        """The note naming the rows whose `hired` and `years_of_service` disagree."""
        places = list(dict.fromkeys(self.disagree))
        if not places:
            return []
        more = len(places) - 10
        return [
            msg(
                "file.disagree",
                file=self.file,
                day=self.check.count_at.isoformat(),
                cells=", ".join(places[:10]),
                more=msg("file.and_more_places", n=more) if more > 0 else "",
            )
        ]

    def worker(self, row: RosterRow) -> Worker:
        """The `Worker` record of a row (with where it came from, and where each of its
        cells is, so that a later message points at the cell it is about)."""
        origin = self.origin(row.number)
        wheres = {k: self.origin(row.number, k).where for k in self._fields()}
        return row.worker(replace(origin, wheres=wheres))

    def _fields(self) -> tuple[str, ...]:
        if self.table is None:
            return ROSTER_COLUMNS
        return tuple(c for c in ROSTER_COLUMNS if c in self.table.columns)


def _yaml_cell(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return NOT_SCALAR


def load_roster(
    path: str | os.PathLike[str],
    rules: Rules,
    *,
    as_of: dt.date | None = None,
    year: int | None = None,
    source: Document | OpenTable | None = None,
) -> list[Worker]:
    """The workers of a roster; with `as_of`, a `hired` after it is an error at its cell
    (with `year`, a `hired` after that year)."""
    rows = RosterRows(path, rules, judged=as_of, year=year, source=source)
    workers = [rows.worker(row) for row in rows]
    rows.finish()
    return workers


def id_number_map(path: str | os.PathLike[str], rules: Rules) -> dict[str, str]:
    """Identity number -> worker id, of a roster keyed by 工号 that has a 身份证号 column
    too (a pass or ledger row may name a worker by either); empty for any other roster.
    Only such a roster is read for it, and its problems are left to the reader that
    reads it for the command."""
    if file_format(path) == "yaml":
        return {}
    try:
        rows = RosterRows(path, rules)
    except InputError:
        return {}
    assert rows.table is not None
    if ID_NUMBER not in rows.table.columns:
        return {}
    for _ in rows:
        pass
    return rows.id_numbers


def by_worker_id(
    passes: list[ExamPass], ledger: list[Any], numbers: dict[str, str]
) -> tuple[list[ExamPass], list[Any]]:
    """Passes and ledger rows that name a worker by identity number, renamed to the
    worker's id on a roster keyed by 工号 (`id_number_map`)."""
    if not numbers:
        return passes, ledger
    moved = [replace(p, worker_id=numbers.get(p.worker_id, p.worker_id)) for p in passes]
    paid = [replace(r, worker_id=numbers.get(r.worker_id, r.worker_id)) for r in ledger]
    return moved, paid
