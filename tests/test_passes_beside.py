"""`budget` reads its passes and ledger while a big roster is read beside it.

The roster's reader (a forked process for a big CSV) learns which ids the passes and
the ledger name only once they are read, and asks for them after it has counted and
costed every row. Whatever the path, the budget is the same, and the problems of
every file are reported together.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import COMMAND, EXAMPLES, V1_RULES, swplan
from test_columnar import both_ways

SMALL = EXAMPLES / "small"
ARGS = [
    "budget",
    SMALL / "populations.yaml",
    SMALL / "roster.csv",
    "--passes",
    SMALL / "passes.yaml",
    "--ledger",
    SMALL / "ledger.csv",
    "--rules",
    V1_RULES,
    "--year",
    "2026",
    "-f",
    "json",
]
BESIDE = {"SWPLAN_PARALLEL_BYTES": "0", "SWPLAN_COLUMNAR_BYTES": "0"}  # forked, in columns


def _process(*args: object, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **env},
        check=False,
    )


def _awards(data: dict[str, object]) -> str:
    lines = data["lines"]
    assert isinstance(lines, list)
    return next(line["amount"] for line in lines if line["item"] == "awards")


def test_a_ledger_naming_roster_workers_is_read_alike_in_columns(monkeypatch) -> None:
    # ledger.csv pays W006, whom no pass names: the columns once looked for the
    # passes' ids only, took W006 for an id "spelt another way" and refused the run
    rows, cols, taken = both_ways(*ARGS, monkeypatch=monkeypatch)
    assert taken == 1
    assert (rows.code, cols.code) == (0, 0), cols.err
    assert rows.out == cols.out
    # the passes' awards (passes.yaml: W001 social_worker 1000 top-up, W004 social_worker
    # 1000 + assistant 1000, W003 assistant 1000; W002's expired), paid in 2026:
    # 1000 + 2000 + 1000 = 4000.00; roster.csv lists no exams of its own
    assert _awards(rows.json()) == "4000.00"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a second process is forked")
@pytest.mark.parametrize("by", [[], ["--by", "site"]], ids=["budget", "by site"])
def test_passes_read_while_the_roster_is_read_beside_give_the_same_budget(by) -> None:
    # by site, the sites' costs come after the counts sent ahead and are joined to them
    inline = swplan(*ARGS, *by, env={"SWPLAN_PARALLEL_BYTES": str(1 << 60)})
    beside = _process(*ARGS, *by, env=BESIDE)
    assert (inline.code, beside.returncode) == (0, 0), beside.stderr
    assert beside.stdout == inline.out
    assert _awards(inline.json()) == "4000.00"
    if by:  # the staff line shared out: jinjiang's three workers, hongqi's one, baisha's two
        costs = {s["id"]: s["current_staff"] for s in inline.json()["sites"]}
        assert list(costs) == ["jinjiang", "hongqi", "baisha"]
        assert all(cost != "0.00" for cost in costs.values())


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a second process is forked")
def test_problems_of_the_passes_and_of_the_roster_beside_are_reported_together(
    tmp_path,
) -> None:
    passes = tmp_path / "passes.csv"
    passes.write_text(
        "worker_id,exam,passed_on\nW001,social_worker,2025-12-20\nW004,sociall_worker,2025-11-15\n",
        encoding="utf-8",
    )
    roster = tmp_path / "roster.csv"
    text = (SMALL / "roster.csv").read_text(encoding="utf-8")
    roster.write_text(
        text.replace("W002,李四,jinjiang,master", "W002,李四,jinjiang,masters"), "utf-8"
    )
    args = ["budget", SMALL / "populations.yaml", roster, "--passes", passes]
    result = _process(*args, "--rules", V1_RULES, "--year", "2026", env=BESIDE)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2, result.stderr
    assert errors[0].startswith(f"error: {passes}:3:2: exam:")  # the passes' first
    assert errors[1].startswith(f"error: {roster}:3:4: education:")
    assert result.stdout == ""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a second process is forked")
@pytest.mark.parametrize(
    ("site", "written"),
    [("jinjiang", "金江社区"), ("jinjiang", "nowhere")],
    ids=["a site by its name", "a site in no populations file"],
)
def test_counts_sent_ahead_of_the_costs_are_checked_as_read_inline(
    tmp_path, site: str, written: str
) -> None:
    # the roster's counts come ahead of its costs; the posts take them at once only
    # when every site is a listed id: a site by name is renamed, an unknown one refused,
    # exactly as when the roster is read in this process
    pops = tmp_path / "populations.yaml"
    text = (SMALL / "populations.yaml").read_text(encoding="utf-8")
    pops.write_text(text, encoding="utf-8")
    roster = tmp_path / "roster.csv"
    rows = (SMALL / "roster.csv").read_text(encoding="utf-8")
    roster.write_text(rows.replace(f",{site},", f",{written},"), encoding="utf-8")
    command = ["staff", pops, "--roster", roster, "-f", "json", "--rules", V1_RULES]
    staff = swplan(*command, env={"SWPLAN_PARALLEL_BYTES": str(1 << 60)})
    beside = _process(*command, env=BESIDE)
    assert beside.returncode == staff.code, beside.stderr
    assert beside.stdout == staff.out
    assert beside.stderr == staff.err
    if written == "nowhere":  # W001, W002, W003 at jinjiang in roster.csv
        assert staff.code == 2 and "'nowhere'" in staff.err
    else:
        current = {s["id"]: s["current"] for s in staff.json()["sites"]}
        assert current["jinjiang"] == 3  # W001-W003, written 金江社区, counted at its id
