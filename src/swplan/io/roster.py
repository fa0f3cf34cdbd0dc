"""The workers of a roster."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from typing import Any

from ..errors import InputError, Problem
from ..model import ExamPass, Origin, Worker
from ..rules import Rules
from ..values import (
    IDENT_RE,
    parse_cell_date,
    parse_count,
)
from .fields import (
    Fields,
    UniqueIds,
    merged_numbers,
    table_origin,
    unknown_keys,
    vocabulary_word,
    yaml_origin,
    yaml_records,
)
from .headers import (
    ROSTER_COLUMNS,
    roster_header_problems,
    table_fits,
)
from .passes import _exam_pass
from .source import OpenTable, open_table
from .text import file_format
from .yamldoc import Document, load_yaml


def load_roster(
    path: str | os.PathLike[str],
    rules: Rules,
    *,
    as_of: dt.date | None = None,
    year: int | None = None,
    source: Document | OpenTable | None = None,
) -> list[Worker]:
    """The workers of a roster; with `as_of`, a `hired` after it is an error at its cell
    (with `year`, a `hired` after that year)."""
    problems: list[Problem] = []
    workers: list[Worker] = []
    ids = UniqueIds("worker id")  # every readable id, so duplicates show with other problems
    check = WorkerRules(rules, as_of, year=year)
    if file_format(path) == "yaml":
        doc = source if isinstance(source, Document) else load_yaml(path)
        records = yaml_records(doc, "workers", "roster")
        problems += unknown_keys(doc.data, ["workers"], doc, ())
        for path_, item in records:
            problems += unknown_keys(item, [*ROSTER_COLUMNS, "exams"], doc, path_)
            origin_of = yaml_origin(doc, path_)
            worker = check.worker(item.get, origin_of, problems)
            exams = item.get("exams")
            if exams is not None:  # checked even when the worker has problems: report them all
                passes = []
                if not isinstance(exams, list):
                    problems.append(
                        origin_of("exams").problem("must be a list of {exam, passed_on}", "exams")
                    )
                else:
                    for j, entry in enumerate(exams):
                        epath = (*path_, "exams", j)
                        if not isinstance(entry, dict):
                            problems.append(
                                doc.problem(epath, "each exam must be {exam: ..., passed_on: ...}")
                            )
                            continue
                        problems += unknown_keys(entry, ["exam", "passed_on"], doc, epath)
                        ef = Fields(entry.get, yaml_origin(doc, epath), problems)
                        p = _exam_pass(
                            ef, worker.id if worker else None, rules, yaml_origin(doc, epath)("")
                        )
                        if p:
                            passes.append(p)
                if worker is not None:
                    worker = _with_exams(worker, tuple(passes))
            _note_id(worker, item.get, origin_of, workers, ids, problems)
    else:
        opened = (
            source
            if isinstance(source, OpenTable)
            else open_table(path, table_fits("roster", rules))
        )
        table, problems = opened.table, opened.problems
        header = roster_header_problems(table, rules)
        if header:  # rows cannot be read without their columns; other problems still add up
            opened.drain()
            raise InputError([*header, *problems])  # the header explains the rows
        check.table = True
        for row in opened.rows():
            origin_of = table_origin(table, row)
            problems += merged_numbers(table, row, ["years_of_service"])
            worker = check.worker(row.cells.get, origin_of, problems)
            _note_id(worker, row.cells.get, origin_of, workers, ids, problems)
        if not problems:
            from . import notes

            notes.add(check.disagreement_note(table.file))
    if problems:
        raise InputError(problems)
    return workers


def _note_id(
    worker: Worker | None,
    get: Callable[[str], Any],
    origin_of: Callable[[str], Origin],
    workers: list[Worker],
    ids: UniqueIds,
    problems: list[Problem],
) -> None:
    """Keep a parsed worker; note the id of every record, parsed or not."""
    if worker is not None:
        if ids.add(worker.id, worker.origin or origin_of("id"), problems):
            workers.append(worker)
        return
    raw = get("id")
    if isinstance(raw, str) and IDENT_RE.match(raw.strip()):
        ids.add(raw.strip(), origin_of("id"), problems)


def _with_exams(worker: Worker, exams: tuple[ExamPass, ...]) -> Worker:
    return dataclasses.replace(worker, exams=exams)


MAX_YEARS = 80


class WorkerRules:
    """Every rule of a worker record, in one place, for every reader.

    `worker` reads one record (a YAML mapping or a table row). The streamed reader
    caches what `profile` and `service` say per distinct cell text, so a
    national roster is checked by the same rules without a call per row.

    With `as_of`, a `hired` date after it is a problem (pay needs completed years);
    with `year` (a year costed month by month), a `hired` date after that year.
    """

    def __init__(
        self,
        rules: Rules,
        as_of: dt.date | None = None,
        *,
        table: bool = False,
        year: int | None = None,
    ) -> None:
        self.rules = rules
        self.year = year
        if year is not None:
            as_of = dt.date(year, 12, 31)
        self.as_of = as_of
        # In a table (CSV or workbook) a row may fill both `hired` and `years_of_service`,
        # as bureau sheets do: `hired` is used, and rows whose two values disagree (at
        # the as-of date, the year's first day, or the rules' date) are noted. In YAML
        # both is an error.
        self.table = table
        if year is not None:
            self.count_at = dt.date(year, 1, 1)
        else:
            self.count_at = as_of if as_of not in (None, dt.date.max) else rules.effective
        self.disagree: list[str] = []  # where (the hired cell) the two values disagree
        self.posts = list(rules.pay.posts)

    # one parser per field: stripped, non-empty text in; the value, or ValueError

    def education(self, text: str) -> str:
        return vocabulary_word(self.rules, "education", text)

    def title(self, text: str) -> str:
        return vocabulary_word(self.rules, "title", text)

    def performance(self, text: str) -> str:
        return vocabulary_word(self.rules, "performance", text)

    def post(self, text: str) -> str:
        if not self.posts:
            raise ValueError("the rules define no posts; leave post out")
        return vocabulary_word(self.rules, "post", text)

    @staticmethod
    def years(text: str) -> int:
        return parse_count(text, MAX_YEARS)

    def service_problems(
        self, hired_text: str | None, years_text: str | None, hired: dt.date | None
    ) -> list[tuple[str, str]]:
        """(key, message) for the rules between `hired` and `years_of_service`."""
        out = []
        if hired_text is not None and years_text is not None and not self.table:
            out.append(("years_of_service", "give either hired or years_of_service, not both"))
        elif hired_text is None and years_text is None:
            out.append(("hired", "give hired (YYYY-MM-DD) or years_of_service; one is required"))
        if self.as_of is not None and hired is not None and hired > self.as_of:
            if self.year is not None:
                message = (
                    f"{hired.isoformat()} is after the year {self.year}; "
                    "check the date or give a later --year"
                )
            else:
                message = (
                    f"{hired.isoformat()} is after the as-of date {self.as_of.isoformat()}; "
                    "check the date or give a later --as-of"
                )
            out.append(("hired", message))
        return out

    def worker(
        self, get: Callable[[str], Any], origin_of: Callable[[str], Origin], problems: list[Problem]
    ) -> Worker | None:
        """One worker; its problems appended to `problems`, None if it has any."""
        before = len(problems)
        f = Fields(get, origin_of, problems)
        ident = f.ident("id", required=True)
        name = f.text("name")
        site = f.site_id("site", required=True)
        rules = self.rules
        education = f.word("education", rules, "education", required=True)
        title = f.word("title", rules, "title", required=True)
        post = None
        if f.text("post") is not None:
            if self.posts:
                post = f.word("post", rules, "post")
            else:
                f.fail("post", "the rules define no posts; leave post out")
        hired = f.date("hired")
        years = f.parsed("years_of_service", self.years)
        performance = f.word("performance", rules, "performance")
        employment = f.word("employment", rules, "employment")
        not_counted = f.parsed("years_not_counted", self.years)
        for key, message in self.service_problems(
            f.text("hired"), f.text("years_of_service"), hired
        ):
            f.fail(key, message)
        if self.table and hired is not None and years is not None:  # hired is used
            if self.disagrees(hired, years):
                self.disagree.append(origin_of("hired").where)
            years = None
        if (
            len(problems) > before
            or ident is None
            or site is None
            or education is None
            or title is None
        ):
            return None
        return Worker(
            ident,
            site,
            education,
            title,
            name,
            post,
            hired,
            years,
            performance,
            (),
            origin_of("id"),
            employment,
            years_not_counted=not_counted or 0,
        )

    # what the streamed reader caches

    def employment_ok(self, text: str) -> bool:
        """Whether an employment cell names an employment type (blank: the default)."""
        return not text.strip() or self.rules.word("employment", text) is not None

    def profile(self, cells: tuple[str, str, str, str]) -> tuple[Any, ...] | None:
        """(education, title, rating, post) cells as the worker has them, or None if any is
        wrong (the caller then reads the row with `worker` for the messages)."""
        education, title, rating, post = (c.strip() for c in cells)
        try:
            return (
                self.education(education),
                self.title(title),
                self.performance(rating) if rating else None,
                self.post(post) if post else None,
            )
        except ValueError:
            return None

    def disagrees(self, hired: dt.date, years: int) -> bool:
        from ..calc.pay import completed_years

        return hired <= self.count_at and completed_years(hired, self.count_at) != years

    def disagreement_note(self, file: str) -> list[str]:
        """The note naming the rows whose `hired` and `years_of_service` disagree."""
        places = list(dict.fromkeys(self.disagree))
        if not places:
            return []
        shown = ", ".join(places[:10])
        more = f" and {len(places) - 10} more" if len(places) > 10 else ""
        note = (
            f"{file}: hired and years_of_service disagree at {self.count_at.isoformat()} "
            f"in {shown}{more}; hired was used"
        )
        self.disagree = []
        return [note]

    def service(
        self, hired_text: str, years_text: str, not_counted_text: str
    ) -> tuple[dt.date | None, int | None, int] | None:
        """(hired, years_of_service, years_not_counted) from the three cells, or None if
        they break a rule. In a table with both dates given, `hired` is used."""
        hired_text, years_text = hired_text.strip(), years_text.strip()
        not_counted_text = not_counted_text.strip()
        try:
            hired = parse_cell_date(hired_text) if hired_text else None
            years = self.years(years_text) if years_text else None
            not_counted = self.years(not_counted_text) if not_counted_text else 0
        except ValueError:
            return None
        if self.service_problems(hired_text or None, years_text or None, hired):
            return None
        if hired is not None:
            return hired, None, not_counted  # in a table, also when both are given
        return None, years, not_counted


def parse_worker(
    get: Callable[[str], Any],
    origin_of: Callable[[str], Origin],
    rules: Rules,
    problems: list[Problem],
    *,
    as_of: dt.date | None = None,
    year: int | None = None,
) -> Worker | None:
    """One worker from a YAML mapping or a table row (see `WorkerRules.worker`)."""
    return WorkerRules(rules, as_of, year=year).worker(get, origin_of, problems)
