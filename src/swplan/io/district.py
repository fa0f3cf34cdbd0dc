"""A whole district for `staff` and `budget`: populations, roster, required posts.

For a national run the roster CSV (1.5 million rows) is read in a second process
while this one reads the populations and works out every site's required posts;
the two are independent and the machine has two cores. Small inputs are read in
turn, in this process. Either way the problems of both files are reported together.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection

from ..calc.staffing import StaffResult, add_roster, required_posts
from ..errors import InputError, Problem
from ..model import Populations
from ..rules import Rules
from . import notes
from .loading import file_format
from .parallel import beside
from .records import load_populations
from .stream import RosterSummary, summarise_roster

# Past this size a CSV roster is read in a second process. SWPLAN_PARALLEL_BYTES
# changes it (0: always; the tests use that on small files).
PARALLEL_BYTES = 8 << 20


def _parallel_bytes() -> int:
    value = os.environ.get("SWPLAN_PARALLEL_BYTES", "")
    return int(value) if value.isdigit() else PARALLEL_BYTES


def _size(path: str | os.PathLike[str]) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # read in this process, where a missing file gets its usual message


def load_district(
    populations: str | os.PathLike[str],
    roster: str | os.PathLike[str] | None,
    rules: Rules,
    as_of: dt.date | None,
    wanted_ids: Collection[str] = (),
) -> tuple[Populations, StaffResult, RosterSummary | None]:
    """Populations, required posts (with the roster's gaps) and the roster's summary.

    `as_of` is the date the roster is costed at (None: not costed, for `staff`);
    `wanted_ids` are the worker ids the caller needs to find on a streamed roster.
    """

    def read_roster() -> RosterSummary | None:
        if roster is None:
            return None
        return summarise_roster(roster, rules, as_of, wanted_ids)

    big = (
        roster is not None and file_format(roster) == "csv" and (_size(roster) >= _parallel_bytes())
    )
    wait_roster = beside(read_roster) if big else read_roster
    problems: list[Problem] = []
    pops = posts = summary = None
    try:
        pops = load_populations(populations, rules)
        posts = required_posts(rules, pops.sites)
    except InputError as exc:
        problems += exc.problems
    try:
        summary = wait_roster()
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)
    assert pops is not None and posts is not None
    if summary is not None:
        notes.add(summary.notes)  # made in a second process, for a big roster
        add_roster(posts, summary.counts)
    return pops, posts, summary
