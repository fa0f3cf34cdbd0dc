"""`swplan awards` -> `Report`: the exam awards due, their sum by exam, and the passes
that earn nothing now with the reason why (JSON, CSV, tables, and a workbook)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..calc.awards import Award, AwardsResult
from ..identity import shown_id
from ..messages import msg
from ..money import fmt_money
from ..render_view import Report, View
from ..rules import Rules
from ..workbook import Chart, Column, Sheet
from .award_reasons import award_reason, condition_notes, scheme_word
from .common import (
    document_title,
    header,
    int_column,
    money_column,
    sentence,
    text_column,
    warning_line,
)
from .labels import LABELS, label
from .vocab import rules_name, word


def award_json(a: Award, reason: str) -> dict[str, Any]:
    return {
        "worker_id": shown_id(a.worker_id),
        "exam": a.exam,
        "passed_on": a.passed_on.isoformat(),
        "scheme": a.scheme,
        "status": a.status,
        "amount": fmt_money(a.amount),
        "reason": reason or None,
        "capped": a.capped,
    }


def _status(rules: Rules, status: str, lang: str) -> str:
    """`already paid` / 已发放 (the rules may label a status in Chinese)."""
    return word(rules, "status", status, lang) if lang == "zh" else label(status, lang)


# --------------------------------------------------------------------------- report


def awards_report(result: AwardsResult, rules: Rules, lang: str) -> Report:
    data = header("awards", rules, result.as_of)
    data["awards"] = [award_json(a, award_reason(a, result, lang, rules)) for a in result.awards]
    data["totals"] = {"due": fmt_money(result.due), "count_due": result.count_due}
    data["warnings"] = [str(w) for w in result.warnings]
    return Report(
        data,
        data["awards"],
        # built only for a table or Markdown: a national JSON report never holds them
        lambda: _views(result, rules, lang),
        sheets=lambda: awards_sheets(result, rules, lang),
        lang=lang,
        csv_word=_csv_word(rules),
    )


def _views(result: AwardsResult, rules: Rules, lang: str) -> list[View]:
    """The tables: the awards due, by exam, by scheme, and those not due; the warnings
    under the last."""
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
    if result.named_schemes and result.count_due:
        views.append(_by_scheme_view(result, rules, lang))
    other = [a for a in result.awards if a.status != "due"]
    if other:
        scheme = _scheme_cells(result, rules, lang)
        views.append(
            View(
                title=label("awards_not_due", lang),
                columns=[
                    label(k, lang) for k in ("worker", "person", "exam", *scheme.keys, "passed_on")
                ]
                + [label(k, lang) for k in ("status", "reason")],
                rows=[
                    [
                        shown_id(a.worker_id),
                        a.name or "",
                        word(rules, "exam", a.exam, lang),
                        *scheme(a),
                        a.passed_on.isoformat(),
                        _status(rules, a.status, lang),
                        award_reason(a, result, lang, rules),
                    ]
                    for a in other
                ],
                totals=[total, str(len(other)), "", *("" for _ in scheme.keys), "", "", ""],
                ids={0, 1},
            )
        )
    views[-1].notes.extend(warning_line(w, lang) for w in result.warnings)
    return views


class _SchemeCells:
    """The scheme column of a table, when the rules name schemes (else no column)."""

    def __init__(self, shown: bool, rules: Rules, lang: str) -> None:
        self.shown = shown
        self.rules = rules
        self.lang = lang
        self.keys: tuple[str, ...] = ("scheme",) if shown else ()
        self.blank: list[Any] = [None] if shown else []

    def __call__(self, a: Award) -> list[str]:
        return [scheme_word(self.rules, a.scheme, self.lang)] if self.shown else []


def _scheme_cells(result: AwardsResult, rules: Rules, lang: str) -> _SchemeCells:
    return _SchemeCells(result.named_schemes, rules, lang)


def _by_scheme_view(result: AwardsResult, rules: Rules, lang: str) -> View:
    """The due awards per scheme, with its funder."""
    return View(
        title=label("awards_by_scheme", lang),
        columns=[label(k, lang) for k in ("scheme", "funder", "count", "amount")],
        rows=[
            [
                scheme_word(rules, t.scheme, lang),
                word(rules, "source", t.funder, lang) if t.funder else "",
                str(t.count),
                fmt_money(t.amount),
            ]
            for t in result.by_scheme
        ],
        totals=[label("total", lang), "", str(result.count_due), fmt_money(result.due)],
        numeric={2, 3},
        money={3},
    )


def _title(result: AwardsResult, rules: Rules, lang: str) -> str:
    return sentence(
        "awards.title", lang, rules=rules_name(rules, lang), as_of=result.as_of.isoformat()
    )


def _scheme_notes(result: AwardsResult, rules: Rules, lang: str) -> list[str]:
    """Each scheme's upgrade, window and conditions (named by the scheme when the rules
    have several), and the caps that cut an award."""
    due = result.due_awards
    notes = []
    if any(a.deducted for a in due):
        notes.append(sentence("awards.top_up_note", lang))
    for name, config in result.schemes.items():
        if any(a.capped and a.scheme == name for a in due):
            cap = fmt_money(config.cap_per_worker or Decimal(0))
            notes.append(_of_scheme(result, rules, name, lang, "awards.capped_note", cap=cap))
    for name, config in result.schemes.items():
        days = config.claim_window_days
        window = (
            sentence("awards.window_days", lang, days=days)
            if days is not None
            else sentence("awards.no_window", lang)
        )
        upgrade = f"upgrade.{config.upgrade}"
        shown = label(upgrade, lang) if upgrade in LABELS else config.upgrade
        notes.append(
            _of_scheme(
                result, rules, name, lang, "awards.upgrade_note", upgrade=shown, window=window
            )
        )
        notes += [
            _named(result, rules, name, lang, note) for note in condition_notes(config, rules, lang)
        ]
    return notes


def _of_scheme(
    result: AwardsResult, rules: Rules, name: str, lang: str, key: str, **values: Any
) -> str:
    return _named(result, rules, name, lang, sentence(key, lang, **values))


def _named(result: AwardsResult, rules: Rules, name: str, lang: str, note: str) -> str:
    """`city: ...` for a note of one of several schemes; the note itself otherwise."""
    if not result.named_schemes:
        return note
    scheme = scheme_word(rules, name, lang)
    return msg("schemes.scheme_note", scheme=scheme, note=note).text(lang)


def _due_view(result: AwardsResult, rules: Rules, lang: str) -> View:
    """The awards due (a top-up shows what it deducts, a capped award a `*`), the notes
    on how they were reached and the conditions in force."""
    due = result.due_awards
    scheme = _scheme_cells(result, rules, lang)
    rows = [
        [
            shown_id(a.worker_id),
            a.name or "",
            word(rules, "exam", a.exam, lang),
            *scheme(a),
            a.passed_on.isoformat(),
            fmt_money(a.award),
            fmt_money(a.deducted) if a.deducted else "",
            fmt_money(a.amount) + (" *" if a.capped else ""),
        ]
        for a in due
    ]
    keys = ("worker", "person", "exam", *scheme.keys, "passed_on", "award", "less_paid", "amount")
    money = {len(keys) - 3, len(keys) - 2, len(keys) - 1}
    return View(
        title=_title(result, rules, lang),
        columns=[label(k, lang) for k in keys],
        rows=rows,
        totals=[
            label("total", lang),
            str(result.count_due),
            "",
            *("" for _ in scheme.keys),
            "",
            "",
            "",
            fmt_money(result.due),
        ],
        numeric=money,
        money=money,
        ids={0, 1},
        notes=_scheme_notes(result, rules, lang),
    )


def _csv_word(rules: Rules) -> Callable[[str, Any], Any]:
    """zh CSV cells: exams, schemes and statuses by their labels, 是/否 for true/false."""

    def csv_word(column: str, value: Any) -> Any:
        if column == "exam":
            return word(rules, "exam", value, "zh")
        if column == "status":
            return word(rules, "status", value, "zh")
        if column == "scheme" and value is not None:
            return word(rules, "scheme", value, "zh")
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
    scheme = _scheme_cells(result, rules, lang)
    head = [
        text_column("worker", lang),
        text_column("person", lang),
        text_column("site", lang),
        text_column("exam", lang),
        *(text_column(k, lang) for k in scheme.keys),
        Column(label("passed_on", lang), "date"),
    ]
    due = Sheet(
        name=label("sheet.due", lang),
        title=title("awards_due"),
        columns=[*head, *(money_column(k, lang) for k in ("award", "less_paid", "amount"))],
        rows=[
            [
                shown_id(a.worker_id),
                a.name,
                a.site,
                exam(a.exam),
                *scheme(a),
                a.passed_on,
                a.award,
                a.deducted,
                a.amount,
            ]
            for a in result.due_awards
        ],
        totals=[total, None, None, None, *scheme.blank, None, None, None, result.due],
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
                shown_id(a.worker_id),
                a.name,
                a.site,
                exam(a.exam),
                *scheme(a),
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
            *scheme.blank,
            None,
            None,
            None,
            None,
            sum((a.amount for a in other), Decimal(0)),
        ],
        notes=[warning_line(w, lang) for w in result.warnings],
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
    sheets = [due, not_due, by_exam]
    if result.named_schemes:
        sheets.append(
            Sheet(
                name=label("sheet.by_scheme", lang),
                title=label("awards_by_scheme", lang),
                columns=[
                    text_column("scheme", lang),
                    text_column("funder", lang),
                    int_column("count", lang),
                    money_column("amount", lang),
                ],
                rows=[
                    [
                        scheme_word(rules, t.scheme, lang),
                        word(rules, "source", t.funder, lang) if t.funder else None,
                        t.count,
                        t.amount,
                    ]
                    for t in result.by_scheme
                ],
                totals=[total, None, result.count_due, result.due],
            )
        )
    return sheets
