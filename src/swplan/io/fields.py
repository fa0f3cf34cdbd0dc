"""Typed values out of one record of any format (a YAML mapping or a table row), with
every problem collected at its own place; the one duplicate-id rule."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from ..errors import InputError, Problem
from ..messages import Text, did_you_mean, msg
from ..model import Origin
from ..rules import Rules
from ..values import (
    cell_date,
    parse_amount,
    parse_count,
    parse_ident,
    parse_site_id,
    reason,
)
from .headers import KIND_WORDS, wrong_kind
from .table import Row, Table
from .yamldoc import Document, format_path

T = TypeVar("T")


# --------------------------------------------------------------------------- fields


class Fields:
    """Reads typed values out of one record, collecting problems instead of stopping.

    Every value goes through one parser (`swplan.values` or a `WorkerRules` method),
    whichever reader (YAML, CSV, Excel, streamed) the record came from.
    """

    def __init__(
        self,
        get: Callable[[str], Any],
        origin_of: Callable[[str], Origin],
        problems: list[Problem],
        months: MonthDates | None = None,
    ) -> None:
        self.get = get
        self.origin_of = origin_of
        self.problems = problems
        self.months = months

    def fail(self, key: str, message: Text) -> None:
        self.problems.append(self.origin_of(key).problem(message, key))

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.get(key)
        if value is None:
            if required:
                self.fail(key, msg("file.missing"))
            return None
        if not isinstance(value, str):
            self.fail(key, msg("file.single"))
            return None
        value = value.strip()
        if not value:
            if required:
                self.fail(key, msg("file.missing"))
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
            self.fail(key, reason(exc))
            return None

    def ident(self, key: str, *, required: bool = False) -> str | None:
        return self.parsed(key, parse_ident, required=required)

    def site_id(self, key: str, *, required: bool = False) -> str | None:
        return self.parsed(key, parse_site_id, required=required)

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        """A date cell; a month without a day is its 1st, counted in `months`."""
        found = self.parsed(key, cell_date, required=required)
        if found is None:
            return None
        day, month_only = found
        if month_only and self.months is not None:
            self.months.add(self.origin_of(key).where)
        return day

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
                self.fail(key, msg("file.missing"))
            return None
        try:
            return vocabulary_word(rules, vocabulary, value)
        except ValueError as exc:
            self.fail(key, reason(exc))
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
        raise ValueError(rules.not_a_word(vocabulary, text))
    return found


class MonthDates:
    """The date cells of one file written as a month without a day (`2019.07`), each
    read as the 1st of its month: one note counts them and names the first few."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.places: list[str] = []

    def add(self, where: str) -> None:
        self.places.append(where)

    def note(self) -> list[Text]:
        """The note (none when no cell was a month)."""
        if not self.places:
            return []
        shown = ", ".join(self.places[:5]) + (", ..." if len(self.places) > 5 else "")
        return [msg("bureau.month_dates", file=self.file, n=len(self.places), cells=shown)]


class UniqueIds:
    """The one duplicate-id rule: the first record of an id wins, each repeat is a problem.

    `first` maps an id to where it was first seen (an `Origin`, or a line number for
    the streamed readers, which `place` turns into an `Origin`).
    """

    def __init__(self, what: str, place: Callable[[Any], Origin] | None = None) -> None:
        self.what = what
        self.place = place
        self.first: dict[str, Any] = {}
        self.show: Callable[[str], str] | None = None  # how an id is shown (masked)

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
        key = "file.duplicate_worker" if self.what == "worker id" else "file.duplicate_site"
        shown = self.show(ident) if self.show is not None else ident
        return here.problem(msg(key, id=shown, at=f"{earlier.file}:{earlier.where}"), "id")


def unknown_keys(
    data: Mapping[str, Any], allowed: Iterable[str], doc: Document, path: tuple[str | int, ...]
) -> list[Problem]:
    allowed = list(allowed)
    return [
        doc.problem(
            (*path, key),
            msg(
                "file.unknown_key",
                key=key,
                allowed=", ".join(allowed),
                hint=did_you_mean(_closest(str(key), allowed)),
            ),
            key=True,
        )
        for key in data
        if key not in allowed
    ]


def _closest(text: str, words: list[str]) -> str | None:
    close = difflib.get_close_matches(text, words, n=1, cutoff=0.6)
    return close[0] if close else None


def yaml_records(
    doc: Document, top: str, kind: str
) -> list[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """The list under the top-level key `top`, each item a mapping."""
    data = doc.data
    if not isinstance(data, dict) or top not in data:
        tops = {"workers": "roster", "sites": "populations", "passes": "passes"}
        other = next((tops[k] for k in tops if isinstance(data, dict) and k in data), None)
        if other is not None:  # the files given in the wrong order
            message = wrong_kind(other, kind)
        else:
            message = msg("file.needs_top", kind=KIND_WORDS[kind], top=f"{top}:")
        raise InputError([doc.problem((), message)])  # type: ignore[arg-type]
    items = data[top]
    if items is None:
        items = []
    if not isinstance(items, list):
        raise InputError([doc.problem((top,), msg("file.top_not_list", top=top))])
    out: list[tuple[tuple[str | int, ...], dict[str, Any]]] = []
    problems = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(doc.problem((top, i), msg("file.entry_not_mapping")))
            continue
        out.append(((top, i), item))
    if problems:
        raise InputError(problems)
    return out


def yaml_origin(
    doc: Document, path: tuple[str | int, ...], kind: str | None = None
) -> Callable[[str], Origin]:
    """Where the field `key` of the entry at `path` is; `kind`: the data file's kind, so
    that Chinese names the field by its header."""
    prefix = format_path(path)

    def origin_of(key: str) -> Origin:
        return Origin(doc.file, doc.where((*path, key) if key else path), prefix, kind)

    return origin_of


def table_origin(table: Table, row: Any) -> Callable[[str], Origin]:
    def origin_of(key: str) -> Origin:
        return Origin(table.file, table.where(row, key), "", table.kind, table.headers)

    return origin_of


def merged_numbers(table: Table, row: Row, keys: Iterable[str]) -> list[Problem]:
    """A number cell filled from a merged cell over several rows: each row needs its own."""
    if not table.merged:
        return []
    return [
        table.problem(row, key, msg("file.merged_number"))
        for key in keys
        if key in table.columns and (row.number, table.columns.index(key)) in table.merged
    ]
