"""The `swplan` command line: each command loads, computes, renders, returns an exit code."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from . import __version__
from .errors import EXIT_BAD_INPUT, EXIT_CHECK_FAILED, InputError, Problem


class _Group(TyperGroup):
    """Typer's group, with its own usage errors as `error: ...` lines (exit 2), not boxes."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from typer._click.exceptions import ClickException, NoArgsIsHelpError

        standalone_mode = kwargs.get("standalone_mode", True)
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except NoArgsIsHelpError as exc:
            if exc.format_message():
                print(exc.format_message(), file=sys.stderr)
            code = EXIT_BAD_INPUT
        except ClickException as exc:
            ctx = getattr(exc, "ctx", None)
            where = f"; see '{ctx.command_path} --help'" if ctx is not None else ""
            message = exc.format_message().replace("Value error, ", "").rstrip(".")
            print(f"error: {message}{where}", file=sys.stderr)
            code = exc.exit_code
        except typer.Abort:
            code = 130
        if not standalone_mode:
            return code
        sys.exit(code or 0)


app = typer.Typer(
    cls=_Group,
    name="swplan",
    help="Posts, pay grades, exam awards and budget drafts for social-work organisations.\n\n"
    "Inputs are YAML (CSV or Excel for big rosters); outputs are tables, JSON, CSV or Markdown. "
    "Exit codes: 0 success, 1 a check failed (--cap, --fail-on-shortage), 2 bad input.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
rules_app = typer.Typer(help="Show the rules in force.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class Lang(str, Enum):
    en = "en"
    zh = "zh"


class By(str, Enum):
    site = "site"


def _file_argument(metavar: str, help_text: str) -> Any:
    return typer.Argument(help=help_text, metavar=metavar, show_default=False)


RulesOpt = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Rules file (YAML). Default: the built-in national rules.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically; `-`, a device or a FIFO in place) "
        "instead of stdout. It may not be any input of the run.",
        show_default=False,
        readable=False,  # it is written, never read
    ),
]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of labels.", case_sensitive=False)]
AllowUnknownSitesOpt = Annotated[
    bool,
    typer.Option(
        "--allow-unknown-sites",
        help="A worker at a site in no populations file is a warning, not an error.",
    ),
]
FailOnShortageOpt = Annotated[
    bool, typer.Option("--fail-on-shortage", help="Exit 1 when any site is short of posts.")
]
PassesOpt = Annotated[
    Path | None,
    typer.Option(
        "--passes",
        help="Exam passes (YAML or CSV), added to the roster's own exams.",
        show_default=False,
    ),
]
LedgerOpt = Annotated[
    Path | None,
    typer.Option(
        "--ledger",
        help="Ledger of awards already paid (CSV). Read, a missing file is empty; "
        "only `awards --record` writes to it (appending; --new-ledger to start one).",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="As-of date, YYYY-MM-DD.", metavar="DATE", show_default=False),
]

T = TypeVar("T")


SAME_PROBLEM_SHOWN = 3  # a problem repeated on many rows is shown this often, then counted


def report_problems(problems: list[Problem]) -> None:
    """One line per problem; the same problem on many rows (a header that is not the
    header gives every row the wrong width) is shown a few times, then counted."""
    seen: dict[tuple[str, str, str], int] = {}
    for problem in problems:
        key = (problem.file, problem.path, problem.message)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= SAME_PROBLEM_SHOWN:
            print(str(problem), file=sys.stderr)
    for (file, path, _), count in seen.items():
        if count > SAME_PROBLEM_SHOWN:
            more = count - SAME_PROBLEM_SHOWN
            print(str(Problem(file, "", path, f"... and {more} more like it")), file=sys.stderr)


def print_notes() -> None:
    """What the readers skipped or ignored, one `note:` line each, on stderr."""
    from .io import notes

    for note in notes.take():
        print(f"note: {note}", file=sys.stderr)


def with_notes(report: Any) -> Any:
    """`report` with the readers' notes so far in its JSON `notes` (when there are any)."""
    from .io import notes

    found = notes.peek()
    if found:
        data = report.data
        report.data = lambda: {**(data() if callable(data) else data), "notes": found}
    return report


def run(
    body: Callable[[], int | None],
    *,
    output: Path | None = None,
    inputs: dict[str, Any] | None = None,
) -> None:
    """Run a command body; bad input, unreadable or unwritable files become one line per
    problem and exit 2. `inputs` (option -> path or paths) may not be the `output`."""
    try:
        if output is not None and inputs:
            from .io.atomic import output_clash

            clash = output_clash(str(output), inputs)
            if clash is not None:
                raise InputError([clash])
        code = body() or 0
    except InputError as exc:
        print_notes()
        report_problems(exc.problems)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except BrokenPipeError:  # `swplan ... | head`
        sys.stderr.close()
        raise typer.Exit(0) from None
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # the last line of "never a traceback"
        print_notes()
        report_problems([unexpected(exc)])
        raise typer.Exit(EXIT_BAD_INPUT) from None
    print_notes()
    raise typer.Exit(code)


def unexpected(exc: BaseException) -> Problem:
    """An error no reader turned into a `Problem`: still one line, never a traceback."""
    from decimal import DecimalException

    if isinstance(exc, OSError):
        name = exc.filename if exc.filename is not None else "swplan"
        from .io.atomic import why

        return Problem(str(name), "", "", f"cannot be read or written: {why(exc)}")
    if isinstance(exc, DecimalException | OverflowError):
        return Problem(
            "swplan",
            "",
            "",
            "a number is too large or too precise to compute exactly; "
            "check the amounts and rates of the inputs",
        )
    if isinstance(exc, RecursionError):
        return Problem("swplan", "", "", "an input is nested too deeply")
    if isinstance(exc, MemoryError):
        return Problem("swplan", "", "", "out of memory; the input is too large")
    return Problem(
        "swplan", "", "", f"internal error ({type(exc).__name__}: {exc}); please report it"
    )


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


def raise_(problems: list[Problem]) -> Any:
    raise InputError(problems)


def staff_checks(warnings: list[str], shortage: int | None, fail_on_shortage: bool) -> int:
    """Print the roster warnings; with --fail-on-shortage, exit 1 when posts are short."""
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if fail_on_shortage and shortage:  # None: no roster, so nothing to be short of
        print(f"shortage: {shortage} posts short across the sites", file=sys.stderr)
        return EXIT_CHECK_FAILED
    return 0


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


def load_rules_opt(path: Path | None) -> Any:
    from .io.rules_file import load_rules

    return load_rules(path)


def version_callback(value: bool) -> None:
    if value:
        print(f"swplan {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=version_callback,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Posts, pay grades, exam awards and budget drafts for social-work organisations."""


# --------------------------------------------------------------------------- staff


@app.command()
def staff(
    populations: Annotated[
        Path, _file_argument("POPULATIONS", "Populations file: YAML, CSV or Excel.")
    ],
    roster: Annotated[
        Path | None,
        typer.Option(
            "--roster",
            help="Roster (YAML, CSV or Excel): adds current staff and gaps.",
            show_default=False,
        ),
    ] = None,
    rules: RulesOpt = None,
    fail_on_shortage: FailOnShortageOpt = False,
    allow_unknown_sites: AllowUnknownSitesOpt = False,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
) -> None:
    """Posts each site needs: one social worker per 20 clients, mixed posts for the rest."""

    def body() -> int:
        from .io.district import load_district
        from .render import emit
        from .report.reports import staff_report

        r = load_rules_opt(rules)
        pops, result, _ = load_district(
            populations, roster, r, None, allow_unknown_sites=allow_unknown_sites
        )
        emit(
            with_notes(staff_report(result, r, lang.value, pops.region)),
            format.value,
            str(output) if output else None,
        )
        return staff_checks(result.warnings, result.totals.shortage, fail_on_shortage)

    run(
        body,
        output=output,
        inputs={"POPULATIONS": populations, "--roster": roster, "--rules": rules},
    )


# --------------------------------------------------------------------------- pay


@app.command()
def pay(
    roster: Annotated[Path, _file_argument("ROSTER", "Roster: YAML, CSV or Excel (.xlsx).")],
    rules: RulesOpt = None,
    as_of: AsOfOpt = None,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            help="Show how every figure of this worker was reached.",
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        By | None, typer.Option("--by", help="Group the table with subtotals.", show_default=False)
    ] = None,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
) -> None:
    """Pay grade and annual employer cost of every worker, exact to the fen."""

    def body() -> int:
        from .calc.pay import pay as compute
        from .io.loading import file_format
        from .io.records import load_roster
        from .io.stream import pay_streamed, too_many_rows
        from .render import emit
        from .report.reports import explain_report, pay_report

        r = load_rules_opt(rules)
        when = option_date(as_of, "--as-of")
        streamed = explain is None and by is None and file_format(roster) == "csv"
        if streamed and format in (Format.csv, Format.json):
            # big rosters: streamed, flat memory, same numbers and bytes as below
            pay_streamed(roster, r, when, str(output) if output else None, format.value)
            return 0
        if streamed:  # a table lists every worker: only when there are not too many
            summary = too_many_rows(roster, r, when, lang.value)
            if summary is not None:
                emit(summary, format.value, str(output) if output else None)
                return 0
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
                result,
                explain,
                r,
                lang.value,
                source=str(roster),
                markdown=format is Format.markdown,
            )
        else:
            report = pay_report(result, r, lang.value, by.value if by else None)
        emit(report, format.value, str(output) if output else None)
        return 0

    run(body, output=output, inputs={"ROSTER": roster, "--rules": rules})


# --------------------------------------------------------------------------- awards

_SHOWN_RECORDED = 50  # recorded rows listed on stderr; the ledger holds them all


@app.command()
def awards(
    roster: Annotated[Path, _file_argument("ROSTER", "Roster: YAML, CSV or Excel (.xlsx).")],
    passes: PassesOpt = None,
    ledger: LedgerOpt = None,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Append the due awards to the --ledger (paid_on = the as-of "
            "date); a second run records nothing.",
        ),
    ] = False,
    new_ledger: Annotated[
        bool,
        typer.Option(
            "--new-ledger",
            help="With --record: start the --ledger if it does not exist yet "
            "(without it, a missing ledger is an error: a mistyped path must not pay twice).",
        ),
    ] = False,
    rules: RulesOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="As-of date, YYYY-MM-DD. Default: today.",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
) -> None:
    """One-off exam-pass awards due, checked against the ledger so none is paid twice."""

    def body() -> int:
        from decimal import Decimal

        from .calc.awards import AwardsResult
        from .calc.awards import awards as compute
        from .io.ledger import record_awards
        from .io.records import load_ledger, load_passes
        from .io.stream import load_roster_for_awards
        from .money import fmt_money
        from .render import emit
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
        recorded = None
        if record and ledger is not None:

            def publish(found: AwardsResult, commit: Callable[[], None]) -> None:
                # the report of what is recorded, worked out under the ledger's lock;
                # the ledger gains its rows only once the report is written
                emit(awards_report(found, r, lang.value), format.value, out, before_publish=commit)

            recorded = record_awards(
                r, workers, extra, ledger, when, new_ledger=new_ledger, publish=publish
            )
            result = recorded.result
        else:
            emit(awards_report(result, r, lang.value), format.value, out)
        if recorded is not None:
            if recorded.rows:
                total = sum((row.amount for row in recorded.rows), Decimal(0))
                print(
                    f"recorded {len(recorded.rows)} award(s), {fmt_money(total)} in total, "
                    f"paid_on {when.isoformat()}, in {ledger}; the ledger now has "
                    f"{recorded.row_count} rows:",
                    file=sys.stderr,
                )
                for row in recorded.rows[:_SHOWN_RECORDED]:
                    print(f"  {row.worker_id} {row.exam} {fmt_money(row.amount)}", file=sys.stderr)
                if len(recorded.rows) > _SHOWN_RECORDED:
                    print(
                        f"  ... and {len(recorded.rows) - _SHOWN_RECORDED} more (see the ledger)",
                        file=sys.stderr,
                    )
            else:
                print(
                    f"recorded nothing: no award is due that {ledger} does not already hold; "
                    f"the ledger has {recorded.row_count} rows",
                    file=sys.stderr,
                )
        elif ledger is not None and result.count_due:
            print(
                f"{result.count_due} award(s) due, {fmt_money(result.due)} in total; "
                "add --record to record them in the ledger",
                file=sys.stderr,
            )
        return 0

    run(
        body,
        output=output,
        inputs={"ROSTER": roster, "--passes": passes, "--ledger": ledger, "--rules": rules},
    )


# --------------------------------------------------------------------------- budget


def parse_cap(text: str | None) -> Any:
    """`--cap 1500000`, `1,500,000.00` or `1_500_000` -> Decimal; anything else is bad input."""
    if text is None:
        return None
    from .values import parse_amount

    try:
        return parse_amount(text, example="1500000 or 1500000.00", grouped=True)
    except ValueError as exc:
        raise InputError([Problem("--cap", "", "", str(exc))]) from None


@app.command()
def budget(
    populations: Annotated[
        Path, _file_argument("POPULATIONS", "Populations file: YAML, CSV or Excel.")
    ],
    roster: Annotated[Path, _file_argument("ROSTER", "Roster: YAML, CSV or Excel (.xlsx).")],
    passes: PassesOpt = None,
    ledger: LedgerOpt = None,
    rules: RulesOpt = None,
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            help="Budget year, 1900-9999. Default: the year of the rules' effective date.",
            metavar="YYYY",
            show_default=False,
        ),
    ] = None,
    cap: Annotated[
        str | None,
        typer.Option(
            "--cap",
            help="Exit 1 when the total is above this amount (equal passes).",
            metavar="AMOUNT",
            show_default=False,
        ),
    ] = None,
    fail_on_shortage: FailOnShortageOpt = False,
    allow_unknown_sites: AllowUnknownSitesOpt = False,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
) -> None:
    """Budget draft: staff cost, new hires for the shortage, awards due, training."""

    def body() -> int:
        from .calc.awards import awards as compute_awards
        from .calc.budget import budget_from_parts, budget_year
        from .io.district import load_district
        from .io.records import load_ledger, load_passes
        from .model import ExamPass, LedgerRow
        from .render import emit
        from .report.reports import budget_report

        limit = parse_cap(cap)
        r = load_rules_opt(rules)
        y = budget_year(r, option_year(year))
        as_of = dt.date(y, 1, 1)

        problems: list[Problem] = []  # every file's problems, reported together
        no_passes: list[ExamPass] = []
        no_rows: list[LedgerRow] = []
        extra = attempt(
            lambda: load_passes(passes, r) if passes else no_passes, problems, no_passes
        )
        paid = attempt(lambda: load_ledger(ledger, r) if ledger else no_rows, problems, no_rows)
        # the roster is told which ids the passes name, rather than sending back all its ids
        wanted = {p.worker_id for p in extra}
        district = attempt(
            lambda: load_district(populations, roster, r, as_of, wanted, allow_unknown_sites),
            problems,
            None,
        )
        if problems or district is None:
            raise InputError(problems)
        _, staff_result, s = district
        assert s is not None
        awards_result = compute_awards(r, s.workers, extra, paid, as_of, roster_ids=s.ids)
        result = budget_from_parts(
            r, y, s.staff_cost, s.headcount, staff_result, awards_result, limit
        )
        report = with_notes(budget_report(result, r, lang.value))
        if staff_result.warnings:  # workers at unknown sites, with --allow-unknown-sites
            data = report.data
            report.data = lambda: {
                **(data() if callable(data) else data),
                "warnings": list(staff_result.warnings),
            }
        emit(
            report,
            format.value,
            str(output) if output else None,
        )
        code = staff_checks(staff_result.warnings, result.shortage, fail_on_shortage)
        if result.cap_ok is False:
            print(f"over the cap: total {result.total} is above --cap {limit}", file=sys.stderr)
            code = EXIT_CHECK_FAILED
        return code

    run(
        body,
        output=output,
        inputs={
            "POPULATIONS": populations,
            "ROSTER": roster,
            "--passes": passes,
            "--ledger": ledger,
            "--rules": rules,
        },
    )


# --------------------------------------------------------------------------- check


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Files to validate.", show_default=False)],
    rules: RulesOpt = None,
) -> None:
    """Validate swplan files (kind told from content); report every problem."""

    def body() -> int:
        from .io.checking import check_file

        r = None
        problems: list[Problem] = []
        try:
            r = load_rules_opt(rules)
        except InputError as exc:
            problems += exc.problems
        for path in files:
            try:
                summary = check_file(path, r)
            except InputError as exc:
                problems += exc.problems
                continue
            print(f"OK {path} ({summary})")
        if problems:
            raise InputError(problems)
        return 0

    run(body)


# --------------------------------------------------------------------------- rules


@rules_app.command("show")
def rules_show(
    rules: RulesOpt = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="yaml or json.", metavar="yaml|json")
    ] = "yaml",
) -> None:
    """Print the effective rules, after `extends`."""

    def body() -> int:
        import json

        import yaml

        from .rules import rules_as_data

        if format not in ("yaml", "json"):
            raise InputError([Problem("--format", "", "", f"{format!r} is not one of: yaml, json")])
        data = rules_as_data(load_rules_opt(rules))
        if format == "json":
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            print(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), end="")
        return 0

    run(body)


def main() -> None:
    # A run is short and builds many small objects that never form cycles; the cyclic
    # collector would only rescan them (2-4x slower bulk loads), so it stays off.
    gc.disable()
    app()
