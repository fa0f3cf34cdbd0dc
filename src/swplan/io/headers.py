"""The columns of each kind of table: their keys, the built-in Chinese headers a bureau's
own sheets use, and what is wrong with a header (missing, repeated, mistyped columns)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..errors import Problem
from ..messages import L, Quoted, Words, msg
from ..rules import TABLE_COLUMNS, Rules
from ..rules.columns import REQUIRED_COLUMNS
from .table import Table, header_key, totals_word

MAX_CLIENTS = 10_000_000

# The columns of each table kind are named once, in the rules model (`columns:` checks them).
SITE_COLUMNS = TABLE_COLUMNS["populations"]
ROSTER_REQUIRED = ("id", "site", "education", "title")
ROSTER_COLUMNS = TABLE_COLUMNS["roster"]
PASS_COLUMNS = TABLE_COLUMNS["passes"]
PASS_REQUIRED = REQUIRED_COLUMNS["passes"]
LEDGER_COLUMNS = TABLE_COLUMNS["ledger"]
LEDGER_REQUIRED = REQUIRED_COLUMNS["ledger"]

# A worker's identity number (身份证号): the worker id of a table with no 工号 column,
# else a second way to name a worker (`ID_NUMBER`).
ID_NUMBER = "id_number"
ID_NUMBER_HEADERS = ("身份证号", "身份证号码", "公民身份号码")

# Built-in headers a bureau's own tables use, per file kind: header -> swplan column.
ROSTER_HEADERS = {
    **dict.fromkeys(("工号", "编号", "人员编号"), "id"),
    "姓名": "name",
    **dict.fromkeys(
        ("站点", "所在站点", "服务站点", "所在单位", "所属站点", "所属社工站", "工作单位"), "site"
    ),
    **dict.fromkeys(("学历", "最高学历", "文化程度"), "education"),
    **dict.fromkeys(
        ("职称", "职业资格", "社工证", "持证情况", "资格等级", "社工职业资格"), "title"
    ),
    **dict.fromkeys(("岗位", "职务", "岗位类别"), "post"),
    **dict.fromkeys(("入职日期", "入职时间", "参加工作时间"), "hired"),
    "工龄": "years_of_service",
    **dict.fromkeys(("考核等次", "年度考核", "考核结果"), "performance"),
    **dict.fromkeys(("用工性质", "人员类别"), "employment"),
    "不计工龄年数": "years_not_counted",
    **dict.fromkeys(("地区", "片区", "区县", "区域"), "area"),
    **dict.fromkeys(("取证时间", "取证日期", "职业资格取得时间"), "title_since"),
}
POPULATIONS_HEADERS = {
    **dict.fromkeys(("站点编号", "编号"), "id"),
    **dict.fromkeys(("站点", "站点名称", "名称"), "name"),
    **dict.fromkeys(("类型", "站点类型"), "kind"),
    **dict.fromkeys(("简称", "别名"), "aliases"),
    **dict.fromkeys(("地区", "片区", "区县", "区域"), "area"),
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
_PASS_BASE = {
    **dict.fromkeys(("工号", "人员编号"), "worker_id"),
    **dict.fromkeys(("考试", "证书", "考试名称", "考试级别", "考试类别"), "exam"),
    **dict.fromkeys(("通过日期", "取证日期", "发证日期"), "passed_on"),
}
PASS_HEADERS = {**_PASS_BASE, "姓名": "name", "考试年度": "exam_year"}
LEDGER_HEADERS = {
    **_PASS_BASE,
    "奖励项目": "exam",
    **dict.fromkeys(("金额", "发放金额", "奖励金额"), "amount"),
    "发放日期": "paid_on",
    **dict.fromkeys(("方案", "奖励方案"), "scheme"),
}
# Populations columns that hold numbers but no clients: known, and never counted.
UNCOUNTED = ("序号", "面积", "联系电话")  # (人口 and 常住人口 are `residents`)


class HeaderFit:
    """Whether a row holds every required column (by key or header): the header row.

    `either`: at least one of these columns must be there too; a row holding one of
    `forbid` (headers of another kind of table) does not fit. `known(text)`: whether a
    cell names any column of the kind (the second row of a two-row header holds such
    names).
    """

    def __init__(
        self,
        required: Iterable[str],
        headers: Mapping[str, str],
        *,
        either: Iterable[str] = (),
        forbid: Iterable[str] = (),
    ) -> None:
        self.need = set(required)
        self.either = set(either)
        wanted = self.need | self.either
        self.by_text = {header_key(k): k for k in wanted}
        self.by_text.update((header_key(h), k) for h, k in headers.items() if k in wanted)
        self.names = {header_key(h) for h in headers} | {header_key(k) for k in headers.values()}
        self.forbid = {header_key(h) for h in forbid} - self.names

    def __call__(self, cells: Sequence[str | None]) -> bool:
        texts = [header_key(c or "") for c in cells]
        found = {self.by_text.get(t) for t in texts}
        if not self.need <= found or (self.either and not self.either & found):
            return False
        return not (self.forbid and self.forbid.intersection(texts))

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


def _others(kind: str) -> set[str]:
    """The headers and keys only other kinds of table have (a populations sheet holds
    no 学历, a passes sheet no 金额)."""
    mine = set(_BUILT_IN[kind]) | set(_BUILT_IN[kind].values())
    out: set[str] = set()
    for other, headers in _BUILT_IN.items():
        if other != kind:
            out.update(h for h, k in headers.items() if k not in _SHARED)
            out.update(k for k in headers.values() if k not in _SHARED)
    return out - mine


_SHARED = ("id", "name", "worker_id")


def table_fits(kind: str, rules: Rules | None = None) -> HeaderFit:
    """`HeaderFit` for a file kind: roster, populations, passes or ledger."""
    headers = kind_headers(kind, rules)
    if kind == "roster":
        headers.update((c, c) for c in ROSTER_COLUMNS)
        headers.update(dict.fromkeys(ID_NUMBER_HEADERS, "id"))
        return HeaderFit(ROSTER_REQUIRED, headers)
    if kind == "populations":
        headers.update((c, c) for c in SITE_COLUMNS)
        if rules is not None:
            headers.update(populations_headers(rules))
            headers.update((c, c) for c in rules.categories)
        # a site's id, else its name (then the id); never a sheet of another kind
        return HeaderFit((), headers, either=("id", "name"), forbid=_others("populations"))
    headers.update(dict.fromkeys(ID_NUMBER_HEADERS, "worker_id"))
    if kind == "passes":  # a passes sheet has no amount: a ledger beside it is not passes
        return HeaderFit(PASS_REQUIRED, headers, forbid=("amount", *_amounts()))
    return HeaderFit(LEDGER_REQUIRED, headers)


def _amounts() -> list[str]:
    return [h for h, k in LEDGER_HEADERS.items() if k == "amount"]


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
        return [_cause(table, wrong_kind("roster", "populations"))]
    if problems:
        cause = _header_cause(table, kind)
        return [cause, *problems] if cause is not None else problems
    notes.add(table.notes)
    return problems


KIND_WORDS = {
    "roster": L("roster", "花名册"),
    "populations": L("populations", "服务对象"),
    "passes": L("passes", "考试通过记录"),
    "ledger": L("ledger", "奖励发放台账"),
}


def wrong_kind(found: str, wanted: str) -> object:
    """`is a roster file, not a populations file; check the order of the files: ...`"""
    return msg("file.wrong_kind", found=KIND_WORDS[found], wanted=KIND_WORDS[wanted])


_KINDS = ("roster", "populations", "passes", "ledger")


def _cause(table: Table, text: object) -> Problem:
    return Problem(table.file, table.cell(table.header_row, 0), "", text)  # type: ignore[arg-type]


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
        return _cause(table, wrong_kind(others[0], kind))
    filled = [table.headers.get(c, c) for c in table.columns if c]  # as the file writes them
    if len(filled) <= 2 and not table_fits(kind)(table.columns):
        return _cause(
            table, msg("file.no_header", kind=KIND_WORDS[kind], row=Words(filled, quoted=True))
        )
    return None


def populations_header_problems(table: Table, rules: Rules) -> list[Problem]:
    """What is wrong with a populations table's header (CSV, Excel or streamed).

    A table with no id column takes each site's name as its id (`Table.name_is_id`)."""
    table.kind = "populations"
    problems = table.header_problems(
        [],
        [
            "id",
            "name",
            "kind",
            "aliases",
            "area",
            *rules.categories,
            *PLAN_SITE_COLUMNS,
            *growth_columns(rules),
        ],
        populations_headers(rules),
        ignored_headers("populations", rules),
    )
    if not problems and "id" not in table.columns and "name" not in table.columns:
        table.header_ok = False
        problems.append(
            Problem(
                table.file,
                table.cell(table.header_row, 0),
                "id",
                msg(
                    "bureau.site_id_or_name",
                    id=Quoted("id", "站点编号"),
                    name=Quoted("name", "站点名称"),
                ),
                "populations",
            )
        )
    problems += category_totals(table, rules)
    return _noted(table, problems, "populations")


def category_totals(table: Table, rules: Rules) -> list[Problem]:
    """A totals column naming a category (老年人合计) whose category has no column of its
    own: the clients are there, but only as a total, so they cannot be counted."""
    if table.header_ok is False:
        return []
    headers = populations_headers(rules)
    forms = {header_key(h): k for h, k in headers.items() if k in rules.categories}
    forms.update((header_key(k), k) for k in rules.categories)
    out = []
    for i, column in enumerate(table.columns):
        if column not in table.ignored or not totals_word(column):
            continue
        word = header_key(column)
        for total in ("合计", "总计", "小计", "共计"):
            word = word.removeprefix(total).removesuffix(total)
        category = forms.get(word)
        if category is not None and category not in table.columns:
            label = L(
                rules.label_of("category", category, "en"),
                rules.label_of("category", category, "zh"),
            )
            out.append(
                Problem(
                    table.file,
                    table.cell(table.header_row, i),
                    column,
                    msg("bureau.category_only_total", column=column, category=label),
                )
            )
    return out


def plain_header_problems(table: Table, kind: str, rules: Rules | None) -> list[Problem]:
    """What is wrong with the header of a passes or ledger table: every required column.

    A table with no 工号 column but a 身份证号 column takes the identity number as the
    worker id (`Table.id_numbers`)."""
    table.kind = kind
    headers = identity_headers(table, kind_headers(kind, rules), "worker_id")
    headers = {**headers, "姓名": "name"}
    required = REQUIRED_COLUMNS[kind]
    optional = [c for c in TABLE_COLUMNS[kind] if c not in required]
    optional += [c for c in (ID_NUMBER, "name") if c not in optional]
    problems = table.header_problems(required, optional, headers, ignored_headers(kind, rules))
    return _noted(table, problems, kind)


def identity_headers(table: Table, headers: dict[str, str], key: str) -> dict[str, str]:
    """The headers with 身份证号 naming the id column `key` when no other header names it
    (`Table.id_numbers` is then set), else naming the `id_number` column."""
    known = {header_key(h) for h, k in headers.items() if k == key} | {key}
    has_id = any(header_key(c) in known for c in table.columns)
    numbers = {header_key(h) for h in ID_NUMBER_HEADERS}
    has_numbers = any(header_key(c) in numbers for c in table.columns)
    table.id_numbers = has_numbers and not has_id
    return {**headers, **dict.fromkeys(ID_NUMBER_HEADERS, key if table.id_numbers else ID_NUMBER)}


def roster_header_problems(table: Table, rules: Rules | None = None) -> list[Problem]:
    """What is wrong with a roster table's header (CSV, Excel or streamed)."""
    table.kind = "roster"
    headers = identity_headers(table, kind_headers("roster", rules), "id")
    problems = table.header_problems(
        ROSTER_REQUIRED,
        [*(c for c in ROSTER_COLUMNS if c not in ROSTER_REQUIRED), ID_NUMBER],
        headers,
        ignored_headers("roster", rules),
    )
    if not ("hired" in table.columns or "years_of_service" in table.columns):
        problems.append(
            Problem(
                table.file,
                table.cell(table.header_row, 0),
                "hired",
                msg(
                    "file.hired_or_years_column",
                    hired=Quoted("hired", "入职日期"),
                    years=Quoted("years_of_service", "工龄"),
                ),
                "roster",
            )
        )
    return _noted(table, problems, "roster")
