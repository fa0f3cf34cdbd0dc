"""`swplan pay`: each worker's grade and employer cost; `--explain` one worker's working."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem
from .common import Outcome, load_rules_opt, option_date, option_year

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
        raise InputError(
            [
                Problem(
                    "--year",
                    "",
                    "",
                    "costs a whole year, --as-of one day's run rate; give one of them",
                )
            ]
        )
    if explain is not None and by is not None:
        raise InputError(
            [
                Problem(
                    "--explain",
                    "",
                    "",
                    "shows one worker, so --by has nothing to group; leave out --by",
                )
            ]
        )
    costing = RosterCosting(r, as_of=when, year=costed_year)
    if explain is not None:
        return Outcome(_explained(roster, r, costing, explain, lang, fmt))
    if fmt in ("csv", "json"):  # every worker written as the roster is read: flat memory
        return Outcome(write=lambda target: _written(roster, r, costing, target, fmt, lang, by))
    return Outcome(_listed(roster, r, costing, lang, by))


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
    roster: Path, rules: Rules, costing: RosterCosting, lang: str, by: str | None
) -> Report:
    """The table (or Markdown, or workbook): every worker, or past `TABLE_ROWS` the totals
    (by site: each site's sums) and a note saying how to get every row."""
    from ..calc.pay import pay as compute
    from ..report.pay import pay_report
    from .roster import held_or_tallied

    held, tally, sums = held_or_tallied(roster, rules, costing, by)
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
    if costing.year is not None:
        result = compute(rules, workers, year=costing.year)
    else:
        result = compute(rules, workers, costing.as_of)
    return explain_report(
        result, explain, rules, lang, source=str(roster), markdown=fmt == "markdown", ids=ids
    )
