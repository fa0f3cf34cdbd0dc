"""A whole district for `staff`, `budget` and `plan`: populations, roster, required posts.

For a national run the roster CSV (1.5 million rows) is read in a second process
while this one reads the populations and works out every site's required posts;
the two are independent and the machine has two cores. Small inputs are read in
turn, in this process. Either way the problems of both files are reported together.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from operator import attrgetter

from ..calc.costing import RosterCosting
from ..calc.staffing import (
    RosterCounts,
    RosterSummary,
    StaffResult,
    UnknownSite,
    add_roster,
    required_posts,
)
from ..errors import InputError, Problem
from ..identity import shown_id
from ..io import notes
from ..io.parallel import Ahead, Later, beside
from ..io.populations import load_populations
from ..io.table import edit_distance
from ..io.text import file_format
from ..io.totals import clients_note
from ..messages import Text, Words, did_you_mean, msg
from ..model import Origin, Populations, Worker
from ..report.common import unknown_site
from ..rules import Rules
from .roster import NOTHING_WANTED, Wanted, summarise_roster
from .roster import first_workers as _first_rows

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
    wanted: Wanted | Callable[[], Wanted] = NOTHING_WANTED,
    allow_unknown_sites: bool = False,
    by_site: bool = False,
) -> tuple[Populations, StaffResult, RosterSummary | None]:
    """Populations, required posts (with the roster's gaps) and the roster's summary.

    `costing` costs the roster (None: not costed, for `staff`); `wanted` is what the
    caller needs found on the roster, or a function that works it out (reading the
    passes), called here while a big roster is read in a second process; `by_site`
    keeps each site's cost too (`summarise_roster`).
    A worker at a site in no populations file is an error (it would be costed twice:
    as staff, and as the post its site seems to lack), or with `allow_unknown_sites`
    a warning.
    """

    areas: dict[str, str] | None = None
    later: Later[Wanted] = Later()
    ahead: Ahead[RosterCounts] = Ahead()  # the roster's counts, before its costs

    def read_roster() -> RosterSummary | None:
        if roster is None:
            return None
        return summarise_roster(
            roster, rules, costing, later.take, by_site, areas, ahead=ahead.give
        )

    # where pay depends on the area, a worker with none takes their site's: the sites
    # are read first
    sites_first = costing is not None and costing.uses_area
    big = (
        roster is not None
        and not sites_first
        and file_format(roster) == "csv"
        and (_size(roster) >= _parallel_bytes())
    )
    wait_roster = beside(read_roster, later, ahead) if big else read_roster
    if callable(wanted):
        try:
            wanted = wanted()
        finally:
            if not isinstance(wanted, Wanted):  # failed: the roster's reader is not kept waiting
                later.give(NOTHING_WANTED)
    later.give(wanted)
    problems: list[Problem] = []
    pops = posts = summary = None
    try:
        pops = load_populations(populations, rules)
        posts = required_posts(rules, pops.sites)
        if sites_first:
            areas = site_areas(pops)
    except InputError as exc:
        problems += exc.problems
    # a big roster's counts come ahead of its costs: where every site is a listed id
    # (nothing to rename or refuse) the posts take them while the costs are worked out
    added = big and not problems and _added_ahead(pops, posts, ahead)
    try:
        if not (sites_first and problems):  # without its sites the roster's areas are unknown
            summary = wait_roster()
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)
    assert pops is not None and posts is not None
    posts.warnings.extend(pops.warnings)
    if summary is not None:
        counted = ahead.take()
        if counted is not None:  # sent ahead: the summary's hold only the sites' costs
            summary.counts = counted.costed(summary.counts)
        _pass_on(summary.notes)
        if roster is not None and not added:
            _check_sites(pops, summary, roster, rules, allow_unknown_sites)
        if not added:
            add_roster(posts, summary.counts)
    posts.warnings.extend(notes.take_warnings())
    if pops.clients_read is not None:  # the last note: the clients a sheet gave
        notes.add([clients_note(rules, pops.clients_read)])
    return pops, posts, summary


def _added_ahead(
    pops: Populations | None, posts: StaffResult | None, ahead: Ahead[RosterCounts]
) -> bool:
    """The roster's counts sent ahead, added to the posts when every site is a site id
    of the populations; whether they were."""
    if pops is None or posts is None:
        return False
    counted = ahead.take()
    if counted is None:
        return False
    ids = {s.id for s in pops.sites}
    if not all(site in ids for site in counted.current):
        return False
    add_roster(posts, counted)
    return True


def _pass_on(made: Sequence[object]) -> None:
    """A roster summary's notes and warnings, made in a second process for a big
    roster, passed on as this process's own."""
    for note in made:
        if isinstance(note, notes.Warned):
            notes.warn(note)
        else:
            notes.add([note])


def _check_sites(
    pops: Populations,
    summary: RosterSummary,
    roster: str | os.PathLike[str],
    rules: Rules,
    allow_unknown_sites: bool,
) -> None:
    """The roster's sites against the populations: a site written by its name is
    counted at its id; a name two sites share, and (unless allowed) a site in no
    populations file, is an error."""
    shared = sites_by_name(pops, summary, roster, rules)
    if shared:
        raise InputError(shared)
    if not allow_unknown_sites:
        unknown = unknown_sites(pops, summary, roster, rules)
        if unknown:
            raise InputError(unknown)


def site_form(text: str) -> str:
    """How a site's name is compared: NFKC (full-width = half-width), no spaces at all."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return "".join(text.split())


def name_owners(pops: Populations) -> dict[str, list[str]]:
    """Each site name and alias (as `site_form` compares it) -> the ids of its sites."""
    owners: dict[str, dict[str, None]] = {}  # ids in order, each once
    forms: dict[str, str] = {}  # a name -> its form (names repeat from site to site)
    for s in pops.sites:
        written = (s.name, *s.aliases) if s.aliases else (s.name,)
        for name in dict.fromkeys(
            forms.get(n) or forms.setdefault(n, site_form(n)) for n in written if n
        ):
            # one site in two files is one site
            owners.setdefault(name, {})[s.id] = None
    return {name: list(ids) for name, ids in owners.items()}


def nearest_site(text: str, pops: Populations) -> str | None:
    """The site id, name or alias nearest to `text` by edit distance (a CJK character
    counts one), when it is at most a third of the longer of the two; else None."""
    form = site_form(text)
    best: tuple[int, str] | None = None
    for s in pops.sites:
        for name in (s.id, s.name, *s.aliases):
            if not name:
                continue
            other = site_form(name)
            if abs(len(other) - len(form)) * 3 > max(len(other), len(form)):
                continue
            distance = edit_distance(form, other)
            if distance * 3 <= max(len(form), len(other)) and (best is None or distance < best[0]):
                best = (distance, name)
    return best[1] if best is not None else None


def site_areas(pops: Populations) -> dict[str, str]:
    """Site id (and a name only one site has) -> the site's area, for the sites with one."""
    out: dict[str, str] = {}
    names: dict[str, list[str | None]] = {}
    for s in pops.sites:
        if s.area is not None:
            out[s.id] = s.area
        if s.name:
            names.setdefault(s.name, []).append(s.area)
    for name, found in names.items():
        if len(found) == 1 and found[0] is not None:
            out.setdefault(name, found[0])
    return out


def sites_by_name(
    pops: Populations, summary: RosterSummary, roster: str | os.PathLike[str], rules: Rules
) -> list[Problem]:
    """Workers whose site cell holds a site's name or alias (compared after NFKC,
    without spaces), counted at that site's id.

    A name that two sites share is a problem: the worker's site cannot be told.
    """
    ids = {s.id for s in pops.sites}
    counts = summary.counts
    named = [k for k in counts.current if k not in ids]
    if not named:  # every site written by its id (a national roster): no names to look up
        return []
    owners = name_owners(pops)
    shared: list[str] = []
    for key in [k for k in named if site_form(k) in owners]:
        found = owners[site_form(key)]
        if len(found) > 1:
            shared.append(key)
            continue
        counts.rename_site(key, found[0])
    if not shared:
        return []
    where = first_workers(roster, summary, set(shared), rules)
    return [
        (where.get(name) or Origin(str(roster), "")).problem(
            msg(
                "bureau.site_name_shared",
                name=name,
                n=len(owners[site_form(name)]),
                ids=Words(owners[site_form(name)]),
            ),
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
    problems = []
    for site, n, origin in missing_sites(pops, summary, roster, rules):
        shown = [shown_id(i) for i in summary.counts.samples(site)[:3]]
        text = msg(
            "bureau.unknown_site",
            site=site,
            hint=did_you_mean(nearest_site(site, pops)),
            count=msg("bureau.workers" if n > 1 else "bureau.worker", n=n),
            workers=Words([*shown, "..."] if n > 3 else shown),
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
            found[w.site] = w.origin  # its problems about "site" are at the site cell
    if len(found) == len(sites):
        return found
    return {**_first_rows(roster, rules, sites - set(found)), **found}


def roster_at_sites(
    pops: Populations,
    workers: Sequence[Worker],
    roster: str | os.PathLike[str],
    rules: Rules,
    allow_unknown_sites: bool = False,
) -> tuple[list[Worker], list[Text]]:
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
    owners = name_owners(pops)
    counts = RosterCounts.of(odd, rules)
    # a CSV roster is read again for the site cell of each first worker, as budget does
    kept = [] if file_format(roster) == "csv" else odd
    summary = RosterSummary(Decimal(0), len(odd), counts, kept, None)
    shared = sites_by_name(pops, summary, roster, rules)  # moves the named ones' counts
    if shared:
        raise InputError(shared)
    named = {
        w.site: owners[site_form(w.site)][0]
        for w in odd
        if len(owners.get(site_form(w.site), ())) == 1
    }
    if named:
        workers = [replace(w, site=named[w.site]) if w.site in named else w for w in workers]
    if not allow_unknown_sites:
        unknown = unknown_sites(pops, summary, roster, rules)
        if unknown:
            raise InputError(unknown)
    warnings += [
        unknown_site(UnknownSite(site, n, counts.samples(site)))
        for site, n in counts.current.items()
        if site not in ids
    ]
    return list(workers), warnings
