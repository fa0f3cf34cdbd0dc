"""`swplan init DIR`: a new bureau's first files, ready to fill in.

Writes a rules file that extends the national default (every key shown, commented
out), and roster, populations and passes workbooks: the headers, one example row
whose first cell is 示例 (`example` in English; every reader skips it with a note),
dropdown lists for every vocabulary column taken from the rules, date-formatted date
columns, an options sheet the dropdowns read and a short guide sheet.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..io.atomic import why
from ..io.fileset import write_new_files
from ..messages import msg
from ..rules import Rules

FILES = ("rules.yaml", "roster.xlsx", "populations.xlsx", "passes.xlsx")

# Each workbook's example row starts with the word every reader skips (示例, example),
# so the new files hold no record yet: `swplan check` passes on them and `swplan budget`
# gives a budget of 0.00, naming the skipped example rows. No invented site or worker
# can ever end up in a real budget. The rest of the row shows what a cell holds.
EXAMPLE_SITE = "shili"


def example_mark(lang: str) -> str:
    return "示例" if lang == "zh" else "example"


@dataclass
class Col:
    key: str  # the column's header: the key swplan reads
    zh: str  # what it means, for the guide
    en: str
    vocab: str | None = None  # the options column its dropdown takes
    date: bool = False
    width: int = 14
    header_zh: str | None = None  # the Chinese header the readers know it by (zh workbooks)


def _rules_text(rules: Rules, lang: str) -> str:
    zh = lang == "zh"
    pay = rules.pay

    def mapping(values: dict[str, Any]) -> str:
        return "{" + ", ".join(f"{k}: {v}" for k, v in values.items()) + "}"

    def c(zh_text: str, en_text: str) -> str:
        return zh_text if zh else en_text

    grades = "\n".join(
        f"#    - {{grade: {g.grade}, min_points: {g.min_points}, monthly: {g.monthly}}}"
        for g in pay.grades or []
    )
    posts = "\n".join(
        f"#    {name}: {{points: {p.points}"
        + (f", min_grade: {p.min_grade}" if p.min_grade is not None else "")
        + (f", max_grade: {p.max_grade}" if p.max_grade is not None else "")
        + "}"
        for name, p in pay.posts.items()
    )
    components = "\n".join(
        f"#    {cid}: {{by: {comp.by}, amounts: {mapping(comp.amounts)}"
        + (f", per_year: {comp.per_year}" if comp.per_year is not None else "")
        + (f", max_years: {comp.max_years}" if comp.max_years is not None else "")
        + "}"
        for cid, comp in pay.components.items()
    )
    categories = "\n".join(
        f"#  {name}: {{label: {{zh: {cat.label.zh or name}}}}}"
        for name, cat in rules.categories.items()
    )
    staffing = rules.staffing
    base = pay.contributions.base
    awards = rules.awards
    hire = rules.budget.new_hire
    plan = rules.plan
    window = awards.claim_window_days if awards.claim_window_days is not None else "null"
    return f"""\
# yaml-language-server: $schema=swplan.rules-1.json  {c("（供编辑器检查；生成该文件：swplan schema rules > swplan.rules-1.json）", "(for editors; write it with: swplan schema rules > swplan.rules-1.json)")}
# {c("本单位的测算规则。以全国默认标准为基础（extends: national），", "This bureau's rules. They start from the national default (extends: national);")}
# {c("只需去掉某一行前面的 # 并改成本地标准，其余各项沿用全国默认。", "remove the # in front of a line and change its value; anything left commented keeps the national value.")}
# {c("查看生效的全部规则：swplan rules show --rules rules.yaml", "See the rules in force: swplan rules show --rules rules.yaml")}
extends: national
name: {c("本单位", "our bureau")} {rules.effective.year}
effective: {rules.effective.isoformat()}  # {c("生效日期；预算年度默认取其年份", "effective date; the budget year defaults to its year")}

# {c("服务对象类别（显示顺序）；某类可单独设定 clients_per_worker", "service-client categories, in display order; a category may set its own clients_per_worker")}
#categories:
{categories}

#areas: {{}}  # {c("地区：托底与工资构成可按地区取值（by: area），例 {town: {label: {zh: 县城}}}", "areas: floors and components may go by area (by: area), e.g. {town: {label: {zh: 县城}}}")}
#published: {{}}  # {c("公布的年度数据（元/年），例 {average_wage: {2025: 90000, growth: 0.05}}", "published yearly figures (CNY a year), e.g. {average_wage: {2025: 90000, growth: 0.05}}")}

#staffing:
#  clients_per_worker: {staffing.clients_per_worker}  # {c("每名社工服务对象人数（1:20）", "clients per social worker (1:20)")}
#  minimum_posts: {mapping(staffing.minimum_posts)}  # {c("各类型站点最低岗位数", "minimum posts by site kind")}
#  minimum_certified: {mapping(staffing.minimum_certified)}  # {c("各类型站点最低持证人数", "minimum certified workers by site kind")}

#pay:
#  points:  # {c("积分：学历、职称、绩效、工龄", "points: education, title, performance, years of service")}
#    education: {mapping(pay.points.education)}
#    title: {mapping(pay.points.title)}
#    performance: {mapping(pay.points.performance)}
#    years_of_service: {{per_year: {pay.points.years_of_service.per_year}, max: {pay.points.years_of_service.max}}}
#  default_performance: {pay.default_performance}  # {c("未填绩效时采用", "rating used when none is given")}
#  posts:  # {c("岗位：起点积分与薪级范围", "posts: points and grade bounds")}
{posts}
#  default_post: {pay.default_post}  # {c("未填岗位时采用", "post used when none is given")}
#  grades:  # {c("薪级：起点积分与月基本工资（元）", "grades: minimum points and monthly base pay (CNY)")}
{grades}
#  months_per_year: {pay.months_per_year}  # {c("每年发放月数", "months paid per year")}
#  service:
#    education_years: {mapping(pay.service.education_years)}  # {c("学历折算工龄（年）", "years of service a degree counts as")}
#    count: {pay.service.count}  # {c("anniversary 满周年起计 | calendar_year 每满一年，从下一年度起", "anniversary | calendar_year: a full year counts from the next 1 January")}
#  components:  # {c("工资构成（元/月）；设为 null 即不发", "pay components (CNY a month); null drops one")}
{components}
#  allowances:
#    title: {mapping(pay.allowances.title)}  # {c("持证岗位津贴（元/月）", "post allowance by title (CNY a month)")}
#  performance_bonus_months: {mapping(pay.performance_bonus_months or {})}  # {c("绩效奖金（月基本工资的倍数）", "bonus in months of base pay")}
#  contributions:  # {c("单位缴费（五险一金）", "employer contributions")}
#    base: {{floor: {base.floor}, ceiling: {base.ceiling}}}  # {c("缴费基数下限、上限", "contribution base floor and ceiling")}
#    rates: {mapping(pay.contributions.rates)}
#  floor: []  # {c("托底（月），例 {monthly: {share: 0.8, of: average_wage, year: -1, from_month: 7}, includes: [gross, contributions]}", "pay floor (a month), e.g. {monthly: {share: 0.8, of: average_wage, year: -1, from_month: 7}, includes: [gross, contributions]}")}
#  prorate: {{extra_months: false, bonus: false}}  # {c("年中入职者的额外月份工资、绩效奖金按发放月数折算", "a part-year worker's extra months and bonus by months paid")}

#awards:  # {c("考试通过一次性奖励（元）", "one-off exam awards (CNY)")}
#  exams: {mapping(awards.exams)}
#  ladder: [{", ".join(awards.ladder)}]  # {c("晋级顺序", "ladder order")}
#  upgrade: {awards.upgrade}  # {c("top_up 补差 | full 全额", "top_up | full")}
#  claim_window_days: {window}  # {c("领取期限（天）；null 不限", "claim window in days; null: none")}

#budget:
#  new_hire: {{education: {hire.education}, title: {hire.title}, years_of_service: {hire.years_of_service}}}  # {c("新增人员按此测算", "profile a new hire is costed at")}
#  training_per_worker: {rules.budget.training_per_worker}  # {c("每人每年培训费（元）", "training per worker a year (CNY)")}

#plan:  # {c("五年规划（swplan plan）的假设", "assumptions of a plan (swplan plan)")}
#  years: {plan.years}  # {c("规划年数", "years ahead")}
#  client_growth: {mapping(plan.client_growth)}  # {c("服务对象年增长率，按类别", "yearly growth of clients, by category")}
#  attrition: {plan.attrition}  # {c("每年年末离职比例", "share leaving at each year end")}
#  hiring: {plan.hiring}  # {c("fill 补足缺编 | none 不招聘", "fill | none")}
#  certification: {mapping(plan.certification)}  # {c("每年考试通过比例，按考试", "share passing each exam each year")}
#  pay_rise: {plan.pay_rise}  # {c("薪酬年涨幅", "yearly pay rise")}
#  base_rise: {plan.base_rise}  # {c("缴费基数年涨幅", "yearly rise of the contribution base")}
"""


def _roster_columns(rules: Rules) -> list[Col]:
    cols = [
        Col("id", "工号", "worker id", width=12),
        Col("name", "姓名", "name", width=12),
        Col("site", "所在站点编号", "site id", vocab="site", header_zh="站点"),
        Col("education", "学历", "education", vocab="education"),
        Col("title", "职称", "title", vocab="title", width=26),
    ]
    if rules.pay.posts:
        cols.append(Col("post", "岗位", "post", vocab="post"))
    cols += [
        Col("hired", "入职日期", "hired", date=True),
        Col(
            "years_of_service",
            "工龄（不填入职日期时）",
            "years of service (instead of hired)",
            header_zh="工龄",
        ),
        Col("performance", "考核等次", "performance", vocab="performance"),
    ]
    return cols


def _cell_word(rules: Rules, vocab: str, key: str, lang: str) -> str:
    """What a cell holds for a vocabulary word: its Chinese label in a zh workbook when
    input files may name words by label, else its key."""
    from ..i18n import labels_accepted
    from .vocab import word

    if lang == "zh" and labels_accepted():
        return word(rules, vocab, key, "zh")
    return key


def _options(rules: Rules, lang: str) -> dict[str, list[tuple[str, str]]]:
    """Each vocabulary: (what a cell holds, what it means) pairs."""
    from .vocab import word

    def of(vocab: str, keys: Any) -> list[tuple[str, str]]:
        out = []
        for k in keys:
            shown = _cell_word(rules, vocab, k, lang)
            meaning = word(rules, vocab, k, lang)
            out.append((shown, "" if shown != k else meaning))
        return out

    kinds = list(
        dict.fromkeys(
            [
                *(getattr(rules, "site_kinds", None) or {}),
                *rules.staffing.minimum_posts,
                "urban_community",
                "rural_community",
                "township_station",
            ]
        )
    )
    return {
        "site": [],  # the bureau's own site ids, once it has written them here
        "kind": of("kind", kinds),
        "education": of("education", rules.pay.points.education),
        "title": of("title", rules.pay.points.title),
        "post": of("post", rules.pay.posts),
        "performance": of("performance", rules.pay.points.performance),
        "exam": of("exam", rules.awards.exams),
    }


_VOCAB_ZH = {
    "site": "站点",
    "kind": "站点类型",
    "education": "学历",
    "title": "职称",
    "post": "岗位",
    "performance": "考核等次",
    "exam": "考试",
}


def chinese_headers() -> bool:
    """Whether the table readers know the built-in Chinese headers (工号, 姓名, ...)."""
    from ..io import headers as records

    return hasattr(records, "ROSTER_HEADERS")


def header_of(col: Col, lang: str) -> str:
    """A column's header: its Chinese name in a zh workbook the readers can read, else its key."""
    if lang == "zh" and chinese_headers():
        return col.header_zh or col.zh
    return col.key


def _book(
    sheet_title: str,
    cols: list[Col],
    example: list[Any],
    options: dict[str, list[tuple[str, str]]],
    guide: list[str],
    lang: str,
) -> Any:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    zh = lang == "zh"
    book = Workbook()
    ws: Any = book.active
    ws.title = sheet_title
    lists = book.create_sheet("选项" if zh else "options")
    notes = book.create_sheet("说明" if zh else "guide")
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    used = [c.vocab for c in cols if c.vocab]
    for j, vocab in enumerate(used, start=1):
        assert vocab is not None
        title = _VOCAB_ZH[vocab] if zh else vocab
        lists.cell(1, j, title).font = bold
        lists.cell(1, len(used) + j, f"{title}（说明）" if zh else f"{title} (label)").font = bold
        for i, (key, text) in enumerate(options[vocab], start=2):
            lists.cell(i, j, key)
            lists.cell(i, len(used) + j, text)
        lists.column_dimensions[get_column_letter(j)].width = 26
        lists.column_dimensions[get_column_letter(len(used) + j)].width = 20
    for j, col in enumerate(cols, start=1):
        cell = ws.cell(1, j, header_of(col, lang))
        cell.font = bold
        cell.fill = fill
        cell.comment = Comment(col.zh if zh else col.en, "swplan")
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = col.width
        value = example[j - 1]
        target = ws.cell(2, j, value)
        if col.date:
            for r in range(2, 1001):
                ws.cell(r, j).number_format = "yyyy-mm-dd"
            target.number_format = "yyyy-mm-dd"
            rule = DataValidation(
                type="date",
                operator="between",
                formula1="DATE(1950,1,1)",
                formula2="DATE(2100,12,31)",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="日期" if zh else "Date",
                error="请填写日期，例如 2020-09-01" if zh else "Enter a date, e.g. 2020-09-01",
            )
            rule.add(f"{letter}2:{letter}1000")
            ws.add_data_validation(rule)
        if col.vocab:
            k = used.index(col.vocab) + 1
            ref = get_column_letter(k)
            rule = DataValidation(
                type="list",
                formula1=f"'{lists.title}'!${ref}$2:${ref}$200",
                allow_blank=True,
                showErrorMessage=True,
                # a site not yet in the options sheet is allowed, with a warning
                errorStyle="warning" if col.vocab == "site" else "stop",
                errorTitle=col.zh if zh else col.en,
                error=(
                    f"请从下拉列表中选择（见“{lists.title}”表）"
                    if zh
                    else f"Choose from the list (see the '{lists.title}' sheet)"
                ),
            )
            rule.add(f"{letter}2:{letter}1000")
            ws.add_data_validation(rule)
    ws.freeze_panes = "A2"
    notes.column_dimensions["A"].width = 100
    for i, line in enumerate(guide, start=1):
        notes.cell(i, 1, line).font = bold if i == 1 else Font()
    return book


def _guide(lang: str, what: str, cols: list[Col]) -> list[str]:
    zh = lang == "zh"
    head = [
        f"{what}：填写说明" if zh else f"{what}: how to fill it in",
        "第一行是 swplan 读取的列名，请勿修改；第二行是示例（第一格为“示例”），swplan "
        "读取时跳过它，可保留或删除；请从第三行起填写。"
        if zh
        else "Row 1 holds the column names swplan reads: keep them. Row 2 is an example "
        "(its first cell says 'example'): swplan skips it, keep it or delete it; fill in "
        "from row 3.",
        "带下拉列表的列请从列表中选择；可选值及其含义见“选项”表。"
        "站点的下拉列表取自“选项”表的站点列：请在那里填写本单位各站点的编号。"
        if zh
        else "Columns with a dropdown take a value from the list; the 'options' sheet lists "
        "the values and what they mean. The site dropdown reads the options sheet's site "
        "column: write your sites' ids there.",
        "日期写成 2020-09-01（或使用日期单元格）。"
        if zh
        else "Dates: 2020-09-01 (or a date cell).",
        "",
        "各列：" if zh else "Columns:",
    ]
    body = []
    for c in cols:
        # never a bare header in a cell: a reader looking for the table must not take
        # the guide for it
        name = header_of(c, lang)
        if zh:
            body.append(f"  列 {name}" if name == c.zh else f"  列 {name}：{c.zh}")
        else:
            body.append(f"  column {name}: {c.en}")
    tail = [
        "",
        "填好后检查：swplan check rules.yaml roster.xlsx populations.xlsx passes.xlsx"
        if zh
        else "When filled in, check: swplan check rules.yaml roster.xlsx populations.xlsx "
        "passes.xlsx",
        "预算：swplan budget populations.xlsx roster.xlsx --passes passes.xlsx "
        "--rules rules.yaml --lang zh -o 预算.xlsx"
        if zh
        else "Budget: swplan budget populations.xlsx roster.xlsx --passes passes.xlsx "
        "--rules rules.yaml -o budget.xlsx",
    ]
    return head + body + tail


def write_starter(directory: str | os.PathLike[str], rules: Rules, lang: str) -> list[Path]:
    """Write the starter files into `directory` (created if missing): all of them or
    none; never over a file or through a link."""
    from io import BytesIO

    zh = lang == "zh"
    options = _options(rules, lang)
    first_title = next(iter(rules.pay.points.title))
    certified = next((t for t in rules.pay.points.title if t != "none"), first_title)
    roster_cols = _roster_columns(rules)
    example_worker: dict[str, Any] = {
        "id": example_mark(lang),
        "name": "张三" if zh else "Zhang San",
        "site": EXAMPLE_SITE,
        "education": _cell_word(rules, "education", rules.budget.new_hire.education, lang),
        "title": _cell_word(rules, "title", certified, lang),
        "post": _cell_word(rules, "post", rules.pay.default_post, lang)
        if rules.pay.default_post
        else None,
        "hired": dt.date(rules.effective.year - 3, 9, 1),
        "years_of_service": None,
        "performance": _cell_word(rules, "performance", rules.pay.default_performance, lang),
    }
    categories = list(rules.categories)
    pop_cols = [
        Col("id", "站点编号", "site id", width=12),
        Col("name", "站点名称", "site name", width=16),
        Col("kind", "站点类型", "site kind", vocab="kind", width=20),
        *(
            Col(
                c,
                f"服务对象：{rules.label(c, 'zh')}（人）",
                f"clients: {rules.label(c, 'en')}",
                header_zh=rules.label(c, "zh"),
            )
            for c in categories
        ),
    ]
    clients = dict.fromkeys(categories, 0)
    clients[categories[0]] = 45
    example_site = [
        example_mark(lang),
        "示例社区" if zh else "Example community",
        _cell_word(rules, "kind", "urban_community", lang),
        *clients.values(),
    ]
    pass_cols = [
        Col("worker_id", "工号", "worker id", width=12),
        Col("exam", "考试", "exam", vocab="exam", width=26),
        Col("passed_on", "通过日期", "passed on", date=True),
    ]
    exam = certified if certified in rules.awards.exams else next(iter(rules.awards.exams), "")
    example_pass = [
        example_mark(lang),
        _cell_word(rules, "exam", exam, lang),
        dt.date(rules.effective.year - 1, 11, 1),
    ]
    books = {
        "roster.xlsx": _book(
            "花名册" if zh else "roster",
            roster_cols,
            [example_worker[c.key] for c in roster_cols],
            options,
            _guide(lang, "花名册" if zh else "Roster", roster_cols),
            lang,
        ),
        "populations.xlsx": _book(
            "服务对象" if zh else "populations",
            pop_cols,
            example_site,
            options,
            _guide(lang, "服务对象" if zh else "Populations", pop_cols),
            lang,
        ),
        "passes.xlsx": _book(
            "考试通过" if zh else "passes",
            pass_cols,
            example_pass,
            options,
            _guide(lang, "考试通过" if zh else "Exam passes", pass_cols),
            lang,
        ),
    }
    files = {"rules.yaml": _rules_text(rules, lang).encode("utf-8")}
    try:
        for name, book in books.items():
            buffer = BytesIO()
            book.save(buffer)  # through temporary files: a full disk fails here too
            files[name] = buffer.getvalue()
    except OSError as exc:
        raise InputError(
            [Problem(os.fspath(directory), "", "", msg("safety.init_cannot_write", why=why(exc)))]
        ) from None
    return write_new_files(directory, files)
