"""The `swplan` command line: options in, one `commands` function, its outcome shown."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Annotated

import typer

from .. import __version__, commands
from .options import (
    AllowUnknownSitesOpt,
    AsOfOpt,
    By,
    FailOnShortageOpt,
    FormatOpt,
    FromOpt,
    LangOpt,
    LedgerOpt,
    NoTotalsCheckOpt,
    OutputOpt,
    PassesOpt,
    PlanByOpt,
    PopulationsArg,
    RosterArg,
    RulesOpt,
    ScenariosOpt,
    TargetOpt,
    YearsOpt,
)
from .running import (
    _Group,
    hold_standard_streams,
    pick_lang,
    run,
)

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
    no_totals_check: NoTotalsCheckOpt = False,
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
        totals_check=not no_totals_check,
    )


# --------------------------------------------------------------------------- pay


@app.command(epilog="Example: swplan pay roster.xlsx --as-of 2026-01-01 --by site -o pay.xlsx")
def pay(
    roster: RosterArg,
    rules: RulesOpt = None,
    no_totals_check: NoTotalsCheckOpt = False,
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
        totals_check=not no_totals_check,
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
    no_totals_check: NoTotalsCheckOpt = False,
    as_of: AsOfOpt = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """One-off exam-pass awards due, checked against the ledger so none is paid twice."""
    lg = pick_lang(lang)
    run(
        lambda fmt: commands.awards(
            commands.RosterFiles(roster=roster, passes=passes, ledger=ledger, rules=rules, lang=lg),
            record=record,
            new_ledger=new_ledger,
            as_of=as_of,
            fmt=fmt,
            output=output,
        ),
        format,
        output,
        {"ROSTER": roster, "--passes": passes, "--ledger": ledger, "--rules": rules},
        lg,
        totals_check=not no_totals_check,
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
    no_totals_check: NoTotalsCheckOpt = False,
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            help="Budget year, 1900-9999. Default: next year ($SWPLAN_TODAY fixes today).",
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
            commands.DistrictFiles(
                populations=populations,
                roster=roster,
                passes=passes,
                ledger=ledger,
                rules=rules,
                allow_unknown_sites=allow_unknown_sites,
                lang=lg,
                by=by_value,
            ),
            year=year,
            cap=cap,
            fail_on_shortage=fail_on_shortage,
            fmt=fmt,
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
        totals_check=not no_totals_check,
    )


# --------------------------------------------------------------------------- plan


@app.command(epilog="Example: swplan plan populations.yaml roster.yaml --years 5 --lang zh")
def plan(
    populations: PopulationsArg,
    roster: RosterArg,
    passes: PassesOpt = None,
    ledger: LedgerOpt = None,
    rules: RulesOpt = None,
    no_totals_check: NoTotalsCheckOpt = False,
    scenarios: ScenariosOpt = None,
    start: FromOpt = None,
    years: YearsOpt = None,
    target: TargetOpt = None,
    by: PlanByOpt = None,
    allow_unknown_sites: AllowUnknownSitesOpt = False,
    format: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Plan years ahead: posts, hires, certified workers and cost, scenarios side by side."""
    lg = pick_lang(lang)
    run(
        lambda fmt: commands.plan(
            commands.DistrictFiles(
                populations=populations,
                roster=roster,
                passes=passes,
                ledger=ledger,
                rules=rules,
                allow_unknown_sites=allow_unknown_sites,
                lang=lg,
                by=by.value if by else None,
            ),
            scenarios=scenarios,
            start=start,
            years=years,
            targets=target or [],
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
        totals_check=not no_totals_check,
    )


# --------------------------------------------------------------------------- check


@app.command(epilog="Example: swplan check rules.yaml roster.xlsx populations.xlsx passes.xlsx")
def check(
    files: Annotated[
        list[Path],
        typer.Argument(help="Files to validate.", metavar="FILE...", show_default=False),
    ],
    rules: RulesOpt = None,
    no_totals_check: NoTotalsCheckOpt = False,
    lang: LangOpt = None,
) -> None:
    """Validate swplan files (kind told from content); report every problem."""
    lg = pick_lang(lang)
    run(
        lambda fmt: commands.check(files=files, rules=rules, lang=lg),
        "text",
        lang=lg,
        totals_check=not no_totals_check,
    )


# --------------------------------------------------------------------------- init


@app.command(epilog="Example: swplan init 2026 --lang zh")
def init(
    directory: Annotated[
        str,  # not a Path, which reads '' as the current directory
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
    hold_standard_streams()
    app()
