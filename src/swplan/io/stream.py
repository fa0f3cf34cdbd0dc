"""Streaming pay for big CSV rosters: the same numbers as `pay.pay`, row by row.

A national roster has 1.5 million rows but only a few thousand distinct profiles
(education, title, rating, post, years). Each row is checked with plain dict and set
look-ups, its profile's figures come from a cache, and the output line is the
row's own cells followed by the cached, already formatted figures. No per-row
object is kept, so memory stays flat whatever the size.

A row that fails any quick check is handed to `inputs.parse_worker`, so the error
messages are exactly those of the ordinary path. On any problem nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from ..calc.pay import MONEY_FIELDS, PayCalculator, YearCosting, empty_totals
from ..calc.staffing import RosterCounts, RosterSummary
from ..errors import InputError, Problem, position
from ..model import Origin, Worker
from ..render import csv_cell, csv_writer, flatten
from ..rules import Rules
from ..values import IDENT_RE
from .atomic import output_file
from .loading import (
    Row,
    Table,
    check_header,
    csv_delimiter,
    decode,
    encoding_problem,
    iter_csv,
    open_binary,
    read_text,
)
from .records import MAX_YEARS, ROSTER_COLUMNS, ROSTER_REQUIRED, parse_worker

_IDENT = IDENT_RE.match
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$").match
_YEARS = re.compile(r"\+?[0-9]{1,9}$").match  # longer: the slow path says why
_NEEDS_QUOTES = re.compile(r'[,"\r\n]').search


@dataclass
class StreamTotals:
    totals: dict[str, Decimal]
    count: int
    ids: Collection[str] = ()


def _text_cell(value: str) -> str:
    """One text cell exactly as `csv.writer` writes `render.csv_cell(value)`."""
    value = csv_cell(value)
    if _NEEDS_QUOTES(value):
        return '"' + value.replace('"', '""') + '"'
    return value


class _Profiles:
    """Figures and the formatted tail of the output line, per profile.

    A profile is (education, title, rating, post) and then the years: the years on
    the as-of day, or with `year` each month's years and the first month paid.
    """

    def __init__(self, rules: Rules, as_of: dt.date, year: int | None = None) -> None:
        if year is not None:
            self.costing: YearCosting | None = YearCosting(rules, year)
            self.rules = rules.in_force(dt.date(year, 12, 1))
            self.calc = self.costing.calcs[-1]
            self.figures: Any = self.costing.cost
            self.money: Any = self.costing.money
        else:
            self.costing = None
            self.rules = rules.in_force(as_of)
            self.calc = PayCalculator(self.rules)
            self.figures = self.calc.figures
            self.money = lambda *key: self.calc.figures(*key).money()
        self.cache: dict[tuple[Any, ...], tuple[str, Any]] = {}
        self.columns: list[str] | None = None
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="")

    def get(self, key: tuple[Any, ...]) -> tuple[str, Any]:
        hit = self.cache.get(key)
        if hit is None:
            from ..report.reports import pay_row_json

            figures = self.figures(*key)
            flat = flatten(pay_row_json("", None, "", figures, self.rules))
            if self.columns is None:
                self.columns = list(flat)
            tail = [csv_cell(v) for k, v in flat.items() if k not in ("id", "name", "site")]
            self._buffer.seek(0)
            self._buffer.truncate()
            self._writer.writerow(tail)
            hit = (self._buffer.getvalue(), figures)
            self.cache[key] = hit
        return hit


def stream_pay(
    path: str | os.PathLike[str],
    rules: Rules,
    as_of: dt.date | None,
    out: IO[str] | None,
    progress: Callable[[int], None] | None = None,
    counts: RosterCounts | None = None,
    costed: bool = True,
    year: int | None = None,
) -> StreamTotals:
    """Pay every worker of a CSV roster, writing CSV lines to `out` (None: totals only).

    `costed=False` checks and counts only (for `staff`): the totals stay zero.
    With `year`, each worker's cost of that calendar year, month by month.

    With `counts`, also count workers and certified workers per site into it, and
    return the worker ids (what `budget` needs of a national roster).
    Raises `InputError` with every problem; the caller discards `out` in that case.
    """
    as_of = dt.date(year, 12, 31) if year is not None else (as_of or rules.effective)
    name = str(path)
    try:
        # opened once (a FIFO or `<(...)` cannot be opened twice), scanned, then read as text
        raw = open_binary(path)
        try:
            # a NUL anywhere means a binary file, as for every other reader (memchr: ~0.1 s
            # for a national roster)
            head = raw.read(1 << 16)
            if b"\x00" in head:
                decode(name, head)  # raises the same binary / UTF-16 error as every reader
            for block in iter(lambda: raw.read(1 << 22), b""):
                if b"\x00" in block:
                    raise InputError([Problem(name, "", "", "is a binary file, not UTF-8 text")])
            raw.seek(0)
        except BaseException:
            raw.close()
            raise
        handle = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise InputError([Problem(name, "", "", "no such file")]) from None
    except OSError as exc:
        raise InputError([Problem(name, "", "", f"cannot be read: {exc.strerror}")]) from None
    with handle:
        reader = csv.reader(handle, strict=True, delimiter=csv_delimiter(path))
        scan = _Scan(name, rules, as_of, formatted=out is not None, year=year)
        try:
            first = 1  # the line the header starts on: blank lines before it are skipped
            header = next(reader, None)
            while header is not None and not any(c.strip() for c in header):
                first = reader.line_num + 1
                header = next(reader, None)
            if header is None:
                raise InputError([Problem(name, "1", "", "is empty; a header row is required")])
            try:
                scan.start(header, first)
            except InputError as exc:
                # as the whole-file reader does: rows of the wrong width are named too
                raise InputError(
                    [*scan.width_problems(reader, len(header)), *exc.problems]
                ) from None
            scan.rows(reader, out, progress, counts)
        # A file that is not UTF-8 or not CSV is reported alone, as by the whole-file
        # reader, which stops there before any row is checked.
        except csv.Error as exc:
            # the stream knows where it stopped; the whole-file reader names the record's start
            try:
                for _ in iter_csv(name, read_text(path), csv_delimiter(path)):
                    pass
            except InputError as found:
                raise InputError(found.problems) from None
            raise InputError(
                [Problem(name, str(reader.line_num or 1), "", f"malformed CSV: {exc}")]
            ) from None
        except UnicodeDecodeError:
            problem = encoding_problem(path)
            raise InputError([problem] if problem else scan.problems) from None
    if scan.problems:
        raise InputError(scan.problems)
    result = scan.totals(costed)
    if counts is not None:
        result.ids = scan.ids
    return result


_BAD: Any = ("bad",)  # a cached "these cells need the slow path"


class _Scan:
    """One pass over the rows of a roster CSV."""

    def __init__(
        self, name: str, rules: Rules, as_of: dt.date, *, formatted: bool, year: int | None = None
    ) -> None:
        self.name = name
        self.rules = rules
        self.as_of = as_of
        self.year = year
        self.formatted = formatted  # build each profile's output line tail
        self.problems: list[Problem] = []
        self.profiles = _Profiles(rules, as_of, year)
        # profile (education, title, rating, post, years) -> [formatted tail, count]
        self.entries: dict[tuple[Any, ...], list[Any]] = {}

    def start(self, header: list[str], line: int) -> None:
        """Check the header, which starts at `line`."""
        name = self.name
        if any("\x00" in c for c in header):
            raise InputError([Problem(name, "", "", "is a binary file, not UTF-8 text")])
        self.columns = columns = [c.strip() for c in header]
        self.table = Table(name, columns, [], header_row=line)
        problems = check_header(
            name,
            columns,
            ROSTER_REQUIRED,
            [c for c in ROSTER_COLUMNS if c not in ROSTER_REQUIRED],
            lambda i: position(line, i + 1),
        )
        if "hired" not in columns and "years_of_service" not in columns:
            problems.append(
                Problem(
                    name,
                    position(line, 1),
                    "hired",
                    "the header needs a 'hired' or a 'years_of_service' column",
                )
            )
        if problems:
            raise InputError(problems)

    def width_problems(self, reader: Any, width: int) -> list[Problem]:
        """Rows with more or fewer cells than the header's `width` (when nothing else is read)."""
        problems = []
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if len(cells) != width and any(c.strip() for c in cells):
                problems.append(
                    Problem(
                        self.name,
                        str(line),
                        "",
                        f"row has {len(cells)} cells but the header has {width}",
                    )
                )
        return problems

    def words(self, key: tuple[str, str, str, str]) -> tuple[Any, ...] | None:
        """(education, title, rating, post) as the profile has them, or None if any is off."""
        rules = self.rules
        pay = rules.pay
        word = rules.word
        education, title = word("education", key[0]), word("title", key[1])
        rating = word("performance", key[2]) if key[2].strip() else None
        post = word("post", key[3]) if key[3].strip() and pay.posts else None
        if (
            education is None
            or title is None
            or (rating is None and key[2].strip())
            or (post is None and key[3].strip())
        ):
            return None
        return (education, title, rating, post or (pay.default_post if pay.posts else None))

    def years(self, hired: str, given: str, education: str, not_counted: str) -> Any:
        """The years part of a profile key from the cells, or _BAD (the slow path reports it)."""
        date = None
        years = None
        if hired:
            if given:
                return _BAD
            date = _date(hired, self.as_of)
            if date is None:
                return _BAD
        elif _YEARS(given) and int(given) <= MAX_YEARS:
            years = int(given)
        else:
            return _BAD
        nc = 0
        if not_counted:
            if not (_YEARS(not_counted) and int(not_counted) <= MAX_YEARS):
                return _BAD
            nc = int(not_counted)
        return self.years_key(date, years, education, nc)

    def years_key(
        self, hired: dt.date | None, given: int | None, education: str, not_counted: int
    ) -> Any:
        costing = self.profiles.costing
        if costing is not None:
            bases, first = costing.base_years(hired, given)
            return (costing.years(education, bases, not_counted), first)
        calc = self.profiles.calc
        base = calc.base_years(hired, given, self.as_of)
        return (calc.service_years(education, base, not_counted),)

    def entry(self, key: tuple[Any, ...]) -> list[Any]:
        entry = self.entries.get(key)
        if entry is None:
            # the formatted output line tail only when there is output to write
            tail = self.profiles.get(key)[0] if self.formatted else None
            entry = self.entries[key] = [tail, 0, key[1]]
        return entry

    def slow_row(self, line: int, cells: list[str]) -> tuple[str | None, str, list[Any] | None]:
        """Check a row the ordinary way, so its problems read exactly as the ordinary ones.

        Returns (id, site, entry); a row with problems has no entry, and its id (when
        readable) still counts for duplicate ids, as in `inputs.load_roster`.
        """
        name, table, problems, as_of = self.name, self.table, self.problems, self.as_of
        row = Row(line, {c: (v.strip() or None) for c, v in zip(self.columns, cells, strict=True)})
        before = len(problems)
        worker = parse_worker(
            row.cells.get,
            lambda key: Origin(name, table.where(row, key)),
            self.rules,
            problems,
            as_of=as_of,
            year=self.year,
        )
        if worker is None or len(problems) > before:
            raw = row.cells.get("id")
            return (raw if raw and _IDENT(raw) else None), "", None
        years = self.years_key(
            worker.hired, worker.years_of_service, worker.education, worker.years_not_counted
        )
        words = self.words(
            (worker.education, worker.title, worker.performance or "", worker.post or "")
        )
        assert words is not None
        return worker.id, worker.site, self.entry((*words, *years))

    def rows(
        self,
        reader: Any,
        out: IO[str] | None,
        progress: Callable[[int], None] | None,
        counts: RosterCounts | None,
    ) -> None:
        col = {c: i for i, c in enumerate(self.columns)}
        width = len(self.columns)
        i_id, i_site, i_edu, i_title = col["id"], col["site"], col["education"], col["title"]
        i_name, i_post, i_perf = col.get("name"), col.get("post"), col.get("performance")
        i_hired, i_years = col.get("hired"), col.get("years_of_service")
        i_nc = col.get("years_not_counted")
        i_employment = col.get("employment")
        employment_ok: dict[str, bool] = {"": True}  # cell -> names an employment type
        certified_titles = self.rules.certified_titles
        name, problems, entries = self.name, self.problems, self.entries
        word_cache: dict[tuple[str, str, str, str], tuple[Any, ...] | None] = {}
        years_cache: dict[tuple[str, str, str, str], Any] = {}
        first_line: dict[str, int] = {}
        self.ids = first_line.keys()
        if counts is not None:
            current, certified = counts.current, counts.certified
            samples, sample_size = counts.sample_ids, counts.SAMPLE
        ident = _IDENT
        empty = ""
        chunk: list[str] = []
        wrote_header = False
        start = reader.line_num + 1
        done = 0
        for cells in reader:
            line, start = start, reader.line_num + 1
            done += 1
            if progress is not None and not done & 0xFFFF:
                progress(done)
            if len(cells) != width:
                if any(c.strip() for c in cells):
                    problems.append(
                        Problem(
                            name,
                            str(line),
                            "",
                            f"row has {len(cells)} cells but the header has {width}",
                        )
                    )
                continue
            worker_id = cells[i_id]
            site = cells[i_site]
            wkey = (
                cells[i_edu],
                cells[i_title],
                cells[i_perf] if i_perf is not None else empty,
                cells[i_post] if i_post is not None else empty,
            )
            words = word_cache.get(wkey, wkey)
            if words is wkey:
                words = word_cache[wkey] = self.words(wkey)
            ykey = (
                cells[i_hired] if i_hired is not None else empty,
                cells[i_years] if i_years is not None else empty,
                words[0] if words is not None else empty,  # the education, as the rules name it
                cells[i_nc] if i_nc is not None else empty,
            )
            years = years_cache.get(ykey)
            if years is None:
                years = years_cache[ykey] = self.years(*ykey)
            if i_employment is not None:
                employment = cells[i_employment]
                known = employment_ok.get(employment)
                if known is None:
                    known = employment_ok[employment] = (
                        not employment.strip()
                        or self.rules.word("employment", employment) is not None
                    )
                if not known:
                    years = _BAD  # the ordinary reader words the problem
            if words is None or years is _BAD or ident(worker_id) is None or ident(site) is None:
                if not any(c.strip() for c in cells):
                    continue
                slow_id, site, entry = self.slow_row(line, cells)
                if slow_id is None:
                    continue
                worker_id = slow_id
            else:
                key = (*words, *years)
                entry = entries.get(key)
                if entry is None:
                    entry = self.entry(key)
            if worker_id in first_line:
                first = f"{name}:{first_line[worker_id]}:{i_id + 1}"
                problems.append(
                    Problem(
                        name,
                        position(line, i_id + 1),
                        "id",
                        f"duplicate worker id {worker_id!r} (first at {first}); worker ids must be unique",
                    )
                )
                continue
            first_line[worker_id] = line
            if entry is None:
                continue  # a row with problems: its id counted, nothing else
            entry[1] += 1
            if counts is not None:  # RosterCounts.add, inlined: once per worker
                current[site] = current.get(site, 0) + 1
                if entry[2] in certified_titles:
                    certified[site] = certified.get(site, 0) + 1
                sample = samples.get(site)
                if sample is None:
                    samples[site] = [worker_id]
                elif len(sample) < sample_size:
                    sample.append(worker_id)
            if out is not None:
                person = cells[i_name].strip() if i_name is not None else empty
                if person:
                    person = _text_cell(person)
                # an identifier starting with "-" is formula-like text ("'-x"), unless it
                # reads as a number ("-5" stays "-5"): csv_cell decides, as on the per-row path
                if worker_id[0] == "-":
                    worker_id = csv_cell(worker_id)
                if site[0] == "-":
                    site = csv_cell(site)
                chunk.append(f"{worker_id},{person},{site},{entry[0]}\n")
                if len(chunk) >= 4096:
                    if not wrote_header:
                        out.write(_header_line(self.profiles))
                        wrote_header = True
                    out.writelines(chunk)
                    chunk.clear()
        if out is not None and chunk:
            if not wrote_header:
                out.write(_header_line(self.profiles))
            out.writelines(chunk)

    def totals(self, costed: bool = True) -> StreamTotals:
        totals = empty_totals()
        count = 0
        for key, (_, n, _) in self.entries.items():
            count += n
            if costed:
                money: tuple[Decimal, ...] = self.profiles.money(*key)
                for field, value in zip(MONEY_FIELDS, money, strict=True):
                    totals[field] += value * n
        return StreamTotals(totals, count)


def _header_line(profiles: _Profiles) -> str:
    buffer = io.StringIO()
    csv_writer(buffer).writerow(profiles.columns or [])
    return buffer.getvalue()


def _date(hired: str, as_of: dt.date) -> dt.date | None:
    """The date, or None when it is bad or after `as_of` (the slow path reports it)."""
    if not _DATE(hired):
        return None
    try:
        date = dt.date.fromisoformat(hired)
    except ValueError:
        return None
    if date > as_of:
        return None
    return date


def pay_csv(
    path: str | os.PathLike[str],
    rules: Rules,
    as_of: dt.date | None,
    output: str | None,
    year: int | None = None,
) -> StreamTotals:
    """`swplan pay ROSTER.csv --format csv`: stream to `output` (atomically) or stdout.

    Stdout gets nothing until the whole roster has passed, so bad input writes nothing.
    """
    from ..progress import row_progress

    with row_progress(path, "pay") as progress, output_file(output) as f:
        return stream_pay(path, rules, as_of, f, progress, year=year)


def named_workers(path: str | os.PathLike[str], rules: Rules, ids: Collection[str]) -> list[Worker]:
    """The workers of a (valid, already streamed) CSV roster whose ids are in `ids`."""
    from .loading import open_csv

    table, records = open_csv(path)
    columns = table.columns
    i_id = columns.index("id")
    out: list[Worker] = []
    for line, cells in records:
        if len(cells) != len(columns) or cells[i_id].strip() not in ids:
            continue
        row = Row(line, {c: (v.strip() or None) for c, v in zip(columns, cells, strict=True)})

        def origin_of(key: str, row: Row = row) -> Origin:
            return Origin(table.file, table.where(row, key))

        worker = parse_worker(row.cells.get, origin_of, rules, [])
        if worker is not None:
            out.append(worker)
    return out


def summarise_roster(
    path: str | os.PathLike[str],
    rules: Rules,
    as_of: dt.date | None,
    wanted_ids: Collection[str] = (),
    year: int | None = None,
) -> RosterSummary:
    """Load and cost a roster at `as_of`; a CSV roster is streamed, never held in memory.

    `as_of=None` checks and counts without pay's as-of rules (for `staff`); with `year`,
    the cost is that of the calendar year, month by month (for `budget`). For a
    streamed roster, `ids` tells which of `wanted_ids` (the workers named by exam
    passes) are on it, so no set of a million ids has to travel.
    """
    from ..calc.pay import pay
    from ..progress import row_progress
    from .loading import file_format
    from .records import load_roster

    if file_format(path) == "csv":
        counts = RosterCounts()
        with row_progress(path, "roster") as progress:
            streamed = stream_pay(
                path,
                rules,
                as_of or dt.date.max,
                None,
                progress,
                counts,
                costed=as_of is not None or year is not None,
                year=year,
            )
        cost = streamed.totals["annual_cost"]
        found = {i for i in wanted_ids if i in streamed.ids}
        # award conditions judge the workers the passes name: read those rows again
        named = named_workers(path, rules, found) if found and rules.awards_judge_workers else []
        return RosterSummary(cost, streamed.count, counts, named, found)
    if year is not None:
        workers = load_roster(path, rules, year=year)
        cost = pay(rules, workers, year=year).totals["annual_cost"]
    else:
        workers = load_roster(path, rules, as_of=as_of)
        cost = pay(rules, workers, as_of).totals["annual_cost"] if as_of else Decimal(0)
    return RosterSummary(cost, len(workers), RosterCounts.of(workers, rules), workers, None)
