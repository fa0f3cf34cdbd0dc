"""Every rule of a worker row, in one place, for every reader and every size.

Each rule is a function of a few cells (`WorkerRules`), so its answer is kept per
distinct text: a national roster of 1.5 million rows has a few thousand distinct
profiles and is judged by the same rules as a county's ten rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..dates import completed_years
from ..identity import parse_id_number
from ..messages import Field, Text, msg
from ..model import Facts, Service
from ..rules import Rules
from ..values import (
    IDENT_RE,
    cell_date,
    is_placeholder,
    parse_cell_date,
    parse_count,
    parse_ident,
    parse_site_id,
    reason,
    site_id_ok,
)
from .fields import vocabulary_word
from .headers import ROSTER_COLUMNS

MAX_YEARS = 80

# A cell of a YAML roster that holds a list or a mapping, not a value.
NOT_SCALAR = "\x00not a scalar\x00"
# The order of the problems of one row (as the fields are listed, cross-field rules last).
_ORDER = {
    key: i
    for i, key in enumerate(
        (
            "id",
            "name",
            "site",
            "education",
            "title",
            "post",
            "hired",
            "years_of_service",
            "performance",
            "employment",
            "years_not_counted",
            "area",
            "title_since",
            "service",
        )
    )
}

Found = tuple[tuple[int, str, Text], ...]  # problems: (order, field, message)
_AT = {key: i for i, key in enumerate(ROSTER_COLUMNS)}
_ID, _NAME, _SITE, _EDUCATION, _TITLE = (
    _AT[k] for k in ("id", "name", "site", "education", "title")
)
_POST, _PERFORMANCE, _EMPLOYMENT = (_AT[k] for k in ("post", "performance", "employment"))
_HIRED, _YEARS, _NOT_COUNTED = (_AT[k] for k in ("hired", "years_of_service", "years_not_counted"))
_AREA, _TITLE_SINCE = _AT["area"], _AT["title_since"]


class Bad(tuple):  # type: ignore[type-arg]
    """What a rule found wrong: `(order, field, message)` for each problem."""

    __slots__ = ()


def _bad(*found: tuple[str, Text], order: str | None = None) -> Bad:
    return Bad((_ORDER[order or key], key, message) for key, message in found)


def _text(cell: str | None) -> str | None:
    """A cell's value: stripped text, or None when blank. `NOT_SCALAR` stays as it is."""
    if cell is None:
        return None
    text = cell.strip()
    return text or None


_SINGLE = msg("file.single")
_MISSING = msg("file.missing")


class WorkerRules:
    """Every rule of a worker row, in one place, for every reader and every size.

    Each group of cells is judged by one method, once per distinct text (the answers
    are kept): `facts` (education, title, performance, post, employment, area),
    `service` (hired, years_of_service, years_not_counted, title_since), `site`, and
    `ident` and `name` (judged every time: they differ from row to row).

    `site_areas` (site id or name -> area) fills an empty area cell with the area of the
    row's site; with `need_area` (the rules pay by area) a row left with no area is a
    problem at its area cell.

    `judged` is the day a `hired` date may not be after (None: any day); with `year`
    (a year costed month by month), 31 December of it. `option` is the option that
    moves that day, for the message (`--as-of`, `--year`, `--from`; `today` for
    `check`, which judges today). In a table (CSV or workbook) a row may fill both
    `hired` and `years_of_service`, as bureau sheets do: `hired` is used, and rows
    whose two values disagree on `count_at` are noted; in YAML both is an error.
    A `hired` written as a month without a day is the 1st of it (`months` holds the
    texts read so, for the note that counts them). With `id_numbers` the id is an
    identity number (身份证号), checked by its check character.
    """

    def __init__(
        self,
        rules: Rules,
        judged: dt.date | None = None,
        *,
        table: bool = False,
        year: int | None = None,
        option: str | None = None,
        site_areas: dict[str, str] | None = None,
        need_area: bool = False,
    ) -> None:
        self.rules = rules
        self.year = year
        self.option = option or ("--year" if year is not None else "--as-of")
        self.id_numbers = False
        self.months: set[str] = set()
        self.site_areas = site_areas or None
        self.need_area = need_area
        self.areas = bool(rules.areas)  # an area cell means nothing to rules without areas
        if year is not None:
            judged = dt.date(year, 12, 31)
        self.as_of = judged if judged != dt.date.max else None
        self.table = table
        if year is not None:
            self.count_at = dt.date(year, 1, 1)
        else:
            self.count_at = self.as_of or rules.effective
        self.posts = bool(rules.pay.posts)
        self._facts: dict[tuple[str, ...], Facts | Bad] = {}
        self._service: dict[tuple[str, ...], Service | Bad] = {}
        self._sites: dict[str, str | Bad] = {}

    # ------------------------------------------------------------------ one row

    def read(self, cells: tuple[str | None, ...]) -> tuple[Any, Any, Any, Any, Any, Any]:
        """(id, name, site, facts, service, problems) of one row's cells, in the order of
        `ROSTER_COLUMNS`; `problems` is a `Bad` (empty when the row is good)."""
        ident = self.ident(cells[_ID])
        name = self.name(cells[_NAME])
        site = self.site(cells[_SITE])
        area = cells[_AREA]
        if self.site_areas is not None and not (area or "").strip():
            area = self.site_areas.get(site if isinstance(site, str) else "", area)
        facts = self.facts(
            cells[_EDUCATION],
            cells[_TITLE],
            cells[_PERFORMANCE],
            cells[_POST],
            cells[_EMPLOYMENT],
            area,
        )
        service = self.service(
            cells[_HIRED], cells[_YEARS], cells[_NOT_COUNTED], cells[_TITLE_SINCE]
        )
        found = [r for r in (ident, name, site, facts, service) if type(r) is Bad]
        if not found:
            return ident, name, site, facts, service, ()
        problems = Bad(sorted((p for bad in found for p in bad), key=lambda p: p[0]))
        good = None if type(ident) is Bad else ident
        return good, name, site, facts, service, problems

    def ident(self, cell: str | None) -> str | Bad:
        if cell is not None and not self.id_numbers and IDENT_RE.match(cell):
            return cell
        text = _text(cell)
        if text is None:
            return _bad(("id", _MISSING))
        if text == NOT_SCALAR:
            return _bad(("id", _SINGLE))
        try:
            return parse_id_number(text) if self.id_numbers else str(parse_ident(text))
        except ValueError as exc:
            return _bad(("id", reason(exc)))

    @staticmethod
    def name(cell: str | None) -> str | None | Bad:
        text = _text(cell)
        if text == NOT_SCALAR:
            return _bad(("name", _SINGLE))
        return text

    def site(self, cell: str | None) -> str | Bad:
        key = cell or ""
        found = self._sites.get(key)
        if found is None:
            found = self._sites[key] = self._site(cell)
        return found

    @staticmethod
    def _site(cell: str | None) -> str | Bad:
        if cell is not None and site_id_ok(cell):  # the usual id: nothing to trim or refuse
            return cell
        text = _text(cell)
        if text is None:
            return _bad(("site", _MISSING))
        if text == NOT_SCALAR:
            return _bad(("site", _SINGLE))
        try:
            return parse_site_id(text)
        except ValueError as exc:
            return _bad(("site", reason(exc)))

    def facts(self, *cells: str | None) -> Facts | Bad:
        """(education, title, performance, post, employment, area) cells -> `Facts`."""
        key = tuple(c or "" for c in cells)
        found = self._facts.get(key)
        if found is None:
            found = self._facts[key] = self._judge_facts(*key)
        return found

    def _judge_facts(
        self,
        education: str,
        title: str,
        performance: str,
        post: str,
        employment: str,
        area_cell: str = "",
    ) -> Facts | Bad:
        problems: list[tuple[str, Text]] = []
        words = {}
        for field, cell, required in (
            ("education", education, True),
            ("title", title, True),
            ("performance", performance, False),
            ("employment", employment, False),
        ):
            words[field] = self._word(field, cell, required, problems)
        post_key = None
        if _text(post) is not None:
            if post.strip() == NOT_SCALAR:
                problems.append(("post", _SINGLE))
            elif not self.posts:
                problems.append(("post", msg("calc.no_posts")))
            else:
                post_key = self._word("post", post, False, problems)
        area = self._area(area_cell, problems)
        if problems:
            return _bad(*problems)
        assert words["education"] is not None and words["title"] is not None
        return Facts(
            words["education"],
            words["title"],
            words["performance"],
            post_key,
            words["employment"],
            area,
        )

    def _area(self, cell: str, problems: list[tuple[str, Any]]) -> str | None:
        """The area a cell names (rules without areas read none); with `need_area`, an
        empty one is a problem."""
        if not self.areas:
            return None
        area = self._word("area", cell, False, problems)
        if area is None and self.need_area and _text(cell) is None:
            where = _area_rule(self.rules)
            problems.append(("area", msg("calc.no_area", where=where)))
        return area

    def _word(
        self, vocabulary: str, cell: str, required: bool, problems: list[tuple[str, Text]]
    ) -> str | None:
        """The key of the vocabulary word a cell names (key, label or alias); a blank cell
        is the word the rules give the alias "" (national: title none)."""
        text = _text(cell)
        if text == NOT_SCALAR:
            problems.append((vocabulary, _SINGLE))
            return None
        if text is None:
            blank = self.rules.word(vocabulary, "")
            if blank is None and required:
                problems.append((vocabulary, _MISSING))
            return blank
        try:
            return vocabulary_word(self.rules, vocabulary, text)
        except ValueError as exc:
            problems.append((vocabulary, reason(exc)))
            return None

    def service(self, *cells: str | None) -> Any:
        """(hired, years_of_service, years_not_counted[, title_since]) cells -> `Service`."""
        key = tuple(c or "" for c in cells)
        found = self._service.get(key)
        if found is None:
            found = self._service[key] = self._judge_service(*key)
        return found

    def _judge_service(
        self, hired_cell: str, years_cell: str, nc_cell: str, since_cell: str = ""
    ) -> Service | Bad:
        problems: list[tuple[str, Text]] = []
        hired_text, years_text = _text(hired_cell), _number_text(years_cell, self.table)
        found = self._parsed("hired", hired_text, cell_date, problems)
        hired = None
        if found is not None:
            hired, month_only = found
            if month_only:
                self.months.add(hired_cell)
        years = self._parsed("years_of_service", years_text, _years, problems)
        nc_text = _number_text(nc_cell, self.table)
        not_counted = self._parsed("years_not_counted", nc_text, _years, problems)
        title_since = self._parsed("title_since", _text(since_cell), parse_cell_date, problems)
        cross: list[tuple[str, Text]] = []
        if hired_text is not None and years_text is not None and not self.table:
            cross.append(("years_of_service", msg("calc.hired_and_years")))
        elif hired_text is None and years_text is None:
            either = msg(
                "file.hired_or_years",
                hired=Field("roster", "hired"),
                years=Field("roster", "years_of_service"),
            )
            cross.append(("hired", either))
        if self.as_of is not None and isinstance(hired, dt.date) and hired > self.as_of:
            cross.append(("hired", self._after(hired)))
        if problems or cross:
            return Bad((*_bad(*problems), *(((_ORDER["service"], k, m)) for k, m in cross)))
        disagrees = False
        if hired is not None and years is not None:  # a table gave both: hired is used
            disagrees = hired <= self.count_at and completed_years(hired, self.count_at) != years
            years = None
        return Service(hired, years, not_counted or 0, disagrees, title_since)

    @staticmethod
    def _parsed(
        key: str, text: str | None, parse: Callable[[str], Any], problems: list[tuple[str, Text]]
    ) -> Any:
        if text is None:
            return None
        if text == NOT_SCALAR:
            problems.append((key, _SINGLE))
            return None
        try:
            return parse(text)
        except ValueError as exc:
            problems.append((key, reason(exc)))
            return None

    def _after(self, hired: dt.date) -> Text:
        assert self.as_of is not None
        day = hired.isoformat()
        if self.option == "today":  # `check`: after the year a budget drafted today is for
            return msg("bureau.hired_after_next_year", hired=day, year=self.as_of.year)
        if self.option == "--as-of":
            return msg("file.hired_after_as_of", hired=day, as_of=self.as_of.isoformat())
        year = self.year if self.year is not None else self.as_of.year
        return msg("file.hired_after_year", hired=day, year=year, option=self.option)


def _years(text: str) -> int:
    return parse_count(text, MAX_YEARS)


def _number_text(cell: str | None, table: bool) -> str | None:
    """A number cell's text; in a table, a mark for "none" (—, -, /, 无) is empty."""
    text = _text(cell)
    if table and text is not None and is_placeholder(text):
        return None
    return text


def _area_rule(rules: Rules) -> str:
    """The first rule that pays by area (for the message of a row with none)."""
    for _, version in rules.versions():
        for i, floor in enumerate(version.pay.floor):
            if floor.by == "area":
                return f"pay.floor[{i}]"
        for name, component in version.pay.components.items():
            if component.by == "area":
                return f"pay.components.{name}"
    return "pay"
