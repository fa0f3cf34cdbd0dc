"""The columns of each kind of table: their keys, the built-in Chinese headers a bureau's
own sheets use, and what is wrong with a header (missing, repeated, mistyped columns)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..errors import Problem
from ..rules import TABLE_COLUMNS, Rules
from .table import Table, header_key

MAX_CLIENTS = 10_000_000

# The columns of each table kind are named once, in the rules model (`columns:` checks them).
SITE_COLUMNS = TABLE_COLUMNS["populations"]
ROSTER_REQUIRED = ("id", "site", "education", "title")
ROSTER_COLUMNS = TABLE_COLUMNS["roster"]
PASS_COLUMNS = TABLE_COLUMNS["passes"]
LEDGER_COLUMNS = TABLE_COLUMNS["ledger"]

# Built-in headers a bureau's own tables use, per file kind: header -> swplan column.
ROSTER_HEADERS = {
    **dict.fromkeys(("工号", "编号", "人员编号"), "id"),
    "姓名": "name",
    **dict.fromkeys(("站点", "所在站点", "服务站点", "所在单位"), "site"),
    **dict.fromkeys(("学历", "最高学历"), "education"),
    **dict.fromkeys(("职称", "职业资格", "社工证"), "title"),
    **dict.fromkeys(("岗位", "职务"), "post"),
    **dict.fromkeys(("入职日期", "入职时间", "参加工作时间"), "hired"),
    "工龄": "years_of_service",
    **dict.fromkeys(("考核等次", "年度考核", "考核结果"), "performance"),
    **dict.fromkeys(("用工性质", "人员类别"), "employment"),
    "不计工龄年数": "years_not_counted",
}
POPULATIONS_HEADERS = {
    **dict.fromkeys(("站点编号", "编号"), "id"),
    **dict.fromkeys(("站点", "站点名称", "名称"), "name"),
    **dict.fromkeys(("类型", "站点类型"), "kind"),
    # what a plan reads: the residents of the site's area, its posts cap (编制), the
    # years it opens and closes, and its own client growth (growth.CATEGORY)
    **dict.fromkeys(("常住人口", "户籍人口", "人口", "居民人数"), "residents"),
    **dict.fromkeys(("编制数", "核定岗位数"), "posts_cap"),
    "开办年份": "opens",
    "撤销年份": "closes",
}
PLAN_SITE_COLUMNS = ("residents", "posts_cap", "opens", "closes")
GROWTH = "growth."  # growth.elderly: a site's own yearly growth of that category
GROWTH_HEADERS = ("growth.", "增长率.")
PASS_HEADERS = {
    **dict.fromkeys(("工号", "人员编号"), "worker_id"),
    **dict.fromkeys(("考试", "证书", "考试名称"), "exam"),
    **dict.fromkeys(("通过日期", "取证日期", "发证日期"), "passed_on"),
}
LEDGER_HEADERS = {**PASS_HEADERS, "金额": "amount", "发放日期": "paid_on"}


class HeaderFit:
    """Whether a row holds every required column (by key or header): the header row.

    `known(text)`: whether a cell names any column of the kind (the second row of a
    two-row header holds such names).
    """

    def __init__(self, required: Iterable[str], headers: Mapping[str, str]) -> None:
        self.need = set(required)
        self.by_text = {header_key(k): k for k in self.need}
        self.by_text.update((header_key(h), k) for h, k in headers.items() if k in self.need)
        self.names = {header_key(h) for h in headers} | {header_key(k) for k in headers.values()}

    def __call__(self, cells: Sequence[str | None]) -> bool:
        return self.need <= {self.by_text.get(header_key(c or "")) for c in cells}

    def known(self, text: str) -> bool:
        return header_key(text) in self.names


def header_fits(required: Iterable[str], headers: Mapping[str, str]) -> HeaderFit:
    """Whether a row holds every required column (by key or header): the header row."""
    return HeaderFit(required, headers)


_BUILT_IN = {
    "roster": ROSTER_HEADERS,
    "populations": POPULATIONS_HEADERS,
    "passes": PASS_HEADERS,
    "ledger": LEDGER_HEADERS,
}


def kind_headers(kind: str, rules: Rules | None = None) -> dict[str, str]:
    """Header text -> column for a file kind: the built-in headers and those the rules
    add (`columns: {roster: {title: [社工证等级]}}`); a rules header wins."""
    out = dict(_BUILT_IN[kind])
    if rules is not None:
        for column, headers in rules.columns.get(kind, {}).items():  # type: ignore[call-overload]
            if column != "ignore":
                out.update(dict.fromkeys(headers, column))
    return out


def ignored_headers(kind: str, rules: Rules | None) -> list[str]:
    """The headers the rules say are not read (`columns.<kind>.ignore`)."""
    if rules is None:
        return []
    entry: dict[str, list[str]] = rules.columns.get(kind, {})  # type: ignore[call-overload]
    return list(entry.get("ignore", []))


def table_fits(kind: str, rules: Rules | None = None) -> HeaderFit:
    """`header_fits` for a file kind: roster, populations, passes or ledger."""
    headers = kind_headers(kind, rules)
    if kind == "roster":
        headers.update((c, c) for c in ROSTER_COLUMNS)
        return header_fits(ROSTER_REQUIRED, headers)
    if kind == "populations":
        headers.update((c, c) for c in SITE_COLUMNS)
        if rules is not None:
            headers.update(populations_headers(rules))
            headers.update((c, c) for c in rules.categories)
        return header_fits(["id"], headers)
    if kind == "passes":
        return header_fits(PASS_COLUMNS, headers)
    return header_fits(LEDGER_COLUMNS, headers)


def populations_headers(rules: Rules) -> dict[str, str]:
    """The populations headers (built-in and the rules'), each category's labels, and
    the growth columns by each name of their category (growth.老年人, 增长率.elderly)."""
    out = kind_headers("populations", rules)
    for key, word in rules.words("category").items():
        for text in (word.label.zh, word.label.en, *word.aliases):
            if text:
                out.setdefault(text, key)
        for text in (key, word.label.zh, word.label.en, *word.aliases):
            if text:
                for prefix in GROWTH_HEADERS:
                    out.setdefault(prefix + text, GROWTH + key)
    return out


def growth_columns(rules: Rules) -> list[str]:
    """The growth column of each category: growth.elderly, ..."""
    return [GROWTH + key for key in rules.categories]


def _noted(table: Table, problems: list[Problem], kind: str) -> list[Problem]:
    """Pass on the table's notes (ignored columns) once its header has been read; when
    the header is wrong for one plain cause, say that cause first."""
    from . import notes

    if kind == "populations" and not problems and table_fits("roster")(table.columns):
        return [_cause(table, "is a roster file, not a populations file; " + FILE_ORDER)]
    if problems:
        cause = _header_cause(table, kind)
        return [cause, *problems] if cause is not None else problems
    notes.add(table.notes)
    return problems


FILE_ORDER = (
    "check the order of the files: staff POPULATIONS --roster ROSTER, budget POPULATIONS ROSTER"
)
_KINDS = ("roster", "populations", "passes", "ledger")


def _cause(table: Table, text: str) -> Problem:
    return Problem(table.file, table.cell(table.header_row, 0), "", text)


def _header_cause(table: Table, kind: str) -> Problem | None:
    """Why a header is wrong, when it is one thing: another kind of file, or a title."""
    columns = set(table.columns)
    others = [
        k
        for k in _KINDS
        if k != kind
        and table_fits(k)(table.columns)
        # any table has an id: populations only when nothing says it is something else
        and not (k == "populations" and columns & {"site", "education", "title", "exam"})
    ]
    if others and not table_fits(kind)(table.columns):
        return _cause(table, f"is a {others[0]} file, not a {kind} file; " + FILE_ORDER)
    filled = [c for c in table.columns if c]
    if len(filled) <= 2 and not table_fits(kind)(table.columns):
        return _cause(
            table,
            f"no header found: no row among the first 20 holds the columns a {kind} file "
            f"needs, so the first row ({', '.join(repr(c) for c in filled)}) was read as one",
        )
    return None


def populations_header_problems(table: Table, rules: Rules) -> list[Problem]:
    """What is wrong with a populations table's header (CSV, Excel or streamed)."""
    problems = table.header_problems(
        ["id"],
        ["name", "kind", *rules.categories, *PLAN_SITE_COLUMNS, *growth_columns(rules)],
        populations_headers(rules),
        ignored_headers("populations", rules),
    )
    return _noted(table, problems, "populations")


def plain_header_problems(table: Table, kind: str, rules: Rules | None) -> list[Problem]:
    """What is wrong with the header of a passes or ledger table: every column required."""
    problems = table.header_problems(
        TABLE_COLUMNS[kind], [], kind_headers(kind, rules), ignored_headers(kind, rules)
    )
    return _noted(table, problems, kind)


def roster_header_problems(table: Table, rules: Rules | None = None) -> list[Problem]:
    """What is wrong with a roster table's header (CSV, Excel or streamed)."""
    problems = table.header_problems(
        ROSTER_REQUIRED,
        [c for c in ROSTER_COLUMNS if c not in ROSTER_REQUIRED],
        kind_headers("roster", rules),
        ignored_headers("roster", rules),
    )
    if not ("hired" in table.columns or "years_of_service" in table.columns):
        problems.append(
            Problem(
                table.file,
                table.cell(table.header_row, 0),
                "hired",
                "the header needs a 'hired' or a 'years_of_service' column",
            )
        )
    return _noted(table, problems, "roster")
