"""One place that turns a report (`swplan.render_view`) into table, JSON, CSV, Markdown
or an Excel workbook, and writes it. Nothing here computes a number.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .errors import InputError, Problem
from .escapes import escaped
from .io.atomic import STDOUT_NAMES, atomic_file, output_file, why
from .messages import msg
from .render_table import render_table
from .render_view import Report, shown_rows
from .report.labels import LABELS, label
from .rules.problems import ours

# --------------------------------------------------------------------------- CSV

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)  # fullmatch


_FORMULA_FIRST = frozenset("=+-@\t\r\n＝＋－＠")


def csv_cell(value: Any) -> Any:
    """A value a spreadsheet will show and never run: formula-like text is quoted with `'`."""
    kind = type(value)
    if kind is int or kind is float:  # the hot path of big tables; bool is not int here
        return value
    if kind is str:
        if value and value[0] in _FORMULA_FIRST and not _NUMBER.fullmatch(value):
            return "'" + value
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return csv_cell(";".join(str(v) for v in value))
    if isinstance(value, int | float):
        return value
    return csv_cell(str(value))


def flatten(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """`{"a": {"b": 1}}` -> `{"a.b": 1}`; lists stay values."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        else:
            out[name] = value
    return out


class _LfLines:
    """A file-like target for `csv.writer` that ends rows with LF.

    The writer is told CRLF, so that it quotes any cell holding a CR or LF (with an LF
    terminator a lone CR goes unquoted and splits the row); each row's CRLF then
    becomes LF.
    """

    def __init__(self, out: Any) -> None:
        self.out = out

    def write(self, line: str) -> None:
        self.out.write(line[:-2] + "\n")


def csv_writer(out: Any) -> Any:
    """A `csv.writer` writing LF-terminated rows to `out`, with CR and LF cells quoted."""
    return csv.writer(_LfLines(out), lineterminator="\r\n")


def csv_lines(
    items: Iterable[Any],
    columns: list[str] | None = None,
    *,
    header: Callable[[str], str] | None = None,
    word: Callable[[str, Any], Any] | None = None,
) -> Iterator[str]:
    """CSV text in chunks.

    Without `columns`, items are mappings: flattened, the columns are those of the first
    item plus any that later items add, and every cell goes through `csv_cell`. With
    `columns`, items are lists of final cells (see `csv_cell`), streamed as they come.
    `header` renames the header cells and `word(column, value)` rewrites a value before
    it becomes a cell (both for `--lang zh`).
    """
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    rows: Iterable[list[Any]]
    if columns is None:
        pending = [flatten(item) for item in items]
        if not pending:
            return
        columns = list(pending[0])
        for flat in pending[1:]:
            for key in flat:
                if key not in columns:
                    columns.append(key)
        keys = columns
        if word is None:
            rows = ([csv_cell(flat.get(c)) for c in keys] for flat in pending)
        else:
            w = word
            rows = ([csv_cell(w(c, flat.get(c))) for c in keys] for flat in pending)
    elif word is None:
        rows = items
    else:
        named = columns
        w2 = word
        rows = ([csv_cell(w2(c, v)) for c, v in zip(named, row, strict=True)] for row in items)
    writer.writerow([header(c) for c in columns] if header else columns)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


# Parts of CSV column names that are no table header (the flattened pay breakdown).
CSV_PARTS_ZH = {
    "breakdown": "明细",
    "performance_default": "绩效为默认",
    "years_of_service": "工龄",
    "years_of_service_points": "工龄积分",
    "per_year": "每年",
    "max": "上限",
    "grade_by_points": "按积分薪级",
    "grade_min_points": "薪级起点积分",
    "below_lowest_grade": "低于最低薪级",
    "post_bound": "岗位限定",
    "contribution_base": "缴费基数",
    "contribution_limit": "缴费基数限制",
    "contributions": "单位缴费",
    "rate": "费率",
    "bonus_months": "奖金月数",
    "months_per_year": "每年发放月数",
    "certified_ok": "持证达标",
    "hired": "入职日期",
    "worker_id": "工号",
    "reason": "原因",
    "capped": "受上限限制",
    "components": "工资构成",
    "pay_post": "计酬岗位",
    "base": "缴费基数",
    "round": "取整方式",
    "by": "依据",
    "key": "取值",
    "steps": "档次规则",
    "every_years": "晋档年数",
    "first": "起始档次",
    "bonus_of": "奖金基数构成",
    "bonus_month": "一个月奖金基数",
}


def zh_csv_header(column: str, word: Callable[[str, Any], Any] | None) -> str:
    """`dedicated.elderly` -> `专职.老年人`: each part by the labels, else the vocabulary."""
    out = []
    for part in column.split("."):
        if part in CSV_PARTS_ZH:
            out.append(CSV_PARTS_ZH[part])
        elif part in LABELS:
            out.append(label(part, "zh"))
        elif word is not None:
            out.append(str(word("", part)))
        else:
            out.append(part)
    return ".".join(out)


_ID_COLUMNS = ("id", "worker_id", "site")  # the columns of ids: of workers, of sites


def spreadsheet_number(text: str) -> bool:
    """An id a spreadsheet opening a CSV takes for a number and shows otherwise:
    `0101` (as 101), an id of more than 11 digits (an 18-digit id as 3.6E+17)."""
    return (
        (len(text) > 11 or text[:1] == "0") and len(text) > 1 and text.isascii() and text.isdigit()
    )


def id_note(example: str) -> None:
    """The one note of a zh CSV holding ids a spreadsheet takes for numbers: it names
    the xlsx output, where ids are text cells."""
    from .io import notes

    notes.add([msg("documents.csv_ids", id=example)])


def _noting_ids(items: Iterable[Any], columns: list[str] | None) -> Iterator[Any]:
    """The items as they are; the first id among them a spreadsheet would turn into a
    number adds the note (`id_note`)."""
    at = [i for i, c in enumerate(columns) if c in _ID_COLUMNS] if columns is not None else []
    items = iter(items)
    for item in items:
        yield item
        if columns is None:
            cells = [item.get(c) for c in _ID_COLUMNS] if isinstance(item, dict) else []
        else:
            cells = [item[i] for i in at]
        found = next((c for c in cells if isinstance(c, str) and spreadsheet_number(c)), None)
        if found is not None:
            id_note(found)
            yield from items
            return


def report_csv(report: Report) -> Iterator[str]:
    """The report's CSV; `--lang zh` gives Chinese headers and labels after a UTF-8 BOM,
    and a note when its ids would be numbers to a spreadsheet."""
    if report.lang != "zh":
        yield from csv_lines(report.items, report.columns)
        return
    word = report.csv_word
    fixed = report.csv_headers
    yield "\ufeff"
    yield from csv_lines(
        _noting_ids(report.items, report.columns),
        report.columns,
        header=lambda c: fixed.get(c) or zh_csv_header(c, word),
        word=word,
    )


# --------------------------------------------------------------------------- text


def render_json(report: Report) -> Iterator[str]:
    """`json.dumps(data, ensure_ascii=False, indent=2)` and a newline, in chunks: a
    national report's 600,000 rows are encoded a row at a time, never all held
    (`json_text`)."""
    from .json_text import json_chunks

    return json_chunks(report.json_data())


_MD_BREAK = re.compile(r"\r\n|\r|\n")


def _md_escape(text: str) -> str:
    """A Markdown table cell: `|` escaped, a line break (CR, LF or both) a space, any
    other control character an escape (`\\x1b`)."""
    return escaped(_MD_BREAK.sub(" ", text.replace("|", "\\|")))


def render_markdown(report: Report) -> str:
    out: list[str] = []
    for view in report.table_views():
        out.append(f"### {escaped(_MD_BREAK.sub(' ', view.title))}\n")
        if view.headline:
            out.extend(f"**{_md_escape(line)}**" for line in view.headline)
            out.append("")
        rows, totals = shown_rows(view, keep="\r\n")
        if view.columns:
            out.append("| " + " | ".join(_md_escape(c) for c in view.columns) + " |")
            out.append(
                "|"
                + "|".join("---:" if i in view.numeric else "---" for i in range(len(view.columns)))
                + "|"
            )
            for row in rows:
                out.append("| " + " | ".join(_md_escape(c) for c in row) + " |")
            if totals:
                out.append(
                    "| " + " | ".join(f"**{_md_escape(c)}**" if c else "" for c in totals) + " |"
                )
            out.append("")
        for note in view.notes:
            out.append(f"- {_md_escape(note)}")
        if view.notes:
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def render(report: Report, fmt: str, *, color: bool = False) -> Iterator[str]:
    """The report as text chunks in format `fmt`."""
    if fmt == "json":
        yield from render_json(report)
    elif fmt == "csv":
        yield from report_csv(report)
    elif fmt == "markdown":
        yield render_markdown(report)
    else:
        buffer = io.StringIO()
        render_table(report, buffer, color=color)
        text = buffer.getvalue()
        if not color:  # a pipe or file: no padding after the last cell (diff- and grep-friendly)
            text = "".join(line.rstrip() + "\n" for line in text.splitlines())
        yield text


# --------------------------------------------------------------------------- writing


_EXTENSIONS = {".json": "json", ".csv": "csv", ".md": "markdown", ".xlsx": "xlsx", ".txt": "table"}


# spreadsheets swplan does not write: their name is best given .xlsx
_SPREADSHEETS = frozenset({".xls", ".xlsm", ".xlsb", ".xltx", ".ods", ".et", ".numbers"})


def resolve_format(fmt: str | None, output: str | None) -> str:
    """The output format: `--format`, else the one `--output`'s extension names, else table.

    An extension swplan does not write (`.xls`), or one naming another format than
    `--format`, is a usage error; a device, `-` or a name without an extension is
    written as it is. A workbook is never sent to a terminal.
    """
    extension = _extension_of(output) if output else ""
    implied = _EXTENSIONS.get(extension)
    if extension and implied is None:
        raise InputError([_unknown_extension(output or "", extension, fmt)])
    if fmt is not None and implied is not None and implied != fmt:
        raise InputError(
            [
                Problem(
                    "--output",
                    "",
                    "",
                    msg(
                        "documents.output.format_differs",
                        output=output,
                        implied=implied,
                        fmt=fmt,
                        name=os.path.splitext(output or "")[0] + _extension(fmt),
                    ),
                )
            ]
        )
    chosen = fmt or implied or "table"
    to_stdout = not output or output in STDOUT_NAMES
    if chosen == "xlsx" and to_stdout and sys.stdout is not None and sys.stdout.isatty():
        raise InputError(
            [
                Problem(
                    "--format",
                    "",
                    "",
                    msg("documents.output.xlsx_terminal"),
                )
            ]
        )
    return chosen


def _extension(fmt: str) -> str:
    return next((ext for ext, f in _EXTENSIONS.items() if f == fmt), "")


def _extension_of(output: str) -> str:
    """`.xlsx` of `预算.XLSX`; "" for a name without one (`out`, `out.`, `.hidden`) and
    for what is there and no regular file (a device, a FIFO: written as it is)."""
    extension = os.path.splitext(output)[1].lower()
    if extension == ".":
        return ""
    if extension and os.path.exists(output) and not os.path.isfile(output):
        return ""
    return extension


def _unknown_extension(output: str, extension: str, fmt: str | None) -> Problem:
    """`'预算.xls' ends in .xls, which swplan does not write; ...: name it 预算.xlsx`."""

    if fmt is not None:
        wanted = _extension(fmt)
    else:
        wanted = ".xlsx" if extension in _SPREADSHEETS else ".txt"
    stem = output[: len(output) - len(extension)]
    return Problem(
        "--output",
        "",
        "",
        msg("documents.output.unknown_extension", output=output, ext=extension, name=stem + wanted),
    )


def write_atomic(path: str | os.PathLike[str], chunks: Iterable[str]) -> None:
    """Write `chunks` to `path` atomically (see `atomic_file`)."""
    with atomic_file(path) as f:
        for chunk in chunks:
            f.write(chunk)


def render_bytes(report: Report) -> bytes:
    from .workbook import workbook_bytes

    if report.sheets is None:
        raise InputError([Problem("--format", "", "", msg("documents.output.no_xlsx"))])
    return workbook_bytes(report.sheets(), lang=report.lang)


def emit(
    report: Report,
    fmt: str,
    output: str | None,
    *,
    before_publish: Callable[[], None] | None = None,
) -> bool:
    """Render `report` to `output` (atomically; `-`, a device or a FIFO in place) or stdout.

    `before_publish` runs once the whole report is ready (see `output_file`): a
    failure to write the report means it never runs. Returns True when the report's
    notes went to stdout (a table or Markdown there), so the caller need not print its
    warnings a second time on stderr.
    """
    if fmt == "table" and output is None and sys.stdout is not None and sys.stdout.isatty():
        try:
            render_table(report, sys.stdout, color=True)
            sys.stdout.flush()
        except OSError as exc:
            raise InputError(
                [
                    Problem(
                        "stdout", "", "", msg("documents.output.cannot_write", why=ours(why(exc)))
                    )
                ]
            ) from None
        if before_publish is not None:
            before_publish()
        return True
    if fmt == "xlsx":
        data = render_bytes(report)  # built before anything is opened for writing
        with output_file(output, before_publish=before_publish, binary=True) as f:
            f.write(data)
        return False
    with output_file(output, before_publish=before_publish) as f:
        for chunk in render(report, fmt):
            f.write(chunk)
    to_stdout = output is None or output in STDOUT_NAMES
    return to_stdout and fmt in ("table", "markdown")
