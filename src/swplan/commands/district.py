"""A whole district for `staff`, `budget` and `plan`: populations, roster, required posts.

For a national run the roster CSV (1.5 million rows) is read in a second process
while this one reads the populations and works out every site's required posts;
the two are independent and the machine has two cores. Small inputs are read in
turn, in this process. Either way the problems of both files are reported together.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from dataclasses import replace
from decimal import Decimal
from operator import attrgetter

from ..calc.costing import RosterCosting
from ..calc.staffing import (
    RosterCounts,
    RosterSummary,
    StaffResult,
    add_roster,
    required_posts,
)
from ..errors import InputError, Problem, did_you_mean
from ..io import notes
from ..io.parallel import beside
from ..io.populations import load_populations
from ..io.text import file_format
from ..model import Origin, Populations, Worker
from ..report.common import unknown_site_text as unknown_site_warning
from ..rules import Rules
from .roster import first_workers as _first_rows
from .roster import summarise_roster

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
    *,
    costing: RosterCosting | None = None,
    wanted_ids: Collection[str] = (),
    allow_unknown_sites: bool = False,
    by_site: bool = False,
) -> tuple[Populations, StaffResult, RosterSummary | None]:
    """Populations, required posts (with the roster's gaps) and the roster's summary.

    `costing` costs the roster (None: not costed, for `staff`); `wanted_ids` are the
    worker ids the caller needs to find on the roster; `by_site` keeps each site's
    cost too (`summarise_roster`).
    A worker at a site in no populations file is an error (it would be costed twice:
    as staff, and as the post its site seems to lack), or with `allow_unknown_sites`
    a warning.
    """

    def read_roster() -> RosterSummary | None:
        if roster is None:
            return None
        return summarise_roster(roster, rules, costing, wanted_ids, by_site)

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
    posts.warnings.extend(pops.warnings)
    if summary is not None:
        notes.add(summary.notes)  # made in a second process, for a big roster
        if roster is not None:
            shared = sites_by_name(pops, summary, roster, rules)
            if shared:
                raise InputError(shared)
        if not allow_unknown_sites and roster is not None:
            unknown = unknown_sites(pops, summary, roster, rules)
            if unknown:
                raise InputError(unknown)
        add_roster(posts, summary.counts)
    return pops, posts, summary


def sites_by_name(
    pops: Populations, summary: RosterSummary, roster: str | os.PathLike[str], rules: Rules
) -> list[Problem]:
    """Workers whose site cell holds a site's name, counted at that site's id.

    A name that two sites share is a problem: the worker's site cannot be told.
    """
    ids = {s.id for s in pops.sites}
    owners: dict[str, list[str]] = {}
    for s in pops.sites:
        if s.name:
            owners.setdefault(s.name, []).append(s.id)
    counts = summary.counts
    shared: list[str] = []
    for key in [k for k in counts.current if k not in ids and k in owners]:
        if len(owners[key]) > 1:
            shared.append(key)
            continue
        counts.rename_site(key, owners[key][0])
    if not shared:
        return []
    where = first_workers(roster, summary, set(shared), rules)
    return [
        (where.get(name) or Origin(str(roster), "")).problem(
            f"{name!r} is the name of {len(owners[name])} sites "
            f"({', '.join(owners[name])}); write the site's id instead",
            "site",
        )
        for name in shared
    ]


def missing_sites(
    pops: Populations, summary: RosterSummary, roster: str | os.PathLike[str], rules: Rules
) -> list[tuple[str, int, Origin]]:
    """Each roster site that no populations file has: its workers and where the first is."""
    known = {s.id for s in pops.sites}
    counts = summary.counts.current
    missing = [site for site in counts if site not in known]
    if not missing:
        return []
    where = first_workers(roster, summary, set(missing), rules)
    return [(site, counts[site], where.get(site) or Origin(str(roster), "")) for site in missing]


def unknown_sites(
    pops: Populations, summary: RosterSummary, roster: str | os.PathLike[str], rules: Rules
) -> list[Problem]:
    """A problem for each roster site that no populations file has, at its first worker."""
    ids = sorted(s.id for s in pops.sites)
    problems = []
    for site, n, origin in missing_sites(pops, summary, roster, rules):
        text = f"{site!r} is not a site of the populations" + did_you_mean(site, ids)
        shown = ", ".join(summary.counts.sample_ids.get(site, [])[:3])
        more = ", ..." if n > 3 else ""
        workers = f"{n} worker{'s' if n > 1 else ''} ({shown}{more})"
        text += (
            f"; {workers} would be costed twice, as staff and as the post the site lacks: "
            "fix the site, add it to the populations, or give --allow-unknown-sites"
        )
        problems.append(origin.problem(text, "site"))
    return problems


def first_workers(
    roster: str | os.PathLike[str], summary: RosterSummary, sites: set[str], rules: Rules
) -> dict[str, Origin]:
    """Where the first worker of each of `sites` is (the roster is read again when the
    summary holds none of them)."""
    found: dict[str, Origin] = {}
    for w in summary.workers:
        if w.site in sites and w.site not in found and w.origin is not None:
            found[w.site] = w.origin
    if len(found) == len(sites):
        return found
    return {**_first_rows(roster, rules, sites - set(found)), **found}


def roster_at_sites(
    pops: Populations,
    workers: Sequence[Worker],
    roster: str | os.PathLike[str],
    rules: Rules,
    allow_unknown_sites: bool = False,
) -> tuple[list[Worker], list[str]]:
    """A loaded roster checked against the populations as `staff` and `budget` check it
    (for `plan`, which keeps every worker): a site written by its name becomes that
    site's id, a name two sites share is an error, and a site in no populations file is
    an error naming the nearest id, or with `allow_unknown_sites` a warning. Returns the
    workers and the warnings (the populations' own first)."""
    ids = {s.id for s in pops.sites}
    warnings = list(pops.warnings)
    if set(map(attrgetter("site"), workers)) <= ids:  # the usual case, a quick pass
        return list(workers), warnings
    odd = [w for w in workers if w.site not in ids]
    owners: dict[str, list[str]] = {}
    for s in pops.sites:
        if s.name:
            owners.setdefault(s.name, []).append(s.id)
    counts = RosterCounts.of(odd, rules)
    # a CSV roster is read again for the site cell of each first worker, as budget does
    kept = [] if file_format(roster) == "csv" else odd
    summary = RosterSummary(Decimal(0), len(odd), counts, kept, None)
    shared = sites_by_name(pops, summary, roster, rules)  # moves the named ones' counts
    if shared:
        raise InputError(shared)
    named = {w.site: owners[w.site][0] for w in odd if len(owners.get(w.site, ())) == 1}
    if named:
        workers = [replace(w, site=named[w.site]) if w.site in named else w for w in workers]
    if not allow_unknown_sites:
        unknown = unknown_sites(pops, summary, roster, rules)
        if unknown:
            raise InputError(unknown)
    warnings += [
        unknown_site_warning(site, n, counts.sample_ids.get(site, []))
        for site, n in counts.current.items()
        if site not in ids
    ]
    return list(workers), warnings
