"""`swplan plan`: years ahead, scenarios side by side, and targets as a gate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_CHECK_FAILED, InputError, Problem
from .common import (
    Outcome,
    attempt,
    option_count,
    option_year,
)

if TYPE_CHECKING:
    from ..calc.plan import PlanRoster
    from ..messages import Text
    from ..rules import Rules


def plan(
    *,
    populations: Path,
    roster: Path,
    passes: Path | None,
    ledger: Path | None,
    rules: Path | None,
    scenarios: Path | None,
    start: str | None,
    years: str | None,
    targets: list[str],
    lang: str,
    allow_unknown_sites: bool = False,
) -> Outcome:
    """The plan of every scenario; exit 1 when a target fails in any of them."""
    from ..calc.awards import not_on_roster_warnings
    from ..calc.plan import PlanRoster, TargetError, parse_target
    from ..calc.plan import plan as compute
    from ..io.passes import load_ledger, load_passes
    from ..io.populations import load_populations
    from ..io.scenarios import load_scenarios
    from ..model import ExamPass, LedgerRow
    from ..report.plan import plan_report
    from .district import roster_at_sites

    problems: list[Problem] = []
    first = attempt(lambda: option_year(start, "--from"), problems, None)
    span = attempt(lambda: option_count(years, "--years", least=1, most=100), problems, None)
    goals = []
    for text in targets:
        try:
            goals.append(parse_target(text))
        except TargetError as exc:
            problems.append(Problem("--target", "", "", exc.message))
    no_scenarios: list[tuple[str, Rules]] = []
    named = attempt(
        lambda: load_scenarios(scenarios, rules, same_horizon=span is None),
        problems,
        no_scenarios,
    )
    if not named:
        raise InputError(problems)
    r = named[0][1]
    no_passes: list[ExamPass] = []
    no_rows: list[LedgerRow] = []
    pops = attempt(lambda: load_populations(populations, r), problems, None)
    # the roster is read into columns, not held as worker records (a national one is big)
    columns = PlanRoster()
    attempt(lambda: _read_roster(roster, r, columns), problems, None)
    extra = attempt(lambda: load_passes(passes, r) if passes else no_passes, problems, no_passes)
    paid = attempt(lambda: load_ledger(ledger, r) if ledger else no_rows, problems, no_rows)
    if problems or pops is None:
        raise InputError(problems)
    # the roster's sites checked as budget checks them (names -> ids, unknown sites):
    # only the workers at sites that are no site id of the populations need a look
    odd = columns.not_at({s.id for s in pops.sites})
    moved, warnings = roster_at_sites(
        pops, [columns.worker(i) for i in odd], roster, r, allow_unknown_sites
    )
    columns.move({columns.site_of(i): w.site for i, w in zip(odd, moved, strict=True)})
    try:
        result = compute(
            named,
            pops.sites,
            columns,
            passes=extra,
            ledger=paid,
            start=first,
            horizon=span,
            targets=goals,
        )
    except TargetError as exc:
        raise InputError([Problem("--target", "", "", exc.message)]) from None
    except ValueError as exc:
        raise InputError([Problem("--target", "", "", str(exc))]) from None
    # budget's words for the same workers, and for the passes of workers not on the roster
    found = columns.positions(p.worker_id for p in extra)
    said: list[Text] = [*warnings, *not_on_roster_warnings(r, extra, found)]
    result.warnings = said
    failed = [t for t in result.targets if not t.ok]
    messages = [
        f"target failed: {t.target.text} in scenario {t.scenario} (value {t.value})" for t in failed
    ]
    return Outcome(
        plan_report(result, lang),
        EXIT_CHECK_FAILED if failed else 0,
        messages,
        warnings=said,
    )


def _read_roster(path: Path, rules: Rules, into: PlanRoster) -> None:
    """Every worker of the roster into the plan's columns, in roster order; a worker
    with exams of its own is kept whole too (the first year's awards judge them)."""
    from ..calc.plan import day_class
    from ..io.roster import RosterRows
    from .roster import each_row

    rows = RosterRows(path, rules)
    add = into.adder()
    for row in each_row(rows, "roster"):
        if row.exams:
            into.append(rows.worker(row))
            add = into.adder()
            continue
        f, s = row.facts, row.service
        facts = (
            f.education,
            f.title,
            f.performance,
            f.post,
            day_class(s.hired),
            s.years_of_service,
            s.years_not_counted,
            f.employment,
        )
        add(row.id, row.site, facts, 0 if s.hired is None else s.hired.toordinal())
    rows.finish()
