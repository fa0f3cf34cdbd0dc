"""Populations, rosters, exam passes and the awards ledger: loading and validation.

Each loader reads YAML, CSV or Excel through `loading`, checks every record against
the rules, and returns plain records, or raises one `InputError` with every problem.
Records are small slotted dataclasses; the computations in `staffing`, `pay`,
`awards` and `budget` take them and nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from ..errors import InputError, Problem, one_of
from ..model import ExamPass, LedgerRow, Origin, Populations, Site, Worker
from ..rules import TABLE_COLUMNS, Rules
from ..values import (
    IDENT_RE,
    parse_amount,
    parse_cell_date,
    parse_count,
    parse_ident,
    parse_site_id,
    site_id_ok,
)
from .loading import (
    Document,
    OpenTable,
    Row,
    Table,
    file_format,
    format_path,
    header_key,
    load_yaml,
    open_table,
    split_sheet,
)

T = TypeVar("T")

MAX_CLIENTS = 10_000_000

# The columns of each table kind are named once, in the rules model (`columns:` checks them).
SITE_COLUMNS = TABLE_COLUMNS["populations"]
ROSTER_REQUIRED = ("id", "site", "education", "title")
ROSTER_COLUMNS = TABLE_COLUMNS["roster"]
PASS_COLUMNS = TABLE_COLUMNS["passes"]
LEDGER_COLUMNS = TABLE_COLUMNS["ledger"]

# Built-in headers a bureau's own tables use, per file kind: header -> swplan column.
ROSTER_HEADERS = {
    **dict.fromkeys(("工号", "编号", "人员编号"), "id"),
    "姓名": "name",
    **dict.fromkeys(("站点", "所在站点", "服务站点", "所在单位"), "site"),
    **dict.fromkeys(("学历", "最高学历"), "education"),
    **dict.fromkeys(("职称", "职业资格", "社工证"), "title"),
    **dict.fromkeys(("岗位", "职务"), "post"),
    **dict.fromkeys(("入职日期", "入职时间", "参加工作时间"), "hired"),
    "工龄": "years_of_service",
    **dict.fromkeys(("考核等次", "年度考核", "考核结果"), "performance"),
    **dict.fromkeys(("用工性质", "人员类别"), "employment"),
    "不计工龄年数": "years_not_counted",
}
POPULATIONS_HEADERS = {
    **dict.fromkeys(("站点编号", "编号"), "id"),
    **dict.fromkeys(("站点", "站点名称", "名称"), "name"),
    **dict.fromkeys(("类型", "站点类型"), "kind"),
}
PASS_HEADERS = {
    **dict.fromkeys(("工号", "人员编号"), "worker_id"),
    **dict.fromkeys(("考试", "证书", "考试名称"), "exam"),
    **dict.fromkeys(("通过日期", "取证日期", "发证日期"), "passed_on"),
}
LEDGER_HEADERS = {**PASS_HEADERS, "金额": "amount", "发放日期": "paid_on"}


class HeaderFit:
    """Whether a row holds every required column (by key or header): the header row.

    `known(text)`: whether a cell names any column of the kind (the second row of a
    two-row header holds such names).
    """

    def __init__(self, required: Iterable[str], headers: Mapping[str, str]) -> None:
        self.need = set(required)
        self.by_text = {header_key(k): k for k in self.need}
        self.by_text.update((header_key(h), k) for h, k in headers.items() if k in self.need)
        self.names = {header_key(h) for h in headers} | {header_key(k) for k in headers.values()}

    def __call__(self, cells: Sequence[str | None]) -> bool:
        return self.need <= {self.by_text.get(header_key(c or "")) for c in cells}

    def known(self, text: str) -> bool:
        return header_key(text) in self.names


def header_fits(required: Iterable[str], headers: Mapping[str, str]) -> HeaderFit:
    """Whether a row holds every required column (by key or header): the header row."""
    return HeaderFit(required, headers)


_BUILT_IN = {
    "roster": ROSTER_HEADERS,
    "populations": POPULATIONS_HEADERS,
    "passes": PASS_HEADERS,
    "ledger": LEDGER_HEADERS,
}


def kind_headers(kind: str, rules: Rules | None = None) -> dict[str, str]:
    """Header text -> column for a file kind: the built-in headers and those the rules
    add (`columns: {roster: {title: [社工证等级]}}`); a rules header wins."""
    out = dict(_BUILT_IN[kind])
    if rules is not None:
        for column, headers in rules.columns.get(kind, {}).items():  # type: ignore[call-overload]
            if column != "ignore":
                out.update(dict.fromkeys(headers, column))
    return out


def ignored_headers(kind: str, rules: Rules | None) -> list[str]:
    """The headers the rules say are not read (`columns.<kind>.ignore`)."""
    if rules is None:
        return []
    entry: dict[str, list[str]] = rules.columns.get(kind, {})  # type: ignore[call-overload]
    return list(entry.get("ignore", []))


def table_fits(kind: str, rules: Rules | None = None) -> HeaderFit:
    """`header_fits` for a file kind: roster, populations, passes or ledger."""
    headers = kind_headers(kind, rules)
    if kind == "roster":
        headers.update((c, c) for c in ROSTER_COLUMNS)
        return header_fits(ROSTER_REQUIRED, headers)
    if kind == "populations":
        headers.update((c, c) for c in SITE_COLUMNS)
        if rules is not None:
            headers.update(populations_headers(rules))
            headers.update((c, c) for c in rules.categories)
        return header_fits(["id"], headers)
    if kind == "passes":
        return header_fits(PASS_COLUMNS, headers)
    return header_fits(LEDGER_COLUMNS, headers)


def populations_headers(rules: Rules) -> dict[str, str]:
    """The populations headers (built-in and the rules'), and each category's labels."""
    out = kind_headers("populations", rules)
    for key, word in rules.words("category").items():
        for text in (word.label.zh, word.label.en, *word.aliases):
            if text:
                out.setdefault(text, key)
    return out


def _noted(table: Table, problems: list[Problem], kind: str) -> list[Problem]:
    """Pass on the table's notes (ignored columns) once its header has been read; when
    the header is wrong for one plain cause, say that cause first."""
    from . import notes

    if kind == "populations" and not problems and table_fits("roster")(table.columns):
        return [_cause(table, "is a roster file, not a populations file; " + _ORDER)]
    if problems:
        cause = _header_cause(table, kind)
        return [cause, *problems] if cause is not None else problems
    notes.add(table.notes)
    return problems


_ORDER = (
    "check the order of the files: staff POPULATIONS --roster ROSTER, budget POPULATIONS ROSTER"
)
_KINDS = ("roster", "populations", "passes", "ledger")


def _cause(table: Table, text: str) -> Problem:
    return Problem(table.file, table.cell(table.header_row, 0), "", text)


def _header_cause(table: Table, kind: str) -> Problem | None:
    """Why a header is wrong, when it is one thing: another kind of file, or a title."""
    columns = set(table.columns)
    others = [
        k
        for k in _KINDS
        if k != kind
        and table_fits(k)(table.columns)
        # any table has an id: populations only when nothing says it is something else
        and not (k == "populations" and columns & {"site", "education", "title", "exam"})
    ]
    if others and not table_fits(kind)(table.columns):
        return _cause(table, f"is a {others[0]} file, not a {kind} file; " + _ORDER)
    filled = [c for c in table.columns if c]
    if len(filled) <= 2 and not table_fits(kind)(table.columns):
        return _cause(
            table,
            f"no header found: no row among the first 20 holds the columns a {kind} file "
            f"needs, so the first row ({', '.join(repr(c) for c in filled)}) was read as one",
        )
    return None


# --------------------------------------------------------------------------- fields


class _Fields:
    """Reads typed values out of one record, collecting problems instead of stopping.

    Every value goes through one parser (`swplan.values` or a `WorkerRules` method),
    whichever reader (YAML, CSV, Excel, streamed) the record came from.
    """

    def __init__(
        self,
        get: Callable[[str], Any],
        origin_of: Callable[[str], Origin],
        problems: list[Problem],
    ) -> None:
        self.get = get
        self.origin_of = origin_of
        self.problems = problems

    def fail(self, key: str, message: str) -> None:
        self.problems.append(self.origin_of(key).problem(message, key))

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.get(key)
        if value is None:
            if required:
                self.fail(key, "required value is missing")
            return None
        if not isinstance(value, str):
            self.fail(key, "must be a single value, not a list or mapping")
            return None
        value = value.strip()
        if not value:
            if required:
                self.fail(key, "required value is missing")
            return None
        return value

    def parsed(self, key: str, parse: Callable[[str], T], *, required: bool = False) -> T | None:
        """The value at `key` through `parse`, or None (absent, or a problem noted)."""
        value = self.text(key, required=required)
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            self.fail(key, str(exc))
            return None

    def ident(self, key: str, *, required: bool = False) -> str | None:
        return self.parsed(key, parse_ident, required=required)

    def site_id(self, key: str, *, required: bool = False) -> str | None:
        return self.parsed(key, parse_site_id, required=required)

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        return self.parsed(key, parse_cell_date, required=required)

    def count(self, key: str, *, maximum: int, required: bool = False) -> int | None:
        return self.parsed(key, lambda text: parse_count(text, maximum), required=required)

    def amount(self, key: str, *, required: bool = False) -> Decimal | None:
        return self.parsed(key, parse_amount, required=required)

    def word(
        self, key: str, rules: Rules, vocabulary: str, *, required: bool = False
    ) -> str | None:
        """The key of the vocabulary word the value names (key, label or alias).

        A blank value is the word the rules give the alias "" (national: title none).
        """
        value = self.text(key)
        if value is None:
            if self.get(key) is None or isinstance(self.get(key), str):
                blank = rules.word(vocabulary, "")
                if blank is not None:
                    return blank
            if required and not self._reported(key):
                self.fail(key, "required value is missing")
            return None
        try:
            return vocabulary_word(rules, vocabulary, value)
        except ValueError as exc:
            self.fail(key, str(exc))
            return None

    def _reported(self, key: str) -> bool:
        """Whether `text` already reported a problem with this key (a list or mapping)."""
        value = self.get(key)
        return value is not None and not isinstance(value, str)


def vocabulary_word(rules: Rules, vocabulary: str, text: str) -> str:
    """The key of the word `text` names in a vocabulary of the rules (its key, a label or
    an alias: `Rules.word`), or ValueError saying what is allowed."""
    found = rules.word(vocabulary, text)
    if found is None:
        raise ValueError(rules.unknown_word(vocabulary, text))
    return found


class UniqueIds:
    """The one duplicate-id rule: the first record of an id wins, each repeat is a problem.

    `first` maps an id to where it was first seen (an `Origin`, or a line number for
    the streamed readers, which `place` turns into an `Origin`).
    """

    def __init__(self, what: str, place: Callable[[Any], Origin] | None = None) -> None:
        self.what = what
        self.place = place
        self.first: dict[str, Any] = {}

    def add(self, ident: str, where: Any, problems: list[Problem]) -> bool:
        """Note `ident` seen at `where`; False (and a problem) when it was seen before."""
        first = self.first
        if ident in first:
            problems.append(self.duplicate(ident, where))
            return False
        first[ident] = where
        return True

    def duplicate(self, ident: str, where: Any) -> Problem:
        place = self.place or (lambda origin: origin)
        earlier, here = place(self.first[ident]), place(where)
        return here.problem(
            f"duplicate {self.what} {ident!r} (first at {earlier.file}:{earlier.where}); "
            f"{self.what}s must be unique",
            "id",
        )


def _unknown_keys(
    data: Mapping[str, Any], allowed: Iterable[str], doc: Document, path: tuple[str | int, ...]
) -> list[Problem]:
    allowed = list(allowed)
    return [
        doc.problem(
            (*path, key),
            "unknown key; "
            + one_of(key, allowed).replace(
                " is not one of: ", " is not allowed here; allowed: ", 1
            ),
            key=True,
        )
        for key in data
        if key not in allowed
    ]


def _yaml_records(
    doc: Document, top: str, kind: str
) -> list[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """The list under the top-level key `top`, each item a mapping."""
    data = doc.data
    if not isinstance(data, dict) or top not in data:
        tops = {"workers": "roster", "sites": "populations", "passes": "passes"}
        other = next((tops[k] for k in tops if isinstance(data, dict) and k in data), None)
        if other is not None:  # the files given in the wrong order
            message = f"is a {other} file, not a {kind} file; {_ORDER}"
        else:
            message = f"a {kind} file needs a top-level '{top}:' list"
        raise InputError([doc.problem((), message)])
    items = data[top]
    if items is None:
        items = []
    if not isinstance(items, list):
        raise InputError([doc.problem((top,), f"'{top}' must be a list of '- ...' entries")])
    out: list[tuple[tuple[str | int, ...], dict[str, Any]]] = []
    problems = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(doc.problem((top, i), "each entry must be a mapping of key: value"))
            continue
        out.append(((top, i), item))
    if problems:
        raise InputError(problems)
    return out


def _yaml_origin(doc: Document, path: tuple[str | int, ...]) -> Callable[[str], Origin]:
    prefix = format_path(path)

    def origin_of(key: str) -> Origin:
        return Origin(doc.file, doc.where((*path, key) if key else path), prefix)

    return origin_of


def _table_origin(table: Table, row: Any) -> Callable[[str], Origin]:
    def origin_of(key: str) -> Origin:
        return Origin(table.file, table.where(row, key))

    return origin_of


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
        records = _yaml_records(doc, "sites", "populations")
        problems += _unknown_keys(doc.data, ["region", "sites"], doc, ())
        if isinstance(doc.data.get("region"), str):
            region = doc.data["region"]
        for path_, item in records:
            origin_of = _yaml_origin(doc, path_)
            problems += _unknown_keys(item, [*SITE_COLUMNS, "clients"], doc, path_)
            f = _Fields(item.get, origin_of, problems)
            clients_data = item.get("clients") or {}
            clients: dict[str, int] = {}
            if not isinstance(clients_data, dict):
                f.fail("clients", "must be a mapping of category: count")
            else:
                cf = _Fields(clients_data.get, _yaml_origin(doc, (*path_, "clients")), problems)
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
            origin_of = _table_origin(table, row)
            problems += _merged_numbers(table, row, present)
            f = _Fields(row.cells.get, origin_of, problems)
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
    whose id or counts do not pass is read again through `_Fields`, so its problems are
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
            f = _Fields(row.cells.get, _table_origin(table, row), problems)
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
) -> _Fields:
    row = Row(line, {c: (v.strip() or None) for c, v in zip(columns, cells, strict=True)})
    return _Fields(row.cells.get, _table_origin(table, row), problems)


def _site(
    f: _Fields, clients: dict[str, int], rules: Rules, unlisted: dict[str, list[str]]
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


# --------------------------------------------------------------------------- roster


def _merged_numbers(table: Table, row: Row, keys: Iterable[str]) -> list[Problem]:
    """A number cell filled from a merged cell over several rows: each row needs its own."""
    if not table.merged:
        return []
    return [
        table.problem(
            row,
            key,
            "is part of a merged cell over several rows, and a number belongs to one row; "
            "unmerge the cells and give each row its own number",
        )
        for key in keys
        if key in table.columns and (row.number, table.columns.index(key)) in table.merged
    ]


def populations_header_problems(table: Table, rules: Rules) -> list[Problem]:
    """What is wrong with a populations table's header (CSV, Excel or streamed)."""
    problems = table.header_problems(
        ["id"],
        ["name", "kind", *rules.categories],
        populations_headers(rules),
        ignored_headers("populations", rules),
    )
    return _noted(table, problems, "populations")


def _plain_header_problems(table: Table, kind: str, rules: Rules | None) -> list[Problem]:
    """What is wrong with the header of a passes or ledger table: every column required."""
    problems = table.header_problems(
        TABLE_COLUMNS[kind], [], kind_headers(kind, rules), ignored_headers(kind, rules)
    )
    return _noted(table, problems, kind)


def roster_header_problems(table: Table, rules: Rules | None = None) -> list[Problem]:
    """What is wrong with a roster table's header (CSV, Excel or streamed)."""
    problems = table.header_problems(
        ROSTER_REQUIRED,
        [c for c in ROSTER_COLUMNS if c not in ROSTER_REQUIRED],
        kind_headers("roster", rules),
        ignored_headers("roster", rules),
    )
    if not ("hired" in table.columns or "years_of_service" in table.columns):
        problems.append(
            Problem(
                table.file,
                table.cell(table.header_row, 0),
                "hired",
                "the header needs a 'hired' or a 'years_of_service' column",
            )
        )
    return _noted(table, problems, "roster")


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
    problems: list[Problem] = []
    workers: list[Worker] = []
    ids = UniqueIds("worker id")  # every readable id, so duplicates show with other problems
    check = WorkerRules(rules, as_of, year=year)
    if file_format(path) == "yaml":
        doc = source if isinstance(source, Document) else load_yaml(path)
        records = _yaml_records(doc, "workers", "roster")
        problems += _unknown_keys(doc.data, ["workers"], doc, ())
        for path_, item in records:
            problems += _unknown_keys(item, [*ROSTER_COLUMNS, "exams"], doc, path_)
            origin_of = _yaml_origin(doc, path_)
            worker = check.worker(item.get, origin_of, problems)
            exams = item.get("exams")
            if exams is not None:  # checked even when the worker has problems: report them all
                passes = []
                if not isinstance(exams, list):
                    problems.append(
                        origin_of("exams").problem("must be a list of {exam, passed_on}", "exams")
                    )
                else:
                    for j, entry in enumerate(exams):
                        epath = (*path_, "exams", j)
                        if not isinstance(entry, dict):
                            problems.append(
                                doc.problem(epath, "each exam must be {exam: ..., passed_on: ...}")
                            )
                            continue
                        problems += _unknown_keys(entry, ["exam", "passed_on"], doc, epath)
                        ef = _Fields(entry.get, _yaml_origin(doc, epath), problems)
                        p = _exam_pass(
                            ef, worker.id if worker else None, rules, _yaml_origin(doc, epath)("")
                        )
                        if p:
                            passes.append(p)
                if worker is not None:
                    worker = _with_exams(worker, tuple(passes))
            _note_id(worker, item.get, origin_of, workers, ids, problems)
    else:
        opened = (
            source
            if isinstance(source, OpenTable)
            else open_table(path, table_fits("roster", rules))
        )
        table, problems = opened.table, opened.problems
        header = roster_header_problems(table, rules)
        if header:  # rows cannot be read without their columns; other problems still add up
            opened.drain()
            raise InputError([*header, *problems])  # the header explains the rows
        check.table = True
        for row in opened.rows():
            origin_of = _table_origin(table, row)
            problems += _merged_numbers(table, row, ["years_of_service"])
            worker = check.worker(row.cells.get, origin_of, problems)
            _note_id(worker, row.cells.get, origin_of, workers, ids, problems)
        if not problems:
            from . import notes

            notes.add(check.disagreement_note(table.file))
    if problems:
        raise InputError(problems)
    return workers


def _note_id(
    worker: Worker | None,
    get: Callable[[str], Any],
    origin_of: Callable[[str], Origin],
    workers: list[Worker],
    ids: UniqueIds,
    problems: list[Problem],
) -> None:
    """Keep a parsed worker; note the id of every record, parsed or not."""
    if worker is not None:
        if ids.add(worker.id, worker.origin or origin_of("id"), problems):
            workers.append(worker)
        return
    raw = get("id")
    if isinstance(raw, str) and IDENT_RE.match(raw.strip()):
        ids.add(raw.strip(), origin_of("id"), problems)


def _with_exams(worker: Worker, exams: tuple[ExamPass, ...]) -> Worker:
    return dataclasses.replace(worker, exams=exams)


MAX_YEARS = 80


class WorkerRules:
    """Every rule of a worker record, in one place, for every reader.

    `worker` reads one record (a YAML mapping or a table row). The streamed reader
    caches what `profile` and `service` say per distinct cell text, so a
    national roster is checked by the same rules without a call per row.

    With `as_of`, a `hired` date after it is a problem (pay needs completed years);
    with `year` (a year costed month by month), a `hired` date after that year.
    """

    def __init__(
        self,
        rules: Rules,
        as_of: dt.date | None = None,
        *,
        table: bool = False,
        year: int | None = None,
    ) -> None:
        self.rules = rules
        self.year = year
        if year is not None:
            as_of = dt.date(year, 12, 31)
        self.as_of = as_of
        # In a table (CSV or workbook) a row may fill both `hired` and `years_of_service`,
        # as bureau sheets do: `hired` is used, and rows whose two values disagree (at
        # the as-of date, the year's first day, or the rules' date) are noted. In YAML
        # both is an error.
        self.table = table
        if year is not None:
            self.count_at = dt.date(year, 1, 1)
        else:
            self.count_at = as_of if as_of not in (None, dt.date.max) else rules.effective
        self.disagree: list[str] = []  # where (the hired cell) the two values disagree
        self.posts = list(rules.pay.posts)

    # one parser per field: stripped, non-empty text in; the value, or ValueError

    def education(self, text: str) -> str:
        return vocabulary_word(self.rules, "education", text)

    def title(self, text: str) -> str:
        return vocabulary_word(self.rules, "title", text)

    def performance(self, text: str) -> str:
        return vocabulary_word(self.rules, "performance", text)

    def post(self, text: str) -> str:
        if not self.posts:
            raise ValueError("the rules define no posts; leave post out")
        return vocabulary_word(self.rules, "post", text)

    @staticmethod
    def years(text: str) -> int:
        return parse_count(text, MAX_YEARS)

    def service_problems(
        self, hired_text: str | None, years_text: str | None, hired: dt.date | None
    ) -> list[tuple[str, str]]:
        """(key, message) for the rules between `hired` and `years_of_service`."""
        out = []
        if hired_text is not None and years_text is not None and not self.table:
            out.append(("years_of_service", "give either hired or years_of_service, not both"))
        elif hired_text is None and years_text is None:
            out.append(("hired", "give hired (YYYY-MM-DD) or years_of_service; one is required"))
        if self.as_of is not None and hired is not None and hired > self.as_of:
            if self.year is not None:
                message = (
                    f"{hired.isoformat()} is after the year {self.year}; "
                    "check the date or give a later --year"
                )
            else:
                message = (
                    f"{hired.isoformat()} is after the as-of date {self.as_of.isoformat()}; "
                    "check the date or give a later --as-of"
                )
            out.append(("hired", message))
        return out

    def worker(
        self, get: Callable[[str], Any], origin_of: Callable[[str], Origin], problems: list[Problem]
    ) -> Worker | None:
        """One worker; its problems appended to `problems`, None if it has any."""
        before = len(problems)
        f = _Fields(get, origin_of, problems)
        ident = f.ident("id", required=True)
        name = f.text("name")
        site = f.site_id("site", required=True)
        rules = self.rules
        education = f.word("education", rules, "education", required=True)
        title = f.word("title", rules, "title", required=True)
        post = None
        if f.text("post") is not None:
            if self.posts:
                post = f.word("post", rules, "post")
            else:
                f.fail("post", "the rules define no posts; leave post out")
        hired = f.date("hired")
        years = f.parsed("years_of_service", self.years)
        performance = f.word("performance", rules, "performance")
        employment = f.word("employment", rules, "employment")
        not_counted = f.parsed("years_not_counted", self.years)
        for key, message in self.service_problems(
            f.text("hired"), f.text("years_of_service"), hired
        ):
            f.fail(key, message)
        if self.table and hired is not None and years is not None:  # hired is used
            if self.disagrees(hired, years):
                self.disagree.append(origin_of("hired").where)
            years = None
        if (
            len(problems) > before
            or ident is None
            or site is None
            or education is None
            or title is None
        ):
            return None
        return Worker(
            ident,
            site,
            education,
            title,
            name,
            post,
            hired,
            years,
            performance,
            (),
            origin_of("id"),
            employment,
            years_not_counted=not_counted or 0,
        )

    # what the streamed reader caches

    def employment_ok(self, text: str) -> bool:
        """Whether an employment cell names an employment type (blank: the default)."""
        return not text.strip() or self.rules.word("employment", text) is not None

    def profile(self, cells: tuple[str, str, str, str]) -> tuple[Any, ...] | None:
        """(education, title, rating, post) cells as the worker has them, or None if any is
        wrong (the caller then reads the row with `worker` for the messages)."""
        education, title, rating, post = (c.strip() for c in cells)
        try:
            return (
                self.education(education),
                self.title(title),
                self.performance(rating) if rating else None,
                self.post(post) if post else None,
            )
        except ValueError:
            return None

    def disagrees(self, hired: dt.date, years: int) -> bool:
        from ..calc.pay import completed_years

        return hired <= self.count_at and completed_years(hired, self.count_at) != years

    def disagreement_note(self, file: str) -> list[str]:
        """The note naming the rows whose `hired` and `years_of_service` disagree."""
        places = list(dict.fromkeys(self.disagree))
        if not places:
            return []
        shown = ", ".join(places[:10])
        more = f" and {len(places) - 10} more" if len(places) > 10 else ""
        note = (
            f"{file}: hired and years_of_service disagree at {self.count_at.isoformat()} "
            f"in {shown}{more}; hired was used"
        )
        self.disagree = []
        return [note]

    def service(
        self, hired_text: str, years_text: str, not_counted_text: str
    ) -> tuple[dt.date | None, int | None, int] | None:
        """(hired, years_of_service, years_not_counted) from the three cells, or None if
        they break a rule. In a table with both dates given, `hired` is used."""
        hired_text, years_text = hired_text.strip(), years_text.strip()
        not_counted_text = not_counted_text.strip()
        try:
            hired = parse_cell_date(hired_text) if hired_text else None
            years = self.years(years_text) if years_text else None
            not_counted = self.years(not_counted_text) if not_counted_text else 0
        except ValueError:
            return None
        if self.service_problems(hired_text or None, years_text or None, hired):
            return None
        if hired is not None:
            return hired, None, not_counted  # in a table, also when both are given
        return None, years, not_counted


def parse_worker(
    get: Callable[[str], Any],
    origin_of: Callable[[str], Origin],
    rules: Rules,
    problems: list[Problem],
    *,
    as_of: dt.date | None = None,
    year: int | None = None,
) -> Worker | None:
    """One worker from a YAML mapping or a table row (see `WorkerRules.worker`)."""
    return WorkerRules(rules, as_of, year=year).worker(get, origin_of, problems)


def _exam_pass(f: _Fields, worker_id: str | None, rules: Rules, origin: Origin) -> ExamPass | None:
    exam = f.parsed("exam", lambda text: vocabulary_word(rules, "exam", text), required=True)
    passed_on = f.date("passed_on", required=True)
    if exam is None or passed_on is None or worker_id is None:
        return None
    return ExamPass(worker_id, exam, passed_on, origin)


# --------------------------------------------------------------------------- passes, ledger


def load_passes(
    path: str | os.PathLike[str], rules: Rules, source: Document | OpenTable | None = None
) -> list[ExamPass]:
    problems: list[Problem] = []
    passes: list[ExamPass] = []
    if file_format(path) == "yaml":
        doc = source if isinstance(source, Document) else load_yaml(path)
        records = _yaml_records(doc, "passes", "passes")
        problems += _unknown_keys(doc.data, ["passes"], doc, ())
        for path_, item in records:
            problems += _unknown_keys(item, PASS_COLUMNS, doc, path_)
            origin_of = _yaml_origin(doc, path_)
            f = _Fields(item.get, origin_of, problems)
            p = _exam_pass(f, f.ident("worker_id", required=True), rules, origin_of(""))
            if p:
                passes.append(p)
    else:
        opened = (
            source
            if isinstance(source, OpenTable)
            else open_table(path, table_fits("passes", rules))
        )
        table, problems = opened.table, opened.problems
        header = _plain_header_problems(table, "passes", rules)
        if header:
            opened.drain()
            raise InputError([*header, *problems])  # the header explains the rows
        for row in opened.rows():
            origin_of = _table_origin(table, row)
            f = _Fields(row.cells.get, origin_of, problems)
            p = _exam_pass(f, f.ident("worker_id", required=True), rules, origin_of("worker_id"))
            if p:
                passes.append(p)
    if problems:
        raise InputError(problems)
    return passes


def _has_text(path: str | os.PathLike[str]) -> bool:
    with open(path, "rb") as f:
        return bool(f.read().removeprefix(b"\xef\xbb\xbf").strip())


def load_ledger(
    path: str | os.PathLike[str], rules: Rules | None = None, *, source: OpenTable | None = None
) -> list[LedgerRow]:
    """The ledger of awards paid; a missing file, or one with nothing but a BOM or blank
    lines (Excel's empty "CSV UTF-8"), is an empty ledger.

    With `rules`, an exam written by its label or alias is read as its key; an exam
    the rules do not know stays as written (the ledger may hold retired awards).
    `source`: the file, already opened by `check`.
    """
    file = split_sheet(path)[0]
    if source is None and (
        not os.path.exists(file)
        or (os.path.isfile(file) and os.path.getsize(file) < 64 and not _has_text(file))
    ):
        return []
    opened = source or open_table(path, table_fits("ledger", rules))
    table, problems = opened.table, opened.problems
    header = _plain_header_problems(table, "ledger", rules)
    if header:
        opened.drain()
        raise InputError([*header, *problems])  # the header explains the rows
    rows: list[LedgerRow] = []
    for row in opened.rows():
        f = _Fields(row.cells.get, _table_origin(table, row), problems)
        worker_id = f.ident("worker_id", required=True)
        written = f.text("exam")
        exam = rules.word("exam", written) if rules is not None else None
        if exam is None:
            exam = f.ident("exam", required=True)
        amount = f.amount("amount", required=True)
        paid_on = f.date("paid_on", required=True)
        if worker_id and exam and amount is not None and paid_on:
            rows.append(LedgerRow(worker_id, exam, amount, paid_on))
    if problems:
        raise InputError(problems)
    return rows
