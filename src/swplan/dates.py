"""Counting with dates: completed years of service, as every part of swplan counts them."""

from __future__ import annotations

import datetime as dt


def completed_years(hired: dt.date, as_of: dt.date) -> int:
    """Whole years from `hired` to `as_of`: 2016-09-01 -> 2026-01-01 is 9.

    A year is complete on its anniversary; for 29 February that is 1 March in a
    common year.
    """
    years = as_of.year - hired.year
    if (as_of.month, as_of.day) < (hired.month, hired.day):
        years -= 1
    return years
