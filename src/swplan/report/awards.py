"""`swplan awards` -> `Report`: the exam awards due, their sum by exam, and the passes
that earn nothing now with the reason why (JSON, CSV, tables, and a workbook)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..calc.awards import Award, AwardsResult, Failed
from ..messages import Clauses
from ..money import fmt_money
from ..render_view import Report, View
from ..rules import Rules
from ..workbook import Chart, Column, Sheet
from .common import document_title, header, int_column, money_column, sentence, text_column
from .labels import LABELS, label
from .vocab import rules_name, word


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


def _word_of(rules: Rules, vocabulary: str, value: str, lang: str) -> str:
    """A rules word as shown in `lang`: its Chinese label, or the word itself in English."""
    return rules.label_of(vocabulary, value, lang) if lang == "zh" else value


def _status(rules: Rules, status: str, lang: str) -> str:
    """`already paid` / 已发放 (the rules may label a status in Chinese)."""
    return word(rules, "status", status, lang) if lang == "zh" else label(status, lang)


# --------------------------------------------------------------------------- reasons


def _service_source(source: str, lang: str) -> str:
    """Where a worker's service months were counted from: `hired 2020-01-01`, or the
    `years_of_service` given."""
    kind, _, value = source.partition(" ")
    key = {"hired": "awards.source_hired", "years_of_service": "awards.source_years"}.get(kind)
    return sentence(key, lang, value=value) if key else source


def _failed_reason(f: Failed, rules: Rules, lang: str) -> str:
    """One eligibility condition not met, with the worker's value."""
    if f.condition == "min_service_months":
        return sentence(
            "awards.failed_service",
            lang,
            value=f.value,
            source=_service_source(f.source, lang),
            required=f.required,
        )
    if f.condition == "min_performance":
        return sentence(
            "awards.failed_performance",
            lang,
            value=_word_of(rules, "performance", f.value, lang),
            default=sentence("awards.default_performance_used", lang) if f.source else "",
            required=_word_of(rules, "performance", f.required, lang),
        )
    return sentence(
        "awards.failed_employment",
        lang,
        value=_word_of(rules, "employment", f.value, lang),
        default=sentence("awards.default_employment_used", lang) if f.source else "",
    )


def _award_condition_notes(rules: Rules, lang: str) -> list[str]:
    """The §13 conditions in force, one note each (none under version-1 rules)."""
    config = rules.awards
    e = config.eligibility
    notes = []
    if e.min_service_months is not None:
        notes.append(sentence("awards.min_service_note", lang, months=e.min_service_months))
    if e.min_performance is not None:
        rating = _word_of(rules, "performance", e.min_performance, lang)
        notes.append(sentence("awards.min_performance_note", lang, rating=rating))
    if e.exclude_employment:
        kinds = ", ".join(_word_of(rules, "employment", k, lang) for k in e.exclude_employment)
        notes.append(sentence("awards.exclude_employment_note", lang, kinds=kinds))
    if config.claim_deadline is not None:
        d = config.claim_deadline
        notes.append(sentence("awards.claim_deadline_note", lang, month=d.month, day=d.day))
    if config.cap_per_worker is not None:
        notes.append(sentence("awards.cap_note", lang, cap=fmt_money(config.cap_per_worker)))
    return notes


def award_reason(a: Award, result: AwardsResult, lang: str, rules: Rules | None = None) -> str:
    """Why a pass earns nothing now: `paid 1000.00 on 2025-12-01`, `passed 400 days ago, window 365`.

    Empty for a due award.
    """
    if a.status == "ineligible" and rules is not None:
        return Clauses(*(_failed_reason(f, rules, lang) for f in a.failed)).text(lang)
    if a.status == "capped":
        cap = fmt_money(result.cap_per_worker or Decimal(0))
        return sentence("awards.capped_reason", lang, cap=cap, before=fmt_money(a.paid_before))
    window = result.claim_window_days
    if a.status == "expired" and a.deadline is not None and (window is None or a.days <= window):
        return sentence(
            "awards.deadline_reason", lang, year=a.passed_on.year, deadline=a.deadline.isoformat()
        )
    if a.status == "already_paid":
        return "; ".join(
            sentence("awards.paid_on", lang, amount=fmt_money(r.amount), on=r.paid_on.isoformat())
            for r in a.paid
        )
    if a.status == "duplicate":
        return _duplicate_reason(a, lang)
    if a.status == "expired":
        return sentence("awards.expired_reason", lang, days=a.days, window=window)
    return ""


def _duplicate_reason(a: Award, lang: str) -> str:
    """`repeats the pass of 2025-03-01 at passes.csv:4; paid once`."""
    first = a.first
    when = first.passed_on.isoformat() if first is not None else ""
    o = first.origin if first is not None else None
    place = (f"{o.file}:{o.where}" if o.where else o.file) if o is not None else ""
    return (
        sentence("awards.repeats", lang, when=when)
        + (sentence("awards.repeats_at", lang, place=place) if place else "")
        + sentence("awards.paid_once", lang)
    )


# --------------------------------------------------------------------------- report


def awards_report(result: AwardsResult, rules: Rules, lang: str) -> Report:
    data = header("awards", rules, result.as_of)
    data["awards"] = [award_json(a, award_reason(a, result, lang, rules)) for a in result.awards]
    data["totals"] = {"due": fmt_money(result.due), "count_due": result.count_due}
    views = [_due_view(result, rules, lang)]
    total = label("total", lang)
    if result.by_exam:
        views.append(
            View(
                title=label("awards_by_exam", lang),
                columns=[label(k, lang) for k in ("exam", "count", "amount")],
                rows=[
                    [word(rules, "exam", t.exam, lang), str(t.count), fmt_money(t.amount)]
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
                        word(rules, "exam", a.exam, lang),
                        a.passed_on.isoformat(),
                        _status(rules, a.status, lang),
                        award_reason(a, result, lang, rules),
                    ]
                    for a in other
                ],
                totals=[total, str(len(other)), "", "", "", ""],
                ids={0, 1},
            )
        )
    return Report(
        data,
        data["awards"],
        views,
        sheets=lambda: awards_sheets(result, rules, lang),
        lang=lang,
        csv_word=_csv_word(rules),
    )


def _title(result: AwardsResult, rules: Rules, lang: str) -> str:
    return sentence(
        "awards.title", lang, rules=rules_name(rules, lang), as_of=result.as_of.isoformat()
    )


def _due_view(result: AwardsResult, rules: Rules, lang: str) -> View:
    """The awards due (a top-up shows what it deducts, a capped award a `*`), the notes
    on how they were reached and the conditions in force."""
    due = result.due_awards
    rows = [
        [
            a.worker_id,
            a.name or "",
            word(rules, "exam", a.exam, lang),
            a.passed_on.isoformat(),
            fmt_money(a.award),
            fmt_money(a.deducted) if a.deducted else "",
            fmt_money(a.amount) + (" *" if a.capped else ""),
        ]
        for a in due
    ]
    notes = []
    if any(a.deducted for a in due):
        notes.append(sentence("awards.top_up_note", lang))
    if any(a.capped for a in due):
        cap = fmt_money(result.cap_per_worker or Decimal(0))
        notes.append(sentence("awards.capped_note", lang, cap=cap))
    days = result.claim_window_days
    window = (
        sentence("awards.window_days", lang, days=days)
        if days is not None
        else sentence("awards.no_window", lang)
    )
    upgrade = f"upgrade.{result.upgrade}"
    shown = label(upgrade, lang) if upgrade in LABELS else result.upgrade
    notes.append(sentence("awards.upgrade_note", lang, upgrade=shown, window=window))
    notes += _award_condition_notes(rules, lang)
    keys = ("worker", "person", "exam", "passed_on", "award", "less_paid", "amount")
    return View(
        title=_title(result, rules, lang),
        columns=[label(k, lang) for k in keys],
        rows=rows,
        totals=[label("total", lang), str(result.count_due), "", "", "", "", fmt_money(result.due)],
        numeric={4, 5, 6},
        money={4, 5, 6},
        ids={0, 1},
        notes=notes,
    )


def _csv_word(rules: Rules) -> Callable[[str, Any], Any]:
    """zh CSV cells: exams and statuses by their labels, 是/否 for true/false."""

    def csv_word(column: str, value: Any) -> Any:
        if column == "exam":
            return word(rules, "exam", value, "zh")
        if column == "status":
            return word(rules, "status", value, "zh")
        if isinstance(value, bool):
            return label("yes" if value else "no", "zh")
        return value

    return csv_word


# --------------------------------------------------------------------------- xlsx


def awards_sheets(result: AwardsResult, rules: Rules, lang: str) -> list[Sheet]:
    """The awards due, the passes not due with their reasons (each worker with their
    site), the sums by exam; each sheet ends with the signature block."""

    def exam(key: str) -> str:
        return word(rules, "exam", key, lang)

    def title(key: str) -> str:
        return document_title(key, lang, as_of=result.as_of.isoformat())

    total = label("total", lang)
    head = [
        text_column("worker", lang),
        text_column("person", lang),
        text_column("site", lang),
        text_column("exam", lang),
        Column(label("passed_on", lang), "date"),
    ]
    due = Sheet(
        name=label("sheet.due", lang),
        title=title("awards_due"),
        columns=[*head, *(money_column(k, lang) for k in ("award", "less_paid", "amount"))],
        rows=[
            [a.worker_id, a.name, a.site, exam(a.exam), a.passed_on, a.award, a.deducted, a.amount]
            for a in result.due_awards
        ],
        totals=[total, None, None, None, None, None, None, result.due],
        unit="yuan",
        signature=True,
    )
    other = [a for a in result.awards if a.status != "due"]
    not_due = Sheet(
        name=label("sheet.not_due", lang),
        title=title("awards_not_due"),
        columns=[
            *head,
            text_column("status", lang),
            text_column("reason", lang),
            money_column("amount", lang),
        ],
        rows=[
            [
                a.worker_id,
                a.name,
                a.site,
                exam(a.exam),
                a.passed_on,
                _status(rules, a.status, lang),
                award_reason(a, result, lang, rules),
                a.amount,
            ]
            for a in other
        ],
        totals=[
            total,
            sentence("awards.passes_count", lang, count=len(other)),
            None,
            None,
            None,
            None,
            None,
            sum((a.amount for a in other), Decimal(0)),
        ],
        unit="yuan",
        signature=True,
    )
    by_exam = Sheet(
        name=label("sheet.by_exam", lang),
        title=title("awards_by_exam"),
        columns=[
            text_column("exam", lang),
            int_column("count", lang),
            money_column("amount", lang),
        ],
        rows=[[exam(t.exam), t.count, t.amount] for t in result.by_exam],
        totals=[total, result.count_due, result.due],
        chart=Chart(title=sentence("awards.chart_by_exam", lang), categories=0, series=[2]),
        unit="people_yuan",
        signature=True,
    )
    return [due, not_due, by_exam]
