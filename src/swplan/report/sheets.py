"""Results -> the sheets of a workbook (`--format xlsx`): typed cells, labels, charts.

Money cells hold the same exact decimals the JSON prints, counts are integers, dates
are dates; the words are the labels of the chosen language.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..calc.pay import MONEY_FIELDS, PayResult
from ..calc.staffing import StaffResult
from ..rules import Rules
from ..workbook import Chart, Column, Sheet
from .labels import label
from .vocab import rules_name, words

if TYPE_CHECKING:
    from ..calc.awards import AwardsResult
    from ..calc.budget import BudgetResult, SiteBudget
    from .reports import SiteGroup


def _money(key: str, lang: str) -> Column:
    return Column(label(key, lang), "money")


def _int(key: str, lang: str) -> Column:
    return Column(label(key, lang), "int")


def _text(key: str, lang: str) -> Column:
    return Column(label(key, lang), "text")


def _yes(value: bool | None, lang: str) -> str:
    if value is None:
        return ""
    return label("yes" if value else "no", lang)


def warning_note(text: str, lang: str) -> str:
    from ..i18n import message

    return ("注意：" if lang == "zh" else "warning: ") + message(text, lang)


def _notes_title(lang: str) -> str:
    return "说明" if lang == "zh" else "Notes"


# --------------------------------------------------------------------------- staff


def staff_sheets(result: StaffResult, rules: Rules, lang: str) -> list[Sheet]:
    w = words(rules, lang)
    shown = [c for c in rules.categories if any(c in s.dedicated for s in result.sites)]
    dedicated = label("dedicated", lang)
    columns = [
        Column("站点编号" if lang == "zh" else "Site", "text"),
        _text("name", lang),
        _text("kind", lang),
        _int("required", lang),
        *(
            Column(
                f"{dedicated}：{rules.label(c, lang)}"
                if lang == "zh"
                else f"{dedicated}: {rules.label(c, lang)}",
                "int",
            )
            for c in shown
        ),
        _int("mixed", lang),
        _text("primary", lang),
        _text("covers", lang),
        Column(label("workload_fte", lang), "number"),
        _text("minimum_applied", lang),
    ]
    roster = result.with_roster
    if roster:
        columns += [
            _int("current", lang),
            _int("certified", lang),
            _int("gap", lang),
            Column("持证达标" if lang == "zh" else "Certified OK", "text"),
        ]
    rows: list[list[Any]] = []
    for s in result.sites:
        row: list[Any] = [
            s.id,
            s.name,
            w("kind", s.kind),
            s.required,
            *(s.dedicated.get(c, 0) for c in shown),
            s.mixed,
            w("category", s.primary) if s.primary else "",
            "、".join(w("category", c) for c in s.covers)
            if lang == "zh"
            else ", ".join(w("category", c) for c in s.covers),
            Decimal(s.workload_fte),
            _yes(s.minimum_applied, lang),
        ]
        if roster:
            row += [s.current, s.certified, s.gap, _yes(s.certified_ok, lang)]
        rows.append(row)
    t = result.totals
    totals: list[Any] = [
        label("total", lang),
        None,
        None,
        t.required,
        *(sum(s.dedicated.get(c, 0) for s in result.sites) for c in shown),
        sum(s.mixed for s in result.sites),
        None,
        None,
        None,
        None,
    ]
    if roster:
        totals += [t.current, t.certified, t.gap, None]
    required_at = 3
    series = [required_at]
    if roster:
        series.append(len(columns) - 4)  # current
    names = all(s.name for s in result.sites)
    chart = Chart(
        title=("各站点所需岗位与现有人数" if roster else "各站点所需岗位")
        if lang == "zh"
        else ("Required posts and current staff by site" if roster else "Required posts by site"),
        categories=1 if names else 0,
        series=series,
    )
    notes = []
    colon = "：" if lang == "zh" else ": "
    if roster:
        notes.append(
            f"{label('shortage', lang)}{colon}{t.shortage}   {label('surplus', lang)}{colon}{t.surplus}"
        )
    notes += [warning_note(text, lang) for text in result.warnings]
    sheet = Sheet(
        name="站点" if lang == "zh" else "Sites",
        title=("所需岗位" if lang == "zh" else "Posts required") + f" — {rules_name(rules, lang)}",
        columns=columns,
        rows=rows,
        totals=totals,
        chart=chart,
        notes=notes,
    )
    return [sheet]


# --------------------------------------------------------------------------- pay


def pay_sheets(
    result: PayResult,
    rules: Rules,
    lang: str,
    by: str | None,
    sites: list[SiteGroup] | None = None,
) -> list[Sheet]:
    w = words(rules, lang)
    columns = [
        _text("worker", lang),
        _text("person", lang),
        _text("site", lang),
        _text("post", lang),
        _text("education", lang),
        _text("title", lang),
        _text("performance", lang),
        _int("years", lang),
        Column(label("points", lang), "number"),
        _int("grade", lang),
        *(_money(k, lang) for k in MONEY_FIELDS),
    ]
    rows = []
    for wp in result.workers:
        f = wp.figures
        rows.append(
            [
                wp.id,
                wp.name,
                wp.site,
                w("post", f.post),
                w("education", f.education),
                w("title", f.title),
                w("performance", f.performance),
                f.years,
                f.points,
                f.grade,
                *f.money(),
            ]
        )
    totals: list[Any] = [label("total", lang), None, None, None, None, None, None, None, None, None]
    totals += [result.totals[k] for k in MONEY_FIELDS]
    title = f"{label('annual_cost', lang)} — {rules_name(rules, lang)} ({result.as_of.isoformat()})"
    sheets = [
        Sheet(
            name="人员" if lang == "zh" else "Workers",
            title=title,
            columns=columns,
            rows=rows,
            totals=totals,
        )
    ]
    if by == "site":
        from .reports import pay_by_site

        site_rows = [
            [site, count, *(sums[k] for k in MONEY_FIELDS)]
            for site, _, count, sums in pay_by_site(result, sites)
        ]
        sheets.append(
            Sheet(
                name="按站点" if lang == "zh" else "By site",
                title=title,
                columns=[
                    _text("site", lang),
                    _int("workers", lang),
                    *(_money(k, lang) for k in MONEY_FIELDS),
                ],
                rows=site_rows,
                totals=[
                    label("total", lang),
                    result.count,
                    *(result.totals[k] for k in MONEY_FIELDS),
                ],
                chart=Chart(
                    title="各站点年度用人成本" if lang == "zh" else "Annual cost by site",
                    categories=0,
                    series=[2 + MONEY_FIELDS.index("annual_cost")],
                ),
            )
        )
    # cost by grade (and by step, where the rules have steps): workers and what they cost
    for key, zh_name, en_name, zh_title, en_title in (
        ("grade", "按薪级", "By grade", "各薪级年度用人成本", "Annual cost by grade"),
        ("step", "按档次", "By step", "各档次年度用人成本", "Annual cost by step"),
    ):
        groups: dict[int, list[Any]] = {}
        for wp in result.workers:
            value = getattr(wp.figures, key, None)
            if value is None:
                continue
            entry = groups.setdefault(value, [0, Decimal(0)])
            entry[0] += 1
            entry[1] += wp.figures.annual_cost
        if not groups:
            continue
        word_ = label(key, lang)
        sheets.append(
            Sheet(
                name=zh_name if lang == "zh" else en_name,
                title=title,
                columns=[_text(key, lang), _int("workers", lang), _money("annual_cost", lang)],
                rows=[[f"{word_} {g}", n, cost] for g, (n, cost) in sorted(groups.items())],
                totals=[label("total", lang), result.count, result.totals["annual_cost"]],
                chart=Chart(
                    title=zh_title if lang == "zh" else en_title,
                    categories=0,
                    series=[2],
                ),
            )
        )
    return sheets


def explain_sheets(lines: list[str], lang: str) -> list[Sheet]:
    return [
        Sheet(
            name=_notes_title(lang),
            title=lines[0],
            columns=[Column(lines[0], "text")],
            rows=[[line] for line in lines[1:]],
        )
    ]


# --------------------------------------------------------------------------- awards


def awards_sheets(result: AwardsResult, rules: Rules, lang: str) -> list[Sheet]:
    w = words(rules, lang)
    total = label("total", lang)
    title = f"{label('awards_due', lang)} — {rules_name(rules, lang)} ({result.as_of.isoformat()})"
    due = result.due_awards
    sheets = [
        Sheet(
            name="应发" if lang == "zh" else "Due",
            title=title,
            columns=[
                _text("worker", lang),
                _text("person", lang),
                _text("exam", lang),
                Column(label("passed_on", lang), "date"),
                _money("award", lang),
                _money("less_paid", lang),
                _money("amount", lang),
            ],
            rows=[
                [a.worker_id, a.name, w("exam", a.exam), a.passed_on, a.award, a.deducted, a.amount]
                for a in due
            ],
            totals=[total, None, None, None, None, None, result.due],
        )
    ]
    from .reports import award_reason

    other = [a for a in result.awards if a.status != "due"]
    sheets.append(
        Sheet(
            name="不发放" if lang == "zh" else "Not due",
            title=label("awards_not_due", lang),
            columns=[
                _text("worker", lang),
                _text("person", lang),
                _text("exam", lang),
                Column(label("passed_on", lang), "date"),
                _text("status", lang),
                _text("reason", lang),
                _money("amount", lang),
            ],
            rows=[
                [
                    a.worker_id,
                    a.name,
                    w("exam", a.exam),
                    a.passed_on,
                    w("status", a.status) if lang == "zh" else label(a.status, lang),
                    award_reason(a, result, lang, rules),
                    a.amount,
                ]
                for a in other
            ],
            totals=[
                total,
                f"{len(other)} 笔" if lang == "zh" else f"{len(other)} passes",
                None,
                None,
                None,
                None,
                sum((a.amount for a in other), Decimal(0)),
            ],
        )
    )
    sheets.append(
        Sheet(
            name="按考试" if lang == "zh" else "By exam",
            title=label("awards_by_exam", lang),
            columns=[_text("exam", lang), _int("count", lang), _money("amount", lang)],
            rows=[[w("exam", t.exam), t.count, t.amount] for t in result.by_exam],
            totals=[total, result.count_due, result.due],
            chart=Chart(
                title="各考试应发奖励金额" if lang == "zh" else "Awards due by exam",
                categories=0,
                series=[2],
            ),
        )
    )
    return sheets


# --------------------------------------------------------------------------- budget


def budget_sheets(
    result: BudgetResult, rules: Rules, lang: str, sites: list[SiteBudget] | None
) -> list[Sheet]:
    from .reports import budget_headline, budget_notes

    w = words(rules, lang)
    zh = lang == "zh"
    total = label("total", lang)
    title = f"{label('budget', lang)} {result.year} — {rules_name(rules, lang)}"
    sheets = [
        Sheet(
            name="预算" if zh else "Budget",
            title=title,
            columns=[_text("item", lang), _money("amount", lang)],
            rows=[[w("item", line.item), line.amount] for line in result.lines],
            totals=[total, result.total],
            chart=Chart(
                title=budget_headline(result, lang).split("；" if zh else " · ")[0],
                categories=0,
                series=[1],
            ),
        )
    ]
    if sites is not None:
        keys = ["current_staff", "new_hires", "awards", "training"]
        sheets.append(
            Sheet(
                name="各站点" if zh else "By site",
                title=title,
                columns=[
                    Column("站点编号" if zh else "Site", "text"),
                    _text("name", lang),
                    *(_money(k, lang) for k in keys),
                    _money("total", lang),
                ],
                rows=[[s.id, s.name, *(getattr(s, k) for k in keys), s.total] for s in sites],
                totals=[total, None, *(line.amount for line in result.lines), result.total],
                chart=Chart(
                    title="各站点预算" if zh else "Budget by site",
                    categories=1 if all(s.name for s in sites) else 0,
                    series=[6],
                ),
            )
        )
    short = sorted(
        (s for s in result.staff.sites if (s.gap or 0) > 0), key=lambda s: (-(s.gap or 0), s.id)
    )
    sheets.append(
        Sheet(
            name="缺编站点" if zh else "Sites short",
            title=("缺编站点" if zh else "Sites short of posts") + f" — {rules_name(rules, lang)}",
            columns=[
                Column("站点编号" if zh else "Site", "text"),
                _text("name", lang),
                _int("required", lang),
                _int("current", lang),
                _int("shortage", lang),
                _money("new_hires", lang),
            ],
            rows=[
                [
                    s.id,
                    s.name,
                    s.required,
                    s.current,
                    s.gap,
                    result.hire_cost(s.id) * (s.gap or 0),
                ]
                for s in short
            ],
            totals=[
                total,
                None,
                sum(s.required for s in short),
                sum(s.current or 0 for s in short),
                result.shortage,
                result.lines[1].amount,
            ],
            chart=Chart(
                title="各站点缺编" if zh else "Shortage by site",
                categories=1 if all(s.name for s in short) else 0,
                series=[4],
            ),
        )
    )
    hire = result.new_hire
    assumptions: list[list[Any]] = [
        ["规则" if zh else "Rules", rules_name(rules, lang)],
        ["预算年度" if zh else "Budget year", result.year],
        ["测算日期" if zh else "As of", result.as_of],
        [label("personnel_share", lang), Decimal(result.personnel_share)],
        [label("current", lang), result.current],
        [label("shortage", lang), result.shortage],
        [label("planned", lang), result.planned],
        ["新增人员学历" if zh else "New hire: education", w("education", hire.education)],
        ["新增人员职称" if zh else "New hire: title", w("title", hire.title)],
        ["新增人员薪级" if zh else "New hire: grade", hire.grade],
        ["新增人员年度用人成本" if zh else "New hire: annual cost", hire.annual_cost],
        ["每人培训费" if zh else "Training per worker", rules.budget.training_per_worker],
    ]
    if result.cap is not None:
        assumptions.append([label("cap", lang), result.cap])
    sheets.append(
        Sheet(
            name="测算依据" if zh else "Assumptions",
            title=title,
            columns=[
                Column("项目" if zh else "Item", "text"),
                Column("值" if zh else "Value", "any"),
            ],
            rows=assumptions,
            notes=[
                budget_headline(result, lang),
                *budget_notes(result, rules, lang),
                *(warning_note(text, lang) for text in result.staff.warnings),
            ],
        )
    )
    return sheets
