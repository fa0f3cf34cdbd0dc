"""A big CSV roster read in columns: the same rows as `RosterRows`, judged per distinct value.

A national roster (1.5 million rows) has a few thousand distinct sets of facts and
service cells, one id per row and a few hundred thousand sites. Read by polars into
columns, each column's distinct values are judged once by the very rules of the row
reader (`WorkerRules`), and each row becomes a few integers. Nothing is judged twice
and nothing is judged differently: the rules are the row reader's own.

The columns are taken only for a file the row reader would read without a word: a
plain UTF-8 CSV whose header is its first line, with no quotes, no blank or ragged
line, no totals, example or footer row, and rows that are all good. Anything else —
a bad cell, a duplicate id, a month without a day, a hire date and years of service
that disagree, an identity-number column — returns None, and the caller reads the
file row by row, which words every problem at its cell exactly as always. So the
columnar reader can make a run faster, never different.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Facts, Service, Site
from ..values import site_id_ok
from .csvfile import csv_delimiter
from .headers import ID_NUMBER, ROSTER_COLUMNS
from .roster import RosterRows
from .skips import (
    ASCII_MARKS,
    LABEL_COLUMNS,
    LABEL_FIRST,
    LABEL_LAST,
    SPECIAL_FIRST,
    marks_a_skip,
    totals_label,
)
from .table import Table
from .worker_rules import Bad

if TYPE_CHECKING:
    from .populations import SiteRows

# Rosters of this size or more are read in columns (`SWPLAN_COLUMNAR_BYTES` changes it;
# 0: every CSV roster the columnar reader takes). Below it, importing the engine costs
# more than it saves.
COLUMNAR_BYTES = 8 << 20
_TOTAL_WORDS = ["total", "totals", "subtotal"]
_PLAIN_ID = r"^[A-Za-z0-9_-]+$"  # ids the row reader's IDENT_RE takes, ASCII only
_PLAIN_SITE = r"^[!-~](?:[ -~]*[!-~])?$"  # printable ASCII with no space at either end


def engine() -> Any:
    """polars, or None where it is not installed (the row reader does everything)."""
    try:
        import polars
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return polars


def columnar_bytes() -> int:
    text = os.environ.get("SWPLAN_COLUMNAR_BYTES", "")
    return int(text) if text.isdigit() else COLUMNAR_BYTES


@dataclass
class RosterColumns:
    """A roster's good rows as columns, in file order.

    `pair[i]` numbers row i's (facts, service) pair; `pairs` lists each pair once, in
    the order of its first row, as indexes into `facts` and `services`.
    """

    ids: Any  # polars Series of str
    names: Any  # str, "" where the row gives none (the row reader's None)
    sites: Any  # str
    pair: Any  # polars Series of int
    pairs: list[tuple[int, int]]
    facts: list[Facts]
    services: list[Service]

    @property
    def count(self) -> int:
        return len(self.ids)

    def ids_in_order(self) -> Collection[str]:
        """Every id, in roster order (as `RosterRows.ids.first.keys()` gives them)."""
        return dict.fromkeys(self.ids.to_list()).keys()


def read_columns(rows: RosterRows) -> RosterColumns | None:
    """The rows of `rows` (opened, not yet iterated) as columns, or None when the file
    must be read row by row (see the module's docstring)."""
    table = rows.table
    if table is None or not _plain_file(rows):
        return None
    pl = engine()  # imported only now: a small roster never loads it
    if pl is None:
        return None
    frame = _read(pl, rows.path, len(table.columns))
    if frame is None:
        return None
    col = {c: f"c{i}" for i, c in reversed(list(enumerate(table.columns)))}
    n = frame.height

    def column(key: str) -> Any:
        name = col.get(key)
        return frame.get_column(name) if name is not None else pl.repeat("", n, eager=True)

    ids, sites, names = column("id"), column("site"), column("name")
    if not _ids_plain(ids) or not _sites_plain(sites):
        return None
    if not _no_skipped_rows(pl, frame, table.columns):
        return None
    check = rows.check
    months = len(check.months)
    facts_keys = ["education", "title", "performance", "post", "employment"]
    if "area" in col:
        facts_keys.append("area")
    service_keys = ["hired", "years_of_service", "years_not_counted"]
    if "title_since" in col:
        service_keys.append("title_since")
    fcode, fcombos = _groups(pl, [column(k) for k in facts_keys])
    scode, scombos = _groups(pl, [column(k) for k in service_keys])
    judged_facts = [check.facts(*cells) for cells in fcombos]
    services = [check.service(*cells) for cells in scombos]
    facts = [f for f in judged_facts if isinstance(f, Facts)]
    if len(facts) != len(judged_facts) or any(type(s) is Bad for s in services):
        return None
    if len(check.months) != months or any(s.disagrees for s in services):
        return None  # notes naming rows: the row reader words them
    pair, pairs = _pairs(pl, fcode, scode)  # (facts, service) numbered as facts are
    return RosterColumns(ids, _stripped(names), sites, pair, pairs, facts, services)


# a cell Python's strip changes begins or ends with one of these: regex's \s (Unicode
# White_Space) and the separators U+001C-U+001F, which str.isspace also counts
SPACE_AT_AN_END = r"^[\s\x1c-\x1f]|[\s\x1c-\x1f]$"


def _stripped(names: Any) -> Any:
    """Each name as the row reader has it, stripped by Python's own rule ("" for none):
    polars' strip leaves the separators U+001C-U+001F, which Python's takes. Only the
    names with a space at an end are looked at (a national roster's names are a million
    distinct)."""
    near = names.filter(names.str.contains(SPACE_AT_AN_END)).unique().to_list()
    odd = [n for n in near if n != n.strip()]
    return names.replace(odd, [n.strip() for n in odd]) if odd else names


def _plain_file(rows: RosterRows) -> bool:
    """Whether the file is a CSV the columns can stand for: header on line 1 (no title
    row, no two-row header), commas, no identity numbers, no site areas to fill in,
    nothing wrong so far, and big enough to be worth it."""
    table = rows.table
    assert table is not None
    if rows.yaml or rows.opened.records is None or rows.problems or table.id_numbers:
        return False
    if ID_NUMBER in table.columns:
        return False
    if rows.check.site_areas is not None and rows.check.areas:
        return False
    if not any(c in ROSTER_COLUMNS for c in table.columns):
        return False
    return _big_plain_csv(table, rows.path)


def _big_plain_csv(table: Table, path: str | os.PathLike[str]) -> bool:
    """What a roster and a populations file alike need to be read in columns: the
    header on line 1 (no title row, no two-row header), commas, a regular file, and big
    enough to be worth it."""
    if table.header_row != 1 or table.header_lines != 1 or csv_delimiter(path) != ",":
        return False
    try:
        st = os.stat(path)
    except OSError:
        return False
    return os.path.isfile(path) and st.st_size >= columnar_bytes()


def _read(pl: Any, path: str | os.PathLike[str], width: int) -> Any:
    """The file's data rows as text columns (see `_frame`), or None."""
    try:
        with open(os.fspath(path), "rb") as f:
            data = f.read()
    except OSError:
        return None
    return _frame(pl, data, width)


def _frame(pl: Any, data: bytes, width: int) -> Any:
    """The file's data rows as text columns c0, c1, ...; None when a line is blank or
    ragged, a cell quoted, the text not UTF-8, or a line ends in a lone CR."""
    if b'"' in data or b"\x00" in data:
        return None
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return None
    try:
        frame = pl.read_csv(
            data,
            has_header=True,
            new_columns=[f"c{i}" for i in range(width)],
            infer_schema=False,
            quote_char=None,
            empty_string_is_null=False,
            encoding="utf8",
        )
    except Exception:  # not UTF-8, a longer line: the row reader says which line
        return None
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    # every line a row (a blank line is none), each with exactly the header's cells
    if frame.width != width or lines != frame.height + 1:
        return None
    if data.count(b",") != (width - 1) * lines:
        return None
    return frame


def _groups(pl: Any, columns: Sequence[Any]) -> tuple[Any, list[tuple[Any, ...]]]:
    """Per row the number of its combination of the columns' cells, and each
    combination once (the number is its index)."""
    frame = pl.DataFrame({f"k{i}": c for i, c in enumerate(columns)})
    keys = list(frame.columns)
    combos = frame.unique(subset=keys, maintain_order=True)
    numbered = combos.with_row_index("number")
    joined = frame.join(numbered, on=keys, how="left", maintain_order="left")
    return joined.get_column("number").cast(pl.Int64), list(combos.iter_rows())


def _pairs(pl: Any, first: Any, second: Any) -> tuple[Any, list[tuple[int, int]]]:
    """`_groups` of two columns of codes (0 or more), faster: each pair as one integer,
    numbered by its first appearance. A national roster has 635,000 distinct pairs."""
    top = second.max()
    width = 1 if top is None else int(top) + 1
    one = first * width + second  # below 2**41 for codes below 1.5 million
    firsts = one.filter(one.is_first_distinct())
    numbered = pl.DataFrame({"k": firsts, "n": pl.int_range(len(firsts), eager=True)})
    joined = pl.DataFrame({"k": one}).join(numbered, on="k", how="left", maintain_order="left")
    pairs = zip((firsts // width).to_list(), (firsts % width).to_list(), strict=True)
    return joined.get_column("n").cast(pl.Int64), list(pairs)


def _ids_plain(ids: Any) -> bool:
    """Every id is letters, digits, "_" or "-" (ASCII) and none repeats."""
    if not bool(ids.str.contains(_PLAIN_ID).all()):
        return False
    return not bool(ids.is_duplicated().any())


def _sites_plain(sites: Any) -> bool:
    """Every site cell is one the row reader takes as it stands (`site_id_ok`)."""
    distinct = sites.unique()
    odd = distinct.filter(~distinct.str.contains(_PLAIN_SITE) | (distinct.str.len_chars() > 64))
    return all(site_id_ok(s) for s in odd.to_list())


def _no_skipped_rows(pl: Any, frame: Any, columns: Sequence[str]) -> bool:
    """No row the row reader would skip: no totals label in an id, name, site or kind
    cell, and a first cell that is filled and marks no totals, example or footer row.

    Only the cells that could (by their first or last character) are looked at closely,
    with the row reader's own functions."""
    first = frame.get_column("c0")
    if bool((first.str.strip_chars() == "").any()):
        return False
    if not _none_marked(first, SPECIAL_FIRST, marks_a_skip):
        return False
    for i, key in enumerate(columns):
        if key in LABEL_COLUMNS:
            cells = frame.get_column(f"c{i}")
            short = cells.filter(cells.str.len_bytes() <= 8)  # total, totals, subtotal
            if bool(short.str.to_lowercase().is_in(_TOTAL_WORDS).any()):
                return False
            near = cells.filter(
                cells.str.slice(0, 1).is_in(sorted(LABEL_FIRST))
                | cells.str.slice(-1, 1).is_in(sorted(LABEL_LAST))
            )
            if any(totals_label(c) for c in near.unique().to_list()):
                return False
    return True


def _none_marked(distinct: Any, first_chars: frozenset[str], marks: Any) -> bool:
    """Whether no value whose first character is one of `first_chars` is `marks`ed.

    A value of ASCII letters and digits alone (`S000123`) is looked at only when it is
    one of the words that mark a row (as `skips.ordinary` decides)."""
    near = distinct.filter(distinct.str.slice(0, 1).is_in(sorted(first_chars)))
    word = near.str.contains(r"^[A-Za-z0-9]+$")
    near = near.filter(~word | near.str.to_lowercase().is_in(sorted(ASCII_MARKS))).unique()
    return not any(marks(c) for c in near.to_list())


@dataclass
class SiteColumns:
    """A populations file's sites as columns, in file order: each category's clients
    (0 for none), in the rules' order of categories."""

    ids: list[str]
    names: list[str | None]
    kinds: list[str | None]
    clients: list[tuple[str, list[int]]]

    @property
    def count(self) -> int:
        return len(self.ids)

    def sites(self) -> list[Site]:
        """The `Site` of each row, as the row reader builds it."""
        keys = [c for c, _ in self.clients]
        rows = zip(self.ids, self.names, self.kinds, *(n for _, n in self.clients), strict=True)
        return [
            Site(ident, name, kind, {c: n for c, n in zip(keys, counts, strict=True) if n})
            for ident, name, kind, *counts in rows
        ]


def read_site_columns(rows: SiteRows) -> SiteColumns | None:
    """The sites of `rows` (a populations file opened, not yet iterated) as columns, or
    None when the file must be read row by row: the same conditions as a roster's, and
    only an id, a name, a kind and the categories' columns. Fills in what the row reader
    would have gathered: the clients read per category and the sites of unlisted kinds."""
    table = rows.table
    if table is None or not _plain_sites_file(rows):
        return None
    pl = engine()
    if pl is None:
        return None
    frame = _read(pl, rows.path, len(table.columns))
    if frame is None:
        return None
    col = {c: frame.get_column(f"c{i}") for i, c in enumerate(table.columns)}
    ids = col["id"]
    if not _sites_plain(ids) or bool(ids.is_duplicated().any()):
        return None
    if not _no_skipped_rows(pl, frame, table.columns):
        return None
    check = rows.check
    n = frame.height
    names = _judged(col.get("name"), n, check.name)
    kinds = _judged(col.get("kind"), n, check.kind)

    def counted(cell: Any) -> tuple[int | None, Any]:
        found = check.count(cell)  # a count, or what is wrong with the cell
        return (found, None) if type(found) is int else (None, found)

    clients = []
    for category in rows.rules.categories:
        if category in col:
            counts = _judged(col[category], n, counted)
            if counts is None:
                return None
            clients.append((category, counts))
    if names is None or kinds is None:
        return None
    found = SiteColumns(ids.to_list(), names, kinds, clients)
    _gathered(rows, found)
    return found


def _plain_sites_file(rows: SiteRows) -> bool:
    """Whether a populations file is one the columns can stand for (see `_plain_file`):
    its columns an id, a name, a kind and categories, nothing else to read or ignore."""
    table = rows.table
    assert table is not None
    if rows.opened.records is None or rows.problems or table.ignored:
        return False
    if "id" not in table.columns:
        return False
    if not set(table.columns) <= {"id", "name", "kind", *rows.rules.categories}:
        return False
    return _big_plain_csv(table, rows.path)


def _judged(cells: Any, n: int, judge: Any) -> list[Any] | None:
    """Each cell's value as `judge` (-> (value, problem)) finds it, judged once per
    distinct cell; None when a cell has a problem. No column: None for every row."""
    if cells is None:
        return [None] * n
    values = {}
    for cell in cells.unique().to_list():
        value, problem = judge(cell)
        if problem is not None:
            return None
        values[cell] = value
    return _replaced(cells, values)


def _replaced(cells: Any, values: dict[str, Any]) -> list[Any]:
    """Each cell's value from `values` (every distinct cell in it), mapped by polars."""
    mapped = cells.replace_strict(list(values), list(values.values()))
    return list(mapped.to_list())


def _gathered(rows: SiteRows, found: SiteColumns) -> None:
    """What the row reader gathers as it goes: the clients read per category (keys in
    the order the rows first give them) and the sites of each kind the rules do not list
    (in the order of their first site)."""
    firsts = []
    for order, (category, counts) in enumerate(found.clients):
        first = next((i for i, n in enumerate(counts) if n), None)
        if first is not None:
            firsts.append((first, order, category, sum(counts)))
    rows.totals.sums.update({c: total for _, _, c, total in sorted(firsts)})
    check = rows.check
    unlisted = [k for k in dict.fromkeys(found.kinds) if k is not None and not check.listed(k)]
    for kind in unlisted:
        sites = [i for i, k in zip(found.ids, found.kinds, strict=True) if k == kind]
        rows.unlisted[kind] = [str(len(sites)), *sites[:5]]
