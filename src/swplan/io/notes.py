"""Notes about what a reader skipped or ignored (a totals row, an unused column).

Nothing swplan skips is skipped silently: each reader adds a sentence here, and the
command prints them on stderr as `note: ...` lines (and `staff` and `budget` list
them in their JSON `notes`). One run is one process, so one list serves it.
"""

from __future__ import annotations

from collections.abc import Iterable

_pending: list[str] = []


def add(notes: Iterable[str]) -> None:
    for note in notes:
        if note not in _pending:
            _pending.append(note)


def take() -> list[str]:
    """The notes so far, in the order they were made; the list starts again empty."""
    out = list(_pending)
    _pending.clear()
    return out


def peek() -> list[str]:
    return list(_pending)
