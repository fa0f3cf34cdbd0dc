"""The streamed CSV pay path (`fastpay`) and the per-row path agree exactly (docs/algorithms.md).

`swplan pay ROSTER.csv --format csv` streams the roster through `fastpay.stream_pay`;
every other roster and format loads `Worker` records and calls `pay`. Over random,
valid rule sets and rosters the two must give the same bytes, the same totals, the
same counts; on bad rosters the same error lines, exit 2 and nothing written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from conftest import V1_RULES, swplan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swplan import Rules, load_roster, load_rules, pay
from swplan.calc.staffing import RosterCounts
from swplan.render import csv_lines
from swplan.report.pay import pay_report


class Streamed:
    """What a roster read row by row gave: totals, count, and the ids in file order."""

    def __init__(self, totals: Any, count: int, ids: Any) -> None:
        self.totals, self.count, self.ids = totals, count, ids


def stream_pay(
    path: Path,
    rules: Rules,
    as_of: dt.date | None,
    out: Any,
    *,
    counts: Any = None,
    year: int | None = None,
) -> Streamed:
    """`pay -f csv` into `out` (None: nothing written), or with `counts` the per-site
    counts `staff` and `budget` take from the roster."""
    from swplan.calc.costing import RosterCosting
    from swplan.commands.roster import summarise_roster, write_pay

    costing = RosterCosting(rules, as_of=as_of, year=year)
    if counts is not None:
        summary = summarise_roster(path, rules, costing)
        counts.current.update(summary.counts.current)
        counts.certified.update(summary.counts.certified)
        counts.sample_ids.update(summary.counts.sample_ids)
    target = out if out is not None else io.StringIO()
    tally = write_pay(path, rules, costing, target, fmt="csv", lang="en", by=None)
    return Streamed(tally.totals(), tally.count, _ids(path, rules))


def _ids(path: Path, rules: Rules) -> list[str]:
    from swplan.io.roster import RosterRows

    rows = RosterRows(path, rules)
    return [row.id for row in rows]


SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HEADER = "id,name,site,education,title,post,hired,years_of_service,performance"


def ordinary_csv(path: Path, rules: Rules, as_of: dt.date | None) -> tuple[str, Any]:
    """What every non-streamed run writes: load, pay, report, CSV lines."""
    result = pay(rules, load_roster(path, rules), as_of)
    return "".join(csv_lines(pay_report(result, rules, "en").items)), result


def streamed_csv(path: Path, rules: Rules, as_of: dt.date | None) -> tuple[str, Any]:
    out = io.StringIO()
    totals = stream_pay(path, rules, as_of, out)
    return out.getvalue(), totals


def write_csv(
    path: Path,
    columns: list[str],
    rows: list[list[str]],
    *,
    terminator: str = "\n",
    quoting: int = csv.QUOTE_MINIMAL,
    bom: bool = False,
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator=terminator, quoting=quoting)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


# --------------------------------------------------------------------------- random rules

# Valid identifiers that a CSV cell or a spreadsheet could mistake for something else.
EDUCATIONS = ["secondary", "bachelor", "本科", "-e", "e_2", "0"]
TITLES = ["assistant", "社工师", "-t", "t2"]
RATINGS = ["good", "pass", "优秀", "-p", "fail"]
POSTS = ["lead", "staff", "岗位", "-post"]
RATES = ["0.16", "0.08", "0.0333", "0.00155", "0.005", "0.105", "0.33333333", "0", "1"]
BONUS = ["0", "0.25", "0.5", "1", "1.25", "0.3333", "2"]
PER_YEAR = ["0", "0.25", "0.5", "1", "0.3333"]
ROUNDING = ["fen", "jiao_up", "yuan"]
FIRST_DAY = dt.date(1960, 1, 1)

half_points = st.integers(-6, 16).map(lambda n: str(Decimal(n) / 2))
fen = st.integers(0, 4_000_000).map(lambda n: str(Decimal(n) / 100))


def words(draw: st.DrawFn, pool: list[str], lo: int, hi: int) -> list[str]:
    return draw(st.lists(st.sampled_from(pool), min_size=lo, max_size=hi, unique=True))


@st.composite
def rule_documents(draw: st.DrawFn) -> dict[str, Any]:
    educations = words(draw, EDUCATIONS, 1, 4)
    titles = ["none", *words(draw, TITLES, 0, 3)]
    ratings = words(draw, RATINGS, 1, 4)
    mins = sorted(set(draw(st.lists(st.integers(-8, 40), min_size=1, max_size=7))))
    numbers = sorted(
        draw(st.lists(st.integers(1, 30), min_size=len(mins), max_size=len(mins), unique=True))
    )
    grades = [
        {"grade": g, "min_points": str(Decimal(m) / 2), "monthly": draw(fen)}
        for g, m in zip(numbers, mins, strict=True)
    ]
    floor, ceiling = sorted(draw(st.lists(st.integers(0, 4_000_000), min_size=2, max_size=2)))
    pay_rules: dict[str, Any] = {
        "points": {
            "education": {e: draw(half_points) for e in educations},
            "title": {t: draw(half_points) for t in titles},
            "performance": {r: draw(half_points) for r in ratings},
            "years_of_service": {
                "per_year": draw(st.sampled_from(PER_YEAR)),
                "max": draw(st.sampled_from(["0", "2.5", "10", "40"])),
            },
        },
        "default_performance": draw(st.sampled_from(ratings)),
        "grades": grades,
        "months_per_year": draw(st.integers(12, 14)),
        "allowances": {"title": {t: draw(fen) for t in titles if draw(st.booleans())}},
        "performance_bonus_months": {
            r: draw(st.sampled_from(BONUS)) for r in ratings if draw(st.booleans())
        },
        "contributions": {
            "base": {"floor": str(Decimal(floor) / 100), "ceiling": str(Decimal(ceiling) / 100)},
            "rates": {
                name: draw(st.sampled_from(RATES))
                for name in words(draw, ["pension", "medical", "fund", "-levy", "工伤"], 0, 5)
            },
        },
    }
    posts = words(draw, POSTS, 0, 3)
    if posts:
        pay_rules["posts"] = {}
        for name in posts:
            lo, hi = sorted(draw(st.lists(st.sampled_from(numbers), min_size=2, max_size=2)))
            post: dict[str, Any] = {"points": draw(half_points)}
            if draw(st.booleans()):
                post["min_grade"] = lo
            if draw(st.booleans()):
                post["max_grade"] = hi
            pay_rules["posts"][name] = post
        pay_rules["default_post"] = draw(st.sampled_from(posts))
    doc: dict[str, Any] = {
        "name": "random",
        "effective": draw(st.sampled_from(["2026-01-01", "2024-02-29", "2025-03-01"])),
        "categories": {"elderly": {}},
        "pay": pay_rules,
        "budget": {"new_hire": {"education": educations[0], "title": "none"}},
    }
    if draw(st.booleans()):
        local_policies(draw, doc, educations, titles, ratings, numbers)
    return doc


COUNTED_FROM = ["2008-03-01", "2016-09-01", "2024-02-29", "2031-01-01"]
CHANGE_DAYS = ["2024-03-15", "2025-07-01", "2026-07-01", "2026-08-31", "2031-01-01"]


def local_policies(
    draw: st.DrawFn,
    doc: dict[str, Any],
    educations: list[str],
    titles: list[str],
    ratings: list[str],
    grade_numbers: list[int],
) -> None:
    """Add random version-2 pay keys (service years, steps, components, education posts,
    bonus parts, contribution items and rounding, dated changes) to a rules document."""
    pay_rules = doc["pay"]
    posts = list(pay_rules.get("posts", {}))
    if draw(st.integers(0, 3)) == 0:  # no grades: pay is the components
        _drop_grades(pay_rules)
        grade_numbers = []
    if draw(st.booleans()):
        pay_rules["service"] = {
            "counted_from": draw(st.sampled_from(COUNTED_FROM)),
            "education_years": {
                e: draw(st.integers(0, 7)) for e in educations if draw(st.booleans())
            },
        }
    steps = _steps(draw)
    if steps is not None:
        pay_rules["steps"] = steps
    kinds: dict[str, list[str]] = {
        "title": titles,
        "education": educations,
        "performance": ratings,
        "post": posts,
    }
    if steps:
        kinds["step"] = [str(n) for n in range(steps["first"], steps["max"] + 1)]
    if grade_numbers:
        kinds["grade"] = [str(n) for n in grade_numbers]
    components = _components(draw, kinds)
    if components:
        pay_rules["components"] = components
    if posts and draw(st.booleans()):
        pay_rules["education_post"] = {
            e: draw(st.sampled_from(posts)) for e in educations if draw(st.booleans())
        }
    parts = [*(["grade"] if grade_numbers else []), *components]
    if parts and draw(st.booleans()):
        pay_rules.pop("performance_bonus_months", None)
        pay_rules["performance_bonus"] = {
            "months": {r: draw(st.sampled_from(BONUS)) for r in ratings if draw(st.booleans())},
            "of": draw(st.lists(st.sampled_from(parts), min_size=1, unique=True)),
        }
    _contribution_items(draw, pay_rules["contributions"])
    changes = _changes(draw, components)
    if changes:
        doc["changes"] = changes


def _drop_grades(pay_rules: dict[str, Any]) -> None:
    """Pay rules without grades: no grade table, no post grade bounds, no bonus months."""
    del pay_rules["grades"]
    for post in pay_rules.get("posts", {}).values():
        post.pop("min_grade", None)
        post.pop("max_grade", None)
    pay_rules.pop("performance_bonus_months", None)


def _steps(draw: st.DrawFn) -> dict[str, int] | None:
    """Random pay steps, or None."""
    if not draw(st.booleans()):
        return None
    first = draw(st.integers(0, 2))
    return {
        "every_years": draw(st.integers(1, 3)),
        "first": first,
        "max": first + draw(st.integers(0, 6)),
    }


def _components(draw: st.DrawFn, kinds: dict[str, list[str]]) -> dict[str, Any]:
    """Random pay components, each priced by one of `kinds` (kind -> its keys)."""
    components: dict[str, Any] = {}
    for cid in words(draw, ["basic", "post_wage", "津贴", "-c"], 0, 3):
        by = draw(st.sampled_from(sorted(k for k, v in kinds.items() if v)))
        keys = kinds[by]
        priced = keys if by in ("step", "grade") else [k for k in keys if draw(st.booleans())]
        comp: dict[str, Any] = {"by": by, "amounts": {k: draw(fen) for k in priced}}
        if draw(st.booleans()):
            comp["per_year"] = draw(st.sampled_from(["0", "50", "12.34"]))
            if draw(st.booleans()):
                comp["max_years"] = draw(st.integers(0, 40))
        components[cid] = comp
    return components


def _contribution_items(draw: st.DrawFn, contributions: dict[str, Any]) -> None:
    """A random rounding for the contributions, and for some of them their own rounding
    and base."""
    contributions["round"] = draw(st.sampled_from(ROUNDING))
    items = {}
    for name in contributions["rates"]:
        if draw(st.booleans()):
            item: dict[str, Any] = {"round": draw(st.sampled_from(ROUNDING))}
            if draw(st.booleans()):
                lo, hi = sorted(draw(st.lists(st.integers(0, 4_000_000), min_size=2, max_size=2)))
                item["base"] = {"floor": str(Decimal(lo) / 100), "ceiling": str(Decimal(hi) / 100)}
            items[name] = item
    if items:
        contributions["items"] = items


def _changes(draw: st.DrawFn, components: dict[str, Any]) -> list[dict[str, Any]]:
    """Random dated changes: a contribution base, and maybe the months and a component."""
    changes = []
    for day in sorted(words(draw, CHANGE_DAYS, 0, 2)):
        lo, hi = sorted(draw(st.lists(st.integers(0, 4_000_000), min_size=2, max_size=2)))
        change_pay: dict[str, Any] = {
            "contributions": {
                "base": {"floor": str(Decimal(lo) / 100), "ceiling": str(Decimal(hi) / 100)}
            }
        }
        if draw(st.booleans()):
            change_pay["months_per_year"] = draw(st.integers(12, 14))
        if components and draw(st.booleans()):
            cid = draw(st.sampled_from(sorted(components)))
            keys = list(components[cid]["amounts"])
            change_pay["components"] = {cid: {"amounts": {k: draw(fen) for k in keys}}}
        changes.append({"from": day, "note": "random", "set": {"pay": change_pay}})
    return changes


# --------------------------------------------------------------------------- random rosters

NAME_PARTS = [
    "张",
    "三",
    "Li",
    " ",
    ",",
    '"',
    "\n",
    "\r\n",
    "\t",
    "'",
    "=",
    "-",
    "+",
    "@",
    "＝",
    "＋",
    "1",
    "5",
    ".",
    "e",
    "SUM(A1)",
    "陈 一",
]
ID_PREFIXES = ["W", "-", "0", "工号", "w-", "_"]  # "-" + digits looks like a number
SITES = ["s1", "-2", "-x", "站点A", "S000001", "0101"]
PREFIXES = st.sampled_from(ID_PREFIXES)
SITE_NAMES = st.sampled_from(SITES)
NAMES = st.lists(st.sampled_from(NAME_PARTS), max_size=6)
LEAP_DAYS = [
    dt.date(2000, 2, 29),
    dt.date(2020, 2, 29),
    dt.date(2024, 2, 29),
    dt.date(2023, 2, 28),
    dt.date(2023, 3, 1),
    dt.date(2016, 9, 1),
]


PADDING = st.sampled_from(["{}", "{}", "{}", " {}", "{} ", "\t{} "])
BLANKS = st.sampled_from(["", " "])


def padded(draw: st.DrawFn, text: str) -> str:
    """A valid cell, sometimes with spaces around it (the per-row checks then read it)."""
    return draw(PADDING).format(text)


@st.composite
def rosters(
    draw: st.DrawFn, doc: dict[str, Any], as_of: dt.date
) -> tuple[list[str], list[list[str]]]:
    pay_rules = doc["pay"]
    optional = draw(
        st.lists(st.sampled_from(["name", "post", "performance", "years_not_counted"]), unique=True)
    )
    years_columns = draw(
        st.sampled_from([["hired"], ["years_of_service"], ["hired", "years_of_service"]])
    )
    columns = draw(st.permutations(["id", "site", "education", "title", *optional, *years_columns]))
    # strategies built once per roster, not per row: building them is most of a draw's cost
    points = pay_rules["points"]
    educations = st.sampled_from(sorted(points["education"]))
    titles = st.sampled_from(sorted(points["title"]))
    ratings = st.one_of(st.just(""), st.sampled_from(sorted(points["performance"])))
    posts = st.sampled_from(sorted(pay_rules["posts"])) if pay_rules.get("posts") else None
    days = st.one_of(st.sampled_from([*LEAP_DAYS, as_of]), st.dates(FIRST_DAY, as_of))
    which_years = st.sampled_from(years_columns)
    rows = []
    for i in range(draw(st.integers(0, 25))):
        if draw(st.integers(0, 9)) == 0:  # a blank line between workers
            rows.append([draw(BLANKS) for _ in columns])
        cell: dict[str, str] = {
            "id": f"{draw(PREFIXES)}{i}",
            "site": padded(draw, draw(SITE_NAMES)),
            "education": padded(draw, draw(educations)),
            "title": padded(draw, draw(titles)),
            "name": "".join(draw(NAMES)),
            "performance": draw(ratings),
            "post": "",
            "hired": "",
            "years_of_service": "",
            "years_not_counted": draw(st.sampled_from(["", "0", "1", "3", "+2", "80"])),
        }
        if posts is not None and draw(st.booleans()):
            cell["post"] = padded(draw, draw(posts))
        which = draw(which_years)
        if which == "hired":
            day = draw(days)
            cell["hired"] = padded(draw, min(day, as_of).isoformat())
        else:
            years = draw(st.integers(0, 80))
            cell["years_of_service"] = draw(
                st.sampled_from([str(years), str(years), f"+{years}", f"00{years}", f" {years}"])
            )
        rows.append([cell[c] for c in columns])
    return columns, rows


AS_OF = [
    None,
    dt.date(2024, 2, 29),
    dt.date(2025, 2, 28),
    dt.date(2025, 3, 1),
    dt.date(2026, 1, 1),
    dt.date(2031, 6, 15),
]


@SETTINGS
@given(st.data())
def test_streamed_and_per_row_pay_agree_on_random_rosters(data: st.DataObject) -> None:
    doc = data.draw(rule_documents(), label="rules")
    as_of = data.draw(st.sampled_from(AS_OF), label="as_of")
    when = as_of or dt.date.fromisoformat(doc["effective"])
    columns, rows = data.draw(rosters(doc, when), label="roster")
    terminator = data.draw(st.sampled_from(["\n", "\r\n"]))
    quoting = data.draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    bom = data.draw(st.booleans())
    with tempfile.TemporaryDirectory() as folder:
        rules_path = Path(folder) / "rules.yaml"
        rules_path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        rules = load_rules(rules_path)
        path = write_csv(
            Path(folder) / "roster.csv",
            columns,
            rows,
            terminator=terminator,
            quoting=quoting,
            bom=bom,
        )

        expected, result = ordinary_csv(path, rules, as_of)
        got, streamed = streamed_csv(path, rules, as_of)
        assert got == expected  # every cell of every row, header included, byte for byte
        assert streamed.totals == result.totals
        assert {k: str(v) for k, v in streamed.totals.items()} == {
            k: str(v) for k, v in result.totals.items()
        }
        assert streamed.count == result.count == len(result.workers)

        # what staff and budget take from a streamed roster: counts per site and the ids
        counts = RosterCounts()
        summary = stream_pay(path, rules, as_of, None, counts=counts)
        assert counts == RosterCounts.of(load_roster(path, rules), rules)
        assert list(summary.ids) == [w.id for w in result.workers]
        assert summary.totals == result.totals

    # (the numbers themselves are checked against a reference in test_pay_properties.py)
    assert len(list(csv.DictReader(io.StringIO(got, newline="")))) == result.count


@SETTINGS
@given(st.data())
def test_streamed_and_per_row_cost_of_a_year_agree_on_random_rosters(data: st.DataObject) -> None:
    """`pay --year Y`: each month under its own rules, years and step; hires during the year."""
    doc = data.draw(rule_documents(), label="rules")
    year = data.draw(st.sampled_from([2024, 2025, 2026, 2031]), label="year")
    columns, rows = data.draw(rosters(doc, dt.date(year, 12, 31)), label="roster")
    with tempfile.TemporaryDirectory() as folder:
        rules_path = Path(folder) / "rules.yaml"
        rules_path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        rules = load_rules(rules_path)
        path = write_csv(Path(folder) / "roster.csv", columns, rows)
        result = pay(rules, load_roster(path, rules, year=year), year=year)
        expected = "".join(csv_lines(pay_report(result, rules, "en").items))
        out = io.StringIO()
        streamed = stream_pay(path, rules, None, out, year=year)
        assert out.getvalue() == expected
        assert streamed.totals == result.totals
        assert streamed.count == result.count
        counts = RosterCounts()
        summary = stream_pay(path, rules, None, None, counts=counts, year=year)
        assert summary.totals == result.totals


# --------------------------------------------------------------------------- fixed cases


def test_numeric_looking_ids_and_sites_are_written_as_the_per_row_path_writes_them(
    tmp_path: Path,
) -> None:
    # "-5" and "-7" are valid identifiers that read as numbers: no "'" (csv_cell quotes only
    # text a spreadsheet would run as a formula); "-x" is text starting with "-": "'-x".
    # bachelor 2 + none 0 + pass 0 + staff 0 + 3 x 0.5 = 3.5 -> grade 2, gross 4800.00,
    # contributions 4800 x 0.317 = 1521.60; cost 57600 + 0 + 18259.20 = 75859.20
    path = write_csv(
        tmp_path / "roster.csv",
        HEADER.split(","),
        [
            ["-5", "-1.5", "-7", "bachelor", "none", "", "", "3", ""],
            ["-x", "=1+1", "-y", "bachelor", "none", "", "", "3", ""],
        ],
    )
    rules = load_rules(V1_RULES)
    expected, _ = ordinary_csv(path, rules, None)
    got, totals = streamed_csv(path, rules, None)
    assert got == expected
    lines = got.splitlines()
    assert lines[1].startswith("-5,-1.5,-7,staff,3,3.5,2,,4800.00,0.00,4800.00,1521.60,")
    assert lines[2].startswith("'-x,'=1+1,'-y,staff,3,3.5,2,")
    assert totals.totals["annual_cost"] == Decimal("151718.40")  # 2 x 75859.20


def test_a_lone_carriage_return_in_a_name(tmp_path: Path) -> None:
    # Python's csv.writer quotes only the lineterminator's characters; a lone CR left
    # unquoted would split the row in two for any reader.
    path = write_csv(
        tmp_path / "roster.csv",
        HEADER.split(","),
        [
            ["W1", "a\rb", "s1", "bachelor", "none", "", "", "3", ""],
        ],
        quoting=csv.QUOTE_ALL,
    )
    rules = load_rules()
    expected, _ = ordinary_csv(path, rules, None)
    got, _ = streamed_csv(path, rules, None)
    assert got == expected
    assert got.split("\n")[1].startswith('W1,"a\rb",s1,')
    assert list(csv.reader(io.StringIO(got, newline="")))[1][1] == "a\rb"


BAD_ROSTER = f"""\
{HEADER}
W1,好,s1,bachelor,none,,2016-09-01,,good
W2,x,s1,bachelr,none,,2016-09-01,,
W3,x,s1,bachelor,none,,2016-09-01,5,
W4,x,s1,bachelor,none,,2027-03-01,,
W1,x,s2,master,none,,,3,
W2,x,s1,bachelor,none,,,4,
W5,x,s1,bachelor,none
W6,x,s1,bachelor,none,,2023-02-29,,
W7,x,s1,bachelor,none,,2020.1,,
W8,x,s1,bachelor,none,,,-3,
W9,"two
lines",s1,bachelor,none,,,2,
W10,x,s1,bachelor,none,,,2,excelent
,x,s1,bachelor,none,,,2,
W4,x,s1,bachelor,none,,,1,
W11,x,s1,bachelor,none,,,1,,
"""

BAD_ROSTER_ERRORS = {
    "error: bad.csv:3:4: education: 'bachelr' is not one of: secondary, associate, bachelor, "
    "master, doctorate (did you mean 'bachelor'?)",
    "error: bad.csv:5:7: hired: 2027-03-01 is after the as-of date 2025-12-31; check the date "
    "or give a later --as-of",
    "error: bad.csv:6:1: id: duplicate worker id 'W1' (first at bad.csv:2:1); worker ids must be "
    "unique",
    # W2's first row is itself bad (line 3): its id still counts
    "error: bad.csv:7:1: id: duplicate worker id 'W2' (first at bad.csv:3:1); worker ids must be "
    "unique",
    "error: bad.csv:8: row has 5 cells but the header has 9",
    "error: bad.csv:9:7: hired: '2023-02-29' is not a real date; write YYYY-MM-DD, e.g. 2026-01-01",
    "error: bad.csv:10:7: hired: '2020.1' is ambiguous: a number cell shows 2020.10 (October) "
    "as 2020.1, the same as January; write the date as text, e.g. 2020-10-01 or 2020-01-01",
    "error: bad.csv:11:8: years_of_service: '-3' is negative; write a whole number from 0 to 80",
    # W9's record spans lines 12-13 and is fine; the next record starts at line 14
    "error: bad.csv:14:9: performance: 'excelent' is not one of: excellent, good, pass, basic_pass, fail "
    "(did you mean 'excellent'?)",
    "error: bad.csv:15:1: id: required value is missing",
    "error: bad.csv:16:1: id: duplicate worker id 'W4' (first at bad.csv:5:1); worker ids must be "
    "unique",
    "error: bad.csv:17: row has 10 cells but the header has 9",
}


def test_bad_rows_give_the_same_errors_streamed_and_per_row_and_write_nothing(
    tmp_path: Path,
) -> None:
    (tmp_path / "bad.csv").write_text(BAD_ROSTER, encoding="utf-8", newline="")
    for fmt in ("csv", "json"):  # csv: streamed (fastpay); json: load_roster + pay
        out = tmp_path / f"out.{fmt}"
        out.write_text("previous\n", encoding="utf-8")
        result = swplan("pay", "bad.csv", "--format", fmt, "--output", out.name, cwd=tmp_path)
        assert result.code == 2, (fmt, result.err)
        assert result.out == ""
        lines = result.err.splitlines()
        assert len(lines) == len(BAD_ROSTER_ERRORS) == 12, fmt
        assert set(lines) == BAD_ROSTER_ERRORS, fmt
        assert out.read_text(encoding="utf-8") == "previous\n"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "out.csv", "out.json"]
    # to stdout, the stream holds everything back until the roster has passed
    streamed = swplan("pay", "bad.csv", "--format", "csv", cwd=tmp_path)
    assert (streamed.code, streamed.out, set(streamed.err.splitlines())) == (
        2,
        "",
        BAD_ROSTER_ERRORS,
    )


PEOPLE = [
    # W001 of the small example: bachelor 2 + assistant 2 + good 1 + staff 0 + 9 x 0.5 = 9.5
    # -> grade 3, held to 2 by staff; gross 4800 + 300 = 5100; cost 83000.40
    {
        "id": "W001",
        "name": "张三",
        "site": "jinjiang",
        "education": "bachelor",
        "title": "assistant_social_worker",
        "hired": "2016-09-01",
        "performance": "good",
    },
    {
        "id": "0102",
        "name": 'Li, "Junior"\nsecond line',
        "site": "-7",
        "education": "master",
        "title": "social_worker",
        "post": "lead",
        "years_of_service": "12",
        "performance": "excellent",
    },
    {
        "id": "-5",
        "name": "=SUM(A1:A9)",
        "site": "s-1",
        "education": "associate",
        "title": "none",
        "hired": "2024-02-29",
    },
    {
        "id": "w-4",
        "name": "＝危险",
        "site": "站点",
        "education": "doctorate",
        "title": "senior_social_worker",
        "hired": "2000-02-29",
        "performance": "fail",
    },
    {
        "id": "W5",
        "name": "@home +1",
        "site": "s1",
        "education": "secondary",
        "title": "none",
        "post": "deputy",
        "years_of_service": "0",
    },
    {"id": "W6", "site": "s1", "education": "bachelor", "title": "none", "years_of_service": "40"},
    {
        "id": "W7",
        "name": "-3",
        "site": "s1",
        "education": "bachelor",
        "title": "none",
        "hired": "2026-01-01",
    },
]


def test_same_roster_as_yaml_and_csv_gives_identical_csv(tmp_path: Path) -> None:
    workers = [{k: v for k, v in p.items()} for p in PEOPLE]
    (tmp_path / "roster.yaml").write_text(
        yaml.safe_dump({"workers": workers}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    write_csv(
        tmp_path / "roster.csv",
        HEADER.split(","),
        [[p.get(c, "") for c in HEADER.split(",")] for p in PEOPLE],
    )
    day = ("--as-of", "2026-01-01")
    from_yaml = swplan(
        "pay", "--rules", V1_RULES, "roster.yaml", "--format", "csv", *day, cwd=tmp_path
    )
    from_csv = swplan(
        "pay", "--rules", V1_RULES, "roster.csv", "--format", "csv", *day, cwd=tmp_path
    )  # streamed
    assert from_yaml.code == from_csv.code == 0, from_yaml.err + from_csv.err
    assert from_csv.out.encode() == from_yaml.out.encode()
    rows = list(csv.DictReader(io.StringIO(from_csv.out, newline="")))
    assert [r["id"] for r in rows] == ["W001", "0102", "-5", "w-4", "W5", "W6", "W7"]
    by_id = {r["id"]: r for r in rows}
    assert (by_id["W001"]["years"], by_id["W001"]["grade"], by_id["W001"]["annual_cost"]) == (
        "9",
        "2",
        "83000.40",
    )
    assert by_id["0102"]["name"] == 'Li, "Junior"\nsecond line'
    assert by_id["-5"]["name"] == "'=SUM(A1:A9)" and by_id["-5"]["years"] == "1"
    assert by_id["w-4"]["name"] == "'＝危险" and by_id["w-4"]["years"] == "25"
    assert by_id["W5"]["name"] == "'@home +1"
    assert by_id["W7"]["name"] == "-3" and by_id["W7"]["years"] == "0"
    total = json.loads(
        swplan(
            "pay", "--rules", V1_RULES, "roster.yaml", "--format", "json", *day, cwd=tmp_path
        ).out
    )
    assert sum((Decimal(r["annual_cost"]) for r in rows), Decimal(0)) == Decimal(
        total["totals"]["annual_cost"]
    )


def errors_of_both_paths(folder: Path, roster: str) -> list[str]:
    """Run the streamed (csv) and the per-row (json) pay on a bad roster: the same error
    lines, exit 2, nothing on stdout and `--output` not written. Returns the lines."""
    seen = []
    for fmt in ("csv", "json"):
        result = swplan("pay", roster, "--format", fmt, "--output", f"out.{fmt}", cwd=folder)
        assert (result.code, result.out) == (2, ""), (fmt, result.err)
        assert not (folder / f"out.{fmt}").exists()
        seen.append(sorted(result.err.splitlines()))
    assert seen[0] == seen[1]
    assert sorted(os.listdir(folder)) == [roster]  # no temporary file left behind
    return seen[0]


def many_rows(n: int) -> list[str]:
    """`n` good rows (about 33 bytes each): enough to fill several read buffers."""
    return [f"W{i},Li,s1,bachelor,none,,,3," for i in range(n)]


def test_gbk_roster_is_reported_with_its_line_through_the_stream(tmp_path: Path) -> None:
    # a bad row at line 2, 3000 good rows (about 100 KB, several read buffers), then a
    # name saved as GBK with a byte no text has at line 3003: the file is neither UTF-8
    # nor GB18030, and that is all either path says (the per-row path never gets to
    # the rows)
    lines = [
        HEADER,
        "W-1,Li,s1,bachlor,none,,,3,",
        *many_rows(3000),
        "W9999,张三,s1,bachelor,none,,,3,",
    ]
    bad = "张三".encode("gbk") + b"\xff"
    data = "\n".join(lines).encode("utf-8").replace("张三".encode(), bad) + b"\n"
    (tmp_path / "gbk.csv").write_bytes(data)
    assert errors_of_both_paths(tmp_path, "gbk.csv") == [
        "error: gbk.csv:3003: is not UTF-8 text (files saved from Windows are often GBK); "
        "re-save it as UTF-8 and run again"
    ]


def test_malformed_csv_is_reported_alone_through_the_stream(tmp_path: Path) -> None:
    lines = [
        HEADER,
        "W-1,Li,s1,bachlor,none,,,3,",
        *many_rows(3000),
        'W9999,"Li"x,s1,bachelor,none,,,3,',
    ]
    (tmp_path / "bad.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert errors_of_both_paths(tmp_path, "bad.csv") == [
        "error: bad.csv:3003: malformed CSV in the record starting at line 3003: "
        "',' expected after '\"'"
    ]


def test_blank_lines_before_the_header(tmp_path: Path) -> None:
    # skipped by both paths; positions count them
    path = tmp_path / "roster.csv"
    path.write_text(f"\n \n{HEADER}\nW1,x,s1,bachelor,none,,,3,\n", encoding="utf-8")
    rules = load_rules(V1_RULES)
    expected, _ = ordinary_csv(path, rules, None)
    got, totals = streamed_csv(path, rules, None)
    assert got == expected
    assert totals.count == 1 and totals.totals["annual_cost"] == Decimal("75859.20")

    (tmp_path / "roster.csv").write_text("\n \n,,\n", encoding="utf-8")
    assert errors_of_both_paths(tmp_path, "roster.csv") == [
        "error: roster.csv:1: is empty; a header row is required"
    ]

    bad_header = HEADER.replace("title", "tilte")
    (tmp_path / "roster.csv").write_text(
        f"\n\n{bad_header}\nW1,x,s1,bachelor,none,,,3,\nW2,x\n", encoding="utf-8"
    )
    assert errors_of_both_paths(tmp_path, "roster.csv") == [
        "error: roster.csv:3:1: title: required column 'title' is missing; the header needs: "
        "id, site, education, title",
        "error: roster.csv:3:5: tilte: unknown column 'tilte' (did you mean 'title'?); allowed: "
        "id, site, education, title, name, post, hired, years_of_service, performance, "
        "employment, years_not_counted, area, title_since",
        "error: roster.csv:5: row has 2 cells but the header has 9",
    ]
