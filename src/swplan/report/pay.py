"""`swplan pay` -> `Report`: every worker's pay (JSON, CSV, a table), the subtotals of
`--by site`, and the workbook (workers, and the cost by site, by grade and by step).

The JSON and CSV cells of a pay row depend on the worker's profile only: one row's
cells serve every worker with the same profile (`pay_rows_json`; the streamed pay of a
national roster caches them, see `swplan.io.stream`).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..calc.pay import MONEY_FIELDS, PayFigures, PayResult, WorkerPay
from ..money import fmt_money, fmt_number
from ..render_view import Report, View, thousands
from ..rules import Rules
from ..workbook import Chart, Column, Sheet
from .common import document_title, header, int_column, money_column, sentence, text_column
from .labels import BOUNDS_ZH, ROUNDING_ZH, label
from .vocab import rules_name, word
from .vocab import words as vocab_words


def breakdown_json(f: PayFigures, rules: Rules) -> dict[str, Any]:
    """How one profile's figures were reached (the facts `--explain` prints).

    Depends on the profile and the rules only, so one dict serves every worker who
    has the profile (and `fastpay` caches its CSV cells).
    """
    pay = rules.pay
    per_year = pay.points.years_of_service
    rates = pay.contributions.rates
    items = pay.contributions.items
    contributions: dict[str, Any] = {}
    for k, v in f.contributions.items():
        item: dict[str, Any] = {"rate": fmt_number(rates[k]), "amount": fmt_money(v)}
        own = items.get(k)
        if own is not None and (  # only where the rules give the item its own base or rounding
            own.base.floor is not None or own.base.ceiling is not None or own.round is not None
        ):
            item["base"] = fmt_money(f.contribution_bases[k])
            item["round"] = pay.contributions.rounding(k)
        contributions[k] = item
    out: dict[str, Any] = {
        "education": f.education,
        "title": f.title,
        "performance": f.performance,
        "performance_default": f.performance_default,
        "points": {k: fmt_number(v) for k, v in f.points_by_factor.items()},
        "years_of_service_points": {
            "per_year": fmt_number(per_year.per_year),
            "max": fmt_number(per_year.max),
        },
        "grade_by_points": f.grade_by_points,
        "grade_min_points": (
            None if f.grade_min_points is None else fmt_number(f.grade_min_points)
        ),
        "below_lowest_grade": f.below_lowest_grade,
        "post_bound": f.post_bound,
        "contribution_base": fmt_money(f.contribution_base),
        "contribution_limit": f.contribution_limit,
        "contributions": contributions,
        "bonus_months": fmt_number(f.bonus_months),
        "months_per_year": pay.months_per_year,
    }
    # the keys below depend on the rules only, so every row of one run has the same columns
    if pay.education_post:
        out["pay_post"] = f.pay_post  # the post that paid, where education raised it
    if pay.steps is not None:
        out["steps"] = {
            "every_years": pay.steps.every_years,
            "first": pay.steps.first,
            "max": pay.steps.max,
        }
    if pay.components:
        out["components"] = {
            cid: {
                "by": comp.by,
                "key": f.component_keys[cid],
                "amount": fmt_money(f.components[cid]),
            }
            for cid, comp in pay.components.items()
        }
    if pay.performance_bonus is not None:
        out["bonus_of"] = "+".join(pay.performance_bonus.of)
        out["bonus_month"] = fmt_money(f.bonus_month)
    return out


def _profile_json(f: PayFigures, rules: Rules) -> dict[str, Any]:
    """Everything of a pay row after `id, name, site`: the same for one profile."""
    out: dict[str, Any] = {
        "post": f.post,
        "years": f.years,
        "points": fmt_number(f.points),
        "grade": f.grade,
        "step": f.step,
    }
    for key, value in zip(MONEY_FIELDS, f.money(), strict=True):
        out[key] = fmt_money(value)
    out["components"] = {k: fmt_money(v) for k, v in f.components.items()}
    out["breakdown"] = breakdown_json(f, rules)
    return out


def pay_row_json(
    worker_id: str, name: str | None, site: str, f: PayFigures, rules: Rules
) -> dict[str, Any]:
    return {"id": worker_id, "name": name, "site": site, **_profile_json(f, rules)}


def pay_rows_json(result: PayResult, rules: Rules) -> list[dict[str, Any]]:
    """`pay_row_json` for every worker; each profile is formatted once."""
    profiles: dict[int, dict[str, Any]] = {}
    rows = []
    for w in result.workers:
        tail = profiles.get(id(w.figures))
        if tail is None:
            tail = profiles[id(w.figures)] = _profile_json(w.figures, rules)
        rows.append({"id": w.id, "name": w.name, "site": w.site, **tail})
    return rows


def pay_totals_json(totals: dict[str, Decimal], count: int) -> dict[str, Any]:
    out: dict[str, Any] = {k: fmt_money(v) for k, v in totals.items()}
    out["workers"] = count
    return out


# a site's subtotal: (site, its workers as listed, how many workers, the money sums)
SiteGroup = tuple[str, list[WorkerPay], int, dict[str, Decimal]]


def pay_by_site(result: PayResult, sites: list[SiteGroup] | None = None) -> list[SiteGroup]:
    """Workers grouped by site (in order of first appearance) with the sums of each group.

    `sites`, when given, are the groups already summed (a streamed roster too big to
    list: no worker rows, only each site's count and sums) and are returned as they are.
    """
    if sites is not None:
        return sites
    groups: dict[str, list[WorkerPay]] = {}
    for w in result.workers:
        groups.setdefault(w.site, []).append(w)
    out = []
    for site, members in groups.items():
        sums = {k: Decimal(0) for k in MONEY_FIELDS}
        for w in members:
            for k, v in zip(MONEY_FIELDS, w.figures.money(), strict=True):
                sums[k] += v
        out.append((site, members, len(members), sums))
    return out


PAY_TABLE_KEYS = [
    "worker",
    "person",
    "site",
    "post",
    "years",
    "points",
    "grade",
    "monthly_gross",
    "monthly_contributions",
    "annual_cost",
]


_NUMERIC_PAY_KEYS = {
    "years",
    "points",
    "grade",
    "step",
    "monthly_gross",
    "monthly_contributions",
    "annual_cost",
}


def _pay_table_row(w: WorkerPay, rules: Rules, lang: str) -> list[str]:
    f = w.figures
    return [
        w.id,
        w.name or "",
        w.site,
        word(rules, "post", f.post, lang),
        str(f.years),
        fmt_number(f.points),
        "" if f.grade is None else str(f.grade),
        fmt_money(f.monthly_gross),
        fmt_money(f.monthly_contributions),
        fmt_money(f.annual_cost),
    ]


def _workers_text(count: int, lang: str) -> str:
    return sentence("pay.one_worker" if count == 1 else "pay.workers", lang, count=count)


def _pay_sum_row(
    title: str, count: int, site: str, sums: dict[str, Decimal], lang: str
) -> list[str]:
    return [
        title,
        _workers_text(count, lang),
        site,
        "",
        "",
        "",
        "",
        fmt_money(sums["monthly_gross"]),
        fmt_money(sums["monthly_contributions"]),
        fmt_money(sums["annual_cost"]),
    ]


def pay_report(
    result: PayResult,
    rules: Rules,
    lang: str,
    by: str | None = None,
    sites: list[SiteGroup] | None = None,
) -> Report:
    """The pay table and JSON; `by="site"` adds a subtotal per site (and CSV gives those).

    With `sites` (see `pay_by_site`), the subtotals are those, with no worker rows: the
    table has a row per site with its number of workers and sums.
    """
    data = header("pay", rules, result.as_of)
    if result.year is not None:
        data["year"] = result.year
    shown = rules.in_force(result.shown_day())
    data["workers"] = pay_rows_json(result, shown)
    data["totals"] = pay_totals_json(result.totals, result.count)
    items: list[dict[str, Any]] = data["workers"]
    rows: list[list[str]] = []
    sections: set[int] = set()
    if by == "site":
        by_site = []
        for site, members, count, sums in pay_by_site(result, sites):
            rows += [_pay_table_row(w, rules, lang) for w in members]
            rows.append(_pay_sum_row(label("subtotal", lang), count, site, sums, lang))
            sections.add(len(rows) - 1)
            by_site.append(
                {
                    "site": site,
                    "workers": count,
                    **{k: fmt_money(v) for k, v in sums.items()},
                }
            )
        data["by_site"] = by_site
        items = by_site
    else:
        rows = [_pay_table_row(w, rules, lang) for w in result.workers]
    t = result.totals
    keys = PAY_TABLE_KEYS
    totals = _pay_sum_row(label("total", lang), result.count, "", t, lang)
    versions = [version for _, version in rules.versions()]
    if any(version.pay.steps is not None for version in versions):
        # a step column after the grade, only where the rules have steps
        keys = [*keys[:7], "step", *keys[7:]]
        rows = _with_step_column(rows, result.workers, sections)
        totals = [*totals[:7], "", *totals[7:]]
    if not any(version.pay.grades for version in versions):
        # no grades: points decide nothing, so neither column is shown
        keep = [i for i, k in enumerate(keys) if k not in ("points", "grade")]
        keys = [keys[i] for i in keep]
        rows = [[row[i] for i in keep] for row in rows]
        totals = [totals[i] for i in keep]
    money_keys = ("monthly_gross", "monthly_contributions", "annual_cost")
    ids = {0, 1, 2}
    if by == "site" and sites is not None:  # no worker rows: a row per site, its sums
        keys = ["site", "workers", *money_keys]
        rows = [
            [site, str(count), *(fmt_money(sums[k]) for k in money_keys)]
            for site, _, count, sums in sites
        ]
        totals = [label("total", lang), str(result.count), *(fmt_money(t[k]) for k in money_keys)]
        sections = set()
        ids = {0}
    numeric = {i for i, k in enumerate(keys) if k in _NUMERIC_PAY_KEYS or k == "workers"}
    when = result.as_of.isoformat() if result.year is None else str(result.year)
    view = View(
        title=sentence("pay.title", lang, rules=rules_name(rules, lang), when=when),
        columns=[label(k, lang) for k in keys],
        rows=rows,
        totals=totals,
        numeric=numeric,
        money={i for i, k in enumerate(keys) if k in money_keys},
        ids=ids,
        notes=[
            sentence(
                "pay.totals_note",
                lang,
                salary=thousands(fmt_money(t["annual_salary"])),
                bonus=thousands(fmt_money(t["annual_bonus"])),
                contributions=thousands(fmt_money(t["annual_contributions"])),
            )
        ],
        sections=sections,
    )
    return Report(
        data,
        items,
        [view],
        sheets=lambda: pay_sheets(result, rules, lang, by, sites),
        lang=lang,
        csv_word=pay_csv_word(rules),
        csv_headers=PAY_HEADERS_ZH,
    )


PAY_HEADERS_ZH = {"id": "工号", "name": "姓名", "site": "站点", "workers": "人数"}
_PAY_VOCAB = {
    "post": "post",
    "breakdown.education": "education",
    "breakdown.title": "title",
    "breakdown.performance": "performance",
}


def pay_csv_word(rules: Rules) -> Callable[[str, Any], Any]:
    """Pay CSV cells in Chinese: vocabulary labels, 是/否 for true/false."""

    components = getattr(rules.pay, "components", None) or {}

    def csv_word(column: str, value: Any) -> Any:
        if column == "":  # a part of a header: a contribution item's or a component's name
            if value in components:
                return word(rules, "component", value, "zh")
            return word(rules, "contribution", value, "zh")
        vocab = _PAY_VOCAB.get(column)
        if vocab is None and column.startswith("breakdown.components."):
            part = column.split(".")
            if part[-1] == "by" and isinstance(value, str):
                return label(value, "zh")
            if part[-1] == "key" and part[2] in components:
                by = components[part[2]].by
                vocab = by if by in ("post", "title", "education", "performance") else None
        if column == "breakdown.bonus_of" and isinstance(value, str):
            return "+".join(
                word(rules, "component", p, "zh") if p in components else label(p, "zh")
                for p in value.split("+")
            )
        if column == "breakdown.pay_post":
            vocab = "post"
        if column.endswith(".round") and isinstance(value, str):
            return ROUNDING_ZH.get(value, value)
        if vocab is not None and isinstance(value, str):
            return word(rules, vocab, value, "zh")
        if column in ("breakdown.post_bound", "breakdown.contribution_limit") and value:
            return BOUNDS_ZH.get(value, value)
        if isinstance(value, bool):
            return label("yes" if value else "no", "zh")
        return value

    return csv_word


def _with_step_column(
    rows: list[list[str]], workers: list[WorkerPay], sections: set[int]
) -> list[list[str]]:
    """The table rows with each worker's step after the grade (subtotal rows: blank)."""
    out = []
    members = iter(workers)
    for i, row in enumerate(rows):
        if i in sections:
            step = ""
        else:
            figures = next(members).figures
            step = "" if figures.step is None else str(figures.step)
        out.append([*row[:7], step, *row[7:]])
    return out


# --------------------------------------------------------------------------- xlsx


def pay_sheets(
    result: PayResult,
    rules: Rules,
    lang: str,
    by: str | None,
    sites: list[SiteGroup] | None = None,
) -> list[Sheet]:
    """The workers; with `by="site"` each site's sums; the cost by grade and by step."""
    when = str(result.year) if result.year is not None else result.as_of.isoformat()
    if result.year is not None:
        title = document_title("pay_year", lang, year=result.year)
    else:
        title = document_title("pay", lang, as_of=when)
    sheets = [_workers_sheet(result, rules, lang, title)]
    if by == "site":
        by_site = document_title("pay_by_site", lang, when=when)
        sheets.append(_by_site_sheet(result, lang, by_site, pay_by_site(result, sites)))
    # cost by grade (and by step, where the rules have steps): workers and what they cost
    for key in ("grade", "step"):
        sheet = _by_level_sheet(result, key, lang, document_title(f"pay_by_{key}", lang, when=when))
        if sheet is not None:
            sheets.append(sheet)
    return sheets


def _workers_sheet(result: PayResult, rules: Rules, lang: str, title: str) -> Sheet:
    w = vocab_words(rules, lang)
    columns = [
        *(text_column(k, lang) for k in ("worker", "person", "site", "post")),
        *(text_column(k, lang) for k in ("education", "title", "performance")),
        int_column("years", lang),
        Column(label("points", lang), "number"),
        int_column("grade", lang),
        *(money_column(k, lang) for k in MONEY_FIELDS),
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
    totals: list[Any] = [label("total", lang), *([None] * 9)]
    totals += [result.totals[k] for k in MONEY_FIELDS]
    return Sheet(
        name=label("sheet.workers", lang),
        title=title,
        columns=columns,
        rows=rows,
        totals=totals,
        unit="yuan",
    )


def _by_site_sheet(result: PayResult, lang: str, title: str, groups: list[SiteGroup]) -> Sheet:
    return Sheet(
        name=label("sheet.by_site", lang),
        title=title,
        columns=[
            text_column("site", lang),
            int_column("workers", lang),
            *(money_column(k, lang) for k in MONEY_FIELDS),
        ],
        rows=[[site, count, *(sums[k] for k in MONEY_FIELDS)] for site, _, count, sums in groups],
        totals=[label("total", lang), result.count, *(result.totals[k] for k in MONEY_FIELDS)],
        chart=Chart(
            title=sentence("pay.chart_by_site", lang),
            categories=0,
            series=[2 + MONEY_FIELDS.index("annual_cost")],
        ),
        unit="people_yuan",
    )


def _by_level_sheet(result: PayResult, key: str, lang: str, title: str) -> Sheet | None:
    """Workers and their annual cost by grade (`key="grade"`) or by step; None when no
    worker has one."""
    groups: dict[int, list[Any]] = {}
    for wp in result.workers:
        value = getattr(wp.figures, key, None)
        if value is None:
            continue
        entry = groups.setdefault(value, [0, Decimal(0)])
        entry[0] += 1
        entry[1] += wp.figures.annual_cost
    if not groups:
        return None
    return Sheet(
        name=label(f"sheet.by_{key}", lang),
        title=title,
        columns=[
            text_column(key, lang),
            int_column("workers", lang),
            money_column("annual_cost", lang),
        ],
        rows=[
            [sentence(f"pay.{key}_row", lang, value=g), n, cost]
            for g, (n, cost) in sorted(groups.items())
        ],
        totals=[label("total", lang), result.count, result.totals["annual_cost"]],
        chart=Chart(title=sentence(f"pay.chart_by_{key}", lang), categories=0, series=[2]),
        unit="people_yuan",
    )
