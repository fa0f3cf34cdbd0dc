"""The `swplan` command line: each command loads, computes, renders, returns an exit code."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from . import __version__
from .errors import EXIT_BAD_INPUT, EXIT_CHECK_FAILED, InputError, Problem

app = typer.Typer(
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


def _existing(help_text: str) -> Any:
    return typer.Argument(help=help_text, show_default=False)


RulesOpt = Annotated[
    Path | None,
    typer.Option("--rules", help="Rules file (YAML). Default: the built-in national rules.",
                 show_default=False),
]
FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.",
                 show_default=False),
]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of labels.", case_sensitive=False)]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="As-of date, YYYY-MM-DD.", metavar="DATE", show_default=False),
]

T = TypeVar("T")


def report_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(str(problem), file=sys.stderr)


def run(body: Callable[[], int | None]) -> None:
    """Run a command body; bad input becomes one line per problem and exit 2."""
    try:
        code = body() or 0
    except InputError as exc:
        report_problems(exc.problems)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except BrokenPipeError:  # `swplan ... | head`
        sys.stderr.close()
        raise typer.Exit(0) from None
    raise typer.Exit(code)


def option_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    from .rules import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError([Problem(option, "", "", str(exc))]) from None


def load_rules_opt(path: Path | None) -> Any:
    from .rules import load_rules

    return load_rules(path)


def version_callback(value: bool) -> None:
    if value:
        print(f"swplan {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    """Posts, pay grades, exam awards and budget drafts for social-work organisations."""


# --------------------------------------------------------------------------- staff


@app.command()
def staff(
    populations: Annotated[Path, _existing("Populations file: YAML, CSV or Excel.")],
    roster: Annotated[
        Path | None,
        typer.Option("--roster", help="Roster (YAML, CSV or Excel): adds current staff and gaps.",
                     show_default=False),
    ] = None,
    rules: RulesOpt = None,
    fail_on_shortage: Annotated[
        bool, typer.Option("--fail-on-shortage", help="Exit 1 when any site is short of posts.")
    ] = False,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
) -> None:
    """Posts each site needs: one social worker per 20 clients, mixed posts for the rest."""

    def body() -> int:
        from .inputs import load_populations, load_roster
        from .render import emit
        from .reports import staff_report
        from .staffing import staff as compute

        r = load_rules_opt(rules)
        pops = load_populations(populations, r)
        workers = load_roster(roster, r) if roster else None
        result = compute(r, pops.sites, workers)
        emit(staff_report(result, r, lang.value, pops.region), format.value,
             str(output) if output else None)
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if fail_on_shortage and workers is not None and (result.totals.shortage or 0) > 0:
            print(f"shortage: {result.totals.shortage} posts short across the sites",
                  file=sys.stderr)
            return EXIT_CHECK_FAILED
        return 0

    run(body)


# --------------------------------------------------------------------------- pay


@app.command()
def pay(
    roster: Annotated[Path, _existing("Roster: YAML, CSV or Excel (.xlsx).")],
    rules: RulesOpt = None,
    as_of: AsOfOpt = None,
    explain: Annotated[
        str | None,
        typer.Option("--explain", help="Show how every figure of this worker was reached.",
                     metavar="ID", show_default=False),
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
        from .inputs import load_roster
        from .pay import pay as compute
        from .render import Report, View, emit
        from .reports import explain_lines, pay_report, pay_row_json

        r = load_rules_opt(rules)
        when = option_date(as_of, "--as-of")
        workers = load_roster(roster, r)
        result = compute(r, workers, when)
        if explain is not None:
            matches = [(w, p) for w, p in zip(workers, result.workers, strict=True) if w.id == explain]
            if not matches:
                raise InputError([Problem("--explain", "", "", f"no worker with id {explain!r} in {roster}")])
            w, p = matches[0]
            lines = list(explain_lines(p.id, p.name, p.figures, r, result.as_of, w.hired))
            data = pay_row_json(p.id, p.name, p.site, p.figures, r)
            report = Report(
                {"schema": "swplan.pay/1", "as_of": result.as_of.isoformat(), "rules": r.name,
                 "workers": [data], "totals": None},
                [data],
                [View(title=lines[0], columns=[], rows=[], notes=lines[1:])],
            )
            if format.value in ("json", "csv"):
                from .reports import pay_totals_json

                report.data["totals"] = pay_totals_json(
                    {k: getattr(p.figures, k) for k in result.totals}, 1)
            emit(report, format.value, str(output) if output else None)
            return 0
        emit(pay_report(result, r, lang.value, by.value if by else None), format.value,
             str(output) if output else None)
        return 0

    run(body)


# --------------------------------------------------------------------------- check


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Files to validate.", show_default=False)],
    rules: RulesOpt = None,
) -> None:
    """Validate swplan files (kind told from content); report every problem."""

    def body() -> int:
        from .checking import check_file

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
    app()
