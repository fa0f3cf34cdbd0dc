"""`pay` written as CSV or JSON while the roster is read, one line per worker.

The same bytes as the pay report rendered whole (`pay_report` then `render`), for a
roster of any size: each profile's part of a line (everything after `id, name, site`)
is formatted once, from the row of `pay_row_json`, and each worker's line is the
row's own cells followed by that part. No worker is held, so memory stays flat.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from ..calc.costing import RosterCosting, SiteSums
from ..calc.pay import PayResult
from ..identity import shown_id
from ..model import RosterRow
from ..render import csv_cell, csv_writer, flatten, id_note, spreadsheet_number
from ..rules import Rules
from .pay import PAY_HEADERS_ZH, pay_csv_word, pay_report, pay_row_json

_NEEDS_QUOTES = re.compile(r'[,"\r\n]').search
# text written as it is: letters, digits, "_" and "-" (not first), as most ids and names are
_plain = re.compile(r"[^\W_-][\w-]*\Z").match
_JSON_ESCAPES = re.compile(r'["\\\x00-\x1f]').search
BOM = "\ufeff"  # starts a zh CSV, as `render.report_csv` writes it, even with no rows
_ROW_HEAD = ("id", "name", "site")
_WORKERS = '"workers": []'  # where a document without its workers is cut in two


def _text_cell(value: str) -> str:
    """One text cell exactly as `csv.writer` writes `render.csv_cell(value)`."""
    value = csv_cell(value)
    if _NEEDS_QUOTES(value):
        return '"' + value.replace('"', '""') + '"'
    return value


def _json_text(value: str) -> str:
    """`json.dumps(value, ensure_ascii=False)`, without the call for the usual text."""
    if _JSON_ESCAPES(value):
        return json.dumps(value, ensure_ascii=False)
    return '"' + value + '"'


def _json_tail(row: dict[str, Any]) -> str:
    """The lines of a pay row's JSON object after `"site"`, as they sit in the document
    (`json.dumps(indent=2)`, the object two levels deep)."""
    assert tuple(row)[:3] == _ROW_HEAD
    lines = json.dumps(row, ensure_ascii=False, indent=2).split("\n")
    return "\n".join("    " + line for line in lines[4:])


def streamed_result(costing: RosterCosting, totals: dict[str, Decimal], count: int) -> PayResult:
    """The `PayResult` of a roster read row by row: its totals, no worker rows."""
    if costing.year is not None:  # as `pay.pay` gives it for a year
        return PayResult(dt.date(costing.year, 1, 1), [], totals, count, costing.year)
    return PayResult(costing.as_of, [], totals, count)


def by_site_iter(sums: SiteSums) -> Iterator[dict[str, Any]]:
    """The `by_site` rows of the pay report, from the sums kept while reading, one at
    a time."""
    from ..money import fmt_money

    for site, n, money in sums.groups():
        yield {"site": site, "workers": n, **{k: fmt_money(v) for k, v in money.items()}}


class PayStreamWriter:
    """Writes `pay` as CSV (`fmt="csv"`, with `lang="zh"` that of `--lang zh`) or JSON
    to `out`, a worker at a time; with `by_site`, the CSV is one row per site (written
    at the end) and the JSON ends with the sites' sums."""

    def __init__(
        self,
        costing: RosterCosting,
        out: IO[str],
        *,
        fmt: str = "csv",
        lang: str = "en",
        by_site: bool = False,
    ) -> None:
        self.costing = costing
        self.rules: Rules = costing.shown
        self.out = out
        self.fmt = fmt
        self.lang = lang
        self.by_site = by_site
        self.lists = not (by_site and fmt == "csv")  # a line per worker
        self.word: Any = None
        self.ids_seen = True  # zh CSV: until an id a spreadsheet takes for a number
        if fmt == "csv" and lang == "zh":
            self.word = pay_csv_word(costing.rules)  # the rules of every date, as the report
            self.ids_seen = False
        self.tails: list[str | None] = []  # per profile number
        self.columns: list[str] | None = None
        self.chunk: list[str] = []
        self.wrote = False  # JSON: a worker's object has been written
        self.header_written = False  # CSV
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="")
        if self.lists and fmt == "json":
            out.write(self._frame(None, {}, 0)[0])
            self.row = self.row_json  # type: ignore[method-assign]

    # ------------------------------------------------------------------ per profile

    def tail(self, number: int) -> str:
        """A profile's part of a line (everything after `id, name, site`)."""
        tails = self.tails
        if number >= len(tails):
            tails.extend([None] * (number + 1 - len(tails)))
        found = tails[number]
        if found is None:
            row = pay_row_json("", None, "", self.costing.figures(number), self.rules)
            if self.fmt == "json":
                found = _json_tail(row)
            else:
                flat = flatten(row)
                if self.columns is None:
                    self.columns = list(flat)
                word = self.word
                if word is None:
                    cells = [csv_cell(v) for k, v in flat.items() if k not in _ROW_HEAD]
                else:
                    cells = [csv_cell(word(k, v)) for k, v in flat.items() if k not in _ROW_HEAD]
                self._buffer.seek(0)
                self._buffer.truncate()
                self._writer.writerow(cells)
                found = self._buffer.getvalue()
            tails[number] = found
        return found

    # ------------------------------------------------------------------ per worker

    def row(self, row: RosterRow, number: int) -> None:
        """Write one worker's line (`row_json` for JSON: chosen once, in `__init__`)."""
        tails = self.tails
        tail = tails[number] if number < len(tails) else None
        if tail is None:
            tail = self.tail(number)
        worker_id, site, person = row.id, row.site, row.name
        if len(worker_id) in (15, 18):  # an identity number is shown masked
            worker_id = shown_id(worker_id)
        # an identifier starting with "-" is formula-like text ("'-x"), unless it reads
        # as a number ("-5" stays "-5"): csv_cell decides, as on the report's path
        if worker_id[0] == "-":
            worker_id = csv_cell(worker_id)
        if _plain(site) is None:
            site = _text_cell(site)
        if not person:
            person = ""
        elif _plain(person) is None:
            person = _text_cell(person)
        if not self.ids_seen and (spreadsheet_number(row.id) or spreadsheet_number(row.site)):
            self.ids_seen = True
            id_note(row.id if spreadsheet_number(row.id) else row.site)
        chunk = self.chunk
        chunk.append(f"{worker_id},{person},{site},{tail}\n")
        if len(chunk) >= 4096:
            self.flush()

    def row_json(self, row: RosterRow, number: int) -> None:
        tails = self.tails
        tail = tails[number] if number < len(tails) else None
        if tail is None:
            tail = self.tail(number)
        person, site, escapes = row.name, row.site, _JSON_ESCAPES
        # an id is letters, digits, "_" and "-": nothing to escape
        name = "null" if not person else _json_text(person) if escapes(person) else f'"{person}"'
        site = _json_text(site) if escapes(site) else f'"{site}"'
        ident = shown_id(row.id) if len(row.id) in (15, 18) else row.id
        self.chunk.append(
            f'{"," if self.wrote else ""}\n    {{\n      "id": "{ident}",\n'
            f'      "name": {name},\n      "site": {site},\n{tail}'
        )
        self.wrote = True
        if len(self.chunk) >= 1024:
            self.flush()

    def flush(self) -> None:
        if not self.chunk:
            return
        if self.fmt == "csv" and not self.header_written:
            self.out.write(self.header_line())
            self.header_written = True
        self.out.writelines(self.chunk)
        self.chunk.clear()

    def header_line(self) -> str:
        """The CSV header (zh: after a UTF-8 BOM, the column names in Chinese)."""
        buffer = io.StringIO()
        columns = self.columns or []
        word = self.word
        if word is None:
            csv_writer(buffer).writerow(columns)
            return buffer.getvalue()
        from ..render import zh_csv_header

        buffer.write(BOM)
        csv_writer(buffer).writerow(
            [PAY_HEADERS_ZH.get(c) or zh_csv_header(c, word) for c in columns]
        )
        return buffer.getvalue()

    # ------------------------------------------------------------------ the end

    def finish(self, totals: dict[str, Decimal], count: int, sums: SiteSums | None) -> None:
        """Everything after the last worker: the JSON's totals (and sites), or the CSV
        rows of the sites."""
        out = self.out
        if self.lists:
            listed = bool(self.chunk) or self.header_written
            self.flush()
            if self.fmt == "json":
                out.write("\n  " if self.wrote else "")
                out.writelines(self._end(sums, totals, count))
            elif not listed and self.word is not None:
                out.write(BOM)  # no worker: no header either, as the report gives it
            return
        from ..render import render

        assert sums is not None
        report = pay_report(
            streamed_result(self.costing, totals, count), self.costing.rules, self.lang, "site"
        )
        from ..render_view import Made

        report.items = Made(len(sums), lambda: by_site_iter(sums))  # made as written
        out.writelines(render(report, "csv"))

    def _frame(self, sums: SiteSums | None, totals: dict[str, Decimal], count: int) -> list[str]:
        """The pay document around its workers: [up to `"workers": [`, from `]` to the
        end]; with `sums`, the document of `pay --by site`."""
        start = "".join(self._document(sums, totals, count))
        cut = start.index(_WORKERS) + len(_WORKERS) - 1
        return [start[:cut], start[cut:]]

    def _end(self, sums: SiteSums | None, totals: dict[str, Decimal], count: int) -> Iterator[str]:
        """`_frame(...)[1]` in chunks, the sites' rows made as they are written: a
        national `pay --by site` has 600,000 (the whole text at once passed 2 GiB)."""
        chunks = self._document(sums, totals, count)
        head = ""
        for chunk in chunks:  # up to the workers, a few chunks in
            head += chunk
            at = head.find(_WORKERS)
            if at >= 0:
                yield head[at + len(_WORKERS) - 1 :]
                break
        else:
            raise ValueError(f"no {_WORKERS} in the pay document")
        yield from chunks

    def _document(
        self, sums: SiteSums | None, totals: dict[str, Decimal], count: int
    ) -> Iterator[str]:
        """The text of the pay document without its workers (`json.dumps`'s, in
        chunks); with `sums`, of `pay --by site`, its sites' rows made one by one."""
        from ..calc.pay import empty_totals
        from ..json_text import json_chunks
        from ..render_view import Made

        result = streamed_result(self.costing, totals or empty_totals(), count)
        by = None if sums is None else "site"
        data = pay_report(result, self.costing.rules, "en", by).json_data()
        if sums is not None:
            data["by_site"] = Made(len(sums), lambda: by_site_iter(sums))
        return json_chunks(data)
