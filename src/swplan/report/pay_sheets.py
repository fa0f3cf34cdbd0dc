"""The workbook of `swplan pay`: the workers, each site's sums (`--by site`), and the
cost by grade and by step."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..calc.pay import MONEY_FIELDS, PayResult
from ..identity import shown_id
from ..rules import Rules
from ..workbook import Chart, Column, Sheet
from .common import document_title, int_column, money_column, sentence, text_column
from .labels import label
from .pay import SiteGroup, pay_by_site
from .vocab import words as vocab_words


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
                shown_id(wp.id),
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
