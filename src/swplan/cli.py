"""The `swplan` command line: options in, one `commands` function, its outcome shown."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__, commands
from .commands import Outcome
from .errors import EXIT_BAD_INPUT, InputError, Problem


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

RosterArg = Annotated[Path, _file_argument("ROSTER", "Roster: YAML, CSV or Excel (.xlsx).")]
PopulationsArg = Annotated[
    Path, _file_argument("POPULATIONS", "Populations file: YAML, CSV or Excel.")
]


def show(outcome: Outcome, fmt: str, output: Path | None) -> int:
    """Write the outcome to `output` (atomically) or stdout; its messages go to stderr."""
    target = str(output) if output else None
    if outcome.write is not None:
        outcome.write(target)
    elif outcome.report is not None:
        from .render import emit

        emit(outcome.report, fmt, target)
    elif outcome.text is not None:
        sys.stdout.write(outcome.text)
    messages = outcome.messages() if callable(outcome.messages) else outcome.messages
    for line in messages:
        print(line, file=sys.stderr)
    return outcome.code


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


def run(
    command: Callable[[], Outcome],
    fmt: str = "table",
    output: Path | None = None,
    inputs: dict[str, Any] | None = None,
) -> None:
    """Run a command and show its outcome; bad input, unreadable or unwritable files become
    one line per problem and exit 2. `inputs` (option -> path or paths) may not be the
    `output`."""
    try:
        if output is not None and inputs:
            from .io.atomic import output_clash

            clash = output_clash(str(output), inputs)
            if clash is not None:
                raise InputError([clash])
        code = show(command(), fmt, output)
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
    populations: PopulationsArg,
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
    run(
        lambda: commands.staff(
            populations, roster, rules, fail_on_shortage, lang.value, allow_unknown_sites
        ),
        format.value,
        output,
        {"POPULATIONS": populations, "--roster": roster, "--rules": rules},
    )


# --------------------------------------------------------------------------- pay


@app.command()
def pay(
    roster: RosterArg,
    rules: RulesOpt = None,
    as_of: AsOfOpt = None,
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            help="Cost this calendar year (1900-9999) month by month: steps rising on "
            "anniversaries, dated rule changes, hires during the year. Not with --as-of.",
            metavar="YYYY",
            show_default=False,
        ),
    ] = None,
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
    by_value = by.value if by else None
    run(
        lambda: commands.pay(
            roster, rules, as_of, explain, by_value, format.value, lang.value, year
        ),
        format.value,
        output,
        {"ROSTER": roster, "--rules": rules},
    )


# --------------------------------------------------------------------------- awards


@app.command()
def awards(
    roster: RosterArg,
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
    run(
        lambda: commands.awards(
            roster,
            passes,
            ledger,
            record,
            new_ledger,
            rules,
            as_of,
            format.value,
            output,
            lang.value,
        ),
        format.value,
        output,
        {"ROSTER": roster, "--passes": passes, "--ledger": ledger, "--rules": rules},
    )


# --------------------------------------------------------------------------- budget


@app.command()
def budget(
    populations: PopulationsArg,
    roster: RosterArg,
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
    run(
        lambda: commands.budget(
            populations,
            roster,
            passes,
            ledger,
            rules,
            year,
            cap,
            fail_on_shortage,
            lang.value,
            allow_unknown_sites,
        ),
        format.value,
        output,
        {
            "POPULATIONS": populations,
            "ROSTER": roster,
            "--passes": passes,
            "--ledger": ledger,
            "--rules": rules,
        },
    )


# --------------------------------------------------------------------------- plan


@app.command()
def plan(
    populations: Annotated[
        Path, _file_argument("POPULATIONS", "Populations file: YAML, CSV or Excel.")
    ],
    roster: Annotated[Path, _file_argument("ROSTER", "Roster: YAML, CSV or Excel (.xlsx).")],
    passes: PassesOpt = None,
    ledger: LedgerOpt = None,
    rules: RulesOpt = None,
    scenarios: Annotated[
        Path | None,
        typer.Option(
            "--scenarios",
            help="Scenarios (YAML): 'scenarios: {name: {overrides}}', each merged into the "
            "rules. Default: one scenario, baseline.",
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        int | None,
        typer.Option(
            "--from",
            help="First year of the plan. Default: the year of the rules' effective date.",
            metavar="YYYY",
            min=1900,
            max=9999,
            show_default=False,
        ),
    ] = None,
    years: Annotated[
        int | None,
        typer.Option(
            "--years",
            help="Number of years. Default: plan.years of the rules (national: 5).",
            metavar="N",
            min=1,
            max=100,
            show_default=False,
        ),
    ] = None,
    target: Annotated[
        list[str] | None,
        typer.Option(
            "--target",
            help="METRIC OP VALUE@YEAR, e.g. shortage<=0@2028 (OP: <= >= < > ==); "
            "repeatable; exit 1 when one fails in any scenario.",
            metavar="EXPR",
            show_default=False,
        ),
    ] = None,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
) -> None:
    """Plan years ahead: posts, hires, certified workers and cost, scenarios side by side."""
    run(
        lambda: commands.plan(
            populations,
            roster,
            passes,
            ledger,
            rules,
            scenarios,
            start,
            years,
            target or [],
            lang.value,
        ),
        format.value,
        output,
        {
            "POPULATIONS": populations,
            "ROSTER": roster,
            "--passes": passes,
            "--ledger": ledger,
            "--rules": rules,
            "--scenarios": scenarios,
        },
    )


# --------------------------------------------------------------------------- check


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Files to validate.", show_default=False)],
    rules: RulesOpt = None,
) -> None:
    """Validate swplan files (kind told from content); report every problem."""
    run(lambda: commands.check(files, rules))


# --------------------------------------------------------------------------- rules


@rules_app.command("show")
def rules_show(
    rules: RulesOpt = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="yaml or json.", metavar="yaml|json")
    ] = "yaml",
) -> None:
    """Print the effective rules, after `extends`."""
    run(lambda: commands.rules_show(rules, format))


def main() -> None:
    # A run is short and builds many small objects that never form cycles; the cyclic
    # collector would only rescan them (2-4x slower bulk loads), so it stays off.
    gc.disable()
    app()
