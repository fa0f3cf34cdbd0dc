"""`swplan plan`: years ahead, scenarios side by side, and targets as a gate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_CHECK_FAILED, InputError, Problem
from ..messages import msg
from ..rules.plan_bounds import MAX_PLAN_YEARS
from .common import (
    Outcome,
    attempt,
    costed_year,
    later_than,
    option_count,
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
    from ..calc.plan_workforce import PlanTooBig
    from ..io.passes import load_ledger, load_passes
    from ..io.populations import load_populations
    from ..io.roster import by_worker_id, id_number_map
    from ..io.scenarios import load_scenarios
    from ..model import ExamPass, LedgerRow
    from ..report.plan import plan_report
    from .district import roster_at_sites

    problems: list[Problem] = []
    costed = attempt(lambda: costed_year(start, "--from"), problems, None)
    first = costed.year if costed is not None else None
    span = attempt(
        lambda: option_count(years, "--years", least=1, most=MAX_PLAN_YEARS), problems, None
    )
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
    problems += _before_10000(first, span, r)
    no_passes: list[ExamPass] = []
    no_rows: list[LedgerRow] = []
    pops = attempt(lambda: load_populations(populations, r), problems, None)
    # the roster is read into columns, not held as worker records (a national one is big)
    columns = PlanRoster()
    attempt(lambda: _read_roster(roster, r, columns, first), problems, None)
    extra = attempt(lambda: load_passes(passes, r) if passes else no_passes, problems, no_passes)
    paid = attempt(lambda: load_ledger(ledger, r) if ledger else no_rows, problems, no_rows)
    if extra or paid:  # a roster keyed by 工号 may be named by 身份证号 too
        extra, paid = by_worker_id(extra, paid, id_number_map(roster, r))
    if paid:  # a ledger id that is a roster id spelt another way names both
        from ..calc.ids import spelling_problems

        found = columns.positions(row.worker_id for row in paid)
        rows = ((row.worker_id, row.origin) for row in paid)
        problems += spelling_problems(columns.ids, found, rows, "ledger")
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
    except PlanTooBig as exc:
        raise InputError([Problem("plan", "", "", exc.message)]) from None
    except InputError as exc:  # a pass after the first year: --from moves it
        raise InputError(later_than(exc.problems, first, "--from")) from None
    except ValueError as exc:
        raise InputError([Problem("--target", "", "", str(exc))]) from None
    from ..io import notes
    from ..io.totals import clients_note

    # budget's words for the same workers, the readers' warnings, and the passes of
    # workers not on the roster
    found = columns.positions(p.worker_id for p in extra)
    said: list[Text] = [
        *warnings,
        *notes.take_warnings(),
        *not_on_roster_warnings(r, extra, found),
    ]
    result.warnings = said
    if pops.clients_read is not None:  # the last note: the clients a sheet gave
        notes.add([clients_note(r, pops.clients_read)])
    failed = [t for t in result.targets if not t.ok]
    messages = [
        f"target failed: {t.target.text} in scenario {t.scenario} (value {t.value})" for t in failed
    ]
    return Outcome(
        plan_report(result, lang, region=pops.region),
        EXIT_CHECK_FAILED if failed else 0,
        messages,
        warnings=said,
    )


def _before_10000(first: int | None, span: int | None, rules: Rules) -> list[Problem]:
    """A plan's last year is 9999 at the latest (the last year of a date): the problem
    names the option that moves it (`--from`, else `--years`)."""
    start = first if first is not None else rules.effective.year
    years = span if span is not None else rules.plan.years
    if start + years - 1 <= 9999:
        return []
    option = "--from" if first is not None or span is None else "--years"
    text = msg("safety.plan_past_9999", years=years, start=start, latest=10000 - years)
    return [Problem(option, "", "", text)]


def _read_roster(path: Path, rules: Rules, into: PlanRoster, first: int | None) -> None:
    """Every worker of the roster into the plan's columns, in roster order; a worker
    with exams of its own is kept whole too (the first year's awards judge them). A
    hire date after the plan's first year is an error at its cell."""
    from ..calc.plan import day_class
    from ..io.roster import RosterRows
    from .roster import each_row

    rows = RosterRows(path, rules, year=first, option="--from")
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
