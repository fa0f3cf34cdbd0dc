"""`swplan pay`: each worker's grade and employer cost; `--explain` one worker's working."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem
from ..messages import msg
from .common import (
    Outcome,
    judged_day,
    load_rules_opt,
    option_date,
    option_year,
    warning_lines,
)

if TYPE_CHECKING:
    from ..calc.costing import RosterCosting, SiteSums, Tally
    from ..render_view import Report
    from ..rules import Rules


def pay(
    *,
    roster: Path,
    rules: Path | None,
    as_of: str | None,
    explain: str | None,
    by: str | None,
    fmt: str,
    lang: str,
    year: str | None = None,
) -> Outcome:
    from ..calc.costing import RosterCosting

    r = load_rules_opt(rules)
    when = option_date(as_of, "--as-of")
    costed_year = option_year(year)
    if when is not None and costed_year is not None:
        raise InputError([Problem("--year", "", "", msg("pay.year_and_as_of"))])
    if explain is not None and by is not None:
        raise InputError([Problem("--explain", "", "", msg("pay.explain_by"))])
    said: list[Any] = []
    if costed_year is None:  # without --year, one day's run rate: --as-of, else today
        judged = judged_day(as_of)
        when, said = judged.day, judged.messages(fmt)
    costing = RosterCosting(r, as_of=when, year=costed_year)
    if explain is not None:
        return Outcome(_explained(roster, r, costing, explain, lang, fmt))
    from ..io import notes

    if fmt in ("csv", "json"):  # every worker written as the roster is read: flat memory
        warnings: list[Any] = []  # the readers' (a sheet's total, --no-totals-check)

        def write(target: str | None) -> None:
            _written(roster, r, costing, target, fmt, lang, by)
            warnings.extend(warning_lines(notes.take_warnings()))

        return Outcome(write=write, messages=lambda: [*said, *warnings])
    report = _listed(roster, r, costing, lang, by, every=fmt == "xlsx")
    return Outcome(report, messages=[*said, *warning_lines(notes.take_warnings())])


def _written(
    roster: Path,
    rules: Rules,
    costing: RosterCosting,
    target: str | None,
    fmt: str,
    lang: str,
    by: str | None,
) -> None:
    from ..io.atomic import output_file
    from .roster import write_pay

    with output_file(target) as out:
        write_pay(roster, rules, costing, out, fmt=fmt, lang=lang, by=by)


def _listed(
    roster: Path,
    rules: Rules,
    costing: RosterCosting,
    lang: str,
    by: str | None,
    *,
    every: bool = False,
) -> Report:
    """The table (or Markdown): every worker, or past `TABLE_ROWS` the totals (by site:
    each site's sums) and a note saying how to get every row. The workbook (`every`)
    holds every worker, or is an error past what a worksheet holds."""
    from ..calc.pay import pay as compute
    from ..report.labels import label
    from ..report.pay import pay_report
    from ..workbook import HEADER_ROW
    from ..workbook_rows import EXCEL_ROWS, too_many
    from .roster import TABLE_ROWS, held_or_tallied

    # a workbook's title, unit and header rows, and its totals row
    limit = EXCEL_ROWS - HEADER_ROW - 1 if every else TABLE_ROWS
    held, tally, sums = held_or_tallied(roster, rules, costing, by, limit=limit)
    if held is None and every:
        too_many(label("sheet.workers", lang), tally.count + HEADER_ROW + 1)
    if held is not None:
        if costing.year is not None:
            return pay_report(compute(rules, held, year=costing.year), rules, lang, by)
        return pay_report(compute(rules, held, costing.as_of), rules, lang, by)
    return _summary(rules, costing, tally, sums, lang, by)


def _summary(
    rules: Rules,
    costing: RosterCosting,
    tally: Tally,
    sums: SiteSums | None,
    lang: str,
    by: str | None,
) -> Report:
    from ..report.common import sentence as words
    from ..report.pay import pay_report
    from ..report.pay_stream import streamed_result
    from .roster import TABLE_ROWS

    result = streamed_result(costing, tally.totals(), tally.count)
    count = f"{tally.count:,}"
    if sums is not None and len(sums) <= TABLE_ROWS:
        groups: list[Any] = [(site, [], n, money) for site, n, money in sums.groups()]
        report = pay_report(result, rules, lang, by, groups)
        note = words("too_many_workers_by_site", lang, count=count)
    else:
        report = pay_report(result, rules, lang)
        note = words("too_many_workers", lang, count=count)
        if sums is not None:
            note = words("too_many_sites", lang, count=count, sites=f"{len(sums):,}")
    for view in report.table_views():
        view.notes.append(note)
    return report


def _explained(
    roster: Path, rules: Rules, costing: RosterCosting, explain: str, lang: str, fmt: str
) -> Report:
    from ..calc.pay import pay as compute
    from ..report.explain import explain_report
    from .roster import find_worker

    workers, ids = find_worker(roster, rules, costing, explain)
    if workers:  # a masked identity number names the worker by its full id
        explain = workers[0].id
    if costing.year is not None:
        result = compute(rules, workers, year=costing.year)
    else:
        result = compute(rules, workers, costing.as_of)
    return explain_report(
        result, explain, rules, lang, source=str(roster), markdown=fmt == "markdown", ids=ids
    )
