"""Notes about what a reader skipped or ignored (a totals row, an unused column), and the
warnings a reader gives instead of an error when the run asks it to.

Nothing swplan skips is skipped silently: each reader adds a note here (a message of
the catalogue, or a plain sentence), and the command prints them on stderr as `note:`
lines in the run's language (and `staff` and `budget` list them, in English, in their
JSON `notes`). One run is one process, so one list serves it.

A sheet's own total that disagrees with what was read is an error, unless the run
gives `--no-totals-check` (`check_totals(False)`): then it is a warning (`warn`), which
the command lists with its own warnings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import Problem
from ..messages import Localized

_pending: list[Any] = []
_warnings: list[Any] = []
_strict = [True]


def add(notes: Iterable[Any]) -> None:
    for note in notes:
        if all(str(note) != str(seen) for seen in _pending):
            _pending.append(note)


def take() -> list[Any]:
    """The notes so far, in the order they were made; the list starts again empty."""
    out = list(_pending)
    _pending.clear()
    return out


def peek() -> list[str]:
    """The notes so far as English text (the JSON `notes`)."""
    return [str(note) for note in _pending]


def reset() -> None:
    """A new run: no notes, no warnings, the sheets' totals checked."""
    _pending.clear()
    _warnings.clear()
    _strict[0] = True


def check_totals(on: bool) -> None:
    """Whether a sheet's own total that disagrees is an error (else a warning)."""
    _strict[0] = on


def totals_checked() -> bool:
    return _strict[0]


def warn(warning: Any) -> None:
    if all(str(warning) != str(seen) for seen in _warnings):
        _warnings.append(warning)


def take_warnings() -> list[Any]:
    """The readers' warnings so far; the list starts again empty."""
    out = list(_warnings)
    _warnings.clear()
    return out


class Warned(Localized):
    """A problem given as a warning: `FILE:CELL: column: what` without `error:`."""

    __slots__ = ("problem",)

    def __init__(self, problem: Problem) -> None:
        self.problem = problem

    def text(self, lang: str) -> str:
        line = self.problem.line(lang)
        return line.removeprefix("error: ").removeprefix("错误：")
