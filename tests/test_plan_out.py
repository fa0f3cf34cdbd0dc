"""`swplan plan` out: the workbook and its line charts, Chinese in every format and
message under --lang zh, and workers at sites the populations do not have."""

from __future__ import annotations

import functools
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, V1_RULES, swplan

EXAMPLES = ROOT / "examples"
COUNTY = EXAMPLES / "county"
PLAN = EXAMPLES / "plan"
ONE_SITE = PLAN / "one-site"

# the county over five years, three scenarios, one target that fails in one of them
COUNTY_PLAN = [
    COUNTY / "populations.yaml",
    COUNTY / "roster.yaml",
    "--passes",
    COUNTY / "passes.csv",
    "--rules",
    PLAN / "rules.yaml",
    "--scenarios",
    PLAN / "scenarios.yaml",
    "--target",
    "total<=24000000@2027",
    "--target",
    "certified_share>=0.6@2028",
]
SCENARIOS = ["standard", "ratio_1_15", "pay_rise_5"]
METRICS = [
    "clients",
    "required",
    "workers_start",
    "hires",
    "workers",
    "leavers",
    "shortage",
    "certified",
    "certified_share",
    "staff_cost",
    "awards",
    "training",
    "total",
]
MONEY = {"staff_cost", "awards", "training", "total"}
# what a scenario's sheet shows after the figures: the constraints and ratios, the
# applied pass rate of each exam, and the constraints that cut the hires
RATIOS = ["hires_cut", "per_10k", "cost_per_client", "attrition_applied"]


@functools.cache
def plan_json(*args: Any) -> str:
    """The JSON of a plan (the example files never change: each plan runs once)."""
    result = swplan("plan", *args, "--format", "json")
    assert result.code == 1, result.err  # the 2027 total target fails in ratio_1_15
    return result.out


def plan_data(*args: Any) -> Any:
    return json.loads(plan_json(*args))


def workbook(tmp_path: Path, *args: Any, name: str = "plan.xlsx") -> Any:
    from openpyxl import load_workbook

    out = tmp_path / name
    result = swplan("plan", *args, "--output", out)
    assert result.code == 1, result.err
    assert result.out == ""
    return load_workbook(out)


@pytest.fixture(scope="module")
def county_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The county plan's workbook, written once for the tests that read it."""
    folder = tmp_path_factory.mktemp("county")
    workbook(folder, *COUNTY_PLAN)
    return folder / "plan.xlsx"


def table(ws: Any) -> list[tuple[Any, ...]]:
    """A sheet's table: its header row (row 3, under the title and the unit line) down
    to its totals row, as wide as its header."""
    header = next(ws.iter_rows(min_row=3, max_row=3, values_only=True))
    width = max(i for i, v in enumerate(header) if v is not None) + 1
    out = []
    for row in ws.iter_rows(min_row=3, max_col=width, values_only=True):
        if all(v is None for v in row):
            break
        out.append(row)
    return out


def number(cell: Any) -> Decimal:
    """A cell's number as the decimal Excel shows (openpyxl reads numbers as floats)."""
    assert isinstance(cell, int | float) and not isinstance(cell, bool), cell
    return Decimal(str(cell))


def referenced(book: Any, ref: str) -> list[Any]:
    """The values of the cells an absolute chart reference (`'Sheet'!$C$2:$C$6`) names."""
    m = re.fullmatch(r"'?(.+?)'?!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?", ref)
    assert m, ref
    sheet, col, row, col2, row2 = m.groups()
    ws = book[sheet]
    cells = ws[f"{col}{row}:{col2 or col}{row2 or row}"]
    return [c.value for line in cells for c in line]


# --------------------------------------------------------------------------- xlsx


def test_workbook_numbers_are_the_json(county_book: Path) -> None:
    from openpyxl import load_workbook

    data = plan_data(*COUNTY_PLAN)
    book = load_workbook(county_book)
    assert book.sheetnames == ["Comparison", *SCENARIOS, "Targets"]

    for scenario in data["scenarios"]:
        ws = book[scenario["name"]]
        rows = table(ws)
        assert rows[0] == (
            "Year",
            "Clients",
            "Required",
            "Start",
            "Hires",
            "Workers",
            "Leavers",
            "Shortage",
            "Certified",
            "Certified share",
            "Staff cost",
            "Awards",
            "Training",
            "Total",
            "Hires cut",
            "Per 10,000 residents",
            "Cost per client",
            "Attrition applied",
            "Pass rate applied assistant_social_worker",
            "Pass rate applied social_worker",
            "Binding",
        )
        years = scenario["years"]
        assert len(years) == 5
        for row, year in zip(rows[1:6], years, strict=True):
            assert row[0] == year["year"]
            for cell, metric in zip(row[1:18], [*METRICS, *RATIOS], strict=True):
                if year[metric] is None:  # the county gives no residents
                    assert cell is None, metric
                    continue
                assert number(cell) == Decimal(str(year[metric])), (scenario["name"], metric)
            rates = year["pass_rate_applied"]
            assert [number(c) for c in row[18:20]] == [
                Decimal(rates["assistant_social_worker"]),
                Decimal(rates["social_worker"]),
            ]
            assert year["binding"] == [] and row[20] is None  # none binds: an empty cell
        # the totals row: the money of the five years added up, in bold
        totals = rows[6]
        assert totals[0] == "all years"
        for cell, metric in zip(totals[1:18], [*METRICS, *RATIOS], strict=True):
            if metric in MONEY:
                assert number(cell) == sum(Decimal(y[metric]) for y in years)
            else:
                assert cell is None
        assert all(c.font.bold for c in ws[9] if c.value is not None)
        assert ws["K4"].number_format == "#,##0.00"  # staff cost
        assert ws["J4"].number_format == "0.00%"  # the share (the JSON's four places)
        assert ws["B4"].number_format == "General"  # a count
        assert ws.freeze_panes == "A4"
        assert ws.print_title_rows == "$3:$3"
        assert ws.column_dimensions["N"].width >= len("123,397,529.15")

    ws = book["Comparison"]
    rows = table(ws)
    assert rows[0] == ("Year", *SCENARIOS)
    for i, row in enumerate(rows[1:6]):
        assert row[0] == 2026 + i
        for cell, scenario in zip(row[1:], data["scenarios"], strict=True):
            assert number(cell) == Decimal(scenario["years"][i]["total"])
    assert rows[6][0] == "all years"
    for cell, scenario in zip(rows[6][1:], data["scenarios"], strict=True):
        assert number(cell) == sum(Decimal(y["total"]) for y in scenario["years"])
    assert ws["B4"].number_format == "#,##0.00"

    targets = table(book["Targets"])
    assert targets[0] == ("Target", "Scenario", "Value", "OK")
    assert len(targets) == 1 + len(data["targets"]) == 7
    for row, t in zip(targets[1:], data["targets"], strict=True):
        assert row[:2] == (t["target"], t["scenario"])
        assert number(row[2]) == Decimal(str(t["value"]))
        assert row[3] == ("met" if t["ok"] else "FAILED")
    assert targets[2][3] == "FAILED"  # ratio_1_15 costs more than 24 million in 2027


def test_line_charts_point_at_the_right_cells(county_book: Path) -> None:
    from openpyxl import load_workbook
    from openpyxl.chart import LineChart

    book = load_workbook(county_book)
    # total cost by scenario: one line per scenario over the five years
    (chart,) = book["Comparison"]._charts
    assert isinstance(chart, LineChart)
    assert [s.val.numRef.f for s in chart.series] == [
        "'Comparison'!$B$4:$B$8",
        "'Comparison'!$C$4:$C$8",
        "'Comparison'!$D$4:$D$8",
    ]
    assert [referenced(book, s.tx.strRef.f) for s in chart.series] == [[n] for n in SCENARIOS]
    for s in chart.series:
        assert referenced(book, s.cat.numRef.f) == [2026, 2027, 2028, 2029, 2030]
    data = plan_data(*COUNTY_PLAN)
    ratio_2027 = data["scenarios"][1]["years"][1]["total"]
    assert Decimal(str(referenced(book, chart.series[1].val.numRef.f)[1])) == Decimal(ratio_2027)
    # each scenario's sheet: its workers against its required posts
    for name in SCENARIOS:
        (chart,) = book[name]._charts
        assert isinstance(chart, LineChart)
        titles = [referenced(book, s.tx.strRef.f) for s in chart.series]
        assert titles == [["Required"], ["Workers"]]
        assert [s.val.numRef.f for s in chart.series] == [
            f"'{name}'!$C$4:$C$8",
            f"'{name}'!$F$4:$F$8",
        ]
    required = referenced(book, book["ratio_1_15"]._charts[0].series[0].val.numRef.f)
    assert required == [326, 336, 341, 350, 359]  # the JSON's `required` of ratio_1_15


def test_format_xlsx_and_output_extension(tmp_path: Path) -> None:
    out = tmp_path / "plan"  # no extension: --format says what it is
    args = [ONE_SITE / "populations.yaml", ONE_SITE / "roster.yaml", "--rules", V1_RULES]
    assert swplan("plan", *args, "--format", "xlsx", "--output", out).code == 0
    assert out.read_bytes()[:2] == b"PK"
    # an extension swplan does not write is refused, --format or not
    odd = swplan("plan", *args, "--format", "xlsx", "--output", tmp_path / "plan.bin")
    assert odd.code == 2 and "ends in .bin, which swplan does not write" in odd.err
    assert not (tmp_path / "plan.bin").exists()
    clash = swplan("plan", *args, "--format", "csv", "--output", tmp_path / "plan.xlsx")
    assert clash.code == 2
    assert "names a xlsx file but --format is csv" in clash.err
    assert not (tmp_path / "plan.xlsx").exists()


def test_zh_workbook(tmp_path: Path) -> None:
    book = workbook(tmp_path, *COUNTY_PLAN, "--lang", "zh")
    assert book.sheetnames == ["对比", *SCENARIOS, "目标"]
    ws = book["standard"]
    assert list(table(ws)[0]) == [
        "年度",
        "服务对象",
        "所需岗位",
        "年初人数",
        "新招聘",
        "在岗人数",
        "离职",
        "缺编",
        "持证",
        "持证比例",
        "人员费用",
        "考试奖励",
        "培训费",
        "合计",
        "未招满",
        "每万人社工数",
        "人均服务成本",
        "实际离职率",
        "实际通过率 助理社会工作师",
        "实际通过率 社会工作师",
        "约束",
    ]
    assert ws["A9"].value == "合计"
    titles = [referenced(book, s.tx.strRef.f)[0] for s in ws._charts[0].series]
    assert titles == ["所需岗位", "在岗人数"]
    assert list(table(book["对比"])[0]) == ["年度", *SCENARIOS]
    assert list(table(book["目标"])[0]) == ["目标", "方案", "实际值", "达成"]
    assert book["目标"]["D5"].value == "未达成"
    assert book["目标"]["A2"].value == "单位：人、元"  # counts and amounts
    for ws in book:
        for row in ws.iter_rows(values_only=True):
            for cell in row:
                if isinstance(cell, str):
                    assert english(cell) == [], cell
        for chart in ws._charts:
            assert english(chart.title.tx.rich.p[0].r[0].t) == []


# --------------------------------------------------------------------------- zh

# what may stay in Latin letters under --lang zh: ids, file names, values and options
_KEPT = [
    re.compile(r"'[^']*'"),  # a quoted value, a scenarios file's example
    re.compile(r"(?<![\w/.-])--[a-z][a-z-]*(?:/--[a-z]+)?"),  # an option: --allow-unknown-sites
    re.compile(r"\S*(?:/|\.(?:yaml|csv|xlsx))\S*"),  # a file name, with its place
    re.compile(r"\b(?:" + "|".join([*SCENARIOS, "baseline", "bad"]) + r")\b"),  # scenario names
    re.compile(r"\b\w+(?:<=|>=|<|>|==)[-\d.]+@\d{4}"),  # a target as written
    re.compile(r"\bW\d+\b"),  # worker ids
    re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b"),  # a rules key path: plan.years
    re.compile(r"\b[a-z]+(?:_[a-z]+)+\b"),  # a key: assistant_social_worker
    re.compile(r"\bextends\b"),  # the key that a scenario may not have
    re.compile(
        r"\b(?:" + "|".join([*METRICS, *RATIOS, "scenarios", "fill", "none"]) + r")\b"
    ),  # what one may write
    re.compile(r"\bswplan plan\b"),  # a command to run
    re.compile(r"version-1 national default|one site"),  # the rules' names
    re.compile(r"(?<=站点 )[a-z]\b"),  # a site id
]


def english(text: str) -> list[str]:
    """The words of `text` in Latin letters that are no id, file name, value or option."""
    for kept in _KEPT:
        text = kept.sub(" ", text)
    return re.findall(r"[A-Za-z]+", text)


def test_english_finds_english() -> None:
    assert english("注意：worker W3 is at site 'b', in plan.yaml") == [
        "worker",
        "is",
        "at",
        "site",
        "in",
    ]
    assert english("错误：--years 的值无效：应不小于 1；见 swplan plan --help") == []


def test_zh_plan_in_every_format_has_no_english(tmp_path: Path) -> None:
    (failed,) = [t for t in plan_data(*COUNTY_PLAN)["targets"] if not t["ok"]]
    assert (failed["target"], failed["scenario"]) == ("total<=24000000@2027", "ratio_1_15")
    out = {}
    for fmt in ("table", "markdown", "csv"):
        result = swplan("plan", *COUNTY_PLAN, "--format", fmt, "--lang", "zh")
        assert result.code == 1
        assert english(result.out) == [], fmt
        # the failed target, on stderr
        assert result.err == (
            f"未达成目标：total<=24000000@2027，方案 ratio_1_15（实际值 {failed['value']}）\n"
        )
        out[fmt] = result.out
    assert out["csv"].startswith("\ufeff方案,年度,服务对象,所需岗位,年初人数,新招聘,在岗人数,离职,")
    assert swplan("plan", *COUNTY_PLAN, "--format", "csv").out.startswith("scenario,year,")
    table = out["table"]
    # the assumptions by their labels; the scenario's rules by their name
    assert (
        "假设：服务对象年增长 其余类别 0.01、老年人 0.04；年末离职比例 0.08；招聘 补足缺编；"
        "年度考试通过比例 助理社会工作师 0.25、社会工作师 0.10；薪酬年涨幅 0.05；缴费基数年涨幅 0.03"
    ) in table
    assert "规划 2026-2030 — 方案 standard（示例区 2026-2030）" in table


def test_zh_warnings_in_every_format(tmp_path: Path) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text(
        "workers:\n"
        "  - {id: W1, site: a, education: bachelor, title: none, hired: 2016-09-01}\n"
        "  - {id: W2, site: a, education: bachelor, title: none, years_of_service: 1}\n"
        "  - {id: W3, site: b, education: bachelor, title: none, years_of_service: 1}\n",
        encoding="utf-8",
    )
    args = [ONE_SITE / "populations.yaml", roster, "--rules", V1_RULES, "--allow-unknown-sites"]
    warning = "注意：人员 W3 所在站点 'b' 不在服务对象文件中；未计入"
    for fmt in ("table", "markdown"):  # shown under the tables, not again on stderr
        result = swplan("plan", *args, "--format", fmt, "--lang", "zh")
        assert result.code == 0
        assert warning in result.out
        assert result.err == ""
        assert english(result.out) == []
    for fmt in ("csv", "json"):  # on stderr
        result = swplan("plan", *args, "--format", fmt, "--lang", "zh")
        assert result.err == warning + "\n"
    book_path = tmp_path / "plan.xlsx"
    assert swplan("plan", *args, "--output", book_path, "--lang", "zh").code == 0
    from openpyxl import load_workbook

    notes = [c.value for c in load_workbook(book_path)["对比"]["A"] if c.value]
    assert warning in notes


def _bad_scenarios(tmp_path: Path) -> Path:
    path = tmp_path / "scenarios.yaml"
    path.write_text(
        "scenarios:\n"
        "  standard: {plan: {years: 3}}\n"
        "  bad: {plan: {attrition: 2, hiring: some}}\n"
        "  e: 5\n"
        "  f: {extends: national}\n"
        "  g: {awards: {ladder: [assistant_social_worker]}}\n"
        "other: 1\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "extra",
    [
        ["--target", "shortag<=0@2027"],  # a misspelt metric
        ["--target", "shortage=0@2027"],  # not a target
        ["--target", "shortage<=0@2040"],  # outside the plan
        ["--from", "1800"],
        ["--years", "0"],
        ["--years", "x"],
        ["--scenarios", "SCENARIOS"],
        ["--scenarios", "no-such-file.yaml"],
    ],
)
def test_zh_errors_have_no_english(tmp_path: Path, extra: list[str]) -> None:
    extra = [str(_bad_scenarios(tmp_path)) if a == "SCENARIOS" else a for a in extra]
    args = [COUNTY / "populations.yaml", COUNTY / "roster.yaml", "--rules", PLAN / "rules.yaml"]
    out = tmp_path / "plan.csv"
    result = swplan("plan", *args, *extra, "--output", out, "--lang", "zh")
    assert result.code == 2
    assert not out.exists()
    lines = result.err.splitlines()
    assert lines
    for line in lines:
        assert line.startswith("错误：")
        # FILE:LINE:COL: key.path: the message (the place and key path stay as they are)
        message = re.sub(r"^错误：(?:\S+?:\d+:\d+: [\w. \[\]]+: |--\w+: )?", "", line)
        assert english(message) == [], line


def test_zh_scenario_errors_word_by_word(tmp_path: Path) -> None:
    path = _bad_scenarios(tmp_path)
    args = [COUNTY / "populations.yaml", COUNTY / "roster.yaml", "--rules", PLAN / "rules.yaml"]
    result = swplan("plan", *args, "--scenarios", path, "--lang", "zh")
    lines = result.err.splitlines()
    # the scenarios file's own messages, word for word
    assert [lines[i] for i in (0, 1, 4, 5)] == [
        f"错误：{path}:7:1: other: 未知的键 'other'；允许的项：scenarios",
        f"错误：{path}:2:28: scenarios.standard.plan.years: 各方案的规划年数必须相同；"
        "请在规则中设定 plan.years，或使用 --years",
        f"错误：{path}:4:6: scenarios.e: 应为要覆盖的规则键的映射（写 {{}} 表示沿用规则原样）",
        f"错误：{path}:5:7: scenarios.f.extends: 方案以 --rules 指定的规则为起点；请去掉 extends",
    ]
    # the rules' own messages inside a scenario, at the scenario's lines, in Chinese
    assert lines[2].startswith(f"错误：{path}:3:27: scenarios.bad.plan.attrition: '2' ")
    assert lines[3].startswith(f"错误：{path}:3:38: scenarios.bad.plan.hiring: 'some' ")
    assert lines[6].startswith(
        f"错误：{path}:6:3: scenarios.g: 合并此方案后，规则的 plan.certification.social_worker 有误："
    )
    assert "fill, none" in lines[3]  # the rules' keys, not their labels
    assert "（是否应为 'assistant_social_worker'？）" in lines[6]
    assert len(lines) == 7
    for line in lines:
        message = re.sub(r"^错误：\S+?:\d+:\d+: [\w. ]+: ", "", line)
        assert english(message) == [], line


# --------------------------------------------------------------------------- unknown sites


def _roster(tmp_path: Path, third_site: str) -> Path:
    """W1 and W2 of examples/plan/one-site at site a, and W3 at `third_site`."""
    path = tmp_path / "roster.yaml"
    path.write_text(
        "workers:\n"
        "  - {id: W1, site: a, education: bachelor, title: none, hired: 2016-09-01}\n"
        "  - {id: W2, site: a, education: bachelor, title: none, years_of_service: 1}\n"
        f"  - {{id: W3, site: {third_site}, education: bachelor, title: none, "
        "years_of_service: 1}\n",
        encoding="utf-8",
    )
    return path


def test_a_worker_at_an_unknown_site_is_an_error_as_in_budget(tmp_path: Path) -> None:
    roster = _roster(tmp_path, "aa")
    pops = ONE_SITE / "populations.yaml"
    out = tmp_path / "plan.json"
    result = swplan("plan", pops, roster, "--rules", V1_RULES, "--output", out)
    assert result.code == 2
    assert not out.exists()
    assert result.err == (
        # 'aa' is one edit from site 'a', more than a third of its two characters: a
        # suggestion is made only for names that close (a name off by one of three)
        f"error: {roster}:4:20: workers[2].site: 'aa' is not a site of the populations"
        "; 1 worker (W3) would be costed twice, as staff and as the post "
        "the site lacks: fix the site, add it to the populations, or give --allow-unknown-sites\n"
    )
    budget = swplan("budget", pops, roster, "--rules", V1_RULES)
    assert (budget.code, budget.err) == (2, result.err)
    zh = swplan("plan", pops, roster, "--rules", V1_RULES, "--lang", "zh")
    (line,) = zh.err.splitlines()
    assert line.startswith(f"错误：{roster}:4:20: workers[2].站点: 'aa' 不是服务对象文件中的站点；")
    assert "W3" in line and "--allow-unknown-sites" in line
    assert english(line.split(": ", 2)[2]) == []


def test_allow_unknown_sites_costs_them_and_warns_as_budget_does(tmp_path: Path) -> None:
    roster = _roster(tmp_path, "aa")
    args = [ONE_SITE / "populations.yaml", roster, "--rules", V1_RULES, "--allow-unknown-sites"]
    result = swplan("plan", *args, "--years", "1", "--format", "json")
    assert result.code == 0
    data = result.json()
    warning = "worker W3 is at site 'aa', which is not in the populations; not counted"
    assert data["warnings"] == [warning]
    assert result.err == f"warning: {warning}\n"
    (year,) = data["scenarios"][0]["years"]
    # 40 elderly clients / 20 = 2 posts at a, held by W1 and W2: no hire; W3 is costed.
    # W1 (9 years, grade 2): 4800.00 + contributions 1521.60 -> 75,859.20 a year;
    # W2 and W3 (1 year, grade 1): 66,376.80 each (docs/plan.md's worked example).
    # staff 75,859.20 + 2 x 66,376.80 = 208,612.80; training 3 x 500 = 1,500.00
    assert (year["required"], year["workers_start"], year["hires"], year["workers"]) == (2, 3, 0, 3)
    assert year["shortage"] == 0
    assert (year["staff_cost"], year["training"], year["total"]) == (
        "208612.80",
        "1500.00",
        "210112.80",
    )
    budget = swplan("budget", *args, "--format", "json")
    assert budget.json()["warnings"] == data["warnings"]
    assert budget.json()["total"] == year["total"]


def test_a_site_written_by_its_name_counts_at_that_site(tmp_path: Path) -> None:
    roster = _roster(tmp_path, "A")  # the name of site a
    args = [ONE_SITE / "populations.yaml", roster, "--rules", V1_RULES, "--years", "1"]
    result = swplan("plan", *args, "--format", "json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["warnings"] == []
    (year,) = data["scenarios"][0]["years"]
    assert (year["workers_start"], year["hires"], year["total"]) == (3, 0, "210112.80")


def test_a_name_two_sites_share_is_an_error(tmp_path: Path) -> None:
    pops = tmp_path / "populations.yaml"
    pops.write_text(
        "sites:\n"
        "  - {id: a, name: A, kind: urban_community, clients: {elderly: 40}}\n"
        "  - {id: b, name: A, kind: urban_community, clients: {elderly: 20}}\n",
        encoding="utf-8",
    )
    roster = _roster(tmp_path, "A")
    result = swplan("plan", pops, roster, "--rules", V1_RULES)
    assert result.code == 2
    assert result.err == (
        f"error: {roster}:4:20: workers[2].site: 'A' is the name of 2 sites (a, b); "
        "write the site's id instead\n"
    )
    assert swplan("budget", pops, roster, "--rules", V1_RULES).err == result.err


def test_an_unlisted_site_kind_is_a_warning_of_plan_too(tmp_path: Path) -> None:
    pops = tmp_path / "populations.yaml"
    pops.write_text(
        "sites:\n  - {id: a, name: A, kind: urban_communty, clients: {elderly: 40}}\n",
        encoding="utf-8",
    )
    args = [pops, ONE_SITE / "roster.yaml", "--rules", ONE_SITE / "rules.yaml", "--years", "1"]
    data = swplan("plan", *args, "--format", "json").json()
    budget = swplan("budget", *args[:4], "--format", "json").json()
    assert (
        data["warnings"]
        == budget["warnings"]
        == [
            "site kind 'urban_communty' (site a) is not listed in the rules' site_kinds, so no "
            "minimum applies to it; nearest listed kind: 'urban_community'"
        ]
    )
    zh = swplan("plan", *args, "--lang", "zh")
    assert zh.code == 0
    (line,) = [x for x in zh.out.splitlines() if x.startswith("注意：")]
    # the kind as written, and the nearest listed kind by its label
    assert "'urban_communty'" in line and "'城市社区'" in line
    assert english(zh.out) == []


def test_a_csv_roster_gets_budget_s_error_word_for_word(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,site,education,title,hired\n"
        "W1,a,bachelor,none,2016-09-01\n"
        "W2,aa,bachelor,none,2020-01-01\n"
        "W3,A,bachelor,none,2020-01-01\n",  # site a, by its name
        encoding="utf-8",
    )
    args = [ONE_SITE / "populations.yaml", roster, "--rules", V1_RULES]
    result = swplan("plan", *args)
    assert result.code == 2
    assert result.err == (
        f"error: {roster}:3:2: site: 'aa' is not a site of the populations"
        "; 1 worker (W2) would be costed twice, as staff and as the post the site "
        "lacks: fix the site, add it to the populations, or give --allow-unknown-sites\n"
    )
    assert swplan("budget", *args).err == result.err


def test_a_scenario_named_like_another_sheet_gets_its_own(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    scenarios = tmp_path / "scenarios.yaml"
    scenarios.write_text("scenarios:\n  comparison: {}\n  Targets: {}\n", encoding="utf-8")
    out = tmp_path / "plan.xlsx"
    args = [ONE_SITE / "populations.yaml", ONE_SITE / "roster.yaml", "--rules", V1_RULES]
    result = swplan("plan", *args, "--scenarios", scenarios, "--target", "hires>=0@2026", "-o", out)
    assert result.code == 0, result.err
    book = load_workbook(out)
    assert book.sheetnames == ["Comparison", "comparison (2)", "Targets", "Targets (2)"]
    (chart,) = book["comparison (2)"]._charts
    assert [s.val.numRef.f for s in chart.series] == [
        "'comparison (2)'!$C$4:$C$8",
        "'comparison (2)'!$F$4:$F$8",
    ]
    assert list(table(book["Targets (2)"])[0]) == ["Target", "Scenario", "Value", "OK"]
