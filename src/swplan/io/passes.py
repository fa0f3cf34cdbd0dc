"""Exam passes and the awards ledger as read from their files (recording is `ledger`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..errors import InputError, Problem
from ..identity import parse_id_number
from ..messages import msg
from ..model import ExamPass, LedgerRow, Origin
from ..rules import Rules
from ..values import halfwidth
from . import notes
from .fields import (
    Fields,
    MonthDates,
    table_origin,
    unknown_keys,
    vocabulary_word,
    yaml_origin,
    yaml_records,
)
from .headers import (
    PASS_COLUMNS,
    plain_header_problems,
    table_fits,
)
from .journal import refuse_if_pending
from .ledger_lock import reading_lock
from .source import OpenTable, open_table
from .table import Table
from .text import file_format, split_sheet
from .yamldoc import Document, load_yaml


def exam_pass(f: Fields, worker_id: str | None, rules: Rules, origin: Origin) -> ExamPass | None:
    exam = f.parsed("exam", lambda text: vocabulary_word(rules, "exam", text), required=True)
    passed_on = f.date("passed_on", required=True)
    name = f.text("name")
    exam_year = _exam_year(f)
    if exam is None or passed_on is None or worker_id is None:
        return None
    # a later message about the pass points at the cell it is about
    wheres = Wheres(f.origin_of, _PASS_FIELDS)
    return ExamPass(worker_id, exam, passed_on, replace(origin, wheres=wheres), name, exam_year)


_PASS_FIELDS = ("worker_id", "exam", "passed_on", "exam_year")


class Wheres(Mapping[str, str]):
    """Where each of a record's fields is (`Origin.wheres`), worked out only when a
    message asks: most passes are never the subject of one, and a national run reads
    81,197 of them. Pickled as the plain mapping."""

    __slots__ = ("_origin_of", "_keys")

    def __init__(self, origin_of: Callable[[str], Origin], keys: tuple[str, ...]) -> None:
        self._origin_of = origin_of
        self._keys = keys

    def __getitem__(self, key: str) -> str:
        if key not in self._keys:
            raise KeyError(key)
        return self._origin_of(key).where

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (dict(self),))


def worker_id(f: Fields, table: Table | None) -> str | None:
    """The worker id of a pass or ledger row: an identity number (身份证号, x as X) when
    the table names workers by it, else an identifier."""
    if table is not None and table.id_numbers:
        return f.parsed("worker_id", parse_id_number, required=True)
    return f.ident("worker_id", required=True)


def _exam_year(f: Fields) -> int | None:
    """The `exam_year` cell (考试年度): `2023`, `2023年` or `2023年度`; None when empty."""
    text = f.text("exam_year")
    if text is None:
        return None
    plain = halfwidth(text).removesuffix("度").removesuffix("年").strip()
    if plain.endswith(".0"):  # a number cell read as text
        plain = plain[:-2]
    if plain.isascii() and plain.isdigit() and 1900 <= int(plain) <= 2200:
        return int(plain)
    f.problems.append(f.origin_of("exam_year").problem(msg("schemes.not_a_year", value=text)))
    return None


# --------------------------------------------------------------------------- passes, ledger


def load_passes(
    path: str | os.PathLike[str], rules: Rules, source: Document | OpenTable | None = None
) -> list[ExamPass]:
    problems: list[Problem] = []
    passes: list[ExamPass] = []
    if file_format(path) == "yaml":
        doc = source if isinstance(source, Document) else load_yaml(path)
        records = yaml_records(doc, "passes", "passes")
        problems += unknown_keys(doc.data, ["passes"], doc, ())
        for path_, item in records:
            problems += unknown_keys(item, PASS_COLUMNS, doc, path_)
            origin_of = yaml_origin(doc, path_, "passes")
            f = Fields(item.get, origin_of, problems)
            p = exam_pass(f, f.ident("worker_id", required=True), rules, origin_of(""))
            if p:
                passes.append(p)
    else:
        opened = (
            source
            if isinstance(source, OpenTable)
            else open_table(path, table_fits("passes", rules))
        )
        table, problems = opened.table, opened.problems
        header = plain_header_problems(table, "passes", rules)
        if header:
            opened.drain()
            raise InputError([*header, *problems])  # the header explains the rows
        months = MonthDates(table.file)
        for row in opened.rows():
            origin_of = table_origin(table, row)
            f = Fields(row.cells.get, origin_of, problems, months)
            origin = Origin(table.file, table.where(row, "worker_id"), kind="passes")
            p = exam_pass(f, worker_id(f, table), rules, origin)
            if p:
                passes.append(p)
        notes.add(months.note())
    if problems:
        raise InputError(problems)
    return passes


def _has_text(path: str | os.PathLike[str]) -> bool:
    with open(path, "rb") as f:
        return bool(f.read().removeprefix(b"\xef\xbb\xbf").strip())


@dataclass
class LedgerRead:
    """A ledger as read: its rows, its table (None: an empty or missing file) and the
    cells of its last data row as written (how new rows should look)."""

    rows: list[LedgerRow]
    table: Table | None = None
    last: dict[str, str | None] | None = None


def load_ledger(
    path: str | os.PathLike[str], rules: Rules | None = None, *, source: OpenTable | None = None
) -> list[LedgerRow]:
    """The ledger of awards paid; a missing file, or one with nothing but a BOM or blank
    lines (Excel's empty "CSV UTF-8"), is an empty ledger.

    With `rules`, an exam written by its label or alias is read as its key; an exam
    the rules do not know stays as written (the ledger may hold retired awards).
    `source`: the file, already opened by `check`. The ledger is read under its shared
    lock (never while a run appends to it), and a ledger whose last append was cut short
    is refused until a recording run takes it back (see `journal`).
    """
    file = split_sheet(path)[0]
    with reading_lock(file) as fd:
        if fd is not None and file_format(path) != "xlsx":
            refuse_if_pending(file, fd)
        return read_ledger(path, rules, source=source).rows


def read_ledger(
    path: str | os.PathLike[str], rules: Rules | None = None, *, source: OpenTable | None = None
) -> LedgerRead:
    """`load_ledger`'s reading, for a caller that holds the ledger's lock."""
    file = split_sheet(path)[0]
    if source is None and (
        not os.path.exists(file)
        or (os.path.isfile(file) and os.path.getsize(file) < 64 and not _has_text(file))
    ):
        return LedgerRead([])
    opened = source or open_table(path, table_fits("ledger", rules))
    table, problems = opened.table, opened.problems
    header = plain_header_problems(table, "ledger", rules)
    if header:
        opened.drain()
        raise InputError([*header, *problems])  # the header explains the rows
    rows: list[LedgerRow] = []
    last: dict[str, str | None] | None = None
    months = MonthDates(table.file)
    for row in opened.rows():
        origin_of = table_origin(table, row)
        f = Fields(row.cells.get, origin_of, problems, months)
        who = worker_id(f, table)
        written = f.text("exam")
        exam = rules.word("exam", written) if rules is not None else None
        if exam is None:
            exam = f.ident("exam", required=True)
        amount = f.amount("amount", required=True)
        paid_on = f.date("paid_on", required=True)
        last = row.cells
        scheme = f.text("scheme")  # which scheme paid it: the awards place the row
        if who and exam and amount is not None and paid_on:
            wheres = {k: origin_of(k).where for k in ("worker_id", "scheme")}
            origin = Origin(table.file, wheres["worker_id"], kind="ledger", wheres=wheres)
            rows.append(LedgerRow(who, exam, amount, paid_on, scheme, origin))
    if problems:
        raise InputError(problems)
    notes.add(months.note())
    return LedgerRead(rows, table, last)
