"""A plan -> `Report`: the `swplan.plan/2` JSON, one CSV row per scenario and year (with
`--by site`, per scenario, year and site), per scenario a table of its figures and a
table of its rates, ratios and constraints (the stated rates beside the applied), a
comparison of totals by year, the targets, and the workbook (`plan_sheets`)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..calc.plan import (
    METRICS,
    MONEY_METRICS,
    PlanResult,
    PlanYear,
    ScenarioPlan,
    SitePlanYear,
    TargetResult,
)
from ..calc.plan_targets import PLACES
from ..i18n import message
from ..messages import msg
from ..money import fmt_money, half_up
from ..render_view import Report, View
from .common import sentence as words
from .labels import PLAN_WORDS
from .plan_assumptions import assumptions_notes
from .plan_words import PLAN_MORE_WORDS, scenario_name
from .vocab import rules_name
from .vocab import word as vocab_word

SCHEMA = "swplan.plan/2"
# the per-year fields after the figures of the table, in the JSON and the CSV
MORE = ("hires_cut", "binding", "per_10k", "cost_per_client", "attrition_applied")
SITE_FIELDS = (
    "clients",
    "required",
    "workers_start",
    "hires",
    "workers",
    "leavers",
    "shortage",
    "staff_cost",
    "awards",
    "training",
    "total",
)
SITE_MONEY = ("staff_cost", "awards", "training", "total")


def word(key: str, lang: str) -> str:
    entry = PLAN_WORDS.get(key) or PLAN_MORE_WORDS[key]
    return entry.get(lang) or entry["en"]


def _rate(value: Fraction | None, places: int = 4) -> str | None:
    return None if value is None else str(half_up(value, places))


def _value(year: PlanYear, metric: str) -> Any:
    """A metric as the JSON and the tables show it: money with two places, the share
    and the applied rates with four, workers per 10,000 residents with two (half-up),
    a count whole; None without a value."""
    value = year.metric(metric)
    if isinstance(value, Decimal):
        return fmt_money(value)
    if isinstance(value, Fraction):
        return _rate(value, PLACES.get(metric, 4))
    return value


def year_json(year: PlanYear) -> dict[str, Any]:
    out = {"year": year.year, **{m: _value(year, m) for m in METRICS}}
    out["hires_cut"] = year.hires_cut
    out["binding"] = list(year.binding)
    for m in ("per_10k", "cost_per_client", "attrition_applied"):
        out[m] = _value(year, m)
    out["pass_rate_applied"] = {e: _rate(r) for e, r in year.pass_rate_applied.items()}
    return out


def site_json(row: SitePlanYear) -> dict[str, Any]:
    out: dict[str, Any] = {"site": row.site, "year": row.year}
    for key in SITE_FIELDS:
        value = getattr(row, key)
        out[key] = fmt_money(value) if key in SITE_MONEY else value
    return out


def _target_value(t: TargetResult) -> int | str | None:
    """A target's value as its year's metric shows it."""
    value = t.value
    if value is None or isinstance(value, int):
        return value
    return (
        fmt_money(value) if t.target.metric in ("cost_per_client", *MONEY_METRICS) else str(value)
    )


def target_json(t: TargetResult) -> dict[str, Any]:
    out = {"target": t.target.text, "scenario": t.scenario, "value": _target_value(t), "ok": t.ok}
    if t.reason is not None:
        out["reason"] = str(t.reason)
    return out


def scenario_json(s: ScenarioPlan, start: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": s.name,
        "label": dict(s.label),
        "rules": s.rules.name,
        "assumptions": {str(start + k): a for k, a in enumerate(s.assumptions)},
        "years": [year_json(y) for y in s.years],
    }
    if s.sites is not None:
        out["sites"] = [site_json(row) for row in s.sites]
    return out


def plan_json(result: PlanResult) -> dict[str, Any]:
    rules = result.rules or result.scenarios[0].rules
    return {
        "schema": SCHEMA,
        "as_of": result.as_of.isoformat(),
        "rules": rules.name,
        "from": result.start,
        "years": result.horizon,
        "scenarios": [scenario_json(s, result.start) for s in result.scenarios],
        "targets": [target_json(t) for t in result.targets],
        "notes": [],
        "warnings": [str(w) for w in result.warnings],
    }


def _notes(lang: str) -> list[str]:
    return [
        words(key, lang) for key in ("plan_start_note", "plan_certified_note", "plan_pass_note")
    ]


def _warnings(result: PlanResult, lang: str) -> list[str]:
    return [("注意：" if lang == "zh" else "warning: ") + message(w, lang) for w in result.warnings]


def span(result: PlanResult) -> str:
    """`2026-2030`, or `2026` for a plan of one year."""
    last = result.start + result.horizon - 1
    return f"{result.start}-{last}" if last != result.start else str(last)


def title(result: PlanResult, s: ScenarioPlan, lang: str, what: str = "") -> str:
    """`Plan 2026-2030 — Scenario tight (rules)`, with the scenario's label where it
    has one of its own, and `what` the table shows after it."""
    years = span(result)
    rules = rules_name(s.rules, lang)
    shown = scenario_name(s.name, lang)
    own = s.label.get(lang)
    if own and own not in (
        s.name,
        shown,
    ):  # its label, then its rules: (Tight; rules) / （紧缩方案，规则）
        rules = f"{own}，{rules}" if lang == "zh" else f"{own}; {rules}"
    tail = f" — {what}" if what else ""
    if lang == "zh":
        return f"{word('plan', lang)} {years} — {word('scenario', lang)} {shown}（{rules}）{tail}"
    return f"{word('plan', lang)} {years} — {word('scenario', lang)} {s.name} ({rules}){tail}"


_MONEY_AT = {1 + METRICS.index(m) for m in MONEY_METRICS}  # columns of a scenario's table


def _scenario_view(s: ScenarioPlan, lang: str, result: PlanResult) -> View:
    columns = ["year", *METRICS]
    rows = [[str(y.year), *(str(_value(y, m)) for m in METRICS)] for y in s.years]
    totals = [word("all", lang)] + [
        fmt_money(sum((getattr(y, m) for y in s.years), Decimal(0))) if m in MONEY_METRICS else ""
        for m in METRICS
    ]
    return View(
        title=title(result, s, lang),
        columns=[word(c, lang) for c in columns],
        rows=rows,
        totals=totals,
        numeric=set(range(1, len(columns))),
        money=_MONEY_AT,
        notes=assumptions_notes(s, result.start, lang),
    )


def exam_word(s: ScenarioPlan, exam: str, lang: str) -> str:
    return vocab_word(s.rules, "exam", exam, lang) if lang == "zh" else exam


def binding_words(y: PlanYear, lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(word(b, lang) for b in y.binding)


def _rates_view(s: ScenarioPlan, lang: str, result: PlanResult) -> View:
    """The stated rates beside the applied ones, the ratios and the constraints, by year."""
    exams = list(dict.fromkeys(e for y in s.years for e in y.pass_rate_applied))
    stated = word("pass_rate_stated", lang)
    applied = word("pass_rate_applied", lang)
    columns = [
        word("year", lang),
        word("attrition_stated", lang),
        word("attrition_applied", lang),
        *(f"{label} {exam_word(s, e, lang)}" for e in exams for label in (stated, applied)),
        word("per_10k", lang),
        word("cost_per_client", lang),
        word("hires_cut", lang),
        word("binding", lang),
    ]
    rows = []
    for k, y in enumerate(s.years):
        plan = s.assumptions[k]
        passes = []
        for e in exams:
            passes += [plan["certification"].get(e, ""), _rate(y.pass_rate_applied.get(e)) or ""]
        cost = "" if y.cost_per_client is None else fmt_money(y.cost_per_client)
        rows.append(
            [
                str(y.year),
                plan["attrition"],
                _rate(y.attrition_applied) or "",
                *passes,
                _rate(y.per_10k, 2) or "",
                cost,
                str(y.hires_cut),
                binding_words(y, lang),
            ]
        )
    n = len(columns)
    return View(
        title=title(result, s, lang, word("rates", lang)),
        columns=columns,
        rows=rows,
        numeric=set(range(1, n - 1)),
        money={n - 3},
        notes=[msg("plan.rates_note").text(lang)],
    )


def _sites_view(s: ScenarioPlan, lang: str, result: PlanResult) -> View:
    assert s.sites is not None
    keys = ["site", "year", *SITE_FIELDS]
    money = {keys.index(k) for k in SITE_MONEY}
    return View(
        title=title(result, s, lang, word("sites", lang)),
        columns=[word(k, lang) for k in keys],
        rows=[
            [
                row.site + ("" if row.known else " ?"),
                str(row.year),
                *(
                    fmt_money(getattr(row, k)) if k in SITE_MONEY else str(getattr(row, k))
                    for k in SITE_FIELDS
                ),
            ]
            for row in s.sites
        ],
        numeric=set(range(2, len(keys))),
        money=money,
        ids={0, 1},
    )


def _comparison_view(result: PlanResult, lang: str) -> View:
    names = [scenario_name(s.name, lang) for s in result.scenarios]
    rows = []
    for i, y in enumerate(result.scenarios[0].years):
        rows.append([str(y.year), *(fmt_money(s.years[i].total) for s in result.scenarios)])
    return View(
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


def _targets_view(result: PlanResult, data: dict[str, Any], lang: str) -> View:
    reasons = [
        f"{t.target.text} ({scenario_name(t.scenario, lang)}): {t.reason.text(lang)}"
        for t in result.targets
        if t.reason is not None
    ]
    return View(
        title=word("targets", lang),
        columns=[word(c, lang) for c in ("target", "scenario", "value", "ok")],
        rows=[
            [
                t["target"],
                scenario_name(t["scenario"], lang),
                "" if t["value"] is None else str(t["value"]),
                word("met" if t["ok"] else "failed", lang),
            ]
            for t in data["targets"]
        ],
        numeric={2},
        money={2},
        ids={0, 1},
        notes=reasons,
    )


def csv_items(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per scenario and year; with `--by site`, per scenario, year and site."""
    if all("sites" in s for s in data["scenarios"]):
        return [{"scenario": s["name"], **row} for s in data["scenarios"] for row in s["sites"]]
    return [{"scenario": s["name"], **y} for s in data["scenarios"] for y in s["years"]]


def plan_report(result: PlanResult, lang: str, *, region: str | None = None) -> Report:
    from .plan_sheets import plan_sheets

    data = plan_json(result)
    views: list[View] = []
    for s in result.scenarios:
        views += [_scenario_view(s, lang, result), _rates_view(s, lang, result)]
        if s.sites is not None:
            views.append(_sites_view(s, lang, result))
    views.append(_comparison_view(result, lang))
    if result.targets:
        views.append(_targets_view(result, data, lang))
    keys = ("scenario", "site", "year", *METRICS, *MORE, "pass_rate_applied")
    headers = {key: word(key, "zh") for key in keys}
    return Report(
        data,
        csv_items(data),
        views,
        sheets=lambda: plan_sheets(result, lang, region=region),
        lang=lang,
        csv_headers=headers,
        csv_word=_csv_word(result),
    )


def _csv_word(result: PlanResult) -> Any:
    """zh CSV: an exam of `pass_rate_applied.EXAM` by its label, a binding constraint by
    its words."""
    rules = result.scenarios[0].rules

    def zh(column: str, value: Any) -> Any:
        if column == "":  # a part of a header: pass_rate_applied.social_worker
            if value in PLAN_MORE_WORDS:
                return word(value, "zh")
            return vocab_word(rules, "exam", value, "zh") if value in rules.awards.exams else value
        if column == "scenario" and isinstance(value, str):
            return scenario_name(value, "zh")
        if column == "binding" and isinstance(value, list):
            return [word(b, "zh") for b in value]
        return value

    return zh
