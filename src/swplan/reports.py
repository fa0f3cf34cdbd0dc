"""Results -> `Report` (the JSON object of SPEC §5, CSV rows and table views).

One function per command; each only arranges numbers the computation made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from .money import fmt_money, fmt_number
from .pay import MONEY_FIELDS, PayFigures, PayResult
from .render import Report, View, label
from .rules import Rules
from .staffing import SitePosts, StaffResult


def header(command: str, rules: Rules, as_of: dt.date) -> dict[str, Any]:
    return {"schema": f"swplan.{command}/1", "as_of": as_of.isoformat(), "rules": rules.name}


# --------------------------------------------------------------------------- staff


def site_json(s: SitePosts, with_roster: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": s.id,
        "name": s.name,
        "kind": s.kind,
        "required": s.required,
        "dedicated": dict(s.dedicated),
        "mixed": s.mixed,
        "primary": s.primary,
        "covers": list(s.covers),
        "workload_fte": s.workload_fte,
        "minimum_applied": s.minimum_applied,
    }
    if with_roster:
        out.update(current=s.current, certified=s.certified, gap=s.gap, certified_ok=s.certified_ok)
    return out


def staff_totals_json(result: StaffResult) -> dict[str, Any]:
    t = result.totals
    out: dict[str, Any] = {"required": t.required}
    if result.with_roster:
        out.update(current=t.current, gap=t.gap, shortage=t.shortage, surplus=t.surplus,
                   certified=t.certified)
    return out


def staff_report(
    result: StaffResult, rules: Rules, lang: str, region: str | None = None
) -> Report:
    data = header("staff", rules, rules.effective)
    if region is not None:
        data["region"] = region
    data["sites"] = [site_json(s, result.with_roster) for s in result.sites]
    data["totals"] = staff_totals_json(result)
    data["warnings"] = list(result.warnings)

    def cat(c: str) -> str:
        return rules.label(c, lang)

    keys = ["site", "name", "kind", "required", "dedicated", "mixed", "primary", "covers",
            "workload_fte"]
    if result.with_roster:
        keys += ["current", "certified", "gap"]
    rows = []
    for s in result.sites:
        row = [
            s.id,
            s.name or "",
            s.kind or "",
            str(s.required) + (" *" if s.minimum_applied else ""),
            ", ".join(f"{cat(c)} {n}" for c, n in s.dedicated.items() if n) or "-",
            str(s.mixed),
            cat(s.primary) if s.primary else "-",
            ", ".join(cat(c) for c in s.covers) or "-",
            s.workload_fte,
        ]
        if result.with_roster:
            row += [str(s.current), str(s.certified) + ("" if s.certified_ok else " !"), f"{s.gap:+d}"]
        rows.append(row)
    t = result.totals
    totals = [label("total", lang), "", "", str(t.required), "", str(sum(s.mixed for s in result.sites)),
              "", "", ""]
    if result.with_roster:
        totals += [str(t.current), str(t.certified), f"{t.gap:+d}"]
    notes = []
    if any(s.minimum_applied for s in result.sites):
        notes.append("* raised to the minimum posts for the site kind" if lang == "en"
                     else "* 按该类型站点最低岗位数配置")
    if result.with_roster:
        notes.append(f"{label('shortage', lang)}: {t.shortage}   {label('surplus', lang)}: {t.surplus}")
        low = [s for s in result.sites if not s.certified_ok]
        if low:
            notes.append(
                ("! certified workers below the minimum for the site kind: " if lang == "en"
                 else "! 持证人数低于该类型站点最低要求: ")
                + ", ".join(f"{s.id} ({s.certified}/{s.minimum_certified})" for s in low)
            )
    notes += [f"warning: {w}" for w in result.warnings]
    view = View(
        title=f"{label('required', lang)} — {rules.name}",
        columns=[label(k, lang) for k in keys],
        rows=rows,
        totals=totals,
        numeric={3, 5, 8, 9, 10, 11},
        notes=notes,
    )
    return Report(data, data["sites"], [view])


# --------------------------------------------------------------------------- pay


def breakdown_json(f: PayFigures, rules: Rules) -> dict[str, Any]:
    return {
        "education": f.education,
        "title": f.title,
        "performance": f.performance,
        "points": {k: fmt_number(v) for k, v in f.points_by_factor.items()},
        "grade_by_points": f.grade_by_points,
        "post_bound": f.post_bound,
        "contribution_base": fmt_money(f.contribution_base),
        "contributions": {k: fmt_money(v) for k, v in f.contributions.items()},
        "bonus_months": fmt_number(f.bonus_months),
    }


def pay_row_json(
    worker_id: str, name: str | None, site: str, f: PayFigures, rules: Rules
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": worker_id,
        "name": name,
        "site": site,
        "post": f.post,
        "years": f.years,
        "points": fmt_number(f.points),
        "grade": f.grade,
    }
    for key, value in zip(MONEY_FIELDS, f.money(), strict=True):
        row[key] = fmt_money(value)
    row["breakdown"] = breakdown_json(f, rules)
    return row


def pay_totals_json(totals: dict[str, Decimal], count: int) -> dict[str, Any]:
    out: dict[str, Any] = {k: fmt_money(v) for k, v in totals.items()}
    out["workers"] = count
    return out


PAY_TABLE_KEYS = ["worker", "name", "site", "post", "years", "points", "grade", "monthly_gross",
                  "monthly_contributions", "annual_cost"]


def _pay_table_row(w_id: str, name: str | None, site: str, f: PayFigures) -> list[str]:
    return [w_id, name or "", site, f.post or "", str(f.years), fmt_number(f.points), str(f.grade),
            fmt_money(f.monthly_gross), fmt_money(f.monthly_contributions), fmt_money(f.annual_cost)]


def pay_report(result: PayResult, rules: Rules, lang: str, by: str | None = None) -> Report:
    data = header("pay", rules, result.as_of)
    data["workers"] = [pay_row_json(w.id, w.name, w.site, w.figures, rules) for w in result.workers]
    data["totals"] = pay_totals_json(result.totals, result.count)
    columns = [label(k, lang) for k in PAY_TABLE_KEYS]
    numeric = {4, 5, 6, 7, 8, 9}
    t = result.totals

    def totals_row(title: str, monthly_gross: Decimal, contributions: Decimal, cost: Decimal,
                   count: int) -> list[str]:
        return [title, f"{count}", "", "", "", "", "", fmt_money(monthly_gross),
                fmt_money(contributions), fmt_money(cost)]

    rows: list[list[str]] = []
    if by == "site":
        groups: dict[str, list[Any]] = {}
        for w in result.workers:
            groups.setdefault(w.site, []).append(w)
        for site, members in groups.items():
            for w in members:
                rows.append(_pay_table_row(w.id, w.name, w.site, w.figures))
            rows.append(totals_row(
                f"  {site}",
                sum((w.figures.monthly_gross for w in members), Decimal(0)),
                sum((w.figures.monthly_contributions for w in members), Decimal(0)),
                sum((w.figures.annual_cost for w in members), Decimal(0)),
                len(members),
            ))
    else:
        rows = [_pay_table_row(w.id, w.name, w.site, w.figures) for w in result.workers]
    view = View(
        title=f"{label('annual_cost', lang)} — {rules.name} ({result.as_of.isoformat()})",
        columns=columns,
        rows=rows,
        totals=totals_row(label("total", lang), t["monthly_gross"], t["monthly_contributions"],
                          t["annual_cost"], result.count),
        numeric=numeric,
        notes=[
            f"{label('annual_salary', lang)} {fmt_money(t['annual_salary'])}   "
            f"{label('annual_bonus', lang)} {fmt_money(t['annual_bonus'])}   "
            f"{label('annual_contributions', lang)} {fmt_money(t['annual_contributions'])}"
        ],
    )
    return Report(data, data["workers"], [view])


def explain_lines(w_id: str, name: str | None, f: PayFigures, rules: Rules, as_of: dt.date,
                  hired: dt.date | None) -> Iterator[str]:
    """How every figure of one worker was reached, in plain lines."""
    pay = rules.pay
    p = f.points_by_factor
    per_year = pay.points.years_of_service
    yield f"{w_id} {name or ''}".rstrip() + f" — pay as of {as_of.isoformat()} under {rules.name}"
    if hired is not None:
        yield f"  years of service: {f.years} (completed years from hired {hired.isoformat()})"
    else:
        yield f"  years of service: {f.years} (as given)"
    yield "  points:"
    yield f"    education   {f.education:<24} {fmt_number(p['education']):>6}  (pay.points.education.{f.education})"
    yield f"    title       {f.title:<24} {fmt_number(p['title']):>6}  (pay.points.title.{f.title})"
    yield f"    performance {f.performance:<24} {fmt_number(p['performance']):>6}  (pay.points.performance.{f.performance})"
    post_src = f"(pay.posts.{f.post}.points)" if f.post else "(no post)"
    yield f"    post        {f.post or '-':<24} {fmt_number(p['post']):>6}  {post_src}"
    rule = f"{f.years} x {fmt_number(per_year.per_year)}, at most {fmt_number(per_year.max)}"
    yield f"    years       {rule:<24} {fmt_number(p['years_of_service']):>6}  (pay.points.years_of_service)"
    yield f"    {'total':<36} {fmt_number(f.points):>6}"
    chosen = next(g for g in pay.grades if g.grade == f.grade_by_points)
    yield (f"  grade {f.grade_by_points} by points: the highest grade with min_points <= "
           f"{fmt_number(f.points)} (min_points {fmt_number(chosen.min_points)})")
    if f.post_bound:
        yield f"  grade held to {f.grade} by post {f.post} ({f.post_bound} {f.grade})"
    yield f"  grade {f.grade}: monthly base {fmt_money(f.monthly_base)}"
    yield f"  post allowance ({f.title}): {fmt_money(f.monthly_allowance)}"
    yield f"  monthly gross = {fmt_money(f.monthly_base)} + {fmt_money(f.monthly_allowance)} = {fmt_money(f.monthly_gross)}"
    base = pay.contributions.base
    yield (f"  contribution base = clamp({fmt_money(f.monthly_gross)}, floor {fmt_money(base.floor)}, "
           f"ceiling {fmt_money(base.ceiling)}) = {fmt_money(f.contribution_base)}")
    for key, amount in f.contributions.items():
        rate = pay.contributions.rates[key]
        yield f"    {key:<14} {fmt_money(f.contribution_base)} x {fmt_number(rate)} = {fmt_money(amount)}"
    yield f"  monthly contributions = {fmt_money(f.monthly_contributions)}"
    yield f"  annual salary = {fmt_money(f.monthly_gross)} x {pay.months_per_year} = {fmt_money(f.annual_salary)}"
    yield (f"  annual bonus = {fmt_money(f.monthly_base)} x {fmt_number(f.bonus_months)} months "
           f"({f.performance}) = {fmt_money(f.annual_bonus)}")
    yield f"  annual contributions = {fmt_money(f.monthly_contributions)} x 12 = {fmt_money(f.annual_contributions)}"
    yield (f"  annual cost = {fmt_money(f.annual_salary)} + {fmt_money(f.annual_bonus)} + "
           f"{fmt_money(f.annual_contributions)} = {fmt_money(f.annual_cost)}")
