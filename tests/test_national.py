"""A small national-shaped dataset, made by the benchmark generator, in the normal suite (benchmarks/README.md).

`benchmarks/generate.py` writes the same files as for the 1.5-million-worker runs
(rules, populations as CSV and YAML, a roster CSV, exam passes with deliberate
duplicate pairs), only smaller. The command line runs on them exactly as on
the national data: the streamed paths (CSV roster, CSV populations) must agree
with the per-row ones, and the budget must add up to the fen. No timings here:
those live in benchmarks/.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import importlib.util
import io
import json
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, swplan

from swplan import load_roster, load_rules, pay
from swplan.calc.pay import MONEY_FIELDS
from swplan.render import csv_lines
from swplan.report.pay import pay_report

WORKERS, SITES = 2000, 800
AS_OF = dt.date(2026, 1, 1)  # the generated rules' effective date: pay's and budget's as-of


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("national")
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    args = [str(folder), "--workers", str(WORKERS), "--sites", str(SITES), "--seed", "7"]
    with contextlib.redirect_stdout(io.StringIO()):
        assert generate.main(args) == 0
    return folder


_RUNS: dict[tuple[str, ...], Any] = {}


def run_json(folder: Path, *args: str) -> Any:
    """The JSON of `swplan ARGS --format json` in `folder`; each command runs once a session
    (the generated files are never changed), and callers get their own copy."""
    key = (str(folder), *args)
    if key not in _RUNS:
        result = swplan(*args, "--format", "json", cwd=folder)
        assert result.code == 0, result.err
        _RUNS[key] = result.out
    return json.loads(_RUNS[key])


def roster_rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "roster.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def money(text: str) -> Decimal:
    value = Decimal(text)
    assert value == value.quantize(Decimal("0.01"))
    return value


# --------------------------------------------------------------------------- a reference


def half_up(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def reference_cost(row: dict[str, str], rules: dict[str, Any], as_of: dt.date) -> Decimal:
    """The pay rules (docs/algorithms.md) written out again, straight from the rules file, for one roster row."""
    p = rules["pay"]
    d = lambda v: Decimal(str(v))  # noqa: E731 - PyYAML gives 0.16 as a float; str() is exact here
    if row["hired"]:
        hired = dt.date.fromisoformat(row["hired"])
        years = as_of.year - hired.year - ((as_of.month, as_of.day) < (hired.month, hired.day))
    else:
        years = int(row["years_of_service"])
    rating = row["performance"] or p["default_performance"]
    post = p["posts"][row["post"] or p["default_post"]]
    per_year = p["points"]["years_of_service"]
    points = (
        d(p["points"]["education"][row["education"]])
        + d(p["points"]["title"][row["title"]])
        + d(p["points"]["performance"][rating])
        + d(post.get("points", 0))
        + min(years * d(per_year["per_year"]), d(per_year["max"]))
    )
    grades = p["grades"]
    index = max([i for i, g in enumerate(grades) if d(g["min_points"]) <= points], default=0)
    numbers = [g["grade"] for g in grades]
    if "min_grade" in post:
        index = max(index, numbers.index(post["min_grade"]))
    if "max_grade" in post:
        index = min(index, numbers.index(post["max_grade"]))
    base = d(grades[index]["monthly"])
    gross = base + d(p["allowances"]["title"].get(row["title"], 0))
    limits = p["contributions"]["base"]
    clamped = min(max(gross, d(limits["floor"])), d(limits["ceiling"]))
    monthly = sum(
        (half_up(clamped * d(r)) for r in p["contributions"]["rates"].values()), Decimal(0)
    )
    bonus = half_up(base * d(p["performance_bonus_months"].get(rating, 0)))
    return gross * p["months_per_year"] + bonus + monthly * 12


# --------------------------------------------------------------------------- pay


def test_pay_csv_rows_add_up_to_the_json_totals(national: Path) -> None:
    result = swplan(
        "pay",
        "roster.csv",
        "--rules",
        "rules.yaml",
        "--format",
        "csv",
        "--output",
        "pay.csv",
        "--as-of",
        AS_OF.isoformat(),
        cwd=national,
    )  # streamed
    assert (result.code, result.out) == (0, ""), result.err
    day = ("--as-of", AS_OF.isoformat())
    data = run_json(national, "pay", "roster.csv", "--rules", "rules.yaml", *day)  # per row
    text = (national / "pay.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    totals = data["totals"]
    assert len(rows) == totals["workers"] == len(data["workers"]) == WORKERS
    for field in MONEY_FIELDS:  # every money column, summed as exact decimals
        assert sum((money(r[field]) for r in rows), Decimal(0)) == money(totals[field]), field
    assert [r["id"] for r in rows] == [w["id"] for w in data["workers"]]
    assert [r["annual_cost"] for r in rows] == [w["annual_cost"] for w in data["workers"]]

    # an independent reading of the pay rules (docs/algorithms.md) gives the same cost for every worker
    rules = yaml.safe_load((national / "rules.yaml").read_text(encoding="utf-8"))
    roster = roster_rows(national)
    expected = [reference_cost(r, rules, AS_OF) for r in roster]
    assert [money(r["annual_cost"]) for r in rows] == expected
    assert money(totals["annual_cost"]) == sum(expected, Decimal(0))
    assert Counter(r["post"] for r in rows)["lead"] > 0  # the post bounds were exercised
    assert any(r["hired"] == "" for r in roster) and any(r["hired"] for r in roster)

    # the streamed file is byte for byte what the per-row path writes
    r = load_rules(national / "rules.yaml")
    per_row = pay(r, load_roster(national / "roster.csv", r), AS_OF)
    assert text == "".join(csv_lines(pay_report(per_row, r, "en").items))


# --------------------------------------------------------------------------- staff


def test_staff_on_csv_and_yaml_populations_agree(national: Path) -> None:
    from_csv = run_json(
        national, "staff", "populations.csv", "--roster", "roster.csv", "--rules", "rules.yaml"
    )
    from_yaml = run_json(
        national, "staff", "populations.yaml", "--roster", "roster.csv", "--rules", "rules.yaml"
    )
    assert from_yaml.pop("region") == "National synthetic"
    assert "region" not in from_csv
    # the clients read from a table are told, to hold against the sheet
    assert from_yaml.pop("notes") == [] and from_csv.pop("notes")[0].startswith("read 148,292")
    assert from_csv == from_yaml
    sites, totals = from_csv["sites"], from_csv["totals"]
    assert len(sites) == SITES
    assert from_csv["warnings"] == []  # every worker is at a known site
    assert totals["current"] == WORKERS
    assert totals["shortage"] > 0 and totals["shortage"] - totals["surplus"] == totals["gap"]
    per_site = Counter(r["site"] for r in roster_rows(national))
    assert {s["id"]: s["current"] for s in sites if s["current"]} == dict(per_site)
    certified = Counter(r["site"] for r in roster_rows(national) if r["title"] != "none")
    assert totals["certified"] == sum(certified.values())


# --------------------------------------------------------------------------- budget

BUDGET = [
    "budget",
    "populations.csv",
    "roster.csv",
    "--passes",
    "passes.csv",
    "--rules",
    "rules.yaml",
]


def test_budget_adds_up(national: Path) -> None:
    data = run_json(national, *BUDGET)
    lines = {line["item"]: money(line["amount"]) for line in data["lines"]}
    assert list(lines) == ["current_staff", "new_hires", "awards", "training"]
    total = money(data["total"])
    assert total == sum(lines.values(), Decimal(0))

    # the budget costs its year month by month, as `pay --year` does (read row by row here,
    # streamed by the budget)
    year = str(data["year"])
    pay_totals = run_json(national, "pay", "roster.csv", "--rules", "rules.yaml", "--year", year)[
        "totals"
    ]
    assert lines["current_staff"] == money(pay_totals["annual_cost"])

    staff = run_json(
        national, "staff", "populations.csv", "--roster", "roster.csv", "--rules", "rules.yaml"
    )["totals"]
    head = data["headcount"]
    assert head["current"] == WORKERS
    assert head["shortage"] == staff["shortage"]
    assert head["planned"] == head["current"] + head["shortage"] == WORKERS + staff["shortage"]
    # a new hire (bachelor 2 + none 0 + pass 0 + staff 0 + 0 years = 2 points -> grade 1):
    # gross 4200.00, contributions 4200 x 0.317 = 1331.40; 50400 + 0 + 15976.80 = 66376.80
    assert lines["new_hires"] == Decimal("66376.80") * head["shortage"]
    assert lines["training"] == Decimal("500.00") * head["planned"]
    personnel = lines["current_staff"] + lines["new_hires"]
    assert data["personnel_share"] == str(
        (personnel / total).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    )


def test_budget_cap_at_the_total_passes_and_one_fen_below_fails(national: Path) -> None:
    total = money(run_json(national, *BUDGET)["total"])
    at = swplan(*BUDGET, "--cap", str(total), "--format", "json", cwd=national)
    assert at.code == 0, at.err
    assert money(json.loads(at.out)["total"]) == total
    below = swplan(*BUDGET, "--cap", str(total - Decimal("0.01")), "--format", "json", cwd=national)
    assert below.code == 1, below.err
    assert f"over the cap: total {total} is above --cap {total - Decimal('0.01')}" in below.err
    assert money(json.loads(below.out)["total"]) == total  # the draft is still shown


def test_budget_on_the_roster_as_yaml_is_identical(national: Path) -> None:
    # one flow mapping per worker; a JSON string is a YAML double-quoted scalar
    lines = ["workers:"]
    for row in roster_rows(national):
        cells = (f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in row.items() if v)
        lines.append("  - {" + ", ".join(cells) + "}")
    (national / "roster.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    from_csv = run_json(national, *BUDGET)  # streamed roster
    from_yaml = run_json(national, *[a if a != "roster.csv" else "roster.yaml" for a in BUDGET])
    assert from_yaml == from_csv
    assert from_csv["headcount"]["current"] == WORKERS


def test_budget_awards_line_is_the_awards_due_with_duplicates_paid_once(national: Path) -> None:
    with (national / "passes.csv").open(encoding="utf-8", newline="") as f:
        passes = [(r["worker_id"], r["exam"]) for r in csv.DictReader(f)]
    repeats = len(passes) - len(set(passes))
    assert repeats >= 1  # the generator's deliberate duplicate pairs
    awards = run_json(
        national,
        "awards",
        "roster.csv",
        "--passes",
        "passes.csv",
        "--rules",
        "rules.yaml",
        "--as-of",
        AS_OF.isoformat(),
    )
    statuses = Counter(a["status"] for a in awards["awards"])
    assert statuses["duplicate"] == repeats
    assert statuses["due"] == awards["totals"]["count_due"] == len(set(passes))
    due = money(awards["totals"]["due"])
    assert (
        due
        == sum((money(a["amount"]) for a in awards["awards"] if a["status"] == "due"), Decimal(0))
        > 0
    )
    budget = run_json(national, *BUDGET)
    assert {line["item"]: money(line["amount"]) for line in budget["lines"]}["awards"] == due


def test_roster_read_in_a_second_process_gives_the_same_results(national, tmp_path) -> None:
    """Past SWPLAN_PARALLEL_BYTES a CSV roster is read beside the populations, in a child."""
    beside = {"SWPLAN_PARALLEL_BYTES": "0"}
    inline = {"SWPLAN_PARALLEL_BYTES": str(10**12)}
    d = national
    staff = [
        "staff",
        d / "populations.csv",
        "--roster",
        d / "roster.csv",
        "--rules",
        d / "rules.yaml",
        "--format",
        "json",
    ]
    budget = [
        "budget",
        d / "populations.csv",
        d / "roster.csv",
        "--passes",
        d / "passes.csv",
        "--rules",
        d / "rules.yaml",
        "--format",
        "json",
    ]
    for args in (staff, budget):
        a, b = swplan(*args, env=beside), swplan(*args, env=inline)
        assert a.code == b.code == 0, a.err + b.err
        assert a.out == b.out
    # problems in both files, found in two processes, are reported together, exit 2
    bad_roster = tmp_path / "roster.csv"
    lines = (d / "roster.csv").read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace("bachelor", "bachlor").replace("master", "mastr")
    bad_roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad_pops = tmp_path / "populations.csv"
    rows = (d / "populations.csv").read_text(encoding="utf-8").splitlines()
    rows[2] = rows[2] + "x"
    bad_pops.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = swplan(
        "staff",
        bad_pops,
        "--roster",
        bad_roster,
        "--rules",
        d / "rules.yaml",
        "--output",
        out,
        env=beside,
    )
    assert result.code == 2
    assert f"{bad_pops}:3:" in result.err
    assert f"{bad_roster}:6:" in result.err
    assert not out.exists()
