"""`swplan plan --scenarios`: each scenario reads the files as the rules do (labels and
aliases included), carries its own label and targets."""

from __future__ import annotations

from pathlib import Path

from conftest import swplan

# A bureau's roster and passes written in its own words: 本科 and 大学本科 are the
# national rules' labels and aliases of `bachelor`, 助理社工师 and 无 of titles, 优秀 and
# 合格 of ratings, 助理社会工作师 of the assistant exam.
ROSTER = (
    "工号,站点,学历,职称,入职日期,考核等次\n"
    "W1,a,本科,助理社工师,2018-03-01,优秀\n"
    "W2,a,大学本科,无,2022-09-01,合格\n"
)
PASSES = "工号,考试,通过日期\nW2,助理社会工作师,2025-06-20\n"
POPULATIONS = "sites:\n  - {id: a, kind: 城市社区, clients: {老年人: 50}}\n"


def _files(tmp_path: Path) -> list[str]:
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    (tmp_path / "passes.csv").write_text(PASSES, encoding="utf-8")
    (tmp_path / "populations.yaml").write_text(POPULATIONS, encoding="utf-8")
    return ["plan", "populations.yaml", "roster.csv", "--passes", "passes.csv"]


def test_a_scenario_reads_chinese_words_as_the_rules_do(tmp_path: Path) -> None:
    """`baseline: {}` is the rules as they are: the roster's and the passes' Chinese words
    read as `budget` reads them, and the plan is the plan without --scenarios."""
    args = _files(tmp_path)
    (tmp_path / "scenarios.yaml").write_text(
        "scenarios:\n"
        "  baseline: {}\n"
        # a short form over the long form changes the points only: 本科 still names bachelor
        "  more_points: {pay: {points: {education: {bachelor: 1}}}}\n",
        encoding="utf-8",
    )
    alone = swplan(*args, "--format", "json", cwd=tmp_path)
    assert alone.code == 0, alone.err
    both = swplan(*args, "--scenarios", "scenarios.yaml", "--format", "json", cwd=tmp_path)
    assert both.code == 0, both.err
    assert both.err == ""
    baseline, more_points = both.json()["scenarios"]
    assert baseline["years"] == alone.json()["scenarios"][0]["years"]
    # year 0 is the budget of 2026: W2's assistant pass of 2025-06-20 is due (1000.00)
    budget = swplan(
        "budget",
        "populations.yaml",
        "roster.csv",
        "--passes",
        "passes.csv",
        "-f",
        "json",
        cwd=tmp_path,
    )
    assert budget.code == 0, budget.err
    assert baseline["years"][0]["total"] == budget.json()["total"]
    assert baseline["years"][0]["awards"] == "1000.00"
    # the scenario read 本科 and 大学本科 as bachelor too: the same three people are planned
    assert [y["workers"] for y in more_points["years"]] == [3, 3, 3, 3, 3]


def test_a_scenario_may_list_its_own_site_kinds(tmp_path: Path) -> None:
    """Site kinds written as labels (城市社区) read in every scenario as in the rules."""
    args = _files(tmp_path)
    (tmp_path / "scenarios.yaml").write_text(
        "scenarios:\n  tight: {staffing: {clients_per_worker: 25}}\n", encoding="utf-8"
    )
    result = swplan(*args, "--scenarios", "scenarios.yaml", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.err
    # 50 elderly at 1:25 -> 2 posts; W1 and W2 fill them: nobody hired
    (tight,) = result.json()["scenarios"]
    assert (tight["years"][0]["required"], tight["years"][0]["hires"]) == (2, 0)


def test_a_bad_label_or_target_list_is_at_its_line(tmp_path: Path) -> None:
    args = _files(tmp_path)
    (tmp_path / "scenarios.yaml").write_text(
        "scenarios:\n"
        "  a: {label: 紧缩方案}\n"
        "  b: {label: {fr: serré}, targets: 'shortage<=0@2026'}\n",
        encoding="utf-8",
    )
    result = swplan(*args, "--scenarios", "scenarios.yaml", cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    label = "a scenario's label is a mapping of zh and en to text, e.g. {en: Tight}"
    assert result.err.splitlines() == [
        f"error: scenarios.yaml:2:14: scenarios.a.label: {label}",
        f"error: scenarios.yaml:3:15: scenarios.b.label.fr: {label}",
        "error: scenarios.yaml:3:36: scenarios.b.targets: a scenario's targets are a list "
        "of METRIC OP VALUE@YEAR, e.g. ['shortage<=0@2028']",
    ]
    zh = swplan(*args, "--scenarios", "scenarios.yaml", "--lang", "zh", cwd=tmp_path)
    assert "方案名称应为 zh、en 到文字的映射，例如 {zh: 紧缩方案, en: Tight}" in zh.err


def test_a_site_growth_that_is_no_mapping(tmp_path: Path) -> None:
    args = _files(tmp_path)
    (tmp_path / "populations.yaml").write_text(
        "sites:\n  - {id: a, kind: 城市社区, clients: {老年人: 50}, growth: 0.1}\n",
        encoding="utf-8",
    )
    result = swplan(*args, cwd=tmp_path)
    assert result.code == 2
    assert result.err == (
        "error: populations.yaml:2:53: sites[0].growth: must be a mapping of category: "
        "yearly growth, e.g. {elderly: 0.08}\n"
    )
