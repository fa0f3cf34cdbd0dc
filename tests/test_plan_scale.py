"""What lets `swplan plan` run a national roster: it must give the numbers it gave before.

A CSV roster is read with cached cell checks (a failing row read in full, for the usual
messages); hiring days are held per worker and the facts by month (`day_class`);
required posts are worked out a category column at a time. Each shortcut is checked
here against the ordinary path. Rules: tests/rules/v1-national.yaml.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
from conftest import ROOT, V1_RULES, swplan
from hypothesis import given, settings
from hypothesis import strategies as st

from swplan.calc.pay import PayCalculator, completed_years, month_starts
from swplan.calc.plan import day_class
from swplan.calc.staffing import posts_required_columns, required_posts
from swplan.io.rules_file import load_rules
from swplan.model import Site

V1 = load_rules(V1_RULES)
POPULATIONS = ROOT / "examples" / "county" / "populations.yaml"

HEADER = "id,name,site,education,title,post,hired,years_of_service,performance,employment"
ROWS = [
    "A1,甲,jinjiang,bachelor,none,,2019-03-01,,good,contract",
    "A2,,jinjiang,bachelor,none,,2019-03-02,,good,",
    "A3,,jinjiang,bachelor,none,,2019-03-31,,,",
    "A4,,jinjiang,master,assistant_social_worker,,2023-08-15,5,,",  # both: hired is used
    "A5,,hongqi,bachelor,none,,2023-12-31,,,",
    "A6,,hongqi,bachelor,none,,2024-01-01,,,",
    "A7,,hongqi,associate,social_worker,deputy,,9,excellent,",
    "A8,,xinhua,secondary,none,,2016-02-29,,pass,",
    "A9,,xinhua,bachelor,None,,2020-06-15,,Good,",  # words as labels, any case
]


def plan_rules(tmp_path: Path) -> Path:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "extends: national-v1\n"
        "employment: {contract: {label: {zh: 合同制, en: Contract}}}\n"
        "awards: {eligibility: {min_service_months: 30}}\n"
        "plan:\n  years: 3\n  attrition: 0.2\n"
        "  certification: {assistant_social_worker: 0.5, social_worker: 0.3}\n",
        encoding="utf-8",
    )
    return rules


def test_a_csv_roster_plans_as_the_same_roster_in_a_workbook(tmp_path: Path) -> None:
    # the workbook is read row by row into worker records; the CSV by its cached cells
    csv_roster = tmp_path / "roster.csv"
    csv_roster.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in [HEADER, *ROWS]:
        sheet.append(line.split(","))
    xlsx_roster = tmp_path / "roster.xlsx"
    book.save(xlsx_roster)
    rules = plan_rules(tmp_path)
    passes = tmp_path / "passes.csv"
    passes.write_text(
        "worker_id,exam,passed_on\nA1,assistant_social_worker,2025-06-30\n", encoding="utf-8"
    )
    results = [
        swplan("plan", POPULATIONS, roster, "--rules", rules, "--passes", passes, "-f", "json")
        for roster in (csv_roster, xlsx_roster)
    ]
    assert [r.code for r in results] == [0, 0], [r.err for r in results]
    by_csv, by_xlsx = (json.loads(r.out) for r in results)
    # the notes name the file and the cell (5:7 in the CSV, Sheet!G5 in the workbook)
    notes = [data.pop("notes") for data in (by_csv, by_xlsx)]
    assert by_csv == by_xlsx
    assert [len(n) for n in notes] == [1, 1]
    assert all("hired and years_of_service disagree" in n[0] for n in notes)
    # A4 gives both: 2023-08-15 -> 2026-01-01 is 2 complete years, not the 5 given;
    # both readers use hired and say so
    for r in results:
        assert "hired and years_of_service disagree at 2026-01-01" in r.err


def test_a_bad_csv_row_reads_as_the_ordinary_reader_words_it(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,site,education,title,hired\n"
        "B1,jinjiang,bachelor,none,2019-03-01\n"
        "B2,jinjiang,phd,none,2019-03-01\n"
        "B1,jinjiang,bachelor,none,2019-03-01\n"
        "B3,jinjiang,bachelor,none,2019-13-01\n",
        encoding="utf-8",
    )
    r = swplan("plan", POPULATIONS, roster, "--rules", V1_RULES)
    assert r.code == 2
    name = str(roster)
    assert r.err.splitlines() == [
        f"error: {name}:3:3: education: 'phd' is not one of: secondary, associate, "
        "bachelor, master, doctorate",
        f"error: {name}:4:1: id: duplicate worker id 'B1' (first at {name}:2:1); "
        "worker ids must be unique",
        f"error: {name}:5:5: hired: '2019-13-01' is not a real date; write YYYY-MM-DD, "
        "e.g. 2026-01-01",
    ]
    assert r.out == ""


def test_day_class_by_hand() -> None:
    # the 1st stays; the 2nd to the 31st read as the 2nd of the same month
    assert day_class(dt.date(2019, 3, 1)) == dt.date(2019, 3, 1)
    assert day_class(dt.date(2019, 3, 31)) == dt.date(2019, 3, 2)
    assert day_class(dt.date(2016, 2, 29)) == dt.date(2016, 2, 2)
    assert day_class(None) is None


@settings(max_examples=200, deadline=None)
@given(
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
    st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
    st.integers(2020, 2032),
)
def test_day_class_keeps_the_years_a_plan_reads(
    hired: dt.date, counted_from: dt.date | None, year: int
) -> None:
    # a plan compares hiring days with the 1st of each month and with 31 December only
    data = V1.model_dump()
    data["pay"]["service"]["counted_from"] = counted_from
    calc = PayCalculator(type(V1).model_validate(data))
    for day in [*month_starts(year), dt.date(year, 12, 31)]:
        assert (hired > day) == (day_class(hired) > day)
        assert calc.base_years(hired, None, day) == calc.base_years(day_class(hired), None, day)
        if hired <= day:
            assert completed_years(hired, day) == completed_years(day_class(hired), day)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "urban_community", "agency"]),
            st.dictionaries(
                st.sampled_from(list(V1.categories)),
                st.integers(-3, 130),
                max_size=len(V1.categories),
            ),
        ),
        max_size=6,
    )
)
def test_posts_required_columns_is_each_site_posts_required(
    sites: list[tuple[str | None, dict[str, int]]],
) -> None:
    listed = [Site(f"S{i}", None, kind, clients) for i, (kind, clients) in enumerate(sites)]
    columns = {c: [clients.get(c, 0) for _, clients in sites] for c in V1.categories}
    expected = [s.required for s in required_posts(V1, listed).sites]
    assert posts_required_columns(V1, [kind for kind, _ in sites], columns) == expected
