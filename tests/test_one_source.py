"""One row source: the same numbers whatever the format, the size, the path or the command.

A district (rules, sites, workers) drawn at random over the rules space is written as
YAML, as CSV and as a workbook, and every command runs on each: `pay` as JSON, CSV,
Markdown and by site, `staff`, `budget` (by site too, with passes and a ledger),
`awards`, `plan`, `check`. Every output must be the same to the byte (the file names
in notes aside) and every exit code the same; half the examples also run past the
size thresholds (a table too long to list, a roster read in a second process or in
columns). The draws include what used to part the readers: a rating
whose alias is "" (a blank cell means it), blank cells, sites written by name, ids of
60-70 characters (a site id holds at most 64), `hired` or `years_of_service`, the
keys of local notices: areas (the roster's or the site's), floors by area or amount
(as a share of a published figure too), certificate dates and windows, calendar-year
service and part-year pay; `funding` shares (the budget split site by site); and
award rules (conditions on the worker or none) with passes and ledger rows that name
the roster's workers and a stranger.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from conftest import swplan
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_fastpay import rule_documents

from swplan.commands import roster as roster_commands

FORMATS = ("yaml", "csv", "xlsx")
# districts drawn for each group of commands below: every command runs on this many
EXAMPLES = int(os.environ.get("SWPLAN_DIFFERENTIAL_EXAMPLES", "20"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # each example runs its commands on three files: a failure is reported as drawn,
    # not shrunk
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
AS_OF = "2024-02-29"  # on or after every drawn hiring day, before every effective date
YEAR = "2026"
ROSTER = ("id", "name", "site", "education", "title", "post", "hired", "years_of_service")
ROSTER_ALL = (*ROSTER, "performance", "area", "title_since")
SITE_COLUMNS = (
    "id",
    "name",
    "kind",
    "area",
    "elderly",
    "residents",
    "posts_cap",
    "opens",
    "growth.elderly",
)
AREAS = {"town": {"label": {"zh": "城区"}}, "township": {"aliases": ["乡镇"]}}


def notices(draw: st.DrawFn, doc: dict[str, Any]) -> bool:
    """Add the keys of local notices to a rules document, half the time; whether added."""
    if draw(st.booleans()):
        return False
    pay = doc["pay"]
    doc["areas"] = AREAS
    doc["published"] = {"average_wage": {"2024": "86000", "growth": "0.05"}}
    share = {"share": "0.6", "of": "average_wage", "year": "-1", "from_month": "7"}
    floors = [
        {
            "by": "area",
            "amounts": {"town": share, **({"township": "3000"} if draw(st.booleans()) else {})},
            "includes": draw(st.sampled_from([["gross"], ["gross", "contributions"]])),
        }
    ]
    if draw(st.booleans()):
        floors.append({"monthly": str(Decimal(draw(st.integers(0, 600_000))) / 100)})
    pay["floor"] = floors
    for component in pay.get("components", {}).values():
        if draw(st.booleans()):
            component["for_months"] = draw(st.integers(1, 40))
    if draw(st.booleans()):
        pay.setdefault("service", {})["count"] = "calendar_year"
    pay["prorate"] = {"extra_months": draw(st.booleans()), "bonus": draw(st.booleans())}
    pay["months_per_year"] = draw(st.integers(12, 14))
    return True


@st.composite
def districts(draw: st.DrawFn) -> dict[str, Any]:
    doc = draw(rule_documents())
    doc["effective"] = "2026-01-01"
    doc.pop("changes", None)
    local = notices(draw, doc)
    area_cells = ["", "town", "城区", "乡镇"] if local else [""]
    points = doc["pay"]["points"]
    if draw(st.booleans()):  # a blank rating cell means this rating
        rating = draw(st.sampled_from(sorted(points["performance"])))
        points["performance"][rating] = {"points": points["performance"][rating], "aliases": [""]}
    if draw(st.booleans()):  # who pays: each site's lines split, by kind too
        doc["funding"] = {
            "sources": ["city", "district", "street"],
            "shares": {
                "default": {"city": "0.3333", "district": "0.3333", "street": "0.3334"},
                "training": {"street": 1},
            },
            "by_site_kind": {"urban_community": {"city": "0.5", "district": "0.5"}},
        }
    sites = []
    for i in range(draw(st.integers(1, 4))):
        long_id = draw(st.integers(0, 5)) == 0
        ident = f"S{i}" + ("x" * draw(st.integers(57, 67)) if long_id else "")
        sites.append(
            {
                "id": ident,
                "name": f"站点{i}",
                "kind": draw(st.sampled_from(["urban_community", "rural_community", ""])),
                "area": draw(st.sampled_from(area_cells)),
                "elderly": str(draw(st.integers(0, 90))),
                # what a plan reads: blank, or a figure
                "residents": draw(st.sampled_from(["", "8000", "25000"])),
                "posts_cap": draw(st.sampled_from(["", "", "1", "4"])),
                "opens": draw(st.sampled_from(["", "", "", "2027"])),
                "growth.elderly": draw(st.sampled_from(["", "", "0.1", "-0.05"])),
            }
        )
    educations = sorted(points["education"])
    titles = sorted(points["title"])
    ratings = ["", *sorted(points["performance"])]
    posts = sorted(doc["pay"].get("posts", {}))
    workers = []
    for i in range(draw(st.integers(0, 9))):
        site = draw(st.sampled_from(sites))
        worker = {
            "id": f"W{i}"
            + ("w" * draw(st.integers(58, 68)) if draw(st.integers(0, 9)) == 0 else ""),
            "name": draw(st.sampled_from(["", "张三", "Li Si", "=SUM(A1)"])),
            "site": site["name"] if draw(st.booleans()) else site["id"],
            "education": draw(st.sampled_from(educations)),
            "title": draw(st.sampled_from(titles)),
            "post": draw(st.sampled_from(["", *posts])),
            "hired": "",
            "years_of_service": "",
            "performance": draw(st.sampled_from(ratings)),
            "area": draw(st.sampled_from(area_cells)),
            "title_since": "",
        }
        if local and draw(st.booleans()):
            day = draw(
                st.dates(
                    dt.date(2020, 1, 1),
                    dt.date(2026, 12, 31),
                )
            )
            worker["title_since"] = day.isoformat()
        if draw(st.booleans()):
            day = draw(st.dates(min_value=__import__("datetime").date(1970, 1, 1)))
            worker["hired"] = min(day, __import__("datetime").date(2024, 2, 29)).isoformat()
        else:
            worker["years_of_service"] = str(draw(st.integers(0, 40)))
        workers.append(worker)
    passes, ledger = exam_passes(draw, doc, [w["id"] for w in workers])
    return {"rules": doc, "sites": sites, "workers": workers, "passes": passes, "ledger": ledger}


def exam_passes(
    draw: st.DrawFn, doc: dict[str, Any], ids: list[str]
) -> tuple[list[list[str]], list[list[str]]]:
    """Awards in the rules (the titles above "none" as exams, half the time with
    conditions that judge the workers), and passes and ledger rows naming the roster's
    workers and a stranger."""
    exams = [t for t in doc["pay"]["points"]["title"] if t != "none"]
    if not exams:
        return [], []
    awards: dict[str, Any] = {
        "exams": {e: str(draw(st.sampled_from([500, 1000, 2000, 5000]))) for e in exams},
        "ladder": exams,
        "upgrade": draw(st.sampled_from(["top_up", "full"])),
        "claim_window_days": draw(st.sampled_from([365, 800, 365, 30])),
    }
    if draw(st.booleans()):  # conditions on the worker: the roster keeps those named
        awards["eligibility"] = {
            "min_service_months": draw(st.integers(0, 30)),
            "min_performance": draw(st.sampled_from(sorted(doc["pay"]["points"]["performance"]))),
        }
    if draw(st.booleans()):
        awards["cap_per_worker"] = "3000"
    doc["awards"] = awards
    named = st.sampled_from([*ids, "W99"])  # W99: on no roster
    # passed in 2025 mostly: paid in the budget's year 2026, or expired by then
    passed_on = st.dates(dt.date(2024, 10, 1), dt.date(2025, 12, 31)).map(dt.date.isoformat)
    paid_on = st.dates(dt.date(2024, 6, 1), dt.date(2025, 12, 31)).map(dt.date.isoformat)
    exam = st.sampled_from(exams)
    passes = draw(st.lists(st.tuples(named, exam, passed_on).map(list), min_size=1, max_size=6))
    paid = st.tuples(named, exam, st.sampled_from(["500.00", "1000.00"]), paid_on).map(list)
    return passes, draw(st.lists(paid, max_size=3))


def write(folder: Path, district: dict[str, Any], fmt: str) -> tuple[Path, Path]:
    """The district's populations and roster as files of format `fmt`."""
    sites, workers = district["sites"], district["workers"]
    if fmt == "yaml":
        pops = folder / "populations.yaml"
        entries = []
        for s in sites:
            entry = {"id": s["id"], "name": s["name"], "clients": {"elderly": s["elderly"]}}
            if s["kind"]:
                entry["kind"] = s["kind"]
            if s["area"]:
                entry["area"] = s["area"]
            for key in ("residents", "posts_cap", "opens"):
                if s[key]:
                    entry[key] = s[key]
            if s["growth.elderly"]:
                entry["growth"] = {"elderly": s["growth.elderly"]}
            entries.append(entry)
        pops.write_text(yaml.safe_dump({"sites": entries}, allow_unicode=True), "utf-8")
        roster = folder / "roster.yaml"
        listed = [{k: v for k, v in w.items() if v != "" or k == "performance"} for w in workers]
        roster.write_text(yaml.safe_dump({"workers": listed}, allow_unicode=True), "utf-8")
        return pops, roster
    site_rows = [[s[c] for c in SITE_COLUMNS] for s in sites]
    worker_rows = [[w[c] for c in ROSTER_ALL] for w in workers]
    if fmt == "csv":
        pops, roster = folder / "populations.csv", folder / "roster.csv"
        for path, columns, rows in (
            (pops, SITE_COLUMNS, site_rows),
            (roster, ROSTER_ALL, worker_rows),
        ):
            with path.open("w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(columns)
                writer.writerows(rows)
        return pops, roster
    pops, roster = folder / "populations.xlsx", folder / "roster.xlsx"
    for path, columns, rows in ((pops, SITE_COLUMNS, site_rows), (roster, ROSTER_ALL, worker_rows)):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(list(columns))
        for row in rows:
            sheet.append([cell if cell != "" else None for cell in row])
            for cell in sheet[sheet.max_row]:
                cell.data_type = "s" if cell.value is not None else cell.data_type
        book.save(path)
    return pops, roster


def command_lines(pops: Path, roster: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every command line run on a district, in groups of about the same cost (each
    group a test of its own, so that they can run side by side). The passes and the
    ledger (CSV whatever the format, one pair for every format: messages name them) sit
    in the folder above the roster's."""
    shared = roster.parent.parent
    passes = ("--passes", shared / "passes.csv", "--ledger", shared / "ledger.csv")
    return {
        "pay": [
            ("pay", roster, "--as-of", AS_OF, "-f", "json"),
            ("pay", roster, "--as-of", AS_OF, "-f", "csv"),
            ("pay", roster, "--year", YEAR, "-f", "markdown"),
            ("pay", roster, "--as-of", AS_OF, "--by", "site", "-f", "json"),
        ],
        "staff budget check": [
            ("staff", pops, "--roster", roster, "-f", "json"),
            ("budget", pops, roster, "--year", YEAR, "-f", "json"),
            ("check", roster),
        ],
        "passes": [
            ("budget", pops, roster, *passes, "--year", YEAR, "--by", "site", "-f", "json"),
            ("awards", roster, *passes, "--as-of", "2026-01-01", "-f", "json"),
            ("check", roster, pops, passes[1], passes[3]),
        ],
        "plan": [
            ("plan", pops, roster, "--from", YEAR, "--years", "2", "-f", "json"),
            ("plan", pops, roster, "--from", YEAR, "--years", "2", "--by", "site", "-f", "csv"),
        ],
    }


GROUPS = list(command_lines(Path("populations"), Path("roster")))


def outputs(folder: Path, fmt: str, rules: Path, district: dict[str, Any], group: str) -> list[Any]:
    """The exit code and output of each command of `group` on the district written as
    `fmt`; the notes (which name the files) are left out of the JSON."""
    pops, roster = write(folder, district, fmt)
    for name, header, rows in (
        ("passes.csv", ["worker_id", "exam", "passed_on"], district["passes"]),
        ("ledger.csv", ["worker_id", "exam", "amount", "paid_on"], district["ledger"]),
    ):
        with (folder.parent / name).open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([header, *rows])
    seen: list[Any] = []
    for args in command_lines(pops, roster)[group]:
        result = swplan(*args, "--rules", rules)
        out: Any = result.out
        if result.code == 0 and args[-1] == "json":
            out = json.loads(out)
            out.pop("notes", None)
        elif args[0] == "check":
            out = ""  # the OK line names the file
        seen.append((args[0], result.code, out if result.code == 0 else ""))
    return seen


@pytest.mark.parametrize("group", GROUPS)
@SETTINGS
@given(districts(), st.booleans())
def test_every_format_gives_the_same_numbers_and_exit_codes(
    group: str, district: dict[str, Any], past_thresholds: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        if past_thresholds:  # a table too long to list; a roster read in a second process,
            # or in columns
            mp.setattr(roster_commands, "TABLE_ROWS", 2)
            mp.setenv("SWPLAN_PARALLEL_BYTES", "0")
            mp.setenv("SWPLAN_COLUMNAR_BYTES", "0")
        folder = Path(tmp)
        rules = folder / "rules.yaml"
        rules.write_text(yaml.safe_dump(district["rules"], allow_unicode=True), "utf-8")
        seen = {}
        for fmt in FORMATS:
            (folder / fmt).mkdir()
            seen[fmt] = outputs(folder / fmt, fmt, rules, district, group)
        for fmt in ("csv", "xlsx"):
            for got, want in zip(seen[fmt], seen["yaml"], strict=True):
                assert got == want, f"{fmt} differs from YAML in {got[0]}"
        # a site id longer than 64 characters is refused by every command that reads the
        # populations, in every format
        if any(len(s["id"]) > 64 for s in district["sites"]):
            codes = {command: code for command, code, _ in seen["csv"]}
            for command in {"staff", "budget", "plan"} & set(codes):
                assert codes[command] == 2, command


def test_a_blank_rating_with_the_alias_blank_costs_the_same_in_every_path(tmp_path: Path) -> None:
    # The rating `good` has the alias "": a blank rating cell means good (points 1, bonus
    # half a month), not the default rating `pass` (points 0, no bonus). W1: bachelor 2 +
    # none 0 + good 1 + 5 years x 0.5 = 5.5 points -> grade 2 (min 3), 4,800 a month;
    # 12 x 4,800 = 57,600 + a bonus of 0.5 x 4,800 = 2,400 -> 60,000.00 before
    # contributions (none in these rules).
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "name: blank good\neffective: 2026-01-01\ncategories: {elderly: {}}\n"
        "pay:\n  points:\n    education: {bachelor: 2}\n    title: {none: 0}\n"
        "    performance: {good: {points: 1, aliases: ['']}, pass: 0}\n"
        "    years_of_service: {per_year: 0.5, max: 10}\n"
        "  default_performance: pass\n"
        "  grades:\n    - {grade: 1, min_points: 0, monthly: 4200}\n"
        "    - {grade: 2, min_points: 3, monthly: 4800}\n"
        "  performance_bonus_months: {good: 0.5}\n"
        "  contributions: {base: {floor: 0, ceiling: 0}, rates: {}}\n"
        "budget: {new_hire: {education: bachelor, title: none}}\n",
        "utf-8",
    )
    (tmp_path / "roster.csv").write_text(
        "id,site,education,title,years_of_service,performance\nW1,s1,bachelor,none,5,\n", "utf-8"
    )
    costs = set()
    for fmt in ("csv", "json", "table"):
        result = swplan("pay", tmp_path / "roster.csv", "--rules", rules, "-f", fmt)
        assert result.code == 0, result.err
        costs.add("60000.00" in result.out or "60,000.00" in result.out)
    assert costs == {True}


def test_a_site_id_of_70_characters_is_refused_on_every_path(tmp_path: Path) -> None:
    site = "s" * 70
    roster = tmp_path / "roster.csv"
    roster.write_text(
        f"id,site,education,title,years_of_service\nW1,{site},bachelor,none,1\n", "utf-8"
    )
    for args in (("check", roster), ("pay", roster, "-f", "json"), ("pay", roster)):
        result = swplan(*args)
        assert result.code == 2, (args, result.out)
        assert "has 70 characters; a site id has at most 64" in result.err
