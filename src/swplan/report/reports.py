"""Results -> `Report` (the JSON object of SPEC §5, CSV rows and table views).

One function per command; each only arranges numbers the computation made.
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..calc.pay import MONEY_FIELDS, PayFigures, PayResult, WorkerPay
from ..calc.staffing import SitePosts, StaffResult
from ..errors import InputError, Problem, one_of
from ..money import fmt_money, fmt_number
from ..render import Report, View, csv_cell, label
from ..rules import Rules

if TYPE_CHECKING:  # only in annotations: `staff` and `pay` need not load awards and budget
    from ..calc.awards import Award, AwardsResult, Failed
    from ..calc.budget import BudgetResult


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
        out.update(
            current=t.current,
            gap=t.gap,
            shortage=t.shortage,
            surplus=t.surplus,
            certified=t.certified,
        )
    return out


def staff_report(result: StaffResult, rules: Rules, lang: str, region: str | None = None) -> Report:
    def data() -> dict[str, Any]:
        out = header("staff", rules, rules.effective)
        if region is not None:
            out["region"] = region
        out["sites"] = [site_json(s, result.with_roster) for s in result.sites]
        out["totals"] = staff_totals_json(result)
        out["warnings"] = list(result.warnings)
        return out

    def views() -> list[View]:  # built only for table and Markdown output
        def cat(c: str) -> str:
            return rules.label(c, lang)

        keys = [
            "site",
            "name",
            "kind",
            "required",
            "dedicated",
            "mixed",
            "primary",
            "covers",
            "workload_fte",
        ]
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
                row += [
                    str(s.current),
                    str(s.certified) + ("" if s.certified_ok else " !"),
                    f"{s.gap:+d}",
                ]
            rows.append(row)
        t = result.totals
        totals = [
            label("total", lang),
            "",
            "",
            str(t.required),
            "",
            str(sum(s.mixed for s in result.sites)),
            "",
            "",
            "",
        ]
        if result.with_roster:
            totals += [str(t.current), str(t.certified), f"{t.gap:+d}"]
        notes = []
        if any(s.minimum_applied for s in result.sites):
            notes.append(
                "* raised to the minimum posts for the site kind"
                if lang == "en"
                else "* 按该类型站点最低岗位数配置"
            )
        if result.with_roster:
            notes.append(
                f"{label('shortage', lang)}: {t.shortage}   {label('surplus', lang)}: {t.surplus}"
            )
            low = [s for s in result.sites if not s.certified_ok]
            if low:
                notes.append(
                    (
                        "! certified workers below the minimum for the site kind: "
                        if lang == "en"
                        else "! 持证人数低于该类型站点最低要求: "
                    )
                    + ", ".join(f"{s.id} ({s.certified}/{s.minimum_certified})" for s in low)
                )
        notes += [f"warning: {w}" for w in result.warnings]
        view = View(
            title=("所需岗位" if lang == "zh" else "Posts required") + f" — {rules.name}",
            columns=[label(k, lang) for k in keys],
            rows=rows,
            totals=totals,
            numeric={3, 5, 8, 9, 10, 11},
            notes=notes,
        )
        return [view]

    # CSV: the same dedicated.<category> columns on every row, in rules order
    shown = [c for c in rules.categories if any(c in s.dedicated for s in result.sites)]
    first = ["id", "name", "kind", "required"]
    rest = ["mixed", "primary", "covers", "workload_fte", "minimum_applied"]
    if result.with_roster:
        rest += ["current", "certified", "gap", "certified_ok"]
    columns = [*first, *(f"dedicated.{c}" for c in shown), *rest]

    def items() -> Iterator[list[Any]]:  # final CSV cells, one site at a time
        roster = result.with_roster
        for s in result.sites:
            dedicated = s.dedicated
            row: list[Any] = [csv_cell(s.id), csv_cell(s.name), csv_cell(s.kind), s.required]
            row += [dedicated.get(c, 0) for c in shown]
            row += [
                s.mixed,
                csv_cell(s.primary),
                csv_cell(s.covers),
                s.workload_fte,
                "true" if s.minimum_applied else "false",
            ]
            if roster:
                row += [s.current, s.certified, s.gap, "true" if s.certified_ok else "false"]
            yield row

    return Report(data, items(), views, columns)


# --------------------------------------------------------------------------- pay


def breakdown_json(f: PayFigures, rules: Rules) -> dict[str, Any]:
    """How one profile's figures were reached (the facts `--explain` prints).

    Depends on the profile and the rules only, so one dict serves every worker who
    has the profile (and `fastpay` caches its CSV cells).
    """
    pay = rules.pay
    per_year = pay.points.years_of_service
    rates = pay.contributions.rates
    return {
        "education": f.education,
        "title": f.title,
        "performance": f.performance,
        "performance_default": f.performance_default,
        "points": {k: fmt_number(v) for k, v in f.points_by_factor.items()},
        "years_of_service_points": {
            "per_year": fmt_number(per_year.per_year),
            "max": fmt_number(per_year.max),
        },
        "grade_by_points": f.grade_by_points,
        "grade_min_points": fmt_number(f.grade_min_points),
        "below_lowest_grade": f.below_lowest_grade,
        "post_bound": f.post_bound,
        "contribution_base": fmt_money(f.contribution_base),
        "contribution_limit": f.contribution_limit,
        "contributions": {
            k: {"rate": fmt_number(rates[k]), "amount": fmt_money(v)}
            for k, v in f.contributions.items()
        },
        "bonus_months": fmt_number(f.bonus_months),
        "months_per_year": pay.months_per_year,
    }


def _profile_json(f: PayFigures, rules: Rules) -> dict[str, Any]:
    """Everything of a pay row after `id, name, site`: the same for one profile."""
    out: dict[str, Any] = {
        "post": f.post,
        "years": f.years,
        "points": fmt_number(f.points),
        "grade": f.grade,
    }
    for key, value in zip(MONEY_FIELDS, f.money(), strict=True):
        out[key] = fmt_money(value)
    out["breakdown"] = breakdown_json(f, rules)
    return out


def pay_row_json(
    worker_id: str, name: str | None, site: str, f: PayFigures, rules: Rules
) -> dict[str, Any]:
    return {"id": worker_id, "name": name, "site": site, **_profile_json(f, rules)}


def pay_rows_json(result: PayResult, rules: Rules) -> list[dict[str, Any]]:
    """`pay_row_json` for every worker; each profile is formatted once."""
    profiles: dict[int, dict[str, Any]] = {}
    rows = []
    for w in result.workers:
        tail = profiles.get(id(w.figures))
        if tail is None:
            tail = profiles[id(w.figures)] = _profile_json(w.figures, rules)
        rows.append({"id": w.id, "name": w.name, "site": w.site, **tail})
    return rows


def pay_totals_json(totals: dict[str, Decimal], count: int) -> dict[str, Any]:
    out: dict[str, Any] = {k: fmt_money(v) for k, v in totals.items()}
    out["workers"] = count
    return out


def pay_by_site(result: PayResult) -> list[tuple[str, list[WorkerPay], dict[str, Decimal]]]:
    """Workers grouped by site (in order of first appearance) with the sums of each group."""
    groups: dict[str, list[WorkerPay]] = {}
    for w in result.workers:
        groups.setdefault(w.site, []).append(w)
    out = []
    for site, members in groups.items():
        sums = {k: Decimal(0) for k in MONEY_FIELDS}
        for w in members:
            for k, v in zip(MONEY_FIELDS, w.figures.money(), strict=True):
                sums[k] += v
        out.append((site, members, sums))
    return out


PAY_TABLE_KEYS = [
    "worker",
    "name",
    "site",
    "post",
    "years",
    "points",
    "grade",
    "monthly_gross",
    "monthly_contributions",
    "annual_cost",
]


def _pay_table_row(w: WorkerPay) -> list[str]:
    f = w.figures
    return [
        w.id,
        w.name or "",
        w.site,
        f.post or "",
        str(f.years),
        fmt_number(f.points),
        str(f.grade),
        fmt_money(f.monthly_gross),
        fmt_money(f.monthly_contributions),
        fmt_money(f.annual_cost),
    ]


def _workers_text(count: int, lang: str) -> str:
    if lang == "zh":
        return f"{count} 人"
    return f"{count} worker" + ("" if count == 1 else "s")


def _pay_sum_row(
    title: str, count: int, site: str, sums: dict[str, Decimal], lang: str
) -> list[str]:
    return [
        title,
        _workers_text(count, lang),
        site,
        "",
        "",
        "",
        "",
        fmt_money(sums["monthly_gross"]),
        fmt_money(sums["monthly_contributions"]),
        fmt_money(sums["annual_cost"]),
    ]


def pay_report(result: PayResult, rules: Rules, lang: str, by: str | None = None) -> Report:
    """The pay table and JSON; `by="site"` adds a subtotal per site (and CSV gives those)."""
    data = header("pay", rules, result.as_of)
    data["workers"] = pay_rows_json(result, rules)
    data["totals"] = pay_totals_json(result.totals, result.count)
    items: list[dict[str, Any]] = data["workers"]
    rows: list[list[str]] = []
    sections: set[int] = set()
    if by == "site":
        by_site = []
        for site, members, sums in pay_by_site(result):
            rows += [_pay_table_row(w) for w in members]
            rows.append(_pay_sum_row(label("subtotal", lang), len(members), site, sums, lang))
            sections.add(len(rows) - 1)
            by_site.append(
                {
                    "site": site,
                    "workers": len(members),
                    **{k: fmt_money(v) for k, v in sums.items()},
                }
            )
        data["by_site"] = by_site
        items = by_site
    else:
        rows = [_pay_table_row(w) for w in result.workers]
    t = result.totals
    view = View(
        title=f"{label('annual_cost', lang)} — {rules.name} ({result.as_of.isoformat()})",
        columns=[label(k, lang) for k in PAY_TABLE_KEYS],
        rows=rows,
        totals=_pay_sum_row(label("total", lang), result.count, "", t, lang),
        numeric={4, 5, 6, 7, 8, 9},
        notes=[
            f"{label('annual_salary', lang)} {fmt_money(t['annual_salary'])}   "
            f"{label('annual_bonus', lang)} {fmt_money(t['annual_bonus'])}   "
            f"{label('annual_contributions', lang)} {fmt_money(t['annual_contributions'])}"
        ],
        sections=sections,
    )
    return Report(data, items, [view])


def explain_report(
    result: PayResult,
    worker_id: str,
    rules: Rules,
    lang: str,
    *,
    source: str,
    markdown: bool = False,
) -> Report:
    """One worker's pay and how each figure was reached (`swplan pay --explain ID`).

    JSON and CSV carry the worker's row (its `breakdown` holds the same facts as the
    text); totals are that worker's own figures.
    """
    row = next((w for w in result.workers if w.id == worker_id), None)
    if row is None:
        raise InputError(
            [
                Problem(
                    "--explain",
                    "",
                    "",
                    unknown_worker(worker_id, [w.id for w in result.workers], source),
                )
            ]
        )
    lines = list(explain_lines(row, rules, result.as_of, lang))
    data = header("pay", rules, result.as_of)
    item = pay_row_json(row.id, row.name, row.site, row.figures, rules)
    # where the years came from: a per-worker fact, so only here (full runs share breakdowns)
    item["breakdown"] = {"hired": row.hired.isoformat() if row.hired else None, **item["breakdown"]}
    data["workers"] = [item]
    data["totals"] = pay_totals_json(dict(zip(MONEY_FIELDS, row.figures.money(), strict=True)), 1)
    if markdown:  # keep the alignment: a code block, not a list
        view = View(title=lines[0], columns=[], rows=[], headline=["```text", *lines[1:], "```"])
    else:
        view = View(title=lines[0], columns=[], rows=[], notes=lines[1:])
    return Report(data, data["workers"], [view])


def unknown_worker(worker_id: str, ids: list[str], source: str) -> str:
    """`no worker 'W01' in roster.yaml; 'W01' is not one of: ... (did you mean 'W001'?)`"""
    text = f"no worker with id {worker_id!r} in {source}"
    if len(ids) <= 20:
        return f"{text}; {one_of(worker_id, ids)}"
    close = difflib.get_close_matches(worker_id, ids, n=3, cutoff=0.6)
    if close:
        text += f" (did you mean {', '.join(repr(c) for c in close)}?)"
    return text + "; give one of the ids in the roster's id column"


_EXPLAIN = {
    "en": {
        "head": "{id} — pay as of {as_of} under {rules}",
        "years_hired": "years of service: {years} (completed years from hired {hired} to {as_of})",
        "years_given": "years of service: {years} (as given)",
        "points": "points:",
        "default": " (default)",
        "no_post": "(the rules define no posts)",
        "years_rule": "{years} x {per_year}, at most {max}",
        "by_points": "grade {grade} by points: the highest grade with min_points <= {points} "
        "(min_points {min})",
        "below": "grade {grade} by points: {points} is below every grade's min_points "
        "(lowest {min}), so the lowest grade",
        "held": "grade held to {grade} by post {post} ({bound} {grade})",
        "within": "post {post} allows grades {lo} to {hi}: grade {grade} stands",
        "fixed": "post {post} sets grade {lo}: grade {grade} stands",
        "any": "any",
        "base": "monthly base (grade {grade}) = {amount}",
        "allowance": "post allowance ({title}) = {amount}",
        "gross": "monthly gross = {base} + {allowance} = {gross}",
        "cb_within": "contribution base = {base} (the monthly gross, within floor {floor} "
        "and ceiling {ceiling})",
        "cb_floor": "contribution base = {base} (the floor: monthly gross {gross} is below it)",
        "cb_ceiling": "contribution base = {base} (the ceiling: monthly gross {gross} is above it)",
        "times": "x",
        "monthly_contributions": "monthly contributions = {sum} = {amount}",
        "salary": "annual salary = {gross} x {months} months = {amount}",
        "bonus": "annual bonus = {base} x {months} {unit} ({rating}) = {amount}",
        "annual_contributions": "annual contributions = {monthly} x 12 = {amount}",
        "cost": "annual cost = {salary} + {bonus} + {contributions} = {amount}",
    },
    "zh": {
        "head": "{id} — 薪酬测算，截至 {as_of}，规则：{rules}",
        "years_hired": "工龄：{years} 年（入职 {hired} 至 {as_of} 的整年数）",
        "years_given": "工龄：{years} 年（按填报）",
        "points": "积分：",
        "default": "（默认）",
        "no_post": "（规则未设岗位）",
        "years_rule": "{years} × {per_year}，最多 {max}",
        "by_points": "按积分为薪级 {grade}：min_points ≤ {points} 的最高薪级（min_points {min}）",
        "below": "按积分为薪级 {grade}：{points} 低于所有薪级的 min_points（最低 {min}），取最低薪级",
        "held": "受岗位 {post} 限制，薪级定为 {grade}（{bound} {grade}）",
        "within": "岗位 {post} 的薪级范围 {lo} 至 {hi}：薪级 {grade} 不变",
        "fixed": "岗位 {post} 定为薪级 {lo}：薪级 {grade} 不变",
        "any": "不限",
        "base": "月基本工资（薪级 {grade}）= {amount}",
        "allowance": "岗位津贴（{title}）= {amount}",
        "gross": "月应发 = {base} + {allowance} = {gross}",
        "cb_within": "缴费基数 = {base}（月应发，在下限 {floor} 与上限 {ceiling} 之间）",
        "cb_floor": "缴费基数 = {base}（月应发 {gross} 低于下限，按下限）",
        "cb_ceiling": "缴费基数 = {base}（月应发 {gross} 高于上限，按上限）",
        "times": "×",
        "monthly_contributions": "单位缴费（每月）= {sum} = {amount}",
        "salary": "年度工资 = {gross} × {months} 个月 = {amount}",
        "bonus": "绩效奖金 = {base} × {months} 个月（{rating}）= {amount}",
        "annual_contributions": "年度单位缴费 = {monthly} × 12 = {amount}",
        "cost": "年度用人成本 = {salary} + {bonus} + {contributions} = {amount}",
    },
}


def _width(text: str) -> int:
    """Columns `text` takes on a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def explain_lines(w: WorkerPay, rules: Rules, as_of: dt.date, lang: str = "en") -> Iterator[str]:
    """How every figure of one worker was reached, in plain lines (the first is a title)."""
    t = _EXPLAIN.get(lang, _EXPLAIN["en"])
    pay = rules.pay
    f = w.figures
    p = f.points_by_factor
    per_year = pay.points.years_of_service
    m = fmt_money
    x = t["times"]
    who = f"{w.id} {w.name}" if w.name else w.id
    yield t["head"].format(id=who, as_of=as_of.isoformat(), rules=rules.name)
    if w.hired is not None:
        yield "  " + t["years_hired"].format(
            years=f.years, hired=w.hired.isoformat(), as_of=as_of.isoformat()
        )
    else:
        yield "  " + t["years_given"].format(years=f.years)
    yield "  " + t["points"]
    rating = f.performance + (t["default"] if f.performance_default else "")
    years_rule = t["years_rule"].format(
        years=f.years, per_year=fmt_number(per_year.per_year), max=fmt_number(per_year.max)
    )
    factors = [
        ("education", f.education, p["education"], f"pay.points.education.{f.education}"),
        ("title", f.title, p["title"], f"pay.points.title.{f.title}"),
        ("performance", rating, p["performance"], f"pay.points.performance.{f.performance}"),
        (
            "post",
            f.post or "-",
            p["post"],
            f"pay.posts.{f.post}.points" if f.post else t["no_post"],
        ),
        ("years", years_rule, p["years_of_service"], "pay.points.years_of_service"),
    ]
    width = max(_width(label(key, lang)) for key, *_ in factors) + 2
    for key, value, points, source in factors:
        yield f"    {_pad(label(key, lang), width)}{_pad(value, 30)} {fmt_number(points):>6}   {source}"
    yield f"    {_pad(label('total', lang), width)}{'':<30} {fmt_number(f.points):>6}"
    template = t["below"] if f.below_lowest_grade else t["by_points"]
    yield "  " + template.format(
        grade=f.grade_by_points, points=fmt_number(f.points), min=fmt_number(f.grade_min_points)
    )
    post_rule = pay.posts.get(f.post) if f.post else None
    if f.post_bound:
        yield "  " + t["held"].format(grade=f.grade, post=f.post, bound=f.post_bound)
    elif post_rule is not None and (
        post_rule.min_grade is not None or post_rule.max_grade is not None
    ):
        lo = post_rule.min_grade if post_rule.min_grade is not None else t["any"]
        hi = post_rule.max_grade if post_rule.max_grade is not None else t["any"]
        template = t["fixed"] if lo == hi else t["within"]
        yield "  " + template.format(post=f.post, lo=lo, hi=hi, grade=f.grade)
    yield "  " + t["base"].format(grade=f.grade, amount=m(f.monthly_base))
    yield "  " + t["allowance"].format(title=f.title, amount=m(f.monthly_allowance))
    yield "  " + t["gross"].format(
        base=m(f.monthly_base), allowance=m(f.monthly_allowance), gross=m(f.monthly_gross)
    )
    limits = pay.contributions.base
    template = {"floor": t["cb_floor"], "ceiling": t["cb_ceiling"]}.get(
        f.contribution_limit or "", t["cb_within"]
    )
    yield "  " + template.format(
        base=m(f.contribution_base),
        gross=m(f.monthly_gross),
        floor=m(limits.floor),
        ceiling=m(limits.ceiling),
    )
    name_width = max((len(k) for k in f.contributions), default=0) + 2
    for key, amount in f.contributions.items():
        rate = fmt_number(pay.contributions.rates[key])
        yield f"    {key:<{name_width}}{m(f.contribution_base)} {x} {rate:<8} = {m(amount):>10}"
    addends = " + ".join(m(a) for a in f.contributions.values()) or m(Decimal(0))
    yield "  " + t["monthly_contributions"].format(sum=addends, amount=m(f.monthly_contributions))
    yield "  " + t["salary"].format(
        gross=m(f.monthly_gross), months=pay.months_per_year, amount=m(f.annual_salary)
    )
    yield "  " + t["bonus"].format(
        base=m(f.monthly_base),
        months=fmt_number(f.bonus_months),
        unit="month" if f.bonus_months == 1 else "months",
        rating=f.performance,
        amount=m(f.annual_bonus),
    )
    yield "  " + t["annual_contributions"].format(
        monthly=m(f.monthly_contributions), amount=m(f.annual_contributions)
    )
    yield "  " + t["cost"].format(
        salary=m(f.annual_salary),
        bonus=m(f.annual_bonus),
        contributions=m(f.annual_contributions),
        amount=m(f.annual_cost),
    )


# --------------------------------------------------------------------------- awards


def award_json(a: Award, reason: str) -> dict[str, Any]:
    return {
        "worker_id": a.worker_id,
        "exam": a.exam,
        "passed_on": a.passed_on.isoformat(),
        "status": a.status,
        "amount": fmt_money(a.amount),
        "reason": reason or None,
        "capped": a.capped,
    }


def _exam_label(exam: str, lang: str) -> str:
    return label(exam, lang)


def _failed_reason(f: Failed, rules: Rules, zh: bool) -> str:
    """One eligibility condition not met, with the worker's value."""
    if f.condition == "min_service_months":
        if zh:
            source = f.source.replace("hired ", "入职 ").replace("years_of_service ", "工龄 ")
            return f"通过考试时服务 {f.value} 个月（{source}），不足 {f.required} 个月"
        return (
            f"{f.value} months' service at the pass ({f.source}), "
            f"under min_service_months {f.required}"
        )
    if f.condition == "min_performance":
        if zh:
            value = rules.label_of("performance", f.value, "zh")
            default = "（未填，按默认等次）" if f.source else ""
            required = rules.label_of("performance", f.required, "zh")
            return f"考核等次 {value}{default} 低于要求的 {required}"
        default = " (none given: default_performance)" if f.source else ""
        return f"rating {f.value}{default} is below min_performance {f.required}"
    if zh:
        value = rules.label_of("employment", f.value, "zh")
        default = "（未填，按默认）" if f.source else ""
        return f"用工性质 {value}{default} 不在奖励范围内"
    default = " (none given: default_employment)" if f.source else ""
    return f"employment {f.value}{default} is excluded (exclude_employment)"


def _award_condition_notes(rules: Rules, lang: str) -> list[str]:
    """The §13 conditions in force, one note each (none under version-1 rules)."""
    config = rules.awards
    e = config.eligibility
    zh = lang == "zh"
    notes = []
    if e.min_service_months is not None:
        notes.append(
            f"最低服务月数 {e.min_service_months}（入职至通过考试）"
            if zh
            else f"min_service_months: {e.min_service_months} (hired to the pass date)"
        )
    if e.min_performance is not None:
        rating = rules.label_of("performance", e.min_performance, lang) if zh else e.min_performance
        notes.append(f"考核等次不低于 {rating}" if zh else f"min_performance: {rating}")
    if e.exclude_employment:
        kinds = ", ".join(
            rules.label_of("employment", k, lang) if zh else k for k in e.exclude_employment
        )
        notes.append(f"不予奖励的用工性质: {kinds}" if zh else f"exclude_employment: {kinds}")
    if config.claim_deadline is not None:
        d = config.claim_deadline
        notes.append(
            f"领取截止: 通过次年 {d.month} 月 {d.day} 日"
            if zh
            else f"claim_deadline: {d.month:02d}-{d.day:02d} of the year after the pass"
        )
    if config.cap_per_worker is not None:
        cap = fmt_money(config.cap_per_worker)
        notes.append(
            f"每人奖励上限 {cap}（含已发放）" if zh else f"cap_per_worker: {cap} (ledger included)"
        )
    return notes


def award_reason(a: Award, result: AwardsResult, lang: str, rules: Rules | None = None) -> str:
    """Why a pass earns nothing now: `paid 1000.00 on 2025-12-01`, `passed 400 days ago, window 365`.

    Empty for a due award.
    """
    zh = lang == "zh"
    if a.status == "ineligible" and rules is not None:
        return ("；" if zh else "; ").join(_failed_reason(f, rules, zh) for f in a.failed)
    if a.status == "capped":
        cap = fmt_money(result.cap_per_worker or Decimal(0))
        before = fmt_money(a.paid_before)
        if zh:
            return f"已达每人奖励上限 {cap}（此前已发放 {before}）"
        return f"cap_per_worker {cap} reached: {before} already paid to this worker"
    if (
        a.status == "expired"
        and a.deadline is not None
        and (result.claim_window_days is None or a.days <= result.claim_window_days)
    ):
        year = a.passed_on.year
        if zh:
            return f"{year} 年的通过须在 {a.deadline.isoformat()} 前领取，已过期"
        return f"passes of {year} had to be claimed by {a.deadline.isoformat()}"
    if a.status == "already_paid":
        paid = [(fmt_money(r.amount), r.paid_on.isoformat()) for r in a.paid]
        if zh:
            return "; ".join(f"已于 {on} 发放 {amount}" for amount, on in paid)
        return "; ".join(f"paid {amount} on {on}" for amount, on in paid)
    if a.status == "duplicate":
        first = a.first
        when = first.passed_on.isoformat() if first is not None else ""
        o = first.origin if first is not None else None
        place = (f"{o.file}:{o.where}" if o.where else o.file) if o is not None else ""
        if zh:
            return f"重复: 已有 {when} 的通过记录" + (f" ({place})" if place else "") + "，只发一次"
        return f"repeats the pass of {when}" + (f" at {place}" if place else "") + "; paid once"
    if a.status == "expired":
        if zh:
            return f"通过已 {a.days} 天，超过领取期限 {result.claim_window_days} 天"
        return f"passed {a.days} days ago, window {result.claim_window_days}"
    return ""


def awards_report(result: AwardsResult, rules: Rules, lang: str) -> Report:
    data = header("awards", rules, result.as_of)
    data["awards"] = [award_json(a, award_reason(a, result, lang, rules)) for a in result.awards]
    data["totals"] = {"due": fmt_money(result.due), "count_due": result.count_due}
    total = label("total", lang)

    due = result.due_awards
    due_rows = [
        [
            a.worker_id,
            a.name or "",
            _exam_label(a.exam, lang),
            a.passed_on.isoformat(),
            fmt_money(a.award),
            fmt_money(a.deducted) if a.deducted else "",
            fmt_money(a.amount) + (" *" if a.capped else ""),
        ]
        for a in due
    ]
    notes = []
    if any(a.deducted for a in due):
        notes.append(
            "top_up: a ladder exam pays its award less the ladder awards already paid"
            if lang == "en"
            else "top_up: 阶梯考试奖励扣除已发放的阶梯奖励，补发差额"
        )
    if any(a.capped for a in due):
        cap = fmt_money(result.cap_per_worker or Decimal(0))
        notes.append(
            f"* cut by cap_per_worker {cap}: all awards to one worker, ledger included"
            if lang == "en"
            else f"* 按每人奖励上限 {cap} 削减（含已发放）"
        )
    window = result.claim_window_days
    if lang == "zh":
        notes.append(
            f"升级方式 {result.upgrade}; 领取期限 "
            + (f"{window} 天" if window is not None else "不限")
        )
    else:
        notes.append(
            f"upgrade: {result.upgrade}; claim window: "
            + (f"{window} days" if window is not None else "none")
        )
    notes += _award_condition_notes(rules, lang)
    views = [
        View(
            title=f"{label('awards_due', lang)} — {rules.name} ({result.as_of.isoformat()})",
            columns=[
                label(k, lang)
                for k in ("worker", "name", "exam", "passed_on", "award", "less_paid", "amount")
            ],
            rows=due_rows,
            totals=[total, str(result.count_due), "", "", "", "", fmt_money(result.due)],
            numeric={4, 5, 6},
            notes=notes,
        )
    ]
    if result.by_exam:
        views.append(
            View(
                title=label("awards_by_exam", lang),
                columns=[label(k, lang) for k in ("exam", "count", "amount")],
                rows=[
                    [_exam_label(t.exam, lang), str(t.count), fmt_money(t.amount)]
                    for t in result.by_exam
                ],
                totals=[total, str(result.count_due), fmt_money(result.due)],
                numeric={1, 2},
            )
        )
    other = [a for a in result.awards if a.status != "due"]
    if other:
        views.append(
            View(
                title=label("awards_not_due", lang),
                columns=[
                    label(k, lang)
                    for k in ("worker", "name", "exam", "passed_on", "status", "reason")
                ],
                rows=[
                    [
                        a.worker_id,
                        a.name or "",
                        _exam_label(a.exam, lang),
                        a.passed_on.isoformat(),
                        label(a.status, lang),
                        award_reason(a, result, lang, rules),
                    ]
                    for a in other
                ],
                totals=[total, str(len(other)), "", "", "", ""],
            )
        )
    return Report(data, data["awards"], views)


# --------------------------------------------------------------------------- budget


def budget_json(result: BudgetResult, rules: Rules) -> dict[str, Any]:
    data = header("budget", rules, result.as_of)
    data["year"] = result.year
    data["lines"] = [{"item": line.item, "amount": fmt_money(line.amount)} for line in result.lines]
    data["total"] = fmt_money(result.total)
    data["personnel_share"] = result.personnel_share
    data["headcount"] = {
        "current": result.current,
        "shortage": result.shortage,
        "planned": result.planned,
    }
    if result.cap is not None:
        data["cap"] = fmt_money(result.cap)
        data["cap_ok"] = result.cap_ok
    return data


def _thousands(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def budget_report(result: BudgetResult, rules: Rules, lang: str, top: int = 5) -> Report:
    """Lines and total; a headline (total, headcount change, cap) and the largest shortages."""
    data = budget_json(result, rules)
    zh = lang == "zh"
    total_label = label("total", lang)
    share_pct = f"{Decimal(result.personnel_share) * 100:.2f}%"
    if result.cap is None:
        cap_text = "未设上限" if zh else "no cap given"
    elif result.cap_ok:
        cap_text = (
            f"未超上限 {_thousands(result.cap)}"
            if zh
            else f"within the cap of {_thousands(result.cap)}"
        )
    else:
        over = _thousands(result.total - result.cap)
        cap_text = (
            f"超出上限 {_thousands(result.cap)}，超 {over}"
            if zh
            else f"OVER the cap of {_thousands(result.cap)} by {over}"
        )
    headline = [
        (
            f"{label('budget', lang)} {result.year}: {_thousands(result.total)} CNY · "
            f"{label('headcount', lang)} {result.current} → {result.planned} "
            f"({result.planned - result.current:+d}) · {cap_text}"
        ),
    ]
    hire = result.new_hire
    lines_view = View(
        title=f"{label('budget', lang)} {result.year} — {rules.name}",
        columns=[label("item", lang), label("amount", lang)],
        rows=[[label(line.item, lang), fmt_money(line.amount)] for line in result.lines],
        totals=[total_label, fmt_money(result.total)],
        numeric={1},
        notes=[
            f"{label('personnel_share', lang)}: {result.personnel_share} ({share_pct})",
            (
                f"{label('headcount', lang)}: {label('current', lang)} {result.current}, "
                f"{label('shortage', lang)} {result.shortage}, {label('planned', lang)} {result.planned}"
            ),
            (
                f"{label('new_hires', lang)}: {result.shortage} x {fmt_money(hire.annual_cost)} "
                f"({hire.education}, {hire.title}, grade {hire.grade})"
            ),
            f"{label('awards', lang)}: {result.awards.count_due} {label('due', lang)}, {fmt_money(result.awards.due)}",
        ],
        headline=headline,
    )
    short = sorted(
        (s for s in result.staff.sites if (s.gap or 0) > 0), key=lambda s: (-(s.gap or 0), s.id)
    )[:top]
    views = [lines_view]
    if short:
        views.append(
            View(
                title=("缺编最多的站点" if zh else "Sites with the largest shortages"),
                columns=[
                    label(k, lang) for k in ("site", "name", "required", "current", "shortage")
                ],
                rows=[
                    [s.id, s.name or "", str(s.required), str(s.current), str(s.gap)] for s in short
                ],
                numeric={2, 3, 4},
            )
        )
    if result.staff.warnings:
        views[-1].notes.extend(f"warning: {w}" for w in result.staff.warnings)
    return Report(data, data["lines"], views)
