"""What a plan reads of a populations row: the residents of the site's area, its posts
cap (编制数), the years it opens and closes, and its own yearly client growth per
category (`growth.CATEGORY`). `staff` and `budget` read the same sites and ignore them.

Each cell is judged once per distinct text, as the counts of clients are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from ..messages import Text, msg
from ..rules import parse_growth
from ..values import parse_count, parse_integer
from .headers import GROWTH

MAX_RESIDENTS = 2_000_000_000
MAX_POSTS = 10_000_000
_SINGLE = msg("file.single")

Judged = tuple[Any, Text | None]  # (value, problem)


def _residents(text: str) -> Any:
    return parse_count(text, MAX_RESIDENTS)


def _posts(text: str) -> Any:
    return parse_count(text, MAX_POSTS)


def _year(text: str) -> int:
    try:
        year = parse_integer(text)
    except ValueError:
        year = 0
    if not 1900 <= year <= 9999:
        raise ValueError(msg("plan.not_a_year", value=text))
    return year


def _growth(text: str) -> Decimal:
    return parse_growth(text)


_PARSERS: dict[str, Callable[[str], Any]] = {
    "residents": _residents,
    "posts_cap": _posts,
    "opens": _year,
    "closes": _year,
}


class SitePlanRules:
    """The plan's cells of a populations row, each judged once per distinct text."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, str], Judged] = {}

    def cell(self, column: str, cell: Any) -> Judged:
        """(value or None for an empty cell, problem)."""
        if cell is None:
            return None, None
        if not isinstance(cell, str):
            return None, _SINGLE
        kind = "growth" if column.startswith(GROWTH) else column
        found = self._known.get((kind, cell))
        if found is None:
            text = cell.strip()
            parse = _PARSERS.get(kind, _growth)
            try:
                found = (parse(text) if text else None, None)
            except ValueError as exc:
                reason: Text = exc.args[0] if exc.args else str(exc)  # a str or a Msg
                found = (None, reason)
            self._known[(kind, cell)] = found
        return found

    def of_cells(
        self, cells: Sequence[tuple[str, Any]]
    ) -> tuple[dict[str, Any] | None, list[tuple[str, Text]]]:
        """The `Site` fields of a row's plan cells (None: none given), and the problems
        as (column, what is wrong)."""
        out: dict[str, Any] = {}
        growth: dict[str, Decimal] = {}
        wrong: list[tuple[str, Text]] = []
        for column, cell in cells:
            value, problem = self.cell(column, cell)
            if problem is not None:
                wrong.append((column, problem))
            elif value is None:
                continue
            elif column.startswith(GROWTH):
                growth[column[len(GROWTH) :]] = value
            else:
                out[column] = value
        opens, closes = out.get("opens"), out.get("closes")
        if opens is not None and closes is not None and closes <= opens:
            wrong.append(("closes", msg("plan.closes_before_opens", opens=opens, closes=closes)))
        if growth:
            out["growth"] = growth
        return (out or None), wrong
