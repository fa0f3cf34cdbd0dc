"""One function per command: load -> compute -> report, and the exit code.

Each takes the command's options as plain values and returns an `Outcome`; the
CLI only parses options and shows the outcome. Bad input raises `InputError`.
Modules are imported inside the functions so that `swplan --help` stays quick.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import EXIT_BAD_INPUT, EXIT_CHECK_FAILED, InputError, Problem

if TYPE_CHECKING:
    from decimal import Decimal

    from .calc.awards import AwardsResult
    from .io.ledger import Recorded
    from .render import Report
    from .rules import Rules

T = TypeVar("T")


@dataclass
class Outcome:
    """What a command produced, for the CLI to show.

    Exactly one of `report` (rendered in the chosen format), `write` (writes itself to
    `--output` or stdout: the streamed pay CSV, the report of `awards --record`) and
    `text` (printed as it is) is set. `messages` go to stderr after the output.
    """

    report: Report | None = None
    code: int = 0
    # or a function giving them once the output is written (what `--record` recorded)
    messages: list[str] | Callable[[], list[str]] = field(default_factory=list)
    write: Callable[[str | None], Any] | None = None
    text: str | None = None
    # warnings: on stderr unless the report on stdout shows them in its notes
    warnings: list[str] = field(default_factory=list)


def gather(*loads: Callable[[], Any]) -> list[Any]:
    """Run every loader; report the problems of all of them together, not just the first."""
    problems: list[Problem] = []
    results = [attempt(load, problems, None) for load in loads]
    if problems:
        raise InputError(problems)
    return results


def attempt(load: Callable[[], T], problems: list[Problem], default: T) -> T:
    """`load()`, or `default` with its problems added to `problems`."""
    try:
        return load()
    except InputError as exc:
        problems += exc.problems
        return default


def staff_checks(shortage: int | None, fail_on_shortage: bool) -> tuple[list[str], int]:
    """With --fail-on-shortage, exit 1 when posts are short."""
    if fail_on_shortage and shortage:  # None: no roster, so nothing to be short of
        return [f"shortage: {shortage} posts short across the sites"], EXIT_CHECK_FAILED
    return [], 0


def option_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    from .values import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError([Problem(option, "", "", str(exc))]) from None


def option_year(value: str | None) -> int | None:
    """`--year 2026`; `2026.0`, `２０２６x` or `20260` are refused."""
    if value is None:
        return None
    text = value.strip()
    if not (len(text) == 4 and text.isascii() and text.isdigit() and text >= "1900"):
        raise InputError(
            [Problem("--year", "", "", f"{value!r} is not a year; write four digits, 1900-9999")]
        )
    return int(text)


def parse_cap(text: str | None) -> Decimal | None:
    """`--cap 1500000`, `1,500,000.00` or `1_500_000` -> Decimal; anything else is bad input."""
    if text is None:
        return None
    from .values import parse_amount

    try:
        return parse_amount(text, example="1500000 or 1500000.00", grouped=True)
    except ValueError as exc:
        raise InputError([Problem("--cap", "", "", str(exc))]) from None


def raise_(problems: list[Problem]) -> Any:
    raise InputError(problems)


def with_notes(report: Report, warnings: list[str] | None = None) -> Report:
    """`report` with the readers' notes so far in its JSON `notes` (an empty list when
    there are none), and with `warnings`, those in its JSON `warnings`."""
    from .io import notes

    extra: dict[str, Any] = {"notes": notes.peek()}
    if warnings is not None:
        extra["warnings"] = list(warnings)
    data = report.data
    report.data = lambda: {**(data() if callable(data) else data), **extra}
    return report


def load_rules_opt(path: Path | None) -> Rules:
    from .io.rules_file import load_rules

    return load_rules(path)


# --------------------------------------------------------------------------- staff


def staff(
    populations: Path,
    roster: Path | None,
    rules: Path | None,
    fail_on_shortage: bool,
    lang: str,
    allow_unknown_sites: bool = False,
) -> Outcome:
    from .io.district import load_district
    from .report.reports import staff_report

    r = load_rules_opt(rules)
    pops, result, _ = load_district(
        populations, roster, r, None, allow_unknown_sites=allow_unknown_sites
    )
    report = with_notes(staff_report(result, r, lang, pops.region))
    messages, code = staff_checks(result.totals.shortage, fail_on_shortage)
    return Outcome(report, code, messages, warnings=list(result.warnings))


# --------------------------------------------------------------------------- pay


def pay(
    roster: Path,
    rules: Path | None,
    as_of: str | None,
    explain: str | None,
    by: str | None,
    fmt: str,
    lang: str,
    year: str | None = None,
) -> Outcome:
    from .calc.pay import pay as compute
    from .io.loading import file_format
    from .io.records import load_roster
    from .report.reports import explain_report, pay_report

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
    csv_roster = file_format(roster) == "csv"
    streamed = explain is None and csv_roster
    if streamed and fmt in ("csv", "json"):
        # big rosters: streamed, flat memory, same numbers and bytes as a report (zh CSV
        # too: its Chinese header and labels are cached per profile; --by site keeps
        # the sums of each site)
        from .io.stream import pay_streamed

        return Outcome(
            write=lambda target: pay_streamed(roster, r, when, target, fmt, costed_year, lang, by)
        )
    if streamed:  # a table lists every worker: only when not too many
        from .io.stream import too_many_rows

        summary = too_many_rows(roster, r, when, lang, costed_year, by)
        if summary is not None:
            return Outcome(summary)
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
    ids = None  # the roster's ids, when only the explained worker is kept
    if explain is not None and csv_roster:
        # every row is read and checked, only the one worker kept (flat memory)
        from .io.stream import explain_streamed

        workers, ids = explain_streamed(roster, r, when, explain, costed_year)
    elif costed_year is not None:
        workers = load_roster(roster, r, year=costed_year)
    else:
        workers = load_roster(roster, r, as_of=when or r.effective)
    if costed_year is not None:
        result = compute(r, workers, year=costed_year)
    else:
        result = compute(r, workers, when or r.effective)
    if explain is not None:
        report = explain_report(
            result, explain, r, lang, source=str(roster), markdown=fmt == "markdown", ids=ids
        )
    else:
        report = pay_report(result, r, lang, by)
    return Outcome(report)


# --------------------------------------------------------------------------- awards

_SHOWN_RECORDED = 50  # recorded rows listed on stderr; the ledger holds them all


def awards(
    roster: Path,
    passes: Path | None,
    ledger: Path | None,
    record: bool,
    new_ledger: bool,
    rules: Path | None,
    as_of: str | None,
    fmt: str,
    output: Path | None,
    lang: str,
) -> Outcome:
    from .calc.awards import awards as compute
    from .io.records import load_ledger, load_passes
    from .io.stream import load_roster_for_awards
    from .report.reports import awards_report

    if record and ledger is None:
        raise InputError(
            [
                Problem(
                    "--record",
                    "",
                    "",
                    "needs --ledger FILE, the ledger CSV to record the awards in "
                    "(with --new-ledger to start one)",
                )
            ]
        )
    if new_ledger and not record:
        raise InputError(
            [Problem("--new-ledger", "", "", "only applies with --record; add --record")]
        )
    if record and ledger is not None and not new_ledger and not os.path.lexists(ledger):
        raise InputError(
            [
                Problem(
                    str(ledger),
                    "",
                    "--ledger",
                    "the ledger does not exist; check the path (a new, empty ledger "
                    "would pay every award again), or add --new-ledger to start one",
                )
            ]
        )
    r = load_rules_opt(rules)
    when = option_date(as_of, "--as-of") or dt.date.today()
    out = str(output) if output else None

    def output_dir() -> None:
        from .io.atomic import target_problem

        problem = target_problem(out) if out else None
        if problem:
            raise InputError([Problem(str(output), "", "--output", problem)])

    # the passes first: of a CSV roster only the workers they name are kept
    no_passes: list[Any] = []
    passes_problems: list[Problem] = []
    extra = attempt(
        lambda: load_passes(passes, r) if passes is not None else no_passes,
        passes_problems,
        no_passes,
    )
    wanted = {p.worker_id for p in extra}
    (workers, roster_ids), _, paid, _ = gather(
        lambda: load_roster_for_awards(roster, r, wanted),
        lambda: raise_(passes_problems) if passes_problems else extra,
        # a recording run reads the ledger under its lock (after taking back an
        # append a stopped run left half done), not here
        lambda: load_ledger(ledger, r) if ledger is not None and not record else [],
        output_dir,
    )
    # bad passes stop here, before any write
    result = compute(r, workers, extra, paid, when, roster_ids=roster_ids)
    if not (record and ledger is not None):
        return Outcome(awards_report(result, r, lang), 0, due_message(ledger, result))

    recorded: list[Recorded] = []

    def write(target: str | None) -> None:
        from .io.ledger import record_awards
        from .render import emit

        def publish(found: AwardsResult, commit: Callable[[], None]) -> None:
            # the report of what is recorded, worked out under the ledger's lock;
            # the ledger gains its rows only once the report is written
            emit(awards_report(found, r, lang), fmt, target, before_publish=commit)

        recorded.append(
            record_awards(r, workers, extra, ledger, when, new_ledger=new_ledger, publish=publish)
        )

    def exam_word(exam: str) -> str:
        from .report.vocab import word

        return word(r, "exam", exam, lang) if lang == "zh" else exam

    return Outcome(
        write=write, messages=lambda: recorded_messages(recorded[0], ledger, when, exam_word)
    )


def due_message(ledger: Path | None, result: AwardsResult) -> list[str]:
    """With a ledger and no --record: how much is due, and how to record it."""
    from .money import fmt_money

    if ledger is None or not result.count_due:
        return []
    return [
        f"{result.count_due} award(s) due, {fmt_money(result.due)} in total; "
        "add --record to record them in the ledger"
    ]


def recorded_messages(
    recorded: Recorded,
    ledger: Path,
    when: dt.date,
    exam_word: Callable[[str], str] = str,
) -> list[str]:
    """What --record added to the ledger (the first rows of it), or that it added nothing;
    `exam_word` names an exam in the language of the run."""
    from decimal import Decimal

    from .money import fmt_money

    if not recorded.rows:
        return [
            f"recorded nothing: no award is due that {ledger} does not already hold; "
            f"the ledger has {recorded.row_count} rows"
        ]
    total = sum((row.amount for row in recorded.rows), Decimal(0))
    messages = [
        f"recorded {len(recorded.rows)} award(s), {fmt_money(total)} in total, "
        f"paid_on {when.isoformat()}, in {ledger}; the ledger now has "
        f"{recorded.row_count} rows:"
    ]
    for row in recorded.rows[:_SHOWN_RECORDED]:
        messages.append(f"  {row.worker_id} {exam_word(row.exam)} {fmt_money(row.amount)}")
    if len(recorded.rows) > _SHOWN_RECORDED:
        messages.append(f"  ... and {len(recorded.rows) - _SHOWN_RECORDED} more (see the ledger)")
    return messages


# --------------------------------------------------------------------------- budget


def budget(
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
    from .calc.budget import budget_year, draft
    from .io.district import load_district
    from .io.records import load_ledger, load_passes
    from .model import ExamPass, LedgerRow
    from .report.reports import budget_report

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
            None,
            wanted,
            y,
            allow_unknown_sites=allow_unknown_sites,
            by_site=by is not None,
        ),
        problems,
        None,
    )
    if problems or district is None:
        raise InputError(problems)
    _, staff_result, summary = district
    assert summary is not None
    result = draft(r, y, staff_result, summary, passes=extra, ledger=paid, cap=limit)
    sites = None
    if by is not None:
        from .calc.budget import site_budgets

        # each site's cost and the sites of the workers the passes name, kept while
        # the roster was read (a CSV roster is streamed, never held)
        sites = site_budgets(r, result, summary.counts)
    messages, code = staff_checks(result.shortage, fail_on_shortage)
    if result.cap_ok is False:
        messages.append(f"over the cap: total {result.total} is above --cap {limit}")
        code = EXIT_CHECK_FAILED
    # workers at unknown sites (with --allow-unknown-sites) are listed in the JSON too
    report = with_notes(budget_report(result, r, lang, sites=sites), staff_result.warnings)
    return Outcome(report, code, messages, warnings=list(staff_result.warnings))


# --------------------------------------------------------------------------- plan


def plan(
    populations: Path,
    roster: Path,
    passes: Path | None,
    ledger: Path | None,
    rules: Path | None,
    scenarios: Path | None,
    start: int | None,
    years: int | None,
    targets: list[str],
    lang: str,
    allow_unknown_sites: bool = False,
) -> Outcome:
    """The plan of every scenario; exit 1 when a target fails in any of them."""
    from .calc.plan import PlanRoster, TargetError, parse_target
    from .calc.plan import plan as compute
    from .io.district import roster_at_sites
    from .io.loading import file_format
    from .io.plan_roster import load_plan_roster
    from .io.records import load_ledger, load_passes, load_populations, load_roster
    from .io.scenarios import load_scenarios
    from .model import ExamPass, LedgerRow, Worker
    from .report.plan import plan_report

    problems: list[Problem] = []
    goals = []
    for text in targets:
        try:
            goals.append(parse_target(text))
        except TargetError as exc:
            problems.append(Problem("--target", "", "", exc.message))
    no_scenarios: list[tuple[str, Rules]] = []
    named = attempt(
        lambda: load_scenarios(scenarios, rules, same_horizon=years is None),
        problems,
        no_scenarios,
    )
    if not named:
        raise InputError(problems)
    r = named[0][1]
    no_passes: list[ExamPass] = []
    no_rows: list[LedgerRow] = []
    no_workers: list[Worker] = []
    pops = attempt(lambda: load_populations(populations, r), problems, None)
    # a CSV roster (national size) is read into columns, not held as worker records
    columns = PlanRoster() if file_format(roster) == "csv" else None
    loaded = no_workers
    if columns is not None:
        attempt(lambda: load_plan_roster(roster, r, columns), problems, None)
    else:
        loaded = attempt(lambda: load_roster(roster, r), problems, no_workers)
    extra = attempt(lambda: load_passes(passes, r) if passes else no_passes, problems, no_passes)
    paid = attempt(lambda: load_ledger(ledger, r) if ledger else no_rows, problems, no_rows)
    if problems or pops is None:
        raise InputError(problems)
    # the roster's sites checked as budget checks them (names -> ids, unknown sites)
    if columns is not None:
        # only the workers at sites that are no site id of the populations need a look
        odd = columns.not_at({s.id for s in pops.sites})
        moved, warnings = roster_at_sites(
            pops, [columns.worker(i) for i in odd], roster, r, allow_unknown_sites
        )
        columns.move({columns.site_of(i): w.site for i, w in zip(odd, moved, strict=True)})
        workers: list[Worker] | PlanRoster = columns
    else:
        workers, warnings = roster_at_sites(pops, loaded, roster, r, allow_unknown_sites)
    try:
        result = compute(
            named,
            pops.sites,
            workers,
            passes=extra,
            ledger=paid,
            start=start,
            horizon=years,
            targets=goals,
        )
    except TargetError as exc:
        raise InputError([Problem("--target", "", "", exc.message)]) from None
    except ValueError as exc:
        raise InputError([Problem("--target", "", "", str(exc))]) from None
    result.warnings = warnings  # budget's words for the same workers
    failed = [t for t in result.targets if not t.ok]
    messages = [
        f"target failed: {t.target.text} in scenario {t.scenario} (value {t.value})" for t in failed
    ]
    return Outcome(
        plan_report(result, lang),
        EXIT_CHECK_FAILED if failed else 0,
        messages,
        warnings=list(warnings),
    )


# --------------------------------------------------------------------------- check


def check(files: list[Path], rules: Path | None, lang: str = "en") -> Outcome:
    """`OK FILE (summary)` for each good file; every problem of the others (exit 2); then
    the good files together (roster sites, pass and ledger worker ids)."""
    from .i18n import problem_line, zh
    from .io import notes
    from .io.checking import Checked, check_together, checked

    r = None
    problems: list[Problem] = []
    if rules is None:
        rules = _rules_among(files)
        if rules is not None:
            notes.add([f"the other files are checked against the rules in {rules}"])
    try:
        r = load_rules_opt(rules)
    except InputError as exc:
        problems += exc.problems
    lines = []
    good: list[tuple[Path, Checked]] = []
    for path in files:
        if path.name.endswith(".lock"):  # left by an older version beside a ledger
            notes.add([f"{path} skipped: a lock file, not a swplan file"])
            continue
        try:
            result = checked(path, r, keep=len(files) > 1)
        except InputError as exc:
            problems += exc.problems
            continue
        good.append((path, result))
        if lang == "zh":
            lines.append(f"通过 {path}（{zh(result.summary)}）\n")
        else:
            lines.append(f"OK {path} ({result.summary})\n")
    if r is not None and len(good) > 1:
        try:
            problems += check_together(good, r)
        except InputError as exc:  # unreachable for files that were each good
            problems += exc.problems
    code = EXIT_BAD_INPUT if problems else 0
    messages = [problem_line(p, lang) for p in problems]
    return Outcome(code=code, messages=messages, text="".join(lines))


def _rules_among(files: list[Path]) -> Path | None:
    """The one rules file among the files checked together (`check DIR/*`), if there is
    one and it is good (a bad one is reported once, as a file of its own)."""
    from .io.checking import kind_of

    found = []
    for path in files:
        if path.suffix.lower() not in (".yaml", ".yml") or path.name.endswith(".lock"):
            continue
        try:
            if kind_of(path) == "rules":
                found.append(path)
        except (InputError, OSError):  # reported when the file itself is checked
            continue
    if len(found) != 1:
        return None
    try:
        load_rules_opt(found[0])
    except InputError:
        return None
    return found[0]


# --------------------------------------------------------------------------- rules


def rules_show(rules: Path | None, fmt: str) -> Outcome:
    import json

    import yaml

    from .rules import rules_as_data

    if fmt == "xlsx":
        raise InputError(
            [
                Problem(
                    "--format",
                    "",
                    "",
                    "'xlsx' is not available for the rules, which are nested; use yaml or json",
                )
            ]
        )
    if fmt not in ("yaml", "json"):
        raise InputError([Problem("--format", "", "", f"{fmt!r} is not one of: yaml, json")])
    data = rules_as_data(load_rules_opt(rules))
    if fmt == "json":
        return Outcome(text=json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return Outcome(text=yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


# --------------------------------------------------------------------------- init


def init(directory: Path, lang: str) -> Outcome:
    """A new set of files to fill in (see `io.starter`)."""
    from .io.rules_file import load_rules
    from .io.starter import write_starter

    written = write_starter(directory, load_rules(None), lang)
    names = " ".join(str(p) for p in written)
    if lang == "zh":
        lines = [f"已写入 {p}" for p in written]
        lines.append(f"下一步：填写这些文件，然后运行 swplan check {names}")
    else:
        lines = [f"wrote {p}" for p in written]
        lines.append(f"next: fill them in, then run swplan check {names}")
    return Outcome(text="".join(line + "\n" for line in lines))
