"""Each file checked as the commands read it, then the files together (`swplan check`).

Each file is read once: the header (or the YAML document) that tells its kind is
handed on to the reader, and a roster or populations file is read row by row, so
checking a national file never holds it.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..calc.ids import respellings, spelling_message
from ..calc.staffing import RosterCounts, RosterSummary
from ..errors import InputError, Problem
from ..identity import shown_id
from ..io import notes
from ..io.headers import table_fits
from ..io.kinds import any_table, fitting_kinds, table_kind, yaml_kind
from ..io.notes import Warned
from ..io.passes import load_ledger, load_passes
from ..io.populations import SiteRows
from ..io.roster import RosterRows
from ..io.rules_file import load_rules, rules_from_document
from ..io.source import OpenTable, open_table
from ..io.text import file_format
from ..io.yamldoc import Document, load_yaml
from ..messages import Field, Msg, Words, msg
from ..messages import did_you_mean as hint
from ..model import Origin, Populations
from ..rules import Rules
from .district import missing_sites, nearest_site, sites_by_name

# unknown worker ids given a "did you mean" (each is a search of every roster id), and
# ledger workers on no roster named one by one before the rest are counted
SUGGESTED = 20


def check_file(path: str | os.PathLike[str], rules: Rules | None) -> str:
    """Validate one file; return a short summary, or raise `InputError`."""
    return "; ".join(str(c.summary) for c in checked_all(path, rules, keep=False))


@dataclass
class Checked:
    """A valid file: its kind, the `OK` line's summary, and what `check_together` needs
    of it (a roster's site counts and ids, the sites, the passes, the ledger rows)."""

    kind: str
    summary: Msg
    held: Any = None


def checked_all(
    path: str | os.PathLike[str], rules: Rules | None, keep: bool = True
) -> list[Checked]:
    """Validate one file as the commands read it; return what each table in it is (a
    workbook may hold passes and a ledger on two sheets), or raise `InputError`.

    A table file is read once for each kind of table whose header it holds, with the
    header test the commands use (two-row headers, sheets passed over), so `check`
    accepts what the commands accept and refuses what they refuse."""
    if file_format(path) == "yaml":
        return [checked(path, rules, keep)]
    if rules is None:
        rules = load_rules()
    kinds = fitting_kinds(path, rules)
    if not kinds:  # no header fits: the nearest kind says what is missing
        source = open_table(path, any_table)
        return [_checked_kind(path, rules, table_kind(source.table), source, keep)]
    problems: list[Problem] = []
    found = []
    for kind in kinds:
        try:
            source = open_table(path, table_fits(kind, rules))
            found.append(_checked_kind(path, rules, kind, source, keep))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return found


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
                msg(
                    "check.rules_summary",
                    name=loaded.name,
                    categories=len(loaded.categories),
                    grades=len(loaded.pay.grades or []),
                ),
            )
    else:
        return checked_all(path, rules, keep)[0]
    if rules is None:
        rules = load_rules()
    return _checked_kind(path, rules, kind, source, keep)


def _checked_kind(
    path: str | os.PathLike[str],
    rules: Rules,
    kind: str,
    source: Document | OpenTable,
    keep: bool,
) -> Checked:
    """One file of a known kind, read by the reader the commands use."""
    if kind == "roster":
        return _roster(path, rules, source)
    if kind == "populations":
        read = SiteRows(path, rules, source)
        found = read.columns()
        sites = found.sites() if found is not None and keep else []
        count = found.count if found is not None else 0
        for site in read if found is None else ():
            count += 1
            if keep:
                sites.append(site)
        read.finish()
        return Checked(kind, msg("check.populations_summary", n=count), sites)
    if kind == "passes":
        passes = load_passes(path, rules, source)
        return Checked(kind, msg("check.passes_summary", n=len(passes)), passes)
    if kind == "scenarios":
        from ..io.scenarios import scenarios_from

        assert isinstance(source, Document)
        named = scenarios_from(source, rules)
        return Checked(
            kind,
            msg("check.scenarios_summary", n=len(named), names=Words(name for name, _ in named)),
        )
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
    """A roster read row by row as every command reads it: its site counts and ids kept.

    A hire date is judged against today, as `pay` and `awards` judge it by default; one
    after today that falls in next year, the year `budget` and `plan` cost by default,
    is named in a note (those commands cost it from its month), a later one is an error.
    """
    import datetime as dt

    from .common import today

    day = today()
    rows = RosterRows(
        path, rules, judged=dt.date(day.year + 1, 12, 31), source=source, option="today"
    )
    from ..io.columnar import read_columns

    columns = read_columns(rows)
    if columns is not None and not any(
        s.hired is not None and s.hired > day for s in columns.services
    ):  # a big CSV roster the columns stand for, with no hire after today to name
        from .columnar import site_counts

        counts = site_counts(columns, rules)[0]
        summary = RosterSummary(Decimal(0), columns.count, counts, [], None)
        no_numbers: dict[str, str] = {}  # the columns never stand for a 身份证号 column
        read = (summary, columns.ids_in_order(), no_numbers)
        return Checked("roster", msg("check.roster_summary", n=columns.count), read)
    counts = RosterCounts()
    certified = rules.certified_titles
    later: list[str] = []
    for row in rows:
        counts.add(row.id, row.site, row.facts.title in certified)
        if row.service.hired is not None and row.service.hired > day:
            later.append(rows.origin(row.number, "hired").where)
    rows.finish()
    if later:
        shown = ", ".join(later[:5]) + (", ..." if len(later) > 5 else "")
        notes.add(
            [
                msg(
                    "bureau.hired_after_today_note",
                    file=str(path),
                    n=len(later),
                    day=day,
                    cells=shown,
                )
            ]
        )
    summary = RosterSummary(Decimal(0), rows.count, counts, [], None)
    held = (summary, rows.ids.first.keys(), rows.id_numbers)
    return Checked("roster", msg("check.roster_summary", n=rows.count), held)


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
    named = _Named.of(files)
    problems = _site_problems(files, rosters, rules)
    roster_names = ", ".join(str(path) for path, _ in rosters)
    # each roster's ids as read (a national roster's million are not copied), and its
    # identity numbers when it has a 身份证号 column beside its 工号 column
    id_sets: list[Collection[str]] = [ids for _, (_, ids, _) in rosters]
    id_sets += [numbers for _, (_, _, numbers) in rosters if numbers]
    unknown_named = [i for i in named.passed if not any(i in ids for ids in id_sets)]
    unknown_paid = [i for i in named.paid if not any(i in ids for ids in id_sets)]
    # an id that is a roster id spelt another way (Excel's 101 for 0101) names both
    every_id = (i for ids in id_sets for i in ids)
    respelt = respellings(every_id, dict.fromkeys((*unknown_named, *unknown_paid)))
    problems += _respelt_problems(named, unknown_named, unknown_paid, respelt)
    unknown_named = [i for i in unknown_named if i not in respelt]
    unknown_paid = [i for i in unknown_paid if i not in respelt]
    _warn_passes_off_roster(named, unknown_named, rosters, rules, roster_names)
    _note_ledgers_off_roster(named, unknown_paid, roster_names)
    return problems


@dataclass
class _Named:
    """The worker ids the passes and ledgers name, each where it is first named."""

    passed: dict[str, Origin]  # worker id -> where a pass first names it
    names: dict[str, str]  # worker id -> the name a pass gives with it
    paid: dict[str, str]  # worker id -> the ledger that first names it
    origins: dict[str, Origin | None]  # worker id -> the ledger row that first names it

    @classmethod
    def of(cls, files: Sequence[tuple[str | os.PathLike[str], Checked]]) -> _Named:
        named = cls({}, {}, {}, {})
        for path, c in files:
            if c.kind == "passes":
                for p in c.held:
                    named.passed.setdefault(p.worker_id, p.origin or Origin(str(path), ""))
                    if p.name:
                        named.names.setdefault(p.worker_id, p.name)
            elif c.kind == "ledger":
                for row in c.held:
                    named.paid.setdefault(row.worker_id, str(path))
                    named.origins.setdefault(row.worker_id, row.origin)
        return named


def _site_problems(
    files: Sequence[tuple[str | os.PathLike[str], Checked]],
    rosters: Sequence[tuple[str | os.PathLike[str], Any]],
    rules: Rules,
) -> list[Problem]:
    """Each roster's sites that no populations file has (none when no file is one)."""
    if not any(c.kind == "populations" for _, c in files):
        return []
    pops = Populations(None, [s for _, c in files if c.kind == "populations" for s in c.held])
    problems: list[Problem] = []
    for roster, (summary, *_) in rosters:
        problems += sites_by_name(pops, summary, roster, rules)
        problems += _unknown_sites(pops, summary, roster, rules)
    return problems


def _respelt_problems(
    named: _Named, unknown_named: list[str], unknown_paid: list[str], respelt: dict[str, list[str]]
) -> list[Problem]:
    """A problem for each pass or ledger id that is a roster id spelt another way."""
    problems: list[Problem] = []
    for worker_id in unknown_named:
        if worker_id in respelt:
            said = spelling_message(worker_id, respelt[worker_id], "passes")
            problems.append(named.passed[worker_id].problem(said, "worker_id"))
    for worker_id in unknown_paid:
        if worker_id in respelt:
            said = spelling_message(worker_id, respelt[worker_id], "ledger")
            origin = named.origins.get(worker_id) or Origin(named.paid[worker_id], "")
            problems.append(origin.problem(said, "worker_id"))
    return problems


def _warn_passes_off_roster(
    named: _Named,
    unknown: list[str],
    rosters: Sequence[tuple[str | os.PathLike[str], Any]],
    rules: Rules,
    roster_names: str,
) -> None:
    """A warning for each pass whose worker is on no roster."""
    given = {named.names[i] for i in unknown[:SUGGESTED] if i in named.names}
    same_name = _by_name(rosters, rules, given)
    for worker_id in unknown:
        # a worker id is suggested only when the pass gives the name of that worker
        found = same_name.get(_name_form(named.names.get(worker_id, "")), [])
        message = msg(
            "bureau.pass_not_on_roster",
            id=shown_id(worker_id),
            rosters=roster_names,
            hint=hint(shown_id(found[0])) if len(found) == 1 else "",
        )
        notes.warn(Warned(named.passed[worker_id].problem(message, "worker_id")))


def _note_ledgers_off_roster(named: _Named, unknown: list[str], roster_names: str) -> None:
    """A note for each ledger worker on no roster: the first few by id, then a count."""
    by_ledger: dict[str, list[str]] = {}
    for worker_id in unknown:
        by_ledger.setdefault(named.paid[worker_id], []).append(worker_id)
    for ledger, gone in by_ledger.items():
        for worker_id in gone[:SUGGESTED]:
            message = msg(
                "bureau.ledger_not_on_roster", ledger=ledger, id=worker_id, rosters=roster_names
            )
            notes.add([message])
        if len(gone) > SUGGESTED:
            more = len(gone) - SUGGESTED
            message = msg(
                "bureau.ledger_more_not_on_roster", ledger=ledger, n=more, rosters=roster_names
            )
            notes.add([message])


def _name_form(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def _by_name(
    rosters: Sequence[tuple[str | os.PathLike[str], Any]], rules: Rules, names: set[str]
) -> dict[str, list[str]]:
    """The workers of the rosters named one of `names` (compared after NFKC, without
    spaces): name -> their ids. The rosters are read again only when a pass gives a name."""
    wanted = {_name_form(n) for n in names}
    found: dict[str, list[str]] = {}
    if not wanted:
        return found
    for path, _ in rosters:
        for row in RosterRows(path, rules):
            form = _name_form(row.name or "")
            if form in wanted and row.id not in found.get(form, []):
                found.setdefault(form, []).append(row.id)
    return found


def _unknown_sites(
    pops: Populations, summary: RosterSummary, roster: str | os.PathLike[str], rules: Rules
) -> list[Problem]:
    """A problem for each roster site no populations file has, at its first worker."""
    return [
        origin.problem(
            msg(
                "bureau.site_in_no_populations",
                site=site,
                count=msg("bureau.workers" if n > 1 else "bureau.worker", n=n),
                hint=hint(nearest_site(site, pops)),
            ),
            "site",
        )
        for site, n, origin in missing_sites(pops, summary, roster, rules)
    ]


__all__ = ["check_file", "check_together", "checked"]
