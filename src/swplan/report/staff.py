"""`swplan staff` -> `Report`: the posts each site needs (JSON, CSV, a table) and its
workbook (a sheet of sites with a chart of the required posts)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

from ..calc.staffing import SitePosts, StaffResult
from ..messages import Words
from ..money import half_up
from ..render import csv_cell
from ..render_view import Report, View
from ..rules import Rules
from ..workbook import Chart, Column, Sheet
from .common import (
    SITE_HEADERS_ZH,
    document_title,
    header,
    int_column,
    sentence,
    text_column,
    warning_line,
    warnings_json,
    yes_no,
)
from .labels import label
from .vocab import rules_name, word
from .vocab import words as vocab_words


def workload(s: SitePosts) -> str:
    """The site's workload in workers, `3.90`: two decimals, half-up."""
    fte = s.workload_fte
    return _hundredths(fte.numerator, fte.denominator)


@lru_cache(maxsize=1 << 12)
def _hundredths(numerator: int, denominator: int) -> str:
    # a national run has 600,000 sites but a few hundred distinct workloads
    return str(half_up(Fraction(numerator, denominator), 2))


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
        "workload_fte": workload(s),
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
        out["warnings"] = warnings_json(result.warnings)
        return out

    # CSV: the same dedicated.<category> columns on every row, in rules order
    shown = _dedicated_shown(result, rules)
    first = ["id", "name", "kind", "required"]
    rest = ["mixed", "primary", "covers", "workload_fte", "minimum_applied"]
    if result.with_roster:
        rest += ["current", "certified", "gap", "certified_ok"]
    columns = [*first, *(f"dedicated.{c}" for c in shown), *rest]
    return Report(
        data,
        _csv_rows(result, shown),
        lambda: [staff_view(result, rules, lang)],  # built only for table and Markdown
        columns,
        sheets=lambda: staff_sheets(result, rules, lang, region),
        lang=lang,
        csv_word=_csv_word(rules),
        csv_headers=SITE_HEADERS_ZH,
    )


def _dedicated_shown(result: StaffResult, rules: Rules) -> list[str]:
    """The categories any site has dedicated posts for, in rules order."""
    return [c for c in rules.categories if any(c in s.dedicated for s in result.sites)]


def _csv_rows(result: StaffResult, shown: list[str]) -> Iterator[list[Any]]:
    """Final CSV cells, one site at a time."""
    roster = result.with_roster
    for s in result.sites:
        dedicated = s.dedicated
        row: list[Any] = [csv_cell(s.id), csv_cell(s.name), csv_cell(s.kind), s.required]
        row += [dedicated.get(c, 0) for c in shown]
        row += [
            s.mixed,
            csv_cell(s.primary),
            csv_cell(s.covers),
            workload(s),
            "true" if s.minimum_applied else "false",
        ]
        if roster:
            row += [s.current, s.certified, s.gap, "true" if s.certified_ok else "false"]
        yield row


def _csv_word(rules: Rules) -> Callable[[str, Any], Any]:
    """zh CSV cells: categories and site kinds by their labels, 是/否 for true/false."""

    def category(c: str) -> str:
        return rules.label(c, "zh") if c in rules.categories else c

    def csv_word(column: str, value: Any) -> Any:
        if column == "":  # a part of a header: dedicated.<category>
            return category(value)
        if column == "kind":
            return word(rules, "kind", value, "zh") if value else value
        if column in ("primary", "covers") and isinstance(value, str) and value:
            return ";".join(category(c) for c in value.split(";"))
        if value in ("true", "false") and column in ("minimum_applied", "certified_ok"):
            return label("yes" if value == "true" else "no", "zh")
        return value

    return csv_word


# --------------------------------------------------------------------------- table

_KEYS = ["site", "name", "kind", "required", "dedicated", "mixed", "primary", "covers"]


def staff_view(result: StaffResult, rules: Rules, lang: str) -> View:
    """The table of sites, its totals row and its notes."""
    keys = [*_KEYS, "workload_fte"]
    if result.with_roster:
        keys += ["current", "certified", "gap"]
    t = result.totals
    totals = [label("total", lang), "", "", str(t.required), ""]
    totals += [str(sum(s.mixed for s in result.sites)), "", "", ""]
    if result.with_roster:
        totals += [str(t.current), str(t.certified), f"{t.gap:+d}"]
    return View(
        title=sentence("staff.title", lang, rules=rules_name(rules, lang)),
        columns=[label(k, lang) for k in keys],
        rows=[_site_row(s, rules, lang, result.with_roster) for s in result.sites],
        totals=totals,
        numeric={3, 5, 8, 9, 10, 11},
        notes=_notes(result, lang),
        ids={0, 1},
    )


def _site_row(s: SitePosts, rules: Rules, lang: str, with_roster: bool) -> list[str]:
    def category(c: str) -> str:
        return rules.label(c, lang)

    dedicated = [f"{category(c)} {n}" for c, n in s.dedicated.items() if n]
    row = [
        s.id,
        s.name or "",
        word(rules, "kind", s.kind, lang),
        str(s.required) + (" *" if s.minimum_applied else ""),
        Words(dedicated).text(lang) if dedicated else "-",
        str(s.mixed),
        category(s.primary) if s.primary else "-",
        Words([category(c) for c in s.covers]).text(lang) if s.covers else "-",
        workload(s),
    ]
    if with_roster:
        row += [
            str(s.current),
            str(s.certified) + ("" if s.certified_ok else " !"),
            f"{s.gap:+d}",
        ]
    return row


def _notes(result: StaffResult, lang: str) -> list[str]:
    notes = []
    if any(s.minimum_applied for s in result.sites):
        notes.append(sentence("staff.minimum_applied_note", lang))
    if result.with_roster:
        t = result.totals
        notes.append(
            sentence("staff.shortage_surplus", lang, shortage=t.shortage, surplus=t.surplus)
        )
        low = [
            f"{s.id} ({s.certified}/{s.minimum_certified})"
            for s in result.sites
            if not s.certified_ok
        ]
        if low:
            notes.append(sentence("staff.certified_below", lang, sites=Words(low)))
    notes += [warning_line(w, lang) for w in result.warnings]
    return notes


# --------------------------------------------------------------------------- xlsx


def staff_sheets(
    result: StaffResult, rules: Rules, lang: str, region: str | None = None
) -> list[Sheet]:
    """One sheet: the sites, a totals row, a chart of required posts (and current staff)."""
    w = vocab_words(rules, lang)
    shown = _dedicated_shown(result, rules)
    roster = result.with_roster
    columns = [
        Column(label("sheet.site_id", lang), "text"),
        text_column("name", lang),
        text_column("kind", lang),
        int_column("required", lang),
        *(
            Column(sentence("staff.dedicated_column", lang, category=rules.label(c, lang)), "int")
            for c in shown
        ),
        int_column("mixed", lang),
        text_column("primary", lang),
        text_column("covers", lang),
        Column(label("workload_fte", lang), "number"),
        text_column("minimum_applied", lang),
    ]
    if roster:
        columns += [
            int_column("current", lang),
            int_column("certified", lang),
            int_column("gap", lang),
            Column(label("sheet.certified_ok", lang), "text"),
        ]
    rows: list[list[Any]] = []
    for s in result.sites:
        row: list[Any] = [s.id, s.name, w("kind", s.kind), s.required]
        row += [s.dedicated.get(c, 0) for c in shown]
        row += [
            s.mixed,
            w("category", s.primary) if s.primary else "",
            Words([w("category", c) for c in s.covers]).text(lang) if s.covers else "",
            Decimal(workload(s)),  # the number the JSON shows
            yes_no(s.minimum_applied, lang),
        ]
        if roster:
            row += [s.current, s.certified, s.gap, yes_no(s.certified_ok, lang)]
        rows.append(row)
    t = result.totals
    totals: list[Any] = [label("total", lang), None, None, t.required]
    totals += [sum(s.dedicated.get(c, 0) for s in result.sites) for c in shown]
    totals += [sum(s.mixed for s in result.sites), None, None, None, None]
    if roster:
        totals += [t.current, t.certified, t.gap, None]
    notes = []
    if roster:
        notes.append(
            sentence("staff.shortage_surplus", lang, shortage=t.shortage, surplus=t.surplus)
        )
    notes += [warning_line(w, lang) for w in result.warnings]
    chart = Chart(
        title=sentence("staff.chart_with_roster" if roster else "staff.chart", lang),
        categories=1 if all(s.name for s in result.sites) else 0,
        series=[3, len(columns) - 4] if roster else [3],  # required (and current)
        y_unit="people",
    )
    sheet = Sheet(
        name=label("sheet.sites", lang),
        title=document_title("staff", lang, region, as_of=rules.effective.isoformat()),
        columns=columns,
        rows=rows,
        totals=totals,
        chart=chart,
        notes=notes,
        unit="people",
    )
    return [sheet]
