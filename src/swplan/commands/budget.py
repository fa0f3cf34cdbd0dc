"""`swplan budget`: the budget draft of a year, its lines, and with `--by site` each site's."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_CHECK_FAILED, InputError, Problem
from .common import (
    Outcome,
    attempt,
    load_rules_opt,
    option_year,
    parse_cap,
    staff_checks,
    with_notes,
)

if TYPE_CHECKING:
    pass


def budget(
    *,
    populations: Path,
    roster: Path,
    passes: Path | None,
    ledger: Path | None,
    rules: Path | None,
    year: str | None,
    cap: str | None,
    fail_on_shortage: bool,
    lang: str,
    allow_unknown_sites: bool = False,
    by: str | None = None,
) -> Outcome:
    from ..calc.budget import budget_year, draft
    from ..calc.costing import RosterCosting
    from ..io.passes import load_ledger, load_passes
    from ..model import ExamPass, LedgerRow
    from ..report.budget import budget_report
    from ..report.common import warning_messages, warnings_json
    from .district import load_district

    limit = parse_cap(cap)
    r = load_rules_opt(rules)
    y = budget_year(r, option_year(year))

    problems: list[Problem] = []  # every file's problems, reported together
    no_passes: list[ExamPass] = []
    no_rows: list[LedgerRow] = []
    extra = attempt(lambda: load_passes(passes, r) if passes else no_passes, problems, no_passes)
    paid = attempt(lambda: load_ledger(ledger, r) if ledger else no_rows, problems, no_rows)
    # the roster is told which ids the passes name, rather than sending back all its ids
    wanted = {p.worker_id for p in extra}
    # the roster is costed over the year, month by month
    district = attempt(
        lambda: load_district(
            populations,
            roster,
            r,
            costing=RosterCosting(r, year=y),
            wanted_ids=wanted,
            allow_unknown_sites=allow_unknown_sites,
            by_site=by is not None,
        ),
        problems,
        None,
    )
    if problems or district is None:
        raise InputError(problems)
    pops, staff_result, summary = district
    assert summary is not None
    result = draft(r, y, staff_result, summary, passes=extra, ledger=paid, cap=limit)
    sites = None
    if by is not None:
        from ..calc.budget import site_budgets

        # each site's cost and the sites of the workers the passes name, kept while
        # the roster was read (a CSV roster is streamed, never held)
        sites = site_budgets(r, result, summary.counts)
    messages, code = staff_checks(result.shortage, fail_on_shortage)
    if result.cap_ok is False:
        messages.append(f"over the cap: total {result.total} is above --cap {limit}")
        code = EXIT_CHECK_FAILED
    # workers at unknown sites (with --allow-unknown-sites) are listed in the JSON too
    report = with_notes(
        budget_report(result, r, lang, sites=sites, region=pops.region),
        warnings_json(staff_result.warnings),
    )
    return Outcome(report, code, messages, warnings=warning_messages(staff_result.warnings))
