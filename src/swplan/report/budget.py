"""`swplan budget` -> `Report`: the budget's lines and total with a headline (total,
headcount, cap), each site's budget (`--by site`), the sites with the largest
shortages, and the workbook (lines, sites, shortages, and the assumptions)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from ..calc.budget import BudgetResult, SiteBudget
from ..calc.staffing import SitePosts
from ..messages import Words, msg
from ..money import fmt_money, fmt_share
from ..render_view import Made, Report, View, thousands
from ..rules import Rules
from ..workbook import Cell, Chart, Column, Sheet
from .budget_funding import (
    add_funding_json,
    funding_sheet,
    funding_view,
    items_json,
    items_sheet,
    site_funding_json,
)
from .common import (
    SITE_HEADERS_ZH,
    document_title,
    header,
    int_column,
    money_column,
    sentence,
    text_column,
    warning_line,
)
from .labels import label
from .vocab import rules_name, word
from .vocab import words as vocab_words

SITE_ITEMS = ["current_staff", "new_hires", "awards", "training"]  # a site's budget lines


def personnel_share(result: BudgetResult) -> str:
    """The personnel share as the JSON shows it: four decimals, half-up (`0.9866`)."""
    return fmt_share(result.personnel_share)


def budget_json(
    result: BudgetResult,
    rules: Rules,
    notes: Sequence[str] = (),
    warnings: Sequence[str] = (),
    lang: str = "en",
) -> dict[str, Any]:
    """The budget's JSON; `notes` and `warnings` are always listed, empty when none.
    With `funding` rules, each line and the total say who pays (`by_funder`)."""
    data = header("budget", rules, result.as_of)
    data["schema"] = "swplan.budget/2"  # costed month by month
    data["year"] = result.year
    data["lines"] = [{"item": line.item, "amount": fmt_money(line.amount)} for line in result.lines]
    data["total"] = fmt_money(result.total)
    add_funding_json(data, result)
    data["items"] = items_json(result.items, rules, lang)
    data["personnel_share"] = personnel_share(result)
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


def sites_json(budgets: list[SiteBudget], result: BudgetResult) -> Iterator[dict[str, Any]]:
    """Each site's JSON object (`budget --by site`), with its `by_funder` when the rules
    say who pays: made one at a time, as the report is written."""
    if result.funding is None:
        yield from map(budget_site_json, budgets)
        return
    for budget, found in zip(budgets, result.funding.sites, strict=True):
        site = budget_site_json(budget)
        site["by_funder"] = site_funding_json(found)
        yield site


def _yuan(amount: Decimal) -> str:
    """`707,274.00`: an amount in a sentence, its thousands separated."""
    return thousands(fmt_money(amount))


# --------------------------------------------------------------------------- sentences


def total_line(result: BudgetResult, lang: str) -> str:
    """`Budget 2026: 707,274.00 CNY` (`2026年度预算：707,274.00元`)."""
    return sentence("budget.total_line", lang, year=result.year, total=_yuan(result.total))


def budget_headline(result: BudgetResult, lang: str) -> str:
    """`Budget 2026: 707,274.00 CNY · Headcount 6 → 9 (+3) · no cap given`."""
    if result.cap is None:
        cap = sentence("budget.no_cap", lang)
    elif result.cap_ok:
        cap = sentence("budget.within_cap", lang, cap=_yuan(result.cap))
    else:
        over = _yuan(result.total - result.cap)
        cap = sentence("budget.over_cap", lang, cap=_yuan(result.cap), over=over)
    return sentence(
        "budget.headline",
        lang,
        total_line=total_line(result, lang),
        current=result.current,
        planned=result.planned,
        change=f"{result.planned - result.current:+d}",
        cap=cap,
    )


def _hire_profile(result: BudgetResult, rules: Rules, lang: str) -> str:
    """`bachelor, none, grade 1` (`本科，无，薪级1`), and the step and the first month
    paid where they apply: English names the rules' keys, Chinese their labels."""
    hire = result.new_hire

    def shown(vocab: str, key: str) -> str:
        return word(rules, vocab, key, lang) if lang == "zh" else key

    parts = [shown("education", hire.education), shown("title", hire.title)]
    if hire.grade is not None:
        parts.append(sentence("budget.profile_grade", lang, grade=hire.grade))
    if hire.step is not None:
        parts.append(sentence("budget.profile_step", lang, step=hire.step))
    start = rules.budget.new_hire.start_month
    if start != 1:
        parts.append(sentence("budget.profile_from", lang, month=start))
    return sentence("budget.profile_joiner", lang).join(parts)


def budget_notes(result: BudgetResult, rules: Rules, lang: str) -> list[str]:
    """The personnel share, the headcount, the new hires' cost and the awards due.

    The English notes show amounts as the JSON does; the Chinese ones in yuan with
    their thousands separated."""

    def amount(value: Decimal) -> str:
        return _yuan(value) if lang == "zh" else fmt_money(value)

    share = personnel_share(result)
    return [
        sentence("budget.share_note", lang, share=share, percent=f"{Decimal(share) * 100:.2f}"),
        sentence(
            "budget.headcount_note",
            lang,
            current=result.current,
            shortage=result.shortage,
            planned=result.planned,
        ),
        _new_hires_note(result, rules, lang, amount),
        sentence(
            "budget.awards_note",
            lang,
            count=result.awards.count_due,
            amount=amount(result.awards.due),
        ),
    ]


def _new_hires_note(
    result: BudgetResult, rules: Rules, lang: str, amount: Callable[[Decimal], str]
) -> str:
    """The new hires and what one costs; where pay is by area, per area."""
    profile = _hire_profile(result, rules, lang)
    if result.hires is None or not result.hires.counts:
        cost = amount(result.new_hire.annual_cost)
        return sentence(
            "budget.new_hires_note", lang, count=result.shortage, cost=cost, profile=profile
        )
    by_area = result.hires.by_area
    hires = Words(
        msg(
            "calc.hires_in_area",
            area=word(rules, "area", area, lang) if lang == "zh" else area,
            count=n,
            cost=amount(by_area[area].annual_cost),
        )
        for area, n in result.hires.counts.items()
    )
    return msg("calc.new_hires_by_area", hires=hires, profile=profile).text(lang)


# --------------------------------------------------------------------------- report


def budget_report(
    result: BudgetResult,
    rules: Rules,
    lang: str,
    top: int = 5,
    sites: list[SiteBudget] | None = None,
    *,
    region: str | None = None,
) -> Report:
    """Lines and total; a headline (total, headcount change, cap) and the largest shortages.

    With `sites` (`--by site`), each site's own budget, in the JSON `sites` and a table.
    `region` (the populations') heads the workbook's sheets.
    """
    data = budget_json(result, rules, lang=lang)
    if sites is not None:
        data["sites"] = Made(len(sites), lambda: sites_json(sites, result))
    return Report(
        data,
        data["sites"] if sites is not None else data["lines"],
        # built only for a table or Markdown: a national `--by site` JSON or CSV never
        # holds the 600,000 rows of its table beside its own
        lambda: _views(result, rules, lang, sites, top),
        sheets=lambda: budget_sheets(result, rules, lang, sites, region=region),
        lang=lang,
        csv_word=_csv_word(rules),
        csv_headers=SITE_HEADERS_ZH,
    )


def _views(
    result: BudgetResult, rules: Rules, lang: str, sites: list[SiteBudget] | None, top: int
) -> list[View]:
    """The tables: lines and total, the funders, each site (`--by site`), the largest
    shortages; the warnings under the last."""
    w = vocab_words(rules, lang)
    views = [
        View(
            title=_title(result, rules, lang),
            columns=[label("item", lang), label("amount", lang)],
            rows=[[w("item", line.item), fmt_money(line.amount)] for line in result.lines],
            totals=[label("total", lang), fmt_money(result.total)],
            numeric={1},
            money={1},
            notes=budget_notes(result, rules, lang),
            headline=[budget_headline(result, lang)],
        )
    ]
    if result.funding is not None:
        views.append(funding_view(result, result.funding, rules, lang))
    if sites is not None:
        views.append(_by_site_view(result, sites, lang))
    short = _short_sites(result)[:top]
    if short:
        views.append(
            View(
                title=sentence("budget.largest_shortages", lang),
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
    warnings = [*result.staff.warnings, *result.awards.warnings]
    views[-1].notes.extend(warning_line(w, lang) for w in warnings)
    return views


def _title(result: BudgetResult, rules: Rules, lang: str) -> str:
    return sentence("budget.title", lang, year=result.year, rules=rules_name(rules, lang))


def _short_sites(result: BudgetResult) -> list[SitePosts]:
    """The sites short of posts, the largest shortage first."""
    return sorted(
        (s for s in result.staff.sites if (s.gap or 0) > 0), key=lambda s: (-(s.gap or 0), s.id)
    )


def _by_site_view(result: BudgetResult, sites: list[SiteBudget], lang: str) -> View:
    """Each site's budget; a site the populations do not list is marked `?`."""
    unknown = any(not site.known for site in sites)
    return View(
        title=sentence("budget.by_site_title", lang),
        columns=[label(k, lang) for k in ("site", "name", *SITE_ITEMS, "total")],
        rows=[
            [
                site.id + ("" if site.known else " ?"),
                site.name or "",
                *(fmt_money(getattr(site, k)) for k in SITE_ITEMS),
                fmt_money(site.total),
            ]
            for site in sites
        ],
        totals=[
            label("total", lang),
            "",
            *(fmt_money(line.amount) for line in result.lines),
            fmt_money(result.total),
        ],
        numeric={2, 3, 4, 5, 6},
        money={2, 3, 4, 5, 6},
        ids={0, 1},
        notes=[sentence("budget.unknown_site_note", lang)] if unknown else [],
    )


def _csv_word(rules: Rules) -> Callable[[str, Any], Any]:
    sources = rules.funding.sources if rules.funding is not None else {}

    def csv_word(column: str, value: Any) -> Any:
        if column == "item":
            return word(rules, "item", value, "zh")
        if column == "" and value in sources:  # a part of a header: by_funder.city
            return word(rules, "source", value, "zh")
        return value

    return csv_word


# --------------------------------------------------------------------------- xlsx


def budget_sheets(
    result: BudgetResult,
    rules: Rules,
    lang: str,
    sites: list[SiteBudget] | None,
    *,
    region: str | None = None,
) -> list[Sheet]:
    """The lines (a chart of them), each site's budget, the sites short of posts, and
    the assumptions the budget rests on; each sheet ends with the signature block."""
    w = vocab_words(rules, lang)
    total = label("total", lang)

    def title(key: str) -> str:
        return document_title(key, lang, region, year=result.year)

    sheets = [
        Sheet(
            name=label("sheet.budget", lang),
            title=title("budget"),
            columns=[text_column("item", lang), money_column("amount", lang)],
            rows=[[w("item", line.item), line.amount] for line in result.lines],
            totals=[total, result.total],
            chart=Chart(title=total_line(result, lang), categories=0, series=[1]),
            unit="yuan",
            signature=True,
        )
    ]
    if result.funding is not None:
        sheets.append(funding_sheet(result, result.funding, rules, lang, title("budget_funding")))
    sheets.append(items_sheet(result, rules, lang, title("budget_items")))
    site_column = Column(label("sheet.site_id", lang), "text")
    if sites is not None:
        sheets.append(
            Sheet(
                name=label("sheet.budget_by_site", lang),
                title=title("budget_by_site"),
                columns=[
                    site_column,
                    text_column("name", lang),
                    *(money_column(k, lang) for k in SITE_ITEMS),
                    money_column("total", lang),
                ],
                rows=[[s.id, s.name, *(getattr(s, k) for k in SITE_ITEMS), s.total] for s in sites],
                totals=[total, None, *(line.amount for line in result.lines), result.total],
                chart=Chart(
                    title=sentence("budget.by_site_title", lang),
                    categories=1 if all(s.name for s in sites) else 0,
                    series=[6],
                ),
                unit="yuan",
                signature=True,
            )
        )
    short = _short_sites(result)
    sheets.append(
        Sheet(
            name=label("sheet.sites_short", lang),
            title=title("budget_short"),
            columns=[
                site_column,
                text_column("name", lang),
                *(int_column(k, lang) for k in ("required", "current", "shortage")),
                money_column("new_hires", lang),
            ],
            rows=[
                [s.id, s.name, s.required, s.current, s.gap, result.hire_cost(s.id) * (s.gap or 0)]
                for s in short
            ],
            totals=[
                total,
                None,
                sum(s.required for s in short),
                sum(s.current or 0 for s in short),
                result.shortage,
                result.lines[1].amount,
            ],
            chart=Chart(
                title=sentence("budget.chart_shortage", lang),
                categories=1 if all(s.name for s in short) else 0,
                series=[4],
                y_unit="people",
            ),
            unit="people_yuan",
            signature=True,
        )
    )
    sheets.append(_assumptions_sheet(result, rules, lang, title("budget_assumptions")))
    return sheets


def _assumptions_sheet(result: BudgetResult, rules: Rules, lang: str, title: str) -> Sheet:
    w = vocab_words(rules, lang)
    hire = result.new_hire
    rows: list[list[Any]] = [
        [label("sheet.rules", lang), rules_name(rules, lang)],
        [label("sheet.budget_year", lang), result.year],
        [label("sheet.as_of", lang), result.as_of],
        [label("personnel_share", lang), Cell(Decimal(personnel_share(result)), "percent")],
        [label("current", lang), result.current],
        [label("shortage", lang), result.shortage],
        [label("planned", lang), result.planned],
        [label("sheet.hire_education", lang), w("education", hire.education)],
        [label("sheet.hire_title", lang), w("title", hire.title)],
        [label("sheet.hire_grade", lang), hire.grade],
        [label("sheet.hire_cost", lang), hire.annual_cost],
        [label("sheet.training_per_worker", lang), rules.budget.training_per_worker],
    ]
    for key, rate in rules.pay.contributions.rates.items():
        item = msg("documents.rate_row", item=w("contribution", key)).text(lang)
        rows.append([item, Cell(rate, "percent")])
    if result.cap is not None:
        rows.append([label("cap", lang), result.cap])
    return Sheet(
        name=label("sheet.assumptions", lang),
        title=title,
        columns=[
            Column(label("sheet.item", lang), "text"),
            Column(label("sheet.value", lang), "any"),
        ],
        rows=rows,
        notes=[
            budget_headline(result, lang),
            *budget_notes(result, rules, lang),
            *(warning_line(w, lang) for w in (*result.staff.warnings, *result.awards.warnings)),
        ],
        signature=True,
    )
