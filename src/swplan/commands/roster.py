"""A roster read once for a command, whatever its format or size: what each keeps of it.

Every command reads a roster through `io.roster.RosterRows`, row by row, and keeps
only what it needs: `pay` writes each row as it comes (or holds a table's worth),
`staff` and `budget` count and cost per site, `awards` keeps the workers its passes
name, `plan` keeps columns, `check` counts. So a roster gives the same numbers
whatever its format, size or command.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO

from ..calc.costing import ANNUAL_COST_INDEX, RosterCosting, SiteSums, Tally
from ..calc.ids import respellings
from ..calc.items import roster_items
from ..calc.staffing import RosterCounts, RosterSummary
from ..io import notes
from ..io.roster import RosterRows
from ..model import Origin, RosterRow, Worker
from ..rules import Rules

# A table or Markdown list of more workers than this shows the totals and says how to
# get every row: a terminal cannot usefully show more, and holding them costs memory.
TABLE_ROWS = 5000


@dataclass(frozen=True)
class Wanted:
    """What a caller needs found on the roster: `ids`, the worker ids the passes name;
    `ledger_ids`, those a ledger names; `names`, the names (as `calc.awards.name_key`
    has them) of workers to keep."""

    ids: Collection[str] = ()
    ledger_ids: Collection[str] = ()
    names: Collection[str] = ()


NOTHING_WANTED = Wanted()


def each_row(rows: RosterRows, what: str) -> Iterable[RosterRow]:
    """The rows, with a progress bar on a terminal for a long read."""
    from ..progress import terminal_progress

    if not terminal_progress():
        return rows
    return _with_progress(rows, what)


def _with_progress(rows: RosterRows, what: str) -> Iterator[RosterRow]:
    from ..progress import row_progress

    with row_progress(rows.path, what) as progress:
        for done, row in enumerate(rows, 1):
            if progress is not None and not done & 0xFFFF:
                progress(done)
            yield row


def pay_rows(
    rows: RosterRows,
    costing: RosterCosting,
    row: Callable[[RosterRow, int], None] | None,
    sums: SiteSums | None = None,
) -> Tally:
    """Cost every row (each to `row(row, profile)` when given, and to its site in
    `sums`); the tally of profiles. Raises `InputError` with every problem once all are
    read."""
    tally = Tally(costing)
    profile, counts = costing.profile, tally.counts
    for r in each_row(rows, "pay"):
        number = profile(r.facts, r.service)
        if number < len(counts):
            counts[number] += 1
        else:
            tally.add(number)
        if sums is not None:
            sums.add(r.site, costing.money(number))
        if row is not None:
            row(r, number)
    rows.finish()
    notes.add(costing.notes(tally.counts))
    return tally


def costed_rows(
    path: str | os.PathLike[str],
    rules: Rules,
    costing: RosterCosting,
    site_areas: dict[str, str] | None = None,
) -> RosterRows:
    """The rows of a roster to be costed: judged on the costing's day (or year), each
    needing an area where the rules pay by area (from the row, else its site's)."""
    return RosterRows(
        path,
        rules,
        judged=costing.as_of,
        year=costing.year,
        site_areas=site_areas,
        need_area=costing.uses_area,
    )


def write_pay(
    path: str | os.PathLike[str],
    rules: Rules,
    costing: RosterCosting,
    out: IO[str],
    *,
    fmt: str,
    lang: str,
    by: str | None,
) -> Tally:
    """`pay --format csv|json [--by site]`: each worker written as it is read; the tally
    of the profiles paid."""
    from ..report.pay_stream import PayStreamWriter

    rows = costed_rows(path, rules, costing)
    writer = PayStreamWriter(costing, out, fmt=fmt, lang=lang, by_site=by == "site")
    sums = SiteSums() if by == "site" else None
    columns = None
    if sums is None and writer.word is None:  # a line per worker, English CSV or JSON
        from ..io.columnar import read_columns

        columns = read_columns(rows)
    if columns is not None:
        from .columnar import write_columns

        tally = write_columns(columns, costing, writer, out)
    else:
        tally = pay_rows(rows, costing, writer.row if writer.lists else None, sums)
    writer.finish(tally.totals(), tally.count, sums)
    return tally


def held_or_tallied(
    path: str | os.PathLike[str],
    rules: Rules,
    costing: RosterCosting,
    by: str | None,
    *,
    limit: int = TABLE_ROWS,
) -> tuple[list[Worker] | None, Tally, SiteSums | None]:
    """For a table of `pay`: the workers when there are at most `limit`, else None
    (and then the tally and, with `by`, the sites' sums are what can be shown)."""
    rows = costed_rows(path, rules, costing)
    held: list[RosterRow] = []

    def keep(row: RosterRow, profile: int) -> None:
        if len(held) <= limit:
            held.append(row)

    sums = SiteSums() if by == "site" else None
    tally = pay_rows(rows, costing, keep, sums)
    if len(held) > limit:
        return None, tally, sums
    return [rows.worker(row) for row in held], tally, sums


def find_worker(
    path: str | os.PathLike[str], rules: Rules, costing: RosterCosting, worker_id: str
) -> tuple[list[Worker], Collection[str]]:
    """For `pay --explain ID`: the worker with that id (none: an empty list) and the
    roster's ids in file order (for an unknown id's did-you-mean). Every row is read
    and checked as `pay` checks it; only the one worker is kept. An identity number
    may be given in full or masked, as outputs show it."""
    from ..identity import same_id

    rows = costed_rows(path, rules, costing)
    found = [rows.worker(row) for row in each_row(rows, "pay") if same_id(worker_id, row.id)]
    rows.finish()
    return found[:1], rows.ids.first.keys()


def summarise_roster(
    path: str | os.PathLike[str],
    rules: Rules,
    costing: RosterCosting | None,
    wanted: Wanted | Callable[[], Wanted] = NOTHING_WANTED,
    by_site: bool = False,
    site_areas: dict[str, str] | None = None,
    *,
    ahead: Callable[[RosterCounts], None] | None = None,
) -> RosterSummary:
    """What `staff` and `budget` need of a roster: each site's workers and certified
    workers, the cost (`costing`: None for staff, which costs nothing), the workers the
    awards must judge (those whose exams the roster lists, and those `wanted.ids` names
    when award conditions judge workers), which of `wanted.ids` are on it, with
    `by_site` each site's cost and the sites of the workers in `wanted.ids`, and the
    ids of `wanted.ids` and `wanted.ledger_ids` that are roster ids spelt another way.
    `site_areas` gives a worker with no area of their own their site's. Workers whose
    name (as `calc.awards.name_key` has it) is in `wanted.names` are kept too: a pass
    off the roster that gives such a name suggests their id.

    `wanted` may be a function giving it: a big roster is read and costed first, and
    asks for it only then (the passes are read meanwhile). A roster read in columns
    gives its counts to `ahead` as soon as they are made, before its costs; the
    summary's counts then hold only the sites' costs (with `by_site`), which the caller
    joins to those it has (`RosterCounts.costed`)."""
    if costing is not None:
        rows = costed_rows(path, rules, costing, site_areas)
    else:
        rows = RosterRows(path, rules)
    from ..io.columnar import read_columns

    columns = read_columns(rows)
    if columns is not None:  # a big CSV roster the columns can stand for
        from .columnar import summarise_columns

        fixed = wanted

        def given() -> Wanted:
            return fixed() if callable(fixed) else fixed

        return summarise_columns(rows, columns, costing, given, by_site=by_site, ahead=ahead)
    if callable(wanted):
        wanted = wanted()
    wanted_ids, ledger_ids, wanted_names = wanted.ids, wanted.ledger_ids, wanted.names
    counts = RosterCounts()
    if by_site:
        counts.with_costs(wanted_ids)
    judged = wanted_ids if rules.awards_judge_workers else ()
    certified = rules.certified_titles
    kept: list[Worker] = []
    tally = Tally(costing) if costing is not None else None
    add = counts.add
    for row in each_row(rows, "roster"):
        add(row.id, row.site, row.facts.title in certified)
        if by_site and row.exams:  # the awards of the roster's own exams go to its site
            counts.site_of.setdefault(row.id, "")
        if tally is not None and costing is not None:
            number = costing.profile(row.facts, row.service)
            tally.add(number)
            if by_site:
                counts.add_cost(row.id, row.site, costing.money(number)[ANNUAL_COST_INDEX])
        if row.exams or row.id in judged or (wanted_names and _named(row, wanted_names)):
            kept.append(rows.worker(row))
    rows.finish()
    if tally is not None and costing is not None:
        notes.add(costing.notes(tally.counts))
    cost = tally.totals()["annual_cost"] if tally is not None else Decimal(0)
    ids = rows.ids.first
    # the ids the passes may name: those of the passes file found, and the workers
    # whose exams the roster lists
    found = {i for i in wanted_ids if i in ids} | {w.id for w in kept}
    unfound = {i: None for i in (*wanted_ids, *ledger_ids) if i not in ids}
    respelt = respellings(ids.keys(), unfound) if unfound else {}
    items: dict[str, Decimal] = {}
    if tally is not None and costing is not None and costing.year is not None:
        # the year's cost by economic classification, a profile at a time
        items = roster_items(costing, tally.counts)
    # the notes, and the warnings as `Warned` (made in a second process for a big roster)
    said = [*notes.take(), *notes.take_warnings()]
    return RosterSummary(cost, rows.count, counts, kept, found, said, respelt, items)


def first_workers(path: str | os.PathLike[str], rules: Rules, sites: set[str]) -> dict[str, Origin]:
    """Where the first worker of each of `sites` is (the roster is read again: this is
    only for messages about sites that are wrong)."""
    rows = RosterRows(path, rules)
    found: dict[str, Origin] = {}
    for row in rows:
        if row.site in sites and row.site not in found:
            found[row.site] = rows.origin(row.number, "site")
            if len(found) == len(sites):
                break
    return found


def workers_for_awards(
    path: str | os.PathLike[str],
    rules: Rules,
    wanted_ids: Collection[str],
    wanted_names: Collection[str] = (),
    judged: dt.date | None = None,
) -> tuple[list[Worker], Collection[str]]:
    """The workers `awards` needs (those with exams on the roster, those the passes
    name by id, and those whose name is in `wanted_names`) and every id of the roster;
    a hire date after `judged` is an error."""
    rows = RosterRows(path, rules, judged=judged or dt.date.max)
    from ..io.columnar import read_columns

    columns = read_columns(rows)
    if columns is not None:  # a big CSV roster the columns can stand for
        from .columnar import awards_columns

        return awards_columns(rows, columns, Wanted(wanted_ids, names=wanted_names))
    kept = [
        rows.worker(r)
        for r in each_row(rows, "roster")
        if r.exams or r.id in wanted_ids or (wanted_names and _named(r, wanted_names))
    ]
    rows.finish()
    return kept, rows.ids.first.keys()


def _named(row: RosterRow, names: Collection[str]) -> bool:
    """Whether the row's worker has one of `names` (compared as `name_key` has them)."""
    from ..calc.awards import name_key

    return row.name is not None and name_key(row.name) in names


def roster_workers(path: str | os.PathLike[str], rules: Rules) -> Iterator[RosterRow]:
    """Every row of a roster for a plan (judged on no day), then `finish` raises."""
    rows = RosterRows(path, rules)
    yield from each_row(rows, "roster")
    rows.finish()
