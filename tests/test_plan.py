"""`swplan plan`: a three-year plan worked by hand, year 0 against `budget`, targets,
scenarios, every format, and properties of random plans."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from swplan.calc.plan import parse_target, plan
from swplan.cli import app
from swplan.io.rules_file import load_rules
from swplan.model import Site, Worker
from swplan.rules import Rules

EXAMPLES = ROOT / "examples"
COUNTY = EXAMPLES / "county"
PLAN = EXAMPLES / "plan"


def swplan(*args: Any) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


def plan_json(*args: Any) -> Any:
    result = swplan("plan", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --------------------------------------------------------------------------- by hand

ONE_SITE = PLAN / "one-site"


@pytest.fixture
def hand() -> list[Path]:
    """examples/plan/one-site: one community of 40 elderly clients, W1 (hired 2016-09-01)
    and W2 (1 year of service), both bachelor, title none; the national rules with
    plan: {years: 3, client_growth: {elderly: 0.10}, attrition: 0.2,
    certification: {assistant_social_worker: 0.5}, pay_rise: 0.05}."""
    return [ONE_SITE / "populations.yaml", ONE_SITE / "roster.yaml", ONE_SITE / "rules.yaml"]


def test_three_years_by_hand(hand: list[Path]) -> None:
    pops, roster, rules = hand
    data = plan_json(pops, roster, "--rules", rules)
    assert data["schema"] == "swplan.plan/2"
    assert data["from"] == 2026 and data["years"] == 3
    assert (data["as_of"], data["rules"]) == ("2026-01-01", "one site")
    (scenario,) = data["scenarios"]
    assert scenario["name"] == "baseline"
    assert scenario["label"] == {"zh": "基准方案", "en": "baseline"}
    assert scenario["assumptions"]["2027"]["attrition"] == "0.2"
    y0, y1, y2 = scenario["years"]
    # National pay: contribution rates 0.16 + 0.08 + 0.005 + 0.002 + 0.07, each rounded to
    # the fen; the post `staff` (the default) holds a worker at grade 2 at most.
    #
    # 2026 (k = 0): 40 elderly -> 2 dedicated posts, no remainder: required 2; 2 workers, no hire.
    #   W1 hired 2016-09-01: 9 years on 2026-01-01 -> 4.5 points + bachelor 2 = 6.5 -> grade 3,
    #     held at grade 2 by the post: 4800.00; contributions 768.00 + 384.00 + 24.00 + 9.60
    #     + 336.00 = 1521.60; 4800.00 x 12 + 1521.60 x 12 = 57600.00 + 18259.20 = 75859.20
    #   W2 1 year: 0.5 + 2 = 2.5 points -> grade 1: 4200.00; 672.00 + 336.00 + 21.00 + 8.40
    #     + 294.00 = 1331.40; 50400.00 + 15976.80 = 66376.80
    #   staff 75859.20 + 66376.80 = 142236.00; awards 0; training 2 x 500 = 1000.00
    #   31 December: candidates for assistant_social_worker (title none): W1, W2;
    #     round(2 x 0.5) = 1 pass: the longest-serving, W1 (10 years on 31 December, W2 1).
    #   leavers: round(2 x 0.2 = 0.4) = 0
    assert y0 == {
        "year": 2026,
        "clients": 40,
        "required": 2,
        "workers_start": 2,
        "hires": 0,
        "workers": 2,
        "leavers": 0,
        "shortage": 0,
        "certified": 0,
        "certified_share": "0.0000",
        "staff_cost": "142236.00",
        "awards": "0.00",
        "training": "1000.00",
        "total": "143236.00",
        "hires_cut": 0,
        "binding": [],
        "per_10k": None,  # the populations give no residents
        "cost_per_client": "3580.90",  # 143236.00 / 40 = 3580.90
        "attrition_applied": "0.0000",  # 0 leavers of 2
        "pass_rate_applied": {"assistant_social_worker": "0.5000"},  # 1 pass of 2
    }
    # 2027 (k = 1): pay x 1.05: grades 4410.00 / 5040.00 / 5775.00, assistant allowance 315.00.
    #   clients 40 x 1.1 = 44 -> 2 dedicated + ceil(4/20) = 3 required; 2 workers -> 1 hire,
    #     hired 2027-01-01, bachelor, title none.
    #   W1 (now assistant): 10 years -> 5 + 2 + 2 = 9 points -> grade 2 by the post: 5040.00
    #     + 315.00 = 5355.00; 856.80 + 428.40 + 26.78 (26.775) + 10.71 + 374.85 = 1697.54;
    #     64260.00 + 20370.48 = 84630.48
    #   W2: 2 years -> 1 + 2 = 3 points -> grade 2: 5040.00; 806.40 + 403.20 + 25.20 + 10.08
    #     + 352.80 = 1597.68; 60480.00 + 19172.16 = 79652.16
    #   hire: 0 years, 2 points -> grade 1: 4410.00; 705.60 + 352.80 + 22.05 + 8.82 + 308.70
    #     = 1397.97; 52920.00 + 16775.64 = 69695.64
    #   staff 84630.48 + 79652.16 + 69695.64 = 233978.28
    #   awards: W1's assistant pass of 2026-12-31, as of 2027-01-01: 1000.00
    #   training 3 x 500 = 1500.00; total 233978.28 + 1000.00 + 1500.00 = 236478.28
    #   certified on 1 January: W1 -> 1 of 3 = 0.3333
    #   31 December: candidates W2 (2 years), the hire (0): 1 pass, W2.
    #   leavers round(3 x 0.2 = 0.6) = 1: the shortest-serving, the hire.
    assert y1 == {
        "year": 2027,
        "clients": 44,
        "required": 3,
        "workers_start": 2,
        "hires": 1,
        "workers": 3,
        "leavers": 1,
        "shortage": 0,
        "certified": 1,
        "certified_share": "0.3333",
        "staff_cost": "233978.28",
        "awards": "1000.00",
        "training": "1500.00",
        "total": "236478.28",
        "hires_cut": 0,
        "binding": [],
        "per_10k": None,
        "cost_per_client": "5374.51",  # 236478.28 / 44 = 5374.5063...
        "attrition_applied": "0.3333",  # 1 leaver of 3
        "pass_rate_applied": {"assistant_social_worker": "0.5000"},  # W2 of W2 and the hire
    }
    # 2028 (k = 2): pay x 1.1025: grades 4630.50 / 5292.00, assistant allowance 330.75.
    #   clients round(40 x 1.21 = 48.4) = 48 -> 2 + ceil(8/20) = 3 required; W1, W2 -> 1 hire.
    #   W1: 11 years -> 5.5 + 4 = 9.5 points -> grade 2: 5292.00 + 330.75 = 5622.75;
    #     899.64 + 449.82 + 28.11 (28.11375) + 11.25 (11.2455) + 393.59 (393.5925) = 1782.41;
    #     67473.00 + 21388.92 = 88861.92
    #   W2 (now assistant): 3 years -> 1.5 + 4 = 5.5 points -> grade 2: the same 88861.92
    #   hire: grade 1 4630.50; 740.88 + 370.44 + 23.15 + 9.26 + 324.14 = 1467.87;
    #     55566.00 + 17614.44 = 73180.44
    #   staff 88861.92 x 2 + 73180.44 = 250904.28; awards: W2's pass, 1000.00; training 1500.00
    #   total 253404.28; certified W1, W2: 2 / 3 = 0.6667; leavers round(0.6) = 1
    assert y2 == {
        "year": 2028,
        "clients": 48,
        "required": 3,
        "workers_start": 2,
        "hires": 1,
        "workers": 3,
        "leavers": 1,
        "shortage": 0,
        "certified": 2,
        "certified_share": "0.6667",
        "staff_cost": "250904.28",
        "awards": "1000.00",
        "training": "1500.00",
        "total": "253404.28",
        "hires_cut": 0,
        "binding": [],
        "per_10k": None,
        "cost_per_client": "5279.26",  # 253404.28 / 48 = 5279.2558...
        "attrition_applied": "0.3333",
        # the hire alone is a candidate: round(1 x 0.5 = 0.5) = 1 pass of 1
        "pass_rate_applied": {"assistant_social_worker": "1.0000"},
    }
    assert data["targets"] == []


def test_hiring_none_leaves_the_shortage(hand: list[Path], tmp_path: Path) -> None:
    pops, roster, rules = hand
    scenarios = tmp_path / "scenarios.yaml"
    scenarios.write_text("scenarios:\n  frozen: {plan: {hiring: none}}\n", encoding="utf-8")
    data = plan_json(pops, roster, "--rules", rules, "--scenarios", scenarios)
    years = data["scenarios"][0]["years"]
    # 2027: 3 required, 2 workers, nobody hired -> shortage 1; 2 x 0.2 = 0.4 -> nobody leaves
    assert [(y["required"], y["workers"], y["hires"], y["shortage"]) for y in years] == [
        (2, 2, 0, 0),
        (3, 2, 0, 1),
        (3, 2, 0, 1),
    ]


def test_ties_go_by_roster_order(tmp_path: Path) -> None:
    # Three workers with 5 years each; share 0.5 of 3 = 1.5 -> 2 passes: the first two in
    # roster order. Attrition 0.34 of 3 = 1.02 -> 1 leaver: the last in roster order (W3).
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "extends: national-v1\nname: ties\neffective: 2026-01-01\n"
        "plan: {years: 2, attrition: 0.34, hiring: none,"
        " certification: {assistant_social_worker: 0.5}}\n",
        encoding="utf-8",
    )
    pops = tmp_path / "populations.yaml"
    pops.write_text("sites:\n  - {id: a, kind: agency, clients: {elderly: 60}}\n", encoding="utf-8")
    roster = tmp_path / "roster.yaml"
    roster.write_text(
        "workers:\n"
        + "".join(
            f"  - {{id: W{i}, site: a, education: bachelor, title: none, years_of_service: 5}}\n"
            for i in (1, 2, 3)
        ),
        encoding="utf-8",
    )
    data = plan_json(pops, roster, "--rules", rules)
    y0, y1 = data["scenarios"][0]["years"]
    assert (y0["leavers"], y1["workers_start"], y1["certified"]) == (1, 2, 2)
    # 2027: W1 and W2 passed and W3 left; their awards 2 x 1000.00
    assert y1["awards"] == "2000.00"


# --------------------------------------------------------------------------- year 0 = budget


def _budget(*args: Any) -> Any:
    result = swplan("budget", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "files",
    [
        [
            COUNTY / "populations.yaml",
            COUNTY / "roster.yaml",
            "--rules",
            PLAN / "rules.yaml",
            "--passes",
            COUNTY / "passes.csv",
        ],
        [
            EXAMPLES / "small" / "populations.yaml",
            EXAMPLES / "small" / "roster.yaml",
            "--passes",
            EXAMPLES / "small" / "passes.yaml",
            "--ledger",
            EXAMPLES / "small" / "ledger.csv",
        ],
    ],
    ids=["county", "small"],
)
@pytest.mark.parametrize("year", [None, "2029"])
def test_first_year_equals_budget(files: list[Any], year: str | None) -> None:
    budget = _budget(*files, *(["--year", year] if year else []))
    lines = {line["item"]: line["amount"] for line in budget["lines"]}
    first = plan_json(*files, *(["--from", year] if year else []))["scenarios"][0]["years"][0]
    staff = Decimal(lines["current_staff"]) + Decimal(lines["new_hires"])
    assert first["year"] == budget["year"]
    assert first["staff_cost"] == f"{staff:.2f}"
    assert first["awards"] == lines["awards"]
    assert first["training"] == lines["training"]
    assert first["total"] == budget["total"]
    assert first["workers_start"] == budget["headcount"]["current"]
    assert first["hires"] == budget["headcount"]["shortage"]
    assert first["workers"] == budget["headcount"]["planned"]


# --------------------------------------------------------------------------- the example

EXAMPLE = [
    COUNTY / "populations.yaml",
    COUNTY / "roster.yaml",
    "--passes",
    COUNTY / "passes.csv",
    "--rules",
    PLAN / "rules.yaml",
    "--scenarios",
    PLAN / "scenarios.yaml",
]


def test_example_three_scenarios_in_file_order() -> None:
    data = plan_json(*EXAMPLE)
    names = [s["name"] for s in data["scenarios"]]
    assert names == ["standard", "ratio_1_15", "pay_rise_5"]
    standard, ratio, rise = (s["years"] for s in data["scenarios"])
    # 1:15 needs more posts every year; a pay rise changes no headcount, only money
    assert all(r["required"] > s["required"] for r, s in zip(ratio, standard, strict=True))
    money = ("staff_cost", "total", "cost_per_client")
    for s, r in zip(standard, rise, strict=True):
        assert {k: v for k, v in s.items() if k not in money} == {
            k: v for k, v in r.items() if k not in money
        }
    assert standard[0]["total"] == rise[0]["total"]  # the rise starts in year 1
    assert all(
        Decimal(r["total"]) > Decimal(s["total"])
        for s, r in zip(standard[1:], rise[1:], strict=True)
    )


def test_a_scenario_counting_service_otherwise_costs_as_it_would_alone(tmp_path: Path) -> None:
    # Scenarios that count service alike share each worker's years of a year; one whose
    # service rules differ (a bachelor's degree counts 4 years, a master's 6) is costed
    # with its own years: the same figures beside the standard scenario as alone, and
    # dearer than the standard one every year (more years, more points, higher grades).
    schooling = "schooling: {pay: {service: {education_years: {bachelor: 4, master: 6}}}}\n"
    both, alone = tmp_path / "both.yaml", tmp_path / "alone.yaml"
    both.write_text("scenarios:\n  standard: {}\n  " + schooling, encoding="utf-8")
    alone.write_text("scenarios:\n  " + schooling, encoding="utf-8")
    files = EXAMPLE[:-1]  # the example without its scenarios file
    standard, beside = plan_json(*files, both)["scenarios"]
    (by_itself,) = plan_json(*files, alone)["scenarios"]
    assert beside["years"] == by_itself["years"]
    assert all(
        Decimal(b["staff_cost"]) > Decimal(s["staff_cost"])
        for s, b in zip(standard["years"], beside["years"], strict=True)
    )


# --------------------------------------------------------------------------- targets


def test_targets_pass_exit_0() -> None:
    result = swplan(
        "plan",
        *EXAMPLE,
        "--target",
        "shortage<=0@2030",
        "--target",
        "certified_share >= 0.5 @ 2030",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    targets = json.loads(result.stdout)["targets"]
    assert len(targets) == 6  # two targets x three scenarios
    assert all(t["ok"] for t in targets)
    assert targets[0] == {
        "target": "shortage<=0@2030",
        "scenario": "standard",
        "value": 0,
        "ok": True,
    }
    assert targets[3]["target"] == "certified_share >= 0.5 @ 2030"


def test_a_failed_target_in_one_scenario_exits_1() -> None:
    # 2027 totals: standard 19872444.95, ratio_1_15 24992300.60, pay_rise_5 20788176.95
    result = swplan("plan", *EXAMPLE, "--target", "total<=24000000@2027", "--format", "json")
    assert result.exit_code == 1
    targets = json.loads(result.stdout)["targets"]
    assert [(t["scenario"], t["value"], t["ok"]) for t in targets] == [
        ("standard", "19872444.95", True),
        ("ratio_1_15", "24992300.60", False),
        ("pay_rise_5", "20788176.95", True),
    ]
    assert "target failed: total<=24000000@2027 in scenario ratio_1_15" in result.stderr


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("total<=1e6@2027", "is not a target; write METRIC OP VALUE@YEAR"),
        ("total=<5@2027", "is not a target"),
        ("total<=5", "is not a target"),
        ("totl<=5@2027", "'totl' is not one of: clients, required"),
        ("total<=5@2040", "2040 is outside the plan, which covers 2026-2030"),
    ],
)
def test_malformed_target_exits_2(target: str, words: str) -> None:
    result = swplan("plan", *EXAMPLE, "--target", target)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: --target: ")
    assert words in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_target_operators() -> None:
    t = parse_target("workers==284@2030")
    assert (t.metric, t.op, t.value, t.year) == ("workers", "==", Decimal(284), 2030)
    assert t.holds(Decimal(284)) and not t.holds(Decimal(283))
    assert parse_target("hires<3@2027").holds(Decimal(2))
    assert not parse_target("hires>3@2027").holds(Decimal(3))


# --------------------------------------------------------------------------- scenarios


def test_scenario_overrides_merge_like_extends(tmp_path: Path, hand: list[Path]) -> None:
    pops, roster, rules = hand
    scenarios = tmp_path / "scenarios.yaml"
    scenarios.write_text(
        "scenarios:\n"
        "  baseline: {}\n"
        # a mapping merges key by key: elderly keeps 0.10, default becomes 0.5
        "  growing: {plan: {client_growth: {default: 0.5}}}\n"
        "  children: {categories: {children: {clients_per_worker: 5}}}\n",
        encoding="utf-8",
    )
    data = plan_json(pops, roster, "--rules", rules, "--scenarios", scenarios)
    base, growing, children = data["scenarios"]
    assert base["years"] == plan_json(pops, roster, "--rules", rules)["scenarios"][0]["years"]
    # only elderly clients: still x 1.1 a year, and the attrition, passes and pay rise remain
    assert [y["clients"] for y in growing["years"]] == [40, 44, 48]
    assert growing["years"] == base["years"]
    assert children["years"] == base["years"]


def test_bad_scenario_is_reported_at_its_line(tmp_path: Path, hand: list[Path]) -> None:
    pops, roster, rules = hand
    scenarios = tmp_path / "scenarios.yaml"
    scenarios.write_text(
        "scenarios:\n"
        "  ok: {}\n"
        "  bad:\n"
        "    plan: {attrition: 1.5, certification: {psychological_counselor: 0.1}}\n",
        encoding="utf-8",
    )
    result = swplan("plan", pops, roster, "--rules", rules, "--scenarios", scenarios)
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert any(
        line.startswith(f"error: {scenarios}:4:")
        and "scenarios.bad.plan.attrition: '1.5' is not a share" in line
        for line in lines
    ), lines


def test_certification_must_follow_the_ladder(tmp_path: Path, hand: list[Path]) -> None:
    pops, roster, rules = hand
    scenarios = tmp_path / "scenarios.yaml"
    scenarios.write_text(
        "scenarios:\n  bad: {plan: {certification: {psychological_counselor: 0.1}}}\n",
        encoding="utf-8",
    )
    result = swplan("plan", pops, roster, "--rules", rules, "--scenarios", scenarios)
    assert result.exit_code == 2
    assert "scenarios.bad.plan.certification.psychological_counselor: planned passes follow" in (
        result.stderr
    )


def test_rules_default_plan() -> None:
    plan_rules = load_rules().plan
    assert plan_rules.years == 5
    assert plan_rules.client_growth == {"default": Decimal(0)}
    assert (plan_rules.attrition, plan_rules.hiring, plan_rules.certification) == (0, "fill", {})
    assert (plan_rules.pay_rise, plan_rules.base_rise) == (0, 0)


# --------------------------------------------------------------------------- formats


def test_csv_one_row_per_scenario_and_year() -> None:
    result = swplan("plan", *EXAMPLE, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 15
    assert list(rows[0])[:3] == ["scenario", "year", "clients"]
    assert (rows[5]["scenario"], rows[5]["year"]) == ("ratio_1_15", "2026")


def test_markdown_and_zh() -> None:
    md = swplan("plan", *EXAMPLE, "--format", "markdown", "--lang", "zh")
    assert md.exit_code == 0
    # each scenario: its figures, then its rates, ratios and constraints
    assert md.stdout.count("### 规划 2026-2030") == 6
    assert md.stdout.count("— 比率与约束") == 3
    assert "### 各方案年度总费用对比" in md.stdout
    assert "| 年度 | standard | ratio_1_15 | pay_rise_5 |" in md.stdout
    zh_csv = swplan("plan", *EXAMPLE, "--format", "csv", "--lang", "zh")
    assert zh_csv.stdout.splitlines()[0].lstrip("\ufeff").startswith("方案,年度,服务对象,所需岗位")


# --------------------------------------------------------------------------- properties

RULES = load_rules()


@st.composite
def random_plan(draw: Any) -> tuple[list[tuple[str, Rules]], list[Site], list[Worker]]:
    n_sites = draw(st.integers(1, 4))
    sites = [
        Site(f"s{i}", None, "urban_community", {"elderly": draw(st.integers(0, 80))})
        for i in range(n_sites)
    ]
    titles = list(RULES.pay.points.title)
    workers = []
    for i in range(draw(st.integers(0, 15))):
        given = draw(st.booleans())
        workers.append(
            Worker(
                id=f"W{i}",
                site=f"s{draw(st.integers(0, n_sites - 1))}",
                education="bachelor",
                title=draw(st.sampled_from(titles)),
                years_of_service=draw(st.integers(0, 30)) if given else None,
                hired=None if given else dt.date(2000 + draw(st.integers(0, 25)), 3, 1),
            )
        )
    scenarios = []
    for name in ("a", "b"):
        data = RULES.model_dump()
        data["plan"] = {
            "years": 4,
            "attrition": str(draw(st.sampled_from(["0", "0.1", "0.25", "0.5", "1"]))),
            "hiring": draw(st.sampled_from(["fill", "none"])),
            "client_growth": {"default": draw(st.sampled_from(["0", "0.05", "-0.2", "0.5"]))},
            "certification": {
                exam: draw(st.sampled_from(["0", "0.3", "0.5", "1"]))
                for exam in RULES.awards.ladder
            },
            "pay_rise": draw(st.sampled_from(["0", "0.03"])),
        }
        scenarios.append((name, Rules.model_validate(data)))
    return scenarios, sites, workers


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_plan())
def test_properties_of_random_plans(case: Any) -> None:
    scenarios, sites, workers = case
    result = plan(scenarios, sites, workers)
    for s in result.scenarios:
        previous = None
        for y in s.years:
            assert y.workers == y.workers_start + y.hires
            assert 0 <= y.leavers <= y.workers
            assert 0 <= y.certified_share <= 1
            assert 0 <= y.certified <= y.workers
            assert y.total == y.staff_cost + y.awards + y.training
            if previous is not None:
                assert y.workers_start == previous.workers - previous.leavers
            previous = y


# --------------------------------------------------------------------------- the README's CI job


def test_readme_ci_job_gates_the_plan(tmp_path: Path) -> None:
    import os
    import re
    import subprocess
    import sys

    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    jobs = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", readme, flags=re.S)]
    job = next(j["jobs"]["plan"] for j in jobs if "plan" in j["jobs"])
    (tmp_path / "examples").symlink_to(EXAMPLES)
    env = {
        **os.environ,
        **job["env"],
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"],
    }
    step = next(s for s in job["steps"] if s.get("name") == "Gate the plan")

    def gate(script: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-e", "-c", script],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    passed = gate(step["run"])
    assert passed.returncode == 0, passed.stderr
    data = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert len(data["targets"]) == 9 and all(t["ok"] for t in data["targets"])
    # 1:15 costs 28257889.17 in 2030: a cap one fen below it fails the job
    failed = gate(step["run"].replace("total<=30000000@2030", "total<=28257889.16@2030"))
    assert failed.returncode == 1
    assert "target failed: total<=28257889.16@2030 in scenario ratio_1_15" in failed.stderr


def test_a_scenario_may_not_change_the_horizon_unless_years_is_given(
    tmp_path: Path, hand: list[Path]
) -> None:
    pops, roster, rules = hand
    scenarios = tmp_path / "scenarios.yaml"
    scenarios.write_text("scenarios:\n  short: {plan: {years: 2}}\n", encoding="utf-8")
    refused = swplan("plan", pops, roster, "--rules", rules, "--scenarios", scenarios)
    assert refused.exit_code == 2
    assert "scenarios.short.plan.years: the horizon is the same for every scenario" in (
        refused.stderr
    )
    data = plan_json(pops, roster, "--rules", rules, "--scenarios", scenarios, "--years", "2")
    assert [y["year"] for y in data["scenarios"][0]["years"]] == [2026, 2027]


def test_output_may_not_replace_an_input(tmp_path: Path, hand: list[Path]) -> None:
    pops, roster, rules = hand
    scenarios = tmp_path / "scenarios.yaml"
    scenarios.write_text("scenarios:\n  a: {}\n", encoding="utf-8")
    before = scenarios.read_bytes()
    result = swplan(
        "plan", pops, roster, "--rules", rules, "--scenarios", scenarios, "--output", scenarios
    )
    assert result.exit_code == 2
    assert scenarios.read_bytes() == before


def test_pay_rise_on_top_of_a_dated_change(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "extends: national-v1\nname: changes\neffective: 2026-01-01\n"
        "changes:\n"
        "  - from: 2027-07-01\n"
        "    set: {pay: {grades: [{grade: 1, min_points: 0, monthly: 5000},"
        " {grade: 2, min_points: 3, monthly: 6000}, {grade: 3, min_points: 6, monthly: 7000}]}}\n"
        "plan: {years: 2, pay_rise: 0.10, hiring: none}\n",
        encoding="utf-8",
    )
    pops = tmp_path / "populations.yaml"
    pops.write_text("sites:\n  - {id: a, kind: agency, clients: {elderly: 20}}\n", encoding="utf-8")
    roster = tmp_path / "roster.yaml"
    roster.write_text(
        "workers:\n  - {id: W1, site: a, education: bachelor, title: none, years_of_service: 0}\n",
        encoding="utf-8",
    )
    y0, y1 = plan_json(pops, roster, "--rules", rules)["scenarios"][0]["years"]
    # 2026: grade 1 at 4200.00 all year: 66376.80 (as in examples/small's new hire) + 500
    assert (y0["staff_cost"], y0["total"]) == ("66376.80", "66876.80")
    # 2027 (k = 1, x 1.10), 1 year of service: 2.5 points, grade 1.
    #   January-June, national grade 1 4200.00 x 1.1 = 4620.00; contributions 739.20 + 369.60
    #     + 23.10 + 9.24 + 323.40 = 1464.54
    #   July-December, the change's 5000.00 x 1.1 = 5500.00; 880.00 + 440.00 + 27.50 + 11.00
    #     + 385.00 = 1743.50
    #   6 x 4620.00 + 6 x 5500.00 = 60720.00; 6 x 1464.54 + 6 x 1743.50 = 19248.24
    #   staff 79968.24, training 500.00
    assert (y1["staff_cost"], y1["total"]) == ("79968.24", "80468.24")


def test_first_year_equals_budget_with_hires_from_july(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "extends: national-v1\nname: july\neffective: 2026-01-01\n"
        "budget: {new_hire: {start_month: 7}}\n",
        encoding="utf-8",
    )
    files = [
        EXAMPLES / "small" / "populations.yaml",
        EXAMPLES / "small" / "roster.yaml",
        "--passes",
        EXAMPLES / "small" / "passes.yaml",
        "--ledger",
        EXAMPLES / "small" / "ledger.csv",
        "--rules",
        rules,
    ]
    budget = _budget(*files)
    first = plan_json(*files)["scenarios"][0]["years"][0]
    lines = {line["item"]: line["amount"] for line in budget["lines"]}
    # three hires paid July-December: half of 66376.80 each, 33188.40 x 3 = 99565.20
    assert lines["new_hires"] == "99565.20"
    assert first["staff_cost"] == f"{Decimal(lines['current_staff']) + Decimal('99565.20'):.2f}"
    assert first["total"] == budget["total"]
