"""Strict reading of YAML, CSV and Excel files.

Nothing here knows what a roster or a rules file means; it turns bytes into plain
data (dicts, lists, strings, None) and remembers where every value came from, so
that validation can point at `FILE:LINE:COL`.

* YAML: safe, duplicate keys refused, tags that build objects refused, alias
  expansion bounded, and every plain scalar kept as a string (`id: 0101` stays
  "0101", `no` stays "no", `0.16` stays "0.16"); the models give values their types.
* Text must be UTF-8 (a BOM is accepted); anything else is one clear error.
"""

from __future__ import annotations

import csv
import difflib
import io
import itertools
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import yaml

from ..errors import InputError, Problem, position

Path_ = tuple[str | int, ...]

# An aliased node may be expanded again at each use; past this many nodes beyond
# the document's own, the file is refused ("billion laughs").
_ALIAS_EXPANSION_BUDGET = 100_000

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "binary")
}
_NULL_TAG = "tag:yaml.org,2002:null"


def _tag_name(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


def display_name(path: str | os.PathLike[str]) -> str:
    return str(path)


# What was read from pipes, FIFOs and devices (`<(...)`), by file identity: such a
# file can be read only once, so a second look (telling its kind, then loading it)
# gets the same bytes instead of waiting forever on an empty pipe.
_READ_ONCE: dict[tuple[int, int], bytes] = {}


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes; a pipe or FIFO is read once and remembered. Raises `OSError`."""
    info = os.stat(path)
    if stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode):
        return Path(path).read_bytes()
    key = (info.st_dev, info.st_ino)
    if key not in _READ_ONCE:
        _READ_ONCE[key] = Path(path).read_bytes()
    return _READ_ONCE[key]


def open_binary(path: str | os.PathLike[str]) -> IO[bytes]:
    """The file opened once for reading in binary: seekable, whatever it is. Raises `OSError`."""
    if stat.S_ISREG(os.stat(path).st_mode):
        return open(path, "rb")  # noqa: SIM115
    return io.BytesIO(read_bytes(path))


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's text: UTF-8 with or without a BOM, or one clear error."""
    return "".join(text_blocks(path))


def text_lines(path: str | os.PathLike[str]) -> Iterator[str]:
    """The file's lines, read a block at a time (memory stays flat), checked as `read_text`.

    Lines end as in the file (`\n`, `\r\n` or `\r`), as `open(newline="")` gives them.
    """
    return itertools.chain.from_iterable(
        io.StringIO(block, newline="") for block in text_blocks(path)
    )


_BLOCK = 1 << 20


def text_blocks(path: str | os.PathLike[str]) -> Iterator[str]:
    """The file's text in blocks of whole lines; the one place a file's bytes are checked.

    A BOM is dropped; UTF-16, a NUL byte (a binary file) or bytes that are not UTF-8
    raise one `InputError` naming the line, whichever comes first in the file, and
    nothing else is reported for that file.
    """
    name = display_name(path)
    try:
        handle = open_binary(path)  # a pipe or FIFO is read once
    except FileNotFoundError:
        raise InputError([Problem(name, "", "", "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", "", "is a directory, not a file")]) from None
    except OSError as exc:
        raise InputError([Problem(name, "", "", f"cannot be read: {exc.strerror}")]) from None
    return _blocks(name, handle)


def _blocks(name: str, handle: Any) -> Iterator[str]:
    with handle:
        try:
            data = handle.read(_BLOCK)
        except IsADirectoryError:
            raise InputError([Problem(name, "", "", "is a directory, not a file")]) from None
        except OSError as exc:
            raise InputError([Problem(name, "", "", f"cannot be read: {exc.strerror}")]) from None
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
            raise InputError(
                [
                    Problem(
                        name,
                        "1",
                        "",
                        "is UTF-16 text, not UTF-8; re-save it as UTF-8 and run again",
                    )
                ]
            )
        line = 1
        while True:
            more = handle.read(_BLOCK) if data else b""
            if more:
                cut = data.rfind(b"\n") + 1  # whole lines (and whole characters) only
                if not cut:
                    data += more
                    continue
                block, data = data[:cut], data[cut:] + more
            else:
                block, data = data, b""
            yield _checked(name, block, line)
            if not data:
                return
            line += block.count(b"\n")


def _checked(name: str, data: bytes, line: int) -> str:
    """`data` (whole lines starting at `line`) as text, or the one error that it is not text."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            [
                Problem(
                    name,
                    str(line + data.count(b"\n", 0, nul)),
                    "",
                    "is a binary file, not UTF-8 text; "
                    "save it as a UTF-8 text file (YAML or CSV) or as .xlsx",
                )
            ]
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            [
                Problem(
                    name,
                    str(line + data.count(b"\n", 0, exc.start)),
                    "",
                    "is not UTF-8 text (files saved from Windows are often GBK); "
                    "re-save it as UTF-8 and run again",
                )
            ]
        ) from None


# --------------------------------------------------------------------------- YAML


def _make_resolver() -> type:
    """A resolver that leaves every plain scalar a string, except an empty one or null."""

    class StringResolver(yaml.resolver.BaseResolver):
        pass

    StringResolver.yaml_implicit_resolvers = {}
    StringResolver.add_implicit_resolver(
        _NULL_TAG,
        __import__("re").compile(r"^(?:~|null|Null|NULL|)$"),
        ["~", "n", "N", ""],
    )
    return StringResolver


_Resolver = _make_resolver()

try:  # the C parser is several times faster on big files; same nodes, same marks
    from yaml._yaml import CParser as _Parser

    class _Composer(_Parser, _Resolver):  # type: ignore[valid-type,misc]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _Resolver.__init__(self)  # type: ignore[misc]

except ImportError:  # pragma: no cover - PyYAML built without libyaml

    class _Composer(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _Resolver,  # type: ignore[valid-type,misc]
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Resolver.__init__(self)  # type: ignore[misc]


@dataclass
class Document:
    """Plain data from one file, with the position of every value and key."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> str:
        """`LINE:COL` of `path`, or of its nearest ancestor the file has."""
        if key and path in self.key_positions:
            return position(*self.key_positions[path])
        probe = tuple(path)
        while True:
            if probe in self.positions:
                return position(*self.positions[probe])
            if probe in self.key_positions:
                return position(*self.key_positions[probe])
            if not probe:
                return "1"  # an empty document: point at its start
            probe = probe[:-1]

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        return Problem(self.file, self.where(path, key=key), format_path(path), message)


def format_path(path: Sequence[str | int]) -> str:
    """`("workers", 3, "education")` -> `workers[3].education`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_yaml(path: str | os.PathLike[str]) -> Document:
    name = display_name(path)
    return parse_yaml(name, read_text(path))


def parse_yaml(name: str, text: str) -> Document:
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = position(mark.line + 1, mark.column + 1) if mark else ""
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        raise InputError([Problem(name, where, "", f"not valid YAML: {what}")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(name, "", "", f"not valid YAML: {exc}")]) from None
    finally:
        dispose = getattr(composer, "dispose", None)
        if dispose:
            dispose()
    doc = Document(name, None)
    if node is None:
        return doc
    # without an anchor there is no alias to expand: skip counting the nodes
    budget = _count_nodes(node) + _ALIAS_EXPANSION_BUDGET if "&" in text else 1 << 62
    builder = _Builder(doc, budget)
    try:
        doc.data = builder.build(node, ())
    except RecursionError:
        builder.problems.append(Problem(name, "", "", "nesting is too deep"))
    except _TooBig:
        pass
    if builder.problems:
        raise InputError(builder.problems)
    return doc


class _TooBig(Exception):
    pass


def _count_nodes(root: yaml.Node) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append(k)
                stack.append(v)
    return len(seen)


class _Builder:
    def __init__(self, doc: Document, budget: int) -> None:
        self.doc = doc
        self.budget = budget
        self.problems: list[Problem] = []

    def fail(self, node: yaml.Node, path: Path_, message: str) -> None:
        self.problems.append(
            Problem(self.doc.file, position(*_mark(node)), format_path(path), message)
        )

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.budget -= 1
        if self.budget < 0:
            # name the top-level entry that explodes; the node itself may be anywhere above
            top = path[:1]
            at = self.doc.key_positions.get(top) or self.doc.positions.get(top) or _mark(node)
            self.problems.append(
                Problem(
                    self.doc.file,
                    position(*at),
                    format_path(top),
                    "too many aliases: this expands to too many values; "
                    "write the values out instead of nesting aliases",
                )
            )
            raise _TooBig
        self.doc.positions[path] = _mark(node)
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _NULL_TAG:
                return None
            if tag not in _STANDARD_TAGS:
                self.fail(
                    node, path, f"YAML tag {_tag_name(tag)!r} is not allowed; write plain values"
                )
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            if tag != _SEQ_TAG:
                self.fail(
                    node, path, f"YAML tag {_tag_name(tag)!r} is not allowed; write plain values"
                )
                return None
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if tag != _MAP_TAG:
            self.fail(node, path, f"YAML tag {_tag_name(tag)!r} is not allowed; write plain values")
            return None
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (
                *_STANDARD_TAGS,
                _NULL_TAG,
            ):
                self.fail(key_node, path, "a key must be a plain word")
                continue
            key = key_node.value
            if key in out:
                seen = self.doc.key_positions.get((*path, key))
                earlier = f" (first at line {seen[0]})" if seen else ""
                self.fail(
                    key_node,
                    (*path, key),
                    f"duplicate key {key!r}{earlier}; each key may appear once",
                )
                continue
            self.doc.key_positions[(*path, key)] = _mark(key_node)
            out[key] = self.build(value_node, (*path, key))
        return out


# --------------------------------------------------------------------------- tables


@dataclass
class Row:
    """One data row of a CSV or Excel table: cells by column, None for empty."""

    number: int  # 1-based line (CSV) or sheet row (Excel)
    cells: dict[str, str | None]


@dataclass
class Table:
    file: str
    columns: list[str]
    rows: list[Row]
    sheet: str | None = None  # Excel only
    header_row: int = 1
    first_column: int = 0  # Excel: empty columns left of the header
    notes: list[str] = field(default_factory=list)  # what was skipped or ignored, for the user
    ignored: list[str] = field(default_factory=list)  # columns swplan does not read
    header_ok: bool = True  # False once the header was found wrong: rows are not data then
    # (row, column) -> the formula, of formula cells with no saved value
    uncached: dict[tuple[int, int], str] = field(default_factory=dict)
    # (row, column) of cells filled from a merged cell spanning rows
    merged: set[tuple[int, int]] = field(default_factory=set)
    # several sheets read as one (`FILE.xlsx#*`): (sheet, first column) of each; a row
    # number is then the sheet's index times SHEET_STRIDE plus its row in the sheet
    parts: list[tuple[str, int]] = field(default_factory=list)

    def sheet_row(self, number: int) -> tuple[str | None, int]:
        """The sheet and row of a row `number`."""
        if self.parts:
            index, row = divmod(number, SHEET_STRIDE)
            return self.parts[index][0], row
        return self.sheet, number

    def cell(self, number: int, index: int) -> str:
        """Position of the cell in row `number`, 0-based column `index`."""
        if self.parts:
            part, row = divmod(number, SHEET_STRIDE)
            ref, first = self.parts[part]
            return f"{ref}!{_column_letter(first + index + 1)}{row}"
        if self.sheet is not None:
            return f"{self.sheet}!{_column_letter(self.first_column + index + 1)}{number}"
        return position(number, index + 1)

    def where(self, row: Row, column: str) -> str:
        index = self.columns.index(column) if column in self.columns else 0
        return self.cell(row.number, index)

    def header_problems(
        self,
        required: Sequence[str],
        optional: Sequence[str],
        headers: Mapping[str, str] | None = None,
        ignore: Sequence[str] = (),
    ) -> list[Problem]:
        """Read the header: each column becomes its swplan key (from the key itself or a
        header in `headers`, see `header_key`); other columns are ignored, with one note.
        The columns headed by one of `ignore` (the rules') are ignored without a note.

        Returns the problems: missing, repeated and mistyped columns.
        """
        keys, problems, ignored = check_header(
            self.file,
            self.columns,
            required,
            optional,
            lambda i: self.cell(self.header_row, i),
            headers or {},
            ignore,
        )
        if keys != self.columns:
            renamed = dict(zip(self.columns, keys, strict=True))
            self.columns = keys
            for row in self.rows:
                row.cells = {renamed.get(k, k): v for k, v in row.cells.items()}
        self.ignored = ignored
        self.header_ok = not problems
        silent = {header_key(h) for h in ignore}
        told = [c for c in ignored if header_key(c) not in silent]
        if told and not problems:
            names = ", ".join(repr(c) for c in told)
            self.notes.append(
                f"{self.file}: ignored the column{'s' if len(told) > 1 else ''} {names}, "
                "which swplan does not use"
            )
        return problems

    def problem(self, row: Row, column: str, message: str) -> Problem:
        return Problem(self.file, self.where(row, column), column, message)


def _column_letter(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def header_key(text: str) -> str:
    """A header as it is matched: spaces removed (U+3000 too), Latin letters in lower case."""
    return "".join(text.split()).lower()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


def _looks_like(header: str, key: str) -> bool:
    """A Latin header close enough to `key` to be a typo of it (never for `id`)."""
    if key == "id" or not header.isascii():
        return False
    return edit_distance(header.lower(), key) <= (2 if len(key) >= 5 else 1)


def check_header(
    file: str,
    columns: list[str],
    required: Sequence[str],
    optional: Sequence[str],
    where: Any,
    headers: Mapping[str, str] | None = None,
    ignore: Sequence[str] = (),
) -> tuple[list[str], list[Problem], list[str]]:
    """The key of each column, the header's problems, and the columns ignored.

    A column is named by its key or by one of `headers` (a header text, as matched by
    `header_key`, to its key). A column that names no key is ignored, unless it looks
    like one that is missing: a Latin header within edit distance 1 of a key (2 for
    keys of five letters or more), or a header containing a known header whose column
    is absent; those are errors with a suggestion. Two columns naming one key, and a
    missing required key, are errors. `where(index)` gives the position of the header
    cell at 0-based `index`. A column headed by one of `ignore` is ignored, whatever
    its header looks like.
    """
    headers = headers or {}
    problems: list[Problem] = []
    allowed = [*required, *optional]
    by_text = {header_key(k): k for k in allowed}
    by_text.update((header_key(h), k) for h, k in headers.items() if k in allowed)
    keys: list[str] = []
    first: dict[str, int] = {}
    unknown: list[int] = []
    skipped = {header_key(h) for h in ignore}
    for i, column in enumerate(columns):
        key = by_text.get(header_key(column)) if column else None
        if column and header_key(column) in skipped:
            key = None
        if key is None:
            keys.append(column)
            unknown.append(i)
            continue
        keys.append(key)
        if key in first:
            earlier = columns[first[key]]
            what = (
                f"column {column!r} appears twice"
                if earlier == column
                else f"columns {earlier!r} and {column!r} both give {key!r}; keep one"
            )
            problems.append(Problem(file, where(i), column, what))
        else:
            first[key] = i
    ignored: list[str] = []
    for i in unknown:
        column = columns[i]
        absent = [k for k in allowed if k not in first]
        typo = [k for k in absent if _looks_like(column, k)] if column else []
        inside = [
            k
            for h, k in headers.items()
            if k in absent and not h.isascii() and header_key(h) in header_key(column)
        ]
        if column and ((not typo and not inside) or header_key(column) in skipped):
            ignored.append(column)
            continue
        hint = (typo or inside or difflib.get_close_matches(column, allowed, n=1, cutoff=0.6))[:1]
        extra = f" (did you mean {hint[0]!r}?)" if hint else ""
        problems.append(
            Problem(
                file,
                where(i),
                column,
                f"unknown column {column!r}{extra}; allowed: {', '.join(allowed)}",
            )
        )
    for column in required:
        if column not in first:
            problems.append(
                Problem(
                    file,
                    where(0),
                    column,
                    f"required column {column!r} is missing; "
                    f"the header needs: {', '.join(required)}",
                )
            )
    return keys, problems, ignored


def second_header(
    header: Sequence[str | None],
    below: Sequence[str | None],
    merged: set[int],
    fits: Callable[[Sequence[str | None]], bool] | None,
) -> list[str | None] | None:
    """The header read together with the row below it (a two-row header), or None.

    The row below is a second header row when it names at least one known column and
    every filled cell of it is under an empty header cell or one of a merged cell
    (`merged`: 0-based columns). Its names then replace the cells above them, such as
    老年人 | 儿童 under a merged 服务对象（人）.
    """
    known = getattr(fits, "known", None)
    filled = [i for i, c in enumerate(below) if c is not None and c.strip()]
    if known is None or not filled or not any(known(below[i]) for i in filled):
        return None
    for i in filled:
        above = header[i] if i < len(header) else None
        if above is not None and above.strip() and i not in merged:
            return None
    width = max(len(header), len(below))
    out: list[str | None] = []
    for i in range(width):
        cell = below[i] if i < len(below) else None
        if cell is not None and not cell.strip():
            cell = None
        out.append(cell if cell is not None else (header[i] if i < len(header) else None))
    return out


def _csv_merged(header: Sequence[str | None]) -> set[int]:
    """The header cells of a CSV that look merged: a filled cell followed by empty ones
    (a merged cell saved as CSV keeps its text in its first cell only)."""
    out: set[int] = set()
    for i, cell in enumerate(header):
        if cell and cell.strip() and i + 1 < len(header) and not (header[i + 1] or "").strip():
            out.add(i)
    return out


def _malformed(name: str, start: int, exc: csv.Error) -> InputError:
    # the record that failed starts at `start`; an unterminated quote only shows at the end
    hint = "; check for an unclosed '\"'" if "end of data" in str(exc) else ""
    message = f"malformed CSV in the record starting at line {start}: {exc}{hint}"
    return InputError([Problem(name, str(start), "", message)])


HEADER_ROWS = 20  # the header is looked for in this many first (non-blank) rows


def csv_delimiter(path: str | os.PathLike[str]) -> str:
    """A `.tsv` file is tab-separated; every other table text file comma-separated."""
    return "\t" if os.fspath(path).lower().endswith(".tsv") else ","


def open_csv(
    path: str | os.PathLike[str],
    problems: list[Problem],
    fits: Callable[[Sequence[str | None]], bool] | None = None,
) -> tuple[Table, Iterator[tuple[int, list[str]]]]:
    """The header of a CSV file (an empty `Table`) and its data records, read lazily.

    The header is the first row, among the first `HEADER_ROWS`, that `fits` (holds the
    columns the file kind needs); rows above it (a title) are not read as data. With
    no such row, or no `fits`, it is the first row. Records come as (line, cells);
    blank ones, and the rows `RowSkips` skips, are left out. The one row rule of every
    CSV reader lives here: a record whose number of cells differs from the header's is
    added to `problems` (and not yielded). A file that is not UTF-8 text or not CSV
    raises one `InputError`, alone, wherever in the file it shows.
    """
    name = display_name(path)
    reader = csv.reader(text_lines(path), strict=True, delimiter=csv_delimiter(path))
    first: list[tuple[int, list[str]]] = []  # the first rows, with the line each starts on
    line = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                first.append((line, cells))
                if fits is None or fits(cells) or len(first) == HEADER_ROWS:
                    break
            line = reader.line_num + 1
    except csv.Error as exc:
        raise _malformed(name, line, exc) from None
    if not first:
        raise InputError([Problem(name, "1", "", "is empty; a header row is required")])
    at = next((i for i, (_, cells) in enumerate(first) if fits and fits(cells)), 0)
    line, header = first[at]
    pending = first[at + 1 :]
    if fits is not None and fits(header):
        below: list[str] | None = None
        below_line = reader.line_num + 1
        try:
            if pending:
                below_line, below = pending[0]
            else:
                below = next(reader, None)
        except csv.Error as exc:
            raise _malformed(name, below_line, exc) from None
        joined = None
        if below is not None:
            joined = second_header(header, below, _csv_merged(header), fits)
        if joined is not None:
            header = [c or "" for c in joined]
            pending = pending[1:]
        elif below is not None and not pending:
            pending = [(below_line, below)]
    table = Table(name, [c.strip() for c in header], [], header_row=line)
    return table, _records(table, reader, len(header), problems, pending)


def _records(
    table: Table,
    reader: Any,
    width: int,
    problems: list[Problem],
    pending: list[tuple[int, list[str]]],
) -> Iterator[tuple[int, list[str]]]:
    name = table.file
    skips = RowSkips(table)  # made at the first row: the header has been read by then
    key = skips.key_index

    def keep(line: int, cells: list[str]) -> bool:
        if not any(c.strip() for c in cells):
            return False
        if len(cells) != width:
            problems.append(
                Problem(
                    name, str(line), "", f"row has {len(cells)} cells but the header has {width}"
                )
            )
            return False
        return not skips.skip(line, cells)

    for line, cells in pending:
        if keep(line, cells):
            yield line, cells
    start = reader.line_num + 1
    special = _SPECIAL_FIRST
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            # the usual row: full width, its first cell an ordinary value, its id filled
            if (
                len(cells) == width
                and (first := cells[0])
                and (first[0] not in special or not _marks_a_skip(first))
                and (key is None or cells[key])
            ):
                yield line, cells
                continue
            if keep(line, cells):
                yield line, cells
    except csv.Error as exc:
        raise _malformed(name, start, exc) from None
    skips.done()


_TOTALS = ("合计", "总计", "小计", "共计")
_TOTAL_WORDS = ("total", "totals", "subtotal")
_EXAMPLES = ("示例", "例", "example")
# first characters a skipped row's first cell can start with (and spaces)
_SPECIAL_FIRST = frozenset("合总小共示例tTsSeE \t\u3000")


def _marks_a_skip(first: str) -> bool:
    """Whether a row's first cell could make it a totals or example row."""
    word = header_key(first)
    return not word or word.startswith(_TOTALS) or word in _TOTAL_WORDS or word in _EXAMPLES


_SKIPPED = {
    "totals": "a totals row",
    "example": "an example row",
    "empty": "no value in any column swplan reads",
}


class RowSkips:
    """The rows of a table that are not data, each named in a note (SPEC §10).

    A totals row (its first filled cell begins with 合计, 总计, 小计 or 共计, or is
    total, totals or subtotal, and its id cell is empty or holds that word), an
    example row (first filled cell 示例, 例 or example), and a row with no value in any
    column swplan reads (a footer such as 填表人 in an ignored column).
    """

    def __init__(self, table: Table) -> None:
        self.table = table
        ignored = set(table.ignored)
        self.used = [i for i, c in enumerate(table.columns) if c not in ignored]
        ids = [i for i, c in enumerate(table.columns) if c in ("id", "worker_id")]
        first = ids or self.used
        self.key_index: int | None = first[0] if first else None
        self.rows: dict[str, list[int]] = {}

    def reason(self, cells: Sequence[str | None]) -> str | None:
        first = next((c for c in cells if c and c.strip()), None)
        if first is None:
            return "empty"
        word = header_key(first)
        key = self.key_index
        if word.startswith(_TOTALS) or word in _TOTAL_WORDS:
            id_cell = header_key(cells[key] or "") if key is not None else ""
            if id_cell in ("", word):
                return "totals"
        if word in _EXAMPLES:
            return "example"
        if not any(cells[i] and cells[i].strip() for i in self.used):  # type: ignore[union-attr]
            return "empty"
        return None

    def skip(self, number: int, cells: Sequence[str | None]) -> bool:
        why = self.reason(cells)
        if why is None:
            return False
        self.rows.setdefault(why, []).append(number)
        return True

    def done(self) -> None:
        """Note every skipped row (see `io.notes`)."""
        from . import notes

        if not self.table.header_ok:
            return
        for why, found in self.rows.items():
            by_sheet: dict[str | None, list[int]] = {}
            for number in found:
                sheet, row = self.table.sheet_row(number)
                by_sheet.setdefault(sheet, []).append(row)
            for sheet, numbers in by_sheet.items():
                shown = ", ".join(str(n) for n in numbers[:10])
                more = f" and {len(numbers) - 10} more" if len(numbers) > 10 else ""
                rows = "row" if len(numbers) == 1 else "rows"
                where = f"{self.table.file} sheet {sheet}" if sheet else self.table.file
                notes.add([f"{where}: skipped {rows} {shown}{more}: {_SKIPPED[why]}"])
        self.rows = {}


def read_csv_table(path: str | os.PathLike[str]) -> tuple[Table, list[Problem]]:
    """Header and rows of a CSV file; rows with the wrong number of cells are problems."""
    problems: list[Problem] = []
    table, records = open_csv(path, problems)
    table.rows.extend(csv_rows(table, records))
    return table, problems


def csv_rows(table: Table, records: Iterator[tuple[int, list[str]]]) -> Iterator[Row]:
    """`open_csv`'s records as `Row`s: cells by column, stripped, None for empty."""
    columns = table.columns
    for line, cells in records:
        yield Row(line, {c: (v.strip() or None) for c, v in zip(columns, cells, strict=True)})


@dataclass
class OpenTable:
    """A table whose header has been read and whose rows are read as they are asked for.

    CSV rows are read lazily (a big file is never held); `problems` collects the rows
    of the wrong width as they are met. `records` are the raw CSV records for the
    streamed readers (None for a workbook, whose rows are in `table.rows`).
    """

    table: Table
    problems: list[Problem]
    records: Iterator[tuple[int, list[str]]] | None = None

    def rows(self) -> Iterator[Row]:
        if self.records is None:
            return _sheet_rows(self.table, self.problems)
        return csv_rows(self.table, self.records)

    def drain(self) -> None:
        """Read the rest, so that every row of the wrong width is in `problems`."""
        for _ in self.records or ():
            pass


def _sheet_rows(table: Table, problems: list[Problem]) -> Iterator[Row]:
    skips = RowSkips(table)
    for row in table.rows:
        if skips.skip(row.number, [row.cells.get(c) for c in table.columns]):
            continue
        before = len(problems)
        for i, column in enumerate(table.columns):
            formula = table.uncached.get((row.number, i))
            if formula is not None and column not in table.ignored:
                problems.append(
                    table.problem(
                        row,
                        column,
                        f"formula {formula[:40]!r} has no saved value; open the file in Excel "
                        "and save it, or type the value",
                    )
                )
        if len(problems) == before:  # else told here, not again as a missing value
            yield row
    skips.done()


def open_table(
    path: str | os.PathLike[str], fits: Callable[[Sequence[str | None]], bool] | None = None
) -> OpenTable:
    """A CSV (read lazily) or Excel table, header read (see `open_csv` for `fits`)."""
    if file_format(path) == "xlsx":
        table, found = read_xlsx_table(path, fits)
        return OpenTable(table, found)
    problems: list[Problem] = []
    table, records = open_csv(path, problems, fits)
    return OpenTable(table, problems, records)


def read_xlsx_table(
    path: str | os.PathLike[str], fits: Callable[[Sequence[str | None]], bool] | None = None
) -> tuple[Table, list[Problem]]:
    """The first sheet of a workbook as a table; cell values become strings.

    The sheet is the one named after `#` (`roster.xlsx#花名册`), else the one visible
    sheet whose header `fits` (two that fit are an error naming them). The header is
    found as in `open_csv` (the first non-empty row that `fits`). Numbers and dates
    become the text a CSV
    would hold (`9.0` -> "9", a date cell -> "2016-09-01"), so both paths validate
    the same way; positions are cells: `roster.xlsx:Sheet1!D7`.
    """
    path, wanted = split_sheet(path)
    name = display_name(path)
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError([Problem(name, "", "", "reading Excel needs openpyxl")]) from None
    source: Any = path
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe: read once, then look inside
            source = io.BytesIO(read_bytes(path))
        size_problem = _inflated_size_problem(source)
    except FileNotFoundError:
        raise InputError([Problem(name, "", "", "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", "", "is a directory, not a file")]) from None
    except Exception:  # not a zip at all: openpyxl's turn to say so below
        size_problem = None
    if size_problem:
        raise InputError([Problem(name, "", "", size_problem)])
    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError([Problem(name, "", "", "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", "", "is a directory, not a file")]) from None
    except Exception:  # a zip that is not a workbook, a renamed .xls or CSV, a damaged file
        raise InputError([Problem(name, "", "", _NOT_XLSX)]) from None
    try:
        if wanted == "*" and not any(s.title == "*" for s in book.worksheets):
            return _all_sheets(name, source, book, fits)
        sheet = _choose_sheet(name, book, wanted, fits)
        return _sheet_table(name, sheet, fits, _formulas(source, sheet.title))
    except (zipfile.BadZipFile, zlib.error, KeyError, SyntaxError, EOFError, OSError):
        # damaged sheet XML or compression shows only while the rows are read
        raise InputError([Problem(name, "", "", _NOT_XLSX)]) from None
    finally:
        book.close()


def split_sheet(path: str | os.PathLike[str]) -> tuple[str, str | None]:
    """`roster.xlsx#花名册` -> ("roster.xlsx", "花名册"); any other path -> (path, None)."""
    text = os.fspath(path)
    found = re.fullmatch(r"(.*\.xls[xm])#(.*)", text, re.IGNORECASE | re.DOTALL)
    if found and not os.path.exists(text):
        return found[1], found[2]
    return text, None


def _choose_sheet(
    name: str, book: Any, wanted: str | None, fits: Callable[[Sequence[str | None]], bool] | None
) -> Any:
    """The sheet named after `#`, else the one visible sheet whose header fits."""
    sheets = list(book.worksheets)
    if wanted is not None:  # hidden sheets are read only when named
        for sheet in sheets:
            if sheet.title == wanted:
                return sheet
        titles = ", ".join(repr(s.title) for s in sheets)
        raise InputError([Problem(name, "", "", f"has no sheet {wanted!r}; its sheets: {titles}")])
    visible = [s for s in sheets if getattr(s, "sheet_state", "visible") == "visible"]
    if not visible:  # hidden sheets (lookup lists, old versions) are read only when named
        raise InputError([Problem(name, "", "", "has no visible sheet to read")])
    if fits is None or len(visible) == 1:
        return visible[0]
    fitting = [s for s in visible if _header_fits(s, fits)]
    if len(fitting) > 1:
        titles = ", ".join(repr(s.title) for s in fitting)
        raise InputError(
            [
                Problem(
                    name,
                    "",
                    "",
                    f"has {len(fitting)} sheets that hold such a table ({titles}); "
                    f"name the one to read, as {name}#SHEET",
                )
            ]
        )
    return (fitting or visible)[0]


SHEET_STRIDE = 1 << 21  # above Excel's row limit: sheet k's rows are numbered from k * it


def _all_sheets(
    name: str, source: Any, book: Any, fits: Callable[[Sequence[str | None]], bool] | None
) -> tuple[Table, list[Problem]]:
    """Every visible sheet whose header fits, read as one table (`FILE.xlsx#*`).

    The sheets need the same columns in the same order; each cell keeps its own sheet
    in `Table.cell`.
    """
    visible = [s for s in book.worksheets if getattr(s, "sheet_state", "visible") == "visible"]
    fitting = [s for s in visible if fits is None or _header_fits(s, fits)]
    if not fitting:
        titles = ", ".join(repr(s.title) for s in visible) or "none"
        raise InputError(
            [
                Problem(
                    name,
                    "",
                    "",
                    f"no visible sheet holds such a table (#* reads every one that does); "
                    f"its visible sheets: {titles}",
                )
            ]
        )
    problems: list[Problem] = []
    tables = []
    for sheet in fitting:
        table, found = _sheet_table(name, sheet, fits, _formulas(source, sheet.title))
        tables.append(table)
        problems += found
    first = tables[0]
    combined = Table(
        name,
        first.columns,
        [],
        sheet=first.sheet,
        header_row=first.header_row,
        first_column=first.first_column,
    )
    same = [header_key(c) for c in first.columns]
    for k, table in enumerate(tables):
        offset = k * SHEET_STRIDE
        combined.parts.append((table.sheet or "", table.first_column))
        if [header_key(c) for c in table.columns] != same:
            problems.append(
                Problem(
                    name,
                    table.cell(table.header_row, 0),
                    "",
                    f"the header of sheet {table.sheet} differs from that of sheet "
                    f"{first.sheet}; sheets read as one table (#*) need the same columns "
                    "in the same order",
                )
            )
            continue
        for row in table.rows:
            cells = dict(zip(first.columns, row.cells.values(), strict=True))
            combined.rows.append(Row(offset + row.number, cells))
        combined.uncached.update(((offset + r, c), f) for (r, c), f in table.uncached.items())
        combined.merged.update((offset + r, c) for r, c in table.merged)
    return combined, problems


def _header_fits(sheet: Any, fits: Callable[[Sequence[str | None]], bool]) -> bool:
    seen = 0
    for values in sheet.iter_rows(values_only=True):
        cells = [_cell_text(v) for v in values]
        if any(c is not None for c in cells):
            if fits(cells):
                return True
            seen += 1
            if seen == HEADER_ROWS:
                break
    return False


# Limits on what a workbook may make swplan hold (a few MB of zip can inflate to GBs):
# Excel's own sheet size, and the inflated XML of one sheet or of the shared strings.
MAX_SHEET_ROWS = 1_048_576
MAX_SHEET_COLUMNS = 16_384
MAX_SHEET_XML_BYTES = 256 << 20
MAX_SHARED_STRINGS_BYTES = 128 << 20
# Formulas are looked up in sheets up to this size (inflated XML).
_DETAIL_BYTES = 32 << 20


def _inflated_size_problem(path: Any) -> str | None:
    """Why the workbook at `path` is too big to read, from its zip directory (no inflating).

    A member inflates to at most the size the directory declares (zipfile stops there),
    so the declared sizes bound what reading can cost.
    """
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            member = info.filename
            if member.startswith("xl/worksheets/") and info.file_size > MAX_SHEET_XML_BYTES:
                limit = MAX_SHEET_XML_BYTES >> 20
                return (
                    f"is too big to read: a sheet inflates to {info.file_size >> 20:,} MiB "
                    f"(at most {limit:,} MiB); save the table as CSV UTF-8 instead"
                )
            if member == "xl/sharedStrings.xml" and info.file_size > MAX_SHARED_STRINGS_BYTES:
                limit = MAX_SHARED_STRINGS_BYTES >> 20
                return (
                    f"is too big to read: its text inflates to {info.file_size >> 20:,} MiB "
                    f"(at most {limit:,} MiB); save the table as CSV UTF-8 instead"
                )
    return None


def _sheet_xml(book: Any, sheet: Any) -> bytes | None:
    """The sheet's XML, when it is small enough to look at twice."""
    archive = getattr(book, "_archive", None)
    member = getattr(sheet, "_worksheet_path", None)
    if archive is None or member is None:
        return None
    try:
        if archive.getinfo(member).file_size > _DETAIL_BYTES:
            return None
        data: bytes = archive.read(member)
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError):
        return None
    return data


def _formulas(path: Any, title: str) -> dict[tuple[int, int], str]:
    """Formula cells of the sheet `title`: (row, column) -> formula (small sheets only)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception:
        return {}
    try:
        sheet = book[title]
        xml = _sheet_xml(book, sheet)
        if not xml or b"<f" not in xml:
            return {}
        found: dict[tuple[int, int], str] = {}
        for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            for c, value in enumerate(values, start=1):
                if isinstance(value, str) and value.startswith("="):
                    found[(r, c)] = value
                elif value is not None and not isinstance(value, str | int | float | bool):
                    found[(r, c)] = "=" + str(getattr(value, "text", "") or "")  # array formula
        return found
    except Exception:
        return {}
    finally:
        book.close()


_NOT_XLSX = (
    "is not a readable Excel workbook (.xlsx); open it in Excel and save it as "
    "'Excel Workbook (.xlsx)', or save the sheet as CSV UTF-8"
)


def _sheet_ref(title: str) -> str:
    """The sheet name as Excel writes it in a reference: `Sheet1`, `'My roster'`."""
    if re.fullmatch(r"[^\W\d]\w*", title):
        return title
    return "'" + title.replace("'", "''") + "'"


def _sheet_table(
    name: str,
    sheet: Any,
    fits: Callable[[Sequence[str | None]], bool] | None = None,
    formulas: dict[tuple[int, int], str] | None = None,
) -> tuple[Table, list[Problem]]:
    ref = _sheet_ref(sheet.title)
    declared = sheet.max_row or 0
    if declared > MAX_SHEET_ROWS or (sheet.max_column or 0) > MAX_SHEET_COLUMNS:
        raise InputError(
            [
                Problem(
                    name,
                    f"{ref}!A1",
                    "",
                    f"sheet {sheet.title!r} declares {declared:,} rows and "
                    f"{sheet.max_column or 0:,} columns; at most {MAX_SHEET_ROWS:,} rows and "
                    f"{MAX_SHEET_COLUMNS:,} columns (Excel's own limits) are read",
                )
            ]
        )
    # A workbook's stored dimensions may be wrong (some writers leave "A1"); read
    # what the sheet really holds instead of trusting them, row by row.
    sheet.reset_dimensions()
    shown = (tuple(_shown(c) for c in cells) for cells in sheet.iter_rows())
    rows: Iterator[tuple[int, Any]] = enumerate(shown, start=1)
    first_rows: list[tuple[int, Any]] = []  # see open_csv: the header is the first that fits
    for number, values in rows:
        if any(_cell_text(v) is not None for v in values):
            first_rows.append((number, values))
            if fits is None or fits([_cell_text(v) for v in values]):
                break
            if len(first_rows) == HEADER_ROWS:
                break
    at = next(
        (
            i
            for i, (_, values) in enumerate(first_rows)
            if fits and fits([_cell_text(v) for v in values])
        ),
        0,
    )
    header: tuple[Any, ...] = first_rows[at][1] if first_rows else ()
    header_row = first_rows[at][0] if first_rows else 0
    rows = itertools.chain(first_rows[at + 1 :], rows)
    data_from = header_row  # the last header row: merged cells above the data end here
    refs = _Merged.refs(sheet)
    if header_row and fits is not None and fits([_cell_text(v) for v in header]):
        below = next(rows, None)
        joined = None
        if below is not None and below[0] == header_row + 1:
            joined = second_header(
                [_cell_text(v) for v in header],
                [_cell_text(v) for v in below[1]],
                _header_merged(refs, header_row),
                fits,
            )
        if joined is not None:
            header, data_from = tuple(joined), header_row + 1
        elif below is not None:
            rows = itertools.chain([below], rows)
    if not header_row:
        raise InputError(
            [
                Problem(
                    name,
                    f"{ref}!A1",
                    "",
                    f"the sheet {sheet.title} is empty; a header row is required",
                )
            ]
        )
    columns = [_cell_text(v) or "" for v in header]
    while columns and not columns[-1]:
        columns.pop()
    first = next(i for i, c in enumerate(columns) if c)  # a header may start right of column A
    table = Table(name, columns[first:], [], sheet=ref, header_row=header_row, first_column=first)
    width = len(table.columns)
    problems: list[Problem] = []
    formulas = formulas or {}
    merged = _Merged(refs, data_from)
    for number, values in rows:
        if number > MAX_SHEET_ROWS:
            raise InputError(
                [
                    Problem(
                        name,
                        f"{ref}!A{number}",
                        "",
                        f"the sheet has more than {MAX_SHEET_ROWS:,} rows (Excel's own limit); "
                        "save the table as CSV UTF-8 instead",
                    )
                ]
            )
        cells = [_cell_text(v) for v in values]
        if merged.cells:
            cells = merged.fill(number, cells, table, first)
        if formulas:  # a formula with no saved value reads as empty: remember which
            for i in range(first, first + width):
                if (i >= len(cells) or cells[i] is None) and (number, i + 1) in formulas:
                    table.uncached[(number, i - first)] = formulas[(number, i + 1)]
        for i, value in enumerate(cells):
            if value is not None and not first <= i < first + width:
                problems.append(
                    Problem(
                        name,
                        table.cell(number, i - first),
                        "",
                        f"cell has a value ({value!r}) but its column has no "
                        "header; name the column or clear the cell",
                    )
                )
        cells = cells[first : first + width]
        cells += [None] * (width - len(cells))
        if all(c is None for c in cells) and not any(
            (number, i) in table.uncached for i in range(width)
        ):
            continue
        table.rows.append(Row(number, dict(zip(table.columns, cells, strict=True))))
    return table, problems


def _header_merged(refs: list[str], row: int) -> set[int]:
    """The 0-based columns of `row` that are part of a merged cell (`refs`: the sheet's)."""
    from openpyxl.utils import range_boundaries

    out: set[int] = set()
    for ref in refs:
        left, top, right, bottom = range_boundaries(ref)
        if None in (left, top, right, bottom):
            continue
        assert left is not None and top is not None and right is not None and bottom is not None
        if top <= row <= bottom and right - left < MAX_SHEET_COLUMNS:
            out.update(range(left - 1, right))
    return out


class _Merged:
    """The merged cells of a sheet below its header: a merged cell's value is every
    cell's of its range. Cells filled from a range that spans rows are remembered
    (`Table.merged`): a count may not be shared by several rows."""

    _REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')

    def __init__(self, refs: list[str], header_row: int) -> None:
        from openpyxl.utils import range_boundaries

        # row -> [(column, the top-left cell of its range)], for all but the top-left
        self.cells: dict[int, list[tuple[int, tuple[int, int]]]] = {}
        self.values: dict[tuple[int, int], str | None] = {}
        for ref in refs:
            left, top, right, bottom = range_boundaries(ref)
            if bottom is None or right is None or left is None or top is None:
                continue
            if bottom <= header_row or (bottom - top + 1) * (right - left + 1) > 100_000:
                continue  # above the table, or too big to be a bureau's merged cell
            for row in range(max(top, header_row + 1), bottom + 1):
                for col in range(left, right + 1):
                    if (row, col) != (top, left):
                        self.cells.setdefault(row, []).append((col, (top, left)))
            self.values[(top, left)] = None

    @staticmethod
    def refs(sheet: Any) -> list[str]:
        source = getattr(sheet, "_get_source", None)
        if source is None:  # a sheet opened for writing knows its merged ranges
            return [str(r) for r in getattr(sheet, "merged_cells", ())]
        refs: list[str] = []
        tail = b""
        with source() as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                data = tail + block  # a reference cut by the block boundary is read whole
                refs += [m.decode() for m in _Merged._REF.findall(data)]
                tail = data[-100:]
        return list(dict.fromkeys(refs))

    def fill(
        self, number: int, cells: list[str | None], table: Table, first: int
    ) -> list[str | None]:
        values = self.values
        for i, value in enumerate(cells):
            if (number, i + 1) in values:
                values[(number, i + 1)] = value
        for col, top_left in self.cells.get(number, ()):
            while len(cells) < col:
                cells.append(None)
            if cells[col - 1] is None:
                cells[col - 1] = values.get(top_left)
                if top_left[0] != number:
                    table.merged.add((number, col - 1 - first))
        return cells


_ZERO_PADDED = re.compile(r"0+")


def _shown(cell: Any) -> Any:
    """A cell's value, except a whole number formatted `0000`: its displayed text, so an
    id `101` shown as `0101` reads as the same workbook saved as CSV does."""
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool) and value == int(value):
        fmt = getattr(cell, "number_format", None) or ""
        if _ZERO_PADDED.fullmatch(fmt):
            return str(int(value)).zfill(len(fmt))
    return value


def _cell_text(value: object) -> str | None:
    import datetime as dt
    from decimal import Decimal

    if value is None:
        return None
    if isinstance(value, dt.datetime):  # a date cell, with a time of day or not: its date
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        # Excel stores every number as a float; whole numbers are written as such.
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    text = str(value).strip()
    return text or None


def file_format(path: str | os.PathLike[str]) -> str:
    """`yaml`, `csv` or `xlsx`, from the file name."""
    lower = split_sheet(path)[0].lower()
    if lower.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if lower.endswith((".csv", ".tsv", ".txt")):
        return "csv"
    return "yaml"
