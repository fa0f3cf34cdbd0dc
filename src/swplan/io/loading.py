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
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator, Sequence
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
    name = display_name(path)
    try:
        data = read_bytes(path)
    except FileNotFoundError:
        raise InputError([Problem(name, "", "", "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", "", "is a directory, not a file")]) from None
    except OSError as exc:
        raise InputError([Problem(name, "", "", f"cannot be read: {exc.strerror}")]) from None
    return decode(name, data)


def encoding_problem(path: str | os.PathLike[str]) -> Problem | None:
    """Why a file is not UTF-8 text, found by reading it in binary (for streamed files)."""
    name = display_name(path)
    line = 1
    with open_binary(path) as f:
        if f.read(3) != b"\xef\xbb\xbf":
            f.seek(0)
        pending = b""
        for block in iter(lambda: f.read(1 << 20), b""):
            data = pending + block
            nul = data.find(b"\x00")
            if nul >= 0:
                return Problem(
                    name,
                    str(line + data[:nul].count(b"\n")),
                    "",
                    "is a binary file, not UTF-8 text; "
                    "save it as a UTF-8 text file (YAML or CSV) or as .xlsx",
                )
            cut = data.rfind(b"\n") + 1  # decode whole lines; keep the rest for the next block
            try:
                data[:cut].decode("utf-8")
            except UnicodeDecodeError as exc:
                return _not_utf8(name, line + data[: exc.start].count(b"\n"))
            line += data[:cut].count(b"\n")
            pending = data[cut:]
        try:
            pending.decode("utf-8")
        except UnicodeDecodeError:
            return _not_utf8(name, line)
    return None


def _not_utf8(name: str, line: int) -> Problem:
    return Problem(
        name,
        str(line),
        "",
        "is not UTF-8 text (files saved from Windows are often GBK); "
        "re-save it as UTF-8 and run again",
    )


def decode(name: str, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
        raise InputError(
            [Problem(name, "1", "", "is UTF-16 text, not UTF-8; re-save it as UTF-8 and run again")]
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data[:nul].count(b"\n") + 1
        raise InputError(
            [
                Problem(
                    name,
                    str(line),
                    "",
                    "is a binary file, not UTF-8 text; "
                    "save it as a UTF-8 text file (YAML or CSV) or as .xlsx",
                )
            ]
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([_not_utf8(name, data[: exc.start].count(b"\n") + 1)]) from None


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

    def cell(self, number: int, index: int) -> str:
        """Position of the cell in row `number`, 0-based column `index`."""
        if self.sheet is not None:
            return f"{self.sheet}!{_column_letter(self.first_column + index + 1)}{number}"
        return position(number, index + 1)

    def where(self, row: Row, column: str) -> str:
        index = self.columns.index(column) if column in self.columns else 0
        return self.cell(row.number, index)

    def header_problems(self, required: Sequence[str], optional: Sequence[str]) -> list[Problem]:
        return check_header(
            self.file, self.columns, required, optional, lambda i: self.cell(self.header_row, i)
        )

    def problem(self, row: Row, column: str, message: str) -> Problem:
        return Problem(self.file, self.where(row, column), column, message)


def _column_letter(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_header(
    file: str,
    columns: list[str],
    required: Sequence[str],
    optional: Sequence[str],
    where: Any,
) -> list[Problem]:
    """Missing, unknown and repeated columns, each named, with a suggestion for typos.

    `where(index)` gives the position of the header cell at 0-based `index`.
    """
    problems: list[Problem] = []
    allowed = [*required, *optional]
    seen: set[str] = set()
    for i, column in enumerate(columns):
        if column in seen:
            problems.append(Problem(file, where(i), column, f"column {column!r} appears twice"))
        seen.add(column)
        if column not in allowed:
            hint = difflib.get_close_matches(column, allowed, n=1, cutoff=0.6)
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
        if column not in seen:
            problems.append(
                Problem(
                    file,
                    where(0),
                    column,
                    f"required column {column!r} is missing; "
                    f"the header needs: {', '.join(required)}",
                )
            )
    return problems


def csv_delimiter(path: str | os.PathLike[str]) -> str:
    """A `.tsv` file is tab-separated; every other table text file comma-separated."""
    return "\t" if os.fspath(path).lower().endswith(".tsv") else ","


def iter_csv(name: str, text: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """(line, cells) for each non-blank record; a malformed file is one error."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if (
                cells
                and cells[0]
                and not cells[0].isspace()
                or cells
                and any(c.strip() for c in cells)
            ):  # the usual row, checked cheaply
                yield line, cells
    except csv.Error as exc:
        # the record that failed starts at `start`; an unterminated quote only shows at the end
        hint = "; check for an unclosed '\"'" if "end of data" in str(exc) else ""
        message = f"malformed CSV in the record starting at line {start}: {exc}{hint}"
        raise InputError([Problem(name, str(start), "", message)]) from None


def open_csv(path: str | os.PathLike[str]) -> tuple[Table, Iterator[tuple[int, list[str]]]]:
    """An empty `Table` with the header of a CSV file, and its remaining records."""
    name = display_name(path)
    records = iter_csv(name, read_text(path), csv_delimiter(path))
    first = next(records, None)
    if first is None:
        raise InputError([Problem(name, "1", "", "is empty; a header row is required")])
    header_line, header = first
    return Table(name, [c.strip() for c in header], [], header_row=header_line), records


def read_csv_table(path: str | os.PathLike[str]) -> tuple[Table, list[Problem]]:
    """Header and rows of a CSV file; rows with the wrong number of cells are problems."""
    table, records = open_csv(path)
    name, columns = table.file, table.columns
    problems: list[Problem] = []
    width = len(columns)
    for line, cells in records:
        if len(cells) != width:
            problems.append(
                Problem(
                    name, str(line), "", f"row has {len(cells)} cells but the header has {width}"
                )
            )
            continue
        table.rows.append(
            Row(line, {c: (v.strip() or None) for c, v in zip(columns, cells, strict=True)})
        )
    return table, problems


def read_xlsx_table(path: str | os.PathLike[str]) -> tuple[Table, list[Problem]]:
    """The first sheet of a workbook as a table; cell values become strings.

    The header is the first non-empty row. Numbers and dates become the text a CSV
    would hold (`9.0` -> "9", a date cell -> "2016-09-01"), so both paths validate
    the same way; positions are cells: `roster.xlsx:Sheet1!D7`.
    """
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
        # hidden sheets (lookup lists, old versions) are never read
        visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
        if not visible:
            raise InputError([Problem(name, "", "", "has no visible sheet to read")])
        sheet = visible[0]
        return _sheet_table(name, sheet, _formulas(source, sheet.title), _merged(book, sheet))
    except (zipfile.BadZipFile, zlib.error, KeyError, SyntaxError, EOFError, OSError):
        # damaged sheet XML or compression shows only while the rows are read
        raise InputError([Problem(name, "", "", _NOT_XLSX)]) from None
    finally:
        book.close()


# Limits on what a workbook may make swplan hold (a few MB of zip can inflate to GBs):
# Excel's own sheet size, and the inflated XML of one sheet or of the shared strings.
MAX_SHEET_ROWS = 1_048_576
MAX_SHEET_COLUMNS = 16_384
MAX_SHEET_XML_BYTES = 256 << 20
MAX_SHARED_STRINGS_BYTES = 128 << 20
# Formulas and merged cells are looked up in sheets up to this size (inflated XML).
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


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)"')


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _merged(book: Any, sheet: Any) -> dict[tuple[int, int], str]:
    """Cells inside a merged range, other than its top-left one: (row, column) -> range."""
    xml = _sheet_xml(book, sheet)
    if not xml or b"mergeCell" not in xml:
        return {}
    cells: dict[tuple[int, int], str] = {}
    for c1, r1, c2, r2 in _MERGE.findall(xml):
        top, left = int(r1), _column_number(c1)
        bottom, right = int(r2), _column_number(c2)
        if (bottom - top + 1) * (right - left + 1) > 100_000:
            continue
        ref = f"{c1.decode()}{top}:{c2.decode()}{bottom}"
        for row in range(top, bottom + 1):
            for col in range(left, right + 1):
                if (row, col) != (top, left):
                    cells[(row, col)] = ref
    return cells


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
    formulas: dict[tuple[int, int], str] | None = None,
    merged: dict[tuple[int, int], str] | None = None,
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
    rows = enumerate(sheet.iter_rows(values_only=True), start=1)
    header: tuple[Any, ...] = ()
    header_row = 0
    for number, values in rows:
        if any(_cell_text(v) is not None for v in values):
            header, header_row = values, number
            break
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
    merged = merged or {}
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
        before = len(problems)
        for i in range(first, first + width):
            if i < len(cells) and cells[i] is not None:
                continue
            at = (number, i + 1)
            if at in formulas:
                problems.append(
                    Problem(
                        name,
                        table.cell(number, i - first),
                        table.columns[i - first],
                        f"formula {formulas[at][:40]!r} has no saved value; open the file "
                        "in Excel and save it, or type the value",
                    )
                )
            elif at in merged:
                problems.append(
                    Problem(
                        name,
                        table.cell(number, i - first),
                        table.columns[i - first],
                        f"is part of the merged cells {merged[at]}, so it holds no value of "
                        "its own; unmerge them and fill in every cell",
                    )
                )
        unreadable = len(problems) > before  # told here, not again as a missing value
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
        if all(c is None for c in cells) or unreadable:
            continue  # an empty row, or one whose problem is told above
        table.rows.append(Row(number, dict(zip(table.columns, cells, strict=True))))
    return table, problems


def _cell_text(value: object) -> str | None:
    import datetime as dt
    from decimal import Decimal

    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        # Excel stores every number as a float; whole numbers are written as such.
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    text = str(value).strip()
    return text or None


def read_table(path: str | os.PathLike[str]) -> tuple[Table, list[Problem]]:
    if str(path).lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx_table(path)
    return read_csv_table(path)


def file_format(path: str | os.PathLike[str]) -> str:
    """`yaml`, `csv` or `xlsx`, from the file name."""
    lower = str(path).lower()
    if lower.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if lower.endswith((".csv", ".tsv", ".txt")):
        return "csv"
    return "yaml"
