"""`swplan plan`: years ahead, scenarios side by side, and targets as a gate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_CHECK_FAILED, InputError, Problem
from ..messages import Msg, msg
from .common import (
    DistrictFiles,
    Outcome,
    attempt,
    costed_year,
    later_than,
    option_count,
    with_notes,
)

if TYPE_CHECKING:
    from ..calc.plan import PlanRoster, Target, TargetResult
    from ..calc.plan_roster import Facts as PlanFacts
    from ..io.roster import RosterRows
    from ..io.scenarios import Scenario
    from ..messages import Text
    from ..model import Facts, Service
    from ..rules import Rules


def plan(
    files: DistrictFiles,
    *,
    scenarios: Path | None,
    start: str | None,
    years: str | None,
    targets: list[str],
) -> Outcome:
    """The plan of every scenario; exit 1 when a target fails in the scenarios it checks."""
    from ..calc.awards import not_on_roster_warnings
    from ..calc.plan import PlanInputError, PlanRoster, TargetError
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
        lambda: option_count(years, "--years", least=1, most=_max_years()), problems, None
    )
    goals = _targets(targets, problems)
    loaded = attempt(
        lambda: load_scenarios(scenarios, files.rules, same_horizon=span is None), problems, None
    )
    if loaded is None:
        raise InputError(problems)
    base, named = loaded
    r = named[0].rules
    problems += _before_10000(first, span, r)
    y0 = first if first is not None else r.effective.year
    own = _own_targets(named, problems, y0, span if span is not None else r.plan.years)
    no_passes: list[ExamPass] = []
    no_rows: list[LedgerRow] = []
    pops = attempt(lambda: load_populations(files.populations, r), problems, None)
    # the roster is read into columns, not held as worker records (a national one is big)
    columns = PlanRoster()
    attempt(lambda: _read_roster(files.roster, r, columns, first), problems, None)
    passes, ledger = files.passes, files.ledger
    extra = attempt(lambda: load_passes(passes, r) if passes else no_passes, problems, no_passes)
    paid = attempt(lambda: load_ledger(ledger, r) if ledger else no_rows, problems, no_rows)
    if extra or paid:  # a roster keyed by 工号 may be named by 身份证号 too
        extra, paid = by_worker_id(extra, paid, id_number_map(files.roster, r))
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
        pops, [columns.worker(i) for i in odd], files.roster, r, files.allow_unknown_sites
    )
    columns.move({columns.site_of(i): w.site for i, w in zip(odd, moved, strict=True)})
    try:
        result = compute(
            [(s.name, s.rules) for s in named],
            pops.sites,
            columns,
            passes=extra,
            ledger=paid,
            start=first,
            horizon=span,
            targets=goals,
            own_targets=own,
            labels={s.name: s.label for s in named},
            by_site=files.by is not None,
            rules=base,
        )
    except TargetError as exc:
        raise InputError([Problem("--target", "", "", exc.message)]) from None
    except PlanTooBig as exc:
        raise InputError([Problem("plan", "", "", exc.message)]) from None
    except PlanInputError as exc:
        where = str(files.populations)
        raise InputError([Problem(where, "", "", m) for m in exc.messages]) from None
    except InputError as exc:  # a pass after the first year: --from moves it
        raise InputError(later_than(exc.problems, first, "--from")) from None
    from ..io import notes
    from ..io.totals import clients_note

    # budget's words for the workers at unknown sites, the readers' warnings, the passes
    # of workers not on the roster, then the plan's own warnings
    own_words = [w for w in result.warnings if getattr(w, "key", "") != "plan.unknown_site"]
    found = columns.positions(p.worker_id for p in extra)
    said: list[Text] = [
        *warnings,
        *notes.take_warnings(),
        *not_on_roster_warnings(r, extra, found),
        *own_words,
    ]
    result.warnings = said
    if pops.clients_read is not None:  # the last note: the clients a sheet gave
        notes.add([clients_note(r, pops.clients_read)])
    failed = [t for t in result.targets if not t.ok]
    report = with_notes(plan_report(result, files.lang, region=pops.region))
    return Outcome(
        report,
        EXIT_CHECK_FAILED if failed else 0,
        [_failed(t) for t in failed],
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


def _failed(t: TargetResult) -> Msg:
    """`target failed: shortage<=0@2028 in scenario frozen (value 3)`."""
    if t.reason is not None:
        return msg("plan.target_no_value", text=t.target.text, scenario=t.scenario, why=t.reason)
    return msg("plan.target_failed", text=t.target.text, scenario=t.scenario, value=t.value)


def _targets(texts: list[str], problems: list[Problem]) -> list[Target]:
    """The --target options; a problem for each that cannot be read."""
    from ..calc.plan import TargetError, parse_target

    goals = []
    for text in texts:
        try:
            goals.append(parse_target(text))
        except TargetError as exc:
            problems.append(Problem("--target", "", "", exc.message))
    return goals


def _own_targets(
    named: list[Scenario], problems: list[Problem], start: int, horizon: int
) -> dict[str, list[Target]]:
    """Each scenario's own targets; a problem at its line for each that cannot be read
    or names a year outside the plan."""
    from ..calc.plan import TargetError, check_years, parse_target

    out: dict[str, list[Target]] = {}
    for s in named:
        for text, origin in s.targets:
            try:
                t = parse_target(text)
                check_years([t], start, horizon)
            except TargetError as exc:
                problems.append(origin.problem(exc.message))
                continue
            if t.scenario is not None and t.scenario != s.name:
                message = msg(
                    "plan.own_target_scenario", text=text, scenario=s.name, named=t.scenario
                )
                problems.append(origin.problem(message))
                continue
            out.setdefault(s.name, []).append(t)
    return out


def _read_roster(path: Path, rules: Rules, into: PlanRoster, first: int | None) -> None:
    """Every worker of the roster into the plan's columns, in roster order; a worker
    with exams of its own is kept whole too (the first year's awards judge them). A
    hire date after the plan's first year is an error at its cell."""
    from ..io.roster import RosterRows
    from .roster import each_row

    rows = RosterRows(path, rules, year=first, option="--from")
    if _read_columns(rows, into):  # a big CSV roster the columns can stand for
        return
    add = into.adder()
    for row in each_row(rows, "roster"):
        if row.exams:
            into.append(rows.worker(row))
            add = into.adder()
            continue
        add(row.id, row.site, *_plan_facts(row.facts, row.service))
    rows.finish()


def _read_columns(rows: RosterRows, into: PlanRoster) -> bool:
    """The roster read in columns into the plan's (see `swplan.io.columnar`): each
    (facts, service) pair's facts made once; False when it must be read row by row."""
    from ..io.columnar import read_columns

    columns = read_columns(rows)
    if columns is None:
        return False
    made = [_plan_facts(columns.facts[f], columns.services[s]) for f, s in columns.pairs]
    add = into.adder()
    for ident, site, pair in zip(
        columns.ids.to_list(), columns.sites.to_list(), columns.pair.to_list(), strict=True
    ):
        plan_facts, hired = made[pair]
        add(ident, site, plan_facts, hired)
    return True


def _plan_facts(facts: Facts, service: Service) -> tuple[PlanFacts, int]:
    """A worker's facts as the plan keeps them, and their hiring day's ordinal (0: none)."""
    from ..calc.plan import day_class

    hired = service.hired
    plan_facts: PlanFacts = (
        facts.education,
        facts.title,
        facts.performance,
        facts.post,
        day_class(hired),
        service.years_of_service,
        service.years_not_counted,
        facts.employment,
    )
    return plan_facts, 0 if hired is None else hired.toordinal()


def _max_years() -> int:
    from ..rules.plan_bounds import MAX_PLAN_YEARS  # the rules package: imported when run

    return MAX_PLAN_YEARS
