"""`swplan pay --explain ID` -> `Report`: one worker's pay and how each figure was
reached, as lines of text (the sentences of the catalogue, `reports.explain.*`), with
the worker's pay row for JSON and CSV and a workbook sheet of the lines."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, Required, TypedDict, Unpack

from ..calc.pay import MONEY_FIELDS, PayCalculator, PayFigures, PayMonth, PayResult, WorkerPay
from ..errors import InputError, Problem
from ..messages import Clauses, Words, msg
from ..money import fmt_money, fmt_number
from ..render_view import Report, View
from ..rules import Rules
from ..workbook import Column, Sheet
from ..workbook import display_width as _width  # CJK characters take two columns
from .common import header, sentence
from .labels import COMPONENT_BY, EXPLAIN_KEYS_ZH, MONTH_COLUMNS, label
from .pay import PAY_HEADERS_ZH, pay_csv_word, pay_row_json, pay_totals_json
from .vocab import rules_name, word


class ExplainFrom(TypedDict, total=False):
    """Where the explained worker is looked for, and how the lines are shown."""

    source: Required[str]  # the roster's file name, for an unknown id's message
    markdown: bool  # Markdown: the lines in a code block, which keeps their alignment
    ids: Iterable[str] | None  # the roster's ids in file order (a streamed roster)


def explain_report(
    result: PayResult, worker_id: str, rules: Rules, lang: str, **where: Unpack[ExplainFrom]
) -> Report:
    """One worker's pay and how each figure was reached (`swplan pay --explain ID`).

    JSON and CSV carry the worker's row (its `breakdown` holds the same facts as the
    text); totals are that worker's own figures. `ids` are the roster's ids in file
    order, when `result` holds only some of its workers (a streamed roster): an
    unknown id is looked for among those.
    """
    row = next((w for w in result.workers if w.id == worker_id), None)
    if row is None:
        ids = where.get("ids")
        known = [w.id for w in result.workers] if ids is None else list(ids)
        problem = unknown_worker(worker_id, known, where["source"])
        raise InputError([Problem("--explain", "", "", problem)])
    day = result.shown_day()
    shown = rules.in_force(day)
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
    item["breakdown"] = {**extra, **item["breakdown"]}
    if row.figures.months:
        item["months"] = [_month_json(pm) for pm in row.figures.months]
    data["workers"] = [item]
    data["totals"] = pay_totals_json(dict(zip(MONEY_FIELDS, row.figures.money(), strict=True)), 1)
    if where.get("markdown"):  # keep the alignment: a code block, not a list
        view = View(title=lines[0], columns=[], rows=[], headline=["```text", *lines[1:], "```"])
    else:
        view = View(title=lines[0], columns=[], rows=[], notes=lines[1:])
    return Report(
        data,
        data["workers"],
        [view],
        sheets=lambda: explain_sheets(lines, lang),
        lang=lang,
        csv_word=pay_csv_word(rules),
        csv_headers=PAY_HEADERS_ZH,
    )


def explain_sheets(lines: list[str], lang: str) -> list[Sheet]:
    """One sheet: the title line over a line per row, each on one line (a page wide)."""
    return [
        Sheet(
            name=label("sheet.notes", lang),
            title=lines[0],
            columns=[Column(label("sheet.notes", lang), "text", widest=120)],
            rows=[[line] for line in lines[1:]],
        )
    ]


def unknown_worker(worker_id: str, ids: list[str], source: str) -> Clauses:
    """`no worker with id 'W01' in roster.yaml; 'W01' is not one of: ... (did you mean
    'W001'?)`; past 20 ids, the closest three and where to look."""
    if len(ids) <= 20:
        close = difflib.get_close_matches(worker_id, ids, n=1, cutoff=0.6)
        return Clauses(
            msg("reports.explain.no_worker", id=worker_id, source=source),
            msg(
                "reports.explain.not_one_of",
                value=worker_id,
                allowed=Words(ids) if ids else msg("reports.explain.none_defined"),
                hint=msg("hint.did_you_mean", hint=close[0]) if close else "",
            ),
        )
    close = difflib.get_close_matches(worker_id, ids, n=3, cutoff=0.6)
    missing = msg(
        "reports.explain.no_worker_close" if close else "reports.explain.no_worker",
        id=worker_id,
        source=source,
        hints=", ".join(repr(c) for c in close),
    )
    return Clauses(missing, msg("reports.explain.give_an_id"))


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
    }


# --------------------------------------------------------------------------- zh


def zh_explain(lines: list[str], rules: Rules) -> list[str]:
    """`--explain` under zh: the rules' words by their Chinese labels, no English key paths.

    The lines name vocabulary words by key (they are the rules' facts); a Chinese reader
    gets each word's label, and the key paths into the rules file are left out.
    """
    names: dict[str, str] = dict(EXPLAIN_KEYS_ZH)
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


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


# --------------------------------------------------------------------------- lines


def explain_lines(
    w: WorkerPay, rules: Rules, as_of: dt.date, lang: str = "en", year: int | None = None
) -> Iterator[str]:
    """How every figure of one worker was reached, in plain lines (the first is a title).

    `rules` are those in force on `as_of`; with `year`, the figures are December's
    and the twelve months follow.
    """
    return _Explained(w, rules, as_of, lang, year).lines()


class _Explained:
    """The lines of one worker's explanation: a method per part of the pay."""

    def __init__(
        self, w: WorkerPay, rules: Rules, as_of: dt.date, lang: str, year: int | None
    ) -> None:
        self.w = w
        self.f = w.figures
        self.rules = rules
        self.pay = rules.pay
        self.as_of = as_of
        self.lang = lang
        self.year = year or as_of.year
        self.paid_as = self.f.pay_post or self.f.post  # the post that pays

    def say(self, key: str, /, **values: Any) -> str:
        """The line `reports.explain.<key>` in the run's language."""
        return sentence(f"explain.{key}", self.lang, **values)

    def lines(self) -> Iterator[str]:
        f, w = self.f, self.w
        who = f"{w.id} {w.name}" if w.name else w.id
        yield self.say("head", id=who, as_of=self.as_of.isoformat(), rules=self.rules.name)
        if f.months and all(pm.figures is None for pm in f.months):
            # paid no month of the year: only the months say why
            yield from self.year_lines("year_head_alone")
            return
        yield from self.years_lines()
        s = self.pay.steps
        if s is not None and f.step is not None:
            limits = {"first": s.first, "every": s.every_years, "max": s.max}
            yield "  " + self.say("step", step=f.step, years=f.years, **limits)
        if f.pay_post is not None:
            yield "  " + self.say("pay_post", paid=f.pay_post, education=f.education, post=f.post)
        if f.grade is not None:
            yield from self.points_lines()
            yield from self.grade_lines()
        yield from self.gross_lines()
        yield from self.contribution_lines()
        yield from self.annual_lines()

    def years_lines(self) -> Iterator[str]:
        """Where the years of service came from."""
        w, f, day = self.w, self.f, self.as_of
        service = self.pay.service
        base = PayCalculator(self.rules).base_years(w.hired, w.years_given, day)
        extra = service.education_years.get(f.education, 0)
        counted_from = service.counted_from
        if w.hired is None:
            source = self.say("src_given")
        elif counted_from is not None and counted_from > w.hired:
            source = self.say(
                "src_counted",
                counted_from=counted_from.isoformat(),
                hired=w.hired.isoformat(),
                as_of=day.isoformat(),
            )
        else:
            source = self.say("src_hired", hired=w.hired.isoformat(), as_of=day.isoformat())
        if not extra and not w.not_counted:
            yield "  " + self.say("years_line", years=f.years, source=source)
            return
        parts = f"{base} ({source})"
        if extra:
            parts += " + " + self.say("years_education", years=extra, education=f.education)
        if w.not_counted:
            parts += " - " + self.say("years_not_counted", years=w.not_counted)
        floor = self.say("years_floor") if base + extra - w.not_counted < 0 else ""
        yield "  " + self.say("years_sum", parts=parts, years=f.years) + floor

    def points_lines(self) -> Iterator[str]:
        """The points of each factor and their sum (only where the rules have grades)."""
        f, lang, paid_as = self.f, self.lang, self.paid_as
        p = f.points_by_factor
        per_year = self.pay.points.years_of_service
        yield "  " + self.say("points")
        rating = f.performance + (self.say("default") if f.performance_default else "")
        years_rule = self.say(
            "years_rule",
            years=f.years,
            per_year=fmt_number(per_year.per_year),
            max=fmt_number(per_year.max),
        )
        post_source = f"pay.posts.{paid_as}.points" if paid_as else self.say("no_post")
        factors = [
            ("education", f.education, p["education"], f"pay.points.education.{f.education}"),
            ("title", f.title, p["title"], f"pay.points.title.{f.title}"),
            ("performance", rating, p["performance"], f"pay.points.performance.{f.performance}"),
            ("post", paid_as or "-", p["post"], post_source),
            ("years", years_rule, p["years_of_service"], "pay.points.years_of_service"),
        ]
        width = max(_width(label(key, lang)) for key, *_ in factors) + 2
        for key, value, points, source in factors:
            yield (
                f"    {_pad(label(key, lang), width)}{_pad(value, 30)} "
                f"{fmt_number(points):>6}   {source}"
            )
        yield f"    {_pad(label('total', lang), width)}{'':<30} {fmt_number(f.points):>6}"

    def grade_lines(self) -> Iterator[str]:
        """The grade the points give, what the post makes of it, and its monthly base."""
        f, paid_as = self.f, self.paid_as
        assert f.grade_by_points is not None and f.grade_min_points is not None
        yield "  " + self.say(
            "below" if f.below_lowest_grade else "by_points",
            grade=f.grade_by_points,
            points=fmt_number(f.points),
            min=fmt_number(f.grade_min_points),
        )
        post_rule = self.pay.posts.get(paid_as) if paid_as else None
        if f.post_bound:
            yield "  " + self.say("held", grade=f.grade, post=paid_as, bound=f.post_bound)
        elif post_rule is not None and (
            post_rule.min_grade is not None or post_rule.max_grade is not None
        ):
            lo = post_rule.min_grade if post_rule.min_grade is not None else self.say("any")
            hi = post_rule.max_grade if post_rule.max_grade is not None else self.say("any")
            template = "fixed" if lo == hi else "within"
            yield "  " + self.say(template, post=paid_as, lo=lo, hi=hi, grade=f.grade)
        yield "  " + self.say("base", grade=f.grade, amount=fmt_money(f.monthly_base))

    def gross_lines(self) -> Iterator[str]:
        """The pay components (or base and allowance) and the monthly gross."""
        pay, f, m = self.pay, self.f, fmt_money
        by_words = COMPONENT_BY.get(self.lang, {})
        for cid, comp in pay.components.items():
            yield "  " + self.say(
                "component",
                id=cid,
                by=by_words.get(comp.by, comp.by),
                key=f.component_keys[cid] or "-",
                amount=m(f.components[cid]),
            )
            if comp.per_year is not None:
                counted = f.years if comp.max_years is None else min(f.years, comp.max_years)
                yield "    " + self.say(
                    "per_year", id=cid, per_year=m(comp.per_year), years=counted
                )
        allowance = pay.allowances.title.get(f.title)
        if not pay.components:
            yield "  " + self.say("allowance", title=f.title, amount=m(f.monthly_allowance))
            yield "  " + self.say(
                "gross",
                base=m(f.monthly_base),
                allowance=m(f.monthly_allowance),
                gross=m(f.monthly_gross),
            )
            return
        parts = [m(v) for v in f.components.values()]
        if allowance is not None:
            yield "  " + self.say("allowance", title=f.title, amount=m(allowance))
            parts.append(m(allowance))
        yield "  " + self.say("gross_parts", parts=" + ".join(parts), gross=m(f.monthly_gross))

    def contribution_lines(self) -> Iterator[str]:
        """The contribution base, each item's base and amount, and their monthly sum."""
        f, m = self.f, fmt_money
        contributions = self.pay.contributions
        if not contributions.rates:
            yield "  " + self.say("no_contributions")
        else:
            limits = contributions.base
            yield "  " + self.say(
                {"floor": "cb_floor", "ceiling": "cb_ceiling"}.get(
                    f.contribution_limit or "", "cb_within"
                ),
                base=m(f.contribution_base),
                gross=m(f.monthly_gross),
                floor=m(limits.floor),
                ceiling=m(limits.ceiling),
            )
        for item, own in contributions.items.items():
            if own.base.floor is None and own.base.ceiling is None:
                continue  # only its rounding or label: shown on its line below
            floor, ceiling = contributions.bounds(item)
            yield "    " + self.say(
                "cb_item",
                item=item,
                base=m(f.contribution_bases[item]),
                floor=m(floor),
                ceiling=m(ceiling),
            )
        times = self.say("times")
        name_width = max((len(k) for k in f.contributions), default=0) + 2
        for key, amount in f.contributions.items():
            rate = fmt_number(contributions.rates[key])
            how = contributions.rounding(key)
            note = "" if how == "fen" else "   " + self.say("rounded", round=how)
            yield (
                f"    {key:<{name_width}}{m(f.contribution_bases[key])} {times} {rate:<8} = "
                f"{m(amount):>10}{note}"
            )
        addends = " + ".join(m(a) for a in f.contributions.values()) or m(Decimal(0))
        if contributions.rates:
            yield "  " + self.say(
                "monthly_contributions", sum=addends, amount=m(f.monthly_contributions)
            )

    def annual_lines(self) -> Iterator[str]:
        """The bonus and the annual figures (of the twelve months, with a year)."""
        pay, f, m = self.pay, self.f, fmt_money
        if pay.performance_bonus is not None and f.bonus_months:
            bonus_parts = " + ".join(
                f"{part} {m(f.components.get(part, Decimal(0)))}" for part in pay.bonus_of()
            )
            yield "  " + self.say("bonus_of", parts=bonus_parts, amount=m(f.bonus_month))
        if not f.months:
            yield "  " + self.say(
                "salary",
                gross=m(f.monthly_gross),
                months=pay.months_per_year,
                amount=m(f.annual_salary),
            )
        yield "  " + self.say(
            "bonus",
            base=m(f.bonus_month),
            months=fmt_number(f.bonus_months),
            unit=self.say("month" if f.bonus_months == 1 else "months"),
            rating=f.performance,
            amount=m(f.annual_bonus if not f.months else _december_bonus(f)),
        )
        if f.months:
            yield from self.year_lines()
            return
        monthly, annual = m(f.monthly_contributions), m(f.annual_contributions)
        yield "  " + self.say("annual_contributions", monthly=monthly, amount=annual)
        yield "  " + self.cost_line()

    def cost_line(self) -> str:
        f, m = self.f, fmt_money
        return self.say(
            "cost",
            salary=m(f.annual_salary),
            bonus=m(f.annual_bonus),
            contributions=m(f.annual_contributions),
            amount=m(f.annual_cost),
        )

    def year_lines(self, head: str = "year_head") -> Iterator[str]:
        """The twelve months of a costed year, then the annual figures from them."""
        w, f, m, year = self.w, self.f, fmt_money, self.year
        yield "  " + self.say(head, year=year)
        cols = MONTH_COLUMNS["zh" if self.lang == "zh" else "en"]
        least = (9, 7, 6, 7, 12, 15)
        widths = [max(low, _width(c) + 2) for c, low in zip(cols, least, strict=True)]
        yield "    " + "".join(
            _pad(c, wd) if i == 0 else " " * max(0, wd - _width(c)) + c
            for i, (c, wd) in enumerate(zip(cols, widths, strict=True))
        )
        for pm in f.months:
            month = f"{year}-{pm.month:02d}"
            g = pm.figures
            if g is None:
                hired = w.hired.isoformat() if w.hired else "-"
                yield f"    {_pad(month, widths[0])}" + self.say("unpaid", hired=hired)
                continue
            cells = [
                str(g.years),
                "-" if g.step is None else str(g.step),
                "-" if g.grade is None else str(g.grade),
                m(g.monthly_gross),
                m(g.monthly_contributions),
            ]
            yield (
                f"    {_pad(month, widths[0])}"
                + "".join(
                    " " * max(0, wd - _width(c)) + c
                    for c, wd in zip(cells, widths[1:], strict=True)
                )
            )
        paid = [pm.figures for pm in f.months if pm.figures is not None]
        if not paid:
            yield "  " + self.say("year_none", year=year)
            return
        total_gross = sum((g.monthly_gross for g in paid), Decimal(0))
        extra_months = self.pay.months_per_year - 12
        extra = ""
        if extra_months:
            extra = self.say("year_extra", extra=extra_months, gross=m(paid[-1].monthly_gross))
        yield "  " + self.say(
            "year_salary",
            paid=len(paid),
            sum=m(total_gross),
            extra=extra,
            amount=m(f.annual_salary),
        )
        yield "  " + self.say(
            "year_contributions", paid=len(paid), amount=m(f.annual_contributions)
        )
        yield "  " + self.cost_line()


def _december_bonus(f: PayFigures) -> Decimal:
    december = f.months[-1].figures if f.months else None
    return december.annual_bonus if december is not None else Decimal(0)
