"""Each file checked as the commands read it, then the files together (`swplan check`).

Each file is read once: the header (or the YAML document) that tells its kind is
handed on to the reader, and a roster or populations file is read row by row, so
checking a national file never holds it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..calc.ids import respellings, spelling_message
from ..calc.staffing import RosterCounts, RosterSummary
from ..errors import InputError, Problem, did_you_mean
from ..io import notes
from ..io.kinds import any_table, table_kind, yaml_kind
from ..io.passes import load_ledger, load_passes
from ..io.populations import SiteRows
from ..io.roster import RosterRows
from ..io.rules_file import load_rules, rules_from_document
from ..io.source import OpenTable, open_table
from ..io.text import file_format
from ..io.yamldoc import Document, load_yaml
from ..messages import Field, Msg, Words, msg
from ..model import Origin, Populations
from ..rules import Rules
from .district import missing_sites, sites_by_name

# unknown worker ids given a "did you mean" (each is a search of every roster id), and
# ledger workers on no roster named one by one before the rest are counted
SUGGESTED = 20


def check_file(path: str | os.PathLike[str], rules: Rules | None) -> str:
    """Validate one file; return a short summary, or raise `InputError`."""
    return str(checked(path, rules, keep=False).summary)


@dataclass
class Checked:
    """A valid file: its kind, the `OK` line's summary, and what `check_together` needs
    of it (a roster's site counts and ids, the sites, the passes, the ledger rows)."""

    kind: str
    summary: str | Msg
    held: Any = None


def checked(path: str | os.PathLike[str], rules: Rules | None, keep: bool = True) -> Checked:
    """Validate one file; return its kind and a short summary, or raise `InputError`.

    `keep=False` (a file checked alone) keeps nothing for `check_together`: a streamed
    populations file is then never held."""
    source: Document | OpenTable
    if file_format(path) == "yaml":
        source = load_yaml(path)
        kind = yaml_kind(source)
        if kind == "rules":
            loaded = rules_from_document(source)
            return Checked(
                kind,
                f"rules {loaded.name!r}, {len(loaded.categories)} categories, "
                f"{len(loaded.pay.grades or [])} grades",
            )
    else:
        source = open_table(path, any_table)
        kind = table_kind(source.table)
    if rules is None:
        rules = load_rules()
    if kind == "roster":
        return _roster(path, rules, source)
    if kind == "populations":
        read = SiteRows(path, rules, source)
        sites = []
        count = 0
        for site in read:
            count += 1
            if keep:
                sites.append(site)
        read.finish()
        return Checked(kind, f"populations, {count} sites", sites)
    if kind == "passes":
        passes = load_passes(path, rules, source)
        return Checked(kind, f"passes, {len(passes)} passes", passes)
    if kind == "scenarios":
        from ..io.scenarios import scenarios_from

        assert isinstance(source, Document)
        named = scenarios_from(source, rules)
        return Checked(kind, f"scenarios, {len(named)}: {', '.join(name for name, _ in named)}")
    from ..io.ledger import append_order

    assert isinstance(source, OpenTable)
    rows = load_ledger(path, rules, source=source)
    try:
        order = Words([Field("ledger", key) for key in append_order(path, rules)])
    except InputError as exc:
        why = exc.problems[0].message
        return Checked(kind, msg("ledger.check_refuses", rows=len(rows), why=why), rows)
    return Checked(kind, msg("ledger.check_appends", rows=len(rows), order=order), rows)


def _roster(path: str | os.PathLike[str], rules: Rules, source: Document | OpenTable) -> Checked:
    """A roster read row by row as every command reads it: its site counts and ids kept."""
    rows = RosterRows(path, rules, judged=dt.date.max, source=source)
    counts = RosterCounts()
    certified = rules.certified_titles
    for row in rows:
        counts.add(row.id, row.site, row.facts.title in certified)
    rows.finish()
    summary = RosterSummary(Decimal(0), rows.count, counts, [], None)
    return Checked("roster", f"roster, {rows.count} workers", (summary, rows.ids.first.keys()))


def check_together(
    files: Sequence[tuple[str | os.PathLike[str], Checked]], rules: Rules
) -> list[Problem]:
    """The problems between files that are each good alone: `files` is (path, checked).

    A roster's sites must be sites of the populations (by id, or by a name one site
    has); the worker ids of passes must be on a roster. Each unknown value is named
    once, where it first appears, with the closest known one. A ledger may name a
    worker who has left: that is a note, not a problem.
    """
    rosters = [(path, c.held) for path, c in files if c.kind == "roster"]
    if not rosters:
        return []
    sites = [s for _, c in files if c.kind == "populations" for s in c.held]
    pops = Populations(None, sites) if any(c.kind == "populations" for _, c in files) else None
    named: dict[str, Origin] = {}  # worker id -> where a pass first names it
    paid: dict[str, str] = {}  # worker id -> the ledger that first names it
    origins: dict[str, Origin | None] = {}  # worker id -> the ledger row that first names it
    for path, c in files:
        if c.kind == "passes":
            for p in c.held:
                named.setdefault(p.worker_id, p.origin or Origin(str(path), ""))
        elif c.kind == "ledger":
            for row in c.held:
                paid.setdefault(row.worker_id, str(path))
                origins.setdefault(row.worker_id, row.origin)
    problems: list[Problem] = []
    for roster, (summary, _) in rosters:
        if pops is not None:
            problems += sites_by_name(pops, summary, roster, rules)
            problems += _unknown_sites(pops, summary, roster, rules)
    roster_names = ", ".join(str(path) for path, _ in rosters)
    # each roster's ids as read (a national roster's million are not copied)
    id_sets: list[Collection[str]] = [ids for _, (_, ids) in rosters]
    unknown_named = [i for i in named if not any(i in ids for ids in id_sets)]
    unknown_paid = [i for i in paid if not any(i in ids for ids in id_sets)]
    # an id that is a roster id spelt another way (Excel's 101 for 0101) names both
    every_id = (i for ids in id_sets for i in ids)
    respelt = respellings(every_id, dict.fromkeys((*unknown_named, *unknown_paid)))
    for worker_id in unknown_named:
        if worker_id in respelt:
            said = spelling_message(worker_id, respelt[worker_id], "passes")
            problems.append(named[worker_id].problem(said, "worker_id"))
    for worker_id in unknown_paid:
        if worker_id in respelt:
            said = spelling_message(worker_id, respelt[worker_id], "ledger")
            origin = origins.get(worker_id) or Origin(paid[worker_id], "")
            problems.append(origin.problem(said, "worker_id"))
    unknown_named = [i for i in unknown_named if i not in respelt]
    unknown_paid = [i for i in unknown_paid if i not in respelt]
    known = sorted({i for ids in id_sets for i in ids}) if unknown_named or unknown_paid else []
    for n, worker_id in enumerate(unknown_named):
        close = did_you_mean(worker_id, known) if n < SUGGESTED else ""
        text = f"worker {worker_id!r} is on no roster ({roster_names}){close}"
        problems.append(named[worker_id].problem(text, "worker_id"))
    by_ledger: dict[str, list[str]] = {}
    for worker_id in unknown_paid:
        by_ledger.setdefault(paid[worker_id], []).append(worker_id)
    for ledger, gone in by_ledger.items():
        for worker_id in gone[:SUGGESTED]:
            notes.add(
                [
                    f"{ledger}: worker {worker_id!r} is on no roster ({roster_names})"
                    f"{did_you_mean(worker_id, known)}; an award paid to someone who has left is kept"
                ]
            )
        if len(gone) > SUGGESTED:
            more = len(gone) - SUGGESTED
            notes.add([f"{ledger}: and {more} more workers on no roster ({roster_names})"])
    return problems


def _unknown_sites(
    pops: Populations, summary: RosterSummary, roster: str | os.PathLike[str], rules: Rules
) -> list[Problem]:
    """A problem for each roster site no populations file has, at its first worker."""
    choices = sorted({s.id for s in pops.sites} | {s.name for s in pops.sites if s.name})
    return [
        origin.problem(
            f"site {site!r} ({n} worker{'s' if n > 1 else ''}) is neither the id nor the "
            "name of a site of the populations" + did_you_mean(site, choices),
            "site",
        )
        for site, n, origin in missing_sites(pops, summary, roster, rules)
    ]


__all__ = ["check_file", "check_together", "checked"]
