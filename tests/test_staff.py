"""`swplan staff` (docs/algorithms.md): worked cases by hand, then properties over random inputs."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import EXAMPLES, swplan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swplan import load_rules, staff
from swplan.calc.staffing import UnknownSite, posts_required, posts_required_columns
from swplan.model import Site, Worker
from swplan.rules import Category, Rules

SMALL = EXAMPLES / "small"


def write(directory: Path, name: str, text: str) -> str:
    (directory / name).write_text(text, encoding="utf-8")
    return name


def staff_json(*args: str, cwd: Path | None = None) -> dict:
    result = swplan("staff", *args, "--format", "json", cwd=cwd)
    assert result.code == 0, result.err
    return result.json()


# --------------------------------------------------------------------------- by hand


def test_worked_case(tmp_path: Path) -> None:
    """57 elderly, 12 children, 9 disabled at 1:20.

    elderly 57 = 2 x 20 + 17; children 12; disabled 9: the residual workload is
    (17 + 12 + 9) / 20 = 1.9, so 2 mixed posts with elderly (17/20) primary;
    required = 2 + 2 = 4; workload 78 / 20 = 3.90.
    """
    write(
        tmp_path,
        "p.yaml",
        "sites:\n  - id: jinjiang\n    name: 金江社区\n"
        "    kind: urban_community\n    clients: {elderly: 57, children: 12, disabled: 9}\n",
    )
    data = staff_json("p.yaml", cwd=tmp_path)
    assert data["schema"] == "swplan.staff/1"
    assert data["rules"] == "national default"
    assert data["as_of"] == "2026-01-01"
    (site,) = data["sites"]
    assert site["required"] == 4
    assert {c: n for c, n in site["dedicated"].items() if n} == {"elderly": 2}
    assert set(site["dedicated"]) <= {"elderly", "children", "disabled"}
    assert site["mixed"] == 2
    assert site["primary"] == "elderly"
    assert site["covers"] == ["elderly", "children", "disabled"]
    assert site["workload_fte"] == "3.90"
    assert site["minimum_applied"] is False
    assert "current" not in site  # no roster, no staffing figures
    assert data["totals"] == {"required": 4}
    assert data["warnings"] == []


def test_worked_case_in_the_small_example() -> None:
    data = staff_json(str(SMALL / "populations.yaml"))
    jinjiang = next(s for s in data["sites"] if s["id"] == "jinjiang")
    assert (jinjiang["required"], jinjiang["mixed"], jinjiang["workload_fte"]) == (4, 2, "3.90")


def test_category_ratio_override(tmp_path: Path) -> None:
    """Corrections at 1:10 in a local rules file; everything else stays national.

    corrections 25 = 2 x 10 + 5 (0.5); elderly 30 = 1 x 20 + 10 (0.5): W = 1.0, so one
    mixed post, and the tie for primary goes to the category listed first (elderly).
    """
    write(
        tmp_path,
        "rules.yaml",
        "extends: national-v1\nname: 示例区 2026\n"
        "categories:\n  corrections: {clients_per_worker: 10}\n",
    )
    write(
        tmp_path,
        "p.yaml",
        "sites:\n  - id: a\n    kind: township_station\n"
        "    clients: {corrections: 25, elderly: 30}\n",
    )
    local = staff_json("p.yaml", "--rules", "rules.yaml", cwd=tmp_path)
    assert local["rules"] == "示例区 2026"
    (site,) = local["sites"]
    assert site["dedicated"] == {"elderly": 1, "corrections": 2}
    assert site["mixed"] == 1
    assert site["required"] == 4
    assert site["primary"] == "elderly"
    assert site["covers"] == ["elderly", "corrections"]
    assert site["workload_fte"] == "4.00"
    # the same site at the national 1:20: corrections 25 = 1 x 20 + 5 (0.25), W = 0.75
    (national,) = staff_json("p.yaml", cwd=tmp_path)["sites"]
    assert national["dedicated"] == {"elderly": 1, "corrections": 1}
    assert (national["mixed"], national["required"], national["primary"]) == (1, 3, "elderly")
    assert national["workload_fte"] == "2.75"


@pytest.mark.parametrize(
    ("clients", "minimum", "required", "applied"),
    [
        ("{}", None, 1, True),  # no clients: the urban-community minimum, 1
        ("{elderly: 3}", None, 1, False),  # 3 clients already need 1 (mixed) post
        ("{elderly: 3}", 2, 2, True),  # minimum_posts 2 raises it
        ("{elderly: 45}", 2, 3, False),  # 2 dedicated + 1 mixed is above the minimum
    ],
)
def test_minimum_posts(
    tmp_path: Path, clients: str, minimum: int | None, required: int, applied: bool
) -> None:
    write(
        tmp_path,
        "p.yaml",
        f"sites:\n  - id: xinju\n    kind: urban_community\n    clients: {clients}\n",
    )
    args = ["p.yaml"]
    if minimum is not None:
        write(
            tmp_path,
            "rules.yaml",
            f"extends: national-v1\nstaffing:\n  minimum_posts: {{urban_community: {minimum}}}\n",
        )
        args += ["--rules", "rules.yaml"]
    (site,) = staff_json(*args, cwd=tmp_path)["sites"]
    assert (site["required"], site["minimum_applied"]) == (required, applied)


def test_minimum_is_by_kind(tmp_path: Path) -> None:
    """A kind with no minimum (here an agency with no clients) needs no posts."""
    write(tmp_path, "p.yaml", "sites:\n  - {id: a, kind: agency, clients: {}}\n  - {id: b}\n")
    sites = staff_json("p.yaml", cwd=tmp_path)["sites"]
    assert [(s["required"], s["minimum_applied"], s["primary"], s["covers"]) for s in sites] == [
        (0, False, None, []),
        (0, False, None, []),
    ]


ROSTER = """\
workers:
  - {id: W1, site: jinjiang, education: bachelor, title: assistant_social_worker, years_of_service: 3}
  - {id: W2, site: jinjiang, education: bachelor, title: none, years_of_service: 1}
  - {id: W3, site: hongqi, education: master, title: none, hired: 2020-01-01}
  - {id: W4, site: hongqi, education: bachelor, title: none, hired: 2021-01-01}
  - {id: W5, site: hongqi, education: bachelor, title: social_worker, hired: 2022-01-01}
  - {id: W9, site: nowhere, education: bachelor, title: none, years_of_service: 2}
"""
POPULATIONS = """\
sites:
  - {id: jinjiang, kind: urban_community, clients: {elderly: 57, children: 12, disabled: 9}}
  - {id: hongqi, kind: urban_community, clients: {elderly: 8, youth: 5}}
  - {id: baisha, kind: township_station, clients: {elderly: 20}}
"""


def test_with_a_roster(tmp_path: Path) -> None:
    write(tmp_path, "p.yaml", POPULATIONS)
    write(tmp_path, "r.yaml", ROSTER)
    # W9 is at a site no populations file has: with --allow-unknown-sites, a warning
    result = swplan(
        "staff",
        "p.yaml",
        "--roster",
        "r.yaml",
        "--allow-unknown-sites",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    data = result.json()
    got = {
        s["id"]: (s["required"], s["current"], s["certified"], s["gap"], s["certified_ok"])
        for s in data["sites"]
    }
    assert got == {
        "jinjiang": (4, 2, 1, 2, True),
        "hongqi": (1, 3, 1, -2, True),
        "baisha": (1, 0, 0, 1, True),  # no minimum_certified for township stations
    }
    assert data["totals"] == {
        "required": 6,
        "current": 5,
        "gap": 1,
        "shortage": 3,
        "surplus": 2,
        "certified": 2,
    }
    # the worker at an unknown site: a warning in the JSON and on stderr, not counted
    assert len(data["warnings"]) == 1
    assert "W9" in data["warnings"][0] and "nowhere" in data["warnings"][0]
    assert "warning:" in result.err and "W9" in result.err and "nowhere" in result.err


def test_certified_below_minimum_is_flagged(tmp_path: Path) -> None:
    write(tmp_path, "p.yaml", POPULATIONS)
    write(
        tmp_path,
        "r.yaml",
        "workers:\n  - {id: W1, site: jinjiang, education: bachelor, "
        "title: none, years_of_service: 1}\n",
    )
    data = staff_json("p.yaml", "--roster", "r.yaml", cwd=tmp_path)
    flags = {s["id"]: s["certified_ok"] for s in data["sites"]}
    assert flags == {"jinjiang": False, "hongqi": False, "baisha": True}
    table = swplan("staff", "p.yaml", "--roster", "r.yaml", cwd=tmp_path)
    assert "jinjiang (0/1)" in table.out


def test_fail_on_shortage(tmp_path: Path) -> None:
    write(tmp_path, "p.yaml", POPULATIONS)
    write(tmp_path, "r.yaml", ROSTER)
    short = swplan(
        "staff",
        "p.yaml",
        "--roster",
        "r.yaml",
        "--fail-on-shortage",
        "--allow-unknown-sites",  # W9's site is in no populations file
        cwd=tmp_path,
    )
    assert short.code == 1, short.err
    assert "Total" in short.out  # the report is still printed
    assert "shortage" in short.err
    # enough workers everywhere: exit 0
    write(
        tmp_path,
        "enough.yaml",
        "workers:\n"
        + "".join(
            f"  - {{id: X{i}, site: {site}, education: bachelor, title: none, years_of_service: 1}}\n"
            for i, site in enumerate(["jinjiang"] * 4 + ["hongqi", "baisha"])
        ),
    )
    ok = swplan("staff", "p.yaml", "--roster", "enough.yaml", "--fail-on-shortage", cwd=tmp_path)
    assert ok.code == 0, ok.err
    # without --fail-on-shortage a shortage is not a failure
    plain = swplan("staff", "p.yaml", "--roster", "r.yaml", "--allow-unknown-sites", cwd=tmp_path)
    assert plain.code == 0


def test_csv_and_yaml_roster_agree(tmp_path: Path) -> None:
    write(tmp_path, "p.yaml", POPULATIONS)
    write(tmp_path, "r.yaml", ROSTER)
    write(
        tmp_path,
        "r.csv",
        "id,site,education,title,hired,years_of_service\n"
        "W1,jinjiang,bachelor,assistant_social_worker,,3\nW2,jinjiang,bachelor,none,,1\n"
        "W3,hongqi,master,none,2020-01-01,\nW4,hongqi,bachelor,none,2021-01-01,\n"
        "W5,hongqi,bachelor,social_worker,2022-01-01,\nW9,nowhere,bachelor,none,,2\n",
    )
    allow = "--allow-unknown-sites"  # W9's site is in no populations file
    assert staff_json("p.yaml", "--roster", "r.yaml", allow, cwd=tmp_path) == staff_json(
        "p.yaml", "--roster", "r.csv", allow, cwd=tmp_path
    )


SMALL_CSV = """\
id,name,kind,elderly,children,youth,disabled,social_assistance,corrections
jinjiang,金江社区,urban_community,57,12,,9,,
hongqi,红旗社区,urban_community,8,,5,,,
baisha,白沙镇社工站,township_station,41,,,,23,6
"""


def comparable(data: dict) -> dict:
    """What a CSV or Excel file must give exactly as YAML does (they carry no region, and
    their notes end with the clients read from the table: 57 + 8 + 41 = 106 elderly, ...)."""
    out = {k: v for k, v in data.items() if k != "region"}
    if out["notes"]:
        assert out["notes"][-1] == (
            "read 161 clients: Elderly 106, Children 12, Youth 5, People with disabilities 9, "
            "Social assistance 23, Community corrections 6"
        )
        out["notes"] = out["notes"][:-1]
    return out


def test_csv_populations_match_yaml(tmp_path: Path) -> None:
    write(tmp_path, "p.csv", SMALL_CSV)
    roster = str(SMALL / "roster.yaml")
    from_yaml = staff_json(str(SMALL / "populations.yaml"), "--roster", roster)
    from_csv = staff_json("p.csv", "--roster", roster, cwd=tmp_path)
    assert from_yaml["region"] and "region" not in from_csv
    assert comparable(from_csv) == comparable(from_yaml)


def test_excel_populations_match_yaml(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "人口"
    for i, line in enumerate(SMALL_CSV.splitlines()):
        cells = line.split(",")
        # numbers as Excel numbers (whole floats, as Excel stores them), empty cells empty
        sheet.append(
            [c if i == 0 or j < 3 else (float(c) if c else None) for j, c in enumerate(cells)]
        )
    book.save(tmp_path / "p.xlsx")
    roster = str(SMALL / "roster.yaml")
    from_yaml = staff_json(str(SMALL / "populations.yaml"), "--roster", roster)
    from_xlsx = staff_json("p.xlsx", "--roster", roster, cwd=tmp_path)
    assert comparable(from_xlsx) == comparable(from_yaml)


def test_excel_errors_name_the_cell(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sites"
    sheet.append(["id", "name", "kind", "elderly"])
    sheet.append(["a", "x", "urban_community", -4])
    book.save(tmp_path / "p.xlsx")
    result = swplan("staff", "p.xlsx", cwd=tmp_path)
    assert result.code == 2
    assert "p.xlsx:Sites!D2:" in result.err and "negative" in result.err


# --------------------------------------------------------------------------- properties

NATIONAL = load_rules()
CATEGORY_NAMES = list(NATIONAL.categories)
KINDS = ["urban_community", "township_station", "agency", None]


RATIOS = st.dictionaries(
    st.sampled_from(CATEGORY_NAMES), st.one_of(st.none(), st.integers(1, 60)), min_size=1
)
MINIMUM_POSTS = st.dictionaries(st.sampled_from(KINDS[:3]), st.integers(0, 6))
MINIMUM_CERTIFIED = st.dictionaries(st.sampled_from(KINDS[:3]), st.integers(0, 3))


@st.composite
def rule_sets(draw: st.DrawFn) -> Rules:
    """National rules with random ratios (some categories on the default) and minimums."""
    ratios = draw(RATIOS)
    default = draw(st.integers(1, 60))
    minimum_posts = draw(MINIMUM_POSTS)
    minimum_certified = draw(MINIMUM_CERTIFIED)
    staffing = NATIONAL.staffing.model_copy(
        update={
            "clients_per_worker": default,
            "minimum_posts": minimum_posts,
            "minimum_certified": minimum_certified,
        }
    )
    categories = {c: Category(clients_per_worker=r) for c, r in ratios.items()}
    return NATIONAL.model_copy(update={"categories": categories, "staffing": staffing})


COUNTS = st.one_of(st.integers(0, 120), st.integers(0, 10_000_000))
TITLES = st.sampled_from(
    ["none", "assistant_social_worker", "social_worker", "senior_social_worker"]
)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Rules, list[Site], list[Worker]]:
    # strategies are built once per case, not per site or worker: building them is
    # what makes a case slow to draw
    rules = draw(rule_sets())
    ids = [f"s{i}" for i in range(draw(st.integers(0, 8)))]  # the posts do not depend on ids
    clients = st.dictionaries(st.sampled_from(list(rules.categories)), COUNTS)
    drawn = draw(
        st.lists(st.tuples(st.sampled_from(KINDS), clients), min_size=len(ids), max_size=len(ids))
    )
    sites = [Site(i, None, kind, c) for i, (kind, c) in zip(ids, drawn, strict=True)]
    roster = draw(st.lists(st.tuples(st.sampled_from([*ids, "elsewhere"]), TITLES), max_size=30))
    workers = [
        Worker(f"W{n}", site, "bachelor", title, years_of_service=1)
        for n, (site, title) in enumerate(roster)
    ]
    return rules, sites, workers


FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(cases())
def test_required_posts(case: tuple[Rules, list[Site], list[Worker]]) -> None:
    """required == max(minimum, ceil(sum n_c / r_c)), and its parts add up."""
    rules, sites, _ = case
    result = staff(rules, sites)
    assert [s.id for s in result.sites] == [s.id for s in sites]
    for site, posts in zip(sites, result.sites, strict=True):
        ratio = {
            c: rules.categories[c].clients_per_worker or rules.staffing.clients_per_worker
            for c in site.clients
        }
        workload = sum((Fraction(n, ratio[c]) for c, n in site.clients.items()), Fraction(0))
        minimum = rules.staffing.minimum_posts.get(site.kind, 0) if site.kind else 0
        assert posts.required == max(minimum, math.ceil(workload))
        assert posts.minimum_applied == (math.ceil(workload) < minimum)
        assert sum(posts.dedicated.values()) + posts.mixed == math.ceil(workload)
        assert all(posts.dedicated[c] == n // ratio[c] for c, n in site.clients.items() if n)
        residual = {
            c: Fraction(n % ratio[c], ratio[c]) for c, n in site.clients.items() if n % ratio[c]
        }
        assert posts.mixed == math.ceil(sum(residual.values(), Fraction(0)))
        assert set(posts.covers) == set(residual)
        order = list(rules.categories)
        assert posts.covers == sorted(residual, key=lambda c: (-residual[c], order.index(c)))
        assert posts.primary == (posts.covers[0] if posts.covers else None)
        assert posts.workload_fte == workload  # exact: the reports round it


@FAST
@given(cases())
def test_the_three_forms_of_the_posts_rule_agree(
    case: tuple[Rules, list[Site], list[Worker]],
) -> None:
    """Site by site (staff), one site at a time (posts_required) and a column at a time
    (posts_required_columns, the plan's): the same required posts, on random clients,
    ratios and minimums."""
    rules, sites, _ = case
    by_site = [s.required for s in staff(rules, sites).sites]
    one_at_a_time = posts_required(rules)
    assert [one_at_a_time(s.kind, s.clients) for s in sites] == by_site
    columns = {c: [s.clients.get(c, 0) for s in sites] for c in rules.categories}
    assert posts_required_columns(rules, [s.kind for s in sites], columns) == by_site


@FAST
@given(cases())
def test_roster_counts_come_from_the_workers(case: tuple[Rules, list[Site], list[Worker]]) -> None:
    """Current and certified staff are counted from the roster itself, site by site."""
    rules, sites, workers = case
    result = staff(rules, sites, workers)
    t = result.totals
    known = {s.id for s in sites}
    assert t.current == sum(w.site in known for w in workers)
    assert t.certified == sum(w.site in known and w.title != "none" for w in workers)
    assert t.shortage >= 0 and t.surplus >= 0 and t.shortage - t.surplus == t.gap
    for s in result.sites:
        here = [w for w in workers if w.site == s.id]
        assert s.current == len(here)
        assert s.certified == sum(w.title != "none" for w in here)
        minimum = rules.staffing.minimum_certified.get(s.kind, 0) if s.kind else 0
        assert s.certified_ok == (s.certified >= minimum)
    # every worker at an unknown site is named in a warning
    strays = [w.id for w in workers if w.site not in known]
    assert bool(result.warnings) == bool(strays)
    named = {i for w in result.warnings if isinstance(w, UnknownSite) for i in w.ids}
    assert all(w in named for w in strays[:5])


def test_api_matches_cli(tmp_path: Path) -> None:
    """The library and the command line give the same numbers."""
    from swplan import load_populations, load_roster

    rules = load_rules()
    pops = load_populations(SMALL / "populations.yaml", rules)
    result = staff(rules, pops.sites, load_roster(SMALL / "roster.yaml", rules))
    data = staff_json(str(SMALL / "populations.yaml"), "--roster", str(SMALL / "roster.yaml"))
    assert [s.required for s in result.sites] == [s["required"] for s in data["sites"]]
    assert [s.gap for s in result.sites] == [s["gap"] for s in data["sites"]]
    assert data["totals"]["shortage"] == result.totals.shortage == 3  # jinjiang 1 + baisha 2
