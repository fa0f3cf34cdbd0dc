"""The options the commands share, defined once."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer


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
NoTotalsCheckOpt = Annotated[
    bool,
    typer.Option(
        "--no-totals-check",
        help="A sheet's own grand total (合计) that differs from the rows read is a "
        "warning, not an error. Default: off (an error naming the column and the rows).",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="As-of date, YYYY-MM-DD. Default: today ($SWPLAN_TODAY fixes it).",
        metavar="DATE",
        show_default=False,
    ),
]

RosterArg = Annotated[Path, _file_argument("ROSTER", "Roster: YAML, CSV or Excel (.xlsx).")]
PopulationsArg = Annotated[
    Path, _file_argument("POPULATIONS", "Populations file: YAML, CSV or Excel.")
]

# plan's own options
ScenariosOpt = Annotated[
    Path | None,
    typer.Option(
        "--scenarios",
        help="Scenarios (YAML): 'scenarios: {name: {overrides}}', each merged into the "
        "rules. Default: one scenario, baseline.",
        show_default=False,
    ),
]
FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="First year of the plan, 1900-9999. Default: next year.",
        metavar="YYYY",
        show_default=False,
    ),
]
YearsOpt = Annotated[
    str | None,
    typer.Option(
        "--years",
        help="Number of years, 1-30. Default: plan.years of the rules (national: 5).",
        metavar="N",
        show_default=False,
    ),
]
TargetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--target",
        help="METRIC OP VALUE@YEAR[:SCENARIO], e.g. shortage<=0@2028 or "
        "per_10k>=18@2030:baseline (OP: <= >= < > ==); repeatable; exit 1 when one "
        "fails in a scenario it checks (every scenario, or the one named).",
        metavar="EXPR",
        show_default=False,
    ),
]
PlanByOpt = Annotated[
    By | None,
    typer.Option(
        "--by",
        help="Also each site's figures year by year (clients, posts, workers, cost). "
        "Default: the district's only.",
        metavar="site",
        show_default=False,
    ),
]
