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

    from .render import Report
    from .rules import Rules

T = TypeVar("T")


@dataclass
class Outcome:
    """What a command produced, for the CLI to show.

    Exactly one of `report` (rendered in the chosen format), `write` (writes itself to
    `--output` or stdout: the streamed pay CSV) and `text` (printed as it is) is set,
    or none for no output. `messages` go to stderr after the output.
    """

    report: Report | None = None
    code: int = 0
    messages: list[str] = field(default_factory=list)
    write: Callable[[str | None], Any] | None = None
    text: str | None = None


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


def staff_checks(
    warnings: list[str], shortage: int | None, fail_on_shortage: bool
) -> tuple[list[str], int]:
    """The roster warnings; with --fail-on-shortage, exit 1 when posts are short."""
    messages = [f"warning: {warning}" for warning in warnings]
    if fail_on_shortage and shortage:  # None: no roster, so nothing to be short of
        messages.append(f"shortage: {shortage} posts short across the sites")
        return messages, EXIT_CHECK_FAILED
    return messages, 0


def option_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    from .values import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError([Problem(option, "", "", str(exc))]) from None


def parse_cap(text: str | None) -> Decimal | None:
    """`--cap 1500000`, `1,500,000.00` or `1_500_000` -> Decimal; anything else is bad input."""
    if text is None:
        return None
    import re
    from decimal import Decimal

    cleaned = text.strip().replace(",", "").replace("_", "")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", cleaned):
        raise InputError(
            [
                Problem(
                    "--cap",
                    "",
                    "",
                    f"{text!r} is not an amount; write yuan with "
                    "up to two decimals, e.g. 1500000 or 1500000.00",
                )
            ]
        )
    return Decimal(cleaned).quantize(Decimal("0.01"))


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
) -> Outcome:
    from .io.district import load_district
    from .report.reports import staff_report

    r = load_rules_opt(rules)
    pops, result, _ = load_district(populations, roster, r, None)
    report = staff_report(result, r, lang, pops.region)
    messages, code = staff_checks(result.warnings, result.totals.shortage, fail_on_shortage)
    return Outcome(report, code, messages)


# --------------------------------------------------------------------------- pay


def pay(
    roster: Path,
    rules: Path | None,
    as_of: str | None,
    explain: str | None,
    by: str | None,
    fmt: str,
    output: Path | None,
    lang: str,
) -> Outcome:
    from .calc.pay import pay as compute
    from .io.loading import file_format
    from .io.records import load_roster
    from .report.reports import explain_report, pay_report

    r = load_rules_opt(rules)
    when = option_date(as_of, "--as-of")
    if explain is None and by is None and fmt == "csv" and file_format(roster) == "csv":
        # big rosters: streamed, flat memory, same numbers and bytes as a report
        from .io.stream import pay_csv

        return Outcome(write=lambda target: pay_csv(roster, r, when, target))
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
    when = when or r.effective
    workers = load_roster(roster, r, as_of=when)
    result = compute(r, workers, when)
    if explain is not None:
        report = explain_report(
            result, explain, r, lang, source=str(roster), markdown=fmt == "markdown"
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
    rules: Path | None,
    as_of: str | None,
    output: Path | None,
    lang: str,
) -> Outcome:
    from decimal import Decimal

    from .calc.awards import awards as compute
    from .io.ledger import record_awards
    from .io.records import load_ledger, load_passes, load_roster
    from .money import fmt_money
    from .report.reports import awards_report

    if record and ledger is None:
        raise InputError(
            [
                Problem(
                    "--record",
                    "",
                    "",
                    "needs --ledger FILE, the ledger CSV to "
                    "record the awards in (created if missing)",
                )
            ]
        )
    r = load_rules_opt(rules)
    when = option_date(as_of, "--as-of") or dt.date.today()

    def output_dir() -> None:
        if output is not None and not os.path.isdir(os.path.dirname(os.path.abspath(output))):
            raise InputError([Problem(str(output), "", "", "its directory does not exist")])

    workers, extra, paid, _ = gather(
        lambda: load_roster(roster, r),
        lambda: load_passes(passes, r) if passes is not None else [],
        lambda: load_ledger(ledger, r) if ledger is not None else [],
        output_dir,
    )
    result = compute(r, workers, extra, paid, when)  # bad passes stop here, before any write
    recorded = None
    if record and ledger is not None:
        recorded = record_awards(r, workers, extra, ledger, when)
        result = recorded.result
    messages = []
    if recorded is not None:
        if recorded.rows:
            total = sum((row.amount for row in recorded.rows), Decimal(0))
            messages.append(
                f"recorded {len(recorded.rows)} award(s), {fmt_money(total)} in total, "
                f"paid_on {when.isoformat()}, in {ledger}; the ledger now has "
                f"{recorded.row_count} rows:"
            )
            for row in recorded.rows[:_SHOWN_RECORDED]:
                messages.append(f"  {row.worker_id} {row.exam} {fmt_money(row.amount)}")
            if len(recorded.rows) > _SHOWN_RECORDED:
                messages.append(
                    f"  ... and {len(recorded.rows) - _SHOWN_RECORDED} more (see the ledger)"
                )
        else:
            messages.append(
                f"recorded nothing: no award is due that {ledger} does not already hold; "
                f"the ledger has {recorded.row_count} rows"
            )
    elif ledger is not None and result.count_due:
        messages.append(
            f"{result.count_due} award(s) due, {fmt_money(result.due)} in total; "
            "add --record to record them in the ledger"
        )
    return Outcome(awards_report(result, r, lang), 0, messages)


# --------------------------------------------------------------------------- budget


def budget(
    populations: Path,
    roster: Path,
    passes: Path | None,
    ledger: Path | None,
    rules: Path | None,
    year: int | None,
    cap: str | None,
    fail_on_shortage: bool,
    lang: str,
) -> Outcome:
    from .calc.budget import budget_year, draft
    from .io.district import load_district
    from .io.records import load_ledger, load_passes
    from .model import ExamPass, LedgerRow
    from .report.reports import budget_report

    limit = parse_cap(cap)
    r = load_rules_opt(rules)
    y = budget_year(r, year)
    as_of = dt.date(y, 1, 1)

    problems: list[Problem] = []  # every file's problems, reported together
    no_passes: list[ExamPass] = []
    no_rows: list[LedgerRow] = []
    extra = attempt(lambda: load_passes(passes, r) if passes else no_passes, problems, no_passes)
    paid = attempt(lambda: load_ledger(ledger, r) if ledger else no_rows, problems, no_rows)
    # the roster is told which ids the passes name, rather than sending back all its ids
    wanted = {p.worker_id for p in extra}
    district = attempt(lambda: load_district(populations, roster, r, as_of, wanted), problems, None)
    if problems or district is None:
        raise InputError(problems)
    _, staff_result, summary = district
    assert summary is not None
    result = draft(r, y, staff_result, summary, extra, paid, limit)
    messages, code = staff_checks(staff_result.warnings, result.shortage, fail_on_shortage)
    if result.cap_ok is False:
        messages.append(f"over the cap: total {result.total} is above --cap {limit}")
        code = EXIT_CHECK_FAILED
    return Outcome(budget_report(result, r, lang), code, messages)


# --------------------------------------------------------------------------- check


def check(files: list[Path], rules: Path | None) -> Outcome:
    """`OK FILE (summary)` for each good file; every problem of the others (exit 2)."""
    from .io.checking import check_file

    r = None
    problems: list[Problem] = []
    try:
        r = load_rules_opt(rules)
    except InputError as exc:
        problems += exc.problems
    lines = []
    for path in files:
        try:
            summary = check_file(path, r)
        except InputError as exc:
            problems += exc.problems
            continue
        lines.append(f"OK {path} ({summary})\n")
    code = EXIT_BAD_INPUT if problems else 0
    return Outcome(code=code, messages=[str(p) for p in problems], text="".join(lines))


# --------------------------------------------------------------------------- rules


def rules_show(rules: Path | None, fmt: str) -> Outcome:
    import json

    import yaml

    from .rules import rules_as_data

    if fmt not in ("yaml", "json"):
        raise InputError([Problem("--format", "", "", f"{fmt!r} is not one of: yaml, json")])
    data = rules_as_data(load_rules_opt(rules))
    if fmt == "json":
        return Outcome(text=json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return Outcome(text=yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
