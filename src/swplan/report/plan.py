"""A plan -> `Report`: the `swplan.plan/1` JSON, one CSV row per scenario and year,
one table per scenario, a comparison of totals by year and the targets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..calc.plan import METRICS, MONEY_METRICS, PlanResult, PlanYear, TargetResult
from ..money import fmt_money
from ..render import Report, View
from .labels import PLAN_WORDS, words


def word(key: str, lang: str) -> str:
    entry = PLAN_WORDS[key]
    return entry.get(lang) or entry["en"]


def _value(year: PlanYear, metric: str) -> int | str:
    value = year.metric(metric)
    if isinstance(value, Decimal):
        return fmt_money(value)
    return value


def year_json(year: PlanYear) -> dict[str, Any]:
    return {"year": year.year, **{m: _value(year, m) for m in METRICS}}


def target_json(t: TargetResult) -> dict[str, Any]:
    value = t.value
    shown = fmt_money(value) if isinstance(value, Decimal) else value
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
        "warnings": list(result.warnings),
    }


def _notes(result: PlanResult, lang: str) -> list[str]:
    return [
        words(key, lang) for key in ("plan_start_note", "plan_certified_note", "plan_pass_note")
    ]


def _scenario_view(s: Any, lang: str, result: PlanResult) -> View:
    columns = ["year", *METRICS]
    rows = [[str(y.year), *(str(_value(y, m)) for m in METRICS)] for y in s.years]
    totals = [word("all", lang)] + [
        fmt_money(sum((getattr(y, m) for y in s.years), Decimal(0))) if m in MONEY_METRICS else ""
        for m in METRICS
    ]
    p = s.rules.plan
    growth = ", ".join(f"{c} {g}" for c, g in p.client_growth.items())
    passes = ", ".join(f"{e} {r}" for e, r in p.certification.items())
    assumptions = words(
        "plan_assumptions",
        lang,
        growth=growth,
        attrition=p.attrition,
        hiring=p.hiring,
        passes=passes or words("plan_no_passes", lang),
        pay_rise=p.pay_rise,
        base_rise=p.base_rise,
    )
    return View(
        title=f"{word('plan', lang)} {result.start}-{result.start + result.horizon - 1} — "
        f"{word('scenario', lang)} {s.name} ({s.rules.name})",
        columns=[word(c, lang) for c in columns],
        rows=rows,
        totals=totals,
        numeric=set(range(1, len(columns))),
        notes=[assumptions],
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
            notes=_notes(result, lang) + [f"warning: {w}" for w in result.warnings],
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
            )
        )
    zh = lang == "zh"
    items = []
    for s in data["scenarios"]:
        for y in s["years"]:
            row = {"scenario": s["name"], **y}
            items.append({word(k, lang): v for k, v in row.items()} if zh else row)
    return Report(data, items, views)
