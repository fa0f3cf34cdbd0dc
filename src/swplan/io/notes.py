"""Notes about what a reader skipped or ignored (a totals row, an unused column).

Nothing swplan skips is skipped silently: each reader adds a note here (a message of
the catalogue, or a plain sentence), and the command prints them on stderr as `note:`
lines in the run's language (and `staff` and `budget` list them, in English, in their
JSON `notes`). One run is one process, so one list serves it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_pending: list[Any] = []


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
