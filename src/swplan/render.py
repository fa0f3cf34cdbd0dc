"""One place that turns a report into table, JSON, CSV or Markdown text.

Each command builds a `Report`: the JSON object of SPEC §5, the flat rows for CSV,
and a `View` (labelled columns, rows, a totals row, notes) for tables and Markdown.
Nothing here computes a number.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from .errors import InputError, Problem
from .io.atomic import atomic_file, output_file, why

# Labels for column headers and words, by language (SPEC §9).
LABELS: dict[str, dict[str, str]] = {
    "site": {"zh": "站点", "en": "Site"},
    "name": {"zh": "名称", "en": "Name"},
    "kind": {"zh": "类型", "en": "Kind"},
    "clients": {"zh": "服务对象", "en": "Clients"},
    "required": {"zh": "所需岗位", "en": "Required"},
    "dedicated": {"zh": "专职", "en": "Dedicated"},
    "mixed": {"zh": "兼顾岗位", "en": "Mixed"},
    "primary": {"zh": "主要服务对象", "en": "Primary"},
    "covers": {"zh": "兼顾", "en": "Covers"},
    "workload_fte": {"zh": "工作量(人)", "en": "Workload FTE"},
    "minimum_applied": {"zh": "按最低配置", "en": "Minimum applied"},
    "current": {"zh": "现有人数", "en": "Current"},
    "certified": {"zh": "持证", "en": "Certified"},
    "gap": {"zh": "缺口", "en": "Gap"},
    "shortage": {"zh": "缺编", "en": "Shortage"},
    "surplus": {"zh": "超编", "en": "Surplus"},
    "worker": {"zh": "工作人员", "en": "Worker"},
    "education": {"zh": "学历", "en": "Education"},
    "title": {"zh": "职称", "en": "Title"},
    "years": {"zh": "工龄", "en": "Years"},
    "performance": {"zh": "绩效", "en": "Performance"},
    "post": {"zh": "岗位", "en": "Post"},
    "points": {"zh": "积分", "en": "Points"},
    "grade": {"zh": "薪级", "en": "Grade"},
    "monthly_base": {"zh": "月基本工资", "en": "Monthly base"},
    "monthly_allowance": {"zh": "岗位津贴", "en": "Post allowance"},
    "monthly_gross": {"zh": "月应发", "en": "Monthly gross"},
    "monthly_contributions": {"zh": "单位缴费(五险一金)", "en": "Employer contributions"},
    "annual_salary": {"zh": "年度工资", "en": "Annual salary"},
    "annual_bonus": {"zh": "绩效奖金", "en": "Bonus"},
    "annual_contributions": {"zh": "年度单位缴费", "en": "Annual contributions"},
    "annual_cost": {"zh": "年度用人成本", "en": "Annual cost"},
    "exam": {"zh": "考试", "en": "Exam"},
    "passed_on": {"zh": "通过日期", "en": "Passed on"},
    "status": {"zh": "状态", "en": "Status"},
    "amount": {"zh": "金额", "en": "Amount"},
    "award": {"zh": "奖励", "en": "Award"},
    "due": {"zh": "应发", "en": "due"},
    "already_paid": {"zh": "已发放", "en": "already paid"},
    "duplicate": {"zh": "重复", "en": "duplicate"},
    "expired": {"zh": "已过期", "en": "expired"},
    "ineligible": {"zh": "不符合条件", "en": "ineligible"},
    "capped": {"zh": "已达上限", "en": "capped"},
    "budget": {"zh": "预算", "en": "Budget"},
    "item": {"zh": "项目", "en": "Item"},
    "total": {"zh": "合计", "en": "Total"},
    "subtotal": {"zh": "小计", "en": "Subtotal"},
    "personnel_share": {"zh": "人员费用占比", "en": "Personnel share"},
    "training": {"zh": "培训费", "en": "Training"},
    "new_hires": {"zh": "新增岗位", "en": "New hires"},
    "current_staff": {"zh": "现有人员费用", "en": "Current staff"},
    "awards": {"zh": "考试奖励", "en": "Exam awards"},
    "cap": {"zh": "上限", "en": "Cap"},
    "headcount": {"zh": "人数", "en": "Headcount"},
    "planned": {"zh": "计划人数", "en": "Planned"},
    "count": {"zh": "人次", "en": "Count"},
    "reason": {"zh": "原因", "en": "Reason"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    # awards
    "awards_due": {"zh": "应发考试奖励", "en": "Exam awards due"},
    "awards_by_exam": {"zh": "应发奖励按考试合计", "en": "Awards due by exam"},
    "awards_not_due": {"zh": "本次不发放", "en": "Not due"},
    "less_paid": {"zh": "已发抵扣", "en": "Less paid"},
    "assistant_social_worker": {"zh": "助理社会工作师", "en": "assistant_social_worker"},
    "social_worker": {"zh": "社会工作师", "en": "social_worker"},
    "senior_social_worker": {"zh": "高级社会工作师", "en": "senior_social_worker"},
    "psychological_counselor": {"zh": "心理咨询师", "en": "psychological_counselor"},
}


def label(key: str, lang: str) -> str:
    entry = LABELS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]


@dataclass
class View:
    """What a table shows: a title, labelled columns, rows, a totals row and notes."""

    title: str
    columns: list[str]  # header labels, already in the chosen language
    rows: list[list[str]]
    totals: list[str] | None = None
    numeric: set[int] = field(default_factory=set)  # right-aligned columns
    notes: list[str] = field(default_factory=list)  # printed under the table
    headline: list[str] = field(default_factory=list)  # printed above (Markdown: a summary)
    sections: set[int] = field(default_factory=set)  # rows followed by a rule (tables)


@dataclass
class Report:
    data: dict[str, Any] | Callable[[], dict[str, Any]]  # the JSON object (callable: lazy)
    items: Iterable[Any]  # one CSV row per item: mappings, or final cells (see `columns`)
    views: list[View] | Callable[[], list[View]]  # a callable is built only when shown
    # CSV header, when known up front: rows are then streamed, not gathered first,
    # and each item is already a list of final cells in column order
    columns: list[str] | None = None

    def json_data(self) -> dict[str, Any]:
        if callable(self.data):
            self.data = self.data()
        return self.data

    def table_views(self) -> list[View]:
        if callable(self.views):
            self.views = self.views()
        return self.views


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


def csv_lines(items: Iterable[Any], columns: list[str] | None = None) -> Iterator[str]:
    """CSV text in chunks.

    Without `columns`, items are mappings: flattened, the columns are those of the first
    item plus any that later items add, and every cell goes through `csv_cell`. With
    `columns`, items are lists of final cells (see `csv_cell`), streamed as they come.
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
        rows = ([csv_cell(flat.get(c)) for c in keys] for flat in pending)
    else:
        rows = items
    writer.writerow(columns)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


# --------------------------------------------------------------------------- text


def render_json(report: Report) -> str:
    return json.dumps(report.json_data(), ensure_ascii=False, indent=2) + "\n"


_MD_BREAK = re.compile(r"\r\n|\r|\n")


def _md_escape(text: str) -> str:
    """A Markdown table cell: `|` escaped, a line break (CR, LF or both) a space."""
    return _MD_BREAK.sub(" ", text.replace("|", "\\|"))


def render_markdown(report: Report) -> str:
    out: list[str] = []
    for view in report.table_views():
        out.append(f"### {_MD_BREAK.sub(' ', view.title)}\n")
        if view.headline:
            out.extend(f"**{_md_escape(line)}**" for line in view.headline)
            out.append("")
        if view.columns:
            out.append("| " + " | ".join(_md_escape(c) for c in view.columns) + " |")
            out.append(
                "|"
                + "|".join("---:" if i in view.numeric else "---" for i in range(len(view.columns)))
                + "|"
            )
            for row in view.rows:
                out.append("| " + " | ".join(_md_escape(c) for c in row) + " |")
            if view.totals:
                out.append(
                    "| "
                    + " | ".join(f"**{_md_escape(c)}**" if c else "" for c in view.totals)
                    + " |"
                )
            out.append("")
        for note in view.notes:
            out.append(f"- {_md_escape(note)}")
        if view.notes:
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_table(report: Report, file: TextIO, *, color: bool) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console(
        file=file,
        force_terminal=color,
        no_color=not color,
        width=None if color else 100_000,  # a file or pipe gets whole cells, never "…"
        highlight=False,
        soft_wrap=False,
    )
    from rich.text import Text

    for view in report.table_views():
        for line in view.headline:
            console.print(line, markup=False)
        if view.columns:
            console.print(view.title, markup=False, style="bold" if color else None)
            table = Table(
                box=box.SIMPLE_HEAD if color else box.ASCII2,
                show_footer=view.totals is not None,
            )
            for i, column in enumerate(view.columns):
                footer = view.totals[i] if view.totals else ""
                table.add_column(
                    Text(column),  # names and labels print literally: no rich markup
                    footer=Text(footer),
                    justify="right" if i in view.numeric else "left",
                    no_wrap=not color or i in view.numeric,
                )
            for i, row in enumerate(view.rows):
                table.add_row(*map(Text, row), end_section=i in view.sections)
            console.print(table)
        else:
            console.print(view.title, markup=False)
        for note in view.notes:
            console.print(note, markup=False)


def render(report: Report, fmt: str, *, color: bool = False) -> Iterator[str]:
    """The report as text chunks in format `fmt`."""
    if fmt == "json":
        yield render_json(report)
    elif fmt == "csv":
        yield from csv_lines(report.items, report.columns)
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


def write_atomic(path: str | os.PathLike[str], chunks: Iterable[str]) -> None:
    """Write `chunks` to `path` atomically (see `atomic_file`)."""
    with atomic_file(path) as f:
        for chunk in chunks:
            f.write(chunk)


def emit(
    report: Report,
    fmt: str,
    output: str | None,
    *,
    before_publish: Callable[[], None] | None = None,
) -> None:
    """Render `report` to `output` (atomically; `-`, a device or a FIFO in place) or stdout.

    `before_publish` runs once the whole report is ready (see `output_file`): a
    failure to write the report means it never runs.
    """
    if fmt == "table" and output is None and sys.stdout is not None and sys.stdout.isatty():
        try:
            render_table(report, sys.stdout, color=True)
            sys.stdout.flush()
        except OSError as exc:
            raise InputError(
                [Problem("stdout", "", "", f"cannot be written: {why(exc)}")]
            ) from None
        if before_publish is not None:
            before_publish()
        return
    with output_file(output, before_publish=before_publish) as f:
        for chunk in render(report, fmt):
            f.write(chunk)
