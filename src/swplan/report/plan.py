"""A plan -> `Report`: the `swplan.plan/1` JSON, one CSV row per scenario and year,
one table per scenario, a comparison of totals by year and the targets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..calc.plan import METRICS, MONEY_METRICS, PlanResult, PlanYear, TargetResult
from ..money import fmt_money
from ..render import Report, View

WORDS: dict[str, tuple[str, str]] = {  # key -> (en, zh)
    "scenario": ("Scenario", "方案"),
    "year": ("Year", "年度"),
    "clients": ("Clients", "服务对象"),
    "required": ("Required", "所需岗位"),
    "workers_start": ("Start", "年初人数"),
    "hires": ("Hires", "新招聘"),
    "workers": ("Workers", "在岗人数"),
    "leavers": ("Leavers", "离职"),
    "shortage": ("Shortage", "缺编"),
    "certified": ("Certified", "持证"),
    "certified_share": ("Certified share", "持证比例"),
    "staff_cost": ("Staff cost", "人员费用"),
    "awards": ("Awards", "考试奖励"),
    "training": ("Training", "培训费"),
    "total": ("Total", "合计"),
    "plan": ("Plan", "规划"),
    "comparison": ("Total cost by scenario", "各方案年度总费用对比"),
    "targets": ("Targets", "目标"),
    "target": ("Target", "目标"),
    "value": ("Value", "实际值"),
    "ok": ("OK", "达成"),
    "met": ("met", "达成"),
    "failed": ("FAILED", "未达成"),
    "all": ("all years", "合计"),
}


def word(key: str, lang: str) -> str:
    en, zh = WORDS[key]
    return zh if lang == "zh" else en


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
    if lang == "zh":
        notes = [
            "年初人数为上年末在岗人数减离职；新招聘按 budget.new_hire 配置，于 start_month 首日入职。",
            "持证比例 = 1 月 1 日持证人数 / 在岗人数（四位小数，四舍五入）。",
            "当年计划通过考试者自次年 1 月 1 日起持新职称，奖励于次年发放。",
        ]
    else:
        notes = [
            "Start: the previous year's workers less its leavers; hires take the "
            "budget.new_hire profile from the first day of start_month.",
            "Certified share: workers holding a certified title on 1 January / workers "
            "(four decimals, half-up).",
            "A planned pass on 31 December gives the new title from 1 January; its award "
            "is paid that next year.",
        ]
    return notes


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
    if lang == "zh":
        assumptions = (
            f"假设: 服务对象年增长 {growth}; 年末离职比例 {p.attrition}; 招聘 {p.hiring}; "
            f"年度考试通过比例 {passes or '无'}; 薪酬年涨幅 {p.pay_rise}; "
            f"缴费基数年涨幅 {p.base_rise}"
        )
    else:
        assumptions = (
            f"Assumptions: growth {growth}; attrition {p.attrition}; hiring {p.hiring}; "
            f"certification {passes or 'none'}; pay_rise {p.pay_rise}; base_rise {p.base_rise}"
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
