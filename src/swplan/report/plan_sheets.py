"""A plan's workbook: a comparison sheet with a line chart of the total cost by
scenario, then a sheet per scenario (its figures, rates, ratios and constraints by
year, and a line chart of its workers against its required posts), with `--by site`
a sheet of every site's figures, and the targets."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..calc.plan import METRICS, MONEY_METRICS, PlanResult, PlanYear, TargetResult
from ..calc.plan_targets import PLACES
from ..money import half_up
from ..workbook import Cell, Chart, Column, Sheet
from .common import document_title
from .plan import (
    SITE_FIELDS,
    SITE_MONEY,
    _notes,
    _target_value,
    _warnings,
    binding_words,
    exam_word,
    span,
    word,
)
from .plan_assumptions import assumptions_notes, percent
from .plan_words import scenario_name

MORE = ("hires_cut", "per_10k", "cost_per_client", "attrition_applied")


def _kind(metric: str) -> Any:
    """Money, a share or rate (a percentage: `certified_share`, `..._applied`), workers
    per 10,000 residents (a number), a count."""
    if metric in (*MONEY_METRICS, "cost_per_client"):
        return "money"
    if metric.endswith(("_share", "_applied")):
        return "percent"
    return "number" if metric in PLACES else "int"


def _cell(year: PlanYear, metric: str) -> Any:
    value = year.metric(metric)
    if isinstance(value, Fraction):  # the share: 0.4713
        return half_up(value, PLACES.get(metric, 4))
    return value


def _target_cell(t: TargetResult) -> Any:
    """A target's value as its JSON shows it, typed: money with two places, the share
    with four, a count whole; empty without a value."""
    shown = _target_value(t)
    value = Decimal(shown) if isinstance(shown, str) else shown
    if value is not None and t.target.metric.endswith(("_share", "_applied")):
        return Cell(value, "percent")
    return value


def _comparison(result: PlanResult, lang: str, region: str | None) -> Sheet:
    zh = lang == "zh"
    first = result.scenarios[0]
    return Sheet(
        name="对比" if zh else "Comparison",
        title=document_title("plan_comparison", lang, region, years=span(result)),
        columns=[
            Column(word("year", lang), "int"),
            *(Column(scenario_name(s.name, lang), "money") for s in result.scenarios),
        ],
        rows=[
            [y.year, *(s.years[i].total for s in result.scenarios)]
            for i, y in enumerate(first.years)
        ],
        totals=[
            word("all", lang),
            *(sum((y.total for y in s.years), Decimal(0)) for s in result.scenarios),
        ],
        chart=Chart(
            title=word("comparison", lang),
            categories=0,
            series=list(range(1, len(result.scenarios) + 1)),
            kind="line",
            y_title=word("total", lang),
            x_unit="year",
        ),
        notes=_notes(lang) + _warnings(result, lang),
        unit="yuan",
    )


def plan_sheets(result: PlanResult, lang: str, *, region: str | None = None) -> list[Sheet]:
    """The comparison sheet first (what a reader opens on), then one sheet per scenario
    in the scenarios' order, the sites, then the targets; the numbers are the JSON's,
    typed."""
    zh = lang == "zh"
    years = span(result)

    def title(key: str, **values: Any) -> str:
        return document_title(key, lang, region, years=years, **values)

    sheets = [_comparison(result, lang, region)]
    for s in result.scenarios:
        exams = list(dict.fromkeys(e for y in s.years for e in y.pass_rate_applied))
        columns = [
            Column(word("year", lang), "int"),
            *(Column(word(m, lang), _kind(m)) for m in (*METRICS, *MORE)),
            *(
                Column(f"{word('pass_rate_applied', lang)} {exam_word(s, e, lang)}", "percent")
                for e in exams
            ),
            Column(word("binding", lang), "text"),
        ]
        rows = []
        for y in s.years:
            rates = [y.pass_rate_applied.get(e) for e in exams]
            rows.append(
                [
                    y.year,
                    *(_cell(y, m) for m in (*METRICS, *MORE)),
                    *(None if r is None else half_up(r, 4) for r in rates),
                    binding_words(y, lang),
                ]
            )
        totals: list[Any] = [word("all", lang)] + [
            sum((getattr(y, m) for y in s.years), Decimal(0)) if m in MONEY_METRICS else None
            for m in (*METRICS, *MORE)
        ]
        totals += [None] * (len(exams) + 1)
        sheets.append(
            Sheet(
                name=scenario_name(s.name, lang),
                title=title("plan_scenario", scenario=scenario_name(s.name, lang)),
                columns=columns,
                rows=rows,
                totals=totals,
                chart=Chart(
                    title=(
                        f"方案 {scenario_name(s.name, lang)}：在岗人数与所需岗位"
                        if zh
                        else f"Workers and required posts — scenario {s.name}"
                    ),
                    categories=0,
                    series=[1 + METRICS.index("required"), 1 + METRICS.index("workers")],
                    kind="line",
                    y_unit="people",
                    x_unit="year",
                ),
                notes=assumptions_notes(s, result.start, lang, percent),
                unit="people_yuan",
            )
        )
    if all(s.sites is not None for s in result.scenarios):
        sheets.append(_sites(result, lang, title("plan_sites")))
    if result.targets:
        sheets.append(_targets(result, lang, title("plan_targets")))
    return sheets


def _sites(result: PlanResult, lang: str, title: str) -> Sheet:
    """Every site's figures of every year, scenario by scenario."""
    columns = [
        Column(word("scenario", lang), "text"),
        Column(word("site", lang), "text"),
        Column(word("year", lang), "int"),
        *(Column(word(k, lang), "money" if k in SITE_MONEY else "int") for k in SITE_FIELDS),
    ]
    rows = [
        [scenario_name(s.name, lang), row.site, row.year, *(getattr(row, k) for k in SITE_FIELDS)]
        for s in result.scenarios
        for row in s.sites or ()
    ]
    return Sheet(
        name=word("sites", lang),
        title=title,
        columns=columns,
        rows=rows,
        unit="people_yuan",
    )


def _targets(result: PlanResult, lang: str, title: str) -> Sheet:
    """Each target and whether it was met; why, for a target whose metric had no value."""
    why = any(t.reason is not None for t in result.targets)
    columns = [
        Column(word("target", lang), "text"),
        Column(word("scenario", lang), "text"),
        Column(word("value", lang), "any"),
        Column(word("ok", lang), "text"),
    ]
    rows = [
        [
            t.target.text,
            scenario_name(t.scenario, lang),
            _target_cell(t),
            word("met" if t.ok else "failed", lang),
        ]
        for t in result.targets
    ]
    if why:
        columns.append(Column(word("reason", lang), "text"))
        for row, t in zip(rows, result.targets, strict=True):
            row.append("" if t.reason is None else t.reason.text(lang))
    return Sheet(
        name=word("targets", lang),
        title=title,
        columns=columns,
        rows=rows,
        unit="people_yuan",  # counts and amounts (a share is a percentage)
    )
