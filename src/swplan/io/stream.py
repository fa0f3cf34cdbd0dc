"""Streaming pay for big CSV rosters: the same numbers as `pay.pay`, row by row.

A national roster has 1.5 million rows but only a few thousand distinct profiles
(education, title, rating, post, years). Each row's cells are judged by
`records.WorkerRules`, once per distinct text, then by dict look-ups; its profile's
figures come from a cache, and the output line is the row's own cells followed by
the cached, already formatted figures. No per-row object is kept, so memory stays
flat whatever the size.

A row with any problem is read by `WorkerRules.worker`, so the error messages are
exactly those of every other reader. On any problem nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from ..calc.pay import MONEY_FIELDS, PayCalculator, YearCosting, empty_totals
from ..calc.staffing import RosterCounts, RosterSummary
from ..errors import InputError, Problem
from ..model import Origin, Worker
from ..render import csv_cell, csv_writer, flatten
from ..rules import Rules
from ..values import IDENT_RE, parse_cell_date
from .atomic import output_file
from .loading import Row, Table, open_csv
from .records import UniqueIds, WorkerRules, roster_header_problems, table_fits

_IDENT = IDENT_RE.match
_ANNUAL_COST = MONEY_FIELDS.index("annual_cost")
_NEEDS_QUOTES = re.compile(r'[,"\r\n]').search
BOM = "\ufeff"  # starts a zh CSV, as `render.report_csv` writes it, even with no rows


@dataclass
class StreamTotals:
    totals: dict[str, Decimal]
    count: int
    ids: Collection[str] = ()
    workers: list[Worker] = field(default_factory=list)  # those of `wanted_ids`
    # with `by="site"`: each site (in order of first appearance) -> [workers, *money sums]
    by_site: dict[str, list[Any]] | None = None


def _text_cell(value: str) -> str:
    """One text cell exactly as `csv.writer` writes `render.csv_cell(value)`."""
    value = csv_cell(value)
    if _NEEDS_QUOTES(value):
        return '"' + value.replace('"', '""') + '"'
    return value


class _Profiles:
    """Figures and the formatted tail of the output row, per profile.

    A profile is (education, title, rating, post) and then the years: the years on
    the as-of day, or with `year` each month's years and the first month paid.

    `fmt` is the output format: "csv" (the row's cells after `id, name, site`) or
    "json" (the row's object after `"site"`, indented as in the whole document).
    With `lang="zh"` the CSV cells and header are those of `--lang zh` (vocabulary
    labels, 是/否, Chinese column names); JSON is the same in every language.
    """

    def __init__(
        self,
        rules: Rules,
        as_of: dt.date,
        year: int | None = None,
        fmt: str = "csv",
        lang: str = "en",
    ) -> None:
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
        self.fmt = fmt
        self.word: Callable[[str, Any], Any] | None = None
        if fmt == "csv" and lang == "zh":
            from ..report.reports import pay_csv_word

            self.word = pay_csv_word(rules)  # as `pay_report` gives it: the rules of every date
        self.cache: dict[tuple[Any, ...], tuple[str, Any]] = {}
        self.columns: list[str] | None = None
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="")

    def get(self, key: tuple[Any, ...]) -> tuple[str, Any]:
        hit = self.cache.get(key)
        if hit is None:
            from ..report.reports import pay_row_json

            figures = self.figures(*key)
            row = pay_row_json("", None, "", figures, self.rules)
            if self.fmt == "json":
                hit = (_json_tail(row), figures)
            else:
                flat = flatten(row)
                if self.columns is None:
                    self.columns = list(flat)
                word = self.word
                if word is None:
                    tail = [csv_cell(v) for k, v in flat.items() if k not in _ROW_HEAD]
                else:
                    tail = [csv_cell(word(k, v)) for k, v in flat.items() if k not in _ROW_HEAD]
                self._buffer.seek(0)
                self._buffer.truncate()
                self._writer.writerow(tail)
                hit = (self._buffer.getvalue(), figures)
            self.cache[key] = hit
        return hit

    def header_line(self) -> str:
        """The CSV header (zh: after a UTF-8 BOM, the column names in Chinese)."""
        buffer = io.StringIO()
        columns = self.columns or []
        word = self.word
        if word is None:
            csv_writer(buffer).writerow(columns)
            return buffer.getvalue()
        from ..render import zh_csv_header
        from ..report.reports import PAY_HEADERS_ZH

        buffer.write(BOM)
        csv_writer(buffer).writerow(
            [PAY_HEADERS_ZH.get(c) or zh_csv_header(c, word) for c in columns]
        )
        return buffer.getvalue()


_ROW_HEAD = ("id", "name", "site")


def _json_tail(row: dict[str, Any]) -> str:
    """The lines of a pay row's JSON object after `"site"`, as they sit in the document
    (`json.dumps(indent=2)`, the object two levels deep)."""
    assert tuple(row)[:3] == _ROW_HEAD
    lines = json.dumps(row, ensure_ascii=False, indent=2).split("\n")
    return "\n".join("    " + line for line in lines[4:])


_JSON_ESCAPES = re.compile(r'["\\\x00-\x1f]').search


def _json_text(value: str) -> str:
    """`json.dumps(value, ensure_ascii=False)`, without the call for the usual text."""
    if _JSON_ESCAPES(value):
        return json.dumps(value, ensure_ascii=False)
    return '"' + value + '"'


def _json_frame(
    rules: Rules,
    as_of: dt.date,
    totals: dict[str, Decimal],
    count: int,
    year: int | None,
    by_site: dict[str, list[Any]] | None = None,
) -> list[str]:
    """The pay document around its workers: [up to `"workers": [`, from `]` to the end];
    with `by_site`, the document of `pay --by site`."""
    from ..report.reports import pay_report

    by = None if by_site is None else "site"
    data = pay_report(_result(as_of, totals, count, year), rules, "en", by).json_data()
    if by_site is not None:
        data["by_site"] = _by_site_rows(by_site)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    cut = text.index('"workers": []') + len('"workers": [')
    return [text[:cut], text[cut:]]


def _by_site_rows(by_site: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """The `by_site` rows of the pay report, from the sums kept while streaming."""
    from ..money import fmt_money

    return [
        {
            "site": site,
            "workers": sums[0],
            **{k: fmt_money(v) for k, v in zip(MONEY_FIELDS, sums[1:], strict=True)},
        }
        for site, sums in by_site.items()
    ]


def _result(as_of: dt.date, totals: dict[str, Decimal], count: int, year: int | None) -> Any:
    """The `PayResult` of a streamed roster: its totals, no worker rows."""
    from ..calc.pay import PayResult

    if year is not None:  # as `pay.pay` gives it for a year
        return PayResult(dt.date(year, 1, 1), [], totals, count, year)
    return PayResult(as_of, [], totals, count)


def stream_pay(
    path: str | os.PathLike[str],
    rules: Rules,
    as_of: dt.date | None,
    out: IO[str] | None,
    progress: Callable[[int], None] | None = None,
    counts: RosterCounts | None = None,
    costed: bool = True,
    wanted_ids: Collection[str] = (),
    fmt: str = "csv",
    year: int | None = None,
    lang: str = "en",
    by: str | None = None,
) -> StreamTotals:
    """Pay every worker of a CSV roster, writing CSV lines (or, with `fmt="json"`, the
    whole JSON document) to `out` (None: totals only); `lang="zh"` CSV is that of
    `--lang zh`. With `by="site"`, the sums of each site are kept too: the JSON ends
    with them, and the CSV is one row per site, as `pay --by site` gives them.

    `costed=False` checks and counts only (for `staff`): the totals stay zero.
    With `year`, each worker's cost of that calendar year, month by month.

    With `counts`, also count workers and certified workers per site into it, and
    return the worker ids (what `budget` needs of a national roster). The workers
    named in `wanted_ids` come back as records in `workers` (what `awards` needs).
    Raises `InputError` with every problem; the caller discards `out` in that case.
    """
    problems: list[Problem] = []
    table, records = open_csv(path, problems, table_fits("roster", rules))
    return stream_table(
        table,
        records,
        problems,
        rules,
        as_of,
        out,
        progress,
        counts,
        costed,
        wanted_ids,
        fmt,
        year,
        lang,
        by,
    )


def stream_table(
    table: Table,
    records: Iterator[tuple[int, list[str]]],
    problems: list[Problem],
    rules: Rules,
    as_of: dt.date | None,
    out: IO[str] | None = None,
    progress: Callable[[int], None] | None = None,
    counts: RosterCounts | None = None,
    costed: bool = True,
    wanted_ids: Collection[str] = (),
    fmt: str = "csv",
    year: int | None = None,
    lang: str = "en",
    by: str | None = None,
) -> StreamTotals:
    """`stream_pay` on a CSV file already opened by `loading.open_csv`."""
    as_of = dt.date(year, 12, 31) if year is not None else (as_of or rules.effective)
    header = roster_header_problems(table, rules)
    if header:  # as the whole-file reader does: rows of the wrong width are named too
        for _ in records:
            pass
        raise InputError([*header, *problems])  # the header explains the rows
    by_site = by == "site"
    # by site, CSV has a row per site and none per worker: the rows are only counted
    listed = out if not (by_site and fmt == "csv") else None
    scan = _Scan(
        table, rules, as_of, problems, formatted=listed is not None, fmt=fmt, year=year, lang=lang
    )
    if by_site:
        scan.by_site = {}
    if listed is not None and fmt == "json":
        listed.write(_json_frame(rules, as_of, empty_totals(), 0, year)[0])
    scan.rows(records, listed, progress, counts, wanted_ids)
    if problems:
        raise InputError(problems)
    from . import notes

    notes.add(scan.check.disagreement_note(table.file))
    result = scan.totals(costed)
    result.by_site = scan.by_site
    if listed is not None and fmt == "json":
        end = _json_frame(rules, as_of, result.totals, result.count, year, scan.by_site)[1]
        listed.write(("\n  " if scan.wrote_rows else "") + end)
    elif out is not None and scan.by_site is not None:  # CSV: a row per site
        from ..render import render
        from ..report.reports import pay_report

        report = pay_report(_result(as_of, result.totals, result.count, year), rules, lang, by)
        report.items = _by_site_rows(scan.by_site)
        out.writelines(render(report, "csv"))
    result.workers = scan.wanted
    result.ids = scan.ids
    return result


class _Scan:
    """One pass over the rows of a roster CSV.

    Owns no rule: every cell is judged by `WorkerRules` (once per distinct text or
    profile, then cached), and a row with any problem is read by `WorkerRules.worker`,
    so its messages are those of every other reader.
    """

    def __init__(
        self,
        table: Table,
        rules: Rules,
        as_of: dt.date,
        problems: list[Problem],
        *,
        formatted: bool,
        fmt: str = "csv",
        year: int | None = None,
        lang: str = "en",
    ) -> None:
        self.table = table
        self.name = table.file
        self.columns = table.columns
        self.rules = rules
        self.as_of = as_of
        self.check = WorkerRules(rules, None if year is not None else as_of, table=True, year=year)
        self.formatted = formatted  # build each profile's output line tail
        self.problems = problems
        self.profiles = _Profiles(rules, as_of, year, fmt, lang)
        self.wrote_rows = False
        self.default_post = self.profiles.calc.default_post()
        # profile (education, title, rating, post, *years) -> [formatted tail, count, title,
        # money figures (only when sums go to sites, else None)]
        self.entries: dict[tuple[Any, ...], list[Any]] = {}
        self.site_costs = False  # each worker's cost goes to their site (`budget --by site`)
        # `pay --by site`: each site's workers and money sums, in order of first appearance
        self.by_site: dict[str, list[Any]] | None = None
        self.wanted: list[Worker] = []
        self.ids: Collection[str] = ()

    def entry(self, key: tuple[Any, ...]) -> list[Any]:
        entry = self.entries.get(key)
        if entry is None:
            # the formatted output line tail only when there is output to write
            tail = self.profiles.get(key)[0] if self.formatted else None
            # the money figures only where a row's sums go to its site
            money = (
                self.profiles.money(*key) if self.site_costs or self.by_site is not None else None
            )
            entry = self.entries[key] = [tail, 0, key[1], money]
        return entry

    def profile_words(self, cells: tuple[str, str, str, str]) -> tuple[Any, ...] | None:
        words = self.check.profile(cells)
        if words is None:
            return None
        education, title, rating, post = words
        return (education, title, rating, post or self.default_post)

    def years_key(
        self, hired: dt.date | None, given: int | None, education: str, not_counted: int
    ) -> tuple[Any, ...]:
        """The years part of a profile key: the service years on the as-of day, or with
        a year each month's years and the first month paid."""
        costing = self.profiles.costing
        if costing is not None:
            bases, first = costing.base_years(hired, given)
            return (costing.years(education, bases, not_counted), first)
        calc = self.profiles.calc
        base = calc.base_years(hired, given, self.as_of)
        return (calc.service_years(education, base, not_counted),)

    def service_key(
        self, hired: str, given: str, education: str, not_counted: str
    ) -> tuple[Any, ...] | None:
        """`years_key` from the cells, or None when they break a rule of `WorkerRules`."""
        service = self.check.service(hired, given, not_counted)
        if service is None:
            return None
        return self.years_key(service[0], service[1], education, service[2])

    def both(self, line: int, hired: str, years: str) -> None:
        """Note the row when its `hired` and `years_of_service` disagree."""
        try:
            disagree = self.check.disagrees(parse_cell_date(hired), self.check.years(years.strip()))
        except ValueError:  # a bad years_of_service beside a good hired: hired is used
            return
        if disagree:
            self.check.disagree.append(self.table.cell(line, self.columns.index("hired")))

    def record(self, line: int, cells: list[str]) -> Worker:
        """The `Worker` of a row that has passed."""
        table = self.table
        row = Row(line, {c: (v.strip() or None) for c, v in zip(self.columns, cells, strict=True)})
        worker = self.check.worker(
            row.cells.get, lambda key: Origin(table.file, table.where(row, key)), []
        )
        assert worker is not None
        return worker

    def slow_row(self, line: int, cells: list[str]) -> tuple[str | None, str, list[Any] | None]:
        """Read a row the ordinary way, so its problems read exactly as the ordinary ones.

        Returns (id, site, entry); a row with problems has no entry, and its id (when
        readable) still counts for duplicate ids, as in `records.load_roster`.
        """
        name, table, problems = self.name, self.table, self.problems
        row = Row(line, {c: (v.strip() or None) for c, v in zip(self.columns, cells, strict=True)})
        before = len(problems)
        worker = self.check.worker(
            row.cells.get, lambda key: Origin(name, table.where(row, key)), problems
        )
        if worker is None or len(problems) > before:
            raw = row.cells.get("id")
            return (raw if raw and _IDENT(raw) else None), "", None
        words = self.profile_words(
            (worker.education, worker.title, worker.performance or "", worker.post or "")
        )
        assert words is not None
        years = self.years_key(
            worker.hired, worker.years_of_service, worker.education, worker.years_not_counted
        )
        return worker.id, worker.site, self.entry((*words, *years))

    def rows(
        self,
        records: Iterator[tuple[int, list[str]]],
        out: IO[str] | None,
        progress: Callable[[int], None] | None,
        counts: RosterCounts | None,
        wanted_ids: Collection[str] = (),
    ) -> None:
        col = {c: i for i, c in enumerate(self.columns)}
        i_id, i_site, i_edu, i_title = col["id"], col["site"], col["education"], col["title"]
        i_name, i_post, i_perf = col.get("name"), col.get("post"), col.get("performance")
        i_hired, i_years = col.get("hired"), col.get("years_of_service")
        i_nc = col.get("years_not_counted")
        i_employment = col.get("employment")
        employment_ok: dict[str, bool] = {"": True}  # cell -> names an employment type
        certified_titles = self.rules.certified_titles
        name, problems, entries = self.name, self.problems, self.entries
        words_of: dict[tuple[str, str, str, str], tuple[Any, ...] | None] = {}
        # (hired, years_of_service, education as the rules name it, years_not_counted)
        # cells -> the years part of the profile key (None: the row has a problem)
        years_of: dict[tuple[str, str, str, str], tuple[Any, ...] | None] = {}
        service_key = self.service_key
        table = self.table
        ids = UniqueIds("worker id", lambda line: Origin(name, table.cell(line, i_id)))
        first_line = ids.first
        self.ids = first_line.keys()
        wanted = self.wanted
        if counts is not None:
            current, certified = counts.current, counts.certified
            samples, sample_size = counts.sample_ids, counts.SAMPLE
            add_cost = counts.add_cost
            self.site_costs = counts.costs is not None
        site_costs = self.site_costs
        by_site = self.by_site
        ident = _IDENT
        empty = ""
        chunk: list[str] = []
        wrote_header = False  # JSON: a row was written
        json_out = self.profiles.fmt == "json"
        first_row, next_row = "\n", ",\n"
        done = 0
        for line, cells in records:
            done += 1
            if progress is not None and not done & 0xFFFF:
                progress(done)
            worker_id = cells[i_id]
            site = cells[i_site]
            wkey = (
                cells[i_edu],
                cells[i_title],
                cells[i_perf] if i_perf is not None else empty,
                cells[i_post] if i_post is not None else empty,
            )
            words = words_of.get(wkey, wkey)
            if words is wkey:
                words = words_of[wkey] = self.profile_words(wkey)
            hired = cells[i_hired] if i_hired is not None else empty
            given = cells[i_years] if i_years is not None else empty
            ykey = (
                hired,
                given,
                words[0] if words is not None else empty,
                cells[i_nc] if i_nc is not None else empty,
            )
            years = years_of.get(ykey, ykey)  # cached by the cells' text
            if years is ykey:
                years = years_of[ykey] = service_key(*ykey)
            if hired and given and years is not None:  # both given: hired was used
                self.both(line, hired, given)
            if i_employment is not None:
                employment = cells[i_employment]
                known = employment_ok.get(employment)
                if known is None:
                    known = employment_ok[employment] = self.check.employment_ok(employment)
                if not known:
                    years = None  # the row is read in full, which words the problem
            plain_site = ident(site) is not None  # written as it is, without escapes
            if words is None or years is None or ident(worker_id) is None or not plain_site:
                slow_id, site, entry = self.slow_row(line, cells)
                if slow_id is None:
                    continue
                worker_id = slow_id
                plain_site = ident(site) is not None
            else:
                key = (*words, *years)
                entry = entries.get(key)
                if entry is None:
                    entry = self.entry(key)
            if worker_id in first_line:
                problems.append(ids.duplicate(worker_id, line))
                continue
            first_line[worker_id] = line
            if entry is None:
                continue  # a row with problems: its id counted, nothing else
            entry[1] += 1
            if wanted_ids and worker_id in wanted_ids:  # read in full: few rows
                wanted.append(self.record(line, cells))
            if counts is not None:  # RosterCounts.add, inlined: once per worker
                current[site] = current.get(site, 0) + 1
                if entry[2] in certified_titles:
                    certified[site] = certified.get(site, 0) + 1
                sample = samples.get(site)
                if sample is None:
                    samples[site] = [worker_id]
                elif len(sample) < sample_size:
                    sample.append(worker_id)
                if site_costs:  # budget --by site
                    add_cost(worker_id, site, entry[3][_ANNUAL_COST])
            if by_site is not None:  # pay --by site
                sums = by_site.get(site)
                if sums is None:
                    sums = by_site[site] = [0, *(Decimal(0) for _ in MONEY_FIELDS)]
                sums[0] += 1
                for i, value in enumerate(entry[3], 1):
                    sums[i] += value
            if out is not None:
                if json_out:
                    person = cells[i_name].strip() if i_name is not None else empty
                    site_json = '"' + site + '"' if plain_site else _json_text(site)
                    chunk.append(
                        f'{next_row if wrote_header else first_row}    {{\n      "id": "{worker_id}",\n'
                        f'      "name": {_json_text(person) if person else "null"},\n'
                        f'      "site": {site_json},\n'
                        f"{entry[0]}"
                    )
                    wrote_header = True
                    if len(chunk) >= 1024:
                        out.writelines(chunk)
                        chunk.clear()
                    continue
                person = cells[i_name].strip() if i_name is not None else empty
                if person:
                    person = _text_cell(person)
                # an identifier starting with "-" is formula-like text ("'-x"), unless it
                # reads as a number ("-5" stays "-5"): csv_cell decides, as on the per-row path
                if worker_id[0] == "-":
                    worker_id = csv_cell(worker_id)
                if not plain_site:
                    site = _text_cell(site)
                elif site[0] == "-":
                    site = csv_cell(site)
                chunk.append(f"{worker_id},{person},{site},{entry[0]}\n")
                if len(chunk) >= 4096:
                    if not wrote_header:
                        out.write(self.profiles.header_line())
                        wrote_header = True
                    out.writelines(chunk)
                    chunk.clear()
        self.wrote_rows = wrote_header
        if out is not None and chunk:
            if not wrote_header and not json_out:
                out.write(self.profiles.header_line())
            out.writelines(chunk)
        elif out is not None and not wrote_header and self.profiles.word is not None:
            out.write(BOM)  # no worker: no header either, as the report gives it

    def totals(self, costed: bool = True) -> StreamTotals:
        totals = empty_totals()
        count = 0
        for key, (_, n, _, _) in self.entries.items():
            count += n
            if costed:
                money: tuple[Decimal, ...] = self.profiles.money(*key)
                for field, value in zip(MONEY_FIELDS, money, strict=True):
                    totals[field] += value * n
        return StreamTotals(totals, count)


def pay_streamed(
    path: str | os.PathLike[str],
    rules: Rules,
    as_of: dt.date | None,
    output: str | None,
    fmt: str = "csv",
    year: int | None = None,
    lang: str = "en",
    by: str | None = None,
) -> StreamTotals:
    """`swplan pay ROSTER.csv --format csv|json [--by site]`: stream to `output`
    (atomically) or stdout.

    Stdout gets nothing until the whole roster has passed, so bad input writes nothing.
    """
    from ..progress import row_progress

    with row_progress(path, "pay") as progress, output_file(output) as f:
        return stream_pay(path, rules, as_of, f, progress, fmt=fmt, year=year, lang=lang, by=by)


def pay_csv(
    path: str | os.PathLike[str],
    rules: Rules,
    as_of: dt.date | None,
    output: str | None,
    year: int | None = None,
) -> StreamTotals:
    """`swplan pay ROSTER.csv --format csv` (see `pay_streamed`)."""
    return pay_streamed(path, rules, as_of, output, "csv", year)


# A table or Markdown list of more workers than this shows the totals and says how to
# get every row: a terminal cannot usefully show more, and building it would hold them all.
TABLE_ROWS = 5000


def too_many_rows(
    path: str | os.PathLike[str],
    rules: Rules,
    as_of: dt.date | None,
    lang: str,
    year: int | None = None,
    by: str | None = None,
) -> Any:
    """For `pay` as a table: None when the roster is small enough to list, else a report
    without the worker rows, with a note saying how to get them (memory stays flat).

    Without `by`, that report has the totals only. With `by="site"`, it has each site's
    subtotal, when there are not more sites than a table lists; else the totals only,
    and the note says how to get the subtotals too.
    """
    from ..progress import row_progress
    from ..report.labels import words
    from ..report.reports import pay_report

    as_of = as_of or rules.effective
    with row_progress(path, "pay") as progress:
        streamed = stream_pay(path, rules, as_of, None, progress, year=year, by=by)
    if streamed.count <= TABLE_ROWS:
        return None
    result = _result(as_of, streamed.totals, streamed.count, year)
    count = f"{streamed.count:,}"
    by_site = streamed.by_site
    if by_site is not None and len(by_site) <= TABLE_ROWS:
        report = pay_report(result, rules, lang, by, _site_groups(by_site))
        note = words("too_many_workers_by_site", lang, count=count)
    else:
        report = pay_report(result, rules, lang)
        note = words("too_many_workers", lang, count=count)
        if by_site is not None:
            note = words("too_many_sites", lang, count=count, sites=f"{len(by_site):,}")
    for view in report.table_views():
        view.notes.append(note)
    return report


def _site_groups(by_site: dict[str, list[Any]]) -> list[Any]:
    """The streamed sums of each site as `reports.pay_by_site` gives them, no workers."""
    return [
        (site, [], sums[0], dict(zip(MONEY_FIELDS, sums[1:], strict=True)))
        for site, sums in by_site.items()
    ]


def explain_streamed(
    path: str | os.PathLike[str],
    rules: Rules,
    as_of: dt.date | None,
    worker_id: str,
    year: int | None = None,
) -> tuple[list[Worker], Collection[str]]:
    """For `pay ROSTER.csv --explain ID`: the worker with that id (none: an empty list)
    and the roster's ids in file order (for an unknown id's did-you-mean).

    Every row is read and checked as `pay` checks it, so a problem anywhere in the
    roster is reported as it is on every other path; only the one worker is kept.
    """
    from ..progress import row_progress

    with row_progress(path, "pay") as progress:
        streamed = stream_pay(path, rules, as_of, None, progress, wanted_ids={worker_id}, year=year)
    return streamed.workers, streamed.ids


def summarise_roster(
    path: str | os.PathLike[str],
    rules: Rules,
    as_of: dt.date | None,
    wanted_ids: Collection[str] = (),
    year: int | None = None,
    by_site: bool = False,
) -> RosterSummary:
    """Load and cost a roster at `as_of`; a CSV roster is streamed, never held in memory.

    `as_of=None` checks and counts without pay's as-of rules (for `staff`); with `year`,
    the cost is that of the calendar year, month by month (for `budget`). For a
    streamed roster, `ids` tells which of `wanted_ids` (the workers named by exam
    passes) are on it, so no set of a million ids has to travel. With `by_site`, the
    counts also hold each site's cost and the sites of the workers in `wanted_ids`
    (`RosterCounts.with_costs`), for `budget --by site`.
    """
    from ..calc.pay import pay
    from ..progress import row_progress
    from . import notes
    from .loading import file_format
    from .records import load_roster

    if file_format(path) == "csv":
        counts = RosterCounts()
        if by_site:
            counts.with_costs(wanted_ids)
        # award conditions judge the workers the passes name: only those are kept
        judged = wanted_ids if rules.awards_judge_workers else ()
        with row_progress(path, "roster") as progress:
            streamed = stream_pay(
                path,
                rules,
                as_of or dt.date.max,
                None,
                progress,
                counts,
                costed=as_of is not None or year is not None,
                wanted_ids=judged,
                year=year,
            )
        cost = streamed.totals["annual_cost"]
        found = {i for i in wanted_ids if i in streamed.ids}
        return RosterSummary(cost, streamed.count, counts, streamed.workers, found, notes.take())
    paid = None
    if year is not None:
        workers = load_roster(path, rules, year=year)
        paid = pay(rules, workers, year=year)
    else:
        workers = load_roster(path, rules, as_of=as_of)
        paid = pay(rules, workers, as_of) if as_of else None
    counts = RosterCounts.of(workers, rules)
    if by_site and paid is not None:  # the roster is held: anyone's awards go to their site
        counts.with_costs([w.id for w in workers])
        for w in paid.workers:
            counts.add_cost(w.id, w.site, w.figures.annual_cost)
    cost = paid.totals["annual_cost"] if paid is not None else Decimal(0)
    return RosterSummary(cost, len(workers), counts, workers, None, notes.take())


def load_roster_for_awards(
    path: str | os.PathLike[str], rules: Rules, wanted_ids: Collection[str]
) -> tuple[list[Worker], Collection[str] | None]:
    """The workers `awards` needs and the roster's ids (None: the workers' own).

    A YAML or Excel roster is loaded whole (it carries exams); a CSV roster has none,
    so it is streamed and only the workers named in `wanted_ids` are kept.
    """
    from ..progress import row_progress
    from .loading import file_format
    from .records import load_roster

    if file_format(path) != "csv":
        return load_roster(path, rules), None
    with row_progress(path, "roster") as progress:
        streamed = stream_pay(
            path, rules, dt.date.max, None, progress, costed=False, wanted_ids=wanted_ids
        )
    return streamed.workers, streamed.ids
