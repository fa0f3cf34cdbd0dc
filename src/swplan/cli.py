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


def _plain_help() -> None:
    """Help without type noise: `ROSTER`, not `{ROSTER} <path>`; `--record`, not `--record <bool>`.

    Typer prints a type after every parameter and wraps required arguments in braces
    in the usage line; swplan names each value in its metavar (FILE, DATE, ...) instead.
    """
    from typer import core

    def argument_usage(self: Any) -> str:
        name = str(self.display_name_raw)
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    def argument_type(self: Any, ctx: Any) -> str | None:
        return None

    def option_type(self: Any, ctx: Any) -> str | None:
        if self.is_flag or self.count:
            return None
        return str(self.metavar) if self.metavar is not None else "VALUE"

    if hasattr(core, "TyperArgument") and hasattr(core, "TyperOption"):
        setattr(core.TyperArgument, "_usage_display_name", argument_usage)  # noqa: B010
        setattr(core.TyperArgument, "display_type_rich", argument_type)  # noqa: B010
        setattr(core.TyperOption, "display_type_rich", option_type)  # noqa: B010


_plain_help()


def _argv_lang(args: Any) -> str:
    """The language a command line asks for (`--lang zh`), before it is parsed."""
    from .i18n import env_lang

    argv = list(args) if args is not None else sys.argv[1:]
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "zh" if str(argv[i + 1]).lower() == "zh" else "en"
        if str(arg).lower() == "--lang=zh":
            return "zh"
    return env_lang()


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
            if _argv_lang(kwargs.get("args", args[0] if args else None)) == "zh":
                from .i18n import zh

                print(f"错误：{zh(message + where)}", file=sys.stderr)
            else:
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
    "Inputs are YAML, CSV or Excel; outputs are tables, JSON, CSV, Markdown or Excel "
    "workbooks, in English or Chinese (--lang zh). "
    "Exit codes: 0 success, 1 a check failed (--cap, --fail-on-shortage, a plan --target), "
    "2 bad input.\n\n"
    "Start a new set of files with: swplan init DIR --lang zh",
    no_args_is_help=True,
    add_completion=True,
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
    xlsx = "xlsx"


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
        metavar="FILE",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: the one --output's extension names "
        "(.txt .json .csv .md .xlsx), else table.",
        metavar="table|json|csv|markdown|xlsx",
        case_sensitive=False,
        show_default=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically; `-`, a device or a FIFO in place) "
        "instead of stdout. It may not be any input of the run. Default: stdout.",
        metavar="FILE",
        show_default=False,
        readable=False,  # it is written, never read
    ),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Language of every word printed. Default: $SWPLAN_LANG, else en.",
        metavar="zh|en",
        case_sensitive=False,
        show_default=False,
    ),
]
AllowUnknownSitesOpt = Annotated[
    bool,
    typer.Option(
        "--allow-unknown-sites",
        help="A worker at a site in no populations file is a warning, not an error. Default: off.",
        show_default=False,
    ),
]
FailOnShortageOpt = Annotated[
    bool,
    typer.Option(
        "--fail-on-shortage",
        help="Exit 1 when any site is short of posts. Default: off.",
        show_default=False,
    ),
]
PassesOpt = Annotated[
    Path | None,
    typer.Option(
        "--passes",
        help="Exam passes (YAML, CSV or Excel), added to the roster's own exams. Default: none.",
        metavar="FILE",
        show_default=False,
    ),
]
LedgerOpt = Annotated[
    Path | None,
    typer.Option(
        "--ledger",
        help="Ledger of awards already paid (CSV). Read, a missing file is empty; "
        "only `awards --record` writes to it (appending; --new-ledger to start one). "
        "Default: none.",
        metavar="FILE",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="As-of date, YYYY-MM-DD. Default: the rules' effective date.",
        metavar="DATE",
        show_default=False,
    ),
]

RosterArg = Annotated[Path, _file_argument("ROSTER", "Roster: YAML, CSV or Excel (.xlsx).")]
PopulationsArg = Annotated[
    Path, _file_argument("POPULATIONS", "Populations file: YAML, CSV or Excel.")
]


def show(outcome: Outcome, fmt: str, output: Path | None, lang: str = "en") -> int:
    """Write the outcome to `output` (atomically) or stdout; its messages go to stderr.

    Its warnings go there too, unless the report on stdout showed them in its notes.
    """
    from .i18n import message

    target = str(output) if output else None
    shown = False
    if outcome.write is not None:
        outcome.write(target)
    elif outcome.report is not None:
        from .render import emit

        shown = emit(outcome.report, fmt, target)
    elif outcome.text is not None:
        sys.stdout.write(outcome.text)
    if not shown:
        prefix = "注意：" if lang == "zh" else "warning: "
        for warning in outcome.warnings:
            print(prefix + message(warning, lang), file=sys.stderr)
    messages = outcome.messages() if callable(outcome.messages) else outcome.messages
    for line in messages:
        print(message(line, lang), file=sys.stderr)
    return outcome.code


SAME_PROBLEM_SHOWN = 3  # a problem repeated on many rows is shown this often, then counted


def report_problems(problems: list[Problem], lang: str = "en") -> None:
    """One line per problem; the same problem on many rows (a header that is not the
    header gives every row the wrong width) is shown a few times, then counted."""
    from .i18n import problem_line

    seen: dict[tuple[str, str, str], int] = {}
    for problem in problems:
        key = (problem.file, problem.path, str(problem.message))
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= SAME_PROBLEM_SHOWN:
            print(problem_line(problem, lang), file=sys.stderr)
    for (file, path, _), count in seen.items():
        if count > SAME_PROBLEM_SHOWN:
            more = count - SAME_PROBLEM_SHOWN
            extra = Problem(file, "", path, f"... and {more} more like it")
            print(problem_line(extra, lang), file=sys.stderr)


def print_notes(lang: str = "en") -> None:
    """What the readers skipped or ignored, one `note:` line each, on stderr."""
    from .i18n import message
    from .io import notes

    prefix = "说明：" if lang == "zh" else "note: "
    for note in notes.take():
        print(prefix + message(note, lang), file=sys.stderr)


def pick_lang(lang: Lang | None) -> str:
    from .i18n import env_lang

    return lang.value if lang is not None else env_lang()


def pick_format(fmt: Format | None, output: Path | None) -> str:
    from .render import resolve_format

    return resolve_format(fmt.value if fmt else None, str(output) if output else None)


def run(
    command: Callable[[str], Outcome],
    fmt: Format | str | None = None,
    output: Path | None = None,
    inputs: dict[str, Any] | None = None,
    lang: str = "en",
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
        # a Format (or None) is the report's --format; a plain word names no report format
        chosen = pick_format(fmt, output) if fmt is None or isinstance(fmt, Format) else fmt
        code = show(command(chosen), chosen, output, lang)
    except InputError as exc:
        print_notes(lang)
        report_problems(exc.problems, lang)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except BrokenPipeError:  # `swplan ... | head`
        sys.stderr.close()
        raise typer.Exit(0) from None
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # the last line of "never a traceback"
        print_notes(lang)
        report_problems([unexpected(exc)], lang)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    print_notes(lang)
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


@app.command(
    epilog="Example: swplan staff populations.xlsx --roster roster.xlsx --lang zh -o staff.xlsx"
)
def staff(
    populations: PopulationsArg,
    roster: Annotated[
        Path | None,
        typer.Option(
            "--roster",
            help="Roster (YAML, CSV or Excel): adds current staff and gaps. Default: none.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    rules: RulesOpt = None,
    fail_on_shortage: FailOnShortageOpt = False,
    allow_unknown_sites: AllowUnknownSitesOpt = False,
    format: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Posts each site needs: one social worker per 20 clients, mixed posts for the rest."""
    lg = pick_lang(lang)
    run(
        lambda fmt: commands.staff(
            populations=populations,
            roster=roster,
            rules=rules,
            fail_on_shortage=fail_on_shortage,
            lang=lg,
            allow_unknown_sites=allow_unknown_sites,
        ),
        format,
        output,
        {"POPULATIONS": populations, "--roster": roster, "--rules": rules},
        lg,
    )


# --------------------------------------------------------------------------- pay


@app.command(epilog="Example: swplan pay roster.xlsx --as-of 2026-01-01 --by site -o pay.xlsx")
def pay(
    roster: RosterArg,
    rules: RulesOpt = None,
    as_of: AsOfOpt = None,
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            help="Cost this calendar year (1900-9999) month by month: steps rising on "
            "anniversaries, dated rule changes, hires during the year. Not with --as-of. "
            "Default: the run rate at --as-of.",
            metavar="YYYY",
            show_default=False,
        ),
    ] = None,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            help="Show how every figure of this worker was reached. Default: every worker.",
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        By | None,
        typer.Option(
            "--by",
            help="Group the workers by site, with subtotals. Default: no grouping.",
            metavar="site",
            show_default=False,
        ),
    ] = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Pay grade and annual employer cost of every worker, exact to the fen."""
    by_value = by.value if by else None
    lg = pick_lang(lang)
    run(
        lambda fmt: commands.pay(
            roster=roster,
            rules=rules,
            as_of=as_of,
            explain=explain,
            by=by_value,
            fmt=fmt,
            lang=lg,
            year=year,
        ),
        format,
        output,
        {"ROSTER": roster, "--rules": rules},
        lg,
    )


# --------------------------------------------------------------------------- awards


@app.command(
    epilog="Example: swplan awards roster.xlsx --passes passes.xlsx --ledger ledger.csv --record"
)
def awards(
    roster: RosterArg,
    passes: PassesOpt = None,
    ledger: LedgerOpt = None,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Append the due awards to the --ledger (paid_on = the as-of "
            "date); a second run records nothing. Default: off (nothing is written).",
            show_default=False,
        ),
    ] = False,
    new_ledger: Annotated[
        bool,
        typer.Option(
            "--new-ledger",
            help="With --record: start the --ledger if it does not exist yet "
            "(without it, a missing ledger is an error: a mistyped path must not pay twice). "
            "Default: off.",
            show_default=False,
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
    format: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """One-off exam-pass awards due, checked against the ledger so none is paid twice."""
    lg = pick_lang(lang)
    run(
        lambda fmt: commands.awards(
            roster=roster,
            passes=passes,
            ledger=ledger,
            record=record,
            new_ledger=new_ledger,
            rules=rules,
            as_of=as_of,
            fmt=fmt,
            output=output,
            lang=lg,
        ),
        format,
        output,
        {"ROSTER": roster, "--passes": passes, "--ledger": ledger, "--rules": rules},
        lg,
    )


# --------------------------------------------------------------------------- budget


@app.command(
    epilog="Example: swplan budget populations.xlsx roster.xlsx --passes passes.xlsx "
    "--by site -o budget.xlsx"
)
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
            help="Exit 1 when the total is above this amount (equal passes). Default: no cap.",
            metavar="AMOUNT",
            show_default=False,
        ),
    ] = None,
    fail_on_shortage: FailOnShortageOpt = False,
    by: Annotated[
        By | None,
        typer.Option(
            "--by",
            help="Also each site's own budget (its staff, new hires, awards and training). "
            "Default: the district's lines only.",
            metavar="site",
            show_default=False,
        ),
    ] = None,
    allow_unknown_sites: AllowUnknownSitesOpt = False,
    format: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Budget draft: staff cost, new hires for the shortage, awards due, training."""
    lg = pick_lang(lang)
    by_value = by.value if by else None
    run(
        lambda fmt: commands.budget(
            populations=populations,
            roster=roster,
            passes=passes,
            ledger=ledger,
            rules=rules,
            year=year,
            cap=cap,
            fail_on_shortage=fail_on_shortage,
            lang=lg,
            allow_unknown_sites=allow_unknown_sites,
            by=by_value,
        ),
        format,
        output,
        {
            "POPULATIONS": populations,
            "ROSTER": roster,
            "--passes": passes,
            "--ledger": ledger,
            "--rules": rules,
        },
        lg,
    )


# --------------------------------------------------------------------------- plan


@app.command(epilog="Example: swplan plan populations.yaml roster.yaml --years 5 --lang zh")
def plan(
    populations: PopulationsArg,
    roster: RosterArg,
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
        str | None,
        typer.Option(
            "--from",
            help="First year of the plan, 1900-9999. Default: the year of the rules' "
            "effective date.",
            metavar="YYYY",
            show_default=False,
        ),
    ] = None,
    years: Annotated[
        str | None,
        typer.Option(
            "--years",
            help="Number of years, 1-100. Default: plan.years of the rules (national: 5).",
            metavar="N",
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
    allow_unknown_sites: AllowUnknownSitesOpt = False,
    format: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Plan years ahead: posts, hires, certified workers and cost, scenarios side by side."""
    lg = pick_lang(lang)
    run(
        lambda fmt: commands.plan(
            populations=populations,
            roster=roster,
            passes=passes,
            ledger=ledger,
            rules=rules,
            scenarios=scenarios,
            start=start,
            years=years,
            targets=target or [],
            lang=lg,
            allow_unknown_sites=allow_unknown_sites,
        ),
        format,
        output,
        {
            "POPULATIONS": populations,
            "ROSTER": roster,
            "--passes": passes,
            "--ledger": ledger,
            "--rules": rules,
            "--scenarios": scenarios,
        },
        lg,
    )


# --------------------------------------------------------------------------- check


@app.command(epilog="Example: swplan check rules.yaml roster.xlsx populations.xlsx passes.xlsx")
def check(
    files: Annotated[
        list[Path],
        typer.Argument(help="Files to validate.", metavar="FILE...", show_default=False),
    ],
    rules: RulesOpt = None,
    lang: LangOpt = None,
) -> None:
    """Validate swplan files (kind told from content); report every problem."""
    lg = pick_lang(lang)
    run(lambda fmt: commands.check(files=files, rules=rules, lang=lg), "text", lang=lg)


# --------------------------------------------------------------------------- init


@app.command(epilog="Example: swplan init 2026 --lang zh")
def init(
    directory: Annotated[
        Path,
        typer.Argument(
            help="Directory for the new files (created if missing; no file is overwritten).",
            metavar="DIR",
            show_default=False,
        ),
    ],
    lang: LangOpt = None,
) -> None:
    """Start a new set of files: rules, roster, populations and passes workbooks to fill in."""
    lg = pick_lang(lang)
    run(lambda fmt: commands.init(directory=directory, lang=lg), "text", lang=lg)


# --------------------------------------------------------------------------- rules


@rules_app.command("show", epilog="Example: swplan rules show --rules rules.yaml --format json")
def rules_show(
    rules: RulesOpt = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="yaml or json. Default: yaml.",
            metavar="yaml|json",
            show_default=False,
        ),
    ] = "yaml",
    lang: LangOpt = None,
) -> None:
    """Print the effective rules, after `extends`."""
    run(lambda fmt: commands.rules_show(rules=rules, fmt=format), "text", lang=pick_lang(lang))


# --------------------------------------------------------------------------- schema


@app.command(epilog="Example: swplan schema budget > swplan.budget-2.json")
def schema(
    name: Annotated[
        str | None,
        typer.Argument(
            help="The schema: swplan.budget/2, its file name swplan.budget-2.json, or a "
            "command (budget, rules) for its latest version. Default: list them.",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Print the JSON Schema of a JSON output or of the rules file; without NAME, list them."""
    lg = pick_lang(lang)
    run(lambda fmt: commands.schema(name=name, lang=lg), "text", lang=lg)


def main() -> None:
    # A run is short and builds many small objects that never form cycles; the cyclic
    # collector would only rescan them (2-4x slower bulk loads), so it stays off.
    gc.disable()
    app()
