"""What every command shares: its `Outcome`, reading several files with every problem
reported together, and one parser for each kind of option value (a date, a year, a
number of years, an amount)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import EXIT_CHECK_FAILED, InputError, Problem
from ..messages import Text, msg

if TYPE_CHECKING:
    from decimal import Decimal

    from ..render_view import Report
    from ..rules import Rules

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
    messages: Sequence[Text] | Callable[[], Sequence[Text]] = field(default_factory=list)
    write: Callable[[str | None], Any] | None = None
    text: str | None = None
    # warnings: on stderr unless the report on stdout shows them in its notes
    warnings: list[Any] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class RosterFiles:
    """The files a command that reads a roster shares with the others (`awards`), and
    the language of its output."""

    roster: Path
    passes: Path | None
    ledger: Path | None
    rules: Path | None
    lang: str


@dataclass(frozen=True, kw_only=True)
class DistrictFiles(RosterFiles):
    """The files and options `budget` and `plan` share: a roster with the populations
    of its sites, whether a worker at a site in no populations file is only a warning,
    and `by` (`site`: each site's figures too)."""

    populations: Path
    allow_unknown_sites: bool = False
    by: str | None = None


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


def staff_checks(shortage: int | None, fail_on_shortage: bool) -> tuple[list[Text], int]:
    """With --fail-on-shortage, exit 1 when posts are short."""
    if fail_on_shortage and shortage:  # None: no roster, so nothing to be short of
        return [msg("staff.shortage", n=shortage)], EXIT_CHECK_FAILED
    return [], 0


def option_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    from ..values import parse_date, reason

    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError([Problem(option, "", "", reason(exc))]) from None


def today() -> dt.date:
    """Today's date, or `SWPLAN_TODAY=YYYY-MM-DD` (for tests and documents that must
    read the same tomorrow)."""
    import os

    value = os.environ.get("SWPLAN_TODAY", "").strip()
    if not value:
        return dt.date.today()
    day = option_date(value, "SWPLAN_TODAY")
    assert day is not None
    return day


@dataclass
class Judged:
    """The day a run judges, or the year it costs, and what to say of it: every output
    states it (a title, the JSON's `as_of` or `year`); a CSV, which has no place for it,
    gets `said` on stderr after it, when the day is the default."""

    day: dt.date
    year: int
    said: list[Any] = field(default_factory=list)

    def messages(self, fmt: str) -> list[Any]:
        return list(self.said) if fmt == "csv" else []


def judged_day(as_of: str | None, option: str = "--as-of") -> Judged:
    """The day `pay` and `awards` judge: `--as-of`, else today."""
    given = option_date(as_of, option)
    if given is not None:
        return Judged(given, given.year)
    day = today()
    return Judged(day, day.year, [msg("bureau.as_of_today", day=day.isoformat(), option=option)])


def costed_year(year: str | None, option: str = "--year") -> Judged:
    """The year `budget` and `plan` cost: `--year` (`--from`), else the year after
    today's (a budget is drafted for the year ahead)."""
    given = option_year(year, option)
    if given is not None:
        return Judged(dt.date(given, 12, 31), given)
    day = today()
    said = msg("bureau.next_year", year=day.year + 1, day=day.isoformat(), option=option)
    return Judged(dt.date(day.year + 1, 12, 31), day.year + 1, [said])


def option_year(value: str | None, option: str = "--year") -> int | None:
    """`--year 2026` (and `--from 2026`): the one year parser of every option;
    `2026.0`, `２０２６x` or `20260` are refused."""
    if value is None:
        return None
    text = value.strip()
    if not (len(text) == 4 and text.isascii() and text.isdigit() and text >= "1900"):
        raise InputError([Problem(option, "", "", msg("option.not_a_year", value=value))])
    return int(text)


def option_count(value: str | None, option: str, *, least: int, most: int) -> int | None:
    """A whole number of things from an option (`--years 5`); `5.0` is refused."""
    if value is None:
        return None
    text = value.strip()
    if not (text.isascii() and text.isdigit() and least <= int(text) <= most):
        raise InputError(
            [
                Problem(
                    option, "", "", msg("option.not_a_count", value=value, least=least, most=most)
                )
            ]
        )
    return int(text)


def parse_cap(text: str | None) -> Decimal | None:
    """`--cap 1500000`, `1,500,000.00` or `1_500_000` -> Decimal; anything else is bad input."""
    if text is None:
        return None
    from ..values import parse_amount, reason

    try:
        return parse_amount(text, example="1500000 or 1500000.00", grouped=True)
    except ValueError as exc:
        raise InputError([Problem("--cap", "", "", reason(exc))]) from None


def later_than(problems: list[Problem], year: int | None, option: str) -> list[Problem]:
    """The problems of a pass dated after the day judged, worded for a command that
    costs a year: the option that moves the day is `--year` (`--from`), not `--as-of`."""
    from dataclasses import replace

    from ..messages import Msg

    out = []
    for p in problems:
        m = p.message
        if isinstance(m, Msg) and m.key == "calc.pass_in_future" and year is not None:
            m = msg("bureau.pass_after_year", **m.args, year=year, option=option)
            p = replace(p, message=m)
        out.append(p)
    return out


def warning_lines(warnings: list[Any]) -> list[Any]:
    """Warnings as lines after the output (`warning: ...`), for a report that has no
    place for them (pay, awards)."""
    return [msg("bureau.warning", text=w) for w in warnings]


def raise_(problems: list[Problem]) -> Any:
    raise InputError(problems)


def with_notes(report: Report, warnings: list[str] | None = None) -> Report:
    """`report` with the readers' notes so far in its JSON `notes` (an empty list when
    there are none), and with `warnings`, those in its JSON `warnings`."""
    from ..identity import mask_text
    from ..io import notes

    extra: dict[str, Any] = {"notes": [mask_text(n) for n in notes.peek()]}
    if warnings is not None:
        extra["warnings"] = [mask_text(str(w)) for w in warnings]
    data = report.data
    report.data = lambda: {**(data() if callable(data) else data), **extra}
    return report


def load_rules_opt(path: Path | None) -> Rules:
    from ..io.rules_file import load_rules

    return load_rules(path)
