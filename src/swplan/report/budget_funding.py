"""The budget as a finance bureau reads it: who pays each line (资金来源) and the lines
by economic classification (经济分类), in the JSON, a table and two sheets."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..calc.budget import BudgetResult
from ..calc.funding import FundingResult, SiteFunding
from ..calc.items import BudgetItem
from ..money import ZERO, fmt_money
from ..render_view import View
from ..rules import Rules
from ..workbook import Column, Sheet
from .common import money_column, text_column
from .labels import label
from .vocab import word
from .vocab import words as vocab_words

# The items that are no word of the rules, in both languages.
ITEM_WORDS: dict[str, dict[str, str]] = {
    "salary": {"en": "Salary", "zh": "工资"},
    "bonus": {"en": "Bonus", "zh": "绩效奖金"},
    "pension": {"en": "Pension", "zh": "养老保险"},
    "medical": {"en": "Medical insurance", "zh": "医疗保险"},
    "unemployment": {"en": "Unemployment insurance", "zh": "失业保险"},
    "work_injury": {"en": "Work injury insurance", "zh": "工伤保险"},
    "maternity": {"en": "Maternity insurance", "zh": "生育保险"},
    "housing_fund": {"en": "Housing fund", "zh": "住房公积金"},
    "awards": {"en": "Exam awards", "zh": "考试奖励"},
    "training": {"en": "Training", "zh": "培训费"},
}


def item_label(rules: Rules, item: str, lang: str) -> str:
    """An item's label: a contribution's own label in the rules, else the built-in word,
    else the key."""
    if item not in ("salary", "bonus", "awards", "training"):
        entry = rules.words("contribution").get(item)
        own = getattr(entry.label, lang, None) if entry is not None else None
        if own:
            return str(own)
    return ITEM_WORDS.get(item, {}).get(lang) or item


def by_funder_json(parts: Mapping[str, Decimal]) -> dict[str, str]:
    return {source: fmt_money(amount) for source, amount in parts.items()}


def items_json(items: list[BudgetItem], rules: Rules, lang: str) -> list[dict[str, Any]]:
    return [
        {"item": i.item, "label": item_label(rules, i.item, lang), "amount": fmt_money(i.amount)}
        for i in items
    ]


def add_funding_json(data: dict[str, Any], result: BudgetResult) -> None:
    """`by_funder` on each line and at the top level, with `funding` rules."""
    funding = result.funding
    if funding is None:
        return
    for line in data["lines"]:
        line["by_funder"] = by_funder_json(funding.lines[line["item"]])
    data["by_funder"] = by_funder_json(funding.total)


def site_funding_json(found: SiteFunding) -> dict[str, Any]:
    """A site's `by_funder`: {LINE: {source: amount}, total: {source: amount}}."""
    out: dict[str, Any] = {line: by_funder_json(parts) for line, parts in found.lines.items()}
    out["total"] = by_funder_json(found.total)
    return out


def _source(rules: Rules, source: str, lang: str) -> str:
    return word(rules, "source", source, lang)


def funding_view(result: BudgetResult, funding: FundingResult, rules: Rules, lang: str) -> View:
    """资金来源: each line by source, the sources' totals below."""
    w = vocab_words(rules, lang)
    sources = funding.sources
    n = len(sources)
    return View(
        title=label("funding", lang),
        columns=[
            label("item", lang),
            *(_source(rules, s, lang) for s in sources),
            label("total", lang),
        ],
        rows=[
            [
                w("item", line.item),
                *(fmt_money(funding.lines[line.item][s]) for s in sources),
                fmt_money(line.amount),
            ]
            for line in result.lines
        ],
        totals=[
            label("total", lang),
            *(fmt_money(funding.total[s]) for s in sources),
            fmt_money(result.total),
        ],
        numeric=set(range(1, n + 2)),
        money=set(range(1, n + 2)),
    )


def funding_sheet(
    result: BudgetResult, funding: FundingResult, rules: Rules, lang: str, title: str
) -> Sheet:
    w = vocab_words(rules, lang)
    sources = funding.sources
    return Sheet(
        name=label("sheet.funding", lang),
        title=title,
        unit="yuan",
        signature=True,
        columns=[
            text_column("item", lang),
            *(Column(_source(rules, s, lang), "money") for s in sources),
            money_column("total", lang),
        ],
        rows=[
            [w("item", line.item), *(funding.lines[line.item][s] for s in sources), line.amount]
            for line in result.lines
        ],
        totals=[label("total", lang), *(funding.total[s] for s in sources), result.total],
    )


def items_sheet(result: BudgetResult, rules: Rules, lang: str, title: str) -> Sheet:
    """经济分类: the budget by economic classification, adding up to the total."""
    return Sheet(
        name=label("sheet.items", lang),
        title=title,
        unit="yuan",
        signature=True,
        columns=[text_column("item", lang), money_column("amount", lang)],
        rows=[[item_label(rules, i.item, lang), i.amount] for i in result.items],
        totals=[label("total", lang), sum((i.amount for i in result.items), ZERO)],
    )
