"""A plan -> `Report`: the `swplan.plan/1` JSON, one CSV row per scenario and year,
one table per scenario, a comparison of totals by year, the targets, and the workbook
(a comparison sheet with a line chart of the total cost by scenario, then a sheet per
scenario with a line chart of its workers against its required posts)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..calc.plan import METRICS, MONEY_METRICS, PlanResult, PlanYear, ScenarioPlan, TargetResult
from ..i18n import message
from ..money import fmt_money, fmt_share, half_up
from ..render_view import Report, View
from ..rules import Rules
from ..workbook import Chart, Column, Sheet
from .common import sentence as words
from .labels import PLAN_WORDS
from .vocab import rules_name
from .vocab import word as vocab_word


def word(key: str, lang: str) -> str:
    entry = PLAN_WORDS[key]
    return entry.get(lang) or entry["en"]


def _value(year: PlanYear, metric: str) -> int | str:
    """A metric as the JSON and the tables show it: money with two places, the share
    with four (half-up), a count whole."""
    value = year.metric(metric)
    if isinstance(value, Decimal):
        return fmt_money(value)
    if isinstance(value, Fraction):
        return fmt_share(value)
    return value


def year_json(year: PlanYear) -> dict[str, Any]:
    return {"year": year.year, **{m: _value(year, m) for m in METRICS}}


def _target_value(t: TargetResult) -> int | str:
    """A target's value as its year's metric shows it."""
    value = t.value
    if isinstance(value, int):
        return value
    return fmt_money(value) if t.target.metric in MONEY_METRICS else str(value)


def target_json(t: TargetResult) -> dict[str, Any]:
    shown = _target_value(t)
    return {"target": t.target.text, "scenario": t.scenario, "value": shown, "ok": t.ok}


def plan_json(result: PlanResult) -> dict[str, Any]:
    return {
        "schema": "swplan.plan/1",
        "from": result.start,
        "years": result.horizon,
        "scenarios": [
            {"name": s.name, "rules": s.rules.name, "years": [year_json(y) for y in s.years]}
            for s in result.scenarios
        ],
        "targets": [target_json(t) for t in result.targets],
        "warnings": [str(w) for w in result.warnings],
    }


def _notes(lang: str) -> list[str]:
    return [
        words(key, lang) for key in ("plan_start_note", "plan_certified_note", "plan_pass_note")
    ]


def _warnings(result: PlanResult, lang: str) -> list[str]:
    return [("注意：" if lang == "zh" else "warning: ") + message(w, lang) for w in result.warnings]


def _assumptions(rules: Rules, lang: str) -> str:
    """The scenario's `plan:` in a sentence; under zh the categories and exams by label."""
    p = rules.plan
    zh = lang == "zh"
    join = "、" if zh else ", "

    def category(c: str) -> str:
        if not zh:
            return c
        return "其余类别" if c == "default" else rules.label(c, lang)

    def exam(e: str) -> str:
        return vocab_word(rules, "exam", e, lang) if zh else e

    growth = join.join(f"{category(c)} {g}" for c, g in p.client_growth.items())
    passes = join.join(f"{exam(e)} {r}" for e, r in p.certification.items())
    hiring = words(f"plan_hiring_{p.hiring}", lang) if zh else p.hiring
    return words(
        "plan_assumptions",
        lang,
        growth=growth,
        attrition=p.attrition,
        hiring=hiring,
        passes=passes or words("plan_no_passes", lang),
        pay_rise=p.pay_rise,
        base_rise=p.base_rise,
    )


def _span(result: PlanResult) -> str:
    """`2026-2030`, or `2026` for a plan of one year."""
    last = result.start + result.horizon - 1
    return f"{result.start}-{last}" if last != result.start else str(last)


def _title(result: PlanResult, s: ScenarioPlan, lang: str) -> str:
    years = _span(result)
    rules = rules_name(s.rules, lang)
    if lang == "zh":
        return f"{word('plan', lang)} {years} — {word('scenario', lang)} {s.name}（{rules}）"
    return f"{word('plan', lang)} {years} — {word('scenario', lang)} {s.name} ({rules})"


_MONEY_AT = {1 + METRICS.index(m) for m in MONEY_METRICS}  # columns of a scenario's table


def _scenario_view(s: ScenarioPlan, lang: str, result: PlanResult) -> View:
    columns = ["year", *METRICS]
    rows = [[str(y.year), *(str(_value(y, m)) for m in METRICS)] for y in s.years]
    totals = [word("all", lang)] + [
        fmt_money(sum((getattr(y, m) for y in s.years), Decimal(0))) if m in MONEY_METRICS else ""
        for m in METRICS
    ]
    return View(
        title=_title(result, s, lang),
        columns=[word(c, lang) for c in columns],
        rows=rows,
        totals=totals,
        numeric=set(range(1, len(columns))),
        money=_MONEY_AT,
        notes=[_assumptions(s.rules, lang)],
    )


def plan_report(result: PlanResult, lang: str) -> Report:
    data = plan_json(result)
    names = [s.name for s in result.scenarios]
    views = [_scenario_view(s, lang, result) for s in result.scenarios]
    rows = []
    for i, y in enumerate(result.scenarios[0].years):
        rows.append([str(y.year), *(fmt_money(s.years[i].total) for s in result.scenarios)])
    views.append(
        View(
            title=word("comparison", lang),
            columns=[word("year", lang), *names],
            rows=rows,
            totals=[
                word("all", lang),
                *(fmt_money(sum((y.total for y in s.years), Decimal(0))) for s in result.scenarios),
            ],
            numeric=set(range(1, len(names) + 1)),
            money=set(range(1, len(names) + 1)),
            notes=_notes(lang) + _warnings(result, lang),
        )
    )
    if result.targets:
        views.append(
            View(
                title=word("targets", lang),
                columns=[word(c, lang) for c in ("target", "scenario", "value", "ok")],
                rows=[
                    [
                        t["target"],
                        t["scenario"],
                        str(t["value"]),
                        word("met" if t["ok"] else "failed", lang),
                    ]
                    for t in data["targets"]
                ],
                numeric={2},
                money={2},
                ids={0, 1},
            )
        )
    items = [{"scenario": s["name"], **y} for s in data["scenarios"] for y in s["years"]]
    headers = {key: word(key, "zh") for key in ("scenario", "year", *METRICS)}
    return Report(
        data,
        items,
        views,
        sheets=lambda: plan_sheets(result, lang),
        lang=lang,
        csv_headers=headers,
    )


# --------------------------------------------------------------------------- xlsx


def _kind(metric: str) -> Any:
    if metric in MONEY_METRICS:
        return "money"
    return "number" if metric == "certified_share" else "int"


def _cell(year: PlanYear, metric: str) -> Any:
    value = year.metric(metric)
    return half_up(value, 4) if isinstance(value, Fraction) else value  # the share: 0.4713


def _target_cell(t: TargetResult) -> Any:
    """A target's value as its JSON shows it, typed: money with two places, the share
    with four, a count whole."""
    shown = _target_value(t)
    return Decimal(shown) if isinstance(shown, str) else shown


def plan_sheets(result: PlanResult, lang: str) -> list[Sheet]:
    """The comparison sheet first (what a reader opens on), then one sheet per scenario
    in the scenarios' order, then the targets; the numbers are the JSON's, typed."""
    zh = lang == "zh"
    year_column = Column(word("year", lang), "int")
    first = result.scenarios[0]
    years = _span(result)
    comparison = Sheet(
        name="对比" if zh else "Comparison",
        title=f"{word('plan', lang)} {years} — {word('comparison', lang)}",
        columns=[year_column, *(Column(s.name, "money") for s in result.scenarios)],
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
        ),
        notes=_notes(lang) + _warnings(result, lang),
    )
    sheets = [comparison]
    columns = [year_column, *(Column(word(m, lang), _kind(m)) for m in METRICS)]
    for s in result.scenarios:
        totals: list[Any] = [word("all", lang)] + [
            sum((getattr(y, m) for y in s.years), Decimal(0)) if m in MONEY_METRICS else None
            for m in METRICS
        ]
        sheets.append(
            Sheet(
                name=s.name,
                title=_title(result, s, lang),
                columns=columns,
                rows=[[y.year, *(_cell(y, m) for m in METRICS)] for y in s.years],
                totals=totals,
                chart=Chart(
                    title=(
                        f"方案 {s.name}：在岗人数与所需岗位"
                        if zh
                        else f"Workers and required posts — scenario {s.name}"
                    ),
                    categories=0,
                    series=[1 + METRICS.index("required"), 1 + METRICS.index("workers")],
                    kind="line",
                ),
                notes=[_assumptions(s.rules, lang)],
            )
        )
    if result.targets:
        sheets.append(
            Sheet(
                name=word("targets", lang),
                title=f"{word('plan', lang)} {years} — {word('targets', lang)}",
                columns=[
                    Column(word("target", lang), "text"),
                    Column(word("scenario", lang), "text"),
                    Column(word("value", lang), "any"),
                    Column(word("ok", lang), "text"),
                ],
                rows=[
                    [
                        t.target.text,
                        t.scenario,
                        _target_cell(t),
                        word("met" if t.ok else "failed", lang),
                    ]
                    for t in result.targets
                ],
            )
        )
    return sheets
