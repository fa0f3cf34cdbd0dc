"""`swplan budget`: the budget draft of a year, its lines, and with `--by site` each site's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import EXIT_CHECK_FAILED, InputError, Problem
from ..messages import msg
from .common import (
    DistrictFiles,
    Outcome,
    attempt,
    costed_year,
    later_than,
    load_rules_opt,
    parse_cap,
    staff_checks,
    with_notes,
)

if TYPE_CHECKING:
    pass


def budget(
    files: DistrictFiles,
    *,
    year: str | None,
    cap: str | None,
    fail_on_shortage: bool,
    fmt: str = "table",
) -> Outcome:
    from ..calc.awards import name_key
    from ..calc.budget import budget_year, draft, fund_budget
    from ..calc.costing import RosterCosting
    from ..io.passes import load_ledger, load_passes
    from ..io.roster import by_worker_id, id_number_map
    from ..model import ExamPass, LedgerRow
    from ..report.budget import budget_report
    from ..report.common import warning_messages, warnings_json
    from .district import load_district
    from .roster import Wanted

    limit = parse_cap(cap)
    r = load_rules_opt(files.rules)
    costed = costed_year(year)
    y = budget_year(r, costed.year)

    problems: list[Problem] = []  # every file's problems, reported together
    no_passes: list[ExamPass] = []
    no_rows: list[LedgerRow] = []
    passes, ledger = files.passes, files.ledger
    extra, paid = no_passes, no_rows

    def find_wanted() -> Wanted:
        """The passes and the ledger, read while a big roster is read beside: what the
        roster is asked to find (the ids they name, rather than all its ids)."""
        nonlocal extra, paid
        extra = attempt(
            lambda: load_passes(passes, r) if passes else no_passes, problems, no_passes
        )
        paid = attempt(lambda: load_ledger(ledger, r) if ledger else no_rows, problems, no_rows)
        # a roster keyed by 工号 with a 身份证号 column: passes may name workers by either
        if extra or paid:
            extra, paid = by_worker_id(extra, paid, id_number_map(files.roster, r))
        names = {name_key(p.name) for p in extra if p.name}
        return Wanted({p.worker_id for p in extra}, {row.worker_id for row in paid}, names)

    # who pays each line is worked out site by site: the sites' costs are kept
    per_site = files.by is not None or r.funding is not None
    # the roster is costed over the year, month by month
    district = attempt(
        lambda: load_district(
            files.populations,
            files.roster,
            r,
            costing=RosterCosting(r, year=y),
            wanted=find_wanted,
            allow_unknown_sites=files.allow_unknown_sites,
            by_site=per_site,
        ),
        problems,
        None,
    )
    if problems or district is None:
        raise InputError(problems)
    pops, staff_result, summary = district
    assert summary is not None
    if summary.respelt:  # ids that are roster ids spelt another way (101 for 0101)
        from ..calc.ids import named_problems

        found = named_problems(summary.respelt, ((p.worker_id, p.origin) for p in extra), "passes")
        found += named_problems(summary.respelt, ((r.worker_id, r.origin) for r in paid), "ledger")
        if found:
            raise InputError(found)
    areas = {s.id: s.area for s in pops.sites if s.area is not None}
    try:
        result = draft(
            r, y, staff_result, summary, passes=extra, ledger=paid, cap=limit, site_areas=areas
        )
    except InputError as exc:  # a pass after the year: the option that moves it is --year
        raise InputError(later_than(exc.problems, y, "--year")) from None
    sites = None
    if per_site:
        from ..calc.budget import site_budgets

        # each site's cost and the sites of the workers the passes name, kept while
        # the roster was read (a CSV roster is streamed, never held)
        sites = site_budgets(r, result, summary.counts)
        fund_budget(r, result, sites)
    messages, code = staff_checks(result.shortage, fail_on_shortage)
    messages = [*costed.messages(fmt), *messages]
    if result.cap_ok is False:
        messages.append(msg("budget.over_cap", total=result.total, cap=limit))
        code = EXIT_CHECK_FAILED
    # workers at unknown sites (with --allow-unknown-sites) are listed in the JSON too
    # passes whose worker is not on the roster are warned of, as awards warns of them
    warnings = [*staff_result.warnings, *result.awards.warnings]
    report = with_notes(
        budget_report(
            result,
            r,
            files.lang,
            sites=sites if files.by is not None else None,
            region=pops.region,
        ),
        warnings_json(warnings),
    )
    return Outcome(report, code, messages, warnings=warning_messages(warnings))
