"""Results -> `Report` (the JSON object of SPEC §5, CSV rows and table views).

One function per command; each only arranges numbers the computation made.
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..calc.pay import (
    MONEY_FIELDS,
    PayCalculator,
    PayFigures,
    PayMonth,
    PayResult,
    WorkerPay,
    rules_on,
)
from ..calc.staffing import SitePosts, StaffResult
from ..errors import InputError, Problem, one_of
from ..i18n import message
from ..messages import msg
from ..money import fmt_money, fmt_number
from ..render import Report, View, csv_cell, thousands
from ..rules import Rules, number
from . import sheets as xl
from .labels import COMPONENT_BY, EXPLAIN, MONTH_COLUMNS, SOURCE_WORDS, label, words
from .pay_local import (
    INCLUDES_ZH,
    PARTS_ZH,
    component_extra,
    floor_lines,
    local_breakdown,
    local_lines,
    part_year,
    prorate_lines,
    window_lines,
)
from .vocab import rules_name, word
from .vocab import words as vocab_words

if TYPE_CHECKING:  # only in annotations: `staff` and `pay` need not load awards and budget
    from ..calc.awards import Award, AwardsResult, Failed
    from ..calc.budget import BudgetResult, SiteBudget


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

        w = vocab_words(rules, lang)
        sep = "、" if lang == "zh" else ", "
        colon = "：" if lang == "zh" else ": "

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
                w("kind", s.kind),
                str(s.required) + (" *" if s.minimum_applied else ""),
                sep.join(f"{cat(c)} {n}" for c, n in s.dedicated.items() if n) or "-",
                str(s.mixed),
                cat(s.primary) if s.primary else "-",
                sep.join(cat(c) for c in s.covers) or "-",
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
            notes.append(words("minimum_applied_note", lang))
        if result.with_roster:
            notes.append(
                f"{label('shortage', lang)}{colon}{t.shortage}   "
                f"{label('surplus', lang)}{colon}{t.surplus}"
            )
            low = [s for s in result.sites if not s.certified_ok]
            if low:
                shown = sep.join(f"{s.id} ({s.certified}/{s.minimum_certified})" for s in low)
                notes.append(words("certified_below", lang, sites=shown))
        notes += [warning_line(message(text, lang), lang) for text in result.warnings]
        view = View(
            title=f"{words('posts_required', lang)} — {rules_name(rules, lang)}",
            columns=[label(k, lang) for k in keys],
            rows=rows,
            totals=totals,
            numeric={3, 5, 8, 9, 10, 11},
            notes=notes,
            ids={0, 1},
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

    def csv_word(column: str, value: Any) -> Any:
        if column == "":  # a part of a header: dedicated.<category>
            return rules.label(value, "zh") if value in rules.categories else value
        if column == "kind":
            return word(rules, "kind", value, "zh") if value else value
        if column in ("primary", "covers") and isinstance(value, str) and value:
            return ";".join(
                rules.label(c, "zh") if c in rules.categories else c for c in value.split(";")
            )
        if value in ("true", "false") and column in ("minimum_applied", "certified_ok"):
            return label("yes" if value == "true" else "no", "zh")
        return value

    return Report(
        data,
        items(),
        views,
        columns,
        sheets=lambda: xl.staff_sheets(result, rules, lang),
        lang=lang,
        csv_word=csv_word,
        csv_headers=SITE_HEADERS_ZH,
    )


SITE_HEADERS_ZH = {"id": "站点编号", "name": "名称"}


def warning_line(text: str, lang: str) -> str:
    """`warning: ...` under a table (the text is already in the language)."""
    return ("注意：" if lang == "zh" else "warning: ") + text


# --------------------------------------------------------------------------- pay


def breakdown_json(f: PayFigures, rules: Rules) -> dict[str, Any]:
    """How one profile's figures were reached (the facts `--explain` prints).

    Depends on the profile and the rules only, so one dict serves every worker who
    has the profile (and `fastpay` caches its CSV cells).
    """
    pay = rules.pay
    per_year = pay.points.years_of_service
    rates = pay.contributions.rates
    items = pay.contributions.items
    contributions: dict[str, Any] = {}
    for k, v in f.contributions.items():
        item: dict[str, Any] = {"rate": fmt_number(rates[k]), "amount": fmt_money(v)}
        own = items.get(k)
        if own is not None and (  # only where the rules give the item its own base or rounding
            own.base.floor is not None or own.base.ceiling is not None or own.round is not None
        ):
            item["base"] = fmt_money(f.contribution_bases[k])
            item["round"] = pay.contributions.rounding(k)
        contributions[k] = item
    out: dict[str, Any] = {
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
        "grade_min_points": (
            None if f.grade_min_points is None else fmt_number(f.grade_min_points)
        ),
        "below_lowest_grade": f.below_lowest_grade,
        "post_bound": f.post_bound,
        "contribution_base": fmt_money(f.contribution_base),
        "contribution_limit": f.contribution_limit,
        "contributions": contributions,
        "bonus_months": fmt_number(f.bonus_months),
        "months_per_year": pay.months_per_year,
    }
    # the keys below depend on the rules only, so every row of one run has the same columns
    if pay.education_post:
        out["pay_post"] = f.pay_post  # the post that paid, where education raised it
    if pay.steps is not None:
        out["steps"] = {
            "every_years": pay.steps.every_years,
            "first": pay.steps.first,
            "max": pay.steps.max,
        }
    if pay.components:
        out["components"] = {
            cid: {
                "by": comp.by,
                "key": f.component_keys[cid],
                "amount": fmt_money(f.components[cid]),
                **component_extra(comp),
            }
            for cid, comp in pay.components.items()
        }
    if pay.performance_bonus is not None:
        out["bonus_of"] = "+".join(pay.performance_bonus.of)
        out["bonus_month"] = fmt_money(f.bonus_month)
    out.update(local_breakdown(f, rules))
    return out


def _profile_json(f: PayFigures, rules: Rules) -> dict[str, Any]:
    """Everything of a pay row after `id, name, site`: the same for one profile."""
    out: dict[str, Any] = {
        "post": f.post,
        "years": f.years,
        "points": fmt_number(f.points),
        "grade": f.grade,
        "step": f.step,
    }
    for key, value in zip(MONEY_FIELDS, f.money(), strict=True):
        out[key] = fmt_money(value)
    out["components"] = {k: fmt_money(v) for k, v in f.components.items()}
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


# a site's subtotal: (site, its workers as listed, how many workers, the money sums)
SiteGroup = tuple[str, list[WorkerPay], int, dict[str, Decimal]]


def pay_by_site(result: PayResult, sites: list[SiteGroup] | None = None) -> list[SiteGroup]:
    """Workers grouped by site (in order of first appearance) with the sums of each group.

    `sites`, when given, are the groups already summed (a streamed roster too big to
    list: no worker rows, only each site's count and sums) and are returned as they are.
    """
    if sites is not None:
        return sites
    groups: dict[str, list[WorkerPay]] = {}
    for w in result.workers:
        groups.setdefault(w.site, []).append(w)
    out = []
    for site, members in groups.items():
        sums = {k: Decimal(0) for k in MONEY_FIELDS}
        for w in members:
            for k, v in zip(MONEY_FIELDS, w.figures.money(), strict=True):
                sums[k] += v
        out.append((site, members, len(members), sums))
    return out


PAY_TABLE_KEYS = [
    "worker",
    "person",
    "site",
    "post",
    "years",
    "points",
    "grade",
    "monthly_gross",
    "monthly_contributions",
    "annual_cost",
]


_NUMERIC_PAY_KEYS = {
    "years",
    "points",
    "grade",
    "step",
    "monthly_gross",
    "monthly_contributions",
    "annual_cost",
}


def _pay_table_row(w: WorkerPay, rules: Rules, lang: str) -> list[str]:
    f = w.figures
    return [
        w.id,
        w.name or "",
        w.site,
        word(rules, "post", f.post, lang),
        str(f.years),
        fmt_number(f.points),
        "" if f.grade is None else str(f.grade),
        fmt_money(f.monthly_gross),
        fmt_money(f.monthly_contributions),
        fmt_money(f.annual_cost),
    ]


def _workers_text(count: int, lang: str) -> str:
    return words("one_worker" if count == 1 else "workers", lang, count=count)


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


def pay_report(
    result: PayResult,
    rules: Rules,
    lang: str,
    by: str | None = None,
    sites: list[SiteGroup] | None = None,
) -> Report:
    """The pay table and JSON; `by="site"` adds a subtotal per site (and CSV gives those).

    With `sites` (see `pay_by_site`), the subtotals are those, with no worker rows: the
    table has a row per site with its number of workers and sums.
    """
    data = header("pay", rules, result.as_of)
    if result.year is not None:
        data["year"] = result.year
    shown = rules_on(rules, result.shown_day())
    data["workers"] = pay_rows_json(result, shown)
    data["totals"] = pay_totals_json(result.totals, result.count)
    items: list[dict[str, Any]] = data["workers"]
    rows: list[list[str]] = []
    sections: set[int] = set()
    if by == "site":
        by_site = []
        for site, members, count, sums in pay_by_site(result, sites):
            rows += [_pay_table_row(w, rules, lang) for w in members]
            rows.append(_pay_sum_row(label("subtotal", lang), count, site, sums, lang))
            sections.add(len(rows) - 1)
            by_site.append(
                {
                    "site": site,
                    "workers": count,
                    **{k: fmt_money(v) for k, v in sums.items()},
                }
            )
        data["by_site"] = by_site
        items = by_site
    else:
        rows = [_pay_table_row(w, rules, lang) for w in result.workers]
    t = result.totals
    keys = PAY_TABLE_KEYS
    totals = _pay_sum_row(label("total", lang), result.count, "", t, lang)
    versions = [version for _, version in rules.versions()]
    if any(version.pay.steps is not None for version in versions):
        # a step column after the grade, only where the rules have steps
        keys = [*keys[:7], "step", *keys[7:]]
        rows = _with_step_column(rows, result.workers, sections)
        totals = [*totals[:7], "", *totals[7:]]
    if not any(version.pay.grades for version in versions):
        # no grades: points decide nothing, so neither column is shown
        keep = [i for i, k in enumerate(keys) if k not in ("points", "grade")]
        keys = [keys[i] for i in keep]
        rows = [[row[i] for i in keep] for row in rows]
        totals = [totals[i] for i in keep]
    money_keys = ("monthly_gross", "monthly_contributions", "annual_cost")
    ids = {0, 1, 2}
    if by == "site" and sites is not None:  # no worker rows: a row per site, its sums
        keys = ["site", "workers", *money_keys]
        rows = [
            [site, str(count), *(fmt_money(sums[k]) for k in money_keys)]
            for site, _, count, sums in sites
        ]
        totals = [label("total", lang), str(result.count), *(fmt_money(t[k]) for k in money_keys)]
        sections = set()
        ids = {0}
    numeric = {i for i, k in enumerate(keys) if k in _NUMERIC_PAY_KEYS or k == "workers"}
    when = result.as_of.isoformat() if result.year is None else str(result.year)
    view = View(
        title=f"{label('annual_cost', lang)} — {rules_name(rules, lang)} ({when})",
        columns=[label(k, lang) for k in keys],
        rows=rows,
        totals=totals,
        numeric=numeric,
        money={i for i, k in enumerate(keys) if k in money_keys},
        ids=ids,
        notes=[
            f"{label('annual_salary', lang)} {thousands(fmt_money(t['annual_salary']))}   "
            f"{label('annual_bonus', lang)} {thousands(fmt_money(t['annual_bonus']))}   "
            f"{label('annual_contributions', lang)} "
            f"{thousands(fmt_money(t['annual_contributions']))}"
        ],
        sections=sections,
    )
    return Report(
        data,
        items,
        [view],
        sheets=lambda: xl.pay_sheets(result, rules, lang, by, sites),
        lang=lang,
        csv_word=pay_csv_word(rules),
        csv_headers=PAY_HEADERS_ZH,
    )


PAY_HEADERS_ZH = {"id": "工号", "name": "姓名", "site": "站点", "workers": "人数"}
_PAY_VOCAB = {
    "post": "post",
    "breakdown.education": "education",
    "breakdown.title": "title",
    "breakdown.performance": "performance",
    "breakdown.area": "area",
}
_ROUND_ZH = {"fen": "分", "jiao_up": "角（进位）", "yuan": "元"}
_BOUNDS_ZH = {"min_grade": "最低薪级", "max_grade": "最高薪级", "floor": "下限", "ceiling": "上限"}


def pay_csv_word(rules: Rules) -> Any:
    """Pay CSV cells in Chinese: vocabulary labels, 是/否 for true/false."""

    components = getattr(rules.pay, "components", None) or {}

    def csv_word(column: str, value: Any) -> Any:
        if column == "":  # a part of a header: a contribution item's or a component's name
            if value in PARTS_ZH:
                return PARTS_ZH[value]
            if value in components or value == "floor":
                return word(rules, "component", value, "zh")
            return word(rules, "contribution", value, "zh")
        vocab = _PAY_VOCAB.get(column)
        if vocab is None and column.startswith("breakdown.components."):
            part = column.split(".")
            if part[-1] == "by" and isinstance(value, str):
                return label(value, "zh")
            if part[-1] == "key" and part[2] in components:
                by = components[part[2]].by
                vocab = by if by in ("post", "title", "education", "performance") else None
        if column == "breakdown.bonus_of" and isinstance(value, str):
            return "+".join(
                word(rules, "component", p, "zh") if p in components else label(p, "zh")
                for p in value.split("+")
            )
        if column == "breakdown.pay_post":
            vocab = "post"
        if column == "breakdown.floor.includes" and isinstance(value, str):
            return INCLUDES_ZH.get(value, value)
        if column.endswith(".round") and isinstance(value, str):
            return _ROUND_ZH.get(value, value)
        if vocab is not None and isinstance(value, str):
            return word(rules, vocab, value, "zh")
        if column in ("breakdown.post_bound", "breakdown.contribution_limit") and value:
            return _BOUNDS_ZH.get(value, value)
        if isinstance(value, bool):
            return label("yes" if value else "no", "zh")
        return value

    return csv_word


def _with_step_column(
    rows: list[list[str]], workers: list[WorkerPay], sections: set[int]
) -> list[list[str]]:
    """The table rows with each worker's step after the grade (subtotal rows: blank)."""
    out = []
    members = iter(workers)
    for i, row in enumerate(rows):
        if i in sections:
            step = ""
        else:
            figures = next(members).figures
            step = "" if figures.step is None else str(figures.step)
        out.append([*row[:7], step, *row[7:]])
    return out


def explain_report(
    result: PayResult,
    worker_id: str,
    rules: Rules,
    lang: str,
    *,
    source: str,
    markdown: bool = False,
    ids: Iterable[str] | None = None,
) -> Report:
    """One worker's pay and how each figure was reached (`swplan pay --explain ID`).

    JSON and CSV carry the worker's row (its `breakdown` holds the same facts as the
    text); totals are that worker's own figures. `ids` are the roster's ids in file
    order, when `result` holds only some of its workers (a streamed roster): an
    unknown id is looked for among those.
    """
    row = next((w for w in result.workers if w.id == worker_id), None)
    if row is None:
        known = [w.id for w in result.workers] if ids is None else list(ids)
        raise InputError([Problem("--explain", "", "", unknown_worker(worker_id, known, source))])
    day = result.shown_day()
    shown = rules_on(rules, day)
    lines = list(explain_lines(row, shown, day, lang, result.year))
    if lang == "zh":
        lines = zh_explain(lines, shown)
    data = header("pay", rules, result.as_of)
    if result.year is not None:
        data["year"] = result.year
    item = pay_row_json(row.id, row.name, row.site, row.figures, shown)
    # where the years came from: a per-worker fact, so only here (full runs share breakdowns)
    extra: dict[str, Any] = {"hired": row.hired.isoformat() if row.hired else None}
    if row.not_counted:
        extra["years_not_counted"] = row.not_counted
    if row.title_since is not None:
        extra["title_since"] = row.title_since.isoformat()
    item["breakdown"] = {**extra, **item["breakdown"]}
    if row.figures.months:
        item["months"] = [_month_json(pm) for pm in row.figures.months]
    data["workers"] = [item]
    data["totals"] = pay_totals_json(dict(zip(MONEY_FIELDS, row.figures.money(), strict=True)), 1)
    if markdown:  # keep the alignment: a code block, not a list
        view = View(title=lines[0], columns=[], rows=[], headline=["```text", *lines[1:], "```"])
    else:
        view = View(title=lines[0], columns=[], rows=[], notes=lines[1:])
    return Report(
        data,
        data["workers"],
        [view],
        sheets=lambda: xl.explain_sheets(lines, lang),
        lang=lang,
        csv_word=pay_csv_word(rules),
        csv_headers=PAY_HEADERS_ZH,
    )


_EXPLAIN_ZH_WORDS = {
    "min_points": "起点积分",
    "min_grade": "最低薪级",
    "max_grade": "最高薪级",
    "fen": "分",
    "jiao_up": "见分进角",
    "yuan": "元",
}


def zh_explain(lines: list[str], rules: Rules) -> list[str]:
    """`--explain` under zh: the rules' words by their Chinese labels, no English key paths.

    The lines name vocabulary words by key (they are the rules' facts); a Chinese reader
    gets each word's label, and the key paths into the rules file are left out.
    """
    import re

    names: dict[str, str] = dict(_EXPLAIN_ZH_WORDS)
    for vocab, keys in (
        ("education", rules.pay.points.education),
        ("title", rules.pay.points.title),
        ("performance", rules.pay.points.performance),
        ("post", rules.pay.posts),
        ("contribution", rules.pay.contributions.rates),
    ):
        for key in keys:
            names.setdefault(key, word(rules, vocab, key, "zh"))
    for cid in getattr(rules.pay, "components", None) or {}:
        names.setdefault(cid, word(rules, "component", cid, "zh"))
    alternatives = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w.])(" + alternatives + r")(?![\w.])( *)")

    def relabel(m: re.Match[str]) -> str:
        # the label in the key's place, the columns after it kept where they were
        text, spaces = names[m.group(1)], m.group(2)
        if len(spaces) < 2:  # in a sentence: no column to keep
            return text + spaces
        room = len(m.group(1)) + len(spaces)
        return text + " " * max(room - _width(text), 1)

    out = []
    for line in lines:
        line = re.sub(r"\s+pay\.[\w.\[\]-]+$", "", line)  # the key path the points came from
        line = line.replace(f"：{rules.name}", f"：{rules_name(rules, 'zh')}")
        out.append(pattern.sub(relabel, line))
    return out


def _month_json(pm: PayMonth) -> dict[str, Any]:
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


def unknown_worker(worker_id: str, ids: list[str], source: str) -> str:
    """`no worker 'W01' in roster.yaml; 'W01' is not one of: ... (did you mean 'W001'?)`"""
    text = f"no worker with id {worker_id!r} in {source}"
    if len(ids) <= 20:
        return f"{text}; {one_of(worker_id, ids)}"
    close = difflib.get_close_matches(worker_id, ids, n=3, cutoff=0.6)
    if close:
        text += f" (did you mean {', '.join(repr(c) for c in close)}?)"
    return text + "; give one of the ids in the roster's id column"


def _width(text: str) -> int:
    """Columns `text` takes on a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _years_lines(w: WorkerPay, rules: Rules, day: dt.date, t: dict[str, Any]) -> Iterator[str]:
    """Where the years of service came from."""
    f = w.figures
    service = rules.pay.service
    base = PayCalculator(rules).base_years(w.hired, w.years_given, day)
    if service.count == "calendar_year":  # whole years to 1 January of the day's year
        day = dt.date(day.year, 1, 1)
    extra = service.education_years.get(f.education, 0)
    counted_from = service.counted_from
    if w.hired is None:
        source = t["src_given"]
    elif counted_from is not None and counted_from > w.hired:
        source = t["src_counted"].format(
            counted_from=counted_from.isoformat(), hired=w.hired.isoformat(), as_of=day.isoformat()
        )
    else:
        source = t["src_hired"].format(hired=w.hired.isoformat(), as_of=day.isoformat())
    if not extra and not w.not_counted:
        yield "  " + t["years_line"].format(years=f.years, source=source)
        return
    parts = f"{base} ({source})"
    if extra:
        parts += " + " + t["years_education"].format(years=extra, education=f.education)
    if w.not_counted:
        parts += " - " + t["years_not_counted"].format(years=w.not_counted)
    floor = t["years_floor"] if base + extra - w.not_counted < 0 else ""
    yield "  " + t["years_sum"].format(parts=parts, years=f.years) + floor


def explain_lines(
    w: WorkerPay, rules: Rules, as_of: dt.date, lang: str = "en", year: int | None = None
) -> Iterator[str]:
    """How every figure of one worker was reached, in plain lines (the first is a title).

    `rules` are those in force on `as_of`; with `year`, the figures are December's
    and the twelve months follow.
    """
    t = EXPLAIN.get(lang, EXPLAIN["en"])
    pay = rules.pay
    f = w.figures
    who = f"{w.id} {w.name}" if w.name else w.id
    yield t["head"].format(id=who, as_of=as_of.isoformat(), rules=rules.name)
    if f.months and all(pm.figures is None for pm in f.months):
        # paid no month of the year: only the months say why
        yield from _year_lines(w, pay.months_per_year, year or as_of.year, t, "year_head_alone")
        return
    yield from _years_lines(w, rules, as_of, t)
    if w.hired is not None and pay.service.count == "calendar_year":
        yield "  " + message(msg("calc.explain_calendar_year"), lang)
    yield from local_lines(w, rules, lang)
    if pay.steps is not None and f.step is not None:
        yield "  " + t["step"].format(
            step=f.step,
            first=pay.steps.first,
            years=f.years,
            every=pay.steps.every_years,
            max=pay.steps.max,
        )
    if f.pay_post is not None:
        yield "  " + t["pay_post"].format(paid=f.pay_post, education=f.education, post=f.post)
    paid_as = f.pay_post or f.post
    if f.grade is not None:
        yield from _points_lines(f, rules, lang, t, paid_as)
    yield from _pay_lines(w, rules, as_of, lang, year, t, paid_as)


def _points_lines(
    f: PayFigures, rules: Rules, lang: str, t: dict[str, str], paid_as: str | None
) -> Iterator[str]:
    """Points and the grade they give (only where the rules have grades)."""
    pay = rules.pay
    p = f.points_by_factor
    per_year = pay.points.years_of_service
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
            paid_as or "-",
            p["post"],
            f"pay.posts.{paid_as}.points" if paid_as else t["no_post"],
        ),
        ("years", years_rule, p["years_of_service"], "pay.points.years_of_service"),
    ]
    width = max(_width(label(key, lang)) for key, *_ in factors) + 2
    for key, value, points, source in factors:
        yield f"    {_pad(label(key, lang), width)}{_pad(value, 30)} {fmt_number(points):>6}   {source}"
    yield f"    {_pad(label('total', lang), width)}{'':<30} {fmt_number(f.points):>6}"
    if f.grade is not None:
        m = fmt_money
        assert f.grade_by_points is not None and f.grade_min_points is not None
        template = t["below"] if f.below_lowest_grade else t["by_points"]
        yield "  " + template.format(
            grade=f.grade_by_points,
            points=fmt_number(f.points),
            min=fmt_number(f.grade_min_points),
        )
        post_rule = pay.posts.get(paid_as) if paid_as else None
        if f.post_bound:
            yield "  " + t["held"].format(grade=f.grade, post=paid_as, bound=f.post_bound)
        elif post_rule is not None and (
            post_rule.min_grade is not None or post_rule.max_grade is not None
        ):
            lo = post_rule.min_grade if post_rule.min_grade is not None else t["any"]
            hi = post_rule.max_grade if post_rule.max_grade is not None else t["any"]
            template = t["fixed"] if lo == hi else t["within"]
            yield "  " + template.format(post=paid_as, lo=lo, hi=hi, grade=f.grade)
        yield "  " + t["base"].format(grade=f.grade, amount=m(f.monthly_base))


def _pay_lines(
    w: WorkerPay,
    rules: Rules,
    as_of: dt.date,
    lang: str,
    year: int | None,
    t: dict[str, str],
    paid_as: str | None,
) -> Iterator[str]:
    """Components, gross, contributions and the annual figures."""
    pay = rules.pay
    f = w.figures
    m = fmt_money
    x = t["times"]
    for cid, comp in pay.components.items():
        yield "  " + t["component"].format(
            id=cid,
            by=COMPONENT_BY.get(lang, {}).get(comp.by, comp.by),
            key=f.component_keys[cid] or "-",
            amount=m(f.components[cid]),
        )
        if comp.per_year is not None:
            counted = f.years if comp.max_years is None else min(f.years, comp.max_years)
            yield "    " + t["per_year"].format(
                id=cid, per_year=m(number(comp.per_year)), years=counted
            )
    yield from window_lines(w, rules, lang)
    found = pay.allowances.title.get(f.title)
    allowance = None if found is None else number(found)
    if not pay.components and not pay.floor:
        yield "  " + t["allowance"].format(title=f.title, amount=m(f.monthly_allowance))
        yield "  " + t["gross"].format(
            base=m(f.monthly_base), allowance=m(f.monthly_allowance), gross=m(f.monthly_gross)
        )
    else:
        if allowance is not None:
            yield "  " + t["allowance"].format(title=f.title, amount=m(allowance))
        parts = [m(v) for v in f.components.values()]
        if allowance is not None:
            parts.append(m(allowance))
        yield "  " + t["gross_parts"].format(parts=" + ".join(parts), gross=m(f.monthly_gross))
    limits = pay.contributions.base
    if not pay.contributions.rates:
        yield "  " + t["no_contributions"]
    template = {"floor": t["cb_floor"], "ceiling": t["cb_ceiling"]}.get(
        f.contribution_limit or "", t["cb_within"]
    )
    if pay.contributions.rates:
        yield "  " + template.format(
            base=m(f.contribution_base),
            gross=m(f.monthly_gross),
            floor=m(limits.floor),
            ceiling=m(limits.ceiling),
        )
    contributions = pay.contributions
    for item, own in contributions.items.items():
        if own.base.floor is None and own.base.ceiling is None:
            continue  # only its rounding or label: shown on its line below
        floor, ceiling = contributions.bounds(item)
        yield "    " + t["cb_item"].format(
            item=item,
            base=m(f.contribution_bases[item]),
            floor=m(floor),
            ceiling=m(ceiling),
        )
    name_width = max((len(k) for k in f.contributions), default=0) + 2
    for key, amount in f.contributions.items():
        rate = fmt_number(contributions.rates[key])
        how = contributions.rounding(key)
        note = "" if how == "fen" else "   " + t["rounded"].format(round=how)
        yield (
            f"    {key:<{name_width}}{m(f.contribution_bases[key])} {x} {rate:<8} = "
            f"{m(amount):>10}{note}"
        )
    addends = " + ".join(m(a) for a in f.contributions.values()) or m(Decimal(0))
    if contributions.rates:
        yield "  " + t["monthly_contributions"].format(
            sum=addends, amount=m(f.monthly_contributions)
        )
    yield from floor_lines(f, rules, lang)
    if pay.performance_bonus is not None and f.bonus_months:
        bonus_parts = " + ".join(
            f"{part} {m(f.components.get(part, Decimal(0)))}" for part in pay.bonus_of()
        )
        yield "  " + t["bonus_of"].format(parts=bonus_parts, amount=m(f.bonus_month))
    if not f.months:
        yield "  " + t["salary"].format(
            gross=m(f.monthly_gross), months=pay.months_per_year, amount=m(f.annual_salary)
        )
    yield "  " + t["bonus"].format(
        base=m(f.bonus_month),
        months=fmt_number(f.bonus_months),
        unit=t["month"] if f.bonus_months == 1 else t["months"],
        rating=f.performance,
        amount=m(f.annual_bonus if not f.months else _december_bonus(f)),
    )
    if f.months:
        yield from _year_lines(w, pay.months_per_year, year or as_of.year, t)
        yield from prorate_lines(w, rules, lang)
        return
    yield "  " + t["annual_contributions"].format(
        monthly=m(f.monthly_contributions), amount=m(f.annual_contributions)
    )
    yield "  " + t["cost"].format(
        salary=m(f.annual_salary),
        bonus=m(f.annual_bonus),
        contributions=m(f.annual_contributions),
        amount=m(f.annual_cost),
    )


def _december_bonus(f: PayFigures) -> Decimal:
    december = f.months[-1].figures if f.months else None
    return december.annual_bonus if december is not None else Decimal(0)


def _year_lines(
    w: WorkerPay, months_per_year: int, year: int, t: dict[str, Any], head: str = "year_head"
) -> Iterator[str]:
    """The twelve months of a costed year, then the annual figures from them."""
    f = w.figures
    m = fmt_money
    yield "  " + t[head].format(year=year)
    cols = MONTH_COLUMNS["zh" if t is EXPLAIN["zh"] else "en"]
    widths = [
        max(minimum, _width(c) + 2) for c, minimum in zip(cols, (9, 7, 6, 7, 12, 15), strict=True)
    ]
    yield "    " + "".join(
        _pad(c, wd) if i == 0 else " " * max(0, wd - _width(c)) + c
        for i, (c, wd) in enumerate(zip(cols, widths, strict=True))
    )
    paid = [pm.figures for pm in f.months if pm.figures is not None]
    for pm in f.months:
        month = f"{year}-{pm.month:02d}"
        g = pm.figures
        if g is None:
            hired = w.hired.isoformat() if w.hired else "-"
            yield f"    {_pad(month, widths[0])}" + t["unpaid"].format(hired=hired)
            continue
        cells = [
            str(g.years),
            "-" if g.step is None else str(g.step),
            "-" if g.grade is None else str(g.grade),
            m(g.monthly_gross),
            m(g.monthly_contributions),
        ]
        yield (
            "    "
            + _pad(month, widths[0])
            + "".join(
                " " * max(0, wd - _width(c)) + c for c, wd in zip(cells, widths[1:], strict=True)
            )
        )
    if not paid:
        yield "  " + t["year_none"].format(year=year)
        return
    total_gross = sum((g.monthly_gross for g in paid), Decimal(0))
    extra_months = months_per_year - 12
    extra = ""
    if extra_months:
        extra = t["year_extra"].format(extra=extra_months, gross=m(paid[-1].monthly_gross))
        if total_gross + extra_months * paid[-1].monthly_gross != f.annual_salary:
            extra += part_year(len(paid), "zh" if t is EXPLAIN["zh"] else "en")
    yield "  " + t["year_salary"].format(
        paid=len(paid), sum=m(total_gross), extra=extra, amount=m(f.annual_salary)
    )
    yield "  " + t["year_contributions"].format(paid=len(paid), amount=m(f.annual_contributions))
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


def _exam_label(exam: str, lang: str, rules: Rules | None = None) -> str:
    if rules is not None:
        return word(rules, "exam", exam, lang)
    return label(exam, lang)


def _word_of(rules: Rules, vocabulary: str, value: str, lang: str) -> str:
    """A rules word as shown in `lang`: its Chinese label, or the word itself in English."""
    return rules.label_of(vocabulary, value, lang) if lang == "zh" else value


def _failed_reason(f: Failed, rules: Rules, lang: str) -> str:
    """One eligibility condition not met, with the worker's value."""
    if f.condition == "min_service_months":
        source = f.source
        for word, shown in SOURCE_WORDS.get(lang, {}).items():
            source = source.replace(word, shown)
        return words("failed_service", lang, value=f.value, source=source, required=f.required)
    if f.condition == "min_performance":
        return words(
            "failed_performance",
            lang,
            value=_word_of(rules, "performance", f.value, lang),
            default=words("default_performance_used", lang) if f.source else "",
            required=_word_of(rules, "performance", f.required, lang),
        )
    return words(
        "failed_employment",
        lang,
        value=_word_of(rules, "employment", f.value, lang),
        default=words("default_employment_used", lang) if f.source else "",
    )


def _award_condition_notes(rules: Rules, lang: str) -> list[str]:
    """The §13 conditions in force, one note each (none under version-1 rules)."""
    config = rules.awards
    e = config.eligibility
    notes = []
    if e.min_service_months is not None:
        notes.append(words("min_service_note", lang, months=e.min_service_months))
    if e.min_performance is not None:
        rating = _word_of(rules, "performance", e.min_performance, lang)
        notes.append(words("min_performance_note", lang, rating=rating))
    if e.exclude_employment:
        kinds = ", ".join(_word_of(rules, "employment", k, lang) for k in e.exclude_employment)
        notes.append(words("exclude_employment_note", lang, kinds=kinds))
    if config.claim_deadline is not None:
        d = config.claim_deadline
        notes.append(words("claim_deadline_note", lang, month=d.month, day=d.day))
    if config.cap_per_worker is not None:
        notes.append(words("cap_note", lang, cap=fmt_money(config.cap_per_worker)))
    return notes


def award_reason(a: Award, result: AwardsResult, lang: str, rules: Rules | None = None) -> str:
    """Why a pass earns nothing now: `paid 1000.00 on 2025-12-01`, `passed 400 days ago, window 365`.

    Empty for a due award.
    """
    if a.status == "ineligible" and rules is not None:
        return words("reasons_joiner", lang).join(_failed_reason(f, rules, lang) for f in a.failed)
    if a.status == "capped":
        cap = fmt_money(result.cap_per_worker or Decimal(0))
        return words("capped_reason", lang, cap=cap, before=fmt_money(a.paid_before))
    if (
        a.status == "expired"
        and a.deadline is not None
        and (result.claim_window_days is None or a.days <= result.claim_window_days)
    ):
        return words(
            "deadline_reason", lang, year=a.passed_on.year, deadline=a.deadline.isoformat()
        )
    if a.status == "already_paid":
        return "; ".join(
            words("paid_on", lang, amount=fmt_money(r.amount), on=r.paid_on.isoformat())
            for r in a.paid
        )
    if a.status == "duplicate":
        first = a.first
        when = first.passed_on.isoformat() if first is not None else ""
        o = first.origin if first is not None else None
        place = (f"{o.file}:{o.where}" if o.where else o.file) if o is not None else ""
        return (
            words("repeats", lang, when=when)
            + (words("repeats_at", lang, place=place) if place else "")
            + words("paid_once", lang)
        )
    if a.status == "expired":
        return words("expired_reason", lang, days=a.days, window=result.claim_window_days)
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
            _exam_label(a.exam, lang, rules),
            a.passed_on.isoformat(),
            fmt_money(a.award),
            fmt_money(a.deducted) if a.deducted else "",
            fmt_money(a.amount) + (" *" if a.capped else ""),
        ]
        for a in due
    ]
    notes = []
    if any(a.deducted for a in due):
        notes.append(words("top_up_note", lang))
    if any(a.capped for a in due):
        cap = fmt_money(result.cap_per_worker or Decimal(0))
        notes.append(words("capped_note", lang, cap=cap))
    days = result.claim_window_days
    window = words("window_days", lang, days=days) if days is not None else words("no_window", lang)
    upgrade = {"top_up": "补差", "full": "全额"}.get(result.upgrade, result.upgrade)
    notes.append(
        words(
            "upgrade_note", lang, upgrade=upgrade if lang == "zh" else result.upgrade, window=window
        )
    )
    notes += _award_condition_notes(rules, lang)
    views = [
        View(
            title=f"{label('awards_due', lang)} — {rules_name(rules, lang)} "
            f"({result.as_of.isoformat()})",
            columns=[
                label(k, lang)
                for k in ("worker", "person", "exam", "passed_on", "award", "less_paid", "amount")
            ],
            rows=due_rows,
            totals=[total, str(result.count_due), "", "", "", "", fmt_money(result.due)],
            numeric={4, 5, 6},
            money={4, 5, 6},
            ids={0, 1},
            notes=notes,
        )
    ]
    if result.by_exam:
        views.append(
            View(
                title=label("awards_by_exam", lang),
                columns=[label(k, lang) for k in ("exam", "count", "amount")],
                rows=[
                    [_exam_label(t.exam, lang, rules), str(t.count), fmt_money(t.amount)]
                    for t in result.by_exam
                ],
                totals=[total, str(result.count_due), fmt_money(result.due)],
                numeric={1, 2},
                money={2},
            )
        )
    other = [a for a in result.awards if a.status != "due"]
    if other:
        views.append(
            View(
                title=label("awards_not_due", lang),
                columns=[
                    label(k, lang)
                    for k in ("worker", "person", "exam", "passed_on", "status", "reason")
                ],
                rows=[
                    [
                        a.worker_id,
                        a.name or "",
                        _exam_label(a.exam, lang, rules),
                        a.passed_on.isoformat(),
                        word(rules, "status", a.status, lang)
                        if lang == "zh"
                        else label(a.status, lang),
                        award_reason(a, result, lang, rules),
                    ]
                    for a in other
                ],
                totals=[total, str(len(other)), "", "", "", ""],
                ids={0, 1},
            )
        )

    def csv_word(column: str, value: Any) -> Any:
        if column == "exam":
            return word(rules, "exam", value, "zh")
        if column == "status":
            return word(rules, "status", value, "zh")
        if isinstance(value, bool):
            return label("yes" if value else "no", "zh")
        return value

    return Report(
        data,
        data["awards"],
        views,
        sheets=lambda: xl.awards_sheets(result, rules, lang),
        lang=lang,
        csv_word=csv_word,
    )


# --------------------------------------------------------------------------- budget


def budget_json(
    result: BudgetResult, rules: Rules, notes: Sequence[str] = (), warnings: Sequence[str] = ()
) -> dict[str, Any]:
    """The budget's JSON; `notes` and `warnings` are always listed, empty when none."""
    data = header("budget", rules, result.as_of)
    data["schema"] = "swplan.budget/2"  # costed month by month
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
    data["notes"] = list(notes)
    data["warnings"] = list(warnings)
    return data


def _hire_profile(hire: PayFigures, start_month: int) -> str:
    """`bachelor, none, grade 1` (and the step, and the first month paid, where they apply)."""
    parts = [hire.education, hire.title]
    if hire.grade is not None:
        parts.append(f"grade {hire.grade}")
    if hire.step is not None:
        parts.append(f"step {hire.step}")
    if start_month != 1:
        parts.append(f"paid from month {start_month}")
    return ", ".join(parts)


def _thousands(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def budget_site_json(site: SiteBudget) -> dict[str, Any]:
    return {
        "id": site.id,
        "name": site.name,
        "current_staff": fmt_money(site.current_staff),
        "new_hires": fmt_money(site.new_hires),
        "awards": fmt_money(site.awards),
        "training": fmt_money(site.training),
        "total": fmt_money(site.total),
    }


def budget_headline(result: BudgetResult, lang: str) -> str:
    """`2026年度预算：707,274.00元 · ...` / `Budget 2026: 707,274.00 CNY · ...`"""
    change = result.planned - result.current
    if lang == "zh":
        if result.cap is None:
            cap_text = "未设上限"
        elif result.cap_ok:
            cap_text = f"未超过上限{_thousands(result.cap)}元"
        else:
            cap_text = (
                f"超过上限{_thousands(result.cap)}元，超出{_thousands(result.total - result.cap)}元"
            )
        return (
            f"{result.year}年度预算：{_thousands(result.total)}元；"
            f"人数{result.current}人→{result.planned}人（{change:+d}）；{cap_text}"
        )
    if result.cap is None:
        cap_text = "no cap given"
    elif result.cap_ok:
        cap_text = f"within the cap of {_thousands(result.cap)}"
    else:
        over = _thousands(result.total - result.cap)
        cap_text = f"OVER the cap of {_thousands(result.cap)} by {over}"
    return (
        f"Budget {result.year}: {_thousands(result.total)} CNY · "
        f"Headcount {result.current} → {result.planned} ({change:+d}) · {cap_text}"
    )


def _hire_profile_zh(hire: PayFigures, rules: Rules) -> str:
    """`本科，无，薪级1` (and the step, and the first month paid, where they apply)."""
    w = vocab_words(rules, "zh")
    parts = [w("education", hire.education), w("title", hire.title)]
    if hire.grade is not None:
        parts.append(f"薪级{hire.grade}")
    if hire.step is not None:
        parts.append(f"档次{hire.step}")
    start = rules.budget.new_hire.start_month
    if start != 1:
        parts.append(f"自{start}月起发放")
    return "，".join(parts)


def budget_notes(result: BudgetResult, rules: Rules, lang: str) -> list[str]:
    share_pct = f"{Decimal(result.personnel_share) * 100:.2f}%"
    hire = result.new_hire
    if lang == "zh":
        return [
            f"人员费用占比：{share_pct}（{result.personnel_share}）",
            f"人数：现有{result.current}人，缺编{result.shortage}人，计划{result.planned}人",
            f"新增岗位：{_hires_zh(result, rules)}（{_hire_profile_zh(hire, rules)}）",
            f"考试奖励：应发{result.awards.count_due}人次，{_thousands(result.awards.due)}元",
        ]
    return [
        f"Personnel share: {result.personnel_share} ({share_pct})",
        (
            f"Headcount: Current {result.current}, Shortage {result.shortage}, "
            f"Planned {result.planned}"
        ),
        (
            f"New hires: {_hires_en(result)} "
            f"({_hire_profile(hire, rules.budget.new_hire.start_month)})"
        ),
        f"Exam awards: {result.awards.count_due} due, {fmt_money(result.awards.due)}",
    ]


def _hires_en(result: BudgetResult) -> str:
    """`5 x 74955.79`, or where pay is by area `town 3 x 74955.79, township 2 x ...`."""
    if result.hires is None or not result.hires.counts:
        return f"{result.shortage} x {fmt_money(result.new_hire.annual_cost)}"
    by_area = result.hires.by_area
    return ", ".join(
        f"{area} {n} x {fmt_money(by_area[area].annual_cost)}"
        for area, n in result.hires.counts.items()
    )


def _hires_zh(result: BudgetResult, rules: Rules) -> str:
    if result.hires is None or not result.hires.counts:
        return f"{result.shortage}人×{_thousands(result.new_hire.annual_cost)}元"
    by_area = result.hires.by_area
    return "，".join(
        f"{word(rules, 'area', area, 'zh')}{n}人×{_thousands(by_area[area].annual_cost)}元"
        for area, n in result.hires.counts.items()
    )


def budget_report(
    result: BudgetResult,
    rules: Rules,
    lang: str,
    top: int = 5,
    sites: list[SiteBudget] | None = None,
) -> Report:
    """Lines and total; a headline (total, headcount change, cap) and the largest shortages.

    With `sites` (`--by site`), each site's own budget, in the JSON `sites` and a table.
    """
    data = budget_json(result, rules)
    if sites is not None:
        data["sites"] = [budget_site_json(site) for site in sites]
    zh = lang == "zh"
    total_label = label("total", lang)
    w = vocab_words(rules, lang)
    lines_view = View(
        title=f"{label('budget', lang)} {result.year} — {rules_name(rules, lang)}",
        columns=[label("item", lang), label("amount", lang)],
        rows=[[w("item", line.item), fmt_money(line.amount)] for line in result.lines],
        totals=[total_label, fmt_money(result.total)],
        numeric={1},
        money={1},
        notes=budget_notes(result, rules, lang),
        headline=[budget_headline(result, lang)],
    )
    views = [lines_view]
    if sites is not None:
        keys = ["current_staff", "new_hires", "awards", "training"]
        unknown = [site.id for site in sites if not site.known]
        views.append(
            View(
                title=("各站点预算" if zh else "Budget by site"),
                columns=[label(k, lang) for k in ("site", "name", *keys, "total")],
                rows=[
                    [
                        site.id + ("" if site.known else " ?"),
                        site.name or "",
                        *(fmt_money(getattr(site, k)) for k in keys),
                        fmt_money(site.total),
                    ]
                    for site in sites
                ],
                totals=[
                    total_label,
                    "",
                    *(fmt_money(line.amount) for line in result.lines),
                    fmt_money(result.total),
                ],
                numeric={2, 3, 4, 5, 6},
                money={2, 3, 4, 5, 6},
                ids={0, 1},
                notes=[
                    (
                        "? 不在服务对象文件中的站点：其人员费用、奖励和培训费计入该站点编号名下"
                        if zh
                        else "? a site the populations do not list: its workers' cost, "
                        "awards and training are shown under its id"
                    )
                ]
                if unknown
                else [],
            )
        )
    short = sorted(
        (s for s in result.staff.sites if (s.gap or 0) > 0), key=lambda s: (-(s.gap or 0), s.id)
    )[:top]
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
                ids={0, 1},
            )
        )
    if result.staff.warnings:
        views[-1].notes.extend(
            warning_line(message(text, lang), lang) for text in result.staff.warnings
        )

    def csv_word(column: str, value: Any) -> Any:
        if column == "item":
            return word(rules, "item", value, "zh")
        return value

    return Report(
        data,
        data["sites"] if sites is not None else data["lines"],
        views,
        sheets=lambda: xl.budget_sheets(result, rules, lang, sites),
        lang=lang,
        csv_word=csv_word,
        csv_headers=SITE_HEADERS_ZH,
    )
