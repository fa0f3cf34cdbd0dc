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
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from ..errors import InputError, Problem, one_of, position
from ..model import ExamPass, LedgerRow, Origin, Populations, Site, Worker
from ..rules import Rules
from ..values import IDENT_RE, halfwidth, parse_date, shown
from .loading import Document, Row, Table, file_format, format_path, load_yaml, open_csv, read_table

MAX_CLIENTS = 10_000_000

SITE_COLUMNS = ("id", "name", "kind")
ROSTER_REQUIRED = ("id", "site", "education", "title")
ROSTER_COLUMNS = (
    "id",
    "name",
    "site",
    "education",
    "title",
    "post",
    "hired",
    "years_of_service",
    "performance",
    "employment",
    "years_not_counted",
)
PASS_COLUMNS = ("worker_id", "exam", "passed_on")
LEDGER_COLUMNS = ("worker_id", "exam", "amount", "paid_on")


# --------------------------------------------------------------------------- fields


class _Fields:
    """Reads typed values out of one record, collecting problems instead of stopping."""

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

    def ident(self, key: str, *, required: bool = False) -> str | None:
        value = self.text(key, required=required)
        if value is not None and not IDENT_RE.match(value):
            self.fail(key, f"{value!r} is not a valid identifier; use letters, digits, '_' and '-'")
            return None
        return value

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
        found = rules.word(vocabulary, value)
        if found is None:
            self.fail(key, rules.unknown_word(vocabulary, value))
        return found

    def _reported(self, key: str) -> bool:
        """Whether `text` already reported a problem with this key (a list or mapping)."""
        value = self.get(key)
        return value is not None and not isinstance(value, str)

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        value = self.text(key, required=required)
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.fail(key, str(exc))
            return None

    def count(self, key: str, *, maximum: int, required: bool = False) -> int | None:
        value = self.text(key, required=required)
        if value is None:
            return None
        value = halfwidth(value)  # fullwidth digits are digits, as in dates
        if not re.fullmatch(r"\+?[0-9]+", value):
            what = "is negative" if re.fullmatch(r"-[0-9]+", value) else "is not a whole number"
            self.fail(key, f"{shown(value)} {what}; write a whole number from 0 to {maximum:,}")
            return None
        if len(value.lstrip("+0")) > len(str(maximum)) or int(value) > maximum:
            self.fail(key, f"{shown(value)} is too large; at most {maximum:,}")
            return None
        return int(value)

    def amount(self, key: str, *, required: bool = False) -> Decimal | None:
        value = self.text(key, required=required)
        if value is None:
            return None
        value = halfwidth(value)
        if re.fullmatch(r"-[0-9]+(\.[0-9]*)?", value):
            self.fail(key, f"{shown(value)} is negative; an amount paid is 0 or more")
            return None
        if not re.fullmatch(r"[0-9]{1,15}(\.[0-9]{1,2})?", value):
            self.fail(
                key,
                f"{shown(value)} is not an amount; write yuan with up to two decimals "
                "(at most 15 digits before the point), e.g. 1000.00",
            )
            return None
        return Decimal(value).quantize(Decimal("0.01"))


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
        raise InputError([doc.problem((), f"a {kind} file needs a top-level '{top}:' list")])
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


def _check_unique(ids: list[tuple[str, Origin]], what: str, problems: list[Problem]) -> None:
    first: dict[str, Origin] = {}
    for ident, origin in ids:
        if ident in first:
            where = first[ident]
            problems.append(
                origin.problem(
                    f"duplicate {what} {ident!r} (first at {where.file}:{where.where}); {what}s must be unique",
                    "id",
                )
            )
        else:
            first[ident] = origin


# --------------------------------------------------------------------------- populations


def load_populations(path: str | os.PathLike[str], rules: Rules) -> Populations:
    warnings: dict[str, list[str]] = {}  # unlisted site kind -> [count, first ids]
    problems: list[Problem] = []
    sites: list[Site] = []
    ids: list[tuple[str, Origin]] = []
    categories = list(rules.categories)
    region: str | None = None
    if file_format(path) == "yaml":
        doc = load_yaml(path)
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
            if site:
                sites.append(site)
                ids.append((site.id, origin_of("id")))
    elif file_format(path) == "csv":
        return _populations_csv(path, rules)
    else:
        table, problems = read_table(path)
        problems += table.header_problems(["id"], ["name", "kind", *categories])
        if problems:
            raise InputError(problems)
        present = [c for c in categories if c in table.columns]
        for row in table.rows:
            origin_of = _table_origin(table, row)
            f = _Fields(row.cells.get, origin_of, problems)
            clients = {}
            for category in present:
                n = f.count(category, maximum=MAX_CLIENTS)
                clients[category] = n or 0
            site = _site(f, clients, rules, warnings)
            if site:
                sites.append(site)
                ids.append((site.id, origin_of("id")))
    _check_unique(ids, "site id", problems)
    if problems:
        raise InputError(problems)
    return Populations(region, sites, kind_warnings(warnings, rules))


def _populations_csv(path: str | os.PathLike[str], rules: Rules) -> Populations:
    """Populations from CSV, built for 600,000 sites: plain string checks per cell.

    A row that fails a quick check is read again through `_Fields`, so its problems
    are worded exactly as everywhere else. Zero counts are left out of `clients`.
    """
    table, records = open_csv(path)
    name, columns = table.file, table.columns
    categories = list(rules.categories)
    problems = table.header_problems(["id"], ["name", "kind", *categories])
    if problems:
        raise InputError(problems)
    width = len(columns)
    i_id = columns.index("id")
    i_name = columns.index("name") if "name" in columns else None
    i_kind = columns.index("kind") if "kind" in columns else None
    present = [(c, columns.index(c)) for c in categories if c in columns]
    limit = MAX_CLIENTS
    kinds: dict[str, str] = {}  # cell -> kind key ("" when the rules do not list it)
    unlisted: dict[str, list[str]] = {}  # unlisted site kind -> [count, first ids]
    sites: list[Site] = []
    first_line: dict[str, int] = {}
    ident = IDENT_RE.match
    for line, cells in records:
        if len(cells) != width:
            problems.append(
                Problem(
                    name, str(line), "", f"row has {len(cells)} cells but the header has {width}"
                )
            )
            continue
        site_id = cells[i_id].strip()
        clients: dict[str, int] = {}
        ok = ident(site_id) is not None
        for category, i in present:
            cell = cells[i]
            if not cell:
                continue
            if cell.isdigit() and cell.isascii() and len(cell) <= 8 and int(cell) <= limit:
                n = int(cell)
                if n:
                    clients[category] = n
            elif cell.strip():
                ok = False
                break
        if not ok:
            row = Row(line, {c: (v.strip() or None) for c, v in zip(columns, cells, strict=True)})
            f = _Fields(row.cells.get, _table_origin(table, row), problems)
            clients = {}
            for category, _ in present:
                count = f.count(category, maximum=limit)
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
        if site_id in first_line:
            problems.append(
                Problem(
                    name,
                    position(line, i_id + 1),
                    "id",
                    f"duplicate site id {site_id!r} (first at {name}:{first_line[site_id]}:{i_id + 1}); "
                    "site ids must be unique",
                )
            )
            continue
        first_line[site_id] = line
        sites.append(site)
    if problems:
        raise InputError(problems)
    return Populations(None, sites, kind_warnings(unlisted, rules))


def _row_fields(
    table: Table, columns: list[str], line: int, cells: list[str], problems: list[Problem]
) -> _Fields:
    row = Row(line, {c: (v.strip() or None) for c, v in zip(columns, cells, strict=True)})
    return _Fields(row.cells.get, _table_origin(table, row), problems)


def _site(
    f: _Fields, clients: dict[str, int], rules: Rules, unlisted: dict[str, list[str]]
) -> Site | None:
    ident = f.ident("id", required=True)
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


def load_roster(
    path: str | os.PathLike[str],
    rules: Rules,
    *,
    as_of: dt.date | None = None,
    year: int | None = None,
) -> list[Worker]:
    """The workers of a roster; with `as_of`, a `hired` after it is an error at its cell
    (with `year`, a `hired` after that year)."""
    if year is not None:
        as_of = dt.date(year, 12, 31)
    problems: list[Problem] = []
    workers: list[Worker] = []
    ids: list[tuple[str, Origin]] = []  # every readable id, so duplicates show with other problems
    if file_format(path) == "yaml":
        doc = load_yaml(path)
        records = _yaml_records(doc, "workers", "roster")
        problems += _unknown_keys(doc.data, ["workers"], doc, ())
        for path_, item in records:
            problems += _unknown_keys(item, [*ROSTER_COLUMNS, "exams"], doc, path_)
            origin_of = _yaml_origin(doc, path_)
            worker = parse_worker(item.get, origin_of, rules, problems, as_of=as_of, year=year)
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
            _note_id(worker, item.get, origin_of, workers, ids)
    else:
        table, problems = read_table(path)
        header = table.header_problems(
            ROSTER_REQUIRED, [c for c in ROSTER_COLUMNS if c not in ROSTER_REQUIRED]
        )
        if not ("hired" in table.columns or "years_of_service" in table.columns):
            header.append(
                Problem(
                    table.file,
                    table.cell(table.header_row, 0),
                    "hired",
                    "the header needs a 'hired' or a 'years_of_service' column",
                )
            )
        if header:  # rows cannot be read without their columns; other problems still add up
            raise InputError([*problems, *header])
        for row in table.rows:
            origin_of = _table_origin(table, row)
            worker = parse_worker(row.cells.get, origin_of, rules, problems, as_of=as_of, year=year)
            _note_id(worker, row.cells.get, origin_of, workers, ids)
    _check_unique(ids, "worker id", problems)
    if problems:
        raise InputError(problems)
    return workers


def _note_id(
    worker: Worker | None,
    get: Callable[[str], Any],
    origin_of: Callable[[str], Origin],
    workers: list[Worker],
    ids: list[tuple[str, Origin]],
) -> None:
    """Keep a parsed worker; note the id of every record, parsed or not."""
    if worker is not None:
        workers.append(worker)
        ids.append((worker.id, worker.origin or origin_of("id")))
        return
    raw = get("id")
    if isinstance(raw, str) and IDENT_RE.match(raw.strip()):
        ids.append((raw.strip(), origin_of("id")))


def _with_exams(worker: Worker, exams: tuple[ExamPass, ...]) -> Worker:
    return dataclasses.replace(worker, exams=exams)


MAX_YEARS = 80


def parse_worker(
    get: Callable[[str], Any],
    origin_of: Callable[[str], Origin],
    rules: Rules,
    problems: list[Problem],
    *,
    as_of: dt.date | None = None,
    year: int | None = None,
) -> Worker | None:
    """One worker from a YAML mapping or a table row; problems appended, None if unusable.

    With `as_of`, a `hired` date after it is a problem (pay and budget need completed years).
    """
    before = len(problems)
    f = _Fields(get, origin_of, problems)
    ident = f.ident("id", required=True)
    name = f.text("name")
    site = f.ident("site", required=True)
    education = f.word("education", rules, "education", required=True)
    title = f.word("title", rules, "title", required=True)
    post = None
    if f.text("post") is not None:
        if rules.pay.posts:
            post = f.word("post", rules, "post")
        else:
            f.fail("post", "the rules define no posts; leave post out")
    hired = f.date("hired")
    years = f.count("years_of_service", maximum=MAX_YEARS)
    performance = f.word("performance", rules, "performance")
    employment = f.word("employment", rules, "employment")
    not_counted = f.count("years_not_counted", maximum=MAX_YEARS)
    raw_hired, raw_years = f.text("hired"), f.text("years_of_service")
    if raw_hired is not None and raw_years is not None:
        f.fail("years_of_service", "give either hired or years_of_service, not both")
    elif raw_hired is None and raw_years is None:
        f.fail("hired", "give hired (YYYY-MM-DD) or years_of_service; one is required")
    if year is not None and hired is not None and hired.year > year:
        f.fail(
            "hired",
            f"{hired.isoformat()} is after the year {year}; check the date or give a later --year",
        )
    elif year is None and as_of is not None and hired is not None and hired > as_of:
        f.fail(
            "hired",
            f"{hired.isoformat()} is after the as-of date {as_of.isoformat()}; "
            "check the date or give a later --as-of",
        )
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


def _exam_pass(f: _Fields, worker_id: str | None, rules: Rules, origin: Origin) -> ExamPass | None:
    exam = f.word("exam", rules, "exam", required=True)
    passed_on = f.date("passed_on", required=True)
    if exam is None or passed_on is None or worker_id is None:
        return None
    return ExamPass(worker_id, exam, passed_on, origin)


# --------------------------------------------------------------------------- passes, ledger


def load_passes(path: str | os.PathLike[str], rules: Rules) -> list[ExamPass]:
    problems: list[Problem] = []
    passes: list[ExamPass] = []
    if file_format(path) == "yaml":
        doc = load_yaml(path)
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
        table, problems = read_table(path)
        problems += table.header_problems(PASS_COLUMNS, [])
        if problems:
            raise InputError(problems)
        for row in table.rows:
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


def load_ledger(path: str | os.PathLike[str], rules: Rules | None = None) -> list[LedgerRow]:
    """The ledger of awards paid; a missing file, or one with nothing but a BOM or blank
    lines (Excel's empty "CSV UTF-8"), is an empty ledger.

    With `rules`, an exam written by its label or alias is read as its key; an exam
    the rules do not know stays as written (the ledger may hold retired awards).
    """
    if not os.path.exists(path) or (
        os.path.isfile(path) and os.path.getsize(path) < 64 and not _has_text(path)
    ):
        return []
    table, problems = read_table(path)
    problems += table.header_problems(LEDGER_COLUMNS, [])
    if problems:
        raise InputError(problems)
    rows: list[LedgerRow] = []
    for row in table.rows:
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
