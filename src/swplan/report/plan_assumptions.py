"""A scenario's assumptions in sentences, under its table: those of the first year,
its constraints, each site's own growth, and what changes from a later year on."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..calc.plan import ScenarioPlan
from ..messages import msg
from ..rules import Plan, Rules
from .common import sentence as words
from .plan_words import PLAN_KEYS
from .vocab import word as vocab_word


def _join(lang: str) -> str:
    return "、" if lang == "zh" else ", "


def _category(rules: Rules, c: str, lang: str) -> str:
    if lang != "zh":
        return c
    return "其余类别" if c == "default" else rules.label(c, lang)


def _exam(rules: Rules, e: str, lang: str) -> str:
    return vocab_word(rules, "exam", e, lang) if lang == "zh" else e


Rate = Callable[[Decimal], str]


def percent(rate: Decimal) -> str:
    """`0.04` -> `4.00%`: a rate as a sheet shows shares."""
    return f"{rate * 100:.2f}%"


def first_year(rules: Rules, p: Plan, lang: str, rate: Rate = str) -> str:
    """The `plan:` of the first year in a sentence, each rate worded by `rate` (a
    workbook: `4.00%`); under zh the categories and exams by label."""
    zh = lang == "zh"
    join = _join(lang)
    growth = join.join(f"{_category(rules, c, lang)} {rate(g)}" for c, g in p.client_growth.items())
    passes = join.join(f"{_exam(rules, e, lang)} {rate(r)}" for e, r in p.certification.items())
    hiring = words(f"plan_hiring_{p.hiring}", lang) if zh else p.hiring
    return words(
        "plan_assumptions",
        lang,
        growth=growth,
        attrition=rate(p.attrition),
        hiring=hiring,
        passes=passes or words("plan_no_passes", lang),
        pay_rise=rate(p.pay_rise),
        base_rise=rate(p.base_rise),
    )


def _shown(rules: Rules, key: str, value: Any, lang: str) -> str:
    """One assumption's value as a reader sees it."""
    join = _join(lang)
    if value is None:
        return msg("plan.no_constraint").text(lang)
    if key == "client_growth":
        return join.join(f"{_category(rules, c, lang)} {g}" for c, g in value.items())
    if key == "certification":
        return join.join(f"{_exam(rules, e, lang)} {r}" for e, r in value.items()) or (
            words("plan_no_passes", lang)
        )
    if key == "site_growth":
        return join.join(
            f"{site}: " + join.join(f"{_category(rules, c, lang)} {g}" for c, g in growth.items())
            for site, growth in value.items()
        )
    if key == "hiring" and lang == "zh":
        return words(f"plan_hiring_{value}", lang)
    return str(value)


def _said(rules: Rules, key: str, value: Any, lang: str) -> str:
    entry = PLAN_KEYS[key]
    return f"{entry.get(lang) or entry['en']} {_shown(rules, key, value, lang)}"


def assumptions_notes(s: ScenarioPlan, start: int, lang: str, rate: Rate = str) -> list[str]:
    """The scenario's assumptions: the first year's sentence (each rate worded by
    `rate`), its constraints and site growth, then a line for each later year that
    changes any of them."""
    rules = s.rules
    if not s.assumptions:
        return [first_year(rules, rules.plan, lang, rate)]
    semi = "；" if lang == "zh" else "; "
    notes = [first_year(rules, rules.plan.in_year(start), lang, rate)]
    first = s.assumptions[0]
    extra = [
        _said(rules, key, first[key], lang)
        for key in ("max_hires_per_year", "budget_ceiling", "site_growth")
        if first.get(key)
    ]
    if extra:
        notes.append(msg("plan.constraints", said=semi.join(extra)).text(lang))
    for k in range(1, len(s.assumptions)):
        before, now = s.assumptions[k - 1], s.assumptions[k]
        changed = [key for key in PLAN_KEYS if before.get(key) != now.get(key)]
        if changed:
            said = semi.join(_said(rules, key, now.get(key), lang) for key in changed)
            notes.append(msg("plan.from_year", year=start + k, said=said).text(lang))
    return notes
