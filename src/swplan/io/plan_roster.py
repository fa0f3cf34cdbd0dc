"""A CSV roster read into a plan's columns, at the speed of the streamed pay.

`swplan plan` keeps a national roster as columns (`calc.plan.PlanRoster`), not as
1.5 million worker records. Like the streamed pay (`stream.py`), this reader judges
each row's cells by `records.WorkerRules`, once per distinct text, then by dict
look-ups; a row that fails any quick check is read by `WorkerRules.worker`, so its
messages are exactly those of every other reader, and the roster gets the same
workers `records.load_roster` would give it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem
from ..model import Origin
from ..rules import Rules
from ..values import IDENT_RE
from .loading import Row, open_csv
from .records import UniqueIds, WorkerRules, roster_header_problems, table_fits

if TYPE_CHECKING:
    from ..calc.plan import PlanRoster


def load_plan_roster(path: str | os.PathLike[str], rules: Rules, roster: PlanRoster) -> None:
    """Every worker of a CSV roster added to `roster`, in roster order; `InputError`
    with every problem (as `load_roster` words them) when any row has one."""
    from ..calc.plan import day_class
    from . import notes

    problems: list[Problem] = []
    table, records = open_csv(path, problems, table_fits("roster", rules))
    header = roster_header_problems(table, rules)
    if header:  # as the whole-file reader does: rows of the wrong width are named too
        for _ in records:
            pass
        raise InputError([*header, *problems])  # the header explains the rows
    check = WorkerRules(rules, table=True)
    name, columns = table.file, table.columns
    col = {c: i for i, c in enumerate(columns)}
    i_id, i_site, i_edu, i_title = col["id"], col["site"], col["education"], col["title"]
    i_post, i_perf = col.get("post"), col.get("performance")
    i_hired, i_years = col.get("hired"), col.get("years_of_service")
    i_nc, i_employment = col.get("years_not_counted"), col.get("employment")
    i_hired_cell = i_hired if i_hired is not None else 0
    # a blank performance or employment is the word the rules give the alias "", as
    # `WorkerRules.worker` reads it
    blank_rating = rules.word("performance", "")
    blank_employment = rules.word("employment", "")

    def words(cells: tuple[str, str, str, str, str]) -> tuple[Any, ...] | None:
        """(education, title, performance, post, employment) as the worker has them,
        or None when a cell breaks a rule (the row is then read in full)."""
        found = check.profile(cells[:4])
        if found is None:
            return None
        education, title, rating, post = found
        if rating is None:
            rating = blank_rating
        employment = cells[4].strip()
        if employment:
            word = rules.word("employment", employment)
            if word is None:
                return None
            return education, title, rating, post, word
        return education, title, rating, post, blank_employment

    def service(cells: tuple[str, str, str]) -> tuple[Any, ...] | None:
        """(hired as `day_class` has it, years_of_service, years_not_counted, the
        hiring day's ordinal, whether hired and years_of_service disagree), or None when
        the cells break a rule."""
        found = check.service(*cells)
        if found is None:
            return None
        hired, given, not_counted = found
        if hired is None:
            return None, given, not_counted, 0, False
        years = cells[1].strip()  # both given: hired is used, a disagreement noted
        disagree = bool(years) and check.disagrees(hired, check.years(years))
        return day_class(hired), None, not_counted, hired.toordinal(), disagree

    def slow(line: int, cells: list[str]) -> None:
        """Read a row the ordinary way, so its problems read exactly as the ordinary
        ones; its id (when readable) still counts for duplicate ids, as in
        `records.load_roster`."""
        row = Row(line, {c: (v.strip() or None) for c, v in zip(columns, cells, strict=True)})
        found: list[Problem] = []
        worker = check.worker(row.cells.get, lambda key: Origin(name, table.where(row, key)), found)
        problems.extend(found)
        if worker is None or found:
            raw = row.cells.get("id")
            worker_id = raw if raw and IDENT_RE.match(raw) else None
        else:
            worker_id = worker.id
        if worker_id is None:
            return
        if worker_id in first_line:
            problems.append(ids.duplicate(worker_id, line))
            return
        first_line[worker_id] = line
        if worker is not None and not problems:
            roster.append(worker)

    ids = UniqueIds("worker id", lambda line: Origin(name, table.cell(line, i_id)))
    first_line: dict[str, int] = ids.first
    words_of: dict[tuple[str, ...], tuple[Any, ...] | None] = {}
    service_of: dict[tuple[str, ...], tuple[Any, ...] | None] = {}
    ident = IDENT_RE.match
    empty = ""
    add = roster.adder()
    for line, cells in records:
        worker_id = cells[i_id]
        site = cells[i_site]
        wkey = (
            cells[i_edu],
            cells[i_title],
            cells[i_perf] if i_perf is not None else empty,
            cells[i_post] if i_post is not None else empty,
            cells[i_employment] if i_employment is not None else empty,
        )
        worded = words_of.get(wkey, wkey)
        if worded is wkey:
            worded = words_of[wkey] = words(wkey)
        hired = cells[i_hired] if i_hired is not None else empty
        given = cells[i_years] if i_years is not None else empty
        skey = (hired, given, cells[i_nc] if i_nc is not None else empty)
        served = service_of.get(skey, skey)  # cached by the cells' text
        if served is skey:
            served = service_of[skey] = service(skey)
        if worded is None or served is None or ident(worker_id) is None or ident(site) is None:
            slow(line, cells)
            continue
        if served[4]:
            check.disagree.append(table.cell(line, i_hired_cell))
        if worker_id in first_line:
            problems.append(ids.duplicate(worker_id, line))
            continue
        first_line[worker_id] = line
        if problems:
            continue  # nothing is planned: only the problems are wanted now
        education, title, rating, post, employment = worded
        add(
            worker_id,
            site,
            (education, title, rating, post, served[0], served[1], served[2], employment),
            served[3],
        )
    if problems:
        raise InputError(problems)
    notes.add(check.disagreement_note(name))
