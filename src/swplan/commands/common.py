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

    from ..messages import Text
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
    warnings: Sequence[Text] = field(default_factory=list)


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
    from ..values import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError([Problem(option, "", "", str(exc))]) from None


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
    from ..values import parse_amount

    try:
        return parse_amount(text, example="1500000 or 1500000.00", grouped=True)
    except ValueError as exc:
        raise InputError([Problem("--cap", "", "", str(exc))]) from None


def raise_(problems: list[Problem]) -> Any:
    raise InputError(problems)


def with_notes(report: Report, warnings: list[str] | None = None) -> Report:
    """`report` with the readers' notes so far in its JSON `notes` (an empty list when
    there are none), and with `warnings`, those in its JSON `warnings`."""
    from ..io import notes

    extra: dict[str, Any] = {"notes": notes.peek()}
    if warnings is not None:
        extra["warnings"] = list(warnings)
    data = report.data
    report.data = lambda: {**(data() if callable(data) else data), **extra}
    return report


def load_rules_opt(path: Path | None) -> Rules:
    from ..io.rules_file import load_rules

    return load_rules(path)
