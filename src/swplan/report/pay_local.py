"""What local notices add to a pay report: the area, the floor (托底补差), the title
paid before its certificate's month, certificate windows and part-year pay.

The pay report (`reports.py`) calls these where a rules file uses those keys; with
none of them, nothing here adds a key or a line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..messages import msg, render
from ..money import fmt_money
from .vocab import word

if TYPE_CHECKING:
    from ..calc.pay import PayFigures, PayMonth, WorkerPay
    from ..rules import Component, Rules

FLOOR = "floor"

# The parts of the pay CSV's headers these keys add, and the floor's `includes`, in Chinese
PARTS_ZH = {
    "for_months": "发放月数",
    "area": "地区",
    "monthly": "托底标准",
    "includes": "托底计入",
    "title_since": "取证时间",
}
INCLUDES_ZH = {"gross": "月应发", "gross+contributions": "月应发+单位缴费"}


def local_breakdown(f: PayFigures, rules: Rules) -> dict[str, Any]:
    """The breakdown keys of areas and floors (only where the rules use them, so every
    row of a run has the same columns)."""
    out: dict[str, Any] = {}
    if rules.uses_area:
        out["area"] = f.area
    if rules.pay.floor:
        out["floor"] = {
            "monthly": None if f.floor is None else fmt_money(f.floor),
            "includes": "+".join(f.floor_includes) if f.floor is not None else None,
            "amount": fmt_money(f.components.get(FLOOR, Decimal(0))),
        }
    return out


def local_csv_word(rules: Rules, column: str, value: Any) -> Any:
    """A pay CSV cell (or, with `column` "", a part of a header) of these keys in
    Chinese; None for every other."""
    if column == "":
        if value in PARTS_ZH:
            return PARTS_ZH[value]
        return word(rules, "component", value, "zh") if value == FLOOR else None
    if not isinstance(value, str):
        return None
    if column == "breakdown.floor.includes":
        return INCLUDES_ZH.get(value, value)
    if column == "breakdown.area":
        return word(rules, "area", value, "zh")
    part = column.split(".")
    if len(part) == 4 and part[1] == "components":
        component = rules.pay.components.get(part[2])
        if component is not None and component.by == "area":
            return word(rules, "area", value, "zh") if part[3] == "key" else PARTS_ZH["area"]
    return None


def month_json(pm: PayMonth) -> dict[str, Any]:
    """One month of `--explain --year`'s JSON (`months`)."""
    g = pm.figures
    if g is None:
        return {"month": pm.month, "paid": False}
    return {
        "month": pm.month,
        "paid": True,
        "years": g.years,
        "step": g.step,
        "grade": g.grade,
        "monthly_gross": fmt_money(g.monthly_gross),
        "monthly_contributions": fmt_money(g.monthly_contributions),
        "contributions": {k: fmt_money(v) for k, v in g.contributions.items()},
        "components": {k: fmt_money(v) for k, v in g.components.items()},
    }


def component_extra(component: Component) -> dict[str, Any]:
    """A component's breakdown entry's extra keys: its certificate window."""
    return {} if component.for_months is None else {"for_months": component.for_months}


def _line(key: str, lang: str, **values: Any) -> str:
    return "  " + render(msg(f"calc.explain_{key}", **values), lang)


def _month(day: dt.date) -> str:
    return f"{day.year}-{day.month:02d}"


def first_month(title_since: dt.date) -> dt.date:
    """The first month that starts after `title_since` (次月起)."""
    return dt.date(title_since.year + title_since.month // 12, title_since.month % 12 + 1, 1)


def local_lines(w: WorkerPay, rules: Rules, lang: str) -> Iterator[str]:
    """The area and the title a worker was paid (before the lines of points and pay)."""
    f = w.figures
    if rules.uses_area:
        yield _line("area", lang, area=word(rules, "area", f.area, lang) or "-")
    if w.title_since is not None:
        start = _month(first_month(w.title_since))
        title = word(rules, "title", f.own_title or f.title, lang)
        if f.own_title is not None:
            below = word(rules, "title", f.title, lang)
            yield _line(
                "title_before", lang, title=title, since=w.title_since, start=start, below=below
            )
        else:
            yield _line("title_held", lang, title=title, since=w.title_since, start=start)


def window_lines(w: WorkerPay, rules: Rules, lang: str) -> Iterator[str]:
    """Each component paid only for some months after the certificate: which months."""
    for cid, component in rules.pay.components.items():
        if component.for_months is None:
            continue
        name = word(rules, "component", cid, lang)
        if w.title_since is None:
            if w.figures.components.get(cid):
                yield _line("window_undated", lang, id=name, months=component.for_months)
            continue
        start = first_month(w.title_since)
        last = start.year * 12 + start.month - 1 + component.for_months - 1
        end = f"{last // 12}-{last % 12 + 1:02d}"
        yield _line(
            "window", lang, id=name, months=component.for_months, start=_month(start), end=end
        )


def floor_lines(f: PayFigures, rules: Rules, lang: str) -> Iterator[str]:
    """How the floor set the month's gross (where the rules have floors)."""
    if not rules.pay.floor:
        return
    if f.floor is None:
        yield _line("floor_none", lang)
        return
    raise_ = f.components.get(FLOOR, Decimal(0))
    counted = f.monthly_gross
    parts = fmt_money(f.monthly_gross)
    if "contributions" in f.floor_includes:
        counted += f.monthly_contributions
        parts += " + " + fmt_money(f.monthly_contributions)
    what = render(msg(f"calc.explain_floor_of_{'+'.join(f.floor_includes)}"), lang)
    if raise_:
        yield _line(
            "floor_raised",
            lang,
            floor=fmt_money(f.floor),
            what=what,
            amount=fmt_money(raise_),
            gross=fmt_money(f.monthly_gross),
            parts=parts,
            sum=fmt_money(counted),
        )
    else:
        yield _line("floor_reached", lang, floor=fmt_money(f.floor), what=what, parts=parts)


def part_year(paid: int, lang: str) -> str:
    """` x 1/12 months paid`: the extra months of a part-year worker (`pay.prorate`)."""
    return render(msg("calc.explain_part_year", n=paid), lang)


def prorate_lines(w: WorkerPay, rules: Rules, lang: str) -> Iterator[str]:
    """A part-year worker's bonus, by months paid (`pay.prorate.bonus`)."""
    months = w.figures.months
    paid = [pm.figures for pm in months if pm.figures is not None]
    if not paid or len(paid) == 12 or not rules.pay.prorate.bonus:
        return
    december = paid[-1]
    if december.annual_bonus:
        yield _line(
            "prorated",
            lang,
            what=render(msg("calc.explain_bonus"), lang),
            full=fmt_money(december.annual_bonus),
            n=len(paid),
            amount=fmt_money(w.figures.annual_bonus),
        )
